import Foundation

/// Writes a command's output whole or not at all: to a file through a temporary file
/// beside it that is flushed, synced and renamed into place (a failure leaves the old
/// file, or none, never a truncated one), or to standard output with every write and
/// the final flush checked (`> /dev/full` fails instead of exiting 0).
public enum ReportOutput {
    public struct Failure: Error, Equatable, Sendable {
        /// The C library's words for the error (`No space left on device`).
        public let reason: String
        init(_ code: Int32) { reason = String(cString: strerror(code)) }
    }

    /// `path` nil: standard output. A path that is not a regular file (`/dev/full`,
    /// `/dev/stdout`, a pipe) is written directly, each write checked.
    public static func write(_ text: String, to path: String?) throws(Failure) {
        try write(bytes: Array(text.utf8), to: path)
    }

    /// The same for bytes (a workbook).
    public static func write(bytes: [UInt8], to path: String?) throws(Failure) {
        guard let path else {
            // Callers print nothing else on standard output before (print() buffers).
            try writeAll(bytes, to: 1)
            return
        }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Failure(errno) }
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor)
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/.pantau-out-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(errno) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do throws(Failure) {
            try writeAll(bytes, to: descriptor)
            if fsync(descriptor) != 0 { throw Failure(errno) }
            // mkstemp makes 0600; a report is an ordinary file (0666 less the umask).
            let mask = umask(0); umask(mask)
            fchmod(descriptor, 0o666 & ~mask)
            if close(descriptor) != 0 { throw Failure(errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw Failure(code)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(errno)
            }
            offset += written
        }
        // A regular file's errors can surface only on sync; for others, write is all there is.
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, descriptor == 1, fsync(1) != 0, errno != EINVAL {
            throw Failure(errno)
        }
    }
}
