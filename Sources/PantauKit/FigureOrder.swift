import Foundation

/// Region codes found by their bytes, without making a String: a code's digits and its
/// digit count packed into one integer (`RegionCode.packed`). The loader uses it for
/// every field that is not the code of the row before; the reporting path
/// (`LoadContext.region`) gives the message when it finds nothing.
struct RegionCodeLookup: Sendable {
    // An open-addressing table (linear probing, a multiplicative hash, each slot's code
    // and region side by side so a lookup touches one cache line): in a shuffled file the
    // lookups are random, and their cost is the memory they touch.
    private struct Slot { var key: UInt64; var region: RegionIndex }
    private var slots: [Slot]  // key 0 = empty: a packed code is never 0
    private let shift: UInt64

    /// `codes[i]` is the code of region `i`.
    init(_ codes: [RegionCode]) {
        var bits = 4
        while (1 << bits) * 3 < codes.count * 4 { bits += 1 }  // at most three quarters full
        shift = UInt64(64 - bits)
        slots = [Slot](repeating: Slot(key: 0, region: 0), count: 1 << bits)
        let mask = (1 << bits) - 1
        for (index, code) in codes.enumerated() {
            guard let key = RegionCode.packed(code.text.utf8) else { continue }
            var slot = Self.slot(key, shift)
            while slots[slot].key != 0, slots[slot].key != key { slot = (slot + 1) & mask }
            if slots[slot].key == 0 { slots[slot] = Slot(key: key, region: RegionIndex(index)) }
        }
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The region whose code the bytes are exactly; nil for any other bytes (a code of
    /// the wrong shape, or of no region in the list).
    @inline(__always)
    func region(_ bytes: UnsafeBufferPointer<UInt8>) -> RegionIndex? {
        guard let key = RegionCode.packed(bytes) else { return nil }
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Self.slot(key, shift)
            while true {
                let found = slots[slot]
                if found.key == key { return found.region }
                if found.key == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }
}

extension RegionCode {
    /// The code's digits as one number, with the number of digits in the top byte, so
    /// `32.01` and `3201` (not a code) never meet; nil unless the bytes have a code's
    /// shape (`hasValidShape`), which is the same rule `RegionCode(_:)` applies.
    @inline(__always)
    static func packed<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64? {
        guard hasValidShape(bytes) else { return nil }
        var value: UInt64 = 0, digits: UInt64 = 0
        for byte in bytes where byte != UInt8(ascii: ".") {
            value = value &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
            digits &+= 1
        }
        return digits << 56 | value
    }
}

extension RegionCode {
    /// A number that orders codes as `RegionCode.<` does, from the code's bytes: each part
    /// plus one (an absent part is 0, so a code comes before its descendants) in 7, 7, 7
    /// and 14 bits; Indonesia (`0`) is 0. Nil unless the bytes have a code's shape
    /// (`hasValidShape`, the one rule).
    @inline(__always)
    static func orderKey(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard hasValidShape(bytes) else { return nil }
        if bytes.count == 1 { return 0 }
        var key: UInt64 = 0, part: UInt64 = 0, parts = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                key = key << 7 | (part + 1)
                part = 0
                parts += 1
            } else {
                part = part &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
            }
        }
        // The last part: a desa's four digits take 14 bits, the others 7.
        if parts == 3 { return key << 14 | (part + 1) }
        key = key << 7 | (part + 1)
        for _ in parts..<2 { key <<= 7 }
        return key << 14
    }

    /// The same for a code's text.
    static func orderKey(_ code: RegionCode) -> UInt64 {
        var text = code.text
        return text.withUTF8 { orderKey($0) } ?? 0
    }
}

/// A figure's place in the dataset's order (region, indicator, year, source) as one
/// integer, so that ordering and finding duplicates compare integers. The widths are set
/// from the number of regions and sources; `nil` from `init` when they do not fit 64 bits
/// (more than about 2^24 regions with as many sources: the loader then compares keys
/// field by field).
struct FigureKeyLayout: Sendable {
    let sourceBits: Int
    let yearShift: Int
    let indicatorShift: Int
    let regionShift: Int

    static let yearBits = 8  // FieldRules.years: 201 values from 1900
    static let indicatorBits = 8

    init?(regionCount: Int, sourceCount: Int) {
        precondition(FieldRules.years.count <= 1 << Self.yearBits && IndicatorID.allCases.count <= 1 << Self.indicatorBits)
        sourceBits = Self.bits(for: sourceCount)
        yearShift = sourceBits
        indicatorShift = yearShift + Self.yearBits
        regionShift = indicatorShift + Self.indicatorBits
        guard regionShift + Self.bits(for: regionCount) <= 64 else { return nil }
    }

    /// Bits that hold every value below `count`.
    private static func bits(for count: Int) -> Int { max(1, Int.bitWidth - max(count - 1, 0).leadingZeroBitCount) }

    @inline(__always)
    func key(region: RegionIndex, indicator: IndicatorID, year: Int, source: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: region)) << regionShift | UInt64(indicator.order) << indicatorShift
            | UInt64(year - FieldRules.years.lowerBound) << yearShift | UInt64(UInt32(bitPattern: source))
    }
}

