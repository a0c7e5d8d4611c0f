//! Free functions for one account given as an otpauth URI: read it, compute
//! its code. Time is always an argument (Unix seconds, T0 = 0).

use ward_core::otp::{Generator, TimedCode};

use crate::account::AccountRecord;
use crate::error::WardError;

/// A code and what a screen shows around it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeRecord {
    /// The code valid at the requested time, e.g. "094287" (Steam: "2BX7Q").
    pub code: String,
    /// The code of the next time step (AWS asks for two consecutive codes
    /// when an MFA device is assigned); for HOTP, the code at counter + 1.
    pub next_code: String,
    /// Seconds until `code` expires, 1 to `period`; 0 for HOTP.
    pub seconds_remaining: u64,
    /// Seconds per code; 0 for HOTP, whose codes do not expire.
    pub period: u64,
    /// The moving factor `code` was computed for: the time step
    /// (RFC 6238 §4.2 `T`) or the HOTP counter.
    pub counter: u64,
}

impl CodeRecord {
    /// The record for a generator's output.
    pub(crate) fn new(timed: &TimedCode, period: Option<u64>) -> Self {
        CodeRecord {
            code: timed.current.as_str().to_owned(),
            next_code: timed.next.as_str().to_owned(),
            seconds_remaining: timed.seconds_remaining,
            period: period.unwrap_or(0),
            counter: timed.counter,
        }
    }
}

/// Reads an `otpauth://` URI (as scanned from a QR code or pasted) into the
/// account it describes, without storing anything. Fails with
/// `InvalidInput` saying what is wrong (missing secret, bad base32, unknown
/// algorithm, a Google export URI that must be imported instead, ...).
#[uniffi::export]
pub fn parse_uri(uri: String) -> Result<AccountRecord, WardError> {
    let account = ward_core::uri::parse(&uri)?;
    Ok(AccountRecord::from(&account))
}

/// The code of the account in `uri` at `unix_time` (seconds since
/// 1970-01-01 UTC, RFC 6238 §4.2), with the next code and the seconds left.
/// For HOTP the time is ignored and the URI's counter is used.
#[uniffi::export]
pub fn code_at(uri: String, unix_time: u64) -> Result<CodeRecord, WardError> {
    let account = ward_core::uri::parse(&uri)?;
    let timed = Generator::new(&account.params).code_at(unix_time);
    Ok(CodeRecord::new(&timed, account.params.kind().period()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{Algorithm, OtpKind};

    /// RFC 6238 Appendix B, SHA-1 seed, 8 digits.
    const RFC6238_SHA1: &str =
        "otpauth://totp/RFC:6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8";

    #[test]
    fn rfc6238_vectors_through_the_adapter() {
        for (time, expected) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(code_at(RFC6238_SHA1.into(), time).unwrap().code, expected);
        }
    }

    #[test]
    fn countdown_and_next_code() {
        let at_59 = code_at(RFC6238_SHA1.into(), 59).unwrap();
        let at_60 = code_at(RFC6238_SHA1.into(), 60).unwrap();
        assert_eq!((at_59.seconds_remaining, at_59.period), (1, 30));
        assert_eq!(at_59.next_code, at_60.code);
    }

    #[test]
    fn hotp_codes_do_not_expire() {
        let uri = "otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0";
        let code = code_at(uri.into(), 123).unwrap();
        assert_eq!(
            (code.code.as_str(), code.next_code.as_str()),
            ("755224", "287082")
        );
        assert_eq!((code.seconds_remaining, code.period), (0, 0));
    }

    #[test]
    fn parse_reports_the_shape_without_the_secret() {
        let record = parse_uri(
            "otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256".into(),
        )
        .unwrap();
        assert_eq!(record.issuer, "Amazon Web Services");
        assert_eq!(record.name, "alice@123456789012");
        assert_eq!(
            (record.kind, record.algorithm),
            (OtpKind::Totp, Algorithm::Sha256)
        );
        assert_eq!(
            (record.digits, record.period, record.counter),
            (6, Some(30), None)
        );
        assert!(record.short_secret);
    }

    #[test]
    fn bad_uris_are_invalid_input() {
        assert!(matches!(
            parse_uri("otpauth://totp/x?secret=0000".into()),
            Err(WardError::InvalidInput { .. })
        ));
        assert!(matches!(
            code_at("https://example.com".into(), 0),
            Err(WardError::InvalidInput { .. })
        ));
    }
}
