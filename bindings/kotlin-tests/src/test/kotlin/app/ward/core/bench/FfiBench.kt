package app.ward.core.bench

import app.ward.core.Vault
import app.ward.core.codeAt
import app.ward.core.initLogging
import java.nio.file.Files

/**
 * The Kotlin side of the FFI cost measurement (the Rust side is the
 * criterion bench bindings/benches/ffi_codes.rs, same work, same inputs):
 *
 * - code_at_x100: 100 calls of codeAt(uri, t) through JNA;
 * - vault_codes_100: one vault.codes(t) over 100 TOTP entries.
 *
 * Not a test (nothing asserts a time). Run against the release library:
 *   bindings/generate.sh --release
 *   cd bindings/kotlin-tests && mvn -q -B test-compile exec:java -Dward.library.dir=$PWD/../../target/release
 * Prints the median and quartiles of 50 samples after a warm-up.
 */
private const val ENTRIES = 100
private const val NOW = 1_700_000_000uL
private const val SAMPLES = 50

private fun uris(): List<String> = (0 until ENTRIES).map { i ->
    val alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    val secret = "%03dABCDEFGHIJKLMNOPQ".format(i).map { alphabet[it.code % 32] }.joinToString("")
    "otpauth://totp/Issuer$i:user$i@example.com?secret=$secret$secret&issuer=Issuer$i"
}

/** Runs [work] until a sample lasts at least 10 ms; returns ns per call of [work]. */
private fun measure(name: String, work: () -> Unit) {
    var iterations = 1
    val warmUpEnd = System.nanoTime() + 2_000_000_000L
    while (System.nanoTime() < warmUpEnd) work()
    while (true) {
        val start = System.nanoTime()
        repeat(iterations) { work() }
        if (System.nanoTime() - start >= 10_000_000L) break
        iterations *= 2
    }
    val samples = (0 until SAMPLES).map {
        val start = System.nanoTime()
        repeat(iterations) { work() }
        (System.nanoTime() - start).toDouble() / iterations
    }.sorted()
    fun us(ns: Double) = "%.2f µs".format(ns / 1000)
    println(
        "$name: median ${us(samples[SAMPLES / 2])} " +
            "(q1 ${us(samples[SAMPLES / 4])}, q3 ${us(samples[3 * SAMPLES / 4])}, $SAMPLES samples × $iterations)",
    )
}

fun main() {
    val uris = uris()
    measure("init_logging_x100/kotlin (bare calls)") {
        repeat(ENTRIES) { initLogging() }
    }
    measure("code_at_x100/kotlin") {
        for (uri in uris) codeAt(uri, NOW)
    }
    val dir = Files.createTempDirectory("ward-ffi-bench")
    Vault.create(dir.resolve("bench.vault").toString(), "bench".toByteArray()).use { vault ->
        for (uri in uris) vault.addUri(uri, NOW)
        check(vault.codes(NOW).size == ENTRIES)
        measure("vault_codes_100/kotlin") { vault.codes(NOW) }
    }
    dir.toFile().deleteRecursively()
}
