package app.ward.ui

import android.graphics.Bitmap
import android.graphics.Canvas
import android.os.Looper
import android.view.View
import android.view.ViewGroup
import android.widget.Button
import android.widget.EditText
import android.widget.TextView
import app.ward.R
import app.ward.WardApplication
import app.ward.logic.ManualClock
import app.ward.platform.DeviceSecurity
import org.junit.Assert.fail
import org.junit.Before
import org.robolectric.Robolectric
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ActivityController
import java.io.File
import java.util.concurrent.TimeUnit

/**
 * What every UI test shares: the real app (WardApplication over the real core,
 * the host libward_ffi through JNA) with the platform's key store, biometric
 * prompt and camera replaced by fakes, a wall clock the test sets, and helpers
 * to find views by their text, tap, type, wait for the vault thread, and save
 * the screen as a PNG.
 */
abstract class UiTest {
    protected val key = FakeDeviceKey()
    protected val prompter = FakePrompter()
    protected var camera: FakeCamera? = null
    protected val clock = ManualClock(T0_SECONDS * 1000)
    protected lateinit var controller: ActivityController<MainActivity>

    protected val app: WardApplication get() = RuntimeEnvironment.getApplication() as WardApplication
    protected val activity: MainActivity get() = controller.get()

    @Before
    fun installFakes() {
        app.security = DeviceSecurity(key = { key }, prompter = { prompter })
        app.camera = { _, pipeline, _ -> FakeCamera(pipeline).also { camera = it } }
        app.clock = clock
    }

    /** Starts the activity (created, started, resumed, visible). */
    protected fun launch(): MainActivity {
        controller = Robolectric.buildActivity(MainActivity::class.java).setup()
        idle()
        return activity
    }

    /** Runs what is due on the main thread now. */
    protected fun idle() {
        shadowOf(Looper.getMainLooper()).idle()
    }

    /** Lets [seconds] pass on the main thread's clock (timers fire; SystemClock.elapsedRealtime moves). */
    protected fun passTime(seconds: Long) {
        shadowOf(Looper.getMainLooper()).idleFor(seconds, TimeUnit.SECONDS)
    }

    /** Waits for the vault thread until [condition] holds on the main thread. */
    protected fun waitFor(what: String, condition: () -> Boolean) {
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
        while (System.nanoTime() < deadline) {
            idle()
            if (condition()) return
            Thread.sleep(5)
        }
        fail("timed out waiting for $what; screen: ${activity.currentScreen?.javaClass?.simpleName}, texts: ${texts()}")
    }

    /** Every view under the content root, depth first. */
    protected fun views(root: View = activity.window.decorView): List<View> {
        val out = mutableListOf<View>()
        fun walk(view: View) {
            out += view
            if (view is ViewGroup) for (i in 0 until view.childCount) walk(view.getChildAt(i))
        }
        walk(root)
        return out
    }

    /** The visible texts on screen, for failure messages and checks. */
    protected fun texts(): List<String> =
        views().filter { it.isShown && it is TextView && it !is EditText }.map { (it as TextView).text.toString() }.filter { it.isNotBlank() }

    /** The app's string [id] (in the test's locale), formatted with [args]. */
    protected fun string(id: Int, vararg args: Any): String = activity.getString(id, *args)

    /** The shown button labelled [label]. */
    protected fun button(label: String): Button =
        views().filterIsInstance<Button>().firstOrNull { it.isShown && it.text.toString() == label }
            ?: throw AssertionError("no button \"$label\" in ${texts()}")

    /** Taps the button labelled [label]. */
    protected fun tap(label: String) {
        check(button(label).performClick())
        idle()
    }

    /** Taps the button labelled with the app's string [labelRes]. */
    protected fun tap(labelRes: Int) = tap(string(labelRes))

    /** The shown text field whose hint is the app's string [hintRes]. */
    protected fun field(hintRes: Int): EditText = field(string(hintRes))

    /** The shown text field whose hint starts with [hint]. */
    protected fun field(hint: String, root: View = activity.window.decorView): EditText =
        views(root).filterIsInstance<EditText>().firstOrNull { it.isShown && it.hint?.toString()?.startsWith(hint) == true }
            ?: throw AssertionError("no field \"$hint\"")

