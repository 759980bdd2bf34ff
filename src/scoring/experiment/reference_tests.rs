//! The experiment statistics against reference values from scipy 1.17.1 and statsmodels 0.15.0,
//! printed by `tests/reference/experiment_vectors.py` (run by hand; see its docstring) and
//! copied here verbatim. Each table names the call that produced its numbers. Variants are
//! (sent, converted), A first; every difference is B minus A.

// The literals are kept exactly as the reference printed them, so they can be checked by eye.
#![allow(clippy::unreadable_literal)]

use super::sample_size::per_group_unrounded;
use super::{
    Counts, Test, Verdict, evaluate, fisher_exact, newcombe_difference, sample_size,
    wilson_interval, z_test,
};

type Pair = ((u64, u64), (u64, u64));

/// `scipy.stats.fisher_exact([[cb, nb - cb], [ca, na - ca]], alternative="two-sided")`:
/// (A, B, odds ratio (None for scipy's inf or nan), two-sided p). The script checks every p
/// against the sum in exact rational arithmetic (Python's `fractions`), and takes that sum for
/// the two largest tables, where scipy is off by 1e-8.
///
/// Besides the small samples, the table holds: 280/536 against 472/901, whose probability is
/// 1.7e-5 below the most probable table's (above R's 1e-7 tolerance, below a loose 1e-4), in
/// three orientations, where a loose tolerance gives p = 1.0 instead of 0.9565 (statrs 0.19's
/// `fishers_exact` gives 0.5001 for two of them); three tables that absolute-epsilon
/// implementations get wrong (p ~ 1e-6 instead of 1e-17..1e-37); and exact ties between mirror
/// tables at a million and a billion people per group.
#[rustfmt::skip]
const FISHER: [(Pair, Option<f64>, f64); 20] = [
    (((10, 3), (10, 8)), Some(9.333333333333334), 0.06977851869492736),
    (((6, 4), (5, 0)), Some(0.0), 0.0606060606060606),
    (((5, 0), (6, 4)), None, 0.0606060606060606),
    (((2400, 120), (2400, 155)), Some(1.311804008908686), 0.034546385582623254),
    (((1000, 50), (1000, 50)), Some(1.0), 1.0),
    (((210, 45), (200, 30)), Some(0.6470588235294118), 0.09812794569349255),
    (((5, 5), (5, 0)), Some(0.0), 0.007936507936507938),
    (((10, 0), (10, 0)), None, 1.0),
    (((40, 1), (40, 0)), Some(0.0), 1.0),
    (((20000, 3), (20000, 9)), Some(3.0009004051823323), 0.14593566516902678),
    (((901, 472), (536, 280)), Some(0.9941075211864406), 0.956518435666117),
    (((536, 280), (901, 472)), Some(1.005927405927406), 0.956518435666117),
    (((685, 256), (752, 280)), Some(0.9941075211864406), 0.956518435666117),
    (((102, 0), (22, 22)), None, 7.175066786244522e-25),
    (((20565, 3577), (142, 94)), Some(9.300577765352717), 2.0693563409938826e-37),
    (((632, 257), (51, 50)), Some(72.95719844357977), 1.2220470363525847e-17),
    (((14, 11), (10, 1)), Some(0.030303030303030304), 0.0027594561852200836),
    (((7, 7), (12, 12)), None, 1.0),
    // p from exact rational arithmetic: scipy's own says 0.4531250085078903 and
    // 0.4531241798007042, its hypergeometric pmf drifting by about 1e-8 at a billion.
    (((1000000000, 5), (1000000000, 2)), Some(0.3999999988), 0.4531249991796875),
    (((1000000, 5), (1000000, 2)), Some(0.3999987999976), 0.4531241796858594),
];

/// `statsmodels.stats.proportion.proportions_ztest([cb, ca], [nb, na])` (pooled variance):
/// (A, B, z, two-sided p).
#[rustfmt::skip]
const Z_TEST: [(Pair, f64, f64); 6] = [
    (((2400, 120), (2400, 155)), 2.1737671647602133, 0.02972262564734019),
    (((1000, 50), (1000, 50)), 0.0, 1.0),
    (((210, 45), (200, 30)), -1.6829763461389204, 0.09237967055994593),
    (((10, 3), (10, 8)), 2.2473328748774732, 0.02461876138081519),
    (((901, 472), (536, 280)), -0.0541139681039442, 0.9568443636165413),
    (((50000, 2500), (50000, 2800)), 4.2345603861138725, 2.2899924516660743e-05),
];

