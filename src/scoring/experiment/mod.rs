//! The statistics of an A/B experiment goal: variant A (what the team does now) against
//! variant B (the new newsletter, the new offer), each counted as people sent and people who
//! converted.
//!
//! - **When it is set up:** [`sample_size`] gives the people each group needs to detect the
//!   expected change from A's rate to B's (two-sided α = 0.05, power 0.8), and
//!   [`SampleSizePlan::check_list`] says whether the team's list is long enough, and by how
//!   many people it falls short.
//! - **At the deadline:** [`evaluate`] gives the rates, the difference in percentage points
//!   with its 95% interval (Newcombe), the relative lift, the significance test used and its
//!   p-value, and a [`Verdict`]. Call it only at the deadline: a p-value looked at before then,
//!   and acted on, no longer means what it says (before the deadline, show counts only).
//!
//! The building blocks are public too: [`wilson_interval`], [`newcombe_difference`],
//! [`z_test`] and [`fisher_exact`]. Everything is pure, returns numbers and enums (ids for the
//! prompt files, never sentences), and answers a typed [`ExperimentError`] for impossible input
//! rather than a panic or a NaN. The reference values in the tests come from scipy and
//! statsmodels (`tests/reference/experiment_vectors.py`); the tests themselves never run Python.

mod evaluate;
mod fisher;
mod interval;
mod normal;
mod sample_size;
mod ztest;

#[cfg(test)]
mod reference_tests;

pub use evaluate::{Evaluation, Lift, Significance, Test, Verdict, evaluate};
pub use fisher::{FisherExact, fisher_exact};
pub use interval::{Interval, newcombe_difference, wilson_interval};
pub use sample_size::{ListCheck, SampleSizePlan, sample_size};
pub use ztest::{ZTest, z_test};

/// The significance level the experiment is judged at (two-sided).
pub const ALPHA: f64 = 0.05;

/// The power the sample size is planned for: the chance to detect the expected difference
/// when it is real.
pub const POWER: f64 = 0.8;

/// The largest number of people a variant may count (sent, or needed per group). No list of a
/// cultural institution comes near a billion; a larger number is a typing error, and refusing
/// it keeps every count exact in an `f64` and every computation short.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// One of the two variants of an experiment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The existing way: the baseline.
    A,
    /// The new way, compared against A. Every difference is B minus A.
    B,
}

/// One variant's numbers: how many people it was sent to, and how many of them converted
/// (bought a ticket, opened the mail, came back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// People the variant reached.
    pub sent: u64,
    /// People among them who converted; at most `sent`.
    pub converted: u64,
}

impl Counts {
    /// Counts of `converted` out of `sent`.
    pub fn new(sent: u64, converted: u64) -> Counts {
        Counts { sent, converted }
    }

    /// Checks the counts of `variant`: someone was sent, no more converted than were sent,
    /// and no count above [`MAX_COUNT`].
    pub fn validate(self, variant: Variant) -> Result<Counts, ExperimentError> {
        if self.sent > MAX_COUNT || self.converted > MAX_COUNT {
            return Err(ExperimentError::CountTooLarge {
                count: self.sent.max(self.converted),
            });
        }
        if self.sent == 0 {
            return Err(ExperimentError::NothingSent { variant });
        }
        if self.converted > self.sent {
            return Err(ExperimentError::MoreConvertedThanSent { variant });
        }
        Ok(self)
    }

    /// The conversion rate, converted / sent, as a fraction (0.05 is 5%). Meaningful only
    /// for counts that passed [`Counts::validate`].
    pub fn rate(self) -> f64 {
        self.converted as f64 / self.sent as f64
    }

    /// The people who did not convert.
    pub(crate) fn not_converted(self) -> u64 {
        self.sent - self.converted
    }
}

