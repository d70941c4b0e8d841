//! The `date` fuzz target's body, shared with `cargo test` (tests/it/badinput.rs replays the
//! seeds and regressions through it): dates (`YYYY-MM-DD`) and article timestamps (RFC 3339).
//!
//! Must hold for any text: no panic; a date that parses prints back as itself; a timestamp that
//! parses has an RFC 3339 form that parses back to the same instant and date; the day count of
//! any date survives the round trip.

use tiendo::date::{Date, Timestamp};

/// Runs one input.
pub fn run(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for s in [text.as_ref(), text.trim()] {
        if let Ok(d) = Date::parse(s) {
            assert_eq!(d.to_string(), s, "a date prints back as written");
            assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        }
        if let Ok(t) = Timestamp::parse(s) {
            let again = Timestamp::parse(&t.rfc3339)
                .unwrap_or_else(|e| panic!("{s:?} → {:?} does not parse back: {e}", t.rfc3339));
            assert_eq!(again.date, t.date, "{s:?}");
            // The RFC 3339 form drops a fraction of a second and nothing else.
            assert_eq!(again.epoch_seconds, t.epoch_seconds, "{s:?}");
            assert!(t.rfc3339.is_ascii(), "{:?}", t.rfc3339);
        }
    }
    // Any day count, however far out, gives a date that prints as YYYY-MM-DD.
    if let Some(chunk) = bytes.get(..8) {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        let d = Date::from_days_since_epoch(i64::from_le_bytes(b));
        assert!(Date::parse(&d.to_string()).is_ok(), "{d}");
    }
}