enum StableOrder {
    /// The positions of `keys` in ascending order, equal keys in their original order,
    /// and the keys in that order.
    /// A least-significant-digit radix sort over the bytes in which the keys differ (a
    /// file sorted by indicator or shuffled costs a few passes of counting, not a
    /// comparison sort of half a million figures).
    static func of(_ keys: [UInt64]) -> (order: [UInt32], sorted: [UInt64]) {
        let count = keys.count
        var order = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialised in
            for index in 0..<count { buffer[index] = UInt32(index) }
            initialised = count
        }
        guard count > 1 else { return (order, keys) }
        var differing: UInt64 = 0
        let first = keys[0]
        for key in keys { differing |= key ^ first }
        var keysNow = keys
        var keysNext = [UInt64](repeating: 0, count: count)
        var orderNext = [UInt32](repeating: 0, count: count)
        for digit in 0..<8 where (differing >> (digit * 8)) & 0xFF != 0 {
            let shift = UInt64(digit * 8)
            var counts = [Int](repeating: 0, count: 257)
            keysNow.withUnsafeBufferPointer { keys in
                for key in keys { counts[Int((key >> shift) & 0xFF) + 1] += 1 }
            }
            for bucket in 0..<256 { counts[bucket + 1] += counts[bucket] }
            keysNow.withUnsafeBufferPointer { keys in
                order.withUnsafeBufferPointer { order in
                    keysNext.withUnsafeMutableBufferPointer { keysOut in
                        orderNext.withUnsafeMutableBufferPointer { orderOut in
                            for index in 0..<count {
                                let bucket = Int((keys[index] >> shift) & 0xFF)
                                let place = counts[bucket]
                                counts[bucket] = place + 1
                                keysOut[place] = keys[index]
                                orderOut[place] = order[index]
                            }
                        }
                    }
                }
            }
            swap(&keysNow, &keysNext)
            swap(&order, &orderNext)
        }
        return (order, keysNow)
    }

    /// Sorts `keys` by their bits under `mask`, stably, moving `values` along, when only
    /// runs of keys with the same bits from `runShift` up (a region's figures) are out of
    /// order: an insertion sort within each run (a region has a few figures).
    static func sortRuns(_ keys: inout [UInt64], _ values: inout [Double], mask: UInt64, runShift: Int) {
        keys.withUnsafeMutableBufferPointer { keys in
            values.withUnsafeMutableBufferPointer { values in
                var runStart = 0
                while runStart < keys.count {
                    let run = (keys[runStart] & mask) >> runShift
                    var runEnd = runStart + 1
                    while runEnd < keys.count, (keys[runEnd] & mask) >> runShift == run { runEnd += 1 }
                    if runEnd - runStart > 1 {
                        for index in (runStart + 1)..<runEnd {
                            let key = keys[index], value = values[index]
                            var place = index
                            while place > runStart, keys[place - 1] & mask > key & mask {
                                keys[place] = keys[place - 1]
                                values[place] = values[place - 1]
                                place -= 1
                            }
                            keys[place] = key
                            values[place] = value
                        }
                    }
                    runStart = runEnd
                }
            }
        }
    }

    /// Sorts `keys` by their lowest `bits` bits, stably, moving `values` along: a
    /// least-significant-digit radix sort with as few passes as digits of at most 11 bits
    /// allow (a shuffled national file: three passes over 16 bytes a figure, each reading
    /// in order and writing to at most 2,048 places, and no random gather afterwards).
    static func radixSort(_ keys: inout [UInt64], _ values: inout [Double], bits: Int) {
        let count = keys.count
        guard count > 1, bits > 0 else { return }
        let passes = (bits + 10) / 11
        let digitBits = (bits + passes - 1) / passes
        let buckets = 1 << digitBits
        let digitMask = UInt64(buckets - 1)
        // The bits above `bits` (what a key carries along) are no digit's.
        let keyMask: UInt64 = bits >= 64 ? ~0 : (1 << UInt64(bits)) - 1
        var keysNext = [UInt64](repeating: 0, count: count)
        var valuesNext = [Double](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: buckets)
        for pass in 0..<passes {
            let shift = UInt64(pass * digitBits)
            keys.withUnsafeBufferPointer { keysIn in
                values.withUnsafeBufferPointer { valuesIn in
                    keysNext.withUnsafeMutableBufferPointer { keysOut in
                        valuesNext.withUnsafeMutableBufferPointer { valuesOut in
                            counts.withUnsafeMutableBufferPointer { counts in
                                for bucket in 0..<buckets { counts[bucket] = 0 }
                                for key in keysIn { counts[Int(((key & keyMask) >> shift) & digitMask)] += 1 }
                                var total = 0
                                for bucket in 0..<buckets {
                                    let here = counts[bucket]
                                    counts[bucket] = total
                                    total += here
                                }
                                for index in 0..<count {
                                    let key = keysIn[index]
                                    let bucket = Int(((key & keyMask) >> shift) & digitMask)
                                    let place = counts[bucket]
                                    counts[bucket] = place + 1
                                    keysOut[place] = key
                                    valuesOut[place] = valuesIn[index]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keysNext)
            swap(&values, &valuesNext)
        }
    }

    /// Puts `values` in `order` (`values[i]` becomes the old `values[order[i]]`) in place,
    /// following each cycle of the permutation once.
    static func apply<Value>(_ order: [UInt32], to values: inout [Value]) {
        precondition(order.count == values.count)
        var done = [Bool](repeating: false, count: values.count)
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for start in buffer.indices where !done[start] {
                done[start] = true
                var position = start
                var from = Int(order[position])
                guard from != start else { continue }
                let saved = (base + start).move()
                while from != start {
                    (base + position).moveInitialize(from: base + from, count: 1)
                    position = from
                    done[position] = true
                    from = Int(order[position])
                }
                (base + position).initialize(to: saved)
            }
        }
    }
}
