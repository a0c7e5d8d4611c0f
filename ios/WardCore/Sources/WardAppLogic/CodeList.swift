import Foundation

/// What one row of the codes list shows besides its names.
public enum RowContent: Equatable, Sendable {
    /// A TOTP or Steam code with the next one and its countdown.
    case timed(code: String, nextCode: String, secondsRemaining: UInt64, period: UInt64)
    /// An HOTP entry: no code until the user asks for one (asking advances
    /// the counter); `revealed` is the code the user last asked for.
    case hotp(counter: UInt64, revealed: String?)
    /// The entry cannot be read; it is kept untouched. `reason` says what
    /// to do.
    case damaged(reason: String)
}

/// One row of the codes list. `ID` is the core's entry id type.
public struct CodeRow<ID: Hashable>: Identifiable, Equatable {
    public let id: ID
    public let issuer: String
    public let account: String
    public let content: RowContent

    public init(id: ID, issuer: String, account: String, content: RowContent) {
        self.id = id
        self.issuer = issuer
        self.account = account
        self.content = content
    }

    /// The bold line: the issuer, else the account, else a placeholder.
    public var title: String {
        if !issuer.isEmpty {
            return issuer
        }
        if !account.isEmpty {
            return account
        }
        return "Unnamed account"
    }

    /// The line under it: the account when the title is the issuer.
    public var subtitle: String {
        issuer.isEmpty ? "" : account
    }

    /// Whether the row is a damaged entry.
    public var isDamaged: Bool {
        if case .damaged = content {
            return true
        }
        return false
    }
}

/// The codes list as the screen shows it: search and reordering on top of
/// the rows the core returned (in the vault's order).
public struct CodeList<ID: Hashable>: Equatable {
    /// Every row, in the vault's order.
    public var rows: [CodeRow<ID>]

    public init(rows: [CodeRow<ID>] = []) {
        self.rows = rows
    }

    /// The rows whose issuer or account contains every word of `query`,
    /// ignoring case and accents ("aws ali" finds "Amazon Web Services /
    /// alice" only if both words appear). An empty query shows all rows.
    public func filtered(by query: String) -> [CodeRow<ID>] {
        let words = query
            .split(whereSeparator: { $0.isWhitespace })
            .map { String($0) }
        if words.isEmpty {
            return rows
        }
        return rows.filter { row in
            let haystack = row.issuer + " " + row.account
            return words.allSatisfy { word in
                haystack.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]) != nil
            }
        }
    }

    /// Reordering is offered only on the full list: moving rows of a
    /// filtered list would be ambiguous.
    public func canReorder(query: String) -> Bool {
        query.allSatisfy { $0.isWhitespace }
    }

    /// The ids in their new order after moving the rows at `offsets` to
    /// before the row at `destination` (SwiftUI's `onMove` arguments), for
    /// the core's reorder call. Out-of-range offsets are ignored.
    public func ids(movingRowsAt offsets: IndexSet, to destination: Int) -> [ID] {
        let moving = offsets.filter { $0 >= 0 && $0 < rows.count }
        let movedIds = moving.map { rows[$0].id }
        var remaining: [ID] = []
        var insertAt = 0
        for (index, row) in rows.enumerated() where !moving.contains(index) {
            if index < destination {
                insertAt += 1
            }
            remaining.append(row.id)
        }
        remaining.insert(contentsOf: movedIds, at: min(insertAt, remaining.count))
        return remaining
    }

    /// Applies a new order of ids to the rows (after the core accepted it),
    /// so the list does not jump while it reloads.
    public mutating func reorder(to ids: [ID]) {
        var byId: [ID: CodeRow<ID>] = [:]
        for row in rows {
            byId[row.id] = row
        }
        var ordered = ids.compactMap { byId.removeValue(forKey: $0) }
        // Rows the order did not mention keep their relative order, last.
        ordered += rows.filter { byId[$0.id] != nil }
        rows = ordered
    }
}
