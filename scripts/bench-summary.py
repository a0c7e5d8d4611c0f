#!/usr/bin/env python3
"""Medians and ratios from the last `cargo bench -p ward-core --bench otp`
and/or `--bench vault` (run either or both first).

Reads criterion's estimates in target/criterion/ and prints the median ns of
each benchmark, then keyed_generator / floor (target <= 1.25), keyed_generator
against the peers measured in the same run, the split of the generator's time
against the floor, and codes_at per entry against keyed_generator. The otp
bench measures thread CPU time (rust-core/benches/common/cpu_time.rs).

One command for the generator's figures:
  cargo bench -p ward-core --bench otp -- 'code/|codes/' && python3 scripts/bench-summary.py
(and scripts/bench-otp-zeroize.sh for the crates' zeroize features).
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
# Where the generator's time goes (benches/otp.rs, issue 16), each part
# against the dependent floor of the same run (the generator's target is
# <= 1.25).
floor = medians.get("code/floor_dependent_sha1_compressions")
if floor:
    print("against floor_dependent_sha1_compressions (same run):")
    for part in [
        "floor_one_sha1_compression",
        "hmac_clone_only", "hmac_update_finalize_only", "hmac_core_clone_only",
        "block_buffer_new_drop", "zeroize_two_sha1_states", "zeroize_block_buffer",
        "hmac_keyed_clone_truncated", "hmac_core_finalize_truncated",
        "hmac_keyed_clone_truncated_formatted",
        "bound_minimal_hmac_prebuilt_block_truncated", "bound_minimal_hmac_truncated",
        "truncate_only", "format_only", "otp_code_to_string",
        "keyed_generator_counter", "keyed_generator",
    ]:
        ns = medians.get(f"code/{part}")
        if ns:
            print(f"  {part:44} {ns:7.1f} ns  {ns / floor:5.2f}")
    best_crate = min(
        (medians[f"code/{p}"] for p in ["hmac_keyed_clone_truncated", "hmac_core_finalize_truncated"] if f"code/{p}" in medians),
        default=None,
    )
    bound = medians.get("code/bound_minimal_hmac_truncated")
    if best_crate and bound:
        print(f"best crate path / minimal hand-written HMAC bound {best_crate / bound:5.2f} (a hand-written HMAC would need >= 1.5)")
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
