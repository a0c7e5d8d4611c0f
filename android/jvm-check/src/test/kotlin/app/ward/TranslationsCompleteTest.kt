package app.ward

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.w3c.dom.Element
import java.io.File
import javax.xml.parsers.DocumentBuilderFactory

/**
 * values-de stays complete: every translatable string, plural and array of
 * res/values/strings.xml has a German version with the same format arguments
 * (`%1$s`, `%2$d`), and German has nothing English lacks. Android lint's
 * MissingTranslation checks the first half on a Gradle build; nothing here runs
 * lint, so this test does it on every JVM run.
 */
class TranslationsCompleteTest {
    private val res = File(System.getProperty("ward.repo.root") ?: "../..", "android/app/src/main/res")

    /** Each translatable resource of [file] by "kind/name", with the sorted format arguments of all its texts. */
    private fun resources(file: File): Map<String, List<String>> {
        val root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).documentElement
        val children = root.childNodes
        return (0 until children.length).map { children.item(it) }.filterIsInstance<Element>()
            .filter { it.getAttribute("translatable") != "false" }
            .associate { element ->
                val arguments = Regex("""%\d+\$[sd]""").findAll(element.textContent).map { it.value }.toSortedSet().toList()
                "${element.tagName}/${element.getAttribute("name")}" to arguments
            }
    }

    @Test
    fun `German has every English text, with the same format arguments`() {
        val english = resources(File(res, "values/strings.xml"))
        val german = resources(File(res, "values-de/strings.xml"))
        check(english.size > 100) { "read only ${english.size} resources from $res" }
        assertEquals(english.keys.sorted(), german.keys.sorted(), "values-de must name exactly the translatable resources of values")
        val differing = english.filter { (name, arguments) -> german[name] != arguments }.keys
        assertEquals(emptySet<String>(), differing, "format arguments differ between English and German")
    }
}
