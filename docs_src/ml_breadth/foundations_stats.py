"""R-squared, coefficient p-values and outlier rules from scratch, checked against SciPy and sklearn.

Run from anywhere:

    python docs_src/ml_breadth/foundations_stats.py

Checks: R^2 against sklearn.metrics.r2_score, a negative test R^2 from an exact identity,
adjusted R^2 rising exactly when the new coefficient has |t| > 1, OLS t-test p-values against
scipy.stats.linregress and against the nested-model F-test, p-values being uniform under the
null, and four outlier rules (z-score, modified z-score, IQR, Mahalanobis) plus isolation forest.
"""

from __future__ import annotations

import numpy as np
from scipy import stats
from sklearn.covariance import EmpiricalCovariance
from sklearn.ensemble import IsolationForest
from sklearn.metrics import r2_score

Array = np.ndarray


# --8<-- [start:r2]
def r_squared(y: Array, y_hat: Array) -> float:
    """1 - SS_res / SS_tot, with SS_tot around the mean of the y being scored."""
    ss_res = np.sum((y - y_hat) ** 2)
    ss_tot = np.sum((y - y.mean()) ** 2)
    return float(1.0 - ss_res / ss_tot)


def adjusted_r_squared(r2: float, n_samples: int, n_features: int) -> float:
    """Penalise predictors: 1 - (1 - R^2) (n - 1) / (n - p - 1), p excluding the intercept."""
    return 1.0 - (1.0 - r2) * (n_samples - 1) / (n_samples - n_features - 1)
# --8<-- [end:r2]


# --8<-- [start:ols-inference]
def ols_inference(X: Array, y: Array) -> tuple[Array, Array, Array, Array]:
    """OLS with an intercept: coefficients, standard errors, t statistics, two-sided p-values.

    Assumes y = X_1 beta + noise with independent, equal-variance, normal noise
    (or large n); X_1 is X with a leading column of ones and must have full column rank.
    """
    n_samples, n_features = X.shape
    X1 = np.column_stack([np.ones(n_samples), X])
    beta, *_ = np.linalg.lstsq(X1, y, rcond=None)
    resid = y - X1 @ beta
    dof = n_samples - n_features - 1
    sigma2 = resid @ resid / dof                      # unbiased noise variance
    se = np.sqrt(sigma2 * np.diag(np.linalg.inv(X1.T @ X1)))
    t = beta / se
    p = 2 * stats.t.sf(np.abs(t), dof)                # H0: beta_j = 0
    return beta, se, t, p
# --8<-- [end:ols-inference]


# --8<-- [start:outlier-rules]
def zscore_outliers(x: Array, thresh: float = 3.0) -> Array:
    """|x - mean| / std > thresh; the mean and std are themselves pulled by outliers."""
    return np.abs(x - x.mean()) / x.std() > thresh


def modified_zscore_outliers(x: Array, thresh: float = 3.5) -> Array:
    """Median and MAD instead of mean and std; 0.6745 makes MAD comparable to a normal std."""
    med = np.median(x)
    mad = np.median(np.abs(x - med))
    return 0.6745 * np.abs(x - med) / mad > thresh


def iqr_outliers(x: Array, k: float = 1.5) -> Array:
    """Tukey's fences: below Q1 - k IQR or above Q3 + k IQR."""
    q1, q3 = np.percentile(x, [25, 75])
    return (x < q1 - k * (q3 - q1)) | (x > q3 + k * (q3 - q1))


def mahalanobis_sq(X: Array) -> Array:
    """Squared Mahalanobis distance of each row to the sample mean (MLE covariance)."""
    diff = X - X.mean(axis=0)
    cov = np.cov(X, rowvar=False, bias=True)
    return np.einsum("ij,ij->i", diff, np.linalg.solve(cov, diff.T).T)
# --8<-- [end:outlier-rules]


