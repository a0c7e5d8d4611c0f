package app.ward.ui

import android.app.Activity
import android.graphics.SurfaceTexture
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.util.Size
import app.ward.platform.BiometricOutcome
import app.ward.platform.BiometricPrompter
import app.ward.platform.CameraSource
import app.ward.platform.DeviceKey
import app.ward.platform.FramePipeline
import android.os.Looper
import java.nio.ByteBuffer
import java.security.KeyStoreException
import java.security.ProviderException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * The Android Keystore key as the UI tests need it: a software AES-256-GCM key
 * that can also be told to misbehave the ways a real Keystore does.
 */
class FakeDeviceKey : DeviceKey {
    /** How the key behaves on its next use. */
    enum class Mode {
        WORKS,

        /** cipherFor throws a plain KeyStoreException (entry removed with the screen lock). */
        THROWS,

        /** cipherFor throws KeyPermanentlyInvalidatedException (a fingerprint was enrolled). */
        INVALIDATED,

        /** create throws ProviderException (StrongBox/Keystore failure during generation). */
        PROVIDER_FAILS,
    }

    var mode = Mode.WORKS
    var creates = 0
    var deletes = 0
    var createdOnMainThread = false
    private var key: SecretKey? = null

    override fun create(): Boolean {
        creates += 1
        if (Looper.myLooper() == Looper.getMainLooper()) createdOnMainThread = true
        if (mode == Mode.PROVIDER_FAILS) throw ProviderException("Keystore key generation failed")
        key = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
        return false
    }

    override fun delete() {
        deletes += 1
        key = null
    }

    override fun cipherFor(iv: ByteArray?): Cipher {
        when (mode) {
            Mode.THROWS -> throw KeyStoreException("Keystore entry is gone")
            Mode.INVALIDATED -> throw KeyPermanentlyInvalidatedException()
            else -> Unit
        }
        val secret = key ?: throw KeyStoreException("no key")
        return Cipher.getInstance("AES/GCM/NoPadding").apply {
            if (iv == null) init(Cipher.ENCRYPT_MODE, secret) else init(Cipher.DECRYPT_MODE, secret, GCMParameterSpec(128, iv))
        }
    }
}

/** BiometricPrompt stand-in answering at once (the worst case for loops), and counting prompts. */
class FakePrompter : BiometricPrompter {
    /** What the next prompt answers. */
    enum class Answer { AUTHENTICATE, CANCEL, LOCKOUT }

    var answer = Answer.AUTHENTICATE
    var prompts = 0

    override fun isAvailable(): Boolean = true

    override fun authenticate(cipher: Cipher, title: String, subtitle: String, onResult: (BiometricOutcome) -> Unit) {
        prompts += 1
        check(prompts < 50) { "the biometric prompt loops" }
        onResult(
            when (answer) {
                Answer.AUTHENTICATE -> BiometricOutcome.Authenticated(cipher)
                Answer.CANCEL -> BiometricOutcome.Cancelled
                Answer.LOCKOUT -> BiometricOutcome.Failed("Too many attempts. Try again later.")
            },
        )
    }

    override fun cancel() {}
}

/** A camera with no hardware: frames are fed by the test through the real [FramePipeline]. */
class FakeCamera(val pipeline: FramePipeline) : CameraSource {
    var opened = false
    var closed = false
    override val hasTorch: Boolean = false
    override val sensorOrientation: Int = 90
    override fun frameSize(): Size = Size(640, 480)
    override fun open(texture: SurfaceTexture) {
        opened = true
    }
    override fun setTorch(on: Boolean) {}
    override fun close() {
        closed = true
        pipeline.close()
    }

    /** Feeds one greyscale frame the way ImageReader's Y plane arrives (a direct buffer with a row stride). */
    fun feed(luma: ByteArray, width: Int, height: Int, rowStride: Int = width) {
        val plane = ByteBuffer.allocateDirect(luma.size).put(luma)
        plane.flip()
        pipeline.offer(plane, width, height, rowStride)
    }
}

/** Keeps the activity given to a prompter factory, for tests that need it. */
fun promptFor(prompter: FakePrompter): (Activity) -> BiometricPrompter = { prompter }
