#!/usr/bin/env python3
"""Ward's QR benchmark: decoder x distortion class -> success % and median ms.

Reads the frame set made by make_frames.py (OUT/manifest.json and PNG
frames) and decodes every frame with:

- ward: ward-core's decoder, through the Rust example `qr_bench`
  (`cargo run --release -p ward-core --example qr_bench`), which times only
  the decode call;
- ward-camera: the same with the finder-pattern search first
  (`Strategy::for_camera`, what `ScanSession::new` and so the apps' camera
  path use; `qr_bench --precheck`), each frame decoded on its own;
- ward-focus: the same with `Strategy::focus` on and the scouting passes
  measured for issue 16 (FOCUS_ARGS below): an experiment, off;
- zxing-cpp: the PyPI `zxing-cpp` bindings (QR only, library defaults:
  try rotate, downscale and invert);
- zbar: the PyPI `pyzbar` bindings over Debian's libzbar0 (QR only).

All decoders run in the same benchmark run, on the same frames, one after
the other. Each frame is decoded `--repeat` times and its time is the median
of those; a class's time is the median over its frames. Times are the
decoding thread's CPU time (every decoder here is single-threaded), so they
stay comparable when other work shares the machine; the overall wall-clock
median is printed too. A frame counts as a
success only if a decoded text equals the expected text exactly; any other
text is counted as wrong. A frame without a code (the nocode class) is a
success when nothing is found; the overall row is over frames with a code.

Usage:
    python tests/qr/bench_qr.py [--frames tests/qr/frames] [--decoders ward,zxing-cpp,zbar]
    python tests/qr/bench_qr.py --decoders ward --min-success 90 --max-wrong 0   # CI gate
    python tests/qr/bench_qr.py --decoders ward,ward-camera,zxing-cpp --repeat 3  # issue 16
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import cv2

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# ward-focus: scouts at half resolution (sharpened, plain, stretched) and the
# first full-resolution pass over the whole frame; the filtered
# full-resolution passes only where the scouts saw finder patterns.
FOCUS_ARGS = ["--focus", "--strategy", "2LHP,2LH,2LHS,1LH,1LHS,1LHB,1LHP"]


def load_manifest(frames_dir):
    with open(os.path.join(frames_dir, "manifest.json")) as f:
        return json.load(f)["frames"]


def run_ward(frames_dir, repeat, profile, extra=()):
    """Builds and runs the Rust example; returns {file: (texts, cpu_ms, wall_ms)}."""
    command = [
        "cargo", "run", "-q", "--profile", profile, "--locked", "-p", "ward-core", "--example", "qr_bench", "--",
        os.path.join(frames_dir, "manifest.json"), "--repeat", str(repeat), *extra,
    ]
    output = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    results = {}
    for line in output.splitlines():
        record = json.loads(line)
        results[record["file"]] = (record["texts"], record["cpu_ms"], record["ms"])
    return results


def run_python_decoder(name, frames_dir, frames, repeat):
    if name == "zxing-cpp":
        import zxingcpp

        def decode(image):
            return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    elif name == "zbar":
        from pyzbar import pyzbar

        def decode(image):
            found = pyzbar.decode(image, symbols=[pyzbar.ZBarSymbol.QRCODE])
            return [r.data.decode("utf-8", errors="replace") for r in found]
    else:
        raise SystemExit(f"unknown decoder {name}")

    results = {}
    for frame in frames:
        image = cv2.imread(os.path.join(frames_dir, frame["file"]), cv2.IMREAD_GRAYSCALE)
        if image is None:
            raise SystemExit(f"cannot read {frame['file']}")
        times, walls, texts = [], [], []
        for _ in range(repeat):
            started, cpu_started = time.perf_counter(), time.thread_time()
            texts = decode(image)
            times.append((time.thread_time() - cpu_started) * 1000)
            walls.append((time.perf_counter() - started) * 1000)
        results[frame["file"]] = (texts, statistics.median(times), statistics.median(walls))
    return results


def score(frames, results):
    """{class: {"ok", "wrong", "total", "ms"}} plus an "overall" row over the
    frames WITH a code. A frame without a code (expected texts []) is "ok"
    when nothing is found; any text found there is wrong."""
    table = {}
    with_code = set()
    for frame in frames:
        texts, ms, wall = results[frame["file"]]
        expected = frame["texts"]
        row = table.setdefault(frame["class"], {"ok": 0, "wrong": 0, "total": 0, "times": [], "walls": []})
        row["total"] += 1
        row["times"].append(ms)
        row["walls"].append(wall)
        if expected:
            with_code.add(frame["class"])
        if all(text in texts for text in expected) if expected else not texts:
            row["ok"] += 1
        row["wrong"] += sum(1 for text in texts if text not in expected)
    overall = {"ok": 0, "wrong": 0, "total": 0, "times": [], "walls": []}
    for klass, row in table.items():
        if klass not in with_code:
            continue
        for key in ("ok", "wrong", "total"):
            overall[key] += row[key]
        overall["times"] += row["times"]
        overall["walls"] += row["walls"]
    table["overall"] = overall
    for row in table.values():
        row["ms"] = statistics.median(row["times"])
        row["wall_ms"] = statistics.median(row["walls"])
        row["success"] = 100.0 * row["ok"] / row["total"]
    return table


def print_table(decoders, tables, classes):
    header = "| class | " + " | ".join(f"{d} ok% | {d} CPU ms | {d} wrong" for d in decoders) + " |"
    print(header)
    print("|" + "---|" * (1 + 3 * len(decoders)))
    for klass in classes + ["overall"]:
        cells = []
        for decoder in decoders:
            row = tables[decoder][klass]
            cells += [f"{row['success']:.1f}", f"{row['ms']:.2f}", str(row["wrong"])]
        print(f"| {klass} | " + " | ".join(cells) + " |")
    print("overall wall-clock median ms: " + ", ".join(
        f"{d} {tables[d]['overall']['wall_ms']:.2f}" for d in decoders))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", default=os.path.join(ROOT, "tests", "qr", "frames"))
    parser.add_argument("--decoders", default="ward,zxing-cpp,zbar")
    parser.add_argument("--repeat", type=int, default=3, help="decodes per frame (median taken)")
    parser.add_argument("--json", help="also write the scores to this file")
    parser.add_argument("--cargo-profile", default="release",
                        help="profile for ward's example (CI checks correctness with 'dev', whose rxing is optimised)")
    parser.add_argument("--ward-args", default="",
                        help="extra arguments for ward's qr_bench example, e.g. --no-precheck")
    parser.add_argument("--min-success", type=float,
                        help="fail if ward's overall success %% (frames with a code) is below this")
    parser.add_argument("--max-wrong", type=int, help="fail if ward returns more wrong texts than this")
    args = parser.parse_args()

    frames = load_manifest(args.frames)
    classes = list(dict.fromkeys(frame["class"] for frame in frames))
    decoders = [d.strip() for d in args.decoders.split(",") if d.strip()]
    tables = {}
    for decoder in decoders:
        if decoder == "ward":
            results = run_ward(args.frames, args.repeat, args.cargo_profile, args.ward_args.split())
        elif decoder == "ward-camera":
            results = run_ward(args.frames, args.repeat, args.cargo_profile, ["--precheck"] + args.ward_args.split())
        elif decoder == "ward-focus":
            results = run_ward(args.frames, args.repeat, args.cargo_profile, FOCUS_ARGS + args.ward_args.split())
        else:
            results = run_python_decoder(decoder, args.frames, frames, args.repeat)
        tables[decoder] = score(frames, results)
    print(f"{len(frames)} frames, {len(classes)} classes, median of {args.repeat} decodes per frame")
    print_table(decoders, tables, classes)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({d: {k: {x: v for x, v in row.items() if x not in ("times", "walls")} for k, row in t.items()}
                       for d, t in tables.items()}, f, indent=1)

    failed = False
    if "ward" in tables:
        overall = tables["ward"]["overall"]
        wrong = sum(row["wrong"] for klass, row in tables["ward"].items() if klass != "overall")
        if args.min_success is not None and overall["success"] < args.min_success:
            print(f"FAIL: ward decoded {overall['success']:.1f}% < {args.min_success}%", file=sys.stderr)
            failed = True
        if args.max_wrong is not None and wrong > args.max_wrong:
            print(f"FAIL: ward returned {wrong} wrong texts", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
