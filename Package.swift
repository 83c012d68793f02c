// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "papertrade",
    platforms: [.macOS("26.0")],
    products: [
        .executable(name: "papertrade", targets: ["papertrade"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/google/swift-benchmark.git", from: "0.1.2"),
    ],
    targets: [
        .target(name: "Decimals"),
        .target(name: "JSON", dependencies: ["Decimals"]),
        .target(name: "Core", dependencies: ["Decimals"]),
        .target(name: "Adapters", dependencies: ["Core", "Decimals", "JSON", .product(name: "Yams", package: "Yams")]),
        .target(name: "Ledger", dependencies: ["Core", "Decimals", "JSON"]),
        .target(name: "SQLiteLedger", dependencies: ["Core", "Decimals", "JSON", "Ledger", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "PostgresLedger",
            dependencies: ["Core", "Decimals", "JSON", "Ledger", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .target(
            name: "Server",
            dependencies: [
                "Core", "Adapters", "Decimals", "JSON", "Ledger",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "papertrade",
            dependencies: [
                "Core", "Adapters", "JSON", "Ledger", "SQLiteLedger", "PostgresLedger", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "papertrade-micro",
            dependencies: ["Core", "Decimals", "Adapters", "JSON", .product(name: "Benchmark", package: "swift-benchmark")],
            path: "bench/micro"
        ),
        .testTarget(name: "DecimalsTests", dependencies: ["Decimals", "TestSupport"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "TestSupport"]),
        .target(name: "TestSupport", dependencies: ["Core", "Ledger"], path: "Tests/TestSupport"),
        .testTarget(name: "CoreTests", dependencies: ["Core", "Decimals", "TestSupport"]),
        .testTarget(name: "AdaptersTests", dependencies: ["Adapters", "Core", "JSON", "TestSupport"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "Core", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["papertrade"]),
        .testTarget(
            name: "StorageTests",
            dependencies: ["PostgresLedger", "SQLiteLedger", "Ledger", "Core", "TestSupport", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Ledger", "SQLiteLedger", "Adapters", "Core", "JSON",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
