//! Reading and writing `otpauth://TYPE/LABEL?PARAMS` URIs, Google's Key Uri
//! Format as sites and authenticators really write it.
//!
//! Reading is lenient where real URIs vary (case of scheme, type and
//! algorithm; encoded or raw colon in the label; spaces after it; `+` for a
//! space in query values; unknown parameters) and strict where a mistake
//! would give wrong codes (bad secret, unknown algorithm, digits, period or
//! counter out of range, duplicated parameters). Writing gives one canonical
//! URI per account that reads back to the same account.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use zeroize::Zeroizing;

use crate::account::{
    Account, Algorithm, DEFAULT_DIGITS, DEFAULT_PERIOD, OtpKind, OtpParams, ParamsError,
    UnknownAlgorithm,
};
use crate::secret::{Secret, SecretError};

/// The longest URI read; longer input is refused before any parsing.
pub const MAX_URI_LEN: usize = 16 * 1024;

/// The longest issuer or account name read, in bytes of UTF-8. Real names
/// are far shorter (an e-mail address is at most 254 characters); the bound
/// guarantees that [`to_uri`], which percent-encodes names (up to three
/// bytes per byte) and writes the issuer twice, stays under [`MAX_URI_LEN`]
/// for every account [`parse`] accepts.
pub const MAX_NAME_LEN: usize = 1024;

