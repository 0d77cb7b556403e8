import ArgumentParser

/// `qinssim fpins`: try the FPINS(L) format by hand.
struct FPINSCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fpins",
    abstract: "Encode and decode FPINS(L) values by hand.",
    subcommands: [FPINSEncodeCommand.self, FPINSDecodeCommand.self]
  )
}
