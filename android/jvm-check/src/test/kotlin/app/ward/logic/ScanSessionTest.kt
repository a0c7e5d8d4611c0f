package app.ward.logic

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** The scan session's bookkeeping, with reports written by hand (the core writes them in CoreVaultSessionTest). */
class ScanSessionTest {
    private val session = ScanSession()
    private fun part(name: String) = Scanned.ExportPart("otpauth-migration://offline?data=$name")
    private fun report(size: Int, index: Int, imported: Int, skipped: List<String> = emptyList()) =
        PartReport(size, listOf(index), ImportSummary(imported, skipped))

    @Test
    fun `a single account is added at once`() {
        val uri = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP"
        assertEquals(ScanStep.AddAccount(uri), session.accept(Scanned.Account(uri)))
    }

    @Test
    fun `export codes are imported once each, in any order, until complete`() {
        assertEquals(ScanStep.ImportPart(part("B").uri), session.accept(part("B")))
        assertEquals(ExportProgress.Collecting(1, 3, listOf(1, 3)), session.onPartImported(report(3, 1, 2)))
        assertEquals(ScanStep.Ignore, session.accept(part("B")), "a code seen again is not imported twice")
        session.accept(part("C"))
        assertEquals(ExportProgress.Collecting(2, 3, listOf(1)), session.onPartImported(report(3, 2, 1, listOf("Bank: HOTP"))))
        session.accept(part("A"))
        assertEquals(
            ExportProgress.Complete(ImportSummary(5, listOf("Bank: HOTP"))),
            session.onPartImported(report(3, 0, 2)),
        )
        assertEquals(ScanStep.ImportPart(part("A").uri), session.accept(part("A")), "a finished session starts afresh")
    }

    @Test
    fun `a failed import lets the code be scanned again`() {
        session.accept(part("A"))
        session.onPartFailed(part("A").uri)
        assertEquals(ScanStep.ImportPart(part("A").uri), session.accept(part("A")))
    }

    @Test
    fun `a code of an export of another size starts the count over`() {
        session.accept(part("A"))
        session.onPartImported(report(3, 0, 1))
        session.accept(part("X"))
        assertEquals(ExportProgress.Collecting(1, 2, listOf(1)), session.onPartImported(report(2, 1, 1)))
    }

    @Test
    fun `a single-code export completes at once`() {
        session.accept(part("Z"))
        assertEquals(ExportProgress.Complete(ImportSummary(4, emptyList())), session.onPartImported(report(1, 0, 4)))
    }
}
