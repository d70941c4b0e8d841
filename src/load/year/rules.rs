//! The completion rule of a goal and the checks of an indicator, as pure functions of the values
//! written: each broken rule names the field to point at, so every format reports it alike.

use super::raw::{RawGoal, RawIndicator};
use crate::model::completion::{CompletionError, MAX_COMPLETION, MAX_VALUE};
use crate::model::Rule;

/// A broken rule: the field to point at, what is wrong, and what to do.
#[derive(Debug, PartialEq)]
pub struct Problem {
    /// The field of the record (`target`).
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

fn problem(field: &'static str, message: String, help: impl Into<String>) -> Problem {
    Problem {
        field,
        message,
        help: help.into(),
    }
}

/// The rule a goal is measured by: `progress`, or `target` and `actual` (and `baseline`).
pub fn goal_rule(g: &RawGoal) -> Result<Rule, Problem> {
    let id = &g.id;
    match (g.progress, g.target, g.actual) {
        (Some(_), None, None) if g.baseline.is_some() => Err(problem(
            "baseline",
            format!("goal `{id}` has `baseline` with `progress`"),
            "`baseline` goes with `target` and `actual`; remove it or replace `progress` by `target` and `actual`",
        )),
        (Some(p), None, None) => Ok(Rule::Progress(p)),
        (None, Some(target), Some(actual)) => Ok(Rule::Target {
            target,
            actual,
            baseline: g.baseline,
        }),
        (None, None, None) => Err(problem(
            "id",
            format!("goal `{id}` has no completion rule"),
            "add `progress: <percent>`, or `target:` and `actual:` (with `baseline:` for a goal measured from a starting value)",
        )),
        (Some(_), target, _) => {
            let f = if target.is_some() { "target" } else { "actual" };
            Err(problem(
                f,
                format!("goal `{id}` has both `progress` and `{f}`"),
                "use either `progress`, or `target` and `actual`, not both",
            ))
        }
        (None, Some(_), None) => Err(problem(
            "target",
            format!("goal `{id}` has `target` but no `actual`"),
            "add `actual: <value reached>` (0 if nothing yet)",
        )),
        (None, None, Some(_)) => Err(problem(
            "actual",
            format!("goal `{id}` has `actual` but no `target`"),
            "add `target: <promised value>`",
        )),
    }
}

/// The completion of a goal by its rule, in percent.
pub fn goal_completion(g: &RawGoal, rule: &Rule) -> Result<f64, Problem> {
    rule.completion()
        .map_err(|e| completion_problem(&g.id, rule, None, e))
}

/// Why the completion of goal `id` by `rule` does not compute: with its own values, or
/// (`review`) with its `history` value at that review in `rule`. The one wording of the limits
/// both go through.
pub fn completion_problem(
    id: &str,
    rule: &Rule,
    review: Option<&str>,
    e: CompletionError,
) -> Problem {
    let (field, progress) = match rule {
        Rule::Progress(_) => ("progress", true),
        Rule::Target { .. } => ("actual", false),
    };
    let at = review
        .map(|r| format!(" at review `{r}`"))
        .unwrap_or_default();
    match e {
        CompletionError::ZeroTarget => problem(
            "target",
            format!("goal `{id}` has `target: 0`, so its completion would divide by zero"),
            "give the real target; for a goal that must fall to 0, add `baseline:` (the starting value)",
        ),
        CompletionError::TargetEqualsBaseline => problem(
            "target",
            format!("goal `{id}` has the same `target` and `baseline`, so its completion would divide by zero"),
            "the baseline is the starting value and the target the promised one: they must differ",
        ),
        CompletionError::NotFinite => problem(
            field,
            format!("goal `{id}` has a completion{at} that is not a finite number"),
            "use ordinary numbers, not `.inf` or `.nan`",
        ),
        CompletionError::OutOfRange => problem(
            field,
            format!("goal `{id}` has a completion{at} beyond what a report can show: its values are at most ±{} and its completion at most ±{} %", fmt_limit(MAX_VALUE), fmt_limit(MAX_COMPLETION)),
            typing_error(review, progress),
        ),
    }
}

/// What to write instead of a value beyond the limits: the goal's own (`review` is `None`), or
/// its value at a review.
fn typing_error(review: Option<&str>, progress: bool) -> String {
    let what = match (review, progress) {
        (None, _) => "write the percentage (`progress: 85`), or the target and actual values as the plan states them".to_string(),
        (Some(r), true) => format!("write the goal's `progress` at that review as a percentage, such as `{r}: 85`"),
        (Some(_), false) => "write the goal's `actual` at that review as the plan states it, in the unit of its `target`".to_string(),
    };
    format!("this is most likely a typing error: {what}")
}

/// A limit in words a reader knows: `1,000,000`.
fn fmt_limit(x: f64) -> String {
    let digits = format!("{x:.0}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What is wrong with an indicator's numbers: not finite, or a scale of zero or less.
pub fn indicator_problems(ind: &RawIndicator) -> Vec<Problem> {
    let id = &ind.id;
    let mut out = Vec::new();
    for (field, val) in [("value", ind.value), ("out_of", ind.out_of)] {
        if val.is_some_and(|x| !x.is_finite()) {
            out.push(problem(
                field,
                format!("indicator `{id}` has a `{field}` that is not a number"),
                "write a plain number, or `null` where it was not measured",
            ));
        } else if val.is_some_and(|x| x.abs() > MAX_VALUE) {
            out.push(problem(
                field,
                format!(
                    "indicator `{id}` has a `{field}` beyond ±{}, more than a report can show",
                    fmt_limit(MAX_VALUE)
                ),
                "this is most likely a typing error: write the value as measured",
            ));
        }
    }
    if ind.out_of.is_some_and(|o| o <= 0.0) {
        out.push(problem(
            "out_of",
            format!("indicator `{id}` has `out_of` ≤ 0"),
            "`out_of` is the size of the scale, such as 63 provinces; remove it if there is none",
        ));
    }
    // A rank of 70 out of 63 provinces: one of the two is mistyped.
    if let (Some(v), Some(o)) = (ind.value, ind.out_of) {
        if o > 0.0 && v > o {
            out.push(problem(
                "value",
                format!("indicator `{id}` is {v} out of {o}: above its scale"),
                "check both figures: a value is at most `out_of`, the size of the scale",
            ));
        }
    }
    out
}
