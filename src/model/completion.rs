//! Completion of a goal and its bucket, exactly as the province reports them:
//! `completed` ≥ 100 %; `above_70` > 70 % and < 100 %; `between_50_70` 50 %–70 % inclusive;
//! `below_50` < 50 %. Pure.

/// How a goal's completion is measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// A percentage given directly.
    Progress(f64),
    /// `actual / target`, or `(actual - baseline) / (target - baseline)` with a baseline.
    Target {
        /// The promised value.
        target: f64,
        /// The achieved value.
        actual: f64,
        /// The starting value, for goals measured from a baseline (or that must decrease).
        baseline: Option<f64>,
    },
}

/// Why a completion cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompletionError {
    /// `target` is 0 with no baseline.
    ZeroTarget,
    /// `target` equals `baseline`.
    TargetEqualsBaseline,
    /// A value is not a finite number.
    NotFinite,
    /// A value written is beyond `MAX_VALUE`, or the completion beyond `MAX_COMPLETION`: a
    /// typing error, which pages, CSV and JSON could not show as a number.
    OutOfRange,
}

/// The largest value a goal may be written with (a million billion): every whole number up
/// to it is exact in a page, a CSV cell and JSON.
pub const MAX_VALUE: f64 = 1e15;

/// The largest completion, in percent, either way (ten thousand times the target).
pub const MAX_COMPLETION: f64 = 1e6;

impl Rule {
    /// (progress, target, actual, baseline) as written: the fields of data files.
    pub fn parts(&self) -> (Option<f64>, Option<f64>, Option<f64>, Option<f64>) {
        match *self {
            Rule::Progress(p) => (Some(p), None, None, None),
            Rule::Target {
                target,
                actual,
                baseline,
            } => (None, Some(target), Some(actual), baseline),
        }
    }

    /// Completion in percent, rounded to 2 decimals so that `0.7 * 100` is exactly 70.
    pub fn completion(&self) -> Result<f64, CompletionError> {
        let (p, t, a, b) = self.parts();
        if [p, t, a, b]
            .into_iter()
            .flatten()
            .any(|x| x.abs() > MAX_VALUE)
        {
            return Err(CompletionError::OutOfRange);
        }
        let raw = match *self {
            Rule::Progress(p) => p,
            Rule::Target {
                target,
                actual,
                baseline: None,
            } => {
                if target == 0.0 {
                    return Err(CompletionError::ZeroTarget);
                }
                actual * 100.0 / target
            }
            Rule::Target {
                target,
                actual,
                baseline: Some(b),
            } => {
                if target == b {
                    return Err(CompletionError::TargetEqualsBaseline);
                }
                (actual - b) * 100.0 / (target - b)
            }
        };
        if !raw.is_finite() {
            return Err(CompletionError::NotFinite);
        }
        if raw.abs() > MAX_COMPLETION {
            return Err(CompletionError::OutOfRange);
        }
        Ok(round2(raw))
    }
}

/// Rounds to 2 decimals. A value too large to hold decimals (beyond 2⁵³ / 100) is returned as
/// it is: scaling it by 100 could overflow to infinity (`progress: 1e307`).
pub fn round2(x: f64) -> f64 {
    if x.abs() >= 9.0e13 {
        return x;
    }
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// A completion bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    /// ≥ 100 %.
    Completed,
    /// > 70 % and < 100 %.
    Above70,
    /// 50 %–70 % inclusive.
    Between50And70,
    /// < 50 %.
    Below50,
}

impl Bucket {
    /// All buckets, best first.
    pub const ALL: [Bucket; 4] = [
        Bucket::Completed,
        Bucket::Above70,
        Bucket::Between50And70,
        Bucket::Below50,
    ];

    /// The bucket of a completion percentage. Total: NaN counts as below 50 %.
    pub fn of(pct: f64) -> Bucket {
        if pct >= 100.0 {
            Bucket::Completed
        } else if pct > 70.0 {
            Bucket::Above70
        } else if pct >= 50.0 {
            Bucket::Between50And70
        } else {
            Bucket::Below50
        }
    }

