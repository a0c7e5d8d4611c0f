//! `import_formats()` and the desktop-only formats through the FFI. The
//! phone library (ward-ffi without ward-core's `full-import`, as
//! `cargo test -p ward-ffi` and the aarch64 stage build it) recognises an
//! encrypted Authy file and refuses it with the desktop sentence, as
//! `WardError::InvalidInput`; a build where cargo unified the feature in
//! (`cargo test --workspace`: the CLI turns it on) imports it. Either way
//! `import_formats()` says which, and this test holds the two together.

use ward_ffi::{Vault, WardError, import_formats};

const DESKTOP_ONLY: [&str; 4] = [
    "Stratum backup (old encryption)",
    "Authy token file (encrypted)",
    "TOTP Authenticator backup",
    "Authenticator Plus backup",
];

#[test]
fn desktop_only_formats_are_listed_and_refused_or_imported_as_listed() {
    let formats = import_formats();
    assert!(
        formats
            .iter()
            .any(|f| f.name == "Aegis vault" && f.on_this_build)
    );
    let on_this_build: Vec<bool> = DESKTOP_ONLY
        .iter()
        .map(|name| {
            formats
                .iter()
                .find(|f| f.name == *name)
                .unwrap_or_else(|| panic!("{name} is not listed"))
                .on_this_build
        })
        .collect();
    // The feature is all or nothing.
    assert!(on_this_build.iter().all(|b| *b == on_this_build[0]));

    let dir = std::env::temp_dir().join(format!("ward-import-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("vault.db").to_string_lossy().into_owned();
    let _ = std::fs::remove_file(&path);
    let vault = Vault::create(path, b"vault password".to_vec()).unwrap();
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/import/authy_encrypted.xml"
    ))
    .unwrap();
    let password = Some(b"correct horse battery staple".to_vec());
    match vault.import(file, password, 1_700_000_000) {
        Ok(report) => {
            assert!(on_this_build[0], "imported, but listed as desktop-only");
            assert_eq!(report.added.len(), 3);
            assert!(report.encrypted);
        }
        Err(WardError::InvalidInput { reason }) => {
            assert!(
                !on_this_build[0],
                "refused, but listed as imported: {reason}"
            );
            assert_eq!(
                reason,
                "This Authy token file can be imported with Ward for desktop (`ward import`); the phone app does not include this format."
            );
        }
        Err(other) => panic!("{other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}
