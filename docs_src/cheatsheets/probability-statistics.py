"""Checks for the probability and statistics cheat sheet: Bayes, A/B sizing, power, peeking, BH."""
import numpy as np
from scipy import stats

# Base-rate example: 1% prevalence, 99% sensitivity, 5% false-positive rate -> P(D | +) = 1/6.
prev, sens, fpr = 0.01, 0.99, 0.05
p_pos = sens * prev + fpr * (1 - prev)
assert abs(p_pos - 0.0594) < 1e-12
assert abs(sens * prev / p_pos - 1 / 6) < 1e-12

# --8<-- [start:sample-size]
from scipy.stats import norm


def n_per_group(sigma: float, delta: float,
                alpha=0.05, power=0.8) -> int:
    """Per-group n to detect a mean difference delta."""
    z = norm.ppf(1 - alpha / 2) + norm.ppf(power)
    return int(np.ceil(2 * z**2 * sigma**2 / delta**2))


n = n_per_group(sigma=1.0, delta=0.2)  # 16/0.04 = 400
p = 0.10  # baseline rate; detect +1 point
n_prop = n_per_group(np.sqrt(p * (1 - p)), 0.01)
assert (n, n_prop) == (393, 14_128)
# --8<-- [end:sample-size]
assert abs(norm.ppf(0.975) - 1.959964) < 1e-6 and abs(norm.ppf(0.8) - 0.841621) < 1e-6

# --8<-- [start:power-sim]
rng = np.random.default_rng(0)
reps = 4000  # simulated experiments
a = rng.normal(0.0, 1.0, size=(reps, n))  # control
b = rng.normal(0.2, 1.0, size=(reps, n))  # delta = 0.2
pvals = stats.ttest_ind(a, b, axis=1).pvalue
assert abs((pvals < 0.05).mean() - 0.80) < 0.025
# --8<-- [end:power-sim]

# With no effect, the rejection rate is alpha (Monte Carlo SE about 0.0035).
b0 = rng.normal(0.0, 1.0, size=(reps, n))
alpha_hat = (stats.ttest_ind(a, b0, axis=1).pvalue < 0.05).mean()
assert abs(alpha_hat - 0.05) < 0.012, alpha_hat

# Peeking: test after every 100 users per arm, 10 looks, stop at the first p < 0.05 (H0 true).
looks = np.arange(100, 1001, 100)
x = rng.normal(size=(reps, 1000)).cumsum(axis=1)[:, looks - 1]
y = rng.normal(size=(reps, 1000)).cumsum(axis=1)[:, looks - 1]
z_stat = (x - y) / np.sqrt(2 * looks)            # known sigma = 1: z-test at each look
peek_fpr = (np.abs(z_stat) > norm.ppf(0.975)).any(axis=1).mean()
assert 0.16 < peek_fpr < 0.23, peek_fpr           # about 0.19, not 0.05


# --8<-- [start:bh]
def benjamini_hochberg(p: np.ndarray,
                       q: float = 0.05) -> np.ndarray:
    """Mask of hypotheses rejected at FDR q."""
    m = len(p)
    order = np.argsort(p)
    ok = p[order] <= q * np.arange(1, m + 1) / m
    k = ok.nonzero()[0].max() + 1 if ok.any() else 0
    reject = np.zeros(m, dtype=bool)
    reject[order[:k]] = True  # all up to the k-th
    return reject
# --8<-- [end:bh]


pv = np.array([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.9])
assert (benjamini_hochberg(pv) == (stats.false_discovery_control(pv) <= 0.05)).all()
assert benjamini_hochberg(pv).sum() == 2 and (pv <= 0.05 / len(pv)).sum() == 1  # BH vs Bonferroni
for _ in range(200):
    pr = rng.uniform(size=30) ** 3
    assert (benjamini_hochberg(pr, 0.1) == (stats.false_discovery_control(pr) <= 0.1)).all()

# Bootstrap 95% percentile CI of a mean agrees with the t interval on normal data.
data = rng.normal(5.0, 2.0, size=200)
boot = rng.choice(data, size=(5000, data.size), replace=True).mean(axis=1)
lo, hi = np.percentile(boot, [2.5, 97.5])
t_lo, t_hi = stats.t.interval(0.95, df=data.size - 1, loc=data.mean(), scale=stats.sem(data))
assert abs(lo - t_lo) < 0.05 and abs(hi - t_hi) < 0.05, (lo, t_lo, hi, t_hi)
print("probability-statistics: all checks passed")
