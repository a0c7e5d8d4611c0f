#!/usr/bin/env python3
"""Makes Ward's QR benchmark set: camera-like 1920x1080 grayscale frames.

Each frame holds one QR code carrying either an AWS-style otpauth URI
(64-character base32 secret, issuer "Amazon Web Services") or a Google
Authenticator export URI (otpauth-migration://offline?data=...) with 5-10
accounts, whose protobuf payload is encoded by hand below. Ten distortion
classes, `--per-class` frames each (40 by default: 400 frames):

    clean, small, rotated, perspective, blur, noise, lowlight, jpeg,
    clutter, combined

and an eleventh class, nocode, of frames WITHOUT a code (expected texts []):
what the camera sees while the user aims. Its scenes cycle through a desk,
a screen with text, a keyboard, sensor noise, low light and clutter (text,
lines, checkerboards and lone finder-pattern look-alikes).

Frames are written as 8-bit grayscale PNG under OUT/<class>/NNN.png with
OUT/manifest.json listing {"file", "class", "texts"} per frame. The set is
deterministic: frame i of class c always uses the seed (SEED, c, i), so a
small slice (`--per-class 4`, as CI uses) is the first frames of the full set.

`--fixtures DIR` instead writes the small committed test images (several
codes, a non-authenticator code, no code, a Google export screenshot).

Usage:
    python tests/qr/make_frames.py [--out tests/qr/frames] [--per-class 40] [--classes nocode,...]
    python tests/qr/make_frames.py --fixtures tests/fixtures/qr
"""

import argparse
import base64
import json
import math
import os
import random
import sys
import time
import urllib.parse

import cv2
import numpy as np
import segno

SEED = 20261127
WIDTH, HEIGHT = 1920, 1080
CLASSES = [
    "clean",
    "small",
    "rotated",
    "perspective",
    "blur",
    "noise",
    "lowlight",
    "jpeg",
    "clutter",
    "combined",
    "nocode",
]
# Scenes of the "nocode" class: what a camera sees while the user aims.
NOCODE_SCENES = ["desk", "screen", "keyboard", "noise", "lowlight", "clutter"]
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ISSUERS = [
    "Google",
    "GitHub",
    "Amazon Web Services",
    "Microsoft",
    "Dropbox",
    "Slack",
    "Discord",
    "Proton",
    "Cloudflare",
    "GitLab",
    "Bitwarden",
    "Reddit",
    "Twitter",
    "Coinbase",
    "DigitalOcean",
    "Fastmail",
]
NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"]
DOMAINS = ["example.com", "mail.example.org", "corp.example.net", "gmail.com"]


# --- payloads ---------------------------------------------------------------


def aws_uri(rng):
    """An otpauth URI as the AWS console shows it for a virtual MFA device."""
    secret = "".join(rng.choice(BASE32) for _ in range(64))
    user = rng.choice(NAMES) + str(rng.randint(1, 999))
    account = "".join(str(rng.randint(0, 9)) for _ in range(12))
    label = urllib.parse.quote(f"Amazon Web Services:{user}@{account}", safe=":@")
    return (
        f"otpauth://totp/{label}?secret={secret}"
        "&issuer=Amazon%20Web%20Services"
    )


def varint(value):
    out = bytearray()
    value &= (1 << 64) - 1
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field_varint(number, value):
    return varint(number << 3) + varint(value)


def field_bytes(number, data):
    return varint((number << 3) | 2) + varint(len(data)) + data


def otp_parameters(secret, name, issuer, algorithm=1, digits=1, otp_type=2, counter=None):
    """OtpParameters{bytes secret=1; string name=2; string issuer=3;
    Algorithm algorithm=4; DigitCount digits=5; OtpType type=6; int64 counter=7}"""
    out = field_bytes(1, secret)
    out += field_bytes(2, name.encode())
    out += field_bytes(3, issuer.encode())
    out += field_varint(4, algorithm)
    out += field_varint(5, digits)
    out += field_varint(6, otp_type)
    if counter is not None:
        out += field_varint(7, counter)
    return out


def migration_payload(accounts, batch_id, version=1, batch_size=1, batch_index=0):
    """MigrationPayload{repeated OtpParameters otp_parameters=1; int32 version=2;
    int32 batch_size=3; int32 batch_index=4; int32 batch_id=5}"""
    out = b"".join(field_bytes(1, otp_parameters(**account)) for account in accounts)
    out += field_varint(2, version)
    out += field_varint(3, batch_size)
    out += field_varint(4, batch_index)
    out += field_varint(5, batch_id)
    return out


