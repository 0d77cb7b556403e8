/// GGML's block formats decoded to `Float`, with the operations and their order of GGML's
/// reference dequantizers (`dequantize_row_*` in ggml-quants.c, mirrored by the `gguf`
/// Python package): half-precision scales widened exactly, then `d * q` or `d * q + m` (or
/// `- m` for the k-quants) in `Float`, rounded after each operation, no fused multiply-add.
/// The results are bit-identical to those references.
// The block decoders keep GGML's type names.
// swift-format-ignore: AlwaysUseLowerCamelCase
enum GGMLDequantizer {
  /// Decodes `source`, whole blocks of `type`, into `destination` (one `Float` per value).
  static func dequantize(
    _ type: GGMLType, _ source: UnsafeRawBufferPointer,
    into destination: UnsafeMutableBufferPointer<Float>
  ) {
    let blocks = source.count / type.bytesPerBlock
    precondition(blocks * type.blockSize == destination.count, "dequantize: size mismatch")
    let s = source.baseAddress!
    let d = destination.baseAddress!
    for b in 0..<blocks {
      let block = s + b * type.bytesPerBlock
      let out = d + b * type.blockSize
      switch type {
      case .f32: out[0] = Float(bitPattern: u32(block, 0))
      case .f16: out[0] = half(block, 0)
      case .bf16: out[0] = Float(bitPattern: UInt32(u16(block, 0)) << 16)
      case .q4_0: q4_0(block, out)
      case .q4_1: q4_1(block, out)
      case .q5_0: q5_0(block, out)
      case .q5_1: q5_1(block, out)
      case .q8_0: q8_0(block, out)
      case .q4_K: q4_K(block, out)
      case .q5_K: q5_K(block, out)
      case .q6_K: q6_K(block, out)
      default: preconditionFailure("dequantize: \(type.name) is not supported")
      }
    }
  }

