"""Drift statistics for model monitoring: PSI from scratch, and the two-sample KS statistic.

Run from the repository root:

    .venv/bin/python docs_src/cheatsheets/mlops.py

PSI must be exactly 0 for identical samples, small for a fresh sample of the same
distribution, above 0.1 for a half-standard-deviation shift, equal to a hand-worked two-bin
value, and equal to the symmetric KL divergence KL(a||e) + KL(e||a) computed with SciPy.
The no-drift PSI of small samples is checked against (k - 1)(1/n + 1/m), the reason small
batches raise false alarms. The KS statistic from scratch must match scipy.stats.ks_2samp,
and the constant 1.358 of the 5 % critical value is checked against the Kolmogorov distribution.
"""

from __future__ import annotations

import numpy as np
from scipy.special import rel_entr
from scipy.stats import kstwobign, ks_2samp

rng = np.random.default_rng(0)


# --8<-- [start:psi]
def psi(ref: np.ndarray, cur: np.ndarray,
        n_bins: int = 10, eps: float = 1e-4) -> float:
    """PSI of cur vs ref on quantile bins of ref."""
    q = np.linspace(0, 1, n_bins + 1)[1:-1]
    cuts = np.quantile(ref, q)  # inner deciles of ref

    def shares(x: np.ndarray) -> np.ndarray:
        idx = np.searchsorted(cuts, x, side="right")
        n = np.bincount(idx, minlength=n_bins)
        return np.clip(n / x.size, eps, 1)  # no ln(0)

    e, a = shares(ref), shares(cur)
    return float(np.sum((a - e) * np.log(a / e)))


ref = rng.normal(0, 1, 10_000)  # training data
assert psi(ref, ref) == 0.0
assert psi(ref, rng.normal(0, 1, 10_000)) < 0.01
assert psi(ref, rng.normal(0.5, 1, 10_000)) > 0.1
# --8<-- [end:psi]

# A hand-worked case: two bins, e = (0.5, 0.5), a = (0.6, 0.4).
# PSI = 0.1 ln(0.6/0.5) + (-0.1) ln(0.4/0.5) = 0.1 ln 1.5
two_ref = np.repeat([0.0, 1.0], [50, 50])
two_cur = np.repeat([0.0, 1.0], [60, 40])
assert np.isclose(psi(two_ref, two_cur, n_bins=2), 0.1 * np.log(1.5))

# PSI is the symmetric (Jeffreys) KL divergence of the binned shares, when no bin is empty.
# Shares recomputed independently with np.digitize on the deciles.
moved = rng.normal(0.5, 1.0, 10_000)
cuts = np.percentile(ref, np.arange(10, 100, 10))
e = np.bincount(np.digitize(ref, cuts), minlength=10) / ref.size
a = np.bincount(np.digitize(moved, cuts), minlength=10) / moved.size
assert e.min() > 0 and a.min() > 0
jeffreys = rel_entr(a, e).sum() + rel_entr(e, a).sum()
assert np.isclose(psi(ref, moved), jeffreys, rtol=1e-12)
# A mean shift of d standard deviations gives about d**2 before binning; binning loses a little.
assert 0.2 < psi(ref, moved) < 0.25

# A shift of 0.1 sd stays under 0.1; a wider spread (sd 1.5) is caught.
assert psi(ref, rng.normal(0.1, 1.0, 10_000)) < 0.1
assert psi(ref, rng.normal(0.0, 1.5, 10_000)) > 0.1

# Every current value above the reference range: finite thanks to eps, and huge.
assert 5 < psi(ref, ref.max() + rng.random(1_000)) < np.inf

# No drift, small batches: sampling noise alone gives PSI of about (k - 1)(1/n + 1/m)
# for k bins, n reference rows and m current rows (a second-order expansion of ln).
for m in (100, 300, 1_000):
    mean_psi = np.mean([psi(ref, rng.normal(0.0, 1.0, m)) for _ in range(200)])
    expected_noise = 9 * (1 / ref.size + 1 / m)
    assert abs(mean_psi - expected_noise) < 0.25 * expected_noise, (m, mean_psi)
# With 50 current rows the noise alone crosses the 0.1 "moderate shift" line.
assert np.mean([psi(ref, rng.normal(0.0, 1.0, 50)) for _ in range(200)]) > 0.1


# KS: D = max over x of |F_ref(x) - F_cur(x)|, the largest gap between the empirical CDFs.
def ks_statistic(x: np.ndarray, y: np.ndarray) -> float:
    """Two-sample Kolmogorov-Smirnov statistic."""
    grid = np.concatenate([x, y])
    fx = np.searchsorted(np.sort(x), grid, side="right") / x.size
    fy = np.searchsorted(np.sort(y), grid, side="right") / y.size
    return float(np.abs(fx - fy).max())


small_shift = rng.normal(0.05, 1.0, 10_000)
for cur in (moved, small_shift):
    result = ks_2samp(ref, cur)
    assert np.isclose(ks_statistic(ref, cur), result.statistic)
assert ks_2samp(ref, moved).pvalue < 1e-12
# Reject at 5 % when D > c * sqrt((n + m) / (n m)) with c = sqrt(-ln(0.025) / 2) = 1.358.
c = np.sqrt(-np.log(0.025) / 2)
assert np.isclose(c, 1.358, atol=5e-4) and np.isclose(kstwobign.sf(c), 0.05, atol=1e-4)

print("mlops.py: all checks passed")
