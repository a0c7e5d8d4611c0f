package app.ward.core

import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir

/** exportGoogleQr: the export's QR codes as module matrices, drawn here and read back by the core's decoder. */
class GoogleQrExportTest {
    @TempDir
    lateinit var dir: Path

    private val password = "vault password".toByteArray()
    private val now = 1_700_000_000uL

    private fun newVault(name: String) = Vault.create(dir.resolve(name).toString(), password.copyOf())

    /** [matrix] drawn black on white at [scale] pixels per module with the 4-module quiet zone, as luma. */
    private fun draw(matrix: QrMatrix, scale: Int = 3): Pair<ByteArray, Int> {
        val size = matrix.size.toInt()
        val side = (size + 8) * scale
        val luma = ByteArray(side * side) { 0xFF.toByte() }
        for (y in 0 until side) for (x in 0 until side) {
            val mx = x / scale - 4
            val my = y / scale - 4
            if (mx in 0 until size && my in 0 until size && matrix.modules[my * size + mx] == 1.toByte()) luma[y * side + x] = 0
        }
        return luma to side
    }

    @Test
    fun everyCodeDecodesToAGoogleExportThatImportsTheSameAccounts() {
        val accounts = (0 until 7).map { i ->
            "otpauth://totp/Issuer%20$i:user$i@example.com?secret=JBSWY3DPEHPK3PX${"ABCDEFG"[i]}&issuer=Issuer%20$i"
        } + "otpauth://totp/Steam:gamer?secret=JBSWY3DPEHPK3PXP&issuer=Steam&encoder=steam" +
            "otpauth://totp/Slow:bob?secret=JBSWY3DPEHPK3PXQ&period=60"
        val (export, expected) = newVault("a.vault").use { vault ->
            accounts.forEach { vault.addUri(it, now) }
            assertThrows<WardException.ReauthRequired> { vault.exportGoogleQr(now) }
            vault.reauthenticate(password.copyOf(), now)
            vault.exportGoogleQr(now) to vault.codes(now).filter { it.issuer.startsWith("Issuer") }.map { it.issuer to it.state }
        }
        assertTrue(export.codes.size >= 2, "7 accounts need several codes: ${export.codes.size}")
        assertEquals(2, export.leftOut.size, export.leftOut.toString())
        assertTrue(export.leftOut.any { it.label.contains("Slow") && it.reason.contains("60 seconds") }, export.leftOut.toString())
        assertFalse(export.toString().contains("otpauth"), "the record never prints its content")
        val scanned = export.codes.map { matrix ->
            assertEquals(matrix.size.toInt() * matrix.size.toInt(), matrix.modules.size)
            val (luma, side) = draw(matrix)
            decodeQrLuma(luma, side.toUInt(), side.toUInt(), side.toUInt()) as ScannedQr.GoogleExport
        }
        assertEquals(List(scanned.size) { scanned.size.toUInt() }, scanned.map { it.batchSize })
        assertEquals((0 until scanned.size).map { it.toUInt() }, scanned.map { it.batchIndex }.sorted())
        newVault("b.vault").use { vault ->
            val report = vault.importScanned(scanned.reversed().map { it.scanned }, now)
            assertEquals(7, report.added.size)
            assertEquals(expected.sortedBy { it.first }, vault.codes(now).map { it.issuer to it.state }.sortedBy { it.first })
        }
    }
}
