//! Times ward-core's QR decoder on the benchmark frames (see
//! `tests/qr/bench_qr.py`, which runs this and the peer decoders).
//!
//! ```sh
//! cargo run --release -p ward-core --example qr_bench -- tests/qr/frames/manifest.json \
//!     [--repeat 3] [--strategy 2L,1LH,1GH] [--precheck] [--focus] [--stream] [--summary]
//! ```
//!
//! Prints one JSON object per frame: `{"file", "texts", "ms", "cpu_ms"}`:
//! the medians over `--repeat` decodes of the already loaded frame (PNG
//! reading is not timed) of wall-clock time and of this thread's CPU time
//! (the decoder is single-threaded; CPU time stays meaningful when other
//! work shares the machine). `--summary` prints a per-class table (CPU ms) instead; a
//! class of frames without a code counts a frame as read when nothing is found, and
//! the last row is over the frames with a code. `--precheck` decodes with
//! `Strategy::for_camera` (what `ScanSession::new` uses: the finder-pattern search
//! first, and its own passes unless `--strategy` names them; the search is off in
//! one-shot decoding: compare the two runs class by class). `--focus`
//! turns on `Strategy::focus` (scouting passes over the whole frame, the others only
//! where the scouts saw finder patterns; off by default). `--stream`
//! decodes the frames of each class in manifest order through one `ScanSession`, as a
//! camera session would (each of the `--repeat` decodes starts from the session's state
//! before that frame); without it every frame is decoded on its own. `--strategy`
//! replaces the default passes: comma-separated, each a scale digit, `L`
//! (local threshold) or `G` (global), then `H` for try-harder and `I` for
//! inverted, then at most one filter: `S` stretch, `B` smooth (blur), `P`
//! sharpen; e.g. `2L,1LH,1LHS`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use ward_core::qr::{Filter, LumaFrame, Pass, ScanSession, Strategy, Threshold, decode_luma_with};

#[derive(serde::Deserialize)]
struct Manifest {
    frames: Vec<FrameEntry>,
}

#[derive(serde::Deserialize)]
struct FrameEntry {
    file: String,
    class: String,
    texts: Vec<String>,
}

struct Options {
    manifest: PathBuf,
    repeat: usize,
    strategy: Strategy,
    summary: bool,
    precheck: bool,
    focus: bool,
    stream: bool,
}

fn parse_strategy(spec: &str) -> Result<Strategy, String> {
    let mut passes = Vec::new();
    for item in spec.split(',').filter(|s| !s.is_empty()) {
        let mut chars = item.chars();
        let scale = chars
            .next()
            .and_then(|c| c.to_digit(10))
            .ok_or_else(|| format!("pass '{item}' must start with a scale digit"))?;
        let threshold = match chars.next() {
            Some('L') => Threshold::Local,
            Some('G') => Threshold::Global,
            _ => return Err(format!("pass '{item}' needs L or G after the scale")),
        };
        let flags: String = chars.collect();
        passes.push(Pass {
            scale,
            threshold,
            try_harder: flags.contains('H'),
            inverted: flags.contains('I'),
            filter: if flags.contains('S') {
                Filter::Stretch
            } else if flags.contains('B') {
                Filter::Smooth
            } else if flags.contains('P') {
                Filter::Sharpen
            } else {
                Filter::None
            },
        });
    }
    Ok(Strategy {
        precheck: false,
        focus: false,
        passes,
    })
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut passes_given = false;
    let mut options = Options {
        manifest: PathBuf::new(),
        repeat: 1,
        strategy: Strategy::default(),
        summary: false,
        precheck: false,
        focus: false,
        stream: false,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--repeat" => {
                options.repeat = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--repeat needs a positive number")?;
            }
            "--strategy" => {
                options.strategy = parse_strategy(&args.next().ok_or("--strategy needs a value")?)?;
                passes_given = true;
            }
            "--summary" => options.summary = true,
            "--precheck" => options.precheck = true,
            "--focus" => options.focus = true,
            "--stream" => options.stream = true,
            _ => options.manifest = PathBuf::from(arg),
        }
    }
    if options.manifest.as_os_str().is_empty() {
        return Err(
            "usage: qr_bench MANIFEST [--repeat N] [--strategy SPEC] [--precheck] [--focus] [--stream] [--summary]"
                .into(),
        );
    }
    if options.precheck {
        if !passes_given {
            options.strategy = Strategy::for_camera();
        }
        options.strategy.precheck = true;
    }
    if options.focus {
        options.strategy.focus = true;
    }
    Ok(options)
}

