package app.ward.logic

/**
 * What the Edit dialog shows and stores for one entry: never the secret.
 *
 * @property issuer the service, e.g. "Amazon Web Services".
 * @property account the account name at that service.
 * @property note the person's own note (free text, up to 4,096 characters in the core).
 * @property favourite listed first when true.
 */
data class EntryDetails(val issuer: String, val account: String, val note: String, val favourite: Boolean)
