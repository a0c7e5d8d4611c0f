//! Building an [`Account`] from the loose fields most JSON exports use
//! (type name, base32 secret, algorithm name, digits, period, counter),
//! with the checks of [`OtpParams::new`]. Errors are reasons for a
//! skipped item and never contain the secret.

use crate::account::{Account, Algorithm, DEFAULT_DIGITS, DEFAULT_PERIOD, OtpKind, OtpParams};
use crate::secret::Secret;

/// The fields of one exported account, before checking.
#[derive(Default)]
pub(crate) struct Fields<'a> {
    /// `totp`, `hotp` or `steam`, any case; `None` means TOTP.
    pub kind: Option<&'a str>,
    /// The base32 secret.
    pub secret: &'a str,
    /// `SHA1`, `SHA256`, `SHA512` in any spelling; `None` means SHA-1.
    pub algorithm: Option<&'a str>,
    /// Code length; `None` means 6.
    pub digits: Option<u64>,
    /// TOTP/Steam period; `None` (or 0 where the format says so) means 30.
    pub period: Option<u64>,
    /// HOTP counter; `None` means 0.
    pub counter: Option<u64>,
    /// Issuer, may be empty.
    pub issuer: &'a str,
    /// Account name, may be empty.
    pub name: &'a str,
}

impl Fields<'_> {
    /// Checks the fields and builds the account, or says why not.
    pub(crate) fn build(&self) -> Result<Account, String> {
        let secret = Secret::from_base32(self.secret).map_err(|e| format!("bad secret: {e}"))?;
        self.build_with(secret)
    }

    /// Like [`Fields::build`] with the secret already decoded.
    pub(crate) fn build_with(&self, secret: Secret) -> Result<Account, String> {
        let period = self.period.unwrap_or(DEFAULT_PERIOD);
        let kind_name = self.kind.unwrap_or("totp").trim().to_ascii_lowercase();
        let kind = match kind_name.as_str() {
            "totp" | "" => OtpKind::Totp { period },
            "hotp" => OtpKind::Hotp {
                counter: self.counter.unwrap_or(0),
            },
            "steam" => OtpKind::Steam { period },
            other => {
                let shown: String = other.chars().take(16).collect();
                return Err(format!(
                    "Ward does not support '{shown}' accounts (only TOTP, HOTP and Steam)"
                ));
            }
        };
        let algorithm = match self.algorithm.map(str::trim).filter(|a| !a.is_empty()) {
            Some(name) => name.parse::<Algorithm>().map_err(|e| e.to_string())?,
            None => Algorithm::Sha1,
        };
        let digits = self.digits.unwrap_or(u64::from(DEFAULT_DIGITS));
        let digits = u32::try_from(digits).unwrap_or(u32::MAX);
        let params = OtpParams::new(secret, algorithm, digits, kind).map_err(|e| e.to_string())?;
        Ok(Account {
            issuer: self.issuer.trim().to_string(),
            name: self.name.trim().to_string(),
            params,
        })
    }
}

/// Reads a `steam://SECRET` URI (Bitwarden, Proton): `None` when the text
/// is not one, else the Steam account or why it was refused.
pub(crate) fn steam_uri(text: &str, issuer: &str, name: &str) -> Option<Result<Account, String>> {
    const STEAM: &str = "steam://";
    let text = text.trim();
    let prefix = text.get(..STEAM.len())?;
    if !prefix.eq_ignore_ascii_case(STEAM) {
        return None;
    }
    let fields = Fields {
        kind: Some("steam"),
        secret: &text[STEAM.len()..],
        issuer,
        name,
        ..Fields::default()
    };
    Some(fields.build())
}

/// Splits `Issuer:account` when no separate issuer is given; otherwise
/// drops a leading `Issuer:` that repeats the given issuer.
pub(crate) fn split_issuer<'a>(issuer: &'a str, name: &'a str) -> (&'a str, &'a str) {
    let issuer = issuer.trim();
    if issuer.is_empty() {
        if let Some((prefix, rest)) = name.split_once(':') {
            return (prefix.trim(), rest.trim());
        }
        return ("", name.trim());
    }
    if let Some(rest) = name
        .strip_prefix(issuer)
        .and_then(|r| r.trim_start().strip_prefix(':'))
    {
        return (issuer, rest.trim());
    }
    (issuer, name.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_errors() {
        let fields = Fields {
            secret: "JBSWY3DPEHPK3PXP",
            ..Fields::default()
        };
        let account = fields.build().unwrap();
        assert_eq!(account.params.kind(), OtpKind::Totp { period: 30 });
        let bad = Fields {
            secret: "JBSWY3DPEHPK3PXP",
            digits: Some(u64::MAX),
            ..Fields::default()
        };
        assert!(bad.build().unwrap_err().contains("digits"));
        let yandex = Fields {
            secret: "JBSWY3DPEHPK3PXP",
            kind: Some("yandex"),
            ..Fields::default()
        };
        assert!(yandex.build().unwrap_err().contains("yandex"));
        let bad_secret = Fields {
            secret: "JBSWY3DPEHPK3PX1",
            ..Fields::default()
        };
        assert!(!bad_secret.build().unwrap_err().contains("JBSW"));
    }

    #[test]
    fn splits_issuer_prefix() {
        assert_eq!(split_issuer("", "GitHub:alice"), ("GitHub", "alice"));
        assert_eq!(split_issuer("GitHub", "GitHub: alice"), ("GitHub", "alice"));
        assert_eq!(split_issuer("GitHub", "alice"), ("GitHub", "alice"));
        assert_eq!(split_issuer("", "alice"), ("", "alice"));
    }
}
