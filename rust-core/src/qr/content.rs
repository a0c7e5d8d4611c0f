//! What a decoded QR text is: checked before use, then sorted into an
//! otpauth URI, a Google Authenticator export, or something else.

use std::fmt;

use crate::uri::MAX_URI_LEN;

/// The longest decoded text kept, in bytes. A version 40 QR code holds at
/// most 7089 characters; this bound also matches [`MAX_URI_LEN`].
pub const MAX_TEXT_LEN: usize = MAX_URI_LEN;

/// Whether a decoded text may be handed on: not empty, at most
/// [`MAX_TEXT_LEN`] bytes, and free of control characters other than tab,
/// carriage return and line feed (so a code cannot smuggle terminal escape
/// sequences or NULs into a CLI or a log line). The text is valid UTF-8 by
/// construction (`&str`).
pub fn is_acceptable_text(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_TEXT_LEN
        && !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
}

/// What a QR code holds, as far as Ward is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrContent {
    /// One account: `otpauth://...` (parse it with [`crate::uri::parse`]).
    Otpauth,
    /// A Google Authenticator export: `otpauth-migration://...` (hand it to
    /// the importer).
    Migration,
    /// Anything else: not an authenticator QR code.
    Other(OtherContent),
}

/// The kinds of non-authenticator QR codes people most often scan by mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherContent {
    /// `http://` or `https://`.
    WebAddress,
    /// `mailto:` or a bare e-mail address.
    Email,
    /// `tel:` or `sms:`/`smsto:`.
    Phone,
    /// `WIFI:` network credentials.
    WiFi,
    /// `BEGIN:VCARD` or `MECARD:`.
    Contact,
    /// Another `scheme:` URI.
    OtherUri,
    /// Plain text.
    Text,
}

impl fmt::Display for OtherContent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OtherContent::WebAddress => "a web address",
            OtherContent::Email => "an e-mail address",
            OtherContent::Phone => "a phone number",
            OtherContent::WiFi => "Wi-Fi network details",
            OtherContent::Contact => "a contact card",
            OtherContent::OtherUri => "a link for another app",
            OtherContent::Text => "plain text",
        })
    }
}

/// Sorts a decoded text. Leading and trailing whitespace is ignored and
/// schemes are compared case-insensitively (`OTPAUTH://` is an otpauth URI).
pub fn classify(text: &str) -> QrContent {
    let text = text.trim();
    let lower_prefix: String = text
        .chars()
        .take(24)
        .collect::<String>()
        .to_ascii_lowercase();
    let starts = |prefix: &str| lower_prefix.starts_with(prefix);
    if starts("otpauth-migration:") {
        QrContent::Migration
    } else if starts("otpauth:") {
        QrContent::Otpauth
    } else if starts("http://") || starts("https://") {
        QrContent::Other(OtherContent::WebAddress)
    } else if starts("mailto:") || looks_like_email(text) {
        QrContent::Other(OtherContent::Email)
    } else if starts("tel:") || starts("sms:") || starts("smsto:") {
        QrContent::Other(OtherContent::Phone)
    } else if starts("wifi:") {
        QrContent::Other(OtherContent::WiFi)
    } else if starts("begin:vcard") || starts("mecard:") {
        QrContent::Other(OtherContent::Contact)
    } else if has_scheme(text) {
        QrContent::Other(OtherContent::OtherUri)
    } else {
        QrContent::Other(OtherContent::Text)
    }
}

/// The part of a web address that is safe to show: scheme and host, never
/// the path or query (which may hold tokens). `None` for other content.
pub fn web_origin(text: &str) -> Option<String> {
    let text = text.trim();
    let (scheme, rest) = text.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
    let host: String = host.chars().take(64).collect();
    Some(format!("{}://{}", scheme.to_ascii_lowercase(), host))
}

fn looks_like_email(text: &str) -> bool {
    !text.contains(char::is_whitespace)
        && text
            .split_once('@')
            .is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'))
}

fn has_scheme(text: &str) -> bool {
    text.split_once(':').is_some_and(|(scheme, _)| {
        let mut chars = scheme.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_authenticator_codes() {
        assert_eq!(
            classify("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP"),
            QrContent::Otpauth
        );
        assert_eq!(classify(" OTPAUTH://hotp/x"), QrContent::Otpauth);
        assert_eq!(
            classify("otpauth-migration://offline?data=CjEK"),
            QrContent::Migration
        );
        assert_eq!(
            classify("OTPAUTH-MIGRATION://offline?data=CjEK"),
            QrContent::Migration
        );
    }

    #[test]
    fn names_what_else_it_is() {
        let other = |t| match classify(t) {
            QrContent::Other(kind) => kind,
            content => panic!("{t} classified as {content:?}"),
        };
        assert_eq!(other("https://example.com/x"), OtherContent::WebAddress);
        assert_eq!(other("HTTP://EXAMPLE.COM"), OtherContent::WebAddress);
        assert_eq!(other("mailto:a@example.com"), OtherContent::Email);
        assert_eq!(other("a@example.com"), OtherContent::Email);
        assert_eq!(other("tel:+15551234"), OtherContent::Phone);
        assert_eq!(other("WIFI:S:home;T:WPA;P:secret;;"), OtherContent::WiFi);
        assert_eq!(other("BEGIN:VCARD\nEND:VCARD"), OtherContent::Contact);
        assert_eq!(other("bitcoin:1abc"), OtherContent::OtherUri);
        assert_eq!(other("hello world"), OtherContent::Text);
        assert_eq!(other("otpauth"), OtherContent::Text);
        assert_eq!(other(""), OtherContent::Text);
    }

    #[test]
    fn web_origin_hides_path_query_and_credentials() {
        assert_eq!(
            web_origin("https://user:pw@Example.com/reset?token=abc").as_deref(),
            Some("https://Example.com")
        );
        assert_eq!(web_origin("WIFI:S:x;;"), None);
        assert_eq!(web_origin("ftp://example.com"), None);
    }

    #[test]
    fn refuses_empty_long_and_control_texts() {
        assert!(is_acceptable_text("otpauth://totp/x?secret=A"));
        assert!(is_acceptable_text("BEGIN:VCARD\r\nEND:VCARD\n"));
        assert!(!is_acceptable_text(""));
        assert!(!is_acceptable_text("a\u{1b}[2Jb"));
        assert!(!is_acceptable_text("a\0b"));
        assert!(!is_acceptable_text("a\u{85}b"));
        assert!(!is_acceptable_text(&"a".repeat(MAX_TEXT_LEN + 1)));
        assert!(is_acceptable_text(&"a".repeat(MAX_TEXT_LEN)));
    }
}
