package app.ward.ui

import android.app.AlertDialog
import android.content.ClipboardManager
import android.os.SystemClock
import android.view.MotionEvent
import android.widget.CheckBox
import android.widget.EditText
import android.widget.ListView
import android.widget.Switch
import app.ward.R
import app.ward.WardApplication
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowDialog

/** Organising the codes: tap-to-reveal, editing the note and favourite flag, favourites first, and reordering. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], manifest = Config.NONE, application = WardApplication::class, qualifiers = "w360dp-h720dp-xhdpi")
class OrganiseTest : UiTest() {
    @Test
    fun `tap-to-reveal hides codes until tapped, and hides them again after their period or when the list is left`() {
        launch()
        createVault()
        addAwsManually()
        assertTrue("off by default: the code shows", shownCodes().single().matches(Regex("\\d{3} \\d{3}")))
        turnOnTapToReveal()
        assertEquals(listOf("••• •••"), shownCodes())
        val row = rows().single()
        assertTrue(row.contentDescription.toString(), row.contentDescription.endsWith("code hidden, double-tap to show it"))
        val described = row.contentDescription.toString()

        tapRow(0)
        val at = clock.nowMillis() / 1000
        assertEquals(oathtool(AWS_SECRET, at), shownCode())
        val clipboard = activity.getSystemService(ClipboardManager::class.java)!!
        assertFalse("revealing does not copy", clipboard.hasPrimaryClip())
        // Still shown 29 seconds later, hidden again after its 30-second period.
        tick(29)
        waitFor("the code at +29 s") { shownCodes().singleOrNull()?.replace(" ", "") == oathtool(AWS_SECRET, at + 29) }
        tick(1)
        waitFor("hidden again after 30 s") { shownCodes() == listOf("••• •••") }
        // A hidden row's description does not change from second to second (TalkBack stays quiet).
        tick(1)
        assertEquals(described, rows().single().contentDescription.toString())

        // Revealed, then the list is left: hidden when it comes back.
        tapRow(0)
        assertEquals(6, shownCode().length)
        tap(R.string.codes_settings)
        activity.showCodes()
        waitFor("the list again") { rows().isNotEmpty() }
        assertEquals(listOf("••• •••"), shownCodes())

        // A shown code is copied by the next tap.
        tapRow(0)
        tapRow(0)
        assertEquals(shownCode(), clipboard.primaryClip!!.getItemAt(0).text.toString())
    }

    @Test
    fun `Edit changes the note and the favourite flag, and favourites come first`() {
        launch()
        createVault()
        addAccounts("Amazon Web Services", "GitHub", "Mastodon")
        assertEquals(listOf("Amazon Web Services", "GitHub", "Mastodon"), shownIssuers())

        longPressAndRelease(2)
        chooseAction(string(R.string.entry_edit))
        waitFor("the edit form") { ShadowDialog.getShownDialogs().any { it.isShowing && views(it.window!!.decorView).any { v -> v is CheckBox } } }
        val form = topDialog()
        val fields = views(form.window!!.decorView).filterIsInstance<EditText>()
        fields.single { it.hint == string(R.string.entry_note_hint) }.setText("Recovery codes in the safe")
        views(form.window!!.decorView).filterIsInstance<CheckBox>().single().isChecked = true
        form.getButton(AlertDialog.BUTTON_POSITIVE).performClick()
        waitFor("Mastodon first") { shownIssuers() == listOf("★ Mastodon", "Amazon Web Services", "GitHub") }
        val id = app.vault.rows(T0_SECONDS).single { it.issuer == "Mastodon" }.id
        assertEquals("Recovery codes in the safe", app.vault.details(id).note)
        assertTrue(rows().first().contentDescription.contains("favourite"))

        // The others keep their order; a favourite cannot be moved below the others, nor the others above it.
        val second = rows()[1]
        val moveUp = second.createAccessibilityNodeInfo().actionList.first { it.label == string(R.string.entry_move_up) }
        second.performAccessibilityAction(moveUp.id, null)
        idle()
        tick(1)
        idle()
        assertEquals(listOf("★ Mastodon", "Amazon Web Services", "GitHub"), shownIssuers())

        // Both survive locking.
        relock()
        assertEquals(listOf("★ Mastodon", "Amazon Web Services", "GitHub"), shownIssuers())
        assertEquals("Recovery codes in the safe", app.vault.details(id).note)
    }

    @Test
    fun `a long-press drag moves a row, and the order is stored`() {
        launch()
        createVault()
        addAccounts("Amazon Web Services", "GitHub", "Mastodon")
        val list = views().filterIsInstance<ListView>().single()
        list.onItemLongClickListener.onItemLongClick(list, list.getChildAt(0), 0, list.adapter.getItemId(0))
        // The finger moves over the third row, then lifts.
        val target = list.getChildAt(2)
        touch(list, MotionEvent.ACTION_MOVE, (target.top + target.bottom) / 2f)
        assertEquals("the row follows the finger", listOf("GitHub", "Mastodon", "Amazon Web Services"), shownIssuers())
        touch(list, MotionEvent.ACTION_UP, (target.top + target.bottom) / 2f)
        waitFor("the stored order") { app.vault.rows(T0_SECONDS).map { it.issuer } == listOf("GitHub", "Mastodon", "Amazon Web Services") }
        assertTrue("no menu after a drag", ShadowDialog.getShownDialogs().none { it.isShowing })
        relock()
        assertEquals(listOf("GitHub", "Mastodon", "Amazon Web Services"), shownIssuers())
    }

    @Test
    fun `Move up and Move down, from the menu and from TalkBack, store the order`() {
        launch()
        createVault()
        addAccounts("Amazon Web Services", "GitHub", "Mastodon")
        longPressAndRelease(0)
        chooseAction(string(R.string.entry_move_down))
        waitFor("moved down") { shownIssuers() == listOf("GitHub", "Amazon Web Services", "Mastodon") }
        val last = rows()[2]
        val moveUp = last.createAccessibilityNodeInfo().actionList.first { it.label == string(R.string.entry_move_up) }
        assertTrue(last.performAccessibilityAction(moveUp.id, null))
        waitFor("moved up") { shownIssuers() == listOf("GitHub", "Mastodon", "Amazon Web Services") }
        relock()
        assertEquals(listOf("GitHub", "Mastodon", "Amazon Web Services"), shownIssuers())
    }

    private fun turnOnTapToReveal() {
        tap(R.string.codes_settings)
        val switch = views().filterIsInstance<Switch>().single { it.text == string(R.string.settings_tap_to_reveal) }
        assertFalse(switch.isChecked)
        switch.performClick()
        assertTrue(app.preferences.tapToReveal)
        activity.showCodes()
        waitFor("the list") { rows().isNotEmpty() }
    }

    private fun rows(): List<CodeRowView> = views().filterIsInstance<ListView>().single().let { list ->
        (0 until list.childCount).map { list.getChildAt(it) as CodeRowView }
    }

    /** The codes as shown, grouped ("123 456" or "••• •••"). */
    private fun shownCodes(): List<String> =
        texts().filter { it.matches(Regex("[\\d•]{3} [\\d•]{3}")) }

    /** The titles of the rows, in order. */
    private fun shownIssuers(): List<String> = rows().map { (it.getChildAt(0) as android.widget.TextView).text.toString() }

    private fun tapRow(position: Int) {
        val list = views().filterIsInstance<ListView>().single()
        list.performItemClick(list.getChildAt(position), position, list.adapter.getItemId(position))
        idle()
    }

    /** A long press on row [position] released where it started: the entry's menu. */
    private fun longPressAndRelease(position: Int) {
        val list = views().filterIsInstance<ListView>().single()
        val row = list.getChildAt(position)
        list.onItemLongClickListener.onItemLongClick(list, row, position, list.adapter.getItemId(position))
        touch(list, MotionEvent.ACTION_UP, (row.top + row.bottom) / 2f)
    }

    private fun touch(list: ListView, action: Int, y: Float) {
        val time = SystemClock.uptimeMillis()
        val event = MotionEvent.obtain(time, time, action, list.width / 2f, y, 0)
        list.dispatchTouchEvent(event)
        event.recycle()
        idle()
    }

    private fun chooseAction(label: String) {
        val menu = topDialog()
        val items = (0 until menu.listView.adapter.count).map { menu.listView.adapter.getItem(it).toString() }
        shadowOf(menu).clickOnItem(items.indexOf(label))
        idle()
    }

    /** Adds accounts named [issuers] through the core, in that order, and waits for the list to show them. */
    private fun addAccounts(vararg issuers: String) {
        issuers.forEachIndexed { i, issuer ->
            app.vault.addUri("otpauth://totp/${issuer.replace(" ", "%20")}:me?secret=JBSWY3DPEHPK3PX${"ABC"[i]}&issuer=${issuer.replace(" ", "%20")}", T0_SECONDS)
        }
        tick(1)
        waitFor("the rows") { rows().size == issuers.size && shownIssuers().size == issuers.size }
    }

    /** Locks, unlocks with the password, and waits for the list. */
    private fun relock() {
        tap(R.string.codes_lock)
        waitFor("the unlock screen") { activity.currentScreen is UnlockScreen }
        field(R.string.password_hint).setText(PASSWORD)
        tap(R.string.unlock_button)
        waitFor("the list") { activity.currentScreen is CodesScreen && rows().isNotEmpty() }
    }

    /** [seconds] pass: the clock moves and the list's refresh is due (callers wait for what it shows). */
    private fun tick(seconds: Long) {
        clock.advance(seconds * 1000)
        passTime(seconds)
    }

    private fun topDialog(): AlertDialog =
        ShadowDialog.getShownDialogs().filter { it.isShowing }.filterIsInstance<AlertDialog>().last()
}
