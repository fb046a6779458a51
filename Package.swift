// swift-tools-version: 6.2
import PackageDescription

/// Settings every target shares: Swift 6 language mode is the tools default; these add the rest.
let sharedSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Relais",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "relaisd", targets: ["relaisd"]),
        .executable(name: "relaisctl", targets: ["relaisctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Leaves: each knows nothing of the others.
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "SMTP", dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")]),
        .target(name: "Bounces", dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")]),
        .target(name: "CivilTime"),
        .target(name: "MIME", dependencies: ["CivilTime"]),
        .target(name: "ICalendar", dependencies: ["CivilTime"]),
        .target(name: "Recurrence", dependencies: ["CivilTime"]),
        .target(name: "Templates", dependencies: [.product(name: "Mustache", package: "swift-mustache")]),
        .target(
            name: "DKIM",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // What the store holds, as the rest of Relais sees it: values and ids, no database types.
        .target(name: "StoreModel"),
        // The SQLite store through GRDB; its records stay inside, what it hands out is StoreModel's.
        .target(
            name: "Store",
            dependencies: ["CivilTime", "StoreModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The PostgreSQL backend (location, connections, migrations, schema, LISTEN/NOTIFY, the store
        // for several daemons, its change listener): StoreModel's values over postgres-nio, without
        // GRDB and without Store.
        .target(
            name: "PostgresStore",
            dependencies: [
                "StoreModel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Systemd",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // The application, in layers over the leaves. What every layer shares: sysexits errors,
        // the blocking executor, the log handler, timestamps.
        .target(
            name: "RelaisSupport",
            dependencies: ["MIME", "Recurrence", "Store", .product(name: "Logging", package: "swift-log")]
        ),
        // relais.yaml: the keys, their defaults and checks, environment overrides, secrets from files.
        .target(
            name: "RelaisSettings",
            dependencies: [
                "RelaisSupport", "Bounces", "DKIM", "MIME", "Recurrence", "Store", "Templates",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // How messages leave: the SMTP and file transports, outcome mapping, retry, the relay-wide breaker.
        .target(
            name: "RelaisDelivery",
            dependencies: [
                "RelaisSupport", "RelaisSettings", "Bounces", "SMTP", "Store", "StoreModel",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Members, events, planning and composition: what the executables and services call.
        .target(
            name: "Relais",
            dependencies: [
                "RelaisSupport", "RelaisSettings", "RelaisDelivery",
                "Bounces", "DKIM", "ICalendar", "MIME", "PostgresStore", "Recurrence", "SMTP", "Store", "Templates",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The members' web endpoint (one-click unsubscribe, preferences, RSVP, /healthz, /metrics):
        // Hummingbird stays here, out of the leaves and out of relaisctl.
        .target(
            name: "RelaisWeb",
            dependencies: [
                "Relais", "Recurrence", "StoreModel", "Templates",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The daemon's services: the delivery engine, the ledger, heartbeat, reload, readiness, web.
        .target(
            name: "RelaisDaemon",
            dependencies: [
                "Relais", "RelaisWeb", "PostgresStore", "SMTP", "Store", "Systemd", "Templates",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),

        // Thin executables.
        .executableTarget(
            name: "relaisd",
            dependencies: [
                "Relais", "RelaisDaemon", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "relaisctl",
            dependencies: [
                "Relais", "DKIM", "MIME", "ICalendar", "PostgresStore", "Recurrence", "SMTP", "Store", "Templates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Benchmarks (make bench), always built in release mode.
        .executableTarget(
            name: "relais-bench",
            dependencies: [
                "CCurl", "ICalendar", "MIME", "Recurrence", "Relais", "SMTP", "Templates",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Tests, and what they share.
        .target(
            name: "RelaisTestSupport",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Tests/RelaisTestSupport"
        ),
        .testTarget(name: "CCurlTests", dependencies: ["CCurl"]),
        .testTarget(
            name: "SMTPTests",
            dependencies: ["SMTP", "CCurl", "RelaisTestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "MIMETests", dependencies: ["MIME", "RelaisTestSupport"]),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar", "RelaisTestSupport"]),
        .testTarget(name: "RecurrenceTests", dependencies: ["Recurrence", "RelaisTestSupport"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates"]),
        .testTarget(name: "DKIMTests", dependencies: ["DKIM", "RelaisTestSupport"]),
        .testTarget(
            name: "BouncesTests",
            dependencies: ["Bounces", "RelaisTestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "RelaisTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Schema"]
        ),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: [
                "PostgresStore", "StoreModel", "RelaisTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        // The queue's contract, the same tests on every backend (SQLite, PostgreSQL), and the copy
        // from one to the other (GRDB and PostgresNIO read both ends independently).
        .testTarget(
            name: "StoreContractTests",
            dependencies: [
                "Store", "StoreModel", "PostgresStore", "RelaisTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RelaisTests",
            dependencies: [
                "Relais", "RelaisDaemon", "RelaisDelivery", "RelaisSettings", "DKIM", "MIME", "Recurrence", "Store", "SMTP", "Templates",
                "RelaisTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SystemdTests",
            dependencies: [
                "Systemd", "RelaisDaemon", "RelaisTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "RelaisDaemonTests",
            dependencies: [
                "Relais", "RelaisDaemon", "Systemd", "SMTP", "Store", "RelaisTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["relaisctl", "relaisd", "RelaisTestSupport"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + sharedSettings
}