/// `statsmodels.stats.proportion.proportion_confint(c, n, alpha=0.05, method="wilson")`:
/// ((sent, converted), low, high).
#[rustfmt::skip]
const WILSON: [((u64, u64), f64, f64); 9] = [
    ((10, 3), 0.10779126740630104, 0.6032218525388546),
    ((10, 8), 0.49016247153664183, 0.9433178485456247),
    ((5, 0), 0.0, 0.43448246478317487),
    ((6, 4), 0.29999331513839184, 0.9032285888942195),
    ((5, 5), 0.5655175352168252, 1.0),
    ((2400, 120), 0.04197701109646902, 0.05946123389507915),
    ((2400, 155), 0.05542896922183768, 0.07512933264498442),
    ((1, 0), 0.0, 0.7934506856227627),
    ((1, 1), 0.2065493143772374, 1.0),
];

/// `statsmodels.stats.proportion.confint_proportions_2indep(cb, nb, ca, na, method="newcomb",
/// compare="diff")`: (A, B, low, high) of B's rate minus A's.
#[rustfmt::skip]
const NEWCOMBE: [(Pair, f64, f64); 10] = [
    (((10, 3), (10, 8)), 0.06647631448630487, 0.7397586340406174),
    (((6, 4), (5, 0)), -0.9032285888942195, -0.09813842732842537),
    (((5, 0), (6, 4)), 0.09813842732842537, 0.9032285888942195),
    (((2400, 120), (2400, 155)), 0.0014183293795460745, 0.02783423716769597),
    (((1000, 50), (1000, 50)), -0.01937533899931093, 0.01937533899931093),
    (((210, 45), (200, 30)), -0.13832334674240365, 0.01089740744300191),
    (((5, 5), (5, 0)), -1.0, -0.38554900569034356),
    (((10, 0), (10, 0)), -0.27753279986288926, 0.27753279986288926),
    (((40, 1), (40, 0)), -0.12881368963474096, 0.06500444577016967),
    (((20000, 3), (20000, 9)), -6.0730355417424275e-05, 0.000717010409734333),
];

/// `statsmodels.stats.proportion.samplesize_proportions_2indep_onetail(diff=p2 - p1, prop2=p1,
/// power=0.8, alpha=0.05, alternative="two-sided")`: (p1, p2, n per group unrounded, rounded
/// up). The script also checks it against the closed form of R's `power.prop.test` and that R's
/// power function is at least 0.8 at the rounded n and below it one person fewer.
#[rustfmt::skip]
const SAMPLE_SIZE: [(f64, f64, f64, u64); 8] = [
    (0.05, 0.065, 3779.800636653935, 3780),
    (0.1, 0.15, 685.5968583253614, 686),
    (0.2, 0.3, 293.15128550648717, 294),
    (0.5, 0.75, 57.673436738908386, 58),
    (0.3, 0.2, 293.15128550648717, 294),
    (0.01, 0.02, 2318.164675512037, 2319),
    (0.02, 0.025, 13808.924897180961, 13809),
    (0.9, 0.95, 434.4320224394698, 435),
];

fn counts(pair: Pair) -> (Counts, Counts) {
    let ((na, ca), (nb, cb)) = pair;
    (Counts::new(na, ca), Counts::new(nb, cb))
}

/// Whether `actual` is within `rel` of `expected`, relative to it (or absolute near zero).
fn close(actual: f64, expected: f64, rel: f64) -> bool {
    (actual - expected).abs() <= rel * expected.abs().max(1e-300)
}

#[test]
fn fisher_matches_scipy() {
    for (pair, odds_ratio, p) in FISHER {
        let (a, b) = counts(pair);
        let got = fisher_exact(a, b).expect("valid counts");
        assert!(
            close(got.p_value, p, 1e-12),
            "{pair:?}: p {} against {p}",
            got.p_value
        );
        match (got.odds_ratio, odds_ratio) {
            (Some(got), Some(want)) => {
                assert!(close(got, want, 1e-14), "{pair:?}: OR {got} against {want}");
            }
            (got, want) => assert_eq!(got, want, "{pair:?}"),
        }
    }
}

