package app.ward.logic

/**
 * The one place that sees every change the app makes to the vault: each
 * changing call (add, import, rename, reorder, delete, next HOTP code,
 * password change) goes to [inner], and after it succeeded [afterChange] is
 * called (the app queues the automatic backup and the rollback memory there,
 * on the vault thread). A failed call changes nothing, so nothing follows it.
 */
class ChangeWatchingSession(private val inner: VaultSession, private val afterChange: () -> Unit) : VaultSession by inner {
    override fun addUri(uri: String, nowSeconds: Long): String = changed { inner.addUri(uri, nowSeconds) }

    override fun rename(id: String, issuer: String, account: String, nowSeconds: Long) =
        changed { inner.rename(id, issuer, account, nowSeconds) }

    override fun delete(id: String) = changed { inner.delete(id) }

    override fun reorder(ids: List<String>) = changed { inner.reorder(ids) }

    override fun hotpNext(id: String, nowSeconds: Long): String = changed { inner.hotpNext(id, nowSeconds) }

    override fun addScanned(code: ScannedHandle, nowSeconds: Long): String = changed { inner.addScanned(code, nowSeconds) }

    override fun importScanned(codes: List<ScannedHandle>, nowSeconds: Long): ImportSummary =
        changed { inner.importScanned(codes, nowSeconds) }

    override fun importFile(bytes: ByteArray, password: ByteArray?, nowSeconds: Long): ImportSummary =
        changed { inner.importFile(bytes, password, nowSeconds) }

    override fun changePassword(newPassword: ByteArray) = changed { inner.changePassword(newPassword) }

    private inline fun <T> changed(call: () -> T): T = call().also { afterChange() }
}
