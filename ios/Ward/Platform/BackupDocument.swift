import SwiftUI
import UniformTypeIdentifiers

/// An export as a document for `fileExporter` (the Files app): the bytes the
/// core's export produced, written as they are.
struct BackupDocument: FileDocument {
    static let contentType = UTType.json
    static let defaultFilename = "ward-backup.json"
    static var readableContentTypes: [UTType] { [contentType] }

    let data: Data

    init(data: Data) {
        self.data = data
    }

    init(configuration: ReadConfiguration) throws {
        guard let data = configuration.file.regularFileContents else {
            throw CocoaError(.fileReadCorruptFile)
        }
        self.data = data
    }

    func fileWrapper(configuration: WriteConfiguration) throws -> FileWrapper {
        FileWrapper(regularFileWithContents: data)
    }
}
