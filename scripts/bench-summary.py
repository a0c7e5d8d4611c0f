#!/usr/bin/env python3
"""Medians and ratios from the last `cargo bench -p ward-core --bench otp`.

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
