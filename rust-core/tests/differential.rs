//! Differential test: Ward's codes against two independent implementations,
//! `oathtool` (OATH Toolkit, C) and `pyotp` (Python), on random cases from a
//! fixed seed: secrets of 10 to 64 bytes, SHA1/SHA256/SHA512, 6 to 8 digits
//! (a few 9 and 10 for pyotp), periods of 10 to 120 s, times up to 2^35 s
//! (year 3058, past 2038, 2100 and 2106), HOTP counters up to 2^40.
//!
//! Each oracle checks the cases it supports: pyotp all of them; oathtool TOTP
//! with every algorithm and HOTP with SHA1, 6 to 8 digits. oathtool is
//! spawned once per case with `-w 11`, which prints the codes of 12
//! consecutive steps, so 1,000 spawns check 12,000 codes;
//! pyotp runs as one Python process fed JSON lines.
//!
//! A missing oracle fails the test when `WARD_REQUIRE_ORACLES=1` (as
//! `scripts/test.d/20-rust.sh` sets) and is skipped with a notice otherwise.
//! Python is `$WARD_PYTHON`, else the repository's `.venv/bin/python`, else
//! `python3`. Run with `--nocapture` to see how many cases each checked.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use ward_core::otp::{Generator, hotp, totp};
use ward_core::{Algorithm, OtpKind, OtpParams, Secret};

/// Random cases checked against pyotp (and each one's window against oathtool
/// for the first `OATHTOOL_CASES` it supports).
const CASES: usize = 10_000;
/// oathtool spawns; each checks `OATHTOOL_WINDOW + 1` consecutive codes.
const OATHTOOL_CASES: usize = 1_000;
const OATHTOOL_WINDOW: u64 = 11;
const SEED: u64 = 0x5741_5244_2026_1127;

/// SplitMix64: a small, well-known generator, enough for reproducible cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `low..=high` (the modulo bias is irrelevant here).
    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

struct Case {
    params: OtpParams,
    /// Unix time for TOTP; unused for HOTP.
    time: u64,
}

impl Case {
    fn random(rng: &mut Rng) -> Case {
        let len = rng.range(10, 64) as usize;
        let secret: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let algorithm =
            [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512][rng.range(0, 2) as usize];
        let digits = if rng.range(0, 19) == 0 {
            rng.range(9, 10)
        } else {
            rng.range(6, 8)
        } as u32;
        let hotp = rng.range(0, 9) < 3;
        let kind = if hotp {
            let counter = match rng.range(0, 3) {
                0 => rng.range(0, 1000),
                _ => rng.range(0, 1 << 40),
            };
            OtpKind::Hotp { counter }
        } else {
            OtpKind::Totp {
                period: rng.range(10, 120),
            }
        };
        let time = match rng.range(0, 7) {
            // Around the 32-bit signed and unsigned limits (2038, 2106).
            0 => rng.range((1 << 31) - 200, (1 << 31) + 200),
            1 => rng.range((1 << 32) - 200, (1 << 32) + 200),
            // Up to 2100-01-01.
            2 | 3 => rng.range(0, 4_102_444_800),
            _ => rng.range(0, (1 << 35) - 1),
        };
        let params =
            OtpParams::new(Secret::from_bytes(secret).unwrap(), algorithm, digits, kind).unwrap();
        Case { params, time }
    }

    /// The moving factor of the case's first code.
    fn counter(&self) -> u64 {
        match self.params.kind() {
            OtpKind::Totp { period } | OtpKind::Steam { period } => self.time / period,
            OtpKind::Hotp { counter } => counter,
        }
    }

    /// Ward's code for the case, after checking that the keyed generator and
    /// the one-shot functions agree.
    fn ward_code(&self) -> String {
        let generator = Generator::new(&self.params);
        let keyed = generator.current_code(self.time);
        assert_eq!(
            keyed,
            totp(&self.params, self.time),
            "Generator and totp() disagree"
        );
        assert_eq!(
            keyed,
            hotp(&self.params, self.counter()),
            "Generator and hotp() disagree"
        );
        keyed.as_str().to_string()
    }

    fn describe(&self) -> String {
        format!(
            "{} {} digits={} {:?} time={} secret={}",
            self.params.kind().name(),
            self.params.algorithm(),
            self.params.digits(),
            self.params.kind(),
            self.time,
            hex(self.params.secret().as_bytes()),
        )
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn cases() -> Vec<Case> {
    let mut rng = Rng(SEED);
    (0..CASES).map(|_| Case::random(&mut rng)).collect()
}

fn oracles_required() -> bool {
    std::env::var("WARD_REQUIRE_ORACLES").is_ok_and(|v| v == "1")
}

/// Fails when oracles are required, else prints why the oracle is skipped.
fn missing(oracle: &str, why: &str) {
    assert!(
        !oracles_required(),
        "{oracle} is required (WARD_REQUIRE_ORACLES=1) but unusable: {why}"
    );
    eprintln!("SKIPPED: {oracle} differential test: {why} (scripts/test.sh installs it)");
}

#[test]
fn against_pyotp() {
    let python = std::env::var_os("WARD_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/python");
            if venv.exists() {
                venv
            } else {
                PathBuf::from("python3")
            }
        });
    const ORACLE: &str = r#"
import datetime, hashlib, json, sys
import pyotp
digests = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}
utc = datetime.timezone.utc
for line in sys.stdin:
    case = json.loads(line)
    digest = digests[case["algorithm"]]
    if "counter" in case:
        code = pyotp.HOTP(case["secret"], digits=case["digits"], digest=digest).at(case["counter"])
    else:
        otp = pyotp.TOTP(case["secret"], digits=case["digits"], digest=digest, interval=case["period"])
        code = otp.at(datetime.datetime.fromtimestamp(case["time"], utc))
    sys.stdout.write(code + "\n")
