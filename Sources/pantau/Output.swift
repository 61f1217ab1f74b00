import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

/// A message on standard error, sanitised (`DisplayText.sanitizeLines`): the one way
/// pantau writes a message on any stream, so no escape sequence from a path, a value or a
/// server's words reaches the terminal.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((DisplayText.sanitizeLines(text) + "\n").utf8))
}

/// A message on standard output, sanitised like `printError`.
func say(_ text: String) {
    print(DisplayText.sanitizeLines(text))
}
