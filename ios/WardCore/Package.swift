// swift-tools-version:5.9
//
// WardCore: the Rust core (ward-ffi, through UniFFI) as a Swift package, and
// the iOS app's non-view logic as plain Swift.
//
// Before building, run ios/scripts/build.sh on a Mac: it builds
// Frameworks/WardCoreFFI.xcframework (the static library for device and
// simulators, with the C header and module map) and copies the generated
// Swift API into Sources/WardCore/Generated/. Neither is committed.
//
// Tests run on an iOS simulator (the XCFramework has iOS slices only):
//   xcodebuild test -scheme WardCore-Package \
//     -destination 'platform=iOS Simulator,name=iPhone 15'
// The logic alone needs no Rust and runs on the Mac itself:
//   WARD_LOGIC_ONLY=1 swift test

import Foundation
import PackageDescription

let logicOnly = ProcessInfo.processInfo.environment["WARD_LOGIC_ONLY"] != nil

var products: [Product] = [
    .library(name: "WardAppLogic", targets: ["WardAppLogic"]),
]
var targets: [Target] = [
    // Lists, countdowns, scanning, locking: no UI, no platform calls.
    .target(name: "WardAppLogic", path: "Sources/WardAppLogic"),
    .testTarget(
        name: "WardAppLogicTests",
        dependencies: ["WardAppLogic"],
        path: "Tests/WardAppLogicTests"
    ),
]

if !logicOnly {
    products.append(.library(name: "WardCore", targets: ["WardCore"]))
    targets += [
        // The name must match the .xcframework's file name; the module
        // inside (WardCoreFFI, from its module.modulemap) is what the
        // generated Swift imports.
        .binaryTarget(name: "WardCoreFFI", path: "Frameworks/WardCoreFFI.xcframework"),
        // The UniFFI-generated Swift API (copied in, not committed).
        .target(name: "WardCore", dependencies: ["WardCoreFFI"], path: "Sources/WardCore"),
        // The core through Swift: the same cases as the Kotlin tests.
        .testTarget(
            name: "WardCoreTests",
            dependencies: ["WardCore", "WardAppLogic"],
            path: "Tests/WardCoreTests"
        ),
    ]
}

let package = Package(
    name: "WardCore",
    platforms: [.iOS(.v16), .macOS(.v13)],
    products: products,
    targets: targets
)
