// The fuzzer's entry point: hands control to libFuzzer's driver with `fuzzOneInput`
// (Harness.swift) as the callback. Flags and corpus directories are libFuzzer's own.
import CFuzzDriver

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
