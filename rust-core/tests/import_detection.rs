//! Detection by positive evidence (issue 15): every pair of formats that
//! detection could confuse is told apart, an unrecognised file is "not
//! recognised" with the list of formats (never a password or
//! key-derivation message), and an encrypted known format is named.

use ward_core::import::{Format, ImportError, identify, import};

/// An SQLite database made by running `sql`, as bytes.
fn sqlite(sql: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.execute_batch(sql).unwrap();
    drop(connection);
    std::fs::read(&path).unwrap()
}

const GOOGLE_DB: &str = "CREATE TABLE android_metadata (locale TEXT);
CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER, provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, original_name TEXT DEFAULT NULL);
INSERT INTO accounts (email, secret, counter, type, issuer) VALUES ('Deno:Mason', 'JBSWY3DPEHPK3PXP', 0, 0, 'Deno');";
const MICROSOFT_DB: &str = "CREATE TABLE accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, username TEXT NOT NULL, oath_secret_key TEXT NOT NULL, account_type INTEGER NOT NULL);
INSERT INTO accounts (name, username, oath_secret_key, account_type) VALUES ('Deno', 'Mason', 'JBSWY3DPEHPK3PXP', 0);";
const STRATUM_DB: &str = "CREATE TABLE authenticator (type integer, icon varchar, issuer varchar(32), username varchar(40), secret varchar(64), algorithm integer, digits integer, period integer, counter integer, ranking integer);
INSERT INTO authenticator VALUES (2, NULL, 'Deno', 'Mason', 'JBSWY3DPEHPK3PXP', 0, 6, 30, 0, 0);";

/// What `identify` made of a file: the format and whether it is
/// encrypted, or, in a build without the `full-import` feature (the phone
/// library), a desktop-only format recognised and refused.
#[derive(Debug)]
enum Seen {
    Imported(Format, bool),
    NeedsDesktop(Format),
}

/// Equal to the expected `(format, encrypted)` when that was found, or,
/// without `full-import`, when that format was refused as desktop-only.
impl PartialEq<(Format, bool)> for Seen {
    fn eq(&self, expected: &(Format, bool)) -> bool {
        match self {
            Seen::Imported(format, encrypted) => (*format, *encrypted) == *expected,
            Seen::NeedsDesktop(format) => !cfg!(feature = "full-import") && *format == expected.0,
        }
    }
}

fn detected(bytes: &[u8]) -> Seen {
    match identify(bytes) {
        Ok((format, encrypted)) => Seen::Imported(format, encrypted),
        Err(ImportError::NeedsDesktop { format }) => Seen::NeedsDesktop(format),
        Err(e) => panic!("{e}"),
    }
}

fn assert_unknown(bytes: &[u8], what: &str) {
    for password in [None, Some(&b"a password"[..])] {
        let error = import(bytes, password).unwrap_err();
        assert!(
            matches!(error, ImportError::UnknownFormat { .. }),
            "{what}: {error}"
        );
        let message = error.to_string();
        assert!(
            message.starts_with("Ward does not recognise this file"),
            "{what}: {message}"
        );
        assert!(
            message.contains("Aegis") && message.contains("Stratum"),
            "{what}: {message}"
        );
        // What Ward says about the file itself (the list of formats follows).
        let about = message.split(". Ward reads").next().unwrap();
        for word in [
            "password",
            "PBKDF2",
            "iterations",
            "scrypt",
            "Argon2",
            "encrypted",
        ] {
            assert!(!about.contains(word), "{what}: {message}");
        }
    }
    assert!(
        matches!(identify(bytes), Err(ImportError::UnknownFormat { .. })),
        "{what}"
    );
}

#[test]
fn app_databases_are_told_apart_by_their_tables() {
    assert_eq!(
        detected(&sqlite(GOOGLE_DB)),
        (Format::GoogleAuthenticatorDb, false)
    );
    assert_eq!(
        detected(&sqlite(MICROSOFT_DB)),
        (Format::MicrosoftAuthenticator, false)
    );
    assert_eq!(detected(&sqlite(STRATUM_DB)), (Format::Stratum, false));
    if cfg!(feature = "full-import") {
        let google = import(&sqlite(GOOGLE_DB), None).unwrap();
        assert_eq!(google.entries[0].account.issuer, "Deno");
        assert_eq!(google.entries[0].account.name, "Mason");
    }
    assert_unknown(
        &sqlite("CREATE TABLE accounts (id INTEGER, name TEXT);"),
        "an SQLite database of another app",
    );
    let mut cut = sqlite(GOOGLE_DB);
    cut.truncate(100);
    assert_unknown(&cut, "an SQLite header alone");
}

