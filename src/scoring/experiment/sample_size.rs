//! How many people each variant needs, and whether the team's list holds them.
//!
//! The formula is the normal approximation for two independent proportions with the variance
//! pooled under H0 and unpooled under H1, without continuity correction (Fleiss, *Statistical
//! Methods for Rates and Proportions*):
//!
//! n = ( z₁₋α/₂ · √(2 p̄ q̄) + z₁₋β · √(p₁q₁ + p₂q₂) )² / (p₁ − p₂)², with p̄ = (p₁ + p₂)/2,
//!
//! rounded up. It is the closed form of R's `power.prop.test(p1, p2, power = 0.8)` (with its
//! default `strict = FALSE`), which solves the same equation numerically, and equals statsmodels'
//! `samplesize_proportions_2indep_onetail(..., alternative = "two-sided")`. (statsmodels'
//! `NormalIndPower` works on Cohen's arcsine effect size instead and gives slightly different
//! numbers.)

use super::normal;
use super::{ALPHA, ExperimentError, MAX_COUNT, POWER, Variant};

/// The people an experiment needs: the same number in each group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleSizePlan {
    /// People each variant must be sent to.
    pub per_group: u64,
}

/// Whether the team's list holds both groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListCheck {
    /// The list holds both groups, with `spare` people left over.
    Enough {
        /// People on the list beyond the two groups.
        spare: u64,
    },
    /// The list is too small: `shortfall` more people are needed for both groups together.
    TooSmall {
        /// People missing from the list.
        shortfall: u64,
    },
}

impl SampleSizePlan {
    /// People both groups need together.
    pub fn total(self) -> u64 {
        2 * self.per_group
    }

    /// Compares the team's list of `list_size` people with the [`SampleSizePlan::total`] the
    /// plan needs. A list longer than twice [`MAX_COUNT`] is a typing error.
    pub fn check_list(self, list_size: u64) -> Result<ListCheck, ExperimentError> {
        if list_size > 2 * MAX_COUNT {
            return Err(ExperimentError::CountTooLarge { count: list_size });
        }
        let total = self.total();
        Ok(if list_size >= total {
            ListCheck::Enough {
                spare: list_size - total,
            }
        } else {
            ListCheck::TooSmall {
                shortfall: total - list_size,
            }
        })
    }
}

/// The people each group needs to detect a change from `expected_a` (A's conversion rate,
/// as a fraction: 0.05 is 5%) to `expected_b` with a two-sided test at [`ALPHA`] and power
/// [`POWER`].
///
/// Both rates must lie strictly between 0 and 1 and differ; a difference so small that more
/// than [`MAX_COUNT`] people per group would be needed is [`ExperimentError::DifferenceTooSmall`].
pub fn sample_size(expected_a: f64, expected_b: f64) -> Result<SampleSizePlan, ExperimentError> {
    let in_range = |p: f64| p > 0.0 && p < 1.0; // false for NaN too
    if !in_range(expected_a) {
        return Err(ExperimentError::RateOutOfRange {
            variant: Variant::A,
        });
    }
    if !in_range(expected_b) {
        return Err(ExperimentError::RateOutOfRange {
            variant: Variant::B,
        });
    }
    #[allow(clippy::float_cmp)] // the same rate typed twice, not a computed one
    if expected_a == expected_b {
        return Err(ExperimentError::NoExpectedDifference);
    }
    let needed = per_group_unrounded(expected_a, expected_b).ceil();
    // Rates a hair apart can even give an infinity.
    if !needed.is_finite() || needed > MAX_COUNT as f64 {
        return Err(ExperimentError::DifferenceTooSmall);
    }
    Ok(SampleSizePlan {
        per_group: needed as u64,
    })
}

/// The formula of the module's documentation, before rounding up.
pub(super) fn per_group_unrounded(p1: f64, p2: f64) -> f64 {
    let z_alpha = normal::two_sided_critical(ALPHA);
    let z_beta = normal::quantile(POWER);
    let mean = f64::midpoint(p1, p2);
    let null_sd = (2.0 * mean * (1.0 - mean)).sqrt();
    let alternative_sd = (p1 * (1.0 - p1) + p2 * (1.0 - p2)).sqrt();
    let difference = p1 - p2;
    (z_alpha * null_sd + z_beta * alternative_sd).powi(2) / (difference * difference)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_outside_zero_and_one_are_refused() {
        for bad in [
            0.0,
            1.0,
            -0.1,
            1.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(
                sample_size(bad, 0.1),
                Err(ExperimentError::RateOutOfRange {
                    variant: Variant::A
                }),
                "expected_a = {bad}"
            );
            assert_eq!(
                sample_size(0.1, bad),
                Err(ExperimentError::RateOutOfRange {
                    variant: Variant::B
                }),
                "expected_b = {bad}"
            );
        }
    }

    #[test]
    fn equal_or_nearly_equal_rates_are_refused() {
        assert_eq!(
            sample_size(0.2, 0.2),
            Err(ExperimentError::NoExpectedDifference)
        );
        // 0.5 against 0.5 + 1e-6 needs about 3.9e12 people per group.
        assert_eq!(
            sample_size(0.5, 0.500_001),
            Err(ExperimentError::DifferenceTooSmall)
        );
        assert_eq!(
            sample_size(0.5, 0.5 + f64::EPSILON),
            Err(ExperimentError::DifferenceTooSmall)
        );
    }

    #[test]
    fn the_list_check_gives_the_shortfall_or_the_spare() {
        let plan = SampleSizePlan { per_group: 294 };
        assert_eq!(plan.total(), 588);
        assert_eq!(
            plan.check_list(500),
            Ok(ListCheck::TooSmall { shortfall: 88 })
        );
        assert_eq!(plan.check_list(588), Ok(ListCheck::Enough { spare: 0 }));
        assert_eq!(plan.check_list(600), Ok(ListCheck::Enough { spare: 12 }));
        assert_eq!(
            plan.check_list(0),
            Ok(ListCheck::TooSmall { shortfall: 588 })
        );
        assert_eq!(
            plan.check_list(1_000_000_000_000),
            Err(ExperimentError::CountTooLarge {
                count: 1_000_000_000_000
            })
        );
    }

    #[test]
    fn the_sample_size_is_symmetric_and_grows_as_the_difference_shrinks() {
        let plan = |a, b| sample_size(a, b).map(|p| p.per_group);
        assert_eq!(plan(0.1, 0.15), plan(0.15, 0.1));
        // Swapping both rates to their complements describes the same experiment.
        assert_eq!(plan(0.1, 0.15), plan(0.9, 0.85));
        let mut last = 0;
        for b in [0.30, 0.25, 0.22, 0.21, 0.205] {
            let n = plan(0.2, b).expect("valid rates");
            assert!(n > last, "0.2 -> {b}: {n} after {last}");
            last = n;
        }
    }
}
