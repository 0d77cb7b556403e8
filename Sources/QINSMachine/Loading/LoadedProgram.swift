import FPINSISA
import MachineDescription
import QBinary
import QINSNumbers
import QINSSupport
import TensorIO

/// A tensor file bound to a program's tensor by its binding name.
public struct Binding: Sendable {
  public var name: String
  public var tensor: FloatTensor
  /// Where it came from, for messages.
  public var source: String

  public init(name: String, tensor: FloatTensor, source: String) {
    self.name = name
    self.tensor = tensor
    self.source = source
  }
}

/// A program placed on a machine: instructions decoded, tensors laid out in bytes in their
/// memory levels, values loaded (Pattern B: bound FP32 data is encoded to each tensor's
/// format at load, with a minimum-error per-tensor scale).
struct LoadedProgram {
  let image: ProgramImage
  let instructions: [Instruction]
  let placements: [TensorPlacement]
  let formats: [MachineDescription.ValueFormat]
  var values: [TensorValues]
  let bytesUsed: [MemorySpace: Int]

  /// The seed of the fixed-seed fill for tensor `name`: stable across runs and machines.
  static func fillSeed(_ name: String) -> UInt64 {
    name.utf8.reduce(UInt64(0xC0FF_EE00)) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
  }

  init(
    image: ProgramImage, machine m: MachineDescription, bindings: [Binding],
    converted: ConvertedWeights? = nil, resident: [String: ResidentTensor] = [:],
    parallelism: Parallelism = .serial, storage: Bool = true,
    hostMemory: HostMemoryBudget = .standard
  ) throws(Fault) {
    self.image = image
    instructions = image.instructions
    let (placements, used) = TensorLayout.place(
      image.tensors, storageBytesPerValue: m.storageBytesPerValue,
      accumulatorBytesPerValue: m.accumulatorFormat.bytesPerValue)
    self.placements = placements
    bytesUsed = used
    for space in [MemorySpace.spad, .lbuf, .acc] {
      let capacity = m.memory(space)!.capacityBytes
      if let need = used[space], need > capacity {
        let biggest = zip(image.tensors, placements).filter { $0.0.space == space }.max {
          $0.1.byteCount < $1.1.byteCount
        }!
        throw Fault(
          kind: .capacityExceeded,
          message:
            "\(space.rawValue) needs \(need) bytes for the program's tensors, the machine has \(capacity) (the largest is \(biggest.0.name), \(biggest.1.byteCount) bytes)"
        )
      }
    }
    if let need = used[.dram], need > m.dram.capacityBytes {
      throw Fault(
        kind: .capacityExceeded,
        message: "dram needs \(need) bytes, the machine has \(m.dram.capacityBytes)")
    }
    formats = image.tensors.map { t in
      switch t.format {
      case .storage: m.storageFormat
      case .accumulator: m.accumulatorFormat
      case .fp32: .fp32
      case .fpins(let l): .fpins(l)
      }
    }
    if storage {
      // Every value lives in host memory (DRAM tensors too): refuse a program whose tensors
      // would not fit before allocating any of them.
      let formats = formats
      let sizes = image.tensors.enumerated().map { i, t -> Int? in
        t.binding.map { resident[$0] != nil } == true
          ? 0
          : TensorValues.hostBytes(
            format: formats[i], count: t.elementCount, elementScales: m.usesElementScales)
      }
      do {
        try hostMemory.check(HostMemoryBudget.sum(sizes), for: "the program's tensors")
      } catch {
        let largest = sizes.indices.max { (sizes[$0] ?? .max) < (sizes[$1] ?? .max) }
        let detail = largest.map {
          " (the largest is \(image.tensors[$0].name) \(image.tensors[$0].shape), \(sizes[$0].map(HostMemoryBudget.text) ?? "over 2^63 bytes"))"
        }
        throw Fault(kind: .hostMemoryExceeded, message: error.description + (detail ?? ""))
      }
    }
    var byName: [String: Binding] = [:]
    for b in bindings {
      guard image.tensors.contains(where: { $0.binding == b.name }) else {
        let names = image.tensors.compactMap(\.binding)
        throw Fault(
          kind: .badBinding,
          message:
            "the program binds no tensor named '\(b.name)' (it binds: \(names.isEmpty ? "none" : names.joined(separator: ", ")))"
        )
      }
      byName[b.name] = b
    }
    for name in resident.keys where !image.tensors.contains(where: { $0.binding == name }) {
      throw Fault(
        kind: .badBinding,
        message: "the program binds no tensor named '\(name)' (a resident tensor)")
    }
    var values: [TensorValues] = []
    for (i, t) in image.tensors.enumerated() {
      if let name = t.binding, let r = resident[name] {
        guard r.fits(format: formats[i], count: t.elementCount, machine: m) else {
          throw Fault(
            kind: .badBinding,
            message:
              "resident tensor '\(name)' from \(r.machineName) (shape \(r.shape)) does not fit tensor \(t.name) \(t.shape) on \(m.name)"
          )
        }
        if storage {
          values.append(r.values)
        } else {
          // Its metadata, and where its scales came from (a timing-only run's resident
          // tensors carry no values either).
          var v = TensorValues(
            format: formats[i], count: t.elementCount, elementScales: m.usesElementScales,
            grid: r.values.grid, storage: false)
          v.fixedScale = r.values.fixedScale
          v.fixedChoice = r.values.fixedChoice
          v.scaleChoices = r.values.scaleChoices
          v.boundChoices = r.values.boundChoices
          values.append(v)
        }
        continue
      }
      var v = TensorValues(
        format: formats[i], count: t.elementCount, elementScales: m.usesElementScales,
        grid: formats[i] == m.storageFormat
          ? m.storageElementFormat : formats[i].elementFormat(rounding: m.rounding),
        storage: storage)
      var data: [Float]? = storage ? t.initialData : nil
      if let name = t.binding {
        if let b = byName[name] {
          guard b.tensor.shape == t.shape else {
            throw Fault(
              kind: .badBinding,
              message:
                "\(b.source) has shape \(b.tensor.shape), tensor \(t.name) is declared \(t.shape)")
          }
          if !storage {
            values.append(Self.withoutValues(v, machine: m, rowLength: t.shape.last ?? 1))
            continue
          }
          if let bad = b.tensor.values.firstIndex(where: { !$0.isFinite }) {
            throw Fault(
              kind: .badBinding,
              message:
                "\(b.source): element \(bad) is \(b.tensor.values[bad]); only finite values can be loaded"
            )
          }
          data = b.tensor.values
        } else if data == nil && storage {
          // Unbound inputs get fixed-seed normal values so that every program runs.
          var g = SeededGenerator(seed: Self.fillSeed(t.name))
          data = g.normalFloats(count: t.elementCount)
        }
      }
      if !storage {
        values.append(
          t.binding != nil || t.initialData != nil
            ? Self.withoutValues(v, machine: m, rowLength: t.shape.last ?? 1) : v)
        continue
      }
      var key: ConvertedWeights.Key?
      if let converted, formats[i] != .fp32, let name = t.binding, let b = byName[name] {
        let k = ConvertedWeights.key(b, m)
        if let done = converted.value(for: k), done.count == v.count {
          values.append(done)
          continue
        }
        key = k
      }
      if let data {
        if v.hasElementScales {
          Self.loadScaled(
            data, into: &v, machine: m, rowLength: t.shape.last ?? 1, parallelism: parallelism)
        } else {
          try Self.load(data, into: &v, rounding: m.rounding, name: t.name)
        }
      }
      if let key, let converted { converted.insert(v, for: key) }
      values.append(v)
    }
    self.values = values
  }