sys.stdout.flush()
"#;
    let probe = Command::new(&python).args(["-c", "import pyotp"]).output();
    match probe {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            return missing(
                "pyotp",
                &format!(
                    "{} cannot import pyotp: {}",
                    python.display(),
                    String::from_utf8_lossy(&out.stderr).trim()
                ),
            );
        }
        Err(e) => return missing("pyotp", &format!("{}: {e}", python.display())),
    }

    let cases = cases();
    let mut child = Command::new(&python)
        .args(["-c", ORACLE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start python");
    let requests: Vec<String> = cases
        .iter()
        .map(|case| {
            let p = &case.params;
            let mut request = serde_json::json!({
                "secret": p.secret().to_base32().as_str(),
                "algorithm": p.algorithm().name(),
                "digits": p.digits(),
            });
            match p.kind() {
                OtpKind::Hotp { counter } => request["counter"] = counter.into(),
                OtpKind::Totp { period } | OtpKind::Steam { period } => {
                    request["period"] = period.into();
                    request["time"] = case.time.into();
                }
            }
            request.to_string()
        })
        .collect();
    // Write from another thread so that neither pipe can fill up and stall.
    let stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let mut stdin = BufWriter::new(stdin);
        for request in requests {
            writeln!(stdin, "{request}").expect("write to pyotp");
        }
    });
    let answers: Vec<String> = BufReader::new(child.stdout.take().expect("stdout"))
        .lines()
        .map(|line| line.expect("read from pyotp"))
        .collect();
    writer.join().expect("writer thread");
    assert!(
        child.wait().expect("python").success(),
        "the pyotp oracle failed"
    );
    assert_eq!(
        answers.len(),
        cases.len(),
        "pyotp answered {} of {} cases",
        answers.len(),
        cases.len()
    );

    let mut mismatches = Vec::new();
    for (case, theirs) in cases.iter().zip(&answers) {
        let ours = case.ward_code();
        if &ours != theirs {
            mismatches.push(format!("{}: ward {ours}, pyotp {theirs}", case.describe()));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches with pyotp:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    let (hotp_cases, totp_cases) = count_kinds(&cases);
    println!(
        "pyotp agreed on {} cases ({totp_cases} TOTP, {hotp_cases} HOTP)",
        cases.len()
    );
}

#[test]
fn against_oathtool() {
    match Command::new("oathtool").arg("--version").output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            return missing(
                "oathtool",
                &format!("oathtool --version failed: {}", out.status),
            );
        }
        Err(e) => return missing("oathtool", &format!("cannot run oathtool: {e}")),
    }
    // oathtool: digits 6 to 8; HOTP only with SHA1; TOTP with all three.
    let supported = |case: &&Case| {
        (6..=8).contains(&case.params.digits())
            && (matches!(case.params.kind(), OtpKind::Totp { .. })
                || case.params.algorithm() == Algorithm::Sha1)
    };
    let cases = cases();
    let chosen: Vec<&Case> = cases
        .iter()
        .filter(supported)
        .take(OATHTOOL_CASES)
        .collect();
    assert_eq!(chosen.len(), OATHTOOL_CASES);

    let mut codes = 0usize;
    let mut mismatches = Vec::new();
    for case in &chosen {
        let p = &case.params;
        let mut command = Command::new("oathtool");
        command
            .arg(format!("--digits={}", p.digits()))
            .arg(format!("--window={OATHTOOL_WINDOW}"));
        match p.kind() {
            OtpKind::Totp { period } | OtpKind::Steam { period } => {
                command
                    .arg(format!("--totp={}", p.algorithm().name()))
                    .arg(format!("--time-step-size={period}s"))
                    .arg(format!("--now=@{}", case.time));
            }
            OtpKind::Hotp { counter } => {
                command.arg("--hotp").arg(format!("--counter={counter}"));
            }
        }
        let out = command
            .arg(hex(p.secret().as_bytes()))
            .output()
            .expect("run oathtool");
        assert!(
            out.status.success(),
            "oathtool failed for {}: {}",
            case.describe(),
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(
            theirs.len() as u64,
            OATHTOOL_WINDOW + 1,
            "oathtool window output for {}",
            case.describe()
        );

        let generator = Generator::new(p);
        assert_eq!(
            case.ward_code(),
            generator.code_for_counter(case.counter()).as_str()
        );
        for (step, theirs) in (case.counter()..).zip(&theirs) {
            codes += 1;
            let ours = generator.code_for_counter(step);
            if ours.as_str() != theirs {
                mismatches.push(format!(
                    "{} step {step}: ward {ours}, oathtool {theirs}",
                    case.describe()
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches with oathtool:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    let hotp_cases = chosen
        .iter()
        .filter(|c| c.params.kind().counter().is_some())
        .count();
    println!(
        "oathtool agreed on {codes} codes: {} cases ({} TOTP, {hotp_cases} HOTP) x {} consecutive steps",
        chosen.len(),
        chosen.len() - hotp_cases,
        OATHTOOL_WINDOW + 1
    );
}

fn count_kinds(cases: &[Case]) -> (usize, usize) {
    let hotp = cases
        .iter()
        .filter(|c| c.params.kind().counter().is_some())
        .count();
    (hotp, cases.len() - hotp)
}
