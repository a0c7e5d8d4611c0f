//! The `ward` command-line contract: `ward code`, `ward parse --json`, and
//! how bad input fails (status 2, one line on stderr, nothing on stdout).
//! Runs the built binary; expected codes come from independent
//! implementations (oathtool, a Python HMAC script), not from ward-core.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const AWS_URI: &str = "otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=CKCZUS2VSHEXTCJMKLWRCU3ICT5E2DQ34SGPEEIQ6N5VNREBJ6GNCRXKPCIDNCBR&issuer=Amazon%20Web%20Services";
/// RFC 4226 Appendix D's secret, "12345678901234567890".
const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn ward(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ward"))
        .args(args)
        .output()
        .expect("run ward")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// Runs ward and expects success with exactly one line on stdout.
fn one_line(args: &[&str]) -> String {
    let output = ward(args);
    assert!(
        output.status.success(),
        "ward {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty(), "ward {args:?} wrote to stderr");
    let text = stdout(&output);
    assert!(
        text.ends_with('\n') && text.matches('\n').count() == 1,
        "one line expected: {text:?}"
    );
    text.trim_end().to_string()
}

/// Runs ward and expects the bad-input contract.
fn assert_bad_input(args: &[&str]) {
    let output = ward(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "ward {args:?}: status, stderr {stderr:?}"
    );
    assert!(
        output.stdout.is_empty(),
        "ward {args:?} wrote to stdout: {:?}",
        stdout(&output)
    );
    assert!(
        stderr.ends_with('\n') && stderr.matches('\n').count() == 1 && stderr.len() > 10,
        "ward {args:?}: one line on stderr expected, got {stderr:?}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn code_for_the_aws_uri_at_a_fixed_time() {
    // oathtool --totp -b -N @1700000000 CKCZ...NCBR
    assert_eq!(one_line(&["code", AWS_URI, "--at", "1700000000"]), "674839");
    assert_eq!(one_line(&["code", "--at", "1700000000", AWS_URI]), "674839");
}

#[test]
fn code_now_is_six_digits() {
    let code = one_line(&["code", AWS_URI]);
    assert!(
        code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()),
        "{code}"
    );
}

#[test]
fn code_uses_the_rfc6238_vectors() {
    let sha256 = "otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&algorithm=SHA256&digits=8";
    assert_eq!(
        one_line(&["code", sha256, "--at", "1111111109"]),
        "68084774"
    );
    let sha1 = format!("otpauth://totp/x?secret={RFC_SECRET}&digits=8");
    assert_eq!(
        one_line(&["code", &sha1, "--at", "20000000000"]),
        "65353130"
    );
}

#[test]
fn hotp_code_uses_the_uri_counter() {
    // RFC 4226 Appendix D: counter 5 is 254676, counter 0 is 755224.
    let uri = format!("otpauth://hotp/Acme:alice?secret={RFC_SECRET}&counter=5");
    assert_eq!(one_line(&["code", &uri]), "254676");
    assert_eq!(one_line(&["code", &uri, "--at", "1700000000"]), "254676");
    let uri = format!("otpauth://hotp/Acme:alice?secret={RFC_SECRET}&counter=0");
    assert_eq!(one_line(&["code", &uri]), "755224");
}

#[test]
fn steam_code() {
    // Steam's alphabet over HMAC-SHA1 at step 1700000000 / 30, computed by
    // an independent Python script.
    let uri = "otpauth://steam/Steam:gaben?secret=SYNPEHMMRFFMNSEZEGMO6EGVGJKKCVN2&issuer=Steam&algorithm=SHA1&digits=5&period=30";
    assert_eq!(one_line(&["code", uri, "--at", "1700000000"]), "MFY74");
    let keepass =
        "otpauth://totp/Steam:gaben?secret=SYNPEHMMRFFMNSEZEGMO6EGVGJKKCVN2&encoder=steam";
    assert_eq!(one_line(&["code", keepass, "--at", "1700000000"]), "MFY74");
}

fn parse_json(uri: &str) -> serde_json::Map<String, Value> {
    let line = one_line(&["parse", uri, "--json"]);
    match serde_json::from_str(&line) {
        Ok(Value::Object(map)) => map,
        other => panic!("not a JSON object: {line} ({other:?})"),
    }
}

fn keys(map: &serde_json::Map<String, Value>) -> BTreeSet<&str> {
    map.keys().map(String::as_str).collect()
}

#[test]
fn parse_json_has_exactly_the_contract_keys() {
    let common = ["kind", "issuer", "account", "secret", "algorithm", "digits"];
    let with =
        |extra: &'static str| -> BTreeSet<&str> { common.iter().copied().chain([extra]).collect() };

    let totp = parse_json(AWS_URI);
    assert_eq!(keys(&totp), with("period"));
    assert_eq!(totp["kind"], "totp");
    assert_eq!(totp["issuer"], "Amazon Web Services");
    assert_eq!(totp["account"], "alice@123456789012");
    assert_eq!(
        totp["secret"],
        "CKCZUS2VSHEXTCJMKLWRCU3ICT5E2DQ34SGPEEIQ6N5VNREBJ6GNCRXKPCIDNCBR"
    );
    assert_eq!(totp["algorithm"], "SHA1");
    assert_eq!(totp["digits"], 6);
    assert_eq!(totp["period"], 30);

    let hotp = parse_json(&format!(
        "otpauth://hotp/alice?secret={}&counter=18446744073709551615",
        RFC_SECRET.to_lowercase()
    ));
    assert_eq!(keys(&hotp), with("counter"));
    assert_eq!(
        (&hotp["kind"], &hotp["issuer"]),
        (&Value::from("hotp"), &Value::from(""))
    );
    assert_eq!(hotp["secret"], RFC_SECRET);
    assert_eq!(hotp["counter"], u64::MAX);

    let steam = parse_json("otpauth://steam/Steam:gaben?secret=SYNPEHMMRFFMNSEZEGMO6EGVGJKKCVN2");
    assert_eq!(keys(&steam), with("period"));
    assert_eq!(
        (&steam["kind"], &steam["algorithm"], &steam["digits"]),
        (&Value::from("steam"), &Value::from("SHA1"), &Value::from(5))
    );
}

/// Every case of the shared otpauth table through `ward parse --json`:
/// accepted ones print exactly the expected object, refused ones follow
/// the bad-input contract.
#[test]
fn parse_json_agrees_with_the_otpauth_table() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/otpauth-cases.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    for case in cases {
        let uri = match (&case["uri"], &case["uri_parts"]) {
            (Value::String(uri), _) => uri.clone(),
            (_, parts) => format!(
                "{}{}{}",
                parts["prefix"].as_str().unwrap(),
                parts["repeat"]
                    .as_str()
                    .unwrap()
                    .repeat(parts["count"].as_u64().unwrap() as usize),
                parts["suffix"].as_str().unwrap()
            ),
        };
        if case.get("error").is_some() {
            assert_bad_input(&["parse", &uri, "--json"]);
        } else {
            let got = Value::Object(parse_json(&uri));
            assert_eq!(got, case["expect"], "{}", case["name"]);
        }
    }
}

#[test]
fn bad_input_fails_with_status_2_and_one_line() {
    let long = format!(
        "otpauth://totp/{}?secret=JBSWY3DPEHPK3PXP",
        "a".repeat(20_000)
    );
    for uri in [
        "",
        "JBSWY3DPEHPK3PXP",
        "https://example.com",
        "otpauth-migration://offline?data=AAAA",
        "otpauth://totp/x?secret=JBSWY3DPEHPK3PX0",
        "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5",
        "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5",
        "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0",
        "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP",
        "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551616",
        "otpauth://totp/%FF?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/x?secret=",
        long.as_str(),
    ] {
        assert_bad_input(&["code", uri]);
        assert_bad_input(&["code", uri, "--at", "0"]);
        assert_bad_input(&["parse", uri, "--json"]);
        assert_bad_input(&["parse", uri]);
    }
    assert_bad_input(&["code", AWS_URI, "--at", "soon"]);
    assert_bad_input(&["code", AWS_URI, "--at", "-1"]);
    assert_bad_input(&["code"]);
    assert_bad_input(&["parse", AWS_URI, "--jsn"]);
    assert_bad_input(&["no-such-command"]);
}

#[test]
fn errors_never_print_the_secret() {
    for uri in [
        "JBSWY3DPEHPK3PXP",
        "otpauth:/totp/x?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/x?secret=JBSWY3DPEHPK3PX0",
        "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=99",
    ] {
        let output = ward(&["code", uri]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("JBSWY3DP"), "{stderr}");
    }
}

/// `ward --help` lists every command, and each has its own help. The list
/// of commands is read from `cli/src/commands/mod.rs`, so a new command
/// module is checked without editing this test (module `foo_bar` is the
/// command `foo-bar`).
#[test]
fn help_lists_every_command() {
    let modules_rs = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/commands/mod.rs"),
    )
    .unwrap();
    let commands: Vec<String> = modules_rs
        .lines()
        .filter_map(|line| line.trim().strip_prefix("pub mod "))
        .map(|name| name.trim_end_matches(';').replace('_', "-"))
        .collect();
    assert!(commands.contains(&"code".to_string()) && commands.contains(&"parse".to_string()));

    let help = stdout(&ward(&["--help"]));
    let listed: BTreeSet<&str> = help
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    for command in &commands {
        assert!(
            listed.contains(command.as_str()),
            "`ward --help` does not list {command}:\n{help}"
        );
        let output = ward(&[command, "--help"]);
        assert!(output.status.success(), "ward {command} --help");
        assert!(
            stdout(&output).contains("Usage: ward "),
            "ward {command} --help"
        );
    }
    let code_help = stdout(&ward(&["code", "--help"]));
    assert!(code_help.contains("--at"), "{code_help}");
    let parse_help = stdout(&ward(&["parse", "--help"]));
    assert!(parse_help.contains("--json"), "{parse_help}");
    assert!(ward(&["--version"]).status.success());
}
