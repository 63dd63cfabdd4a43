import CFuzzerDriver
import Foundation
import KefuFuzzTargets

/// kefu-fuzz: runs one fuzz target.
///
///     kefu-fuzz list
///     kefu-fuzz TARGET [libFuzzer options and corpus folders]   (the build from Tests/Fuzz/run)
///     kefu-fuzz plain TARGET CORPUS --seconds 20 [--seed N]      (any build)
///     kefu-fuzz replay TARGET FILE...                           (any build)
///
/// Under libFuzzer a broken invariant aborts, so libFuzzer saves the input as `crash-…`.

nonisolated(unsafe) var selected: FuzzTarget?

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: kefu-fuzz list | TARGET [libFuzzer args] | plain TARGET CORPUS [--seconds S] [--seed N] | replay TARGET FILE...\n".utf8))
    exit(2)
}

func target(_ name: String) -> FuzzTarget {
    guard let target = FuzzTargets.named(name) else {
        FileHandle.standardError.write(Data("kefu-fuzz: no target '\(name)' (kefu-fuzz list names them)\n".utf8))
        exit(2)
    }
    return target
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { usage() }

switch command {
case "list":
    for target in FuzzTargets.all { print(target.name) }
case "plain":
    guard arguments.count >= 3 else { usage() }
    let chosen = target(arguments[1])
    let corpus = PlainFuzzer.loadCorpus(URL(fileURLWithPath: arguments[2]))
    var seconds = 20.0
    var seed = UInt64(Date().timeIntervalSince1970)
    var rest = arguments.dropFirst(3).makeIterator()
    while let option = rest.next() {
        switch option {
        case "--seconds": seconds = rest.next().flatMap(Double.init) ?? seconds
        case "--seed": seed = rest.next().flatMap { UInt64($0) } ?? seed
        default: usage()
        }
    }
    let report = PlainFuzzer(target: chosen, corpus: corpus, seed: seed).run(executions: .max, seconds: seconds)
    print("\(chosen.name): \(report.executions) executions, \(report.findings.count) findings (plain runner, seed \(seed))")
    for (index, finding) in report.findings.enumerated() {
        let file = "crash-\(chosen.name)-\(seed)-\(index)"
        FileManager.default.createFile(atPath: file, contents: Data(finding.input))
        print("  \(finding.failure) -> \(file)")
    }
    exit(report.findings.isEmpty ? 0 : 1)
case "replay":
    guard arguments.count >= 3 else { usage() }
    let chosen = target(arguments[1])
    var failed = false
    for path in arguments.dropFirst(2) {
        guard let data = FileManager.default.contents(atPath: path) else { print("\(path): cannot read"); failed = true; continue }
        do {
            try chosen.check([UInt8](data))
            print("\(path): ok")
        } catch {
            print("\(path): \(error)")
            failed = true
        }
    }
    exit(failed ? 1 : 0)
default:
    guard kefu_fuzzer_available() != 0 else {
        FileHandle.standardError.write(Data("kefu-fuzz: built without libFuzzer (build it with Tests/Fuzz/run); 'kefu-fuzz plain' works in any build\n".utf8))
        exit(2)
    }
    selected = target(command)
    // libFuzzer reads the rest of the command line; the target's name is not for it.
    var cArguments: [UnsafeMutablePointer<CChar>?] = ([CommandLine.arguments[0]] + arguments.dropFirst()).map { strdup($0) } + [nil]
    var count = Int32(cArguments.count - 1)
    let status = cArguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
        return kefu_fuzzer_run(&count, &argv) { data, size in
            let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
            do {
                try selected!.check(bytes)
            } catch {
                FileHandle.standardError.write(Data("kefu-fuzz: invariant broken: \(error)\n".utf8))
                abort()
            }
            return 0
        }
    }
    exit(status)
}