/// Why an otpauth URI was refused. Carries no secret material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UriError {
    /// Longer than [`MAX_URI_LEN`].
    #[error("the URI is longer than {MAX_URI_LEN} characters: this is not an otpauth URI")]
    TooLong,
    /// A Google Authenticator export URI, which holds many accounts.
    #[error(
        "this is a Google Authenticator export (otpauth-migration://), not a single account: import it instead"
    )]
    MigrationUri,
    /// Another scheme, or no scheme. Holds only the scheme of a
    /// `scheme://` input (empty otherwise), never the rest of the input,
    /// which may be a secret typed into the wrong field.
    #[error("not an otpauth URI: it should start with otpauth://{}", scheme_seen(.0))]
    NotOtpauth(String),
    /// A type other than totp, hotp or steam.
    #[error("unknown OTP type '{0}': the URI should say otpauth://totp/, hotp/ or steam/")]
    UnknownType(String),
    /// No `secret` parameter, or an empty one.
    #[error("the URI has no secret: it needs a secret=... parameter")]
    MissingSecret,
    /// The `secret` parameter is not valid base32.
    #[error("bad secret: {0}")]
    Secret(#[from] SecretError),
    /// An `algorithm` other than SHA1, SHA256 or SHA512.
    #[error(transparent)]
    Algorithm(#[from] UnknownAlgorithm),
    /// A `digits`, `period` or `counter` value that is not a whole number
    /// in range.
    #[error("bad {parameter} '{value}': {expected}")]
    BadNumber {
        /// Which parameter.
        parameter: &'static str,
        /// The value as given (at most 32 characters).
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
    /// An HOTP URI without its counter.
    #[error("an hotp URI needs a counter=... parameter (the counter the site expects next)")]
    MissingCounter,
    /// A part that is not valid UTF-8 after percent-decoding.
    #[error("the {0} is not valid UTF-8 text after percent-decoding")]
    NotUtf8(&'static str),
    /// The same known parameter given twice, possibly with different values.
    #[error("the parameter '{0}' appears more than once: the URI is ambiguous")]
    DuplicateParameter(&'static str),
    /// Digits or period out of range.
    #[error(transparent)]
    Params(#[from] ParamsError),
    /// An issuer or account name longer than [`MAX_NAME_LEN`] bytes.
    #[error("the {0} is longer than {MAX_NAME_LEN} bytes: this is not a real account")]
    NameTooLong(&'static str),
}

/// Reads one otpauth URI into an [`Account`].
///
/// - Scheme and type are case-insensitive; types `totp`, `hotp`, `steam`
///   (and `totp` with `encoder=steam`, as KeePassXC writes Steam accounts).
/// - The label is `Issuer:Account` or `Account`; the colon may be raw or
///   `%3A`, spaces after it are dropped. The `issuer` parameter wins over
///   the label prefix.
/// - Query values are percent-decoded with `+` as a space. Known parameters:
///   `secret` (required), `issuer`, `algorithm`, `digits` (6-10), `period`
///   (at least 1), `counter` (required for hotp, any `u64`). Others are
///   ignored. Steam accounts always use SHA-1 and 5 characters.
/// - Input longer than [`MAX_URI_LEN`] and issuer or account names longer
///   than [`MAX_NAME_LEN`] are refused.
pub fn parse(uri: &str) -> Result<Account, UriError> {
    if uri.len() > MAX_URI_LEN {
        return Err(UriError::TooLong);
    }
    let uri = uri.trim();
    let rest = strip_scheme(uri)?;
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, query),
        None => (rest, ""),
    };
    let query = query.split_once('#').map_or(query, |(query, _)| query);
    let (type_name, label) = path.split_once('/').unwrap_or((path, ""));
    let params = QueryParams::read(query)?;

    let kind_name = type_name.to_ascii_lowercase();
    let steam_encoder = params
        .encoder
        .as_deref()
        .is_some_and(|encoder| encoder.eq_ignore_ascii_case("steam"));
    let kind = match kind_name.as_str() {
        "totp" if steam_encoder => OtpKind::Steam {
            period: number(params.period.as_deref(), "period", DEFAULT_PERIOD)?,
        },
        "totp" => OtpKind::Totp {
            period: number(params.period.as_deref(), "period", DEFAULT_PERIOD)?,
        },
        "steam" => OtpKind::Steam {
            period: number(params.period.as_deref(), "period", DEFAULT_PERIOD)?,
        },
        "hotp" => OtpKind::Hotp {
            counter: match params.counter.as_deref() {
                Some(text) => parse_u64(text, "counter")?,
                None => return Err(UriError::MissingCounter),
            },
        },
        _ => return Err(UriError::UnknownType(shorten(type_name))),
    };

    let secret_text = params.secret.ok_or(UriError::MissingSecret)?;
    if secret_text.trim().is_empty() {
        return Err(UriError::MissingSecret);
    }
    let secret = Secret::from_base32(&secret_text)?;
    let algorithm = match params.algorithm.as_deref() {
        Some(name) if !matches!(kind, OtpKind::Steam { .. }) => name.parse()?,
        _ => Algorithm::Sha1,
    };
    let digits = match kind {
        OtpKind::Steam { .. } => u64::from(DEFAULT_DIGITS),
        _ => number(
            params.digits.as_deref(),
            "digits",
            u64::from(DEFAULT_DIGITS),
        )?,
    };
    // Beyond u32 it is no digit count at all: say so rather than report a
    // number the URI does not contain.
    let digits = u32::try_from(digits)
        .map_err(|_| bad_number("digits", params.digits.as_deref().unwrap_or_default()))?;
    let params_checked = OtpParams::new(secret, algorithm, digits, kind)?;

    let label = decode(label, false, "label")?;
    let (issuer, name) = split_label(&label, params.issuer.as_deref());
    if issuer.len() > MAX_NAME_LEN {
        return Err(UriError::NameTooLong("issuer"));
    }
    if name.len() > MAX_NAME_LEN {
        return Err(UriError::NameTooLong("account name"));
    }
    Ok(Account {
        issuer,
        name,
        params: params_checked,
    })
}

/// Writes the canonical URI for an account: lowercase type, label
/// `Issuer:Account` percent-encoded (`%20` for spaces), then `secret`
/// (uppercase base32, no padding), `issuer`, `algorithm`, `digits`, and
/// `period` or `counter`. [`parse`] reads it back to an equal account
/// whenever the issuer and name have no surrounding whitespace and are at
/// most [`MAX_NAME_LEN`] bytes (true of every account `parse` returns).
/// The text holds the secret and is zeroized when dropped.
pub fn to_uri(account: &Account) -> Zeroizing<String> {
    let params = &account.params;
    let kind = params.kind();
    let label = if account.issuer.is_empty() {
        if account.name.contains(':') {
            // A leading colon says "no issuer" so the name keeps its colon.
            format!(":{}", encode(&account.name))
        } else {
            encode(&account.name).to_string()
        }
    } else {
        format!("{}:{}", encode(&account.issuer), encode(&account.name))
    };
    let mut uri = Zeroizing::new(format!("otpauth://{}/{label}?secret=", kind.name()));
    uri.push_str(&params.secret().to_base32());
    if !account.issuer.is_empty() {
        uri.push_str("&issuer=");
        uri.push_str(&encode(&account.issuer).to_string());
    }
    uri.push_str(&format!(
        "&algorithm={}&digits={}",
        params.algorithm().name(),
        params.digits()
    ));
    match kind {
        OtpKind::Totp { period } | OtpKind::Steam { period } => {
            uri.push_str(&format!("&period={period}"))
        }
        OtpKind::Hotp { counter } => uri.push_str(&format!("&counter={counter}")),
    }
    uri
}

/// Everything but RFC 3986's unreserved characters is percent-encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn encode(text: &str) -> percent_encoding::PercentEncode<'_> {
    utf8_percent_encode(text, COMPONENT)
}

fn strip_scheme(uri: &str) -> Result<&str, UriError> {
    const SCHEME: &str = "otpauth://";
    if let Some(prefix) = uri.get(..SCHEME.len())
        && prefix.eq_ignore_ascii_case(SCHEME)
    {
        return Ok(&uri[SCHEME.len()..]);
    }
    let (scheme, rest) = uri.split_once(':').unwrap_or(("", uri));
    if scheme.eq_ignore_ascii_case("otpauth-migration") {
        return Err(UriError::MigrationUri);
    }
    // Name the scheme only when the input clearly is some other URI: a bare
    // secret (or one pasted with a stray colon) must not reach the message.
    let is_scheme = scheme.len() <= 32
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let shown = if is_scheme && rest.starts_with("//") {
        scheme.to_ascii_lowercase()
    } else {
        String::new()
    };
    Err(UriError::NotOtpauth(shown))
}

/// The tail of [`UriError::NotOtpauth`]'s message.
fn scheme_seen(scheme: &str) -> String {
    if scheme.is_empty() {
        String::new()
    } else {
        format!(", not {scheme}://")
    }
}

/// The known query parameters, each at most once, percent-decoded.
#[derive(Default)]
struct QueryParams {
    secret: Option<Zeroizing<String>>,
    issuer: Option<String>,
    algorithm: Option<String>,
    digits: Option<String>,
    period: Option<String>,
    counter: Option<String>,
    encoder: Option<String>,
}

impl QueryParams {
    fn read(query: &str) -> Result<Self, UriError> {
        let mut params = QueryParams::default();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(key, true, "parameter name")?.to_ascii_lowercase();
            let (slot, name): (&mut Option<String>, &'static str) = match key.as_str() {
                "secret" => {
                    if params.secret.is_some() {
                        return Err(UriError::DuplicateParameter("secret"));
                    }
                    let value = Zeroizing::new(decode(value, true, "secret")?.into_owned());
                    params.secret = Some(value);
                    continue;
                }
                "issuer" => (&mut params.issuer, "issuer"),
                "algorithm" => (&mut params.algorithm, "algorithm"),
                "digits" => (&mut params.digits, "digits"),
                "period" => (&mut params.period, "period"),
                "counter" => (&mut params.counter, "counter"),
                "encoder" => (&mut params.encoder, "encoder"),
                _ => continue,
            };
            if slot.is_some() {
                return Err(UriError::DuplicateParameter(name));
            }
            *slot = Some(decode(value, true, name)?.into_owned());
        }
        Ok(params)
    }
}

/// Percent-decodes; in query values `+` is a space first.
fn decode<'a>(
    text: &'a str,
    plus_is_space: bool,
    what: &'static str,
) -> Result<Cow<'a, str>, UriError> {
    if plus_is_space && text.contains('+') {
        let spaced = text.replace('+', " ");
        let decoded = percent_decode_str(&spaced)
            .decode_utf8()
            .map_err(|_| UriError::NotUtf8(what))?;
        return Ok(Cow::Owned(decoded.into_owned()));
    }
    percent_decode_str(text)
        .decode_utf8()
        .map_err(|_| UriError::NotUtf8(what))
}