/// This thread's CPU time in milliseconds (`CLOCK_THREAD_CPUTIME_ID`).
fn thread_cpu_ms() -> f64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a constant.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if status != 0 {
        return f64::NAN;
    }
    now.tv_sec as f64 * 1000.0 + now.tv_nsec as f64 / 1.0e6
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn run(options: &Options) -> Result<(), String> {
    let manifest_text = std::fs::read_to_string(&options.manifest).map_err(|e| e.to_string())?;
    let manifest: Manifest = serde_json::from_str(&manifest_text).map_err(|e| e.to_string())?;
    let base = options.manifest.parent().unwrap_or(Path::new("."));
    // class -> (ok, wrong, total, times)
    let mut classes: BTreeMap<String, (usize, usize, usize, Vec<f64>)> = BTreeMap::new();
    let mut session: Option<(String, ScanSession)> = None;
    for entry in &manifest.frames {
        if options.stream
            && session
                .as_ref()
                .is_none_or(|(class, _)| *class != entry.class)
        {
            let fresh = ScanSession::with_strategy(options.strategy.clone());
            session = Some((entry.class.clone(), fresh));
        }
        let image = image::open(base.join(&entry.file))
            .map_err(|e| format!("{}: {e}", entry.file))?
            .to_luma8();
        let (width, height) = image.dimensions();
        let frame = LumaFrame::packed(image.as_raw(), width, height).map_err(|e| e.to_string())?;
        let mut times = Vec::with_capacity(options.repeat);
        let mut cpu_times = Vec::with_capacity(options.repeat);
        let mut texts = Vec::new();
        for _ in 0..options.repeat {
            let mut state = session.as_ref().map(|(_, state)| state.clone());
            let (started, cpu_started) = (Instant::now(), thread_cpu_ms());
            texts = match &mut state {
                Some(state) => state.decode(&frame),
                None => decode_luma_with(&frame, &options.strategy),
            }
            .unwrap_or_default();
            cpu_times.push(thread_cpu_ms() - cpu_started);
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            if let (Some((_, kept)), Some(state)) = (&mut session, state) {
                // The last repeat's state carries on to the next frame.
                *kept = state;
            }
        }
        let ms = median(&mut times);
        let cpu_ms = median(&mut cpu_times);
        if options.summary {
            let row = classes.entry(entry.class.clone()).or_default();
            // A frame without a code is read correctly when nothing is found.
            let read = if entry.texts.is_empty() {
                texts.is_empty()
            } else {
                entry.texts.iter().all(|t| texts.contains(t))
            };
            row.0 += usize::from(read);
            row.1 += texts.iter().filter(|t| !entry.texts.contains(t)).count();
            row.2 += 1;
            row.3.push(cpu_ms);
        } else {
            let line =
                serde_json::json!({"file": entry.file, "texts": texts, "ms": ms, "cpu_ms": cpu_ms});
            println!("{line}");
        }
    }
    if options.summary {
        let with_code: std::collections::BTreeSet<&str> = manifest
            .frames
            .iter()
            .filter(|f| !f.texts.is_empty())
            .map(|f| f.class.as_str())
            .collect();
        let (mut ok, mut wrong, mut total, mut all) = (0, 0, 0, Vec::new());
        for (class, (c_ok, c_wrong, c_total, mut times)) in classes {
            println!(
                "{class:12} {:5.1}% {:7.2} ms wrong {c_wrong}",
                100.0 * c_ok as f64 / c_total as f64,
                median(&mut times)
            );
            // "overall" is over the frames with a code.
            if !with_code.contains(class.as_str()) {
                continue;
            }
            ok += c_ok;
            wrong += c_wrong;
            total += c_total;
            all.extend(times);
        }
        println!(
            "{:12} {:5.1}% {:7.2} ms wrong {wrong}",
            "with a code",
            100.0 * ok as f64 / total.max(1) as f64,
            median(&mut all)
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    match options().and_then(|options| run(&options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("qr_bench: {message}");
            ExitCode::from(2)
        }
    }
}
