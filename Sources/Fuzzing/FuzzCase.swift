/// One case of a process surface: the files it writes into its working directory and the
/// commands it runs there, in order (the first word names the built product).
public struct FuzzCase: Sendable {
  public var surface: FuzzSurface
  public var index: Int
  public var files: [(name: String, bytes: [UInt8])]
  public var commands: [[String]]

  public init(
    surface: FuzzSurface, index: Int, files: [(name: String, bytes: [UInt8])],
    commands: [[String]]
  ) {
    self.surface = surface
    self.index = index
    self.files = files
    self.commands = commands
  }
}
