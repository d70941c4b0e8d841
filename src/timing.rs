//! Phase timings for profiling builds: set `TIENDO_TIMINGS=1` and each phase prints its wall
//! time to stderr. Off by default; reading the clock here never reaches the output.

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        std::env::var_os("TIENDO_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0")
    })
}

/// A running phase; prints its duration when dropped, if timings are on.
pub struct Phase {
    name: &'static str,
    start: Option<Instant>,
}

/// Starts timing a phase.
pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        start: enabled().then(Instant::now),
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some(s) = self.start {
            // Ignored if stderr is gone (a closed pipe): timings must never stop a build.
            let _ = writeln!(
                std::io::stderr(),
                "timing: {:<24} {:>8.1} ms",
                self.name,
                s.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}
