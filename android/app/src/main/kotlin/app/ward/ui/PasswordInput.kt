package app.ward.ui

import android.widget.EditText
import java.nio.CharBuffer

/**
 * Takes a password out of a field as UTF-8 bytes without making a String
 * (Strings cannot be wiped), then clears the field. Passwords cross into the
 * core as bytes, and the caller wipes the array once it is used.
 */
object PasswordInput {
    /** The field's text as UTF-8 bytes; the field is emptied. */
    fun take(field: EditText): ByteArray {
        val text = field.text
        val chars = CharArray(text.length)
        text.getChars(0, text.length, chars, 0)
        val encoded = Charsets.UTF_8.encode(CharBuffer.wrap(chars))
        val bytes = ByteArray(encoded.remaining())
        encoded.get(bytes)
        chars.fill('\u0000')
        if (encoded.hasArray()) encoded.array().fill(0)
        clear(field)
        return bytes
    }

    /** Empties the field. */
    fun clear(field: EditText) {
        field.text.clear()
    }

    /** The field's length without reading its text out. */
    fun length(field: EditText): Int = field.text.length
}