def migration_uri_from_payload(payload):
    data = urllib.parse.quote(base64.b64encode(payload).decode(), safe="")
    return f"otpauth-migration://offline?data={data}"


def random_accounts(rng, count):
    accounts = []
    for _ in range(count):
        hotp = rng.random() < 0.15
        accounts.append(
            {
                "secret": bytes(rng.getrandbits(8) for _ in range(rng.choice([10, 16, 20, 20, 32]))),
                "name": f"{rng.choice(NAMES)}{rng.randint(1, 99)}@{rng.choice(DOMAINS)}",
                "issuer": rng.choice(ISSUERS),
                "algorithm": rng.choice([1, 1, 1, 2]),
                "digits": rng.choice([1, 1, 1, 2]),
                "otp_type": 1 if hotp else 2,
                "counter": rng.randint(0, 1000) if hotp else None,
            }
        )
    return accounts


def migration_uri(rng):
    """A Google Authenticator export URI with 5-10 accounts."""
    accounts = random_accounts(rng, rng.randint(5, 10))
    return migration_uri_from_payload(migration_payload(accounts, rng.getrandbits(31)))


# --- rendering --------------------------------------------------------------


def qr_modules(text, error="m"):
    """The code as a 0/1 numpy array (1 = dark), with a 4-module quiet zone."""
    code = segno.make_qr(text, error=error, boost_error=False)
    matrix = np.array([list(row) for row in code.matrix], dtype=np.uint8)
    return np.pad(matrix, 4)


def background(rng, nprng, clutter):
    """A camera-like scene: uneven lighting, a monitor/page, optional clutter."""
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    grad = (x * math.cos(angle) + y * math.sin(angle)) / (WIDTH + HEIGHT)
    base = rng.uniform(60, 140) + rng.uniform(-40, 40) * grad
    frame = np.clip(base, 0, 255).astype(np.uint8)
    # A few dim rectangles: furniture, a keyboard, a monitor bezel.
    for _ in range(rng.randint(2, 5)):
        x0, y0 = rng.randint(0, WIDTH - 100), rng.randint(0, HEIGHT - 100)
        x1, y1 = x0 + rng.randint(80, 700), y0 + rng.randint(60, 500)
        cv2.rectangle(frame, (x0, y0), (x1, y1), int(rng.uniform(20, 200)), -1)
    if clutter:
        add_clutter(rng, nprng, frame)
    return frame.astype(np.float32)


def add_clutter(rng, nprng, frame):
    """Text, lines, checkerboards and finder-like squares that are not a code."""
    for _ in range(rng.randint(15, 30)):
        text = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 @:/.") for _ in range(rng.randint(4, 24)))
        org = (rng.randint(0, WIDTH - 200), rng.randint(20, HEIGHT))
        cv2.putText(frame, text, org, rng.choice([0, 1, 2, 3, 4, 6]), rng.uniform(0.5, 2.0),
                    int(rng.choice([0, 20, 230, 255])), rng.randint(1, 3))
    for _ in range(rng.randint(10, 25)):
        p0 = (rng.randint(0, WIDTH), rng.randint(0, HEIGHT))
        p1 = (rng.randint(0, WIDTH), rng.randint(0, HEIGHT))
        cv2.line(frame, p0, p1, int(rng.choice([0, 255, rng.uniform(0, 255)])), rng.randint(1, 6))
    for _ in range(rng.randint(2, 5)):  # checkerboards and barcode-ish stripes
        size = rng.randint(4, 14)
        cells = rng.randint(4, 16)
        x0, y0 = rng.randint(0, WIDTH - size * cells), rng.randint(0, HEIGHT - size * cells)
        board = (np.indices((cells, cells)).sum(axis=0) % 2 if rng.random() < 0.5
                 else nprng.integers(0, 2, (cells, cells)))
        patch = np.kron(board, np.ones((size, size))) * 255
        frame[y0:y0 + size * cells, x0:x0 + size * cells] = patch.astype(np.uint8)
    for _ in range(rng.randint(3, 8)):  # lone finder-pattern look-alikes
        size = rng.randint(3, 8)
        x0, y0 = rng.randint(0, WIDTH - 9 * size), rng.randint(0, HEIGHT - 9 * size)
        finder = np.ones((9, 9))
        finder[1:8, 1:8] = 0
        finder[2:7, 2:7] = 1
        finder[3:6, 3:6] = 0
        frame[y0:y0 + 9 * size, x0:x0 + 9 * size] = (np.kron(finder, np.ones((size, size))) * 255).astype(np.uint8)


