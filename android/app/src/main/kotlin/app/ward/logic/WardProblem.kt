package app.ward.logic

/**
 * A failure the app can act on. The adapter over the core
 * ([app.ward.CoreVaultSession]) turns the core's error enum into this, so
 * screens and plain logic need not know the generated exception classes.
 *
 * [message] is the core's sentence, shown as it is; it is null when Ward
 * itself found the problem (an entry gone, the core said nothing), and the
 * screens then word [kind] from the string resources (`problemText` in ui/Problems.kt).
 *
 * @property kind what happened, to decide what to do next.
 * @property detail for [Kind.KEY_STORE], the key store's reason code (e.g. `KeyStoreException`), shown in the worded text.
 */
class WardProblem(
    val kind: Kind,
    message: String? = null,
    cause: Throwable? = null,
    val detail: String? = null,
) : Exception(message, cause) {
    /** What went wrong, from the app's point of view. */
    enum class Kind {
        /** The password (or the key store's key) does not open the vault: ask again. */
        WRONG_PASSWORD,

        /** The vault is locked: show the unlock screen. */
        LOCKED,

        /** Something the person typed, scanned or picked was refused: show the message beside it. */
        INVALID_INPUT,

        /** An entry cannot be decrypted; it is kept untouched. */
        DAMAGED_ENTRY,

        /** The entry is gone: refresh the list. */
        NOT_FOUND,

        /** The vault file could not be read or written. */
        STORAGE,

        /** The vault was written by a newer Ward: update the app. */
        NEWER_VERSION,

        /** The person cancelled the biometric prompt: offer the password. */
        KEY_STORE_CANCELLED,

        /** The Keystore key was invalidated (biometrics changed): use the password, then re-enable. */
        KEY_INVALIDATED,

        /** The platform key store failed otherwise. */
        KEY_STORE,

        /** The account is already in the vault. */
        DUPLICATE,

        /** There is no vault file yet: create one. */
        NO_VAULT,

        /** The vault file is damaged or not a vault: restore from a backup. Nothing was written. */
        NOT_A_VAULT,

        /** The file to import is encrypted: ask for its password and try again. */
        PASSWORD_NEEDED,

        /** A sensitive action needs the password (or biometric) again: ask, re-authenticate, retry. */
        REAUTH_REQUIRED,

        /** The vault file was changed outside Ward; the message says what. Entries still show; nothing was written. */
        TAMPERED,

        /** A bug in Ward. */
        INTERNAL,
    }
}
