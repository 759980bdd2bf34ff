//! Fisher's exact test, two-sided, for the 2×2 table of converted and not converted per
//! variant, as R's `fisher.test` and scipy's `fisher_exact` compute it: given the table's
//! margins, the number of B's conversions follows a hypergeometric distribution, and the
//! p-value is the total probability of every table no more probable than the one observed.
//!
//! Two details decide whether the answer matches R:
//! - **Ties.** Tables that are exactly as probable as the observed one (mirror images, when both
//!   variants reached as many people) must be counted, but computed probabilities differ in the
//!   last bits. R counts every table whose probability is at most the observed one times
//!   (1 + 1e-7); so does this module. A looser tolerance (1e-4, or an absolute epsilon) also
//!   counts the most probable table when the observed one is merely close to it, and answers
//!   p = 1.0 where R says 0.957 (see the tests).
//! - **Accuracy and overflow.** Everything is computed in log space, relative to the most
//!   probable table, by stepping from one table to the next with the ratio of their
//!   probabilities: with m people sent B, n sent A and k converted in all,
//!   ln P(x+1) − ln P(x) = ln((m−x)/(x+1)) + ln((k−x)/(n−k+x+1)). That never overflows, and
//!   each step is exact to a few units in the last place, so tied tables stay within R's
//!   tolerance at any size allowed here. The textbook way, differences of ln-gamma values, does
//!   not: ln Γ(10⁹) is about 2·10¹⁰, where one unit in the last place is already 4·10⁻⁶, forty
//!   times that tolerance.

use super::{Counts, ExperimentError, validate_pair};

/// Tables whose probability is below e^−800 of the most probable one add nothing an `f64` can
/// hold (its smallest value is about e^−745), so the walk stops there.
const NEGLIGIBLE: f64 = -800.0;

/// R's relative tolerance for "no more probable than the observed table": 1 + 1e-7.
const RELATIVE_TOLERANCE: f64 = 1e-7;

/// The outcome of [`fisher_exact`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FisherExact {
    /// The sample odds ratio of B against A: (B converted · A not converted) / (B not converted
    /// · A converted), as scipy reports it. None when a zero below the line makes it infinite
    /// or undefined.
    pub odds_ratio: Option<f64>,
    /// The two-sided p-value. 0.0 when it is below what an `f64` can hold.
    pub p_value: f64,
}

/// Fisher's exact test, two-sided, of whether A and B convert differently.
pub fn fisher_exact(a: Counts, b: Counts) -> Result<FisherExact, ExperimentError> {
    let (a, b) = validate_pair(a, b)?;
    let p_value = two_sided_p(&Margins::of(a, b), b.converted, RELATIVE_TOLERANCE);
    Ok(FisherExact {
        odds_ratio: odds_ratio(a, b),
        p_value,
    })
}

/// The total probability of the tables with these margins that are no more probable than the
/// one with `observed` of B's people converted, give or take the relative `tolerance`.
fn two_sided_p(table: &Margins, observed: u64, tolerance: f64) -> f64 {
    let mut total = 0.0;
    let mut observed_log = None;
    table.walk(|x, log_p| {
        total += log_p.exp();
        if x == observed {
            observed_log = Some(log_p);
        }
    });
    // Beyond the walk, the observed table's own probability, and so the p-value, is too small
    // for an f64.
    let Some(observed_log) = observed_log else {
        return 0.0;
    };
    let cutoff = observed_log + tolerance.ln_1p();
    let mut extreme = 0.0;
    table.walk(|_, log_p| {
        if log_p <= cutoff {
            extreme += log_p.exp();
        }
    });
    (extreme / total).min(1.0)
}

/// (B converted · A not converted) / (B not converted · A converted), when finite.
fn odds_ratio(a: Counts, b: Counts) -> Option<f64> {
    let below = b.not_converted() as f64 * a.converted as f64;
    (below > 0.0).then(|| b.converted as f64 * a.not_converted() as f64 / below)
}

/// The margins of the table: B's row, A's row and the conversions of both. The tables with
/// these margins are those with `x` of B's people converted, `lo ≤ x ≤ hi`.
struct Margins {
    b_sent: u64,
    a_sent: u64,
    converted: u64,
    lo: u64,
    hi: u64,
}

impl Margins {
    fn of(a: Counts, b: Counts) -> Margins {
        let converted = a.converted + b.converted;
        Margins {
            b_sent: b.sent,
            a_sent: a.sent,
            converted,
            lo: converted.saturating_sub(a.sent),
            hi: converted.min(b.sent),
        }
    }

    /// A most probable x: ⌊(k+1)(m+1)/(N+2)⌋ with m = B's sent, k = converted and N = all
    /// sent (in u128: the product can pass u64 for counts near [`super::MAX_COUNT`]).
    fn mode(&self) -> u64 {
        let product = u128::from(self.converted + 1) * u128::from(self.b_sent + 1);
        let mode = (product / u128::from(self.b_sent + self.a_sent + 2)) as u64;
        mode.clamp(self.lo, self.hi)
    }