def place_code(frame, modules, corners, light, dark):
    """Draws the code with its quiet zone onto `frame` so that its outer
    corners (quiet zone included, order TL, TR, BR, BL) land on `corners`."""
    n = modules.shape[0]
    src_module = 6
    src = np.where(modules == 1, dark, light).astype(np.float32)
    src = np.kron(src, np.ones((src_module, src_module), dtype=np.float32))
    size = n * src_module
    src_pts = np.float32([[0, 0], [size, 0], [size, size], [0, size]])
    # Warp only into the code's bounding box.
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    x0, y0 = max(int(min(xs)) - 2, 0), max(int(min(ys)) - 2, 0)
    x1, y1 = min(int(max(xs)) + 3, WIDTH), min(int(max(ys)) + 3, HEIGHT)
    local = np.float32([(x - x0, y - y0) for x, y in corners])
    homography = cv2.getPerspectiveTransform(src_pts, local)
    box = (x1 - x0, y1 - y0)
    # Both warps leave 0 outside the code, so `warped` is already weighted by
    # the coverage `mask` along the edges.
    warped = cv2.warpPerspective(src, homography, box, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones_like(src), homography, box, flags=cv2.INTER_LINEAR)
    roi = frame[y0:y1, x0:x1]
    np.copyto(roi, roi * (1 - mask) + warped)


def square_corners(cx, cy, side, angle_deg):
    angle = math.radians(angle_deg)
    half = side / 2
    pts = []
    for dx, dy in [(-half, -half), (half, -half), (half, half), (-half, half)]:
        pts.append((cx + dx * math.cos(angle) - dy * math.sin(angle),
                    cy + dx * math.sin(angle) + dy * math.cos(angle)))
    return pts


def perspective_corners(rng, cx, cy, side, strength):
    """A square seen at an angle: each corner moved by up to `strength`*side,
    with a consistent tilt so the shape is a plausible projection."""
    pts = square_corners(cx, cy, side, rng.uniform(-25, 25))
    tilt_x, tilt_y = rng.uniform(-1, 1), rng.uniform(-1, 1)
    out = []
    for (x, y), (sx, sy) in zip(pts, [(-1, -1), (1, -1), (1, 1), (-1, 1)]):
        shrink = strength * side * (tilt_x * sx + tilt_y * sy) / 2
        jitter = strength * side * 0.15
        out.append((x - sx * shrink * 0.5 + rng.uniform(-jitter, jitter),
                    y - sy * shrink * 0.5 + rng.uniform(-jitter, jitter)))
    return out


def fits(corners, margin=8):
    return all(margin <= x <= WIDTH - margin and margin <= y <= HEIGHT - margin for x, y in corners)


def make_frame(klass, rng, text):
    nprng = np.random.default_rng(rng.getrandbits(32))
    error = "l" if text.startswith("otpauth-migration") else "m"
    modules = qr_modules(text, error)
    n = modules.shape[0]
    frame = background(rng, nprng, clutter=klass in ("clutter", "combined"))
    light, dark = rng.uniform(200, 250), rng.uniform(5, 40)

    # Module size in frame pixels.
    if klass == "small":
        module = rng.uniform(1.6, 2.4)
    elif klass == "combined":
        module = rng.uniform(3.0, 5.0)
    else:
        module = rng.uniform(2.6, 6.0)
    side = min(n * module, HEIGHT * 0.9)

    for _ in range(100):
        cx, cy = rng.uniform(side / 2, WIDTH - side / 2), rng.uniform(side / 2, HEIGHT - side / 2)
        if klass in ("rotated",):
            corners = square_corners(cx, cy, side, rng.uniform(0, 360))
        elif klass == "perspective":
            corners = perspective_corners(rng, cx, cy, side, rng.uniform(0.15, 0.35))
        elif klass == "combined":
            corners = perspective_corners(rng, cx, cy, side, rng.uniform(0.05, 0.2))
            angle = rng.uniform(0, 360)
            corners = [rotate_about(p, (cx, cy), angle) for p in corners]
        else:
            corners = square_corners(cx, cy, side, rng.uniform(-3, 3))
        if fits(corners):
            break
    place_code(frame, modules, corners, light, dark)

    # Every camera blurs a little.
    frame = cv2.GaussianBlur(frame, (0, 0), 0.5)
    if klass == "blur":
        frame = cv2.GaussianBlur(frame, (0, 0), module * rng.uniform(0.35, 0.55))
    elif klass == "noise":
        frame = frame + nprng.normal(0, rng.uniform(18, 32), frame.shape)
        salt = nprng.random(frame.shape)
        frame[salt < 0.01] = 0
        frame[salt > 0.99] = 255
    elif klass == "lowlight":
        black, span = rng.uniform(4, 12), rng.uniform(20, 45)
        frame = black + frame * (span / 255.0) + nprng.normal(0, rng.uniform(1.5, 3.5), frame.shape)
    elif klass == "combined":
        frame = cv2.GaussianBlur(frame, (0, 0), module * rng.uniform(0.15, 0.3))
        black, span = rng.uniform(10, 30), rng.uniform(90, 160)
        frame = black + frame * (span / 255.0) + nprng.normal(0, rng.uniform(5, 10), frame.shape)
    frame = np.clip(frame + 0.5, 0, 255).astype(np.uint8)
    if klass in ("jpeg", "combined"):
        quality = rng.randint(12, 30) if klass == "jpeg" else rng.randint(40, 70)
        ok, encoded = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
        if not ok:
            raise RuntimeError("JPEG encoding failed")
        frame = cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)
    return frame


