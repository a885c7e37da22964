"""Backpropagation for a two-layer network, written out by hand and checked three ways.

Run from any folder:

    python docs_src/ml_breadth/deep_learning_backprop.py

Checks: the forward pass against scikit-learn's MLPClassifier (same weights, same
probabilities); every gradient against central finite differences and against
scipy.optimize.check_grad; the parameter count against the d_in * d_out + d_out formula;
the multiply-add count of the backward pass against twice the forward pass.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy.optimize import check_grad
from scipy.special import log_softmax
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

Array = np.ndarray


# --8<-- [start:forward-backward]
def init_params(n_features: int, n_hidden: int, n_classes: int,
                rng: np.random.Generator) -> dict[str, Array]:
    """He-initialised weights, zero biases; W has shape (d_in, d_out) so Z = A @ W + b."""
    return {
        "W1": rng.normal(0, np.sqrt(2 / n_features), size=(n_features, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0, np.sqrt(2 / n_hidden), size=(n_hidden, n_classes)),
        "b2": np.zeros(n_classes),
    }


def forward(params: dict[str, Array], X: Array, y: Array) -> tuple[float, dict[str, Array]]:
    """Mean softmax cross-entropy of a ReLU MLP; the cache keeps what backward needs."""
    Z1 = X @ params["W1"] + params["b1"]          # (n, h)
    A1 = np.maximum(Z1, 0.0)                      # (n, h)
    Z2 = A1 @ params["W2"] + params["b2"]         # (n, K) logits
    Z2 = Z2 - Z2.max(axis=1, keepdims=True)       # stable softmax: shift does not change P
    P = np.exp(Z2) / np.exp(Z2).sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(P[np.arange(len(y)), y]))
    return float(loss), {"X": X, "Z1": Z1, "A1": A1, "P": P}


def backward(params: dict[str, Array], cache: dict[str, Array], y: Array) -> dict[str, Array]:
    """Gradients of the mean loss; each line is one application of the chain rule."""
    X, Z1, A1, P = cache["X"], cache["Z1"], cache["A1"], cache["P"]
    n = X.shape[0]
    Y = np.eye(P.shape[1])[y]                     # one-hot targets (n, K)
    delta2 = (P - Y) / n                          # dL/dZ2, (n, K): softmax + CE together
    dW2 = A1.T @ delta2                           # (h, n) @ (n, K) -> (h, K)
    db2 = delta2.sum(axis=0)                      # (K,)
    dA1 = delta2 @ params["W2"].T                 # (n, K) @ (K, h) -> (n, h)
    delta1 = dA1 * (Z1 > 0)                       # ReLU passes gradient only where Z1 > 0
    dW1 = X.T @ delta1                            # (d, n) @ (n, h) -> (d, h)
    db1 = delta1.sum(axis=0)                      # (h,)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
# --8<-- [end:forward-backward]


# --8<-- [start:gradcheck]
def numerical_grad(f, params: dict[str, Array], h: float = 1e-6) -> dict[str, Array]:
    """Central differences, one coordinate at a time: error O(h^2), cost 2 forwards per weight."""
    grads = {}
    for name, value in params.items():
        g = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            old = value[idx]
            value[idx] = old + h
            f_plus = f()
            value[idx] = old - h
            f_minus = f()
            value[idx] = old                      # always restore the weight
            g[idx] = (f_plus - f_minus) / (2 * h)
        grads[name] = g
    return grads


def relative_error(a: Array, b: Array) -> float:
    """max |a - b| / max(|a| + |b|): scale-free, so it means the same for big and small grads."""
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a) + np.abs(b)), 1e-12))
# --8<-- [end:gradcheck]


def main() -> None:
    # --8<-- [start:check]
    rng = np.random.default_rng(0)
    n_samples, n_features, n_hidden, n_classes = 8, 5, 7, 3
    X = rng.normal(size=(n_samples, n_features))
    y = rng.integers(0, n_classes, size=n_samples)
    params = init_params(n_features, n_hidden, n_classes, rng)
    params["b1"] = rng.normal(scale=0.1, size=n_hidden)  # non-zero biases test db too

    loss, cache = forward(params, X, y)
    logits = np.maximum(X @ params["W1"] + params["b1"], 0) @ params["W2"] + params["b2"]
    ref_loss = -np.mean(log_softmax(logits, axis=1)[np.arange(n_samples), y])  # SciPy reference
    assert abs(loss - ref_loss) < 1e-12
    grads = backward(params, cache, y)
    num = numerical_grad(lambda: forward(params, X, y)[0], params)
    for name in params:
        err = relative_error(grads[name], num[name])
        print(f"{name}: shape {grads[name].shape}, relative error vs finite differences {err:.1e}")
        assert grads[name].shape == params[name].shape
        assert err < 1e-7, name
    # --8<-- [end:check]

    # Independent reference: SciPy's check_grad on the flattened parameter vector.
    names = list(params)
    shapes = [params[k].shape for k in names]
    sizes = [params[k].size for k in names]

    def unflatten(theta: Array) -> dict[str, Array]:
        parts = np.split(theta, np.cumsum(sizes)[:-1])
        return {k: p.reshape(s) for k, p, s in zip(names, parts, shapes)}

    def f(theta: Array) -> float:
        return forward(unflatten(theta), X, y)[0]

    def g(theta: Array) -> Array:
        p = unflatten(theta)
        return np.concatenate([v.ravel() for v in backward(p, forward(p, X, y)[1], y).values()])

    theta = np.concatenate([params[k].ravel() for k in names])
    assert check_grad(f, g, theta) / np.linalg.norm(g(theta)) < 1e-5

    # Same weights in scikit-learn's MLPClassifier (ReLU hidden layer, softmax output).
    clf = MLPClassifier(hidden_layer_sizes=(n_hidden,), activation="relu", max_iter=1,
                        random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, np.arange(n_samples) % n_classes)  # any labels: only sets the shapes
    clf.coefs_ = [params["W1"].copy(), params["W2"].copy()]
    clf.intercepts_ = [params["b1"].copy(), params["b2"].copy()]
    assert np.allclose(clf.predict_proba(X), cache["P"], atol=1e-12)

    # --8<-- [start:cost]
    # Parameter count of a dense layer: d_in * d_out weights + d_out biases.
    n_params = sum(v.size for v in params.values())
    assert n_params == (n_features * n_hidden + n_hidden) + (n_hidden * n_classes + n_classes)

    # Multiply-adds: forward does one matrix product per layer, backward two
    # (dW = A^T delta and dA = delta W^T), so backward ~ 2x forward, a training step ~ 3x.
    d, h, K, n = n_features, n_hidden, n_classes, n_samples
    forward_macs = n * d * h + n * h * K
    backward_macs = (n * h * K + n * h * K) + (n * d * h + n * d * h)  # incl. dX for layer 1
    assert backward_macs == 2 * forward_macs
    print(f"parameters {n_params}; multiply-adds forward {forward_macs}, backward {backward_macs}")
    # --8<-- [end:cost]
    print("backprop: gradients match finite differences and check_grad; "
          "probabilities match MLPClassifier to 1e-12")


if __name__ == "__main__":
    main()