#[test]
fn json_arrays_are_told_apart_by_their_first_item() {
    let andotp = br#"[{"secret":"JBSWY3DPEHPK3PXP","issuer":"I","label":"L","type":"TOTP"}]"#;
    let duo = br#"[{"name":"L","otpGenerator":{"otpSecret":"JBSWY3DPEHPK3PXP"}}]"#;
    assert_eq!(detected(andotp), (Format::AndOtp, false));
    assert_eq!(detected(duo), (Format::Duo, false));
    assert_unknown(b"[1,2,3]", "a JSON array of numbers");
    assert_unknown(b"[]", "an empty JSON array");
    assert_unknown(br#"[{"hello":"world"}]"#, "a JSON array of other objects");
}

#[test]
fn json_objects_are_told_apart_by_their_keys() {
    let steam = br#"{"shared_secret":"THIl8+Jl6ugxr8x0X6eRMg==","account_name":"S"}"#;
    let steam_new =
        br#"{"accounts":{"1":{"shared_secret":"THIl8+Jl6ugxr8x0X6eRMg==","account_name":"S"}}}"#;
    let stratum = br#"{"Authenticators":[],"Categories":[]}"#;
    let proton = br#"{"version":1,"entries":[]}"#;
    assert_eq!(detected(steam), (Format::Steam, false));
    assert_eq!(detected(steam_new), (Format::Steam, false));
    assert_eq!(detected(stratum), (Format::Stratum, false));
    assert_eq!(detected(proton), (Format::Proton, false));
    assert_unknown(br#"{"hello":"world"}"#, "a JSON object of another kind");
}

#[test]
fn bitwarden_csv_is_not_an_otpauth_list() {
    let csv = b"folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n,,login,Deno,,,0,,Mason,,otpauth://totp/Deno:Mason?secret=JBSWY3DPEHPK3PXP\n";
    assert_eq!(detected(csv), (Format::Bitwarden, false));
    let report = import(csv, None).unwrap();
    assert_eq!(report.entries.len(), 1);
    assert_eq!(
        detected(b"otpauth://totp/Deno:Mason?secret=JBSWY3DPEHPK3PXP\n"),
        (Format::OtpauthText, false)
    );
    assert_unknown(b"name,secret\nDeno,JBSWY3DPEHPK3PXP\n", "another CSV");
    assert_unknown(b"u51d1LQbPDtXbvihHPguTkF6klbc5rJg", "base64 text");
}

#[test]
fn binary_files_need_a_signature() {
    // andOTP's header: a plausible PBKDF2 iteration count.
    let mut andotp = 150_000u32.to_be_bytes().to_vec();
    andotp.extend_from_slice(&[0x80; 60]);
    assert_eq!(detected(&andotp), (Format::AndOtp, true));
    assert!(matches!(
        import(&andotp, None),
        Err(ImportError::NeedsPassword {
            format: Format::AndOtp
        })
    ));
    // Featureless binary (no header): not recognised, with or without a password.
    assert_unknown(&[0xFF; 200], "random binary");
    assert_unknown(
        &[
            0x81, 0x2b, 0xde, 0x29, 0x99, 0x25, 0x76, 0x35, 0x5b, 0xab, 0xa7, 0x13, 0x75, 0xa4,
            0x99, 0xcc, 0xf5, 0xb6, 0xab, 0x44, 0x20, 0x0b, 0x96, 0xdd, 0x9a, 0x30, 0x5c, 0x40,
            0xf8, 0x63, 0x06, 0xed, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
            0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
        ],
        "binary with a huge first word",
    );
}

#[test]
#[cfg(feature = "full-import")]
fn an_encrypted_known_format_asks_for_its_password_by_name() {
    let mut stratum = b"AUTHENTICATORPRO".to_vec();
    stratum.extend_from_slice(&[7; 60]);
    assert_eq!(detected(&stratum), (Format::Stratum, true));
    let error = import(&stratum, None).unwrap_err();
    assert_eq!(
        error,
        ImportError::NeedsPassword {
            format: Format::Stratum
        }
    );
    assert!(
        error
            .to_string()
            .starts_with("this Stratum backup is encrypted"),
        "{error}"
    );
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The four desktop-only formats, each from its fixture: recognised on
/// every build; on the phone build (no `full-import`) refused with the
/// desktop sentence before any password is asked or key derived; on the
/// desktop build asked for their password by name.
#[test]
fn desktop_only_formats_are_recognised_and_named_on_every_build() {
    let cases = [
        (
            "authy_encrypted.xml",
            Format::Authy,
            "this Authy token file is encrypted",
        ),
        (
            "stratum_legacy_encrypted.bin",
            Format::Stratum,
            "this Stratum backup is encrypted",
        ),
        (
            "totp_authenticator.bin",
            Format::TotpAuthenticator,
            "this TOTP Authenticator file is encrypted",
        ),
        (
            "authenticator_plus.zip",
            Format::AuthenticatorPlus,
            "this Authenticator Plus backup is encrypted",
        ),
    ];
    for (file, format, prompt) in cases {
        let bytes = fixture(file);
        if cfg!(feature = "full-import") {
            assert_eq!(detected(&bytes), (format, true), "{file}");
            let error = import(&bytes, None).unwrap_err();
            assert_eq!(error, ImportError::NeedsPassword { format }, "{file}");
            assert!(error.to_string().starts_with(prompt), "{file}: {error}");
        } else {
            for error in [
                identify(&bytes).unwrap_err(),
                import(&bytes, Some(b"pw")).unwrap_err(),
            ] {
                assert_eq!(error, ImportError::NeedsDesktop { format }, "{file}");
                let message = error.to_string();
                assert!(
                    message.starts_with(&format!(
                        "This {format} can be imported with Ward for desktop (`ward import`)"
                    )) && message.ends_with("the phone app does not include this format."),
                    "{file}: {message}"
                );
            }
        }
    }
    let listed = ward_core::import::formats();
    let desktop: Vec<&str> = listed
        .iter()
        .filter(|f| !f.on_this_build)
        .map(|f| f.name)
        .collect();
    if cfg!(feature = "full-import") {
        assert!(desktop.is_empty(), "{desktop:?}");
    } else {
        assert_eq!(
            desktop,
            [
                "Google Authenticator database",
                "Microsoft Authenticator database",
                "Duo Mobile account list",
                "Steam Guard file",
                "Stratum backup or database",
                "Stratum backup (old encryption)",
                "FreeOTP token file or backup",
                "Authy token file",
                "Authy token file (encrypted)",
                "Battle.net authenticator file",
                "TOTP Authenticator file",
                "TOTP Authenticator backup",
                "Authenticator Plus backup"
            ]
        );
    }
}

/// Pairs the new readers could be confused with: the same app's other
/// file, the same header in another case, and other base64 or ZIP data.
#[test]
fn desktop_only_formats_are_told_apart_from_their_neighbours() {
    // Authy: the same preferences key; clear secrets are the plain reader's.
    let authy = |token: &str| {
        format!(
            "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n    <string name=\"com.authy.storage.tokens.authenticator.key\">[{token}]</string>\n</map>\n"
        )
        .into_bytes()
    };
    let clear = authy(
        "{&quot;decryptedSecret&quot;:&quot;JBSWY3DPEHPK3PXP&quot;,&quot;digits&quot;:6,&quot;name&quot;:&quot;A - b&quot;}",
    );
    assert_eq!(detected(&clear), (Format::Authy, false));
    if cfg!(feature = "full-import") {
        assert_eq!(import(&clear, None).unwrap().entries.len(), 1);
    }
    let sealed = authy(
        "{&quot;encryptedSecret&quot;:&quot;AAAAAAAAAAAAAAAAAAAAAA==&quot;,&quot;salt&quot;:&quot;s&quot;,&quot;digits&quot;:6}",
    );
    let sealed_result = identify(&sealed);
    assert!(
        matches!(
            sealed_result,
            Ok((Format::Authy, true))
                | Err(ImportError::NeedsDesktop {
                    format: Format::Authy
                })
        ),
        "{sealed_result:?}"
    );
    // Stratum: upper-case header is the current (Argon2id) format.
    let mut current = b"AUTHENTICATORPRO".to_vec();
    current.extend_from_slice(&[7; 60]);
    assert_eq!(detected(&current), (Format::Stratum, true));
    let mut legacy = b"AuthenticatorPro".to_vec();
    legacy.extend_from_slice(&[7; 84]);
    assert!(matches!(
        identify(&legacy),
        Ok((Format::Stratum, true))
            | Err(ImportError::NeedsDesktop {
                format: Format::Stratum
            })
    ));
    // TOTP Authenticator: its internal file is XML; its backup is bare
    // base64 of whole AES blocks. Other base64-looking text is not claimed.
    let backup = fixture("totp_authenticator.bin");
    assert!(matches!(
        identify(&backup),
        Ok((Format::TotpAuthenticator, true)) | Err(ImportError::NeedsDesktop { .. })
    ));
    assert_eq!(
        detected(&fixture("totp_authenticator_preferences.xml")),
        (Format::TotpAuthenticator, false)
    );
    assert_unknown(b"QUJDREVGR0hJSktMTU5PUA==", "base64 of one block");
    assert_unknown(
        b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaA==",
        "base64 of 34 bytes",
    );
    assert_unknown(
        b"this is plain text, long enough to be base64 but with spaces and commas.",
        "prose",
    );
    // An otpauth list that happens to be base64-clean is still a list.
    assert_eq!(
        detected(b"otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP"),
        (Format::OtpauthText, false)
    );
    // Authenticator Plus: a ZIP without Accounts.txt is not claimed.
    assert_unknown(
        b"PK\x03\x04\x14\x00\x00\x00other.txt and more bytes",
        "another ZIP",
    );
    assert_unknown(
        b"\xac\xed\x00\x05sr\x00\x11java.util.HashMap",
        "other Java data",
    );
    assert_unknown(
        b"<?xml version='1.0'?><map><int name=\"x\" value=\"1\"/></map>",
        "other preferences",
    );
}

#[test]
fn preferences_files_are_told_apart_by_their_keys() {
    let prefs = |key: &str, value: &str| {
        format!(
            "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n    <string name=\"{key}\">{value}</string>\n</map>\n"
        )
        .into_bytes()
    };
    assert_eq!(
        detected(&prefs("tokenOrder", "[]")),
        (Format::FreeOtp, false)
    );
    assert_eq!(
        detected(&prefs("com.authy.storage.tokens.authenticator.key", "[]")),
        (Format::Authy, false)
    );
    assert_eq!(
        detected(&prefs("STATIC_TOTP_CODES_LIST", "[]")),
        (Format::TotpAuthenticator, false)
    );
    assert_eq!(
        detected(&prefs("com.blizzard.messenger.AUTHENTICATOR_SERIAL", "00")),
        (Format::BattleNet, false)
    );
    // A value that merely mentions another app's key is not that app's file.
    assert_unknown(
        &prefs("note", "tokenOrder STATIC_TOTP_CODES_LIST"),
        "preferences mentioning keys",
    );
}

/// Without `full-import` (the phone library), the desktop-only formats are
/// still recognised, and refused with the desktop message, before any
/// password is asked for.
#[test]
#[cfg(not(feature = "full-import"))]
fn desktop_only_formats_are_named_and_refused_on_the_phone() {
    let mut stratum = b"AUTHENTICATORPRO".to_vec();
    stratum.extend_from_slice(&[7; 60]);
    let cases: [(Vec<u8>, Format); 5] = [
        (stratum, Format::Stratum),
        (sqlite(GOOGLE_DB), Format::GoogleAuthenticatorDb),
        (sqlite(MICROSOFT_DB), Format::MicrosoftAuthenticator),
        (
            br#"[{"otpGenerator":{"otpSecret":"JBSWY3DPEHPK3PXP"},"name":"Deno"}]"#.to_vec(),
            Format::Duo,
        ),
        (
            b"<?xml version='1.0'?><map><string name=\"tokenOrder\">[]</string></map>".to_vec(),
            Format::FreeOtp,
        ),
    ];
    for (bytes, format) in cases {
        for password in [None, Some(&b"a password"[..])] {
            let error = import(&bytes, password).unwrap_err();
            assert_eq!(error, ImportError::NeedsDesktop { format }, "{format}");
            assert!(
                error
                    .to_string()
                    .contains("Ward for desktop (`ward import`)"),
                "{error}"
            );
        }
        assert_eq!(identify(&bytes), Err(ImportError::NeedsDesktop { format }));
    }
}