/// Why the numbers given cannot be used. Each variant is an id for a prompt key (see
/// [`ExperimentError::as_str`]); the `Display` text is for logs only.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum ExperimentError {
    /// A variant was sent to nobody: it has no rate.
    #[error("variant {variant:?} was sent to nobody")]
    NothingSent {
        /// The variant without people.
        variant: Variant,
    },
    /// A variant has more conversions than people sent.
    #[error("variant {variant:?} has more converted than sent")]
    MoreConvertedThanSent {
        /// The variant with the impossible counts.
        variant: Variant,
    },
    /// A count above [`MAX_COUNT`] (for a list: above twice that).
    #[error("count {count} is beyond any list koers plans for")]
    CountTooLarge {
        /// The count given.
        count: u64,
    },
    /// An expected rate that is not strictly between 0 and 1 (or not a number at all).
    #[error("the expected rate of variant {variant:?} is not between 0 and 1")]
    RateOutOfRange {
        /// The variant whose expected rate is wrong.
        variant: Variant,
    },
    /// A and B are expected to convert equally: there is nothing to detect.
    #[error("both variants are expected to convert equally")]
    NoExpectedDifference,
    /// The expected difference is so small that more than [`MAX_COUNT`] people per group would
    /// be needed to detect it.
    #[error("the expected difference is too small to detect with any list")]
    DifferenceTooSmall,
}

impl ExperimentError {
    /// A stable id to key the error's text in the prompt files.
    pub fn as_str(self) -> &'static str {
        match self {
            ExperimentError::NothingSent { .. } => "nothing_sent",
            ExperimentError::MoreConvertedThanSent { .. } => "more_converted_than_sent",
            ExperimentError::CountTooLarge { .. } => "count_too_large",
            ExperimentError::RateOutOfRange { .. } => "rate_out_of_range",
            ExperimentError::NoExpectedDifference => "no_expected_difference",
            ExperimentError::DifferenceTooSmall => "difference_too_small",
        }
    }
}

/// Checks both variants' counts, A first.
fn validate_pair(a: Counts, b: Counts) -> Result<(Counts, Counts), ExperimentError> {
    Ok((a.validate(Variant::A)?, b.validate(Variant::B)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_checked_per_variant() {
        assert_eq!(
            Counts::new(10, 3).validate(Variant::A),
            Ok(Counts::new(10, 3))
        );
        assert_eq!(
            Counts::new(10, 10).validate(Variant::B),
            Ok(Counts::new(10, 10))
        );
        assert_eq!(
            Counts::new(0, 0).validate(Variant::B),
            Err(ExperimentError::NothingSent {
                variant: Variant::B
            })
        );
        assert_eq!(
            Counts::new(10, 11).validate(Variant::A),
            Err(ExperimentError::MoreConvertedThanSent {
                variant: Variant::A
            })
        );
        assert_eq!(
            Counts::new(1_000_000_000_000, 5).validate(Variant::A),
            Err(ExperimentError::CountTooLarge {
                count: 1_000_000_000_000
            })
        );
        assert_eq!(
            Counts::new(MAX_COUNT, MAX_COUNT).validate(Variant::A),
            Ok(Counts::new(MAX_COUNT, MAX_COUNT))
        );
        assert_eq!(
            validate_pair(Counts::new(10, 3), Counts::new(0, 0)),
            Err(ExperimentError::NothingSent {
                variant: Variant::B
            })
        );
    }

    #[test]
    fn error_ids_are_distinct() {
        let errors = [
            ExperimentError::NothingSent {
                variant: Variant::A,
            },
            ExperimentError::MoreConvertedThanSent {
                variant: Variant::A,
            },
            ExperimentError::CountTooLarge { count: 0 },
            ExperimentError::RateOutOfRange {
                variant: Variant::A,
            },
            ExperimentError::NoExpectedDifference,
            ExperimentError::DifferenceTooSmall,
        ];
        let mut ids: Vec<_> = errors.iter().map(|e| e.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), errors.len());
    }
}
