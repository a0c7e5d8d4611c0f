package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** The scan session's bookkeeping, with stand-in handles (the core's own are used in CoreVaultSessionTest). */
class ScanSessionTest {
    private val session = ScanSession()

    /** A stand-in for the core's handle on a scanned code. */
    private data class Handle(val name: String) : ScannedHandle

    private fun part(name: String, index: Int, size: Int) = Scanned.ExportPart(Handle(name), index, size)

    @Test
    fun `a single account is added at once`() {
        val handle = Handle("GitHub")
        assertEquals(ScanStep.AddAccount(handle), session.accept(Scanned.Account(handle, "GitHub: alice")))
    }

    @Test
    fun `export codes are collected once each, in any order, until complete`() {
        assertEquals(ScanStep.Collecting(1, 3, listOf(1, 3)), session.accept(part("B", 1, 3)))
        assertEquals(ScanStep.Ignore, session.accept(part("B again", 1, 3)), "a code seen again is not collected twice")
        assertEquals(ScanStep.Collecting(2, 3, listOf(1)), session.accept(part("C", 2, 3)))
        assertEquals(
            ScanStep.ImportExport(listOf(Handle("A"), Handle("B"), Handle("C"))),
            session.accept(part("A", 0, 3)),
            "every code, in batch order",
        )
        session.onImported()
        assertEquals(ScanStep.Collecting(1, 3, listOf(2, 3)), session.accept(part("A", 0, 3)), "a finished session starts afresh")
    }

    @Test
    fun `a failed import lets the codes be scanned again`() {
        session.accept(part("A", 0, 2))
        session.accept(part("B", 1, 2))
        session.onImportFailed()
        assertEquals(ScanStep.Collecting(1, 2, listOf(1)), session.accept(part("B", 1, 2)))
    }

    @Test
    fun `a code of an export of another size starts the count over`() {
        session.accept(part("A", 0, 3))
        assertEquals(ScanStep.Collecting(1, 2, listOf(1)), session.accept(part("X", 1, 2)))
    }

    @Test
    fun `a single-code export completes at once`() {
        assertEquals(ScanStep.ImportExport(listOf(Handle("Z"))), session.accept(part("Z", 0, 1)))
    }

    @Test
    fun `an index outside its export is ignored`() {
        assertEquals(ScanStep.Ignore, session.accept(part("?", 3, 3)))
        assertEquals(ScanStep.Ignore, session.accept(part("?", 0, 0)))
    }
}
