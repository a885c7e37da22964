"""Sampling techniques from scratch, each checked by exact enumeration, a closed form or sklearn.

Run from anywhere:

    python docs_src/ml_breadth/foundations_sampling.py

Covers simple random, systematic, cluster and stratified sampling, the bootstrap, importance
sampling, SMOTE, negative sampling with the unigram^0.75 distribution, and the probability
correction after down-sampling negatives.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import norm
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

Array = np.ndarray


# --8<-- [start:designs]
def simple_random(n_population: int, n: int, rng: np.random.Generator) -> Array:
    """Every subset of size n equally likely: draw without replacement."""
    return rng.choice(n_population, size=n, replace=False)


def systematic(n_population: int, n: int, rng: np.random.Generator) -> Array:
    """Random start in [0, k), then every k-th unit, with step k = n_population // n."""
    k = n_population // n
    return rng.integers(k) + k * np.arange(n)


def cluster(groups: Array, n_clusters: int, rng: np.random.Generator) -> Array:
    """One-stage cluster sampling: pick whole groups at random, keep all their members."""
    chosen = rng.choice(np.unique(groups), size=n_clusters, replace=False)
    return np.flatnonzero(np.isin(groups, chosen))


def stratified(y: Array, n: int, rng: np.random.Generator) -> Array:
    """Proportional allocation (largest remainder), simple random sampling inside each stratum."""
    classes, counts = np.unique(y, return_counts=True)
    quota = n * counts / counts.sum()
    alloc = np.floor(quota).astype(int)
    alloc[np.argsort(quota - alloc)[::-1][: n - alloc.sum()]] += 1  # hand out the remainder
    return np.concatenate([rng.choice(np.flatnonzero(y == c), size=m, replace=False)
                           for c, m in zip(classes, alloc)])
# --8<-- [end:designs]