  /// A loaded tensor's metadata in a timing-only run: what ``loadScaled`` would have set
  /// besides the values (where its scales come from, and a first-write scale that stands,
  /// under per-tensor weight scales).
  static func withoutValues(
    _ v: TensorValues, machine m: MachineDescription, rowLength: Int
  ) -> TensorValues {
    var v = v
    guard v.hasElementScales else { return v }
    setBoundChoices(&v, machine: m, rowLength: rowLength)
    if m.quantization.weights == .tensor && m.quantization.activations == .firstWrite {
      v.fixedScale = 1
    }
    return v
  }

  /// Where a bound tensor's scales come from: one choice per group of the weight rule (a row
  /// of `rowLength` values, an output channel; or the tensor), none for BF16 (always 1). With
  /// per-tensor weight scales and the `first_write` rule, that choice is the one that stands.
  static func setBoundChoices(
    _ v: inout TensorValues, machine m: MachineDescription, rowLength: Int
  ) {
    guard v.tracksScaleChoices, v.count > 0 else { return }
    let group = m.quantization.weights == .channel ? max(1, rowLength) : v.count
    let first = ScaleChoiceID.reserve((v.count + group - 1) / group)
    v.boundChoices = .groups(first: first, group: group)
    v.scaleChoices = []
    if m.quantization.weights == .tensor && m.quantization.activations == .firstWrite {
      v.fixedChoice = first
    }
  }

