package app.ward.ui

import android.view.View
import android.view.ViewGroup
import android.widget.BaseAdapter
import app.ward.logic.CodeList
import app.ward.logic.CodeRow

/** Feeds the visible rows of a [CodeList] to the ListView, recycling [CodeRowView]s. */
class CodesAdapter(
    private val list: CodeList,
    private val onHotpNext: (String) -> Unit,
    private val onAction: (CodeRow, RowAction) -> Unit,
) : BaseAdapter() {
    private var shown: List<CodeRow> = list.visible

    /** Re-reads the model (after a refresh, or when the search text changed). */
    fun refresh() {
        shown = list.visible
        notifyDataSetChanged()
    }

    override fun getCount(): Int = shown.size

    override fun getItem(position: Int): CodeRow = shown[position]

    override fun getItemId(position: Int): Long = shown[position].id.hashCode().toLong()

    override fun hasStableIds(): Boolean = true

    override fun getView(position: Int, convertView: View?, parent: ViewGroup): View {
        val view = convertView as? CodeRowView ?: CodeRowView(parent.context, onHotpNext, onAction)
        view.bind(shown[position])
        return view
    }
}
