/// One asynchronous unit's schedule: when it can start its next operation, when its work is
/// done, and the start times of operations issued to it but not yet started (its queue).
struct UnitTimeline {
  /// Operations that may wait in the queue before issue stalls.
  let queueDepth: Int
  /// When the unit can start another operation.
  var free = 0
  /// When every result it has been given is written.
  var done = 0
  /// Start times of issued operations, ascending (in-order units start in order).
  var starts: [Int] = []
  /// Whether the operation occupying the unit until `free` is limited by memory bandwidth.
  var boundByMemory = false
  var busyCycles = 0

  init(queueDepth: Int) { self.queueDepth = queueDepth }

  /// The earliest time at or after `t` at which the queue has room for another operation.
  mutating func acceptTime(from t: Int) -> Int {
    starts.removeAll { $0 <= t }
    guard starts.count >= queueDepth else { return t }
    return max(t, starts[starts.count - queueDepth])
  }

  /// Schedules an operation: it starts at `start`, occupies the unit `occupancy` cycles and
  /// writes its results `latency` cycles later. Returns the finish time.
  mutating func schedule(start: Int, occupancy: Int, latency: Int, memoryBound: Bool) -> Int {
    starts.append(start)
    free = start + occupancy
    boundByMemory = memoryBound
    busyCycles += occupancy
    let finish = start + occupancy + latency
    done = max(done, finish)
    return finish
  }
}
