"""Prints the reference values that the tests in src/scoring/experiment/ hold as literals.

Run by hand, never by the test suite (the project must never need Python for those tests):

    python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install scipy statsmodels mpmath
    /tmp/refvenv/bin/python tests/reference/experiment_vectors.py

Every variant is written as (sent, converted); b is the new variant, a the existing one, and every
difference is b minus a. Values are printed with repr() so the Rust literals carry full precision.
"""

from fractions import Fraction
from math import comb

import mpmath
import numpy as np
import scipy
import statsmodels
from scipy.stats import fisher_exact, norm
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
    samplesize_proportions_2indep_onetail,
)

print(f"# scipy {scipy.__version__}, statsmodels {statsmodels.__version__}")


def f(x):
    return repr(float(x))


# (a, b) pairs: ((sent, converted), (sent, converted))
PAIRS = [
    ((10, 3), (10, 8)),
    ((6, 4), (5, 0)),
    ((5, 0), (6, 4)),
    ((2400, 120), (2400, 155)),
    ((1000, 50), (1000, 50)),
    ((210, 45), (200, 30)),
    ((5, 5), (5, 0)),
    ((10, 0), (10, 0)),
    ((40, 1), (40, 0)),
    ((20000, 3), (20000, 9)),
]

print("\n# fisher_exact([[cb, nb - cb], [ca, na - ca]]) -> (odds ratio, two-sided p);")
print("#     p checked against (for LARGE: replaced by) exact rational arithmetic")
FISHER = PAIRS + [
    # near-tie with the mode: rel. difference 1.7e-5, above R's 1e-7 and below a loose 1e-4
    ((901, 472), (536, 280)),
    ((536, 280), (901, 472)),
    ((685, 256), (752, 280)),
    # absolute-epsilon failures reported against other Fisher implementations
    ((102, 0), (22, 22)),
    ((20565, 3577), (142, 94)),
    ((632, 257), (51, 50)),
    ((14, 11), (10, 1)),
    ((7, 7), (12, 12)),
    # exact ties between mirror tables in large counts (see LARGE below for their p)
    ((1_000_000_000, 5), (1_000_000_000, 2)),
    ((1_000_000, 5), (1_000_000, 2)),
]
# scipy's hypergeometric pmf drifts by about 1e-8 at a billion people (its pmf over the whole
# support sums to 0.99999987), so for these the p-value is summed in exact rational arithmetic.
LARGE = {((1_000_000_000, 5), (1_000_000_000, 2)), ((1_000_000, 5), (1_000_000, 2))}


def exact_two_sided(na, ca, nb, cb):
    m, n, k = nb, na, ca + cb
    total = comb(m + n, k)
    probs = [Fraction(comb(m, x) * comb(n, k - x), total) for x in range(max(0, k - n), min(k, m) + 1)]
    observed = Fraction(comb(m, cb) * comb(n, ca), total)
    return float(sum(q for q in probs if q <= observed))


for (na, ca), (nb, cb) in FISHER:
    odds, p = fisher_exact([[cb, nb - cb], [ca, na - ca]], alternative="two-sided")
    exact = exact_two_sided(na, ca, nb, cb)
    if ((na, ca), (nb, cb)) in LARGE:
        p = exact
    else:
        assert abs(p - exact) <= 1e-12 * exact, (na, ca, nb, cb, p, exact)
    print(f"(({na}, {ca}), ({nb}, {cb}), {f(odds)}, {f(p)}),")

print("\n# proportions_ztest(count=[cb, ca], nobs=[nb, na]) -> (z, p); pooled variance (prop_var=False)")
for (na, ca), (nb, cb) in [
    ((2400, 120), (2400, 155)),
    ((1000, 50), (1000, 50)),
    ((210, 45), (200, 30)),
    ((10, 3), (10, 8)),
    ((901, 472), (536, 280)),
    ((50000, 2500), (50000, 2800)),
]:
    z, p = proportions_ztest([cb, ca], [nb, na])
    print(f"(({na}, {ca}), ({nb}, {cb}), {f(z)}, {f(p)}),")

print("\n# proportion_confint(count, nobs, alpha=0.05, method='wilson') -> (low, high)")
for n, c in [(10, 3), (10, 8), (5, 0), (6, 4), (5, 5), (2400, 120), (2400, 155), (1, 0), (1, 1)]:
    lo, hi = proportion_confint(c, n, alpha=0.05, method="wilson")
    print(f"(({n}, {c}), {f(lo)}, {f(hi)}),")

print("\n# confint_proportions_2indep(cb, nb, ca, na, method='newcomb', compare='diff') -> (low, high) of pb - pa")
for (na, ca), (nb, cb) in PAIRS:
    lo, hi = confint_proportions_2indep(cb, nb, ca, na, method="newcomb", compare="diff")
    print(f"(({na}, {ca}), ({nb}, {cb}), {f(lo)}, {f(hi)}),")

print("\n# samplesize_proportions_2indep_onetail(diff=p2 - p1, prop2=p1, power=0.8, alpha=0.05,")
print("#     alternative='two-sided') -> n per group (unrounded), and the closed form of R's power.prop.test")
for p1, p2 in [(0.05, 0.065), (0.1, 0.15), (0.2, 0.3), (0.5, 0.75), (0.3, 0.2), (0.01, 0.02), (0.02, 0.025), (0.9, 0.95)]:
    n = samplesize_proportions_2indep_onetail(p2 - p1, p1, 0.8, alpha=0.05, alternative="two-sided")
    za, zb = norm.isf(0.025), norm.isf(0.2)
    pbar = (p1 + p2) / 2
    closed = (za * np.sqrt(2 * pbar * (1 - pbar)) + zb * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p1 - p2) ** 2
    assert abs(n - closed) < 1e-9 * closed, (n, closed)

    # R's power.prop.test power function (strict = FALSE) at the rounded-up n: at least 0.8, and below it one fewer
    def power(nn):
        q = za * np.sqrt((p1 + p2) * (2 - p1 - p2) / 2)
        return norm.cdf((np.sqrt(nn) * abs(p1 - p2) - q) / np.sqrt(p1 * (1 - p1) + p2 * (1 - p2)))

    up = int(np.ceil(n))
    assert power(up) >= 0.8 > power(up - 1)
    print(f"({p1}, {p2}, {f(n)}, {up}),")

print("\n# normal.rs: qnorm(0.975), qnorm(0.8) (scipy.stats.norm.ppf) and erfc(z / sqrt(2)) in mpmath at 30 digits")
print(repr(float(norm.ppf(0.975))), repr(float(norm.ppf(0.8))))
mpmath.mp.dps = 30
for z in (1.96, 2.1737671647602133, 5.0, 10.0):
    print(z, mpmath.erfc(mpmath.mpf(z) / mpmath.sqrt(2)))