/// Splits the decoded label into issuer and account name.
fn split_label(label: &str, issuer_param: Option<&str>) -> (String, String) {
    let issuer_param = issuer_param
        .map(str::trim)
        .filter(|issuer| !issuer.is_empty());
    if let Some(issuer) = issuer_param
        && let Some(rest) = label
            .strip_prefix(issuer)
            .and_then(|rest| rest.trim_start_matches(' ').strip_prefix(':'))
    {
        return (issuer.to_string(), rest.trim().to_string());
    }
    let (prefix, name) = match label.split_once(':') {
        Some((prefix, name)) => (prefix.trim(), name.trim()),
        None => ("", label.trim()),
    };
    let issuer = issuer_param.unwrap_or(prefix);
    (issuer.to_string(), name.to_string())
}

fn number(text: Option<&str>, parameter: &'static str, default: u64) -> Result<u64, UriError> {
    match text {
        None => Ok(default),
        Some(text) => parse_u64(text, parameter),
    }
}

fn parse_u64(text: &str, parameter: &'static str) -> Result<u64, UriError> {
    let trimmed = text.trim();
    if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_number(parameter, text));
    }
    trimmed
        .parse::<u64>()
        .map_err(|_| bad_number(parameter, text))
}

/// [`UriError::BadNumber`] for `parameter`, with what it allows.
fn bad_number(parameter: &'static str, text: &str) -> UriError {
    let expected = match parameter {
        "digits" => "use a whole number from 6 to 10",
        "period" => "use a whole number of seconds, at least 1",
        _ => "use a whole number from 0 to 18446744073709551615",
    };
    UriError::BadNumber {
        parameter,
        value: shorten(text),
        expected,
    }
}

