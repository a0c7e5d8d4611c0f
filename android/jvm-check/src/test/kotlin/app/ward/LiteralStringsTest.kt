package app.ward

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.io.File

/**
 * Every text the app shows comes from res/values/strings.xml (docs/android-strings.md).
 * This scan of the app's Kotlin fails when a string literal that reads like
 * words for people appears outside the resources: two words in a row, or a
 * capitalised word ("Ward could not save its settings.", "(no name)",
 * "Steam"). Comments, annotation arguments and preconditions' messages
 * (`require(…) { "…" }`, a bug in Ward if they fire) are not scanned. What must stay
 * literal is listed in [ALLOWED], each with its reason; an entry that no longer
 * matches anything fails too, so the list never grows stale.
 */
class LiteralStringsTest {
    private val sources = File(System.getProperty("ward.repo.root") ?: "../..", "android/app/src/main/kotlin/app/ward")

    @Test
    fun `no user-visible text is a literal in the app's Kotlin`() {
        val found = sources.walkTopDown().filter { it.isFile && it.name.endsWith(".kt") }.sortedBy { it.path }.flatMap { file ->
            val path = file.relativeTo(sources).invariantSeparatorsPath
            literals(file.readText()).filter { (_, text) -> readsLikeWords(text) }.map { (line, text) -> Found(path, line, text) }
        }.toList()
        check(found.isNotEmpty() || sources.isDirectory) { "no sources at $sources" }
        val unexplained = found.filter { Allowed(it.path, it.text) !in ALLOWED }
        assertEquals(
            emptyList<Found>(),
            unexplained,
            "user-visible texts belong in res/values/strings.xml (and values-de); a logic or platform failure is a typed " +
                "problem that ui/Problems.kt words. Only a text that must not be translated goes in LiteralStringsTest.ALLOWED, with why.",
        )
        val stale = ALLOWED.filter { allowed -> found.none { Allowed(it.path, it.text) == allowed } }
        assertEquals(emptyList<Allowed>(), stale, "allowlist entries that match nothing any more: remove them")
    }

    @Test
    fun `the scan sees literals and skips comments, annotations and identifiers`() {
        val code = """
            // "A comment, not a text"
            /* "Nor this one" */
            @Deprecated("Platform API; not for people.")
            require(ok) { "a precondition, for developers" }
            val m = checkNotNull(x) {
                "a precondition on its own line"
            }
            val a = "Ward could not save its settings."
            val b = "otpauth://totp/x" + "application/octet-stream" + "ward-backup-${'$'}{stamp}.ward"
            val c = "${'$'}{row.title}: already in Ward"
            val d = '"'
            val e = ${"\"\"\""}Two words${"\"\"\""}
        """.trimIndent()
        val words = literals(code).filter { readsLikeWords(it.second) }.map { it.second }
        assertEquals(listOf("Ward could not save its settings.", "${'$'}{row.title}: already in Ward", "Two words"), words)
    }

    data class Found(val path: String, val line: Int, val text: String)

    data class Allowed(val path: String, val text: String)

    companion object {
        /** How much of the code before a literal decides whether it is an annotation's or a precondition's. */
        private const val CONTEXT_CHARS = 200

        /** Literals that stay literal, and why. */
        val ALLOWED: Set<Allowed> = setOf(
            // The clipboard label: Ward recognises its own clip by it, so it must not change with the language.
            Allowed("platform/SensitiveClipboard.kt", "Ward code"),
            // The Keystore provider's name (an identifier).
            Allowed("platform/BiometricKey.kt", "AndroidKeyStore"),
            // The kind shown in the link preview: the product's name, the same in every language (like TOTP, HOTP).
            Allowed("logic/LinkPreview.kt", "Steam"),
        )

        /** True when [text] reads like words for people: two words in a row, or a capitalised word. */
        fun readsLikeWords(text: String): Boolean {
            val plain = text.replace(Regex("""\$\{[^}]*}"""), " ").replace(Regex("""\$\w+"""), " ")
            return Regex("""[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}""").containsMatchIn(plain) || Regex("""(^|[^A-Za-z])[A-Z][a-z]{2,}""").containsMatchIn(plain)
        }

        /**
         * The string literals of Kotlin [code] with their line numbers: plain and
         * raw strings, outside comments, char literals and annotation arguments
         * (`@Deprecated("…")`, `@Suppress("…")`).
         */
        fun literals(code: String): List<Pair<Int, String>> {
            val out = mutableListOf<Pair<Int, String>>()
            var i = 0
            var line = 1
            val codeBefore = StringBuilder() // the code before the current position (no comments, no strings)
            fun at(s: String) = code.startsWith(s, i)
            while (i < code.length) {
                val c = code[i]
                when {
                    c == '\n' -> { line++; codeBefore.append(c); i++ }
                    at("//") -> while (i < code.length && code[i] != '\n') i++
                    at("/*") -> {
                        val end = code.indexOf("*/", i + 2).let { if (it < 0) code.length else it + 2 }
                        line += code.substring(i, end).count { it == '\n' }
                        i = end
                    }
                    c == '\'' -> { // a char literal: 'a', '"', '\'', '\u0000'
                        val close = code.indexOf('\'', i + if (code.getOrNull(i + 1) == '\\') 3 else 2)
                        i = if (close < 0) code.length else close + 1
                    }
                    at("\"\"\"") -> {
                        val end = code.indexOf("\"\"\"", i + 3).let { if (it < 0) code.length else it }
                        record(out, codeBefore, line, code.substring(i + 3, end))
                        line += code.substring(i, end).count { it == '\n' }
                        i = end + 3
                    }
                    c == '"' -> {
                        val text = StringBuilder()
                        var j = i + 1
                        var depth = 0 // inside ${ … } a quote belongs to nested code; keep it simple: skip to the matching brace
                        while (j < code.length) {
                            val d = code[j]
                            if (depth == 0 && d == '"') break
                            if (d == '\\' && depth == 0) { text.append(d).append(code.getOrElse(j + 1) { ' ' }); j += 2; continue }
                            if (d == '$' && code.getOrNull(j + 1) == '{') depth++
                            else if (d == '}' && depth > 0) depth--
                            text.append(d)
                            j++
                        }
                        record(out, codeBefore, line, text.toString())
                        i = j + 1
                    }
                    else -> { codeBefore.append(c); i++ }
                }
            }
            return out
        }

        private fun record(out: MutableList<Pair<Int, String>>, codeBefore: StringBuilder, line: Int, text: String) {
            val codeOnLine = codeBefore.takeLast(CONTEXT_CHARS)
            codeBefore.append("\"\"") // the literal itself, as an empty one
            // An annotation's argument (@Deprecated("…"), @SuppressLint("…")) is for developers,
            // and so is a precondition's message (require(…) { "…" }, check, error("…")).
            if (Regex("""@[\w.]+\(\s*$""").containsMatchIn(codeOnLine)) return
            if (Regex("""\b(require|check|requireNotNull|checkNotNull)\b.*\{\s*$|\berror\(\s*$""").containsMatchIn(codeOnLine)) return
            out += line to text
        }
    }
}
