extension TOMLParser {
  /// `count` decimal digits at `k` as a number, or nil.
  func digits(at k: Int, _ count: Int) -> Int? {
    var v = 0
    for i in k..<(k + count) {
      guard let c = at(i), Self.isDecimal(c) else { return nil }
      v = v * 10 + Int(c.value - 0x30)
    }
    return v
  }

  /// `HH:MM:SS[.fraction]` at `k`: its end, or nil when it is not there or out of range.
  func time(at k: Int) -> Int? {
    guard let h = digits(at: k, 2), at(k + 2) == ":", let m = digits(at: k + 3, 2),
      at(k + 5) == ":", let s = digits(at: k + 6, 2), h <= 23, m <= 59, s <= 59
    else { return nil }
    var end = k + 8
    if at(end) == ".", let c = at(end + 1), Self.isDecimal(c) {
      end += 1
      while let c = at(end), Self.isDecimal(c) { end += 1 }
    }
    return end
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// A date, time or date-time at the current place, or nil when none starts here.
  mutating func dateTime() throws(TOMLError) -> TOMLDateTime? {
    let start = pos
    func made(_ kind: TOMLDateTime.Kind, _ end: Int) -> TOMLDateTime {
      pos = end
      return TOMLDateTime(kind: kind, text: String(String.UnicodeScalarView(text[start..<end])))
    }
    // A local time alone.
    if at(pos + 2) == ":" {
      guard let end = time(at: pos) else { return nil }
      return made(.localTime, end)
    }
    guard let year = digits(at: pos, 4), at(pos + 4) == "-", let month = digits(at: pos + 5, 2),
      at(pos + 7) == "-", let day = digits(at: pos + 8, 2), (1...12).contains(month), day >= 1
    else { return nil }
    guard day <= Self.daysIn(month: month, year: year) else {
      let date = String(String.UnicodeScalarView(text[pos..<(pos + 10)]))
      throw error("the date \(date) does not exist", at: start)
    }
    let dateEnd = pos + 10
    if let t = at(dateEnd), t == "T" || t == "t", time(at: dateEnd + 1) == nil {
      throw error("a date-time's time is missing or malformed after the '\(t)'", at: dateEnd + 1)
    }
    guard let separator = at(dateEnd), separator == "T" || separator == "t" || separator == " ",
      let timeEnd = time(at: dateEnd + 1)
    else { return made(.localDate, dateEnd) }
    // An offset: Z, or +HH:MM / -HH:MM within a day.
    if let z = at(timeEnd), z == "Z" || z == "z" { return made(.offsetDateTime, timeEnd + 1) }
    if let s = at(timeEnd), s == "+" || s == "-", let h = digits(at: timeEnd + 1, 2),
      at(timeEnd + 3) == ":", let m = digits(at: timeEnd + 4, 2), h <= 23, m <= 59
    {
      return made(.offsetDateTime, timeEnd + 6)
    }
    return made(.localDateTime, timeEnd)
  }
}
