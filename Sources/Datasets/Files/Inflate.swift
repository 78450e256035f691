/// A decoder for DEFLATE streams (RFC 1951), the compression inside gzip files.
///
/// Written for MLHub so that the Fashion-MNIST `.gz` files load without a zlib dependency. It
/// favours clarity over speed: a 9-bit lookup table resolves the common short Huffman codes in
/// one step, and longer codes are decoded canonically, one length at a time.
enum Inflate {
    /// Decompresses the DEFLATE stream that starts at `start` in `input`.
    ///
    /// - Parameters:
    ///   - outputLimit: the most bytes to produce.
    ///   - stopAtLimit: when `true`, decoding stops quietly once `outputLimit` bytes exist (for
    ///     reading only the beginning of a file); when `false`, more output is an error.
    ///   - sizeHint: the expected output size, used only to reserve memory.
    /// - Returns: the output and the offset of the first byte after the stream (meaningless when
    ///   decoding stopped at the limit).
    /// - Throws: ``DatasetError/corruptCompressedData(offset:reason:)`` for a malformed stream,
    ///   ``DatasetError/truncated(field:offset:needed:available:)`` when the input ends early,
    ///   ``DatasetError/limitExceeded(what:value:limit:)`` past `outputLimit`.
    static func decompress(_ input: UnsafeBufferPointer<UInt8>, from start: Int = 0, outputLimit: Int,
                           stopAtLimit: Bool = false, sizeHint: Int = 0) throws(DatasetError) -> (output: [UInt8], end: Int) {
        var state = InflateState(input: input, start: start, outputLimit: outputLimit, stopAtLimit: stopAtLimit,
                                 sizeHint: sizeHint)
        defer { state.output.release() }
        try state.run()
        return (state.output.bytes(), state.bits.endOffset)
    }
}

/// The bit-level view of the input: DEFLATE packs fields starting at the least significant bit
/// of each byte. Up to 64 bits are buffered; past the end of the input, zero bits are supplied
/// (and counted in `padding`) so that a table lookup may look ahead, but consuming them is an
/// error.
struct BitReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    var position: Int
    var buffer: UInt64 = 0
    var count = 0
    var padding = 0

    init(_ input: UnsafeBufferPointer<UInt8>, start: Int) {
        // A placeholder keeps `base` valid for an empty buffer (nothing is ever read from it).
        base = input.baseAddress.map { UnsafePointer($0) } ?? UnsafePointer(bitPattern: 1)!
        end = input.count
        position = start
    }

    /// The input offset just after the last byte that was (partly) consumed.
    var endOffset: Int { position - (count - padding) / 8 }

    @inline(__always)
    mutating func refill() {
        while count <= 56 {
            if position < end {
                buffer |= UInt64(base[position]) &<< UInt64(count)
                position &+= 1
            } else {
                padding &+= 8
            }
            count &+= 8
        }
    }

    @inline(__always)
    mutating func consume(_ n: Int) throws(DatasetError) {
        buffer = buffer &>> UInt64(n)
        count &-= n
        if count < padding {
            throw .truncated(field: "compressed stream", offset: end, needed: 1, available: 0)
        }
    }

    /// The next `n` bits (n ≤ 32) as an integer, first bit least significant.
    @inline(__always)
    mutating func bits(_ n: Int) throws(DatasetError) -> Int {
        if count < n { refill() }
        let value = Int(truncatingIfNeeded: buffer & ((1 &<< UInt64(n)) &- 1))
        try consume(n)
        return value
    }

    /// Drops the bits up to the next byte boundary and hands the buffered whole bytes back to
    /// the input, so that stored blocks can copy bytes directly.
    mutating func alignToByte() {
        let real = count - padding
        position -= real / 8
        buffer = 0
        count = 0
        padding = 0
    }
}

/// A canonical Huffman code (RFC 1951 §3.2.2), decoded through a lookup table indexed by the
/// next 9 bits; codes longer than that fall back to walking the code lengths.
struct HuffmanCode {
    static let fastBits = 9
    /// `symbol << 4 | length` for codes of at most `fastBits` bits; 0 sends the decoder to the
    /// slow path.
    var fast: [UInt16]
    /// How many codes have each length 0...15.
    var lengthCounts: [Int]
    /// The symbols ordered by code: by length, then by symbol value.
    var sortedSymbols: [UInt16]