#[test]
fn z_test_matches_statsmodels() {
    for (pair, z, p) in Z_TEST {
        let (a, b) = counts(pair);
        let got = z_test(a, b).expect("valid counts");
        assert!(
            (got.z - z).abs() <= 1e-12 * z.abs().max(1.0),
            "{pair:?}: z {} against {z}",
            got.z
        );
        // statrs's erfc is good to about 1e-10 relative (see normal.rs).
        assert!(
            close(got.p_value, p, 1e-9),
            "{pair:?}: p {} against {p}",
            got.p_value
        );
    }
}

#[test]
fn wilson_matches_statsmodels() {
    for ((n, c), low, high) in WILSON {
        let got = wilson_interval(Counts::new(n, c));
        assert!(
            (got.low - low).abs() < 1e-14,
            "{c}/{n}: low {} against {low}",
            got.low
        );
        assert!(
            (got.high - high).abs() < 1e-14,
            "{c}/{n}: high {} against {high}",
            got.high
        );
    }
}

#[test]
fn newcombe_matches_statsmodels() {
    for (pair, low, high) in NEWCOMBE {
        let (a, b) = counts(pair);
        let got = newcombe_difference(a, b);
        assert!(
            (got.low - low).abs() < 1e-14,
            "{pair:?}: low {} against {low}",
            got.low
        );
        assert!(
            (got.high - high).abs() < 1e-14,
            "{pair:?}: high {} against {high}",
            got.high
        );
    }
}

#[test]
fn sample_size_matches_statsmodels_and_power_prop_test() {
    for (p1, p2, unrounded, per_group) in SAMPLE_SIZE {
        let got = per_group_unrounded(p1, p2);
        assert!(
            close(got, unrounded, 1e-12),
            "{p1} -> {p2}: {got} against {unrounded}"
        );
        assert_eq!(
            sample_size(p1, p2).map(|plan| plan.per_group),
            Ok(per_group),
            "{p1} -> {p2}"
        );
    }
}

/// The full evaluation uses the reference values of the test its rule picks: Fisher's for the
/// small samples, the z-test's for the large one.
#[test]
fn evaluate_reports_the_reference_values() {
    // 3/10 against 8/10: expected not-converted counts are 4.5, so Fisher (p = 0.0698), while
    // the z-test alone would have said p = 0.0246, "significant".
    let e = evaluate(Counts::new(10, 3), Counts::new(10, 8), None).expect("valid counts");
    assert!(
        matches!(e.significance.test, Test::FisherExact { odds_ratio: Some(or) } if close(or, 9.333333333333334, 1e-14)),
        "{e:?}"
    );
    assert!(
        close(e.significance.p_value, 0.06977851869492736, 1e-12),
        "{e:?}"
    );
    assert!(
        (e.interval_pp.low - 6.647631448630487).abs() < 1e-12,
        "{e:?}"
    );
    assert!(
        (e.interval_pp.high - 73.97586340406174).abs() < 1e-12,
        "{e:?}"
    );
    assert_eq!(e.verdict, Verdict::TooFewToTell);

    // 0/5 against 4/6: Fisher p = 0.0606.
    let e = evaluate(Counts::new(5, 0), Counts::new(6, 4), None).expect("valid counts");
    assert!(
        matches!(e.significance.test, Test::FisherExact { odds_ratio: None }),
        "{e:?}"
    );
    assert!(
        close(e.significance.p_value, 0.0606060606060606, 1e-12),
        "{e:?}"
    );
    assert!(
        (e.interval_pp.low - 9.813842732842537).abs() < 1e-12,
        "{e:?}"
    );
    assert!(
        (e.interval_pp.high - 90.32285888942195).abs() < 1e-12,
        "{e:?}"
    );
    assert_eq!(e.verdict, Verdict::TooFewToTell);

    // 120/2400 against 155/2400: the z-test, p = 0.0297 (Fisher would say 0.0345).
    let e =
        evaluate(Counts::new(2400, 120), Counts::new(2400, 155), Some(2400)).expect("valid counts");
    assert!(
        matches!(e.significance.test, Test::ZTest { z } if close(z, 2.1737671647602133, 1e-12)),
        "{e:?}"
    );
    assert!(
        close(e.significance.p_value, 0.02972262564734019, 1e-9),
        "{e:?}"
    );
    assert!(
        (e.interval_pp.low - 0.14183293795460745).abs() < 1e-12,
        "{e:?}"
    );
    assert!(
        (e.interval_pp.high - 2.783423716769597).abs() < 1e-12,
        "{e:?}"
    );
    assert_eq!(e.verdict, Verdict::BWins);
}