  /// Encodes FP32 data into a tensor with element scales, by the machine's weight rule: one
  /// scale for the tensor, or one per row of `rowLength` values (an output channel of a
  /// PyTorch-layout weight). Weights are converted before the run: no cost is charged.
  static func loadScaled(
    _ data: [Float], into v: inout TensorValues, machine m: MachineDescription, rowLength: Int,
    parallelism: Parallelism = .serial
  ) {
    let chooser = ScaleChoice(
      format: v.grid!,
      type: m.quantization.scaleType, calibration: m.quantization.weightCalibration)
    let group = m.quantization.weights == .channel ? max(1, rowLength) : max(1, data.count)
    let groups = (data.count + group - 1) / group
    // Each group's scale and values depend on its data only: chunks of groups are converted on
    // all threads, each into its own tensor, then copied in.
    let chunkGroups = max(1, (1 << 16) / group)
    let chunks = (groups + chunkGroups - 1) / chunkGroups
    let (format, grid, rounding) = (v.format, v.grid, m.rounding)
    var parts = [TensorValues?](repeating: nil, count: chunks)
    parts.withUnsafeMutableBufferPointer { buffer in
      let parts = SharedPointer(buffer)
      parallelism.forEach(chunks) { c in
        let start = c * chunkGroups * group
        let end = min(data.count, start + chunkGroups * group)
        var part = TensorValues(
          format: format, count: end - start, elementScales: true, grid: grid)
        data.withUnsafeBufferPointer { values in
          var g0 = start
          while g0 < end {
            let g1 = min(end, g0 + group)
            let scale = chooser.scale(for: UnsafeBufferPointer(rebasing: values[g0..<g1])).scale
            _ = part.store(
              UnsafeBufferPointer(rebasing: values[g0..<g1]), at: g0 - start, scale: scale,
              rounding: rounding)
            g0 = g1
          }
        }
        parts[c] = part
      }
    }
    for (c, part) in parts.enumerated() {
      let part = part!
      v.copyTile(
        rows: 1, cols: part.count, from: part, at: 0, stride: 0, to: c * chunkGroups * group,
        stride: 0)
    }
    if m.quantization.weights == .tensor && m.quantization.activations == .firstWrite {
      v.fixedScale = v.count > 0 ? v.scales[0] : nil
    }
    setBoundChoices(&v, machine: m, rowLength: rowLength)
  }

  /// Encodes FP32 data into a tensor's format with a minimum-error scale.
  static func load(
    _ data: [Float], into v: inout TensorValues, rounding: RoundingMode, name: String
  ) throws(Fault) {
    switch v.format {
    case .fp32:
      v.floats = data
    case .fpins(0):
      do {
        let (t, _) = try QINS8Tensor.encode(data, mode: rounding)
        v.signs = t.signs
        v.levels = t.codes
        v.exponent = t.scaleExponent
      } catch {
        throw Fault(kind: .badBinding, message: "\(name): \(error)")
      }
      v.exponentSet = true
    case .int8, .fp8e4m3, .fp8e5m2, .bf16:
      for (i, x) in data.enumerated() { v.store(i, Double(x), rounding: rounding) }
    case .fpins(let l):
      do {
        let t = try FPINSTensor.encode(data, depth: l, encoder: .optimal)
        v.signs = t.signs
        v.levels = t.levels
        v.exponent = t.scaleExponent
      } catch {
        throw Fault(kind: .badBinding, message: "\(name): \(error)")
      }
      v.exponentSet = true
    }
  }
}
