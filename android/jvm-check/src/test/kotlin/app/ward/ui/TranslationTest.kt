package app.ward.ui

import app.ward.R
import app.ward.WardApplication
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config

/**
 * The app's texts come from its resources, so a phone set to German shows
 * res/values-de: the screens below are driven in German, end to end, against
 * the real core. (Settings, first run and the codes list are not moved to
 * resources yet: their English labels are tapped as before.)
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class, qualifiers = "de")
class TranslationTest : UiTest() {
    @Test
    fun `a German phone adds an account and unlocks in German`() {
        launch()
        createVault()
        tap("Add")
        assertEquals("Konten hinzufügen", activity.title.toString())
        assertTrue(texts().toString(), showing("Du wechselst von einer anderen App?"))
        tap("Einrichtungsschlüssel eingeben")
        assertEquals("Einrichtungsschlüssel eingeben", activity.title.toString())
        field("Anbieter").setText("Amazon Web Services")
        field("Konto").setText("alice@123456789012")
        field("Einrichtungsschlüssel").setText(AWS_SECRET)
        tap("Konto hinzufügen")
        waitFor("the AWS row") { activity.currentScreen is CodesScreen && showing("Amazon Web Services") }
        assertEquals(oathtool(AWS_SECRET, T0_SECONDS), shownCode())

        tap("Lock")
        waitFor("the unlock screen") { activity.currentScreen is UnlockScreen }
        assertEquals("Ward ist gesperrt", activity.title.toString())
        assertTrue(texts().toString(), showing("Entsperren, um deine Codes zu sehen."))
        tap("Entsperren")
        assertTrue("an empty password is refused in German", showing("Gib dein Passwort ein."))
        field("Passwort").setText(PASSWORD)
        tap("Entsperren")
        waitFor("the codes") { activity.currentScreen is CodesScreen }
    }

    @Test
    fun `plurals and format arguments follow the language`() {
        launch()
        val res = activity.resources
        assertEquals(
            "Google-Authenticator-Export: 1 von 3 Codes gescannt.",
            res.getQuantityString(R.plurals.scan_export_progress, 3, 1, 3),
        )
        assertEquals("Scanne jetzt die Codes 2, 3.", res.getQuantityString(R.plurals.scan_export_missing, 2, "2, 3"))
        assertEquals("Scanne jetzt Code 3.", res.getQuantityString(R.plurals.scan_export_missing, 1, "3"))
        assertEquals("TOTP-Codes", string(R.string.link_kind, "TOTP"))
        assertEquals(listOf("Zeitbasiert (TOTP)", "Zählerbasiert (HOTP)", "Steam"), res.getStringArray(R.array.manual_types).toList())
    }
}
