package app.ward.ui

import app.ward.R
import app.ward.WardApplication
import app.ward.logic.ImportSummary
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config

/**
 * The app's texts come from its resources, so a phone set to German shows
 * res/values-de: the screens below are driven in German, end to end, against
 * the real core. Texts are asserted literally in German here, on purpose:
 * these tests prove the translation (the other UI tests find texts through R).
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class, qualifiers = "de")
class TranslationTest : UiTest() {
    @Test
    fun `a German phone adds an account and unlocks in German`() {
        launch()
        createVault()
        tap("Hinzufügen")
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

        tap("Sperren")
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
    fun `the codes list and the Backups screen speak German`() {
        launch()
        createVault()
        assertEquals("Ward", activity.title.toString())
        assertTrue(texts().toString(), showing("Noch keine Konten. Tippe auf Hinzufügen, um einen QR-Code zu scannen."))
        waitFor("the backup reminder") { showing("Sicherungen sind aus: ein verlorenes Telefon verliert jedes Konto.") }
        assertTrue(texts().toString(), texts().containsAll(listOf("Hinzufügen", "Einstellungen", "Sperren", "Jetzt sichern")))

        tap("Hinzufügen")
        tap("Einrichtungsschlüssel eingeben")
        field("Anbieter").setText("Amazon Web Services")
        field("Einrichtungsschlüssel").setText(AWS_SECRET)
        tap("Konto hinzufügen")
        waitFor("the AWS row") { activity.currentScreen is CodesScreen && showing("Amazon Web Services") }
        assertTrue(texts().toString(), texts().any { it.startsWith("nächster ") })
        assertTrue(texts().toString(), texts().any { it.matches(Regex("\\d+ s")) })
        val row = views().filterIsInstance<CodeRowView>().single()
        val actions = row.createAccessibilityNodeInfo().actionList.mapNotNull { it.label?.toString() }
        assertTrue(actions.toString(), actions.containsAll(listOf("Code kopieren", "Bearbeiten", "Nach oben", "Nach unten", "Löschen")))
        assertTrue(row.contentDescription.toString(), row.contentDescription.startsWith("Amazon Web Services, Code "))

        tap("Einstellungen")
        assertEquals("Einstellungen", activity.title.toString())
        assertTrue(texts().toString(), showing("Automatisch sperren: Nach 30 Sekunden"))
        tap("Automatische Sicherungen und Android-Sicherung")
        assertEquals("Sicherungen", activity.title.toString())
        waitFor("the status") { showing("Automatische Sicherungen sind ausgeschaltet.") }
        assertTrue(texts().toString(), showing("Letzte Sicherung: nie"))
        assertTrue(texts().toString(), showing("Die neuesten 10 Sicherungen behalten"))
        assertTrue(texts().toString(), showing("Sicherungsordner wählen"))
        assertTrue(texts().toString(), showing("Android-Sicherung des Tresors: aus"))
    }

    @Test
    fun `a platform failure is shown in German, not as an English exception message`() {
        launch()
        createVault()
        tap("Einstellungen")
        tap("Automatische Sicherungen und Android-Sicherung")
        waitFor("the status") { showing("Automatische Sicherungen sind ausgeschaltet.") }
        // The Android backup copy cannot be written: a directory sits where its temporary file goes.
        java.io.File(app.filesDir, "android-backup/.ward.vault.tmp/in-the-way").apply { parentFile.mkdirs() }.writeText("x")
        tap("Android-Sicherung des Tresors: aus")
        waitFor("the failure, in German") {
            dialogShowing("Ward konnte seine Kopie für die Android-Sicherung nicht aktualisieren. Gib Speicherplatz frei; die nächste Änderung versucht es erneut.")
        }
    }

    @Test
    fun `reports count in German`() {
        launch()
        assertEquals(
            "2 Konten importiert.\n\n1 übersprungen:\n• Bank: unsupported type",
            activity.describe(ImportSummary(2, listOf("Bank: unsupported type"))),
        )
        assertEquals("1 Konto importiert.", activity.describe(ImportSummary(1, emptyList())))
        assertEquals("gerade eben", activity.ago(5))
        assertEquals("vor 1 Stunde", activity.ago(3600))
        assertEquals("vor 2 Tagen", activity.ago(2 * 86_400 + 5))
        assertEquals("Die neueste Sicherung behalten", activity.resources.getQuantityString(R.plurals.backups_keep, 1, 1))
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
