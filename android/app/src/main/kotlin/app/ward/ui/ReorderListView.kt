package app.ward.ui

import android.content.Context
import android.view.HapticFeedbackConstants
import android.view.MotionEvent
import android.widget.AdapterView
import android.widget.ListView

/**
 * A ListView whose rows are reordered by long-press and drag: a long press
 * picks the row up, moving the finger moves it over the other rows
 * ([onDragOver] with the position under the finger), and lifting it drops it
 * ([onDrop] with true when it moved). A long press released without a move
 * is a plain long press: [onDrop] gets moved = false, lifted = true, and the
 * caller shows the row's menu instead.
 */
class ReorderListView(context: Context) : ListView(context) {
    /** The row picked up (its adapter position when picked), or null when nothing is dragged. */
    var dragging: Int? = null
        private set
    private var moved = false

    /** Called with the dragged position and the position under the finger, when they differ. */
    var onDragOver: (from: Int, to: Int) -> Boolean = { _, _ -> false }

    /** Called when the gesture ends: [moved] when the row changed place, [lifted] false when it was cancelled. */
    var onDrop: (moved: Boolean, lifted: Boolean) -> Unit = { _, _ -> }

    /** Picks up the row at [position] (from the long-press listener). */
    fun startDrag(position: Int) {
        dragging = position
        moved = false
        performHapticFeedback(HapticFeedbackConstants.LONG_PRESS)
        // The list must not scroll or treat the same gesture as a tap once a row is held.
        parent?.requestDisallowInterceptTouchEvent(true)
    }

    override fun onInterceptTouchEvent(event: MotionEvent): Boolean = dragging != null || super.onInterceptTouchEvent(event)

    override fun onTouchEvent(event: MotionEvent): Boolean {
        val from = dragging ?: return super.onTouchEvent(event)
        when (event.actionMasked) {
            MotionEvent.ACTION_MOVE -> {
                val under = pointToPosition(event.x.toInt(), event.y.toInt())
                if (under != AdapterView.INVALID_POSITION && under != from && onDragOver(from, under)) {
                    dragging = under
                    moved = true
                }
            }
            MotionEvent.ACTION_UP, MotionEvent.ACTION_CANCEL -> {
                dragging = null
                // Ends the list's own long-press gesture too, so the lift is not also a tap.
                val cancel = MotionEvent.obtain(event).apply { action = MotionEvent.ACTION_CANCEL }
                super.onTouchEvent(cancel)
                cancel.recycle()
                onDrop(moved, event.actionMasked == MotionEvent.ACTION_UP)
            }
        }
        return true
    }
}
