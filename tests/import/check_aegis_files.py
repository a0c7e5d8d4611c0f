#!/usr/bin/env python3
"""Runs `ward import --dry-run --json` on every importer test file of an
Aegis checkout and compares each account with what Aegis's own tests
expect, field by field.

    tests/import/check_aegis_files.py --aegis AEGIS_CHECKOUT [--ward PATH] [-v]

Nothing of Aegis is copied here: the expected accounts are read at run time
from the checkout's VaultEntries.java, and the per-format adjustments its
DatabaseImporterTest.java makes (apps without algorithms, periods, digits,
HOTP, issuers...) are restated below as rules. Passwords are those the
tests use. Prints one line per file and "N of M files pass"; exits 1 when
any file fails.

Ward deliberately differs from Aegis's test in one place:
andotp_encrypted_old.bin, where Aegis keeps andOTP's old label bug
("Deno:Mason" as the name) and Ward splits it into issuer and name.
"""

import argparse
import json
import os
import re
import subprocess
import sys

RESOURCES = "app/src/test/resources/com/beemdevelopment/aegis/importers"
VECTORS = "app/src/test/java/com/beemdevelopment/aegis/vectors/VaultEntries.java"

PASSWORDS = {
    "aegis_encrypted.json": "test", "andotp_encrypted.bin": "test", "andotp_encrypted_old.bin": "test",
    "authenticator_plus.zip": "testtesttest", "authy_encrypted.xml": "testtest",
    "totp_authenticator.bin": "Testtest1", "stratum_encrypted.bin": "test",
    "stratum_encrypted_legacy.bin": "test", "2fas_authenticator_encrypted.2fas": "test",
    "2fas_authenticator_encrypted_v3.2fas": "test", "2fas_authenticator_encrypted_v4.2fas": "test",
}
for _api in ("api23", "api25", "api27", "api34", "null_algo"):
    PASSWORDS[f"freeotp_v2_{_api}.xml"] = "test"


def parse_vectors(path):
    """The accounts of VaultEntries.java: kind, secret, algorithm, digits, period/counter, name, issuer."""
    text = open(path, encoding="utf-8").read()
    pattern = re.compile(
        r'new VaultEntry\(new (Totp|Hotp|Steam)Info\(Base32\.decode\("([A-Z2-7]+)"\)'
        r'(?:,\s*"(\w+)",\s*(\d+),\s*(\d+))?\),\s*"([^"]*)",\s*"([^"]*)"\)')
    vectors = []
    for kind, secret, algorithm, digits, third, name, issuer in pattern.findall(text):
        kind = kind.lower()
        v = {"kind": kind, "secret": secret, "algorithm": algorithm or "SHA1",
             "digits": int(digits) if digits else (5 if kind == "steam" else 6), "name": name, "issuer": issuer}
        if kind == "hotp":
            v["counter"] = int(third) if third else 0
        else:
            v["period"] = int(third) if third else 30
        vectors.append(v)
    if not vectors:
        sys.exit(f"no VaultEntry found in {path}")
    return vectors


# Adjustments of DatabaseImporterTest.java, by file: each takes a copy of
# the vector and returns what Ward must print for it (None: compare only
# the secret, as Aegis does for Bitwarden's Steam entries).
def as_default_totp(v):
    return dict(v, kind="totp", algorithm="SHA1", digits=6, period=30, counter=None)


def rule(name):
    if name == "duo.json":
        return lambda v: dict(v, issuer="", counter="any")
    if name in ("google_authenticator.sqlite",):
        return lambda v: dict(v, algorithm="SHA1", digits=6, **({"period": 30} if v["kind"] == "totp" else {}))
    if name in ("microsoft_authenticator.sqlite", "2fas_authenticator.json"):
        return as_default_totp
    if name in ("steam.json", "steam_old.json"):
        return lambda v: dict(v, issuer="Steam")
    if name.startswith("totp_authenticator"):
        return lambda v: dict(v, algorithm="SHA1", digits=6, period=30, name=v["name"].lower())
    if name.startswith("authy"):
        return lambda v: dict(v, algorithm="SHA1", period="any")
    if name in ("freeotp.xml", "freeotp_plus.json", "freeotp_plus_internal.xml"):
        # FreeOTP stores the next counter, one below Aegis's vector.
        return lambda v: dict(v, counter=v["counter"] - 1) if v["kind"] == "hotp" else v
    if name in ("2fas_authenticator_plain.2fas", "2fas_authenticator_encrypted.2fas"):
        return lambda v: dict(v, kind="totp", period=v.get("period") or 30, counter=None)
    if name.startswith("bitwarden"):
        return lambda v: None if v["kind"] == "steam" else v
    return lambda v: v


def compare(expected, got):
    """The fields that differ, as 'field: expected != got'."""
    if expected is None:
        return []
    problems = []
    fields = [("kind", "kind"), ("issuer", "issuer"), ("name", "account"), ("algorithm", "algorithm"),
              ("digits", "digits")]
    if expected["kind"] == "hotp":
        fields.append(("counter", "counter"))
    else:
        fields.append(("period", "period"))
    for want_key, got_key in fields:
        want = expected.get(want_key)
        if want == "any":
            continue
        if want != got.get(got_key):
            problems.append(f"{want_key}: {want!r} != {got.get(got_key)!r}")
    return problems


def check_file(ward, path, vectors):
    name = os.path.basename(path)
    env = dict(os.environ)
    env.pop("WARD_IMPORT_PASSWORD", None)
    if name in PASSWORDS:
        env["WARD_IMPORT_PASSWORD"] = PASSWORDS[name]
    run = subprocess.run([ward, "import", "--dry-run", "--json", path], capture_output=True, env=env,
                         stdin=subprocess.DEVNULL, timeout=120)
    stderr = run.stderr.decode(errors="replace").strip()
    if run.returncode != 0:
        return [f"refused: {stderr.splitlines()[0] if stderr else run.returncode}"]
    problems = [line for line in stderr.splitlines() if line.startswith("ward: skipped")]
    accounts = json.loads(run.stdout)
    if not accounts:
        problems.append("no account imported")
    adjust = rule(name)
    by_secret = {v["secret"]: v for v in vectors}
    for account in accounts:
        vector = by_secret.get(account["secret"].upper().rstrip("="))
        if vector is None:
            problems.append(f"an account with a secret Aegis's vectors do not have ({account['issuer']!r})")
            continue
        for problem in compare(adjust(dict(vector)), account):
            problems.append(f"{vector['issuer']}/{vector['name']}: {problem}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aegis", required=True, help="a checkout of beemdevelopment/Aegis")
    parser.add_argument("--ward", default=None, help="the ward binary (default: target/debug/ward)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every problem")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ward = args.ward or os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target")), "debug", "ward")
    vectors = parse_vectors(os.path.join(args.aegis, VECTORS))
    folder = os.path.join(args.aegis, RESOURCES)
    files = sorted(f for f in os.listdir(folder) if os.path.isfile(os.path.join(folder, f)))
    passed = 0
    for name in files:
        problems = check_file(ward, os.path.join(folder, name), vectors)
        if problems:
            shown = problems if args.verbose else problems[:1]
            print(f"FAIL {name}: " + "; ".join(shown) + ("" if args.verbose or len(problems) == 1 else f" (+{len(problems) - 1})"))
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} of {len(files)} files pass")
    return 0 if passed == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