def text_lines(rng, frame, x0, y0, x1, y1, ink, scale_range=(0.5, 1.1)):
    """Lines of random text filling a box, as a page or a screen shows it."""
    y = y0 + 30
    while y < y1 - 10:
        scale = rng.uniform(*scale_range)
        words = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
                         for _ in range(rng.randint(3, 12)))
        cv2.putText(frame, words, (x0 + rng.randint(5, 40), y), rng.choice([0, 1, 2, 3, 4]), scale, ink,
                    rng.randint(1, 2))
        y += int(scale * 40) + rng.randint(4, 20)


def nocode_scene(rng, nprng, scene):
    """A 1080p frame without a QR code (float32, before the camera's blur)."""
    frame = background(rng, nprng, clutter=scene == "clutter")
    if scene in ("desk", "lowlight"):
        # Wood-like low-frequency texture, papers with text, a mug, a pen.
        texture = cv2.resize(nprng.normal(0, 12, (HEIGHT // 40, WIDTH // 8)).astype(np.float32), (WIDTH, HEIGHT))
        frame = frame + texture
    frame = np.clip(frame, 0, 255).astype(np.uint8)  # OpenCV draws on 8-bit images
    if scene in ("desk", "lowlight"):
        for _ in range(rng.randint(1, 3)):
            x0, y0 = rng.randint(0, WIDTH - 500), rng.randint(0, HEIGHT - 400)
            x1, y1 = x0 + rng.randint(300, 700), y0 + rng.randint(250, 600)
            cv2.rectangle(frame, (x0, y0), (x1, y1), rng.uniform(190, 245), -1)
            text_lines(rng, frame, x0, y0, min(x1, WIDTH), min(y1, HEIGHT), rng.uniform(10, 60))
        centre = (rng.randint(100, WIDTH - 100), rng.randint(100, HEIGHT - 100))
        cv2.circle(frame, centre, rng.randint(50, 120), rng.uniform(20, 220), -1)
        cv2.circle(frame, centre, rng.randint(20, 45), rng.uniform(20, 220), -1)
        p0 = (rng.randint(0, WIDTH), rng.randint(0, HEIGHT))
        cv2.line(frame, p0, (p0[0] + rng.randint(-300, 300), p0[1] + rng.randint(-300, 300)),
                 rng.uniform(0, 80), rng.randint(8, 16))
    elif scene == "screen":
        # A monitor: bezel, a light or dark-mode screen full of text, a taskbar.
        x0, y0 = rng.randint(0, 300), rng.randint(0, 200)
        x1, y1 = WIDTH - rng.randint(0, 300), HEIGHT - rng.randint(0, 200)
        cv2.rectangle(frame, (x0, y0), (x1, y1), rng.uniform(5, 30), -1)
        dark_mode = rng.random() < 0.4
        paper, ink = (rng.uniform(20, 45), rng.uniform(180, 230)) if dark_mode else (rng.uniform(200, 250), rng.uniform(5, 50))
        cv2.rectangle(frame, (x0 + 25, y0 + 25), (x1 - 25, y1 - 25), paper, -1)
        cv2.rectangle(frame, (x0 + 25, y1 - 70), (x1 - 25, y1 - 25), rng.uniform(40, 120), -1)
        for _ in range(rng.randint(4, 12)):  # taskbar icons
            ix = rng.randint(x0 + 40, max(x0 + 41, x1 - 80))
            cv2.rectangle(frame, (ix, y1 - 62), (ix + 30, y1 - 33), rng.uniform(0, 255), -1)
        text_lines(rng, frame, x0 + 40, y0 + 40, x1 - 40, y1 - 80, ink)
    elif scene == "keyboard":
        # Rows of keys with their letters, seen from above.
        key = rng.randint(60, 110)
        gap = max(6, key // 8)
        ox, oy = rng.randint(-key, key), rng.randint(0, max(1, HEIGHT - 5 * (key + gap)))
        body, cap, ink = rng.uniform(10, 60), rng.uniform(25, 90), rng.uniform(170, 250)
        cv2.rectangle(frame, (ox - 20, oy - 20), (ox + 15 * (key + gap) + 20, oy + 5 * (key + gap) + 20), body, -1)
        for row in range(5):
            shift = [0, key // 2, key * 2 // 3, key, key // 3][row]
            for col in range(15):
                kx, ky = ox + shift + col * (key + gap), oy + row * (key + gap)
                cv2.rectangle(frame, (kx, ky), (kx + key, ky + key), cap, -1)
                cv2.putText(frame, rng.choice("QWERTYUIOPASDFGHJKLZXCVBNM1234567890"), (kx + key // 4, ky + key * 2 // 3),
                            0, key / 70, ink, 2)
    frame = frame.astype(np.float32)
    if scene == "noise":
        frame = frame + nprng.normal(0, rng.uniform(18, 32), frame.shape)
        salt = nprng.random(frame.shape)
        frame[salt < 0.01] = 0
        frame[salt > 0.99] = 255
    return frame


def make_nocode_frame(index, rng):
    nprng = np.random.default_rng(rng.getrandbits(32))
    scene = NOCODE_SCENES[index % len(NOCODE_SCENES)]
    frame = cv2.GaussianBlur(nocode_scene(rng, nprng, scene), (0, 0), 0.5)
    if scene == "lowlight":
        black, span = rng.uniform(4, 12), rng.uniform(20, 45)
        frame = black + frame * (span / 255.0) + nprng.normal(0, rng.uniform(1.5, 3.5), frame.shape)
    frame = np.clip(frame + 0.5, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:  # a phone's JPEG or video compression
        ok, encoded = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(40, 85)])
        if not ok:
            raise RuntimeError("JPEG encoding failed")
        frame = cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)
    return frame


def rotate_about(point, centre, angle_deg):
    angle = math.radians(angle_deg)
    x, y = point[0] - centre[0], point[1] - centre[1]
    return (centre[0] + x * math.cos(angle) - y * math.sin(angle),
            centre[1] + x * math.sin(angle) + y * math.cos(angle))


def write_png(path, image):
    if not cv2.imwrite(path, image, [cv2.IMWRITE_PNG_COMPRESSION, 1]):
        raise RuntimeError(f"cannot write {path}")


def make_set(out, per_class, only=None):
    entries = []
    for class_index, klass in enumerate(CLASSES):
        if only and klass not in only:
            continue
        os.makedirs(os.path.join(out, klass), exist_ok=True)
        for i in range(per_class):
            rng = random.Random(f"{SEED}/{class_index}/{i}")
            if klass == "nocode":
                frame, texts = make_nocode_frame(i, rng), []
            else:
                text = aws_uri(rng) if i % 2 == 0 else migration_uri(rng)
                frame, texts = make_frame(klass, rng, text), [text]
            name = f"{klass}/{i:03d}.png"
            write_png(os.path.join(out, name), frame)
            entries.append({"file": name, "class": klass, "texts": texts})
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"width": WIDTH, "height": HEIGHT, "frames": entries}, f, indent=1)
    return entries


# --- fixtures for the Rust tests -----------------------------------------------


def code_image(text, module=4, error="m"):
    modules = qr_modules(text, error)
    return (np.kron(1 - modules, np.ones((module, module), dtype=np.uint8)) * 255).astype(np.uint8)


def paste(canvas, image, x, y):
    canvas[y:y + image.shape[0], x:x + image.shape[1]] = image


def make_fixtures(out):
    """Small images the Rust tests decode; texts go to expected.json."""
    os.makedirs(out, exist_ok=True)
    rng = random.Random(f"{SEED}/fixtures")
    expected = {}

    # A phone screenshot of a Google Authenticator export (batch 1 of 1).
    accounts = [
        {"secret": b"Hello!\xde\xad\xbe\xef", "name": "alice@example.com", "issuer": "Google",
         "algorithm": 1, "digits": 1, "otp_type": 2, "counter": None},
        {"secret": bytes(range(20)), "name": "bob", "issuer": "GitHub",
         "algorithm": 1, "digits": 1, "otp_type": 2, "counter": None},
        {"secret": bytes(range(100, 132)), "name": "carol@example.org", "issuer": "Amazon Web Services",
         "algorithm": 2, "digits": 2, "otp_type": 2, "counter": None},
        {"secret": bytes(range(200, 210)), "name": "dave", "issuer": "Dropbox",
         "algorithm": 1, "digits": 1, "otp_type": 1, "counter": 7},
        {"secret": bytes(range(50, 66)), "name": "erin@example.net", "issuer": "Slack",
         "algorithm": 3, "digits": 1, "otp_type": 2, "counter": None},
    ]
    export = migration_uri_from_payload(migration_payload(accounts, batch_id=123456789))
    shot = np.full((1600, 720), 245, dtype=np.uint8)
    shot[:120, :] = 30  # status and app bar
    cv2.putText(shot, "Export accounts", (40, 85), 0, 1.4, 255, 3)
    cv2.putText(shot, "Scan this QR code with your new phone", (40, 250), 0, 0.7, 40, 2)
    code = code_image(export, module=5, error="l")
    paste(shot, code, (720 - code.shape[1]) // 2, 320)
    cv2.putText(shot, "1 of 1", (320, 320 + code.shape[0] + 60), 0, 0.9, 40, 2)
    write_png(os.path.join(out, "google-export-screenshot.png"), shot)
    expected["google-export-screenshot.png"] = [export]

    # Two codes in one picture.
    aws = aws_uri(rng)
    github = ("otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
              "&issuer=GitHub&algorithm=SHA1&digits=6&period=30")
    first, second = code_image(aws, 4), code_image(github, 4)
    canvas = np.full((max(first.shape[0], second.shape[0]) + 40, first.shape[1] + second.shape[1] + 120), 255,
                     dtype=np.uint8)
    paste(canvas, first, 20, 20)
    paste(canvas, second, first.shape[1] + 100, 20)
    write_png(os.path.join(out, "two-codes.png"), canvas)
    expected["two-codes.png"] = [aws, github]

    # A QR code that is not an authenticator code: a web address.
    url = "https://example.com/welcome?ref=poster"
    write_png(os.path.join(out, "url-code.png"), np.pad(code_image(url, 6), 30, constant_values=255))
    expected["url-code.png"] = [url]

    # No code at all: text and shapes.
    plain = np.full((300, 500), 230, dtype=np.uint8)
    cv2.putText(plain, "no code here", (40, 150), 0, 1.5, 20, 3)
    cv2.rectangle(plain, (350, 40), (460, 120), 60, -1)
    write_png(os.path.join(out, "no-code.png"), plain)
    expected["no-code.png"] = []

    # The same AWS code as a JPEG photo-like file (for the CLI's JPEG path).
    photo = cv2.GaussianBlur(np.pad(code_image(aws, 5), 40, constant_values=235), (0, 0), 1.0)
    ok, jpeg = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, 60])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    with open(os.path.join(out, "aws-photo.jpg"), "wb") as f:
        f.write(jpeg.tobytes())
    expected["aws-photo.jpg"] = [aws]

    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "frames"))
    parser.add_argument("--per-class", type=int, default=40)
    parser.add_argument("--classes", help="comma-separated classes to make (default: all)")
    parser.add_argument("--fixtures", metavar="DIR", help="write the test fixtures to DIR instead")
    args = parser.parse_args()
    started = time.time()
    if args.fixtures:
        make_fixtures(args.fixtures)
        print(f"fixtures written to {args.fixtures}")
        return 0
    only = set(args.classes.split(",")) if args.classes else None
    if only and not only <= set(CLASSES):
        parser.error(f"unknown classes: {', '.join(sorted(only - set(CLASSES)))}")
    entries = make_set(args.out, args.per_class, only)
    print(f"{len(entries)} frames written to {args.out} in {time.time() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