    /// The code whose symbol `i` has bit length `lengths[i]` (0: unused).
    /// - Throws: when the lengths claim more codes than fit (an over-subscribed code).
    init(lengths: ArraySlice<Int>, offset: Int) throws(DatasetError) {
        lengthCounts = [Int](repeating: 0, count: 16)
        for l in lengths { lengthCounts[l] += 1 }
        lengthCounts[0] = 0
        var available = 1
        for l in 1...15 {
            available = available * 2 - lengthCounts[l]
            if available < 0 {
                throw .corruptCompressedData(offset: offset, reason: "a Huffman code is over-subscribed")
            }
        }
        // The first code of each length, and where each length's symbols start in sortedSymbols.
        var nextCode = [Int](repeating: 0, count: 16)
        var slot = [Int](repeating: 0, count: 16)
        var code = 0
        for l in 1...15 {
            code = (code + lengthCounts[l - 1]) << 1
            nextCode[l] = code
            slot[l] = slot[l - 1] + lengthCounts[l - 1]
        }
        sortedSymbols = [UInt16](repeating: 0, count: lengths.count)
        fast = [UInt16](repeating: 0, count: 1 << Self.fastBits)
        for (symbol, l) in zip(0..., lengths) where l > 0 {
            sortedSymbols[slot[l]] = UInt16(symbol)
            slot[l] += 1
            let c = nextCode[l]
            nextCode[l] += 1
            guard l <= Self.fastBits else { continue }
            // The code is sent most significant bit first, so in the LSB-first bit buffer it
            // appears reversed.
            var reversed = 0
            for b in 0..<l where c & (1 << b) != 0 { reversed |= 1 << (l - 1 - b) }
            let entry = UInt16(symbol << 4 | l)
            var i = reversed
            while i < fast.count {
                fast[i] = entry
                i += 1 << l
            }
        }
    }

    /// Reads one symbol.
    @inline(__always)
    func decode(_ bits: inout BitReader) throws(DatasetError) -> Int {
        if bits.count < 15 { bits.refill() }
        let entry = Int(fast[Int(truncatingIfNeeded: bits.buffer) & ((1 << Self.fastBits) - 1)])
        if entry != 0 {
            try bits.consume(entry & 15)
            return entry >> 4
        }
        return try decodeSlowly(&bits)
    }

    private func decodeSlowly(_ bits: inout BitReader) throws(DatasetError) -> Int {
        var code = 0, first = 0, index = 0
        for length in 1...15 {
            code |= Int((bits.buffer >> UInt64(length - 1)) & 1)
            let n = lengthCounts[length]
            if code - first < n {
                try bits.consume(length)
                return Int(sortedSymbols[index + code - first])
            }
            index += n
            first = (first + n) << 1
            code <<= 1
        }
        throw .corruptCompressedData(offset: bits.endOffset, reason: "a bit sequence matches no Huffman code")
    }
}

/// Output that grows by doubling, written through a pointer (an Array's per-byte append is slow
/// in debug builds, where the tests run).
struct ByteSink {
    var pointer: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 1024)
        pointer = .allocate(capacity: self.capacity)
    }

    mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: pointer, count: count)
        pointer.deallocate()
        pointer = grown
        capacity = newCapacity
    }

    func bytes() -> [UInt8] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    func release() { pointer.deallocate() }
}

/// The base values and extra-bit counts of length symbols 257...285 and distance symbols 0...29
/// (RFC 1951 §3.2.5).
private enum DeflateTables {
    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                             67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                               1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
                                11, 11, 12, 12, 13, 13]
    /// The order in which a dynamic block lists the code lengths of the code-length alphabet.
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    // The fixed codes of block type 1 (RFC 1951 §3.2.6); built once, they cannot fail.
    static let fixedLiterals: HuffmanCode = {
        let lengths = (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 }
        return try! HuffmanCode(lengths: lengths[...], offset: 0)
    }()
    static let fixedDistances: HuffmanCode = {
        try! HuffmanCode(lengths: [Int](repeating: 5, count: 30)[...], offset: 0)
    }()
}

private struct InflateState {
    var bits: BitReader
    var output: ByteSink
    let outputLimit: Int
    let stopAtLimit: Bool
    var reachedLimit = false

    init(input: UnsafeBufferPointer<UInt8>, start: Int, outputLimit: Int, stopAtLimit: Bool, sizeHint: Int) {
        bits = BitReader(input, start: start)
        output = ByteSink(capacity: Swift.min(Swift.max(sizeHint, 0), outputLimit) + 16)
        self.outputLimit = outputLimit
        self.stopAtLimit = stopAtLimit
    }

    mutating func run() throws(DatasetError) {
        var isFinal = false
        while !isFinal && !reachedLimit {
            isFinal = try bits.bits(1) == 1
            switch try bits.bits(2) {
            case 0: try copyStoredBlock()
            case 1: try decodeBlock(literals: DeflateTables.fixedLiterals, distances: DeflateTables.fixedDistances)
            case 2:
                let (literals, distances) = try readDynamicCodes()
                try decodeBlock(literals: literals, distances: distances)
            default:
                throw .corruptCompressedData(offset: bits.endOffset, reason: "block type 3 is reserved")
            }
        }
    }