  @inline(__always) static func u16(_ p: UnsafeRawPointer, _ o: Int) -> UInt16 {
    UInt16(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt16.self))
  }
  @inline(__always) static func u32(_ p: UnsafeRawPointer, _ o: Int) -> UInt32 {
    UInt32(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt32.self))
  }
  @inline(__always) static func byte(_ p: UnsafeRawPointer, _ o: Int) -> UInt8 {
    p.load(fromByteOffset: o, as: UInt8.self)
  }
  /// An IEEE half at byte `o`, widened exactly.
  @inline(__always) static func half(_ p: UnsafeRawPointer, _ o: Int) -> Float {
    Float(Float16(bitPattern: u16(p, o)))
  }

  /// Q4_0: half d, 16 bytes of nibbles; value j is `d * (nibble - 8)`, low nibbles of bytes
  /// 0...15 first, then their high nibbles.
  static func q4_0(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>) {
    let d = half(p, 0)
    for j in 0..<16 {
      let q = byte(p, 2 + j)
      out[j] = d * Float(Int(q & 0x0F) - 8)
      out[j + 16] = d * Float(Int(q >> 4) - 8)
    }
  }

  /// Q4_1: half d, half m, 16 bytes of nibbles; value j is `d * nibble + m`.
  static func q4_1(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>) {
    let d = half(p, 0)
    let m = half(p, 2)
    for j in 0..<16 {
      let q = byte(p, 4 + j)
      out[j] = d * Float(q & 0x0F) + m
      out[j + 16] = d * Float(q >> 4) + m
    }
  }

  /// Q5_0: half d, 32 high bits (bit j for value j), 16 bytes of low nibbles; value j is
  /// `d * (q - 16)`.
  static func q5_0(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>) {
    let d = half(p, 0)
    let high = u32(p, 2)
    for j in 0..<16 {
      let q = byte(p, 6 + j)
      let lo = Int(q & 0x0F) | Int((high >> UInt32(j)) & 1) << 4
      let hi = Int(q >> 4) | Int((high >> UInt32(j + 16)) & 1) << 4
      out[j] = d * Float(lo - 16)
      out[j + 16] = d * Float(hi - 16)
    }
  }

  /// Q5_1: half d, half m, 32 high bits, 16 bytes of low nibbles; value j is `d * q + m`.
  static func q5_1(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>) {
    let d = half(p, 0)
    let m = half(p, 2)
    let high = u32(p, 4)
    for j in 0..<16 {
      let q = byte(p, 8 + j)
      let lo = Int(q & 0x0F) | Int((high >> UInt32(j)) & 1) << 4
      let hi = Int(q >> 4) | Int((high >> UInt32(j + 16)) & 1) << 4
      out[j] = d * Float(lo) + m
      out[j + 16] = d * Float(hi) + m
    }
  }

  /// Q8_0: half d, 32 signed bytes; value j is `q * d`.
  static func q8_0(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>) {
    let d = half(p, 0)
    for j in 0..<32 { out[j] = Float(Int8(bitPattern: byte(p, 2 + j))) * d }
  }

  /// The 6-bit scale and minimum of sub-block `j` (0...7) of a Q4_K or Q5_K block's 12 scale
  /// bytes at `s`.
  @inline(__always) static func scaleMin(_ s: UnsafeRawPointer, _ j: Int) -> (Float, Float) {
    if j < 4 {
      return (Float(byte(s, j) & 63), Float(byte(s, j + 4) & 63))
    }
    let sc = (byte(s, j + 4) & 0x0F) | ((byte(s, j - 4) >> 6) << 4)
    let m = (byte(s, j + 4) >> 4) | ((byte(s, j) >> 6) << 4)
    return (Float(sc), Float(m))
  }

  /// Q4_K: half d, half dmin, 12 bytes of 6-bit scales and minimums for 8 sub-blocks of 32,
  /// 128 bytes of nibbles (sub-blocks 2i and 2i+1 are the low and high nibbles of bytes
  /// 32i...32i+31); value is `(d * scale) * q - (dmin * min)`.
  static func q4_K(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>) {
    scaledSubBlocks(p, nibbles: p + 16, highBits: nil, out)
  }

  /// Q5_K: as Q4_K, with 32 bytes of high bits before the nibbles (bit j of byte i is the
  /// fifth bit of value i of sub-block j).
  static func q5_K(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>) {
    scaledSubBlocks(p, nibbles: p + 48, highBits: p + 16, out)
  }

  /// The common body of Q4_K and Q5_K.
  @inline(__always) static func scaledSubBlocks(
    _ p: UnsafeRawPointer, nibbles qs: UnsafeRawPointer, highBits qh: UnsafeRawPointer?,
    _ out: UnsafeMutablePointer<Float>
  ) {
    let d = half(p, 0)
    let dmin = half(p, 2)
    let scales = p + 4
    for j in 0..<8 {
      let (sc, m) = scaleMin(scales, j)
      let dl = d * sc
      let ml = dmin * m
      let shift = UInt8(4 * (j & 1))
      for i in 0..<32 {
        let low = (byte(qs, 32 * (j >> 1) + i) >> shift) & 0x0F
        let high = qh.map { (byte($0, i) >> UInt8(j)) & 1 } ?? 0
        out[32 * j + i] = dl * Float(low | high << 4) - ml
      }
    }
  }

  /// Q6_K: 128 bytes of low nibbles, 64 bytes of 2-bit highs, 16 signed 8-bit scales (one
  /// per 16 values), half d; value is `(d * scale) * (q - 32)`. Each half of 128 values
  /// takes its low nibbles from 64 bytes (values 0...63 low nibbles, 64...127 high) and its
  /// high bits from 32 bytes (bits 2t, 2t+1 for values 32t...32t+31).
  static func q6_K(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>) {
    let ql = p
    let qh = p + 128
    let scales = p + 192
    let d = half(p, 208)
    for h in 0..<2 {
      for r in 0..<128 {
        let low = (byte(ql, 64 * h + r % 64) >> UInt8(4 * (r / 64))) & 0x0F
        let high = (byte(qh, 32 * h + r % 32) >> UInt8(2 * (r / 32))) & 3
        let e = 128 * h + r
        let scale = Float(Int8(bitPattern: byte(scales, e / 16)))
        out[e] = (d * scale) * Float(Int(low | high << 4) - 32)
      }
    }
  }
}