/// At most 32 characters of untrusted text, for error messages.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(32).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_style_uri() {
        let uri = "otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=JBSWY3DPEHPK3PXP&issuer=Amazon%20Web%20Services";
        let account = parse(uri).unwrap();
        assert_eq!(account.issuer, "Amazon Web Services");
        assert_eq!(account.name, "alice@123456789012");
        assert_eq!(account.params.kind(), OtpKind::Totp { period: 30 });
        assert_eq!(account.params.digits(), 6);
    }

    #[test]
    fn issuer_param_wins_and_prefix_is_split() {
        let account =
            parse("otpauth://totp/Label%3A%20bob?secret=JBSWY3DPEHPK3PXP&issuer=Param").unwrap();
        assert_eq!(
            (account.issuer.as_str(), account.name.as_str()),
            ("Param", "bob")
        );
        let account = parse("otpauth://totp/A:b:c?secret=JBSWY3DPEHPK3PXP").unwrap();
        assert_eq!(
            (account.issuer.as_str(), account.name.as_str()),
            ("A", "b:c")
        );
    }

    #[test]
    fn round_trip_with_colons() {
        for (issuer, name) in [("I:ss", "a:b"), ("", "x:y"), ("", "plain"), ("A B", "c+d")] {
            let params = OtpParams::new(
                Secret::from_bytes(vec![1; 10]).unwrap(),
                Algorithm::Sha256,
                8,
                OtpKind::Hotp { counter: u64::MAX },
            )
            .unwrap();
            let account = Account {
                issuer: issuer.into(),
                name: name.into(),
                params,
            };
            let uri = to_uri(&account);
            assert_eq!(parse(&uri).unwrap(), account, "{}", uri.as_str());
        }
    }

    /// The longest names and secret `parse` accepts, in the characters that
    /// percent-encoding expands most, still give a URI `parse` reads back.
    #[test]
    fn longest_accepted_account_round_trips() {
        let widest = "\u{20AC}".repeat(MAX_NAME_LEN / 3);
        let secret = Secret::from_base32(&"A".repeat(crate::secret::MAX_SECRET_BASE32_CHARS));
        let params = OtpParams::new(
            secret.unwrap(),
            Algorithm::Sha512,
            10,
            OtpKind::Hotp { counter: u64::MAX },
        )
        .unwrap();
        let account = Account {
            issuer: widest.clone(),
            name: widest,
            params,
        };
        let uri = to_uri(&account);
        assert!(uri.len() <= MAX_URI_LEN, "{}", uri.len());
        assert_eq!(parse(&uri).unwrap(), account);

        let long_name = format!("otpauth://totp/{}?secret=AE", "a".repeat(MAX_NAME_LEN + 1));
        assert_eq!(
            parse(&long_name),
            Err(UriError::NameTooLong("account name"))
        );
        let long_issuer = format!("otpauth://totp/{}:a?secret=AE", "%C3%A9".repeat(513));
        assert_eq!(parse(&long_issuer), Err(UriError::NameTooLong("issuer")));
    }

    #[test]
    fn errors_do_not_echo_secrets() {
        let err = parse("otpauth://totp/x?secret=JBSWY3DPEHPK3PX0").unwrap_err();
        assert!(!err.to_string().contains("JBSWY3"), "{err}");
        for input in [
            "JBSWY3DPEHPK3PXP",
            "JBSW:Y3DPEHPK3PXP",
            "otpauth:/totp/x?secret=JBSWY3DPEHPK3PXP",
        ] {
            let err = parse(input).unwrap_err();
            assert_eq!(err, UriError::NotOtpauth(String::new()));
            assert!(!err.to_string().contains("JBSW"), "{err}");
        }
        let err = parse("HTTPS://example.com/?secret=JBSWY3DPEHPK3PXP").unwrap_err();
        assert_eq!(
            err.to_string(),
            "not an otpauth URI: it should start with otpauth://, not https://"
        );
    }
}