def main() -> None:
    rng = np.random.default_rng(0)

    # --8<-- [start:check-r2]
    n_samples, n_features = 80, 3
    X = rng.normal(size=(n_samples, n_features))
    y = X @ np.array([1.5, 0.0, -0.7]) + 1.0 + rng.normal(size=n_samples)
    beta, se, t, p = ols_inference(X, y)
    y_hat = np.column_stack([np.ones(n_samples), X]) @ beta
    r2 = r_squared(y, y_hat)
    assert np.isclose(r2, r2_score(y, y_hat), rtol=1e-12)
    assert np.isclose(r2, np.corrcoef(y, y_hat)[0, 1] ** 2, rtol=1e-10)  # OLS with intercept
    # Predicting a constant c: R^2 = -n (c - mean)^2 / SS_tot, negative for any c != mean.
    c = y.mean() + 0.5
    expected = -n_samples * 0.5**2 / np.sum((y - y.mean()) ** 2)
    assert np.isclose(r_squared(y, np.full(n_samples, c)), expected, rtol=1e-12)
    print(f"R^2 = {r2:.4f} (= sklearn, = corr(y, y_hat)^2); constant off by 0.5:"
          f" R^2 = {expected:.4f}")
    # Adjusted R^2 rises when a predictor is added exactly when that predictor's |t| > 1.
    adj_old = adjusted_r_squared(r2, n_samples, n_features)
    for _ in range(20):
        X_new = np.column_stack([X, rng.normal(size=n_samples) + 0.2 * y])
        b2, _, t2, _ = ols_inference(X_new, y)
        r2_new = r_squared(y, np.column_stack([np.ones(n_samples), X_new]) @ b2)
        adj_new = adjusted_r_squared(r2_new, n_samples, n_features + 1)
        assert r2_new >= r2 - 1e-12                                 # R^2 never falls
        assert (adj_new > adj_old) == (abs(t2[-1]) > 1)
    print("adjusted R^2 rose exactly for the added features with |t| > 1 (20 trials)")
    # --8<-- [end:check-r2]

    # --8<-- [start:check-pvalues]
    print("coef  estimate    se       t        p")
    for name, vals in zip(["b", "w1", "w2", "w3"], zip(beta, se, t, p)):
        print(f"{name:4s} {vals[0]:8.3f} {vals[1]:7.3f} {vals[2]:7.2f} {vals[3]:9.2e}")
    # One predictor: same slope, standard error and p-value as scipy.stats.linregress.
    res = stats.linregress(X[:, 0], y)
    b1, se1, _, p1 = ols_inference(X[:, :1], y)
    assert np.allclose([b1[1], se1[1], p1[1]], [res.slope, res.stderr, res.pvalue], rtol=1e-8)
    assert np.isclose(se1[0], res.intercept_stderr, rtol=1e-8)
    # Several predictors: the t-test of w2 is the F-test of dropping w2 (t^2 = F).
    def rss(A: Array) -> float:
        A1 = np.column_stack([np.ones(n_samples), A])
        r = y - A1 @ np.linalg.lstsq(A1, y, rcond=None)[0]
        return float(r @ r)
    dof = n_samples - n_features - 1
    F = (rss(np.delete(X, 1, axis=1)) - rss(X)) / (rss(X) / dof)
    assert np.isclose(t[2] ** 2, F, rtol=1e-10)
    assert np.isclose(p[2], stats.f.sf(F, 1, dof), rtol=1e-8)
    # Under the null (no effect), p-values are uniform: about 5% fall below 0.05.
    null_p = np.array([stats.linregress(rng.normal(size=30), rng.normal(size=30)).pvalue
                       for _ in range(4000)])
    share = np.mean(null_p < 0.05)
    assert abs(share - 0.05) < 0.015                               # ~4.4 standard errors
    print(f"p-values match linregress and the nested F-test; under H0, {share:.3f}"
          " of 4000 p-values < 0.05")
    # --8<-- [end:check-pvalues]

    # --8<-- [start:check-outliers]
    x = np.concatenate([rng.normal(size=100), np.full(10, 6.0)])    # 10 planted at 6
    planted = np.arange(100, 110)
    z_hits, mz_hits, iqr_hits = (np.flatnonzero(rule(x)) for rule in
                                 (zscore_outliers, modified_zscore_outliers, iqr_outliers))
    print(f"flagged of 10 planted: z-score {np.isin(planted, z_hits).sum()},"
          f" modified z {np.isin(planted, mz_hits).sum()}, IQR {np.isin(planted, iqr_hits).sum()}")
    assert not np.isin(planted, z_hits).any()        # masking: the outliers inflate the std
    assert np.isin(planted, mz_hits).all() and np.isin(planted, iqr_hits).all()

    # A point that is ordinary in each coordinate but breaks the correlation.
    cov = np.array([[1.0, 0.9], [0.9, 1.0]])
    X = np.vstack([rng.multivariate_normal([0, 0], cov, size=300), [[1.8, -1.8]]])
    d2 = mahalanobis_sq(X)
    assert np.allclose(d2, EmpiricalCovariance().fit(X).mahalanobis(X), rtol=1e-10)
    cutoff = stats.chi2.ppf(0.999, df=2)             # d^2 ~ chi-square(2) for normal data
    per_coord_z = np.abs(X[-1] - X.mean(0)) / X.std(0)
    print(f"last point: per-coordinate |z| {np.round(per_coord_z, 2)},"
          f" Mahalanobis d^2 {d2[-1]:.1f} vs chi2(2) 99.9% cut-off {cutoff:.1f}")
    assert per_coord_z.max() < 3 and d2[-1] > cutoff and np.argmax(d2) == len(X) - 1

    # Isolation forest (lower score = more anomalous) cuts along the axes, so the far ends of
    # the ellipse are isolated about as fast as the off-diagonal point.
    scores = IsolationForest(random_state=0).fit(X).score_samples(X)
    rank = int(np.sum(scores < scores[-1])) + 1
    assert rank <= 10
    print(f"Mahalanobis matches sklearn EmpiricalCovariance (rtol 1e-10) and ranks the point"
          f" 1st of {len(X)}; isolation forest ranks it {rank}")
    # --8<-- [end:check-outliers]


if __name__ == "__main__":
    main()
