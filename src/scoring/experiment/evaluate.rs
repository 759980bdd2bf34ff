//! The result of an experiment at its deadline.

use super::fisher::fisher_exact;
use super::interval::{Interval, newcombe_difference};
use super::ztest::z_test;
use super::{ALPHA, Counts, ExperimentError, validate_pair};

/// The smallest expected count in every cell of the table for the z-test's normal
/// approximation to hold: the usual rule (Cochran), below which Fisher's exact test is used.
const MIN_EXPECTED_COUNT: f64 = 5.0;

/// Everything koers reports about an experiment at its deadline. Differences are B minus A.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evaluation {
    /// A's counts, as given.
    pub a: Counts,
    /// B's counts, as given.
    pub b: Counts,
    /// A's conversion rate in percent (5.0 is 5%).
    pub rate_a_percent: f64,
    /// B's conversion rate in percent.
    pub rate_b_percent: f64,
    /// B's rate minus A's, in percentage points.
    pub difference_pp: f64,
    /// The 95% interval of the difference in percentage points (Newcombe's hybrid score
    /// interval, see [`newcombe_difference`]).
    pub interval_pp: Interval,
    /// How much better (or worse) B converts than A, relative to A.
    pub lift: Lift,
    /// The test used, its statistic and its p-value.
    pub significance: Significance,
    /// What the numbers allow koers to say.
    pub verdict: Verdict,
}

/// B's rate relative to A's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lift {
    /// (B − A) / A in percent: 25.0 means B converts a quarter more than A, −50.0 half as much.
    Relative {
        /// The relative change in percent.
        percent: f64,
    },
    /// A converted nobody and B converted someone: no percentage of zero says how much more.
    FromZero,
    /// Neither variant converted anybody: there is no change to express.
    BothZero,
}

/// Which test judged the difference, with its statistic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Test {
    /// The pooled two-proportion z-test ([`super::z_test`]): every expected count was 5 or more.
    ZTest {
        /// The statistic; positive when B converts better.
        z: f64,
    },
    /// Fisher's exact test, two-sided ([`super::fisher_exact`]): an expected count was below 5.
    FisherExact {
        /// The sample odds ratio of B against A; None when infinite or undefined.
        odds_ratio: Option<f64>,
    },
}

/// The test and its two-sided p-value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Significance {
    /// The test used and its statistic.
    pub test: Test,
    /// The two-sided p-value.
    pub p_value: f64,
}

/// What the numbers allow koers to say, as an id for the prompt files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// B converts better than A, significantly at [`ALPHA`].
    BWins,
    /// A converts better than B, significantly at [`ALPHA`].
    AWins,
    /// No significant difference, although the groups were large enough to show the
    /// expected one: the change probably matters less than hoped, or not at all.
    NoDifferenceShown,
    /// No significant difference, but the groups were too small to show one: fewer people
    /// than the plan needed, or so few conversions that an expected count was below 5.
    /// Absence of evidence, not evidence of absence.
    TooFewToTell,
}

impl Verdict {
    /// A stable id to key the verdict's text in the prompt files.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::BWins => "b_wins",
            Verdict::AWins => "a_wins",
            Verdict::NoDifferenceShown => "no_difference_shown",
            Verdict::TooFewToTell => "too_few_to_tell",
        }
    }
}