    /** True when some shown text contains [text]. */
    protected fun showing(text: String): Boolean = texts().any { it.contains(text) }

    /** First run: creates the vault with [password] and waits for the codes screen. */
    protected fun createVault(password: String = PASSWORD) {
        field(string(R.string.setup_password_hint, 8)).setText(password)
        field(R.string.setup_confirm_hint).setText(password)
        tap(R.string.setup_create)
        waitFor("the codes screen") { activity.currentScreen is CodesScreen }
        waitFor("the offer of biometric unlock") { dialogShowing(string(R.string.setup_biometric_message)) }
        dismissDialogs()
    }

    /** First run, then biometric unlock turned on in Settings with one (fake) prompt; the prompt count starts again at 0. */
    protected fun enrolBiometric() {
        launch()
        createVault()
        tap(R.string.codes_settings)
        tap(R.string.settings_biometric_turn_on)
        waitFor("biometric unlock on") { app.preferences.biometricIv != null && dialogShowing(string(R.string.biometric_on)) }
        dismissDialogs()
        prompter.prompts = 0
    }

    /** The messages of the dialogs showing now. */
    protected fun dialogMessages(): List<String> =
        org.robolectric.shadows.ShadowDialog.getShownDialogs()
            .filter { it.isShowing }
            .filterIsInstance<android.app.AlertDialog>()
            .map { org.robolectric.Shadows.shadowOf(it).message?.toString().orEmpty() }

    /** True when a showing dialog's message contains [text]. */
    protected fun dialogShowing(text: String): Boolean = dialogMessages().any { it.contains(text) }

    /** Dismisses every dialog showing. */
    protected fun dismissDialogs() {
        org.robolectric.shadows.ShadowDialog.getShownDialogs().filter { it.isShowing }.forEach { it.dismiss() }
        idle()
    }

    /** Adds the AWS account by typing its URI's key in the manual form. */
    protected fun addAwsManually() {
        typeAccount("Amazon Web Services", "alice@123456789012", AWS_SECRET)
        tap(R.string.add_account)
        waitFor("the AWS row") { activity.currentScreen is CodesScreen && showing("Amazon Web Services") }
    }

    /** Opens the manual-entry form from the codes screen and types an account in (not saved yet). */
    protected fun typeAccount(issuer: String, account: String, secret: String) {
        tap(R.string.codes_add)
        tap(R.string.add_type_key)
        field(R.string.manual_issuer_hint).setText(issuer)
        field(R.string.manual_account_hint).setText(account)
        field(R.string.manual_secret_hint).setText(secret)
    }

    /** The 6-digit code the codes screen shows first, digits only. */
    protected fun shownCode(): String =
        texts().map { it.replace(" ", "") }.first { it.matches(Regex("\\d{6}")) }

    /** Saves the window as target/screens/[name].png (drawn by Robolectric's native graphics). */
    protected fun screenshot(name: String) {
        idle()
        val root = activity.window.decorView
        val bitmap = Bitmap.createBitmap(root.width.coerceAtLeast(1), root.height.coerceAtLeast(1), Bitmap.Config.ARGB_8888)
        root.draw(Canvas(bitmap))
        val dir = File(System.getProperty("ward.screens.dir") ?: "target/screens").apply { mkdirs() }
        File(dir, "$name.png").outputStream().use { bitmap.compress(Bitmap.CompressFormat.PNG, 100, it) }
    }

    companion object {
        const val PASSWORD = "correct horse battery staple"
        const val AWS_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        const val AWS_URI =
            "otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=$AWS_SECRET&issuer=Amazon%20Web%20Services"

        /** 2026-11-18 20:53:32 UTC, 12 seconds into a 30-second step. */
        const val T0_SECONDS = 1_795_000_012L

        /** oathtool's TOTP code for [secret] at Unix second [at]. */
        fun oathtool(secret: String, at: Long): String {
            val process = ProcessBuilder("oathtool", "--totp", "-b", secret, "--now", "@$at").redirectErrorStream(true).start()
            val out = process.inputStream.bufferedReader().readText().trim()
            check(process.waitFor() == 0) { "oathtool failed: $out" }
            return out
        }
    }
}
