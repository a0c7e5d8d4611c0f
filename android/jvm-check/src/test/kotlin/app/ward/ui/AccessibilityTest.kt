package app.ward.ui

import android.view.WindowInsets
import android.widget.ListView
import app.ward.R
import app.ward.WardApplication
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config

/** TalkBack, the dark theme and the screen edges. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = WardApplication::class)
class AccessibilityTest : UiTest() {
    @Test
    fun `a code row has a description without the seconds, and actions to edit, move and delete`() {
        launch()
        createVault()
        addAwsManually()
        val row = views().filterIsInstance<CodeRowView>().single()
        val described = row.contentDescription.toString()
        assertTrue(described, described.startsWith("Amazon Web Services, alice@123456789012, code "))
        val labels = row.createAccessibilityNodeInfo().actionList.mapNotNull { it.label?.toString() }
        assertTrue(labels.toString(), labels.containsAll(listOf(R.string.row_copy_code, R.string.entry_edit, R.string.entry_move_up, R.string.entry_move_down, R.string.entry_delete).map { string(it) }))
        // A second later the list refreshes: the description (what TalkBack reads) is unchanged.
        clock.advance(1000)
        passTime(1)
        idle()
        assertEquals(described, views().filterIsInstance<CodeRowView>().single().contentDescription.toString())
    }

    @Test
    fun `the move-down accessibility action reorders the entries`() {
        launch()
        createVault()
        addAwsManually()
        typeAccount("GitHub", "alice", "JBSWY3DPEHPK3PXP")
        tap(R.string.add_account)
        waitFor("two rows") { views().filterIsInstance<CodeRowView>().size == 2 }
        val first = views().filterIsInstance<ListView>().single().getChildAt(0) as CodeRowView
        val moveDown = first.createAccessibilityNodeInfo().actionList.first { it.label == string(R.string.entry_move_down) }
        assertTrue(first.performAccessibilityAction(moveDown.id, null))
        waitFor("the new order") { app.vault.rows(T0_SECONDS).map { it.issuer } == listOf("GitHub", "Amazon Web Services") }
    }

    @Test
    fun `the content keeps clear of the system bars (edge to edge)`() {
        launch()
        val root = activity.findViewById<android.view.ViewGroup>(android.R.id.content)!!.getChildAt(0)
        val insets = WindowInsets.Builder()
            .setInsets(WindowInsets.Type.systemBars(), android.graphics.Insets.of(0, 63, 0, 42))
            .build()
        root.dispatchApplyWindowInsets(insets)
        assertEquals(63, root.paddingTop)
        assertEquals(42, root.paddingBottom)
    }

    @Test
    fun `the dark theme follows the system`() {
        RuntimeEnvironment.setQualifiers("+night")
        launch()
        val attrs = activity.theme.obtainStyledAttributes(intArrayOf(android.R.attr.isLightTheme))
        val light = attrs.getBoolean(0, true)
        attrs.recycle()
        assertTrue("a dark theme in night mode", !light)
    }
}