/// Evaluates an experiment at its deadline from each variant's counts.
///
/// `planned_per_group` is [`super::SampleSizePlan::per_group`] from the set-up, when there was
/// one: a non-significant result from groups smaller than planned is [`Verdict::TooFewToTell`]
/// rather than [`Verdict::NoDifferenceShown`].
///
/// The test is the pooled z-test, or Fisher's exact test when any of the four expected counts
/// (sent × all converted / all sent, and the same for not converted) is below 5. The verdict
/// follows the test; in a borderline case the Newcombe interval can just touch zero while the
/// test is significant, or the reverse, as the two are different approximations.
pub fn evaluate(
    a: Counts,
    b: Counts,
    planned_per_group: Option<u64>,
) -> Result<Evaluation, ExperimentError> {
    let (a, b) = validate_pair(a, b)?;
    let small = min_expected_count(a, b) < MIN_EXPECTED_COUNT;
    let significance = if small {
        let fisher = fisher_exact(a, b)?;
        Significance {
            test: Test::FisherExact {
                odds_ratio: fisher.odds_ratio,
            },
            p_value: fisher.p_value,
        }
    } else {
        let z = z_test(a, b)?;
        Significance {
            test: Test::ZTest { z: z.z },
            p_value: z.p_value,
        }
    };
    let (rate_a, rate_b) = (a.rate(), b.rate());
    let too_few = small || planned_per_group.is_some_and(|n| a.sent < n || b.sent < n);
    let verdict = if significance.p_value < ALPHA && rate_b > rate_a {
        Verdict::BWins
    } else if significance.p_value < ALPHA && rate_a > rate_b {
        Verdict::AWins
    } else if too_few {
        Verdict::TooFewToTell
    } else {
        Verdict::NoDifferenceShown
    };
    Ok(Evaluation {
        a,
        b,
        rate_a_percent: rate_a * 100.0,
        rate_b_percent: rate_b * 100.0,
        difference_pp: (rate_b - rate_a) * 100.0,
        interval_pp: newcombe_difference(a, b).to_percentage_points(),
        lift: lift(a, b),
        significance,
        verdict,
    })
}

/// The smallest of the four counts expected if both variants converted alike.
fn min_expected_count(a: Counts, b: Counts) -> f64 {
    let all = (a.sent + b.sent) as f64;
    let converted = (a.converted + b.converted) as f64;
    let smaller_row = a.sent.min(b.sent) as f64;
    smaller_row * converted.min(all - converted) / all
}

