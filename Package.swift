// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "kefu",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kefu", targets: ["kefu"]),
        .executable(name: "kefu-bench", targets: ["kefu-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // C shims: the only places that touch libc/ncurses directly.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "CWidth", path: "Sources/CWidth"),

        // Shipped data (templates, deadline policies, demo recipe); Resources/ is the source of truth.
        .target(
            name: "KefuResources",
            path: "Resources",
            exclude: ["README.md"],
            resources: [
                .copy("templates"), .copy("demo.json"), .copy("carriers.json"),
                .copy("sla.yaml"), .copy("checks"),
            ]
        ),

        // The domain: pure, deterministic, no SQL and no ncurses.
        .target(name: "KefuCore", dependencies: ["CWidth"]),
        // The user's configuration file (YAML, so errors can name file, line and field).
        .target(name: "KefuConfig", dependencies: ["KefuCore", .product(name: "Yams", package: "Yams")]),
        // Mail in and out: RFC 5322 / MIME parsing, charsets, Maildir and mbox, replies as MIME.
        .target(name: "KefuMail", dependencies: ["KefuCore"]),
        // The log file (swift-log with a file handler): ids and counts, never customer text.
        .target(name: "KefuLogging", dependencies: [.product(name: "Logging", package: "swift-log")]),
        // Evidence files on local disk, content-addressed, for both store backends (the records are the store's).
        .target(name: "KefuEvidenceFiles", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Persistence behind `TicketStore`; GRDB never leaks out of this module.
        .target(
            name: "KefuStore",
            dependencies: [
                "KefuCore", "KefuEvidenceFiles", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Persistence on a PostgreSQL server, for a team on many machines; postgres-nio never leaks out of this module.
        .target(
            name: "KefuPostgres",
            dependencies: [
                "KefuCore", "KefuEvidenceFiles", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // A throwaway PostgreSQL server on loopback (initdb, pg_ctl) for the tests and kefu-bench.
        .target(name: "KefuScratchPostgres", dependencies: ["KefuCore", "KefuPostgres"]),
        // Real channels in and out: mailbox and order-report import, outbox delivery (sendmail, JSON Lines).
        .target(
            name: "KefuChannels",
            dependencies: ["KefuCore", "KefuMail", "KefuStore", "KefuEvidenceFiles", .product(name: "Logging", package: "swift-log")]),
        // The console as pure code: state, actions, reduce, layout, views into a ScreenBuffer.
        .target(name: "KefuConsole", dependencies: ["KefuCore"]),
        // The only ncurses code: draws ScreenBuffers, reports keys, decides nothing.
        .target(name: "KefuTerminal", dependencies: ["KefuConsole", "CNcursesw"]),
        // The executable only wires.
        .executableTarget(
            name: "kefu",
            dependencies: [
                "KefuCore", "KefuStore", "KefuPostgres", "KefuConsole", "KefuTerminal", "KefuResources", "KefuConfig", "KefuMail",
                "KefuChannels", "KefuLogging",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmark programs that print figures (never timed assertions in tests).
        .executableTarget(
            name: "kefu-bench",
            dependencies: [
                "KefuCore", "KefuStore", "KefuPostgres", "KefuScratchPostgres", "KefuConsole", "KefuResources", "KefuConfig", "KefuMail",
                "KefuChannels", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Fuzz targets, one per parser, with their invariants; run by kefu-fuzz (libFuzzer when
        // Tests/Fuzz/run builds it so, else a seeded mutation runner) and by KefuFuzzTests.
        .target(
            name: "KefuFuzzTargets", dependencies: ["KefuCore", "KefuMail", "KefuConfig", "KefuChannels", "KefuResources"],
            path: "Tests/Fuzz/Targets"),
        .target(name: "CFuzzerDriver", path: "Tests/Fuzz/CFuzzerDriver"),
        .executableTarget(name: "kefu-fuzz", dependencies: ["KefuFuzzTargets", "CFuzzerDriver"], path: "Tests/Fuzz/Driver"),
        .testTarget(name: "KefuFuzzTests", dependencies: ["KefuFuzzTargets"]),

        // Real stores in temporary folders and fixtures shared by the test targets.
        .target(name: "KefuTestSupport", dependencies: ["KefuCore", "KefuStore", "KefuPostgres", "KefuScratchPostgres"], path: "Tests/KefuTestSupport"),
        .testTarget(name: "KefuCoreTests", dependencies: ["KefuCore", "KefuResources", "KefuTestSupport"]),
        .testTarget(name: "KefuConfigTests", dependencies: ["KefuConfig", "KefuCore", "KefuResources"]),
        .testTarget(name: "KefuMailTests", dependencies: ["KefuMail", "KefuCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "KefuChannelsTests", dependencies: ["KefuChannels", "KefuMail", "KefuStore", "KefuCore", "KefuTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "KefuStoreTests", dependencies: ["KefuStore", "KefuCore", "KefuTestSupport"]),
        // One suite, two stores: the same store tests against SQLite and a real PostgreSQL server.
        .testTarget(name: "KefuStoreConformanceTests", dependencies: ["KefuStore", "KefuPostgres", "KefuCore", "KefuTestSupport"]),
        .testTarget(name: "KefuPostgresTests", dependencies: ["KefuPostgres", "KefuCore", "KefuTestSupport"]),
        .testTarget(
            name: "KefuConsoleTests", dependencies: ["KefuConsole", "KefuCore", "KefuResources", "KefuStore", "KefuTestSupport"],
            exclude: ["Snapshots"]),
        .testTarget(name: "KefuTerminalTests", dependencies: ["KefuTerminal", "KefuConsole"]),
        .testTarget(name: "KefuLoggingTests", dependencies: ["KefuLogging", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "KefuEndToEndTests", dependencies: ["KefuCore", "KefuStore", "KefuPostgres", "KefuTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