    /// The key used in data files.
    pub fn key(self) -> &'static str {
        match self {
            Bucket::Completed => "completed",
            Bucket::Above70 => "above_70",
            Bucket::Between50And70 => "between_50_70",
            Bucket::Below50 => "below_50",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_at_the_thresholds() {
        for (pct, b) in [
            (120.0, Bucket::Completed),
            (100.0, Bucket::Completed),
            (99.99, Bucket::Above70),
            (70.01, Bucket::Above70),
            (70.0, Bucket::Between50And70),
            (50.0, Bucket::Between50And70),
            (49.99, Bucket::Below50),
            (0.0, Bucket::Below50),
            (-20.0, Bucket::Below50),
            (f64::NAN, Bucket::Below50),
        ] {
            assert_eq!(Bucket::of(pct), b, "{pct}");
        }
    }

    #[test]
    fn buckets_are_monotone() {
        let mut last = Bucket::Below50;
        for i in -100..=2000 {
            let b = Bucket::of(f64::from(i) / 10.0);
            assert!(b <= last, "bucket went down at {i}");
            last = b;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// Every number, NaN and infinities included, has a bucket; a higher completion never
        /// falls into a lower bucket.
        #[test]
        fn buckets_are_total_and_monotone(a in proptest::num::f64::ANY, b in proptest::num::f64::ANY) {
            let (ba, bb) = (Bucket::of(a), Bucket::of(b));
            proptest::prop_assert!(Bucket::ALL.contains(&ba));
            if a <= b {
                proptest::prop_assert!(bb <= ba, "{a} -> {ba:?}, {b} -> {bb:?}");
            }
        }

        /// The bucket of a computed completion follows the published thresholds on the value
        /// shown (rounded to two decimals), and a computed completion is always finite.
        #[test]
        fn computed_buckets_follow_the_thresholds(
            target in -1e6f64..1e6,
            actual in -1e6f64..1e6,
            baseline in proptest::option::of(-1e6f64..1e6),
        ) {
            let rule = Rule::Target { target, actual, baseline };
            if let Ok(c) = rule.completion() {
                proptest::prop_assert!(c.is_finite());
                proptest::prop_assert_eq!(round2(c), c);
                let expected = if c >= 100.0 {
                    Bucket::Completed
                } else if c > 70.0 {
                    Bucket::Above70
                } else if c >= 50.0 {
                    Bucket::Between50And70
                } else {
                    Bucket::Below50
                };
                proptest::prop_assert_eq!(Bucket::of(c), expected);
            }
        }
    }

    #[test]
    fn huge_values_and_completions_are_out_of_range() {
        let huge = Err(CompletionError::OutOfRange);
        assert_eq!(Rule::Progress(1e307).completion(), huge);
        assert_eq!(Rule::Progress(-2e6).completion(), huge);
        assert_eq!(Rule::Progress(1e6).completion(), Ok(1e6));
        let target = |target, actual| Rule::Target {
            target,
            actual,
            baseline: None,
        };
        assert_eq!(target(1e300, 1e300).completion(), huge);
        assert_eq!(target(1e-300, 1.0).completion(), huge);
        assert_eq!(target(1e15, 1e15).completion(), Ok(100.0));
        assert_eq!(round2(-1e300), -1e300);
        assert_eq!(round2(12.345_6), 12.35);
    }

    #[test]
    fn completion_rules() {
        assert_eq!(Rule::Progress(85.0).completion(), Ok(85.0));
        assert_eq!(
            Rule::Target {
                target: 10.0,
                actual: 7.0,
                baseline: None
            }
            .completion(),
            Ok(70.0)
        );
        assert_eq!(
            Rule::Target {
                target: 1.0,
                actual: 0.7,
                baseline: None
            }
            .completion(),
            Ok(70.0)
        );
        // A goal that must decrease: from 5 days to 2, now 2.6 -> 80 %.
        assert_eq!(
            Rule::Target {
                target: 2.0,
                actual: 2.6,
                baseline: Some(5.0)
            }
            .completion(),
            Ok(80.0)
        );
        assert_eq!(
            Rule::Target {
                target: 0.0,
                actual: 1.0,
                baseline: None
            }
            .completion(),
            Err(CompletionError::ZeroTarget)
        );
        assert_eq!(
            Rule::Target {
                target: 3.0,
                actual: 1.0,
                baseline: Some(3.0)
            }
            .completion(),
            Err(CompletionError::TargetEqualsBaseline)
        );
        assert_eq!(
            Rule::Target {
                target: 1e-300,
                actual: 1e15,
                baseline: None
            }
            .completion(),
            Err(CompletionError::NotFinite)
        );
    }
}
