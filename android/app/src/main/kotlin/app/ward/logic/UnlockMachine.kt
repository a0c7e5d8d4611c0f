package app.ward.logic

/** Where the app stands with the vault; decides which screen shows. */
sealed interface UnlockState {
    /** No vault yet: the first-run screen creates one with a password. */
    data object NoVault : UnlockState

    /**
     * Locked: the unlock screen shows.
     *
     * @property offerBiometric true when the biometric button is offered (a platform slot exists and its key is usable).
     * @property notice what to tell the person (wrong password, key invalidated, ...), or null.
     */
    data class Locked(val offerBiometric: Boolean, val notice: UnlockNotice? = null) : UnlockState

    /** Unlocked: the codes show. */
    data object Unlocked : UnlockState
}

/** What the unlock screen tells the person; the screen words it from its string resources. */
sealed interface UnlockNotice {
    /** The password typed does not open the vault. */
    data object WrongPassword : UnlockNotice

    /** The biometric key was invalidated (enrolment changed): the password still works. */
    data object BiometricKeyChanged : UnlockNotice

    /** Biometric unlock failed for a while; [reason] is the system's or the core's sentence. */
    data class UsePassword(val reason: String) : UnlockNotice

    /** The phone's key store failed while unlocking; [detail] is its reason code. The password still works. */
    data class KeyStoreFailed(val detail: String) : UnlockNotice
}

/**
 * The unlock state machine: first run, password and biometric unlock, the
 * Keystore key being invalidated, and locking. It calls the vault and wipes
 * every password it is given. Run its calls off the main thread.
 *
 * A biometric key that stops working never costs data: the machine stops
 * offering biometrics and asks for the password; the platform slot stays in
 * the vault until the person turns biometric unlock on again.
 */
class UnlockMachine(private val vault: VaultSession, private val hasPlatformSlot: () -> Boolean) {
    /** Set when the Keystore key turned out to be invalidated in this process. */
    private var platformKeyInvalidated = false

    /**
     * Set when biometric unlock failed (key store error, lockout, timeout,
     * hardware): until the next unlock only the password is offered, so a
     * failure can never lead straight to another prompt.
     */
    private var biometricPaused = false

    /** True until the unlock screen has opened the prompt by itself once for this lock. */
    private var autoPromptDue = true

    /** The current state. */
    var state: UnlockState = initialState()
        private set

    /** True when the person should be told to turn biometric unlock on again (after an invalidation). */
    val biometricNeedsReenrolment: Boolean get() = platformKeyInvalidated && hasPlatformSlot()

    private fun initialState(): UnlockState = when {
        !vault.exists -> UnlockState.NoVault
        vault.isUnlocked -> UnlockState.Unlocked
        else -> locked()
    }

    private fun locked(notice: UnlockNotice? = null) =
        UnlockState.Locked(offerBiometric = hasPlatformSlot() && !platformKeyInvalidated && !biometricPaused, notice = notice)

    /**
     * True once per lock: the unlock screen may open the biometric prompt by
     * itself now. Later screens (after a cancel, a failure, a rotation) wait
     * for the person to tap the button, so the prompt never loops.
     */
    fun takeAutoPrompt(): Boolean {
        val due = autoPromptDue && (state as? UnlockState.Locked)?.offerBiometric == true
        autoPromptDue = false
        return due
    }

    /** Creates the vault with [password] (wiped afterwards). */
    fun create(password: ByteArray): UnlockState {
        try {
            vault.create(password)
        } finally {
            password.fill(0)
        }
        return unlocked().also { state = it }
    }

    /** A vault was restored from a backup and is open: the codes show. */
    fun onRestored(): UnlockState = unlocked().also { state = it }

    /** Tries [password] (wiped afterwards); a wrong one leaves the vault locked with a notice. */
    fun submitPassword(password: ByteArray): UnlockState {
        state = try {
            vault.unlockWithPassword(password)
            unlocked()
        } catch (problem: WardProblem) {
            if (problem.kind != WardProblem.Kind.WRONG_PASSWORD) throw problem
            locked(UnlockNotice.WrongPassword)
        } finally {
            password.fill(0)
        }
        return state
    }

    /** Unlocks with the key released by a biometric; any key store failure falls back to the password. */
    fun submitPlatformKey(key: PlatformKey): UnlockState {
        state = try {
            vault.unlockWithPlatformKey(key)
            unlocked()
        } catch (problem: WardProblem) {
            when (problem.kind) {
                WardProblem.Kind.KEY_INVALIDATED, WardProblem.Kind.WRONG_PASSWORD -> platformKeyLost()
                WardProblem.Kind.KEY_STORE_CANCELLED -> locked()
                WardProblem.Kind.KEY_STORE -> paused(UnlockNotice.KeyStoreFailed(problem.detail.orEmpty()))
                else -> throw problem
            }
        }
        return state
    }

    /** The Keystore key is invalidated (found before or during the prompt): only the password is offered. */
    fun onPlatformKeyInvalidated(): UnlockState = platformKeyLost().also { state = it }

    /** The biometric prompt was dismissed: stay locked, the password field is there. */
    fun onBiometricCancelled(): UnlockState = locked().also { state = it }

    /** The biometric prompt failed for good ([message] from the system). */
    fun onBiometricFailed(message: String): UnlockState = paused(UnlockNotice.UsePassword(message)).also { state = it }

    /** Biometric unlock was turned on again with a new key after an invalidation. */
    fun onPlatformKeyEnabled() {
        platformKeyInvalidated = false
    }

    /** Locks the vault (auto-lock or the Lock button). */
    fun lock(): UnlockState {
        if (vault.exists) vault.lock()
        autoPromptDue = true
        return initialState().also { state = it }
    }

    private fun unlocked(): UnlockState {
        biometricPaused = false
        return UnlockState.Unlocked
    }

    private fun paused(notice: UnlockNotice): UnlockState {
        biometricPaused = true
        return locked(notice)
    }

    private fun platformKeyLost(): UnlockState {
        platformKeyInvalidated = true
        return locked(UnlockNotice.BiometricKeyChanged)
    }
}
