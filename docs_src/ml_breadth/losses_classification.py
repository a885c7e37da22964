"""Classification losses and their gradients from scratch, checked against scikit-learn and SciPy.

Run from any folder:

    python docs_src/ml_breadth/losses_classification.py

Checks: log loss in the {0, 1} and {-1, +1} forms agree with each other and with
sklearn.metrics.log_loss; softmax cross-entropy matches log_loss and its gradient is p - y;
hinge and multi-class hinge match sklearn.metrics.hinge_loss; focal loss reduces to log loss
at gamma = 0 and its gradient matches finite differences; a table of losses against the margin.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import approx_fprime, minimize_scalar
from scipy.special import expit, log_softmax, softmax
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import hinge_loss, log_loss

Array = np.ndarray


# --8<-- [start:logistic]
def log_loss_01(y: Array, z: Array) -> float:
    """Mean log loss for labels y in {0, 1} and logits z; p = sigmoid(z)."""
    # -[y log p + (1 - y) log(1 - p)] rewritten as softplus(z) - y z, which never takes log(0).
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def log_loss_pm1(s: Array, z: Array) -> float:
    """Mean log loss for labels s in {-1, +1}: log(1 + exp(-s z)), a function of the margin s z."""
    return float(np.mean(np.logaddexp(0.0, -s * z)))


def log_loss_01_grad(y: Array, z: Array) -> Array:
    """d/dz of log_loss_01 per sample: (sigmoid(z) - y) / n."""
    return (expit(z) - y) / y.size
# --8<-- [end:logistic]


# --8<-- [start:softmax]
def cross_entropy(Y: Array, Z: Array) -> float:
    """Mean softmax cross-entropy; Y one-hot (n, K), Z logits (n, K)."""
    return float(-np.mean(np.sum(Y * log_softmax(Z, axis=1), axis=1)))


def cross_entropy_grad(Y: Array, Z: Array) -> Array:
    """d/dZ of cross_entropy: (softmax(Z) - Y) / n."""
    return (softmax(Z, axis=1) - Y) / Y.shape[0]
# --8<-- [end:softmax]


# --8<-- [start:hinge]
def hinge(s: Array, z: Array) -> float:
    """Mean hinge loss max(0, 1 - s z) for s in {-1, +1}."""
    return float(np.mean(np.maximum(0.0, 1.0 - s * z)))


def squared_hinge(s: Array, z: Array) -> float:
    """Mean squared hinge max(0, 1 - s z)^2: differentiable, but punishes outliers quadratically."""
    return float(np.mean(np.maximum(0.0, 1.0 - s * z) ** 2))


def hinge_grad(s: Array, z: Array) -> Array:
    # A subgradient: -s where the margin is below 1, else 0 (at exactly 1 we pick 0).
    return np.where(s * z < 1.0, -s, 0.0) / s.size


def multiclass_hinge(y: Array, Z: Array) -> float:
    """Crammer-Singer hinge: mean of max(0, 1 + max_{k != y} z_k - z_y)."""
    n = Z.shape[0]
    z_true = Z[np.arange(n), y]
    Z_other = Z.copy()
    Z_other[np.arange(n), y] = -np.inf
    return float(np.mean(np.maximum(0.0, 1.0 + Z_other.max(axis=1) - z_true)))
# --8<-- [end:hinge]


# --8<-- [start:focal]
def focal(y: Array, z: Array, gamma: float = 2.0, alpha: float | None = 0.25) -> float:
    """Mean binary focal loss -alpha_t (1 - p_t)^gamma log p_t, labels y in {0, 1}, logits z."""
    s = 2.0 * y - 1.0
    log_pt = -np.logaddexp(0.0, -s * z)          # log p_t = log sigmoid(margin), computed stably
    pt = np.exp(log_pt)
    alpha_t = 1.0 if alpha is None else np.where(y == 1, alpha, 1.0 - alpha)
    return float(np.mean(-alpha_t * (1.0 - pt) ** gamma * log_pt))


def focal_grad(y: Array, z: Array, gamma: float = 2.0, alpha: float | None = 0.25) -> Array:
    """d/dz of focal per sample, by the chain rule through the margin m = s z."""
    s = 2.0 * y - 1.0
    log_pt = -np.logaddexp(0.0, -s * z)
    pt = np.exp(log_pt)
    alpha_t = 1.0 if alpha is None else np.where(y == 1, alpha, 1.0 - alpha)
    # d/dm [-(1 - p)^g log p] with dp/dm = p (1 - p):  g p (1 - p)^g log p - (1 - p)^(g + 1)
    d_margin = gamma * pt * (1.0 - pt) ** gamma * log_pt - (1.0 - pt) ** (gamma + 1.0)
    return alpha_t * s * d_margin / y.size
# --8<-- [end:focal]


def main() -> None:
    rng = np.random.default_rng(0)
    n, K = 40, 4

    # --8<-- [start:check-binary]
    y = rng.integers(0, 2, size=n)               # labels in {0, 1}
    s = 2 * y - 1                                # the same labels in {-1, +1}
    z = rng.normal(scale=3.0, size=n)            # logits
    p = expit(z)

    assert np.isclose(log_loss_01(y, z), log_loss_pm1(s, z), rtol=1e-12)
    assert np.isclose(log_loss_01(y, z), log_loss(y, p), rtol=1e-10)
    g_num = approx_fprime(z, lambda v: log_loss_01(y, v), 1e-7)
    assert np.allclose(log_loss_01_grad(y, z), g_num, atol=1e-7)
    print("log loss: {0,1} form = {-1,+1} form = sklearn log_loss; gradient (p - y)/n matches finite differences")
    # --8<-- [end:check-binary]

    # --8<-- [start:check-softmax]
    labels = rng.integers(0, K, size=n)
    Y = np.eye(K)[labels]
    Z = rng.normal(scale=2.0, size=(n, K))
    assert np.isclose(cross_entropy(Y, Z), log_loss(labels, softmax(Z, axis=1), labels=range(K)), rtol=1e-10)
    G_num = approx_fprime(Z.ravel(), lambda v: cross_entropy(Y, v.reshape(n, K)), 1e-7).reshape(n, K)
    assert np.allclose(cross_entropy_grad(Y, Z), G_num, atol=1e-7)
    # Softmax is unchanged by adding a constant to every logit, so each gradient row sums to 0.
    assert np.allclose(cross_entropy_grad(Y, Z).sum(axis=1), 0.0)
    # With K = 2, softmax over logits (0, z) is sigmoid(z): cross-entropy is the binary log loss.
    Z2 = np.column_stack([np.zeros(n), z])
    assert np.isclose(cross_entropy(np.eye(2)[y], Z2), log_loss_01(y, z), rtol=1e-12)
    print("softmax cross-entropy matches sklearn log_loss; gradient (softmax - Y)/n matches finite differences")
    # --8<-- [end:check-softmax]

    # --8<-- [start:check-hinge]
    assert np.isclose(hinge(s, z), hinge_loss(s, z), rtol=1e-12)
    assert np.isclose(multiclass_hinge(labels, Z), hinge_loss(labels, Z, labels=range(K)), rtol=1e-12)
    assert np.min(np.abs(s * z - 1.0)) > 1e-6    # no margin sits on the kink, so finite differences apply
    assert np.allclose(hinge_grad(s, z), approx_fprime(z, lambda v: hinge(s, v), 1e-8), atol=1e-6)
    print("hinge and Crammer-Singer hinge match sklearn hinge_loss; subgradient matches finite differences")
    # --8<-- [end:check-hinge]

    # --8<-- [start:check-focal]
    assert np.isclose(focal(y, z, gamma=0.0, alpha=None), log_loss_01(y, z), rtol=1e-12)
    for gamma, alpha in [(2.0, 0.25), (0.5, None), (5.0, 0.75)]:
        g_num = approx_fprime(z, lambda v: focal(y, v, gamma, alpha), 1e-7)
        assert np.allclose(focal_grad(y, z, gamma, alpha), g_num, atol=1e-7), (gamma, alpha)
    # How strongly gamma = 2 shrinks the loss of well-classified examples relative to log loss.
    for pt in [0.5, 0.9, 0.968]:
        print(f"p_t = {pt:5.3f}: focal / log loss = (1 - p_t)^2 = {(1 - pt) ** 2:.4f}  (1/{1 / (1 - pt) ** 2:,.0f})")
    print("focal loss with gamma = 0 and no alpha is log loss; its gradient matches finite differences")
    # If P(y = 1 | x) = 0.9, which predicted probability q minimises the expected loss?
    eta = 0.9
    for gamma in [0.0, 2.0]:
        expected = lambda q: -(eta * (1 - q) ** gamma * np.log(q) + (1 - eta) * q**gamma * np.log(1 - q))
        q_best = minimize_scalar(expected, bounds=(1e-9, 1 - 1e-9), method="bounded", options={"xatol": 1e-10}).x
        print(f"gamma = {gamma}: expected loss minimised at q = {q_best:.3f} (true probability 0.9)")
    assert np.isclose(q_best, 0.694, atol=1e-3)   # gamma = 2 is under-confident: not a proper scoring rule
    # --8<-- [end:check-focal]

    # --8<-- [start:check-weighting]
    # Up-weighting positives by k multiplies the fitted odds by k; undo it with
    # p = p_w / (p_w + k (1 - p_w)). One-hot groups and almost no penalty make the model
    # flexible enough to hit the (weighted) empirical rate in every group exactly.
    k = 10.0
    group = rng.integers(0, 3, size=3000)
    y_rare = (rng.random(3000) < np.array([0.01, 0.05, 0.2])[group]).astype(int)
    G = np.eye(3)[group]
    weighted = LogisticRegression(C=1e10, class_weight={0: 1.0, 1: k}, max_iter=10_000).fit(G, y_rare)
    p_w = weighted.predict_proba(np.eye(3))[:, 1]
    p_fixed = p_w / (p_w + k * (1.0 - p_w))
    rates = np.array([y_rare[group == g].mean() for g in range(3)])
    assert np.allclose(p_fixed, rates, atol=1e-4)
    print(f"group rates {np.round(rates, 4)}; weighted model says {np.round(p_w, 4)}; corrected {np.round(p_fixed, 4)}")
    # --8<-- [end:check-weighting]

    # --8<-- [start:margin-table]
    m = np.array([-2.0, -1.0, 0.0, 0.5, 1.0, 2.0])  # margin m = s * z
    table = {
        "0-1": (m <= 0).astype(float),           # counting a tie (m = 0) as an error
        "hinge": np.maximum(0, 1 - m),
        "squared hinge": np.maximum(0, 1 - m) ** 2,
        "logistic (nats)": np.logaddexp(0, -m),
        "logistic (bits)": np.logaddexp(0, -m) / np.log(2),
        "exponential": np.exp(-m),
    }
    print("margin            " + "".join(f"{v:>8.1f}" for v in m))
    for name, values in table.items():
        print(f"{name:<18}" + "".join(f"{v:8.3f}" for v in values))
    # Every convex surrogate here (logistic in bits) lies on or above the 0-1 loss.
    for name in ["hinge", "squared hinge", "logistic (bits)", "exponential"]:
        assert np.all(table[name] >= table["0-1"] - 1e-12), name
    # --8<-- [end:margin-table]


if __name__ == "__main__":
    main()
