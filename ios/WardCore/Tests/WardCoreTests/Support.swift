import Foundation
import XCTest

/// Files shared by every language's tests live in the repository's tests/
/// folder. The simulator runs on the Mac and sees its file system, so the
/// tests read them in place: from WARD_REPO_ROOT when set (CI sets it, as
/// TEST_RUNNER_WARD_REPO_ROOT for xcodebuild), else found from this source
/// file's path.
enum Repository {
    static let root: URL = {
        if let root = ProcessInfo.processInfo.environment["WARD_REPO_ROOT"] {
            return URL(fileURLWithPath: root)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // WardCoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // WardCore
            .deletingLastPathComponent()  // ios
            .deletingLastPathComponent()  // repository root
    }()

    /// The file at `path` (relative to the repository root). Skips the test
    /// with the reason when it is missing, so that a moved fixture shows as
    /// a skip with its name rather than as a crash.
    static func data(_ path: String) throws -> Data {
        let url = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(path) is not in this checkout")
        }
        return try Data(contentsOf: url)
    }

    /// A JSON file as a dictionary.
    static func json(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: try data(path))
        return try XCTUnwrap(object as? [String: Any], "\(path) is not a JSON object")
    }
}

/// A fresh folder for a test's vault file, removed by `tearDown`.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ward-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
