//! 95% intervals: Wilson's score interval for one rate, and Newcombe's hybrid score interval
//! for the difference of two (Newcombe 1998, "Interval estimation for the difference between
//! independent proportions", method 10), built from the two Wilson intervals without continuity
//! correction. Newcombe's interval stays inside [−1, 1] and behaves at 0 and 100% conversions,
//! where the textbook Wald interval collapses to a point.

use super::normal;
use super::{ALPHA, Counts};

/// A closed interval from `low` to `high`; the unit (fraction or percentage points) is the one
/// the function that made it names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The lower bound.
    pub low: f64,
    /// The upper bound.
    pub high: f64,
}

impl Interval {
    /// Whether `x` lies inside the interval, bounds included.
    pub fn contains(self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }

    /// The same interval in percentage points (× 100) when it was a fraction.
    pub fn to_percentage_points(self) -> Interval {
        Interval {
            low: self.low * 100.0,
            high: self.high * 100.0,
        }
    }
}

/// Wilson's 95% score interval for the conversion rate of `counts`, as fractions in [0, 1].
/// The same as statsmodels' `proportion_confint(converted, sent, method="wilson")` and R's
/// `prop.test(converted, sent, correct = FALSE)$conf.int`.
///
/// `counts` must have passed [`Counts::validate`] (`sent` > 0); the interval is then always
/// finite.
pub fn wilson_interval(counts: Counts) -> Interval {
    let z = normal::two_sided_critical(ALPHA);
    let z2 = z * z;
    let n = counts.sent as f64;
    let p = counts.rate();
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half_width = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    // At 0 and at all converted the bound is exactly 0 or 1; rounding could leave a hair.
    let low = if counts.converted == 0 {
        0.0
    } else {
        (centre - half_width).max(0.0)
    };
    let high = if counts.converted == counts.sent {
        1.0
    } else {
        (centre + half_width).min(1.0)
    };
    Interval { low, high }
}

/// Newcombe's hybrid score 95% interval for B's rate minus A's, as fractions in [−1, 1].
/// The same as statsmodels' `confint_proportions_2indep(b.converted, b.sent, a.converted,
/// a.sent, method="newcomb", compare="diff")`.
///
/// Both counts must have passed [`Counts::validate`].
pub fn newcombe_difference(a: Counts, b: Counts) -> Interval {
    let (pb, pa) = (b.rate(), a.rate());
    let (wb, wa) = (wilson_interval(b), wilson_interval(a));
    let difference = pb - pa;
    let below = (pb - wb.low).hypot(wa.high - pa);
    let above = (pa - wa.low).hypot(wb.high - pb);
    Interval {
        low: (difference - below).max(-1.0),
        high: (difference + above).min(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_holds_the_rate_and_stays_in_zero_one() {
        for sent in [1u64, 2, 5, 10, 37, 1000, super::super::MAX_COUNT] {
            for converted in [0, 1, sent / 2, sent - 1, sent] {
                let counts = Counts::new(sent, converted);
                let w = wilson_interval(counts);
                assert!(w.low.is_finite() && w.high.is_finite(), "{counts:?}");
                assert!(0.0 <= w.low && w.high <= 1.0, "{counts:?}: {w:?}");
                assert!(w.contains(counts.rate()), "{counts:?}: {w:?}");
                assert!(w.low < w.high, "{counts:?}: {w:?}");
            }
        }
    }

    #[test]
    fn newcombe_holds_the_difference_and_mirrors_when_swapped() {
        for (a, b) in [
            ((10, 3), (10, 8)),
            ((5, 0), (6, 4)),
            ((5, 5), (5, 0)),
            ((7, 0), (9, 0)),
        ] {
            let (a, b) = (Counts::new(a.0, a.1), Counts::new(b.0, b.1));
            let forward = newcombe_difference(a, b);
            let back = newcombe_difference(b, a);
            assert!(
                forward.contains(b.rate() - a.rate()),
                "{a:?} {b:?}: {forward:?}"
            );
            assert!(-1.0 <= forward.low && forward.high <= 1.0, "{forward:?}");
            assert!(
                (forward.low + back.high).abs() < 1e-15,
                "{forward:?} {back:?}"
            );
            assert!(
                (forward.high + back.low).abs() < 1e-15,
                "{forward:?} {back:?}"
            );
        }
    }

    #[test]
    fn percentage_points_scale_by_a_hundred() {
        let pp = Interval {
            low: -0.012,
            high: 0.034,
        }
        .to_percentage_points();
        assert!(
            (pp.low + 1.2).abs() < 1e-12 && (pp.high - 3.4).abs() < 1e-12,
            "{pp:?}"
        );
    }
}