# --8<-- [start:smote]
def smote(X_min: Array, n_new: int, k: int, rng: np.random.Generator) -> Array:
    """SMOTE: new points on segments from a minority point to one of its k minority neighbours."""
    D = ((X_min[:, None, :] - X_min[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(D, np.inf)                      # a point is not its own neighbour
    neighbours = np.argsort(D, axis=1)[:, :k]        # (n_min, k)
    base = rng.integers(len(X_min), size=n_new)
    partner = neighbours[base, rng.integers(k, size=n_new)]
    lam = rng.random((n_new, 1))                     # uniform position along the segment
    return X_min[base] + lam * (X_min[partner] - X_min[base])
# --8<-- [end:smote]


# --8<-- [start:negative-sampling]
def negative_sampling_probs(counts: Array, power: float = 0.75) -> Array:
    """word2vec's noise distribution: unigram counts raised to 3/4, renormalised."""
    p = counts.astype(float) ** power
    return p / p.sum()


def correct_downsampled(p: Array, rate: float) -> Array:
    """Undo keeping only a share `rate` of negatives: the odds were inflated by 1 / rate."""
    return p / (p + (1 - p) / rate)
# --8<-- [end:negative-sampling]


def main() -> None:
    rng = np.random.default_rng(0)

    # --8<-- [start:check-designs]
    idx = simple_random(1000, 50, rng)
    assert len(set(idx.tolist())) == 50
    # Systematic: enumerating all k starts covers every unit exactly once -> P(include) = n/N.
    n_population, n = 1000, 50
    k = n_population // n
    hits = np.zeros(n_population, int)
    for start in range(k):
        hits[start + k * np.arange(n)] += 1
    assert np.all(hits == 1)
    assert systematic(n_population, n, rng).max() < n_population
    # Cluster sampling: all members of the chosen groups and nobody else.
    groups = np.repeat(np.arange(100), 20)               # 100 clusters of 20 units
    idx = cluster(groups, 10, rng)
    assert len(idx) == 200 and np.all(np.bincount(groups[idx])[np.unique(groups[idx])] == 20)
    # Stratified: per-class counts within one of sklearn's stratified split.
    y = rng.choice(3, size=1000, p=[0.7, 0.2, 0.1])
    idx = stratified(y, 100, rng)
    _, y_test = train_test_split(y, test_size=100, stratify=y, random_state=0)
    mine, ref = np.bincount(y[idx], minlength=3), np.bincount(y_test, minlength=3)
    assert mine.sum() == 100 and np.all(np.abs(mine - ref) <= 1)
    print(f"stratified counts {mine.tolist()} vs sklearn {ref.tolist()}; systematic inclusion"
          " probability n/N exactly; cluster sample keeps whole groups")
    # --8<-- [end:check-designs]

    # --8<-- [start:check-variance]
    # Clustered population: a shared cluster effect makes units in a group alike (rho = 0.5).
    values = np.repeat(rng.normal(size=100), 20) + rng.normal(size=2000)
    srs_means = [values[simple_random(2000, 200, rng)].mean() for _ in range(3000)]
    clu_means = [values[cluster(groups, 10, rng)].mean() for _ in range(3000)]
    # Stratified by a variable that explains most of the variance beats simple random.
    strata = np.repeat(np.arange(4), 500)
    pop = 3.0 * strata + rng.normal(size=2000)
    srs_s = [pop[simple_random(2000, 100, rng)].mean() for _ in range(3000)]
    str_s = [pop[stratified(strata, 100, rng)].mean() for _ in range(3000)]
    deff = np.var(clu_means) / np.var(srs_means)
    gain = np.var(str_s) / np.var(srs_s)
    print(f"variance of the mean vs simple random: cluster x{deff:.1f}"
          f" (1 + (m - 1) rho = {1 + 19 * 0.5:.1f}), stratified x{gain:.2f}")
    assert 6 < deff < 15 and gain < 0.2
    # --8<-- [end:check-variance]

    # --8<-- [start:bootstrap]
    n_samples, n_boot = 1000, 2000
    data = rng.exponential(size=n_samples)
    boot_idx = rng.integers(n_samples, size=(n_boot, n_samples))   # with replacement
    oob_share = np.mean([n_samples - np.unique(row).size for row in boot_idx]) / n_samples
    exact = (1 - 1 / n_samples) ** n_samples
    print(f"out-of-bag share {oob_share:.4f}; (1 - 1/n)^n = {exact:.4f}; 1/e = {np.exp(-1):.4f}")
    assert abs(oob_share - exact) < 0.002
    boot_se = data[boot_idx].mean(axis=1).std()
    plug_in = data.std() / np.sqrt(n_samples)      # the bootstrap targets the ddof=0 version
    print(f"bootstrap SE of the mean {boot_se:.4f}; s / sqrt(n) = {plug_in:.4f}")
    assert abs(boot_se / plug_in - 1) < 0.05
    # --8<-- [end:bootstrap]

    # --8<-- [start:importance]
    # P(Z > 4) for Z ~ N(0, 1): plain Monte Carlo almost never sees the event.
    n_draws = 10_000
    z = rng.normal(size=n_draws)
    plain = np.mean(z > 4)
    x = rng.normal(loc=4.0, size=n_draws)          # proposal q = N(4, 1) covers the tail
    weights = norm.pdf(x) / norm.pdf(x, loc=4.0)   # p(x) / q(x) = exp(8 - 4x)
    terms = (x > 4) * weights
    estimate = terms.mean()
    rel_se = terms.std() / np.sqrt(n_draws) / estimate
    rel_se_plain = np.sqrt((1 - norm.sf(4)) / (n_draws * norm.sf(4)))  # Bernoulli formula
    print(f"P(Z > 4): exact {norm.sf(4):.3e}, plain MC {plain:.3e},"
          f" importance sampling {estimate:.3e}")
    print(f"relative standard error: importance {rel_se:.3f}, plain MC {rel_se_plain:.2f}")
    assert abs(estimate / norm.sf(4) - 1) < 0.05 and rel_se < 0.05 < rel_se_plain
    # --8<-- [end:importance]

    # --8<-- [start:check-smote]
    X_min = rng.normal(size=(30, 2))
    X_new = smote(X_min, n_new=60, k=5, rng=rng)
    # Each new point must lie on a segment x_i -> x_j with j among i's 5 nearest (brute force).
    D = np.linalg.norm(X_min[:, None] - X_min[None], axis=2)
    ok = np.zeros(len(X_new), bool)
    for i in range(len(X_min)):
        for j in np.argsort(D[i])[1:6]:
            seg = X_min[j] - X_min[i]
            lam = np.clip((X_new - X_min[i]) @ seg / (seg @ seg), 0, 1)
            gap = np.linalg.norm(X_new - (X_min[i] + lam[:, None] * seg), axis=1)
            ok |= gap < 1e-10
    assert ok.all()
    print("all 60 SMOTE points lie on segments between 5-nearest minority neighbours")
    # --8<-- [end:check-smote]

    # --8<-- [start:check-negative]
    counts = np.array([5000, 1000, 200, 50, 10])   # word frequencies, most common first
    p_uni = counts / counts.sum()
    p_neg = negative_sampling_probs(counts)
    draws = rng.choice(len(counts), size=200_000, p=p_neg)
    freq = np.bincount(draws, minlength=len(counts)) / draws.size
    assert np.allclose(freq, p_neg, atol=0.005)
    assert p_neg[-1] > p_uni[-1] and p_neg[0] < p_uni[0]   # flattened towards rare words
    print("unigram    ", np.round(p_uni, 4))
    print("unigram^.75", np.round(p_neg, 4))

    # Down-sample negatives to 10 %, fit, then correct the probabilities back.
    n_samples, rate = 20_000, 0.1
    X = rng.normal(size=(n_samples, 2))
    y = (rng.random(n_samples) < 1 / (1 + np.exp(-(X @ [1.0, -1.0] - 3.0)))).astype(int)
    keep = (y == 1) | (rng.random(n_samples) < rate)
    p_full = LogisticRegression().fit(X, y).predict_proba(X)[:, 1]
    p_down = LogisticRegression().fit(X[keep], y[keep]).predict_proba(X)[:, 1]
    p_fixed = correct_downsampled(p_down, rate)
    print(f"mean predicted rate: full {p_full.mean():.4f}, down-sampled {p_down.mean():.4f},"
          f" corrected {p_fixed.mean():.4f}; observed {y.mean():.4f}")
    assert np.abs(p_fixed - p_full).mean() < 0.01 < np.abs(p_down - p_full).mean()
    # --8<-- [end:check-negative]


if __name__ == "__main__":
    main()
