/// A failure a command reports to the user: printed as `Error: <message>`, exit status 1.
struct CommandError: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}
