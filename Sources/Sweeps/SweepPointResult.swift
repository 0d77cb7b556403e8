/// One point's result, as its file in the sweep's `points/` folder holds it.
public struct SweepPointResult: Codable, Sendable, Equatable {
  /// The sweep's ``SweepSpecification/digest``.
  public var sweep: String
  public var index: Int
  /// The point's fields (the list's and the grid's; not those set on every point).
  public var fields: [String: SweepValue]
  /// The figures by name (``SweepFigure``); empty when the point failed.
  public var figures: [String: Double]
  /// Why the point has no figures (a machine that cannot run the workload, say).
  public var error: String?

  public init(
    sweep: String, index: Int, fields: [String: SweepValue], figures: [String: Double],
    error: String?
  ) {
    self.sweep = sweep
    self.index = index
    self.fields = fields
    self.figures = figures
    self.error = error
  }

  /// The point file's name for point `index`.
  public static func fileName(_ index: Int) -> String { "point-\(index).json" }
}
