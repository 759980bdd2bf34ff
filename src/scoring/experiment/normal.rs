//! The two facts about the standard normal distribution the experiment needs, from statrs.

use statrs::distribution::{ContinuousCDF, Normal};
use statrs::function::erf::erfc;

/// The standard normal quantile: the z with P(Z ≤ z) = `p`, for `p` strictly between 0 and 1.
pub(super) fn quantile(p: f64) -> f64 {
    Normal::standard().inverse_cdf(p)
}

/// The critical value of a two-sided test at level `alpha` (1.96 for 0.05).
pub(super) fn two_sided_critical(alpha: f64) -> f64 {
    quantile(1.0 - alpha / 2.0)
}

/// The two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|).
///
/// Written as erfc(|z|/√2) rather than 2·(1 − Φ(|z|)), which loses every digit once Φ(|z|)
/// rounds to 1 (from about |z| = 8.3 on). statrs's erfc is accurate to about 1e-10 relative.
pub(super) fn two_sided_p(z: f64) -> f64 {
    erfc(z.abs() / std::f64::consts::SQRT_2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    #[test]
    fn quantiles_match_r() {
        // qnorm(0.975) and qnorm(0.8) in R (and scipy.stats.norm.ppf).
        assert!(close(
            two_sided_critical(0.05),
            1.959_963_984_540_054,
            1e-14
        ));
        assert!(close(quantile(0.8), 0.841_621_233_572_914_3, 1e-14));
    }

    #[test]
    fn tails_stay_accurate_far_out() {
        // erfc(z / sqrt(2)) in mpmath at 30 digits (scipy's 2 * norm.sf(z) agrees to 1e-15).
        // statrs's erfc is good to about 1e-10 relative, ample for a p-value.
        assert!(close(two_sided_p(1.96), 0.049_995_790_296_440_87, 1e-9));
        assert!(close(
            two_sided_p(-2.173_767_164_760_213_3),
            0.029_722_625_647_340_215,
            1e-9
        ));
        assert!(close(two_sided_p(5.0), 5.733_031_437_583_878e-7, 1e-9));
        assert!(close(two_sided_p(10.0), 1.523_970_604_832_105e-23, 1e-9));
        assert!(close(two_sided_p(0.0), 1.0, 1e-15));
    }
}
