import Foundation
import Security

/// The highest vault generation this device has seen
/// (`IntegrityCheck`), in the Keychain: this device only
/// (`kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly`), so it is not in
/// a backup and an attacker who can replace the vault file cannot lower it
/// with the same write. Eight bytes, big-endian.
enum GenerationStore {
    private static let service = "app.ward.vault-generation"
    private static let account = "vault"

    private static var query: [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
        ]
    }

    /// The stored generation, nil when none (or the Keychain is locked).
    static func load() -> UInt64? {
        var lookup = query
        lookup[kSecReturnData as String] = true
        lookup[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        guard SecItemCopyMatching(lookup as CFDictionary, &item) == errSecSuccess,
            let data = item as? Data, data.count == 8
        else {
            return nil
        }
        return data.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
    }

    /// Replaces the stored generation. Best effort: a Keychain failure
    /// only means the next rollback check has less to compare with.
    static func save(_ generation: UInt64) {
        let data = Data((0..<8).reversed().map { UInt8(truncatingIfNeeded: generation >> ($0 * 8)) })
        let update: [String: Any] = [kSecValueData as String: data]
        if SecItemUpdate(query as CFDictionary, update as CFDictionary) == errSecItemNotFound {
            var add = query
            add[kSecValueData as String] = data
            add[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
            SecItemAdd(add as CFDictionary, nil)
        }
    }
}
