//! Round trips: for every export format, exporting accounts and importing
//! the result gives back exactly the accounts the format can carry
//! (property tests over generated accounts), and the rest are reported.

use proptest::prelude::*;
use ward_core::account::{Account, Algorithm, OtpKind, OtpParams};
use ward_core::export::backup::{KdfParams, seal_with};
use ward_core::export::{google, otpauth};
use ward_core::import::{Format, ImportedEntry, import};
use ward_core::secret::Secret;

/// Names as people write them: may be empty, may hold colons, spaces
/// inside, non-ASCII; no spaces at either end (imports trim those).
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9@._ü+&=%-]([a-zA-Z0-9 @.:_ü+&=%-]{0,18}[a-zA-Z0-9@._ü-])?",
    ]
}

fn kind() -> impl Strategy<Value = OtpKind> {
    prop_oneof![
        4 => Just(OtpKind::Totp { period: 30 }),
        1 => (1u64..100_000).prop_map(|period| OtpKind::Totp { period }),
        1 => any::<u64>().prop_map(|counter| OtpKind::Hotp { counter }),
        1 => (0u64..1_000).prop_map(|counter| OtpKind::Hotp { counter }),
        1 => Just(OtpKind::Steam { period: 30 }),
    ]
}

fn account() -> impl Strategy<Value = Account> {
    (
        name(),
        name(),
        proptest::collection::vec(any::<u8>(), 1..64),
        prop_oneof![
            Just(Algorithm::Sha1),
            Just(Algorithm::Sha256),
            Just(Algorithm::Sha512)
        ],
        prop_oneof![3 => Just(6u32), 2 => Just(8u32), 1 => 6u32..=10],
        kind(),
    )
        .prop_map(|(issuer, name, secret, algorithm, digits, kind)| Account {
            issuer,
            name,
            params: OtpParams::new(
                Secret::from_bytes(secret).expect("non-empty"),
                algorithm,
                digits,
                kind,
            )
            .expect("valid"),
        })
}

proptest! {
    #[test]
    fn otpauth_list_round_trips(accounts in proptest::collection::vec(account(), 0..20)) {
        let text = otpauth::to_text(&accounts);
        if accounts.is_empty() {
            return Ok(());
        }
        let report = import(text.as_bytes(), None).expect("imports");
        prop_assert_eq!(report.format, Format::OtpauthText);
        prop_assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        let got: Vec<Account> = report.entries.into_iter().map(|e| e.account).collect();
        prop_assert_eq!(got, accounts);
    }

    #[test]
    fn google_export_round_trips_what_it_can_carry(
        accounts in proptest::collection::vec(account(), 1..40),
        batch_id in 0i32..i32::MAX,
    ) {
        let export = google::export(&accounts, batch_id);
        let carried: Vec<&Account> = accounts
            .iter()
            .filter(|a| google::unsupported_reason(a).is_none())
            .collect();
        prop_assert_eq!(export.left_out.len(), accounts.len() - carried.len());
        let mut lines: Vec<&str> = export.uris.iter().map(|u| u.as_str()).collect();
        lines.reverse();
        let text = lines.join("\n");
        if carried.is_empty() {
            prop_assert!(export.uris.is_empty());
            return Ok(());
        }
        let report = import(text.as_bytes(), None).expect("imports");
        prop_assert_eq!(report.format, Format::GoogleMigration);
        prop_assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        prop_assert!(!report.has_missing_batches());
        let got: Vec<&Account> = report.entries.iter().map(|e| &e.account).collect();
        prop_assert_eq!(got, carried);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]
    #[test]
    fn backup_round_trips_everything(
        accounts in proptest::collection::vec(account(), 0..12),
        notes in proptest::collection::vec(proptest::option::of(".{0,30}"), 12),
        favorites in proptest::collection::vec(any::<bool>(), 12),
    ) {
        let entries: Vec<ImportedEntry> = accounts
            .into_iter()
            .enumerate()
            .map(|(i, account)| ImportedEntry {
                account,
                note: notes[i].clone(),
                favorite: favorites[i],
            })
            .collect();
        let fast = KdfParams::MINIMUM;
        let bytes = seal_with(&entries, b"pass phrase", fast).expect("seals");
        let report = import(&bytes, Some(b"pass phrase")).expect("opens");
        prop_assert_eq!(report.format, Format::WardBackup);
        prop_assert_eq!(report.entries, entries);
    }
}
