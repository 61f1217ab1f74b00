import CSystemZlib
import Foundation

/// Reads gzip files with the system's zlib: the official region list travels with pantau
/// as `data/wilayah/wilayah.csv.gz` (about 0.6 MB instead of 2.3 MB).
public enum Gzip {
    /// The input is not a complete gzip stream (zlib's message, e.g. "incorrect header check").
    public struct Failure: Error, Sendable, Equatable {
        public let reason: String
    }

    /// The largest output accepted, so that a hostile file cannot exhaust memory.
    public static let maximumOutput = 256 << 20

    /// Decompresses a whole gzip file (several members are read one after another, as
    /// `gzip -d` does).
    public static func decompress(_ input: [UInt8]) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: a gzip header and trailer, not a raw zlib stream.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var consumed = 0
        while true {
            let result: Int32 = input.withUnsafeBufferPointer { source in
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress.map { $0 + consumed })
                    stream.avail_in = UInt32(source.count - consumed)
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    consumed = source.count - Int(stream.avail_in)
                    return status
                }
            }
            let produced = chunk.count - Int(stream.avail_out)
            output.append(contentsOf: chunk[0..<produced])
            if output.count > maximumOutput { throw Failure(reason: "more than \(maximumOutput >> 20) MB uncompressed") }
            switch result {
            case Z_OK:
                if produced == 0 && consumed == input.count { throw Failure(reason: "unexpected end of file") }
            case Z_STREAM_END:
                // Another member may follow (`cat a.gz b.gz`); trailing zero padding is ignored.
                if consumed == input.count || input[consumed...].allSatisfy({ $0 == 0 }) { return output }
                guard inflateReset(&stream) == Z_OK else { throw Failure(reason: "zlib could not restart") }
            case Z_BUF_ERROR:
                throw Failure(reason: "unexpected end of file")
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(result)"
                throw Failure(reason: message)
            }
        }
    }

    /// Whether the bytes start like a gzip file (magic number 1f 8b).
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }
}
