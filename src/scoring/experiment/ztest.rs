//! The two-proportion z-test with the variance pooled under H0 (both variants convert alike):
//! `z = (rate_b − rate_a) / √( p̄ (1 − p̄) (1/sent_a + 1/sent_b) )`, with p̄ = all converted / all
//! sent, and the two-sided p-value from the normal distribution. The same as statsmodels'
//! `proportions_ztest([b.converted, a.converted], [b.sent, a.sent])` and as R's
//! `prop.test(..., correct = FALSE)`, whose X² is z².

use super::{Counts, ExperimentError, normal, validate_pair};

/// The outcome of [`z_test`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZTest {
    /// The statistic: positive when B converts better than A.
    pub z: f64,
    /// The two-sided p-value.
    pub p_value: f64,
}

/// Tests whether A and B convert differently, by the pooled two-proportion z-test.
///
/// When nobody or everybody converted in both variants together, the pooled variance is zero
/// and the rates are equal: then z is 0 and p is 1 (no evidence of a difference), not a NaN.
/// The test is a large-sample approximation; [`super::evaluate`] uses Fisher's exact test
/// instead when an expected count is below 5, which covers that case too.
pub fn z_test(a: Counts, b: Counts) -> Result<ZTest, ExperimentError> {
    let (a, b) = validate_pair(a, b)?;
    let (na, nb) = (a.sent as f64, b.sent as f64);
    let pooled = (a.converted + b.converted) as f64 / (na + nb);
    let variance = pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb);
    if variance <= 0.0 {
        return Ok(ZTest {
            z: 0.0,
            p_value: 1.0,
        });
    }
    let z = (b.rate() - a.rate()) / variance.sqrt();
    Ok(ZTest {
        z,
        p_value: normal::two_sided_p(z),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::experiment::Variant;

    #[test]
    fn no_variance_gives_no_evidence_instead_of_nan() {
        for (a, b) in [
            (Counts::new(10, 0), Counts::new(12, 0)),
            (Counts::new(4, 4), Counts::new(9, 9)),
        ] {
            assert_eq!(
                z_test(a, b),
                Ok(ZTest {
                    z: 0.0,
                    p_value: 1.0
                })
            );
        }
    }

    #[test]
    fn the_sign_says_which_variant_converts_better() {
        let up = z_test(Counts::new(100, 10), Counts::new(100, 20)).expect("valid counts");
        let down = z_test(Counts::new(100, 20), Counts::new(100, 10)).expect("valid counts");
        assert!(up.z > 0.0 && down.z < 0.0, "{up:?} {down:?}");
        assert!((up.z + down.z).abs() < 1e-15 && (up.p_value - down.p_value).abs() < 1e-15);
    }

    #[test]
    fn invalid_counts_are_refused() {
        assert_eq!(
            z_test(Counts::new(10, 2), Counts::new(10, 12)),
            Err(ExperimentError::MoreConvertedThanSent {
                variant: Variant::B
            })
        );
        assert_eq!(
            z_test(Counts::new(0, 0), Counts::new(10, 2)),
            Err(ExperimentError::NothingSent {
                variant: Variant::A
            })
        );
    }
}
