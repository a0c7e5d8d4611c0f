package app.ward.ui

import android.os.Handler
import android.os.Looper
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * The one thread that talks to the vault: calls run in order, off the main
 * thread (password hashing and disk writes take time), and their results come
 * back on the main thread.
 */
class Background {
    private val executor: ExecutorService = Executors.newSingleThreadExecutor { Thread(it, "ward-vault") }
    private val main = Handler(Looper.getMainLooper())

    /** Runs [work] on the vault thread, then [then] with its result on the main thread. */
    fun <T> run(work: () -> T, then: (Result<T>) -> Unit) {
        executor.execute {
            val result = runCatching(work)
            main.post { then(result) }
        }
    }

    /** Runs [work] on the vault thread, ignoring its result. */
    fun run(work: () -> Unit) {
        executor.execute { runCatching(work) }
    }
}
