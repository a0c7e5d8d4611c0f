//! Property: writing an account as an otpauth URI and reading it back is
//! lossless, for every kind, algorithm, digit count, period and counter, and
//! for issuer and account names with colons, unicode, URI delimiters and
//! inner spaces.
//!
//! Names are generated without leading or trailing whitespace: the parser
//! trims both ends of the issuer and the account name (URIs in the wild put
//! spaces after the colon), so such whitespace cannot survive a round trip.
//! `surrounding_whitespace_is_trimmed` pins that behaviour down.

use proptest::prelude::*;
use ward_core::uri::{parse, to_uri};
use ward_core::{Account, Algorithm, OtpKind, OtpParams, Secret};

/// Text that stresses the label: colons, percent signs, URI delimiters,
/// plus signs, unicode, inner whitespace, or anything at all; trimmed at
/// both ends as documented above.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 :%&=?#+/@.,;'~_-]{1,24}",
        "[a-z :]{0,6}(é|日本|ü|\u{1F512}|\u{00A0}|\t|%3A|%20|\\+)[a-z :]{0,6}",
        any::<String>(),
    ]
    .prop_map(|text| text.trim().to_string())
}

fn kind() -> impl Strategy<Value = OtpKind> {
    prop_oneof![
        prop_oneof![Just(30u64), Just(60), 1..=u64::MAX]
            .prop_map(|period| OtpKind::Totp { period }),
        any::<u64>().prop_map(|counter| OtpKind::Hotp { counter }),
        prop_oneof![Just(30u64), 1..=u64::MAX].prop_map(|period| OtpKind::Steam { period }),
    ]
}

fn account() -> impl Strategy<Value = Account> {
    (
        name(),
        name(),
        proptest::collection::vec(any::<u8>(), 1..=80),
        prop_oneof![
            Just(Algorithm::Sha1),
            Just(Algorithm::Sha256),
            Just(Algorithm::Sha512)
        ],
        6u32..=10,
        kind(),
    )
        .prop_map(|(issuer, name, secret, algorithm, digits, kind)| {
            let secret = Secret::from_bytes(secret).expect("non-empty");
            let params = OtpParams::new(secret, algorithm, digits, kind).expect("valid params");
            Account {
                issuer,
                name,
                params,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn write_then_read_is_lossless(account in account()) {
        let uri = to_uri(&account);
        let read = parse(&uri);
        prop_assert_eq!(read.as_ref(), Ok(&account), "uri: {}", uri.as_str());
        // Canonical: writing what was read gives the same text.
        let again = to_uri(read.as_ref().expect("checked above"));
        prop_assert_eq!(again.as_str(), uri.as_str());
    }

    #[test]
    fn canonical_uri_shape(account in account()) {
        let uri = to_uri(&account);
        let secret = account.params.secret().to_base32();
        let prefix = format!("otpauth://{}/", account.params.kind().name());
        let secret_param = format!("?secret={}&", secret.as_str());
        prop_assert!(uri.starts_with(&prefix), "{}", uri.as_str());
        prop_assert!(uri.contains(&secret_param), "{}", uri.as_str());
        prop_assert!(!secret.contains('=') && secret.chars().all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c)));
        prop_assert!(!uri.contains(' ') && !uri.contains('+'), "spaces are written as %20: {}", uri.as_str());
    }
}

#[test]
fn surrounding_whitespace_is_trimmed() {
    let params = OtpParams::new(
        Secret::from_bytes(vec![1; 20]).unwrap(),
        Algorithm::Sha1,
        6,
        OtpKind::Totp { period: 30 },
    )
    .unwrap();
    let account = Account {
        issuer: " Acme\t".into(),
        name: "\u{3000}bob smith ".into(),
        params,
    };
    let read = parse(&to_uri(&account)).unwrap();
    assert_eq!(
        (read.issuer.as_str(), read.name.as_str()),
        ("Acme", "bob smith")
    );
}
