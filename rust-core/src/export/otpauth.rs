//! The plain export: one canonical `otpauth://` URI per line
//! ([`crate::uri::to_uri`]), readable by nearly every authenticator and by
//! [`crate::import`]. It is unencrypted: whoever holds the text holds every
//! secret, so callers must say so and ask for confirmation.

use zeroize::Zeroizing;

use crate::account::Account;

/// All accounts as URI lines, each ending with `\n`. Every account Ward
/// holds can be written this way. Zeroized on drop.
pub fn to_text(accounts: &[Account]) -> Zeroizing<String> {
    let mut text = Zeroizing::new(String::new());
    for account in accounts {
        text.push_str(&crate::uri::to_uri(account));
        text.push('\n');
    }
    text
}
