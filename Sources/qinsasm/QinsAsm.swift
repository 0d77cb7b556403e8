import ArgumentParser
import FPINSISA
import Foundation
import QBinary
import QINSAssembler
import QINSSupport

/// `qinsasm`: assembles FPINS programs, disassembles binaries, prints the ISA reference.
@main
struct QinsAsm: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "qinsasm",
    abstract: "Assemble FPINS assembly into .qbin binaries, or disassemble them.",
    discussion: """
      Assemble:     qinsasm PROGRAM.qasm [-o OUT.qbin] [-I DIR]... [-D NAME=VALUE]... [--listing FILE]
      Disassemble:  qinsasm --disassemble PROGRAM.qbin [-o OUT.qasm]
      Reference:    qinsasm --isa-reference

      Errors are printed as FILE:LINE:COL: error: MESSAGE, every error of a run at once, and \
      the exit status is 1; a usage error (an unknown option, an output equal to the input) \
      exits 64 (EX_USAGE) before anything is read. -D overrides a .const of the program (its value is an \
      expression). Docs/isa.md describes the instructions, Docs/assembly.md the language.
      """,
    version: ToolVersion.line(
      tool: "qinsasm",
      commit: String(decoding: BuildCommit.contents(of: "commit.txt") ?? [], as: UTF8.self))
  )

  @Argument(help: "The program to assemble (.qasm), or with --disassemble the binary (.qbin).")
  var input: String?

  @Option(
    name: .short,
    help: "Output file. Assembling: defaults to INPUT with .qbin; disassembling: standard output.")
  var output: String?

  @Option(
    name: .customShort("I", allowingJoined: true),
    help: ArgumentHelp("Add a directory to the include search path.", valueName: "dir"))
  var includePaths: [String] = []

  @Option(
    name: .customShort("D", allowingJoined: true),
    help: ArgumentHelp("Override a constant: NAME=VALUE.", valueName: "name=value"))
  var defines: [String] = []

  @Option(
    help: "Write a listing (addresses, encodings, source, symbols, tensor layout) to this file.")
  var listing: String?

  @Flag(help: "Disassemble a .qbin instead of assembling.")
  var disassemble = false

  @Flag(help: "Print the instruction set reference (Markdown) generated from ISA/.")
  var isaReference = false

  func validate() throws {
    if isaReference { return }
    guard input != nil else { throw ValidationError("Missing the input file.") }
    for d in defines where !d.contains("=") {
      throw ValidationError("-D \(d): expected NAME=VALUE.")
    }
    if disassemble && (listing != nil || !defines.isEmpty || !includePaths.isEmpty) {
      throw ValidationError("--listing, -D and -I apply to assembling, not to --disassemble.")
    }
    // No output may be the input or another output; each must be writable.
    let outputs = (disassemble ? [output] : [assembledPath(input!), listing]).compactMap { $0 }
    do {
      try OutputFile.refuseOverlaps(outputs: outputs, inputs: [input!])
      for o in outputs { try OutputFile.check(o) }
    } catch {
      throw ValidationError(error.description + ".")
    }
  }

  /// Where an assembled binary goes: -o, or the input with .qbin.
  func assembledPath(_ input: String) -> String {
    output ?? ((input as NSString).deletingPathExtension + ".qbin")
  }

  /// Runs the command, then fails if its standard output could not be written.
  static func main() {
    StandardOutput.checkAtExit()
    main(nil)
  }

  func run() throws {
    if isaReference {
      print(ISAReference.markdown, terminator: "")
      return
    }
    let input = input!
    if disassemble { try runDisassembler(input) } else { try runAssembler(input) }
  }

  func runAssembler(_ input: String) throws {
    let result = Assembler.assemble(
      file: input, options: AssemblyOptions(includePaths: includePaths, defineTexts: defines))
    for d in result.diagnostics { printError(d.description) }
    guard let image = result.image else { throw ExitCode(1) }
    let target = assembledPath(input)
    try write(Data(BinaryWriter.bytes(of: image)), to: target)
    if let listing {
      try write(
        Data(Listing.text(of: image, sourceLines: result.sourceLines, source: input).utf8),
        to: listing)
    }
  }

  func runDisassembler(_ input: String) throws {
    let image: ProgramImage
    do {
      image = try ProgramFile.readBinary(input)
    } catch {
      printError(
        error.description.replacingOccurrences(
          of: "\(input): ", with: "\(input): error: ", options: .anchored))
      throw ExitCode(1)
    }
    let text = Disassembler.text(of: image, source: input)
    if let output {
      try write(Data(text.utf8), to: output)
    } else {
      print(text, terminator: "")
    }
  }
}
