/// The text of one QR code the camera or a screenshot gave, classified (the app
/// asks the core what an `otpauth-migration://` code holds).
public enum ScannedText: Equatable, Sendable {
    /// An `otpauth://` URI: one account.
    case account(uri: String)
    /// One QR code of a Google Authenticator export.
    case exportPart(ExportPart)
    /// Anything else: a web link, a Wi-Fi code, text.
    case unrecognized
}

/// One QR code of a Google Authenticator export. Google splits a large export
/// over several QR codes that share a batch id; each says its index and how
/// many there are.
public struct ExportPart: Equatable, Sendable {
    /// The `otpauth-migration://offline?data=...` text, handed to the core's
    /// import as it is.
    public let uri: String
    /// The batch id shared by the QR codes of one export.
    public let batchId: Int64
    /// This code's position, from 0.
    public let index: Int
    /// How many QR codes the export has (1 when it fits in one).
    public let count: Int

    public init(uri: String, batchId: Int64, index: Int, count: Int) {
        self.uri = uri
        self.batchId = batchId
        self.index = index
        self.count = count
    }
}

/// Collects what the camera sees until there is something to add: a single
/// account at once, or every QR code of a multi-code Google export.
///
/// The camera reports the same code many times a second; repeats are
/// ignored. A code from another export starts over with that export, since
/// codes from two exports must never be mixed.
public struct ScanSession: Equatable, Sendable {
    /// What one scanned code changed.
    public enum Outcome: Equatable, Sendable {
        /// An account URI: add it, the scan is over.
        case account(uri: String)
        /// Every part of the export is here, in index order: import them.
        case exportComplete(uris: [String])
        /// A new part was collected; `scanned` of `count` so far.
        case exportProgress(scanned: Int, count: Int)
        /// A part of another export replaced the one being collected.
        case restartedWithAnotherExport(scanned: Int, count: Int)
        /// Nothing new (a repeat, or a code after the session finished).
        case nothingNew
        /// Not an authenticator code; the screen says so.
        case unrecognized
    }

    private var batchId: Int64?
    private var count = 0
    private var parts: [Int: String] = [:]
    private var finished = false
    /// Hashes of the texts already handled (not the texts: they hold
    /// secrets).
    private var seen: Set<Int> = []

    public init() {}

    /// True the first time a text is seen in this session. The camera
    /// reports the code in view many times a second: the app handles a text
    /// (adds it, imports it, reports it) only when it is new.
    public mutating func isNew(_ text: String) -> Bool {
        seen.insert(text.hashValue).inserted
    }

    /// After an account could not be added (already in the vault, invalid),
    /// lets the session take another code. The one that failed stays seen,
    /// so it is not tried again every frame.
    public mutating func retry() {
        finished = false
    }

    /// The indexes still missing from the export being collected (1-based,
    /// as the screen shows them), empty when none is being collected.
    public var missingParts: [Int] {
        guard batchId != nil else { return [] }
        return (0..<count).filter { parts[$0] == nil }.map { $0 + 1 }
    }

    /// Takes one scanned code.
    public mutating func accept(_ code: ScannedText) -> Outcome {
        if finished {
            return .nothingNew
        }
        switch code {
        case .unrecognized:
            return .unrecognized
        case .account(let uri):
            finished = true
            return .account(uri: uri)
        case .exportPart(let part):
            return collect(part)
        }
    }

    private mutating func collect(_ part: ExportPart) -> Outcome {
        let partCount = max(part.count, 1)
        guard part.index >= 0, part.index < partCount else {
            return .unrecognized
        }
        var restarted = false
        if batchId != part.batchId || count != partCount {
            restarted = batchId != nil
            batchId = part.batchId
            count = partCount
            parts = [:]
        }
        if parts[part.index] != nil {
            return .nothingNew
        }
        parts[part.index] = part.uri
        if parts.count == count {
            finished = true
            let uris = (0..<count).compactMap { parts[$0] }
            return .exportComplete(uris: uris)
        }
        if restarted {
            return .restartedWithAnotherExport(scanned: parts.count, count: count)
        }
        return .exportProgress(scanned: parts.count, count: count)
    }
}
