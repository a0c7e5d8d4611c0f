#!/usr/bin/env python3
"""Medians and ratios from the last `cargo bench -p ward-core --bench otp`
and/or `--bench vault` (run either or both first).

Reads criterion's estimates in target/criterion/ and prints the median ns of
each benchmark, then keyed_generator / floor (target <= 1.25) and
keyed_generator against the peers measured in the same run.
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"
medians = {}
for estimates in sorted(root.glob("*/*/new/estimates.json")):
    name = f"{estimates.parts[-4]}/{estimates.parts[-3]}"
    medians[name] = json.loads(estimates.read_text())["median"]["point_estimate"]
if not medians:
    sys.exit("no criterion results: run cargo bench -p ward-core --bench otp first")
for name, ns in medians.items():
    print(f"{name:40} {ns:9.1f} ns")
keyed = medians.get("code/keyed_generator")
for peer in ["floor_two_sha1_compressions", "floor_dependent_sha1_compressions", "hmac_keyed_clone", "oneshot_hotp", "totp_rs"]:
    other = medians.get(f"code/{peer}")
    if keyed and other:
        print(f"keyed_generator / {peer:34} {keyed / other:5.2f}")
# Where the generator's time goes (benches/otp.rs, issue 16).
for part in ["hmac_clone_only", "hmac_core_clone_only", "block_buffer_new_drop", "hmac_core_finalize_truncated", "hmac_keyed_clone_truncated"]:
    ns = medians.get(f"code/{part}")
    floor = medians.get("code/floor_dependent_sha1_compressions")
    if ns and floor:
        print(f"{part:40} / dependent floor {ns / floor:5.2f}")
codes = medians.get("codes/vault_codes_at_1000")
if codes and keyed:
    print(f"codes_at per entry {codes / 1000:7.1f} ns = {codes / 1000 / keyed:4.2f} x keyed_generator (2 codes each)")
# Vault (benches/vault.rs, issue 12): each case against the SQLite + AES-GCM
# floor of the same size measured in the same run (target: unlock +
# decrypt of 1,000 entries <= 1 ms).
for count in ["1000", "10000"]:
    floor = medians.get(f"vault/floor_sqlite_read_and_open_{count}")
    for case in ["unlock_and_decrypt", "unlock_decrypt_codes", "relock_and_decrypt"]:
        ns = medians.get(f"vault/{case}_{count}")
        if ns and floor:
            print(f"vault {case}/{count:6} {ns / 1e6:8.3f} ms  floor {floor / 1e6:7.3f} ms  ratio {ns / floor:5.2f}")
