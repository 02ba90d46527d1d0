// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "HaiCap",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "haicap", targets: ["haicap"]),
        .library(name: "VietnameseText", targets: ["VietnameseText"]),
        .library(name: "Retrieval", targets: ["Retrieval"]),
        .library(name: "LegalText", targets: ["LegalText"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
    ],
    targets: [
        .target(name: "VietnameseText"),
        .target(name: "Retrieval", dependencies: ["VietnameseText"]),
        .target(name: "LegalText", dependencies: ["VietnameseText"]),
        .target(
            name: "HaiCapCore",
            dependencies: ["VietnameseText", "Retrieval", "LegalText"]
        ),
        .target(
            name: "HaiCapData",
            resources: [.copy("Resources")]
        ),
        .target(
            name: "HaiCapStore",
            dependencies: [
                "HaiCapCore", "HaiCapData",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "HaiCapNotify",
            dependencies: [
                "HaiCapCore", "HaiCapStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "HaiCapWeb",
            dependencies: [
                "HaiCapCore", "HaiCapStore", "HaiCapData", "HaiCapNotify",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "haicap",
            dependencies: [
                "HaiCapWeb", "HaiCapStore", "HaiCapCore", "HaiCapNotify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "VietnameseTextTests", dependencies: ["VietnameseText"]),
        .testTarget(name: "RetrievalTests", dependencies: ["Retrieval", "VietnameseText"]),
        .testTarget(name: "LegalTextTests", dependencies: ["LegalText"], exclude: ["Fixtures"]),
        .testTarget(name: "HaiCapCoreTests", dependencies: ["HaiCapCore"]),
        .testTarget(
            name: "FuzzTests",
            dependencies: [
                "HaiCapWeb", "HaiCapStore", "HaiCapCore", "LegalText", "VietnameseText", "Retrieval",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "HaiCapWebTests",
            dependencies: [
                "HaiCapWeb", "HaiCapStore", "HaiCapCore", "HaiCapNotify",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
    ]
)