fn lift(a: Counts, b: Counts) -> Lift {
    match (a.converted, b.converted) {
        (0, 0) => Lift::BothZero,
        (0, _) => Lift::FromZero,
        _ => Lift::Relative {
            percent: (b.rate() - a.rate()) / a.rate() * 100.0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::experiment::{MAX_COUNT, Variant};

    fn eval(a: (u64, u64), b: (u64, u64), planned: Option<u64>) -> Evaluation {
        evaluate(Counts::new(a.0, a.1), Counts::new(b.0, b.1), planned).expect("valid counts")
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn invalid_input_is_a_typed_error() {
        let cases = [
            (
                (10, 11),
                (10, 2),
                ExperimentError::MoreConvertedThanSent {
                    variant: Variant::A,
                },
            ),
            (
                (10, 1),
                (3, 4),
                ExperimentError::MoreConvertedThanSent {
                    variant: Variant::B,
                },
            ),
            (
                (0, 0),
                (10, 2),
                ExperimentError::NothingSent {
                    variant: Variant::A,
                },
            ),
            (
                (10, 1),
                (0, 0),
                ExperimentError::NothingSent {
                    variant: Variant::B,
                },
            ),
            (
                (1_000_000_000_000, 5),
                (10, 2),
                ExperimentError::CountTooLarge {
                    count: 1_000_000_000_000,
                },
            ),
            (
                (10, 2),
                (MAX_COUNT + 1, 0),
                ExperimentError::CountTooLarge {
                    count: MAX_COUNT + 1,
                },
            ),
            (
                (10, 2),
                (u64::MAX, u64::MAX),
                ExperimentError::CountTooLarge { count: u64::MAX },
            ),
        ];
        for (a, b, error) in cases {
            assert_eq!(
                evaluate(Counts::new(a.0, a.1), Counts::new(b.0, b.1), None),
                Err(error),
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn rates_difference_and_lift_are_in_percent() {
        let e = eval((2400, 120), (2400, 155), None);
        assert!(
            close(e.rate_a_percent, 5.0) && close(e.rate_b_percent, 155.0 / 24.0),
            "{e:?}"
        );
        assert!(close(e.difference_pp, 35.0 / 24.0), "{e:?}");
        let Lift::Relative { percent } = e.lift else {
            panic!("lift from 5%: {:?}", e.lift)
        };
        assert!(close(percent, 35.0 / 120.0 * 100.0), "{percent}");
        assert!(e.interval_pp.contains(e.difference_pp), "{e:?}");
    }

    #[test]
    fn a_zero_base_rate_has_no_relative_lift() {
        assert_eq!(eval((5, 0), (6, 4), None).lift, Lift::FromZero);
        assert_eq!(eval((10, 0), (10, 0), None).lift, Lift::BothZero);
        assert_eq!(
            eval((10, 4), (10, 0), None).lift,
            Lift::Relative { percent: -100.0 }
        );
    }

    #[test]
    fn fisher_is_used_exactly_when_an_expected_count_is_below_five() {
        let uses_fisher =
            |a, b| matches!(eval(a, b, None).significance.test, Test::FisherExact { .. });
        // Expected converted per group: 20 × 10 / 40 = 5, and not converted the same.
        assert!(!uses_fisher((20, 5), (20, 5)));
        // 20 × 9 / 40 = 4.5 expected converted.
        assert!(uses_fisher((20, 4), (20, 5)));
        // 20 × 9 / 40 = 4.5 expected NOT converted: the other column counts too.
        assert!(uses_fisher((20, 16), (20, 15)));
        // The smaller group decides: 10 × 30 / 60 = 5, while the larger has 10.
        assert!(!uses_fisher((10, 5), (50, 25)));
        assert!(uses_fisher((9, 5), (50, 25)));
        // Nobody converted: no z-test with a zero variance.
        assert!(uses_fisher((1000, 0), (1000, 0)));
    }

    #[test]
    fn the_verdict_follows_the_test_the_direction_and_the_plan() {
        // z-test p = 0.0297: B converts better.
        assert_eq!(eval((2400, 120), (2400, 155), None).verdict, Verdict::BWins);
        assert_eq!(eval((2400, 155), (2400, 120), None).verdict, Verdict::AWins);
        // Fisher p = 0.0698 on ten per group: too few to tell.
        assert_eq!(eval((10, 3), (10, 8), None).verdict, Verdict::TooFewToTell);
        // z-test p = 0.092 on 200 per group: no difference shown, unless the plan wanted more.
        assert_eq!(
            eval((210, 45), (200, 30), None).verdict,
            Verdict::NoDifferenceShown
        );
        assert_eq!(
            eval((210, 45), (200, 30), Some(200)).verdict,
            Verdict::NoDifferenceShown
        );
        assert_eq!(
            eval((210, 45), (200, 30), Some(294)).verdict,
            Verdict::TooFewToTell
        );
        // A significant result stays one even from groups smaller than planned.
        assert_eq!(
            eval((2400, 120), (2400, 155), Some(3780)).verdict,
            Verdict::BWins
        );
        // Fisher p = 0.0079: five of five against none of five is clear.
        assert_eq!(eval((5, 5), (5, 0), None).verdict, Verdict::AWins);
        assert_eq!(
            eval((1000, 50), (1000, 50), None).verdict,
            Verdict::NoDifferenceShown
        );
    }

    #[test]
    fn extreme_counts_give_finite_numbers() {
        for (a, b) in [
            ((MAX_COUNT, 0), (MAX_COUNT, MAX_COUNT)),
            ((MAX_COUNT, MAX_COUNT), (1, 0)),
            ((1, 0), (1, 1)),
            ((MAX_COUNT, 1), (MAX_COUNT, 0)),
        ] {
            let e = eval(a, b, Some(MAX_COUNT));
            let numbers = [
                e.rate_a_percent,
                e.rate_b_percent,
                e.difference_pp,
                e.interval_pp.low,
                e.interval_pp.high,
                e.significance.p_value,
            ];
            assert!(numbers.iter().all(|x| x.is_finite()), "{a:?} {b:?}: {e:?}");
            assert!((0.0..=1.0).contains(&e.significance.p_value), "{e:?}");
            if let Lift::Relative { percent } = e.lift {
                assert!(percent.is_finite(), "{e:?}");
            }
            if let Test::ZTest { z } = e.significance.test {
                assert!(z.is_finite(), "{e:?}");
            }
        }
    }

    #[test]
    fn verdict_ids_are_distinct() {
        let ids = [
            Verdict::BWins.as_str(),
            Verdict::AWins.as_str(),
            Verdict::NoDifferenceShown.as_str(),
            Verdict::TooFewToTell.as_str(),
        ];
        for (i, id) in ids.iter().enumerate() {
            assert!(!ids[..i].contains(id), "{id}");
        }
    }
}