    /// Makes room for `n` more bytes; returns how many may be written (fewer at the limit).
    private mutating func room(for n: Int) throws(DatasetError) -> Int {
        if output.count + n > outputLimit {
            guard stopAtLimit else {
                throw .limitExceeded(what: "decompressed bytes", value: output.count + n, limit: outputLimit)
            }
            reachedLimit = true
            return outputLimit - output.count
        }
        output.reserve(n)
        return n
    }

    private mutating func copyStoredBlock() throws(DatasetError) {
        bits.alignToByte()
        let at = bits.position
        guard bits.end - at >= 4 else {
            throw .truncated(field: "stored block header", offset: at, needed: 4, available: bits.end - at)
        }
        let length = Int(bits.base[at]) | Int(bits.base[at + 1]) << 8
        let complement = Int(bits.base[at + 2]) | Int(bits.base[at + 3]) << 8
        guard length ^ 0xFFFF == complement else {
            throw .corruptCompressedData(offset: at, reason: "a stored block's length and its complement disagree")
        }
        guard bits.end - at - 4 >= length else {
            throw .truncated(field: "stored block", offset: at + 4, needed: length, available: bits.end - at - 4)
        }
        let n = try room(for: length)
        (output.pointer + output.count).update(from: bits.base + at + 4, count: n)
        output.count += n
        bits.position = at + 4 + length
    }

    private mutating func readDynamicCodes() throws(DatasetError) -> (HuffmanCode, HuffmanCode) {
        let literalCount = try bits.bits(5) + 257
        let distanceCount = try bits.bits(5) + 1
        let codeLengthCount = try bits.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw .corruptCompressedData(offset: bits.endOffset, reason: "a dynamic block declares too many codes")
        }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            codeLengthLengths[DeflateTables.codeLengthOrder[i]] = try bits.bits(3)
        }
        let codeLengthCode = try HuffmanCode(lengths: codeLengthLengths[...], offset: bits.endOffset)
        let total = literalCount + distanceCount
        var lengths = [Int]()
        lengths.reserveCapacity(total)
        while lengths.count < total {
            let symbol = try codeLengthCode.decode(&bits)
            var repeated = 0, count = 0
            switch symbol {
            case 0...15:
                lengths.append(symbol)
                continue
            case 16:
                guard let previous = lengths.last else {
                    throw .corruptCompressedData(offset: bits.endOffset, reason: "a repeat code comes before any length")
                }
                repeated = previous
                count = try 3 + bits.bits(2)
            case 17: count = try 3 + bits.bits(3)
            default: count = try 11 + bits.bits(7)
            }
            guard lengths.count + count <= total else {
                throw .corruptCompressedData(offset: bits.endOffset, reason: "code lengths overrun their table")
            }
            lengths.append(contentsOf: repeatElement(repeated, count: count))
        }
        guard lengths[256] != 0 else {
            throw .corruptCompressedData(offset: bits.endOffset, reason: "a dynamic block has no end-of-block code")
        }
        return (try HuffmanCode(lengths: lengths[0..<literalCount], offset: bits.endOffset),
                try HuffmanCode(lengths: lengths[literalCount...], offset: bits.endOffset))
    }

    private mutating func decodeBlock(literals: HuffmanCode, distances: HuffmanCode) throws(DatasetError) {
        while true {
            let symbol = try literals.decode(&bits)
            if symbol < 256 {
                if output.count == output.capacity || output.count == outputLimit {
                    guard try room(for: 1) == 1 else { return }
                }
                output.pointer[output.count] = UInt8(truncatingIfNeeded: symbol)
                output.count &+= 1
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < 29 else {
                throw .corruptCompressedData(offset: bits.endOffset, reason: "invalid length symbol \(symbol)")
            }
            let length = try DeflateTables.lengthBase[lengthIndex] + bits.bits(DeflateTables.lengthExtra[lengthIndex])
            let distanceSymbol = try distances.decode(&bits)
            guard distanceSymbol < 30 else {
                throw .corruptCompressedData(offset: bits.endOffset, reason: "invalid distance symbol \(distanceSymbol)")
            }
            let distance = try DeflateTables.distanceBase[distanceSymbol]
                + bits.bits(DeflateTables.distanceExtra[distanceSymbol])
            guard distance <= output.count else {
                throw .corruptCompressedData(offset: bits.endOffset,
                                             reason: "a match reaches back \(distance) bytes, before the start of the output")
            }
            let n = try room(for: length)
            let destination = output.pointer + output.count
            let source = destination - distance
            if distance >= n {
                destination.update(from: source, count: n)
            } else {
                // An overlapping match repeats the last `distance` bytes: copy byte by byte.
                for i in 0..<n { destination[i] = source[i] }
            }
            output.count &+= n
            if reachedLimit { return }
        }
    }
}
