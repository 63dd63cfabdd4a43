import Glibc

/// The one place that talks to the C library's iconv: converts bytes between two charsets.
///
/// Mail arrives in every charset a mail client ever used, often with a few bytes that are not
/// valid in the charset it claims. A conversion therefore never fails halfway: each byte iconv
/// rejects becomes U+FFFD (or `?` when the target cannot hold it) and is counted, so callers can
/// say that the text was repaired.
///
///     let result = Iconv.convert(bytes, from: "KOI8-R", to: "UTF-8")   // nil if iconv lacks KOI8-R
public enum Iconv {
    /// The converted bytes and how many input bytes had to be replaced.
    public struct Conversion: Sendable, Hashable {
        public var bytes: [UInt8]
        public var replacements: Int
    }

    /// Whether iconv knows a charset, in the direction of UTF-8.
    public static func supports(_ charset: String) -> Bool {
        guard let descriptor = open(from: charset, to: "UTF-8") else { return false }
        iconv_close(descriptor)
        return true
    }

    /// Converts `input`, or returns nil when iconv knows one of the two charsets not at all.
    public static func convert<Bytes: Collection<UInt8>>(_ input: Bytes, from source: String, to target: String) -> Conversion? {
        guard let descriptor = DescriptorCache.forThisThread.descriptor(from: source, to: target) else { return nil }
        let replacement: [UInt8] = target.uppercased().hasPrefix("UTF-8") ? [0xEF, 0xBF, 0xBD] : [0x3F]
        var output = [UInt8]()
        output.reserveCapacity(input.count * 2 + 16)
        var replacements = 0
        var chunk = [UInt8](repeating: 0, count: min(max(256, input.count * 3 + 16), 1 << 16))

        let handled: Void? = input.withContiguousStorageIfAvailable { run(descriptor, $0, &output, &chunk, &replacements, replacement) }
        if handled == nil {
            Array(input).withUnsafeBufferPointer { run(descriptor, $0, &output, &chunk, &replacements, replacement) }
        }
        return Conversion(bytes: output, replacements: replacements)
    }

    fileprivate static func open(from source: String, to target: String) -> iconv_t? {
        let descriptor = iconv_open(target, source)
        guard let descriptor, Int(bitPattern: UnsafeRawPointer(descriptor)) != -1 else { return nil }
        return descriptor
    }

    private static func run(
        _ descriptor: iconv_t, _ input: UnsafeBufferPointer<UInt8>, _ output: inout [UInt8],
        _ chunk: inout [UInt8], _ replacements: inout Int, _ replacement: [UInt8]
    ) {
        guard let base = input.baseAddress else { return flush(descriptor, &output, &chunk) }
        var inPointer = UnsafeMutablePointer(mutating: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        while inLeft > 0 {
            let (status, code) = chunk.withUnsafeMutableBytes { buffer -> (Int, Int32) in
                var outPointer: UnsafeMutablePointer<CChar>? = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outLeft = buffer.count
                var inOptional: UnsafeMutablePointer<CChar>? = inPointer
                let status = iconv(descriptor, &inOptional, &inLeft, &outPointer, &outLeft)
                let code = errno
                inPointer = inOptional!
                output.append(contentsOf: buffer[0..<(buffer.count - outLeft)])
                return (status, code)
            }
            if status != -1 { break }
            switch code {
            case E2BIG:
                continue
            case EILSEQ:
                output.append(contentsOf: replacement)
                replacements += 1
                inPointer += 1
                inLeft -= 1
            default:
                // EINVAL: the input ends inside a multi-byte sequence.
                output.append(contentsOf: replacement)
                replacements += 1
                inLeft = 0
            }
        }
        flush(descriptor, &output, &chunk)
    }

    /// Stateful encodings (ISO-2022-JP) may owe a final shift sequence.
    private static func flush(_ descriptor: iconv_t, _ output: inout [UInt8], _ chunk: inout [UInt8]) {
        chunk.withUnsafeMutableBytes { buffer in
            var outPointer: UnsafeMutablePointer<CChar>? = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
            var outLeft = buffer.count
            _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
            output.append(contentsOf: buffer[0..<(buffer.count - outLeft)])
        }
    }
}

/// Open iconv descriptors, one set per thread (a descriptor carries conversion state and must not
/// be shared). Opening one loads the charset's gconv module and closing it unloads it again:
/// done per message that was a fifth of parsing a mailbox, so descriptors stay open for the
/// thread's life and are reset before each use.
private final class DescriptorCache {
    private var open: [String: iconv_t] = [:]

    func descriptor(from source: String, to target: String) -> iconv_t? {
        let key = source + "\u{0}" + target
        if let descriptor = open[key] {
            _ = iconv(descriptor, nil, nil, nil, nil)  // back to the initial shift state
            return descriptor
        }
        guard let descriptor = Iconv.open(from: source, to: target) else { return nil }
        open[key] = descriptor
        return descriptor
    }

    deinit {
        for descriptor in open.values { iconv_close(descriptor) }
    }

    static var forThisThread: DescriptorCache {
        if let existing = pthread_getspecific(key) {
            return Unmanaged<DescriptorCache>.fromOpaque(existing).takeUnretainedValue()
        }
        let cache = DescriptorCache()
        pthread_setspecific(key, Unmanaged.passRetained(cache).toOpaque())
        return cache
    }

    /// Releases a thread's cache (closing its descriptors) when the thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<DescriptorCache>.fromOpaque(pointer).release()
        }
        return key
    }()
}