    /// ln P(x+1) − ln P(x), for lo ≤ x < hi.
    fn step_up(&self, x: u64) -> f64 {
        let (b_sent, a_sent, converted) = (
            self.b_sent as f64,
            self.a_sent as f64,
            self.converted as f64,
        );
        let x = x as f64;
        ((b_sent - x) / (x + 1.0)).ln() + ((converted - x) / (a_sent - converted + x + 1.0)).ln()
    }

    /// Calls `visit(x, ln P(x) − ln P(mode))` for every x whose probability is not negligible,
    /// from the mode outwards. The distribution is unimodal, so these are one run of x.
    fn walk(&self, mut visit: impl FnMut(u64, f64)) {
        let mode = self.mode();
        visit(mode, 0.0);
        let mut log_p = 0.0;
        for x in mode..self.hi {
            log_p += self.step_up(x);
            if log_p < NEGLIGIBLE {
                break;
            }
            visit(x + 1, log_p);
        }
        log_p = 0.0;
        for x in (self.lo..mode).rev() {
            log_p -= self.step_up(x);
            if log_p < NEGLIGIBLE {
                break;
            }
            visit(x, log_p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::experiment::{MAX_COUNT, Variant};

    fn p(a: (u64, u64), b: (u64, u64)) -> f64 {
        fisher_exact(Counts::new(a.0, a.1), Counts::new(b.0, b.1))
            .expect("valid counts")
            .p_value
    }

    #[test]
    #[allow(clippy::float_cmp)] // exactly 1: every table counted is the whole sum
    fn a_table_alone_in_its_margins_has_p_one() {
        // Nobody converted, or everybody did: the observed table is the only possible one.
        assert_eq!(p((5, 0), (7, 0)), 1.0);
        assert_eq!(p((5, 5), (7, 7)), 1.0);
        assert_eq!(p((1, 1), (1, 0)), 1.0);
    }

    #[test]
    fn the_p_value_does_not_depend_on_which_variant_is_which() {
        for (a, b) in [
            ((10, 3), (10, 8)),
            ((6, 4), (5, 0)),
            ((901, 472), (536, 280)),
        ] {
            let forward = p(a, b);
            let back = p(b, a);
            assert!((forward - back).abs() <= 1e-12 * forward, "{a:?} {b:?}");
        }
    }

    #[test]
    fn the_p_value_is_a_probability_for_every_small_table() {
        for na in 1..=8 {
            for nb in 1..=8 {
                for ca in 0..=na {
                    for cb in 0..=nb {
                        let value = p((na, ca), (nb, cb));
                        assert!(value > 0.0 && value <= 1.0, "{ca}/{na} {cb}/{nb}: {value}");
                    }
                }
            }
        }
    }

    #[test]
    fn odds_ratio_is_none_when_infinite_or_undefined() {
        let or = |a: (u64, u64), b: (u64, u64)| {
            fisher_exact(Counts::new(a.0, a.1), Counts::new(b.0, b.1))
                .expect("valid counts")
                .odds_ratio
        };
        assert_eq!(or((10, 0), (10, 0)), None);
        assert_eq!(or((5, 0), (6, 4)), None);
        assert_eq!(or((6, 4), (5, 0)), Some(0.0));
        assert_eq!(or((10, 5), (10, 5)), Some(1.0));
    }

    #[test]
    #[allow(clippy::float_cmp)] // exactly 0 stands for "below an f64"
    fn the_largest_counts_are_quick_and_finite() {
        // Half of a billion against half of a billion and one: the walk covers about a
        // million tables around the mode, not the billion in the margins.
        let half = MAX_COUNT / 2;
        let value = p((MAX_COUNT, half), (MAX_COUNT, half + 1));
        assert!(value > 0.99 && value <= 1.0, "{value}");
        // Far out in the tail the p-value is below an f64: 0, not a NaN.
        assert_eq!(p((MAX_COUNT, 0), (MAX_COUNT, MAX_COUNT)), 0.0);
    }

    #[test]
    fn a_loose_tolerance_would_count_the_most_probable_table() {
        // 280/536 against 472/901 lies 1.7e-5 below the most probable table: R's 1e-7 leaves
        // that table out (p = 0.9565, scipy's value), a loose 1e-4 takes it in and says 1.0.
        let table = Margins::of(Counts::new(901, 472), Counts::new(536, 280));
        let strict = two_sided_p(&table, 280, RELATIVE_TOLERANCE);
        let loose = two_sided_p(&table, 280, 1e-4);
        assert!((strict - 0.956_518_435_666_117).abs() < 1e-12, "{strict}");
        assert!((loose - 1.0).abs() < 1e-12, "{loose}");
    }

    #[test]
    fn invalid_counts_are_refused() {
        assert_eq!(
            fisher_exact(Counts::new(10, 11), Counts::new(10, 2)),
            Err(ExperimentError::MoreConvertedThanSent {
                variant: Variant::A
            })
        );
        assert_eq!(
            fisher_exact(Counts::new(10, 1), Counts::new(MAX_COUNT + 1, 2)),
            Err(ExperimentError::CountTooLarge {
                count: MAX_COUNT + 1
            })
        );
    }
}
