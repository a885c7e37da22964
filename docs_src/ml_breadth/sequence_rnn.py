"""Recurrent networks from scratch in NumPy: forward pass, BPTT, Jacobian products, gated cells.

Run from anywhere:

    python docs_src/ml_breadth/sequence_rnn.py

The BPTT gradients are checked against scipy.optimize.approx_fprime, the Jacobian products
against numpy.linalg.matrix_power and finite differences, and every parameter count against
the sum of the sizes of the arrays a layer actually holds.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import approx_fprime

Array = np.ndarray


def sigmoid(a: Array) -> Array:
    """Logistic function, written so that it never overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * a))


# --8<-- [start:rnn-forward]
def init_rnn(d: int, d_h: int, rng: np.random.Generator) -> dict[str, Array]:
    """Parameters of one tanh RNN layer: W_xh (d_h, d), W_hh (d_h, d_h), b (d_h,)."""
    scale = 1.0 / np.sqrt(d_h)
    return {"W_xh": rng.uniform(-scale, scale, (d_h, d)),
            "W_hh": rng.uniform(-scale, scale, (d_h, d_h)),
            "b": np.zeros(d_h)}


def rnn_forward(X: Array, h0: Array, p: dict[str, Array]) -> Array:
    """X (B, T, d), h0 (B, d_h) -> hidden states (B, T, d_h).

    h_t = tanh(W_hh h_{t-1} + W_xh x_t + b); rows are examples, so the matrices act on the right.
    The same three arrays are used at every step: that is the weight sharing over time.
    """
    B, T, _ = X.shape
    H = np.empty((B, T, h0.shape[1]))
    h = h0
    for t in range(T):
        h = np.tanh(h @ p["W_hh"].T + X[:, t] @ p["W_xh"].T + p["b"])
        H[:, t] = h
    return H
# --8<-- [end:rnn-forward]


# --8<-- [start:bptt]
def rnn_backward(dH: Array, X: Array, h0: Array, H: Array, p: dict[str, Array],
                 truncate: int | None = None) -> dict[str, Array]:
    """Backpropagation through time for a loss whose gradient with respect to H is dH (B, T, d_h).

    Full BPTT is one backward sweep carrying delta = dL/dh_t: the direct part from the loss
    at step t plus the part that arrives from step t + 1. With truncate = k, the loss at each
    step t is swept back over k steps only (t, t-1, ..., t-k+1): longer paths are dropped.
    """
    B, T, d_h = H.shape
    H_prev = np.concatenate([h0[:, None], H[:, :-1]], axis=1)      # h_{t-1} for every t
    grads = {name: np.zeros_like(value) for name, value in p.items()}
    grads["h0"] = np.zeros_like(h0)
    if truncate is None:
        sweeps = [(T - 1, 0, dH)]
    else:
        sweeps = []
        for t_loss in range(T):                        # one short sweep per loss term
            dH_t = np.zeros_like(dH)
            dH_t[:, t_loss] = dH[:, t_loss]
            sweeps.append((t_loss, max(t_loss - truncate + 1, 0), dH_t))
    for t_end, t_start, dH_part in sweeps:
        delta = np.zeros((B, d_h))
        for t in range(t_end, t_start - 1, -1):
            delta = delta + dH_part[:, t]
            g = delta * (1.0 - H[:, t] ** 2)           # through tanh: tanh' = 1 - h^2
            grads["W_hh"] += g.T @ H_prev[:, t]        # same matrix at every step: sum over t
            grads["W_xh"] += g.T @ X[:, t]
            grads["b"] += g.sum(axis=0)
            delta = g @ p["W_hh"]                      # dL/dh_{t-1} through the recurrence
        if t_start == 0:
            grads["h0"] += delta
    return grads
# --8<-- [end:bptt]


# --8<-- [start:check-bptt]
def check_bptt() -> None:
    """Analytic BPTT gradients against SciPy finite differences, then the cost of truncation."""
    rng = np.random.default_rng(0)
    B, T, d, d_h = 2, 6, 3, 4
    X, h0 = rng.normal(size=(B, T, d)), rng.normal(size=(B, d_h))
    p = init_rnn(d, d_h, rng)
    p["b"] = rng.normal(scale=0.1, size=d_h)
    R = rng.normal(size=(B, T, d_h))                   # loss = sum(H * R), so dL/dH = R
    names, shapes = list(p) + ["h0"], [v.shape for v in p.values()] + [h0.shape]

    def unpack(theta: Array) -> tuple[dict[str, Array], Array]:
        parts = np.split(theta, np.cumsum([np.prod(s) for s in shapes])[:-1])
        arrays = [part.reshape(s) for part, s in zip(parts, shapes)]
        return dict(zip(names[:-1], arrays[:-1])), arrays[-1]

    def loss(theta: Array) -> float:
        params, h_init = unpack(theta)
        return float((rnn_forward(X, h_init, params) * R).sum())

    theta0 = np.concatenate([p[n].ravel() for n in names[:-1]] + [h0.ravel()])
    H = rnn_forward(X, h0, p)
    grads = rnn_backward(R, X, h0, H, p)
    analytic = np.concatenate([grads[n].ravel() for n in names])
    numeric = approx_fprime(theta0, loss, 1e-7)        # forward differences
    rel = np.linalg.norm(analytic - numeric) / np.linalg.norm(analytic + numeric)
    print(f"BPTT vs scipy approx_fprime: relative error {rel:.1e} (bound 1e-5)")
    assert rel < 1e-5

    # Truncation drops long gradient paths; with k >= T nothing is dropped.
    full = grads["W_hh"]
    for k in (1, 2, 4, T):
        trunc = rnn_backward(R, X, h0, H, p, truncate=k)["W_hh"]
        gap = np.linalg.norm(trunc - full) / np.linalg.norm(full)
        print(f"  truncated BPTT, k = {k}: relative gap to the full gradient {gap:.2e}")
    assert np.allclose(rnn_backward(R, X, h0, H, p, truncate=T)["W_hh"], full, atol=1e-12)
# --8<-- [end:check-bptt]


# --8<-- [start:jacobian]
def jacobian_products(T: int = 50, d_h: int = 32) -> None:
    """Norm of dh_T/dh_0 when W_hh is an orthogonal matrix scaled to spectral radius rho."""
    rng = np.random.default_rng(1)
    Q, _ = np.linalg.qr(rng.normal(size=(d_h, d_h)))   # orthogonal: every singular value is 1
    h0 = rng.normal(scale=0.5, size=d_h)
    for rho in (0.5, 0.9, 1.0, 1.5):
        W_hh = rho * Q
        # Linear RNN h_t = W_hh h_{t-1}: the Jacobian is the matrix power W_hh**T, norm rho**T.
        lin = np.linalg.norm(np.linalg.matrix_power(W_hh, T), 2)
        assert np.isclose(lin, rho**T, rtol=1e-8)
        # tanh RNN: multiply the per-step Jacobians diag(1 - h_t^2) W_hh along the trajectory.
        J, h = np.eye(d_h), h0
        for _ in range(T):
            h = np.tanh(W_hh @ h)
            J = (1.0 - h**2)[:, None] * W_hh @ J
        tanh_norm = np.linalg.norm(J, 2)
        assert tanh_norm <= rho**T * (1 + 1e-9)        # |tanh'| <= 1 caps it at rho^T
        print(f"rho = {rho}: linear ||dh_T/dh_0|| = {lin:.1e}, tanh {tanh_norm:.1e}")
# --8<-- [end:jacobian]


# --8<-- [start:gated]
def init_lstm(d: int, d_h: int, rng: np.random.Generator) -> dict[str, Array]:
    """One stacked matrix per input for the four blocks, in the order f, i, o, candidate."""
    scale = 1.0 / np.sqrt(d_h)
    return {"W_x": rng.uniform(-scale, scale, (4 * d_h, d)),
            "W_h": rng.uniform(-scale, scale, (4 * d_h, d_h)),
            "b": np.zeros(4 * d_h)}


def lstm_step(x: Array, h: Array, c: Array, p: dict[str, Array]) -> tuple[Array, Array]:
    """x (B, d), h and c (B, d_h) -> new h and c."""
    a = x @ p["W_x"].T + h @ p["W_h"].T + p["b"]
    f, i, o, g = np.split(a, 4, axis=1)
    f, i, o, g = sigmoid(f), sigmoid(i), sigmoid(o), np.tanh(g)
    c = f * c + i * g                                   # additive update of the memory
    return o * np.tanh(c), c


def init_gru(d: int, d_h: int, rng: np.random.Generator) -> dict[str, Array]:
    """Three blocks, in the order update z, reset r, candidate."""
    scale = 1.0 / np.sqrt(d_h)
    return {"W_x": rng.uniform(-scale, scale, (3 * d_h, d)),
            "W_h": rng.uniform(-scale, scale, (3 * d_h, d_h)),
            "b": np.zeros(3 * d_h)}


def gru_step(x: Array, h: Array, p: dict[str, Array]) -> Array:
    """h_t = z * h_{t-1} + (1 - z) * candidate, with the reset gate applied before W_hh."""
    d_h = h.shape[1]
    W_hz, W_hr, W_hh = np.split(p["W_h"], 3, axis=0)
    ax = x @ p["W_x"].T + p["b"]
    z = sigmoid(ax[:, :d_h] + h @ W_hz.T)
    r = sigmoid(ax[:, d_h:2 * d_h] + h @ W_hr.T)
    candidate = np.tanh(ax[:, 2 * d_h:] + (r * h) @ W_hh.T)
    return z * h + (1.0 - z) * candidate
# --8<-- [end:gated]


# --8<-- [start:check-gated]
def check_gated_paths(T: int = 50, d: int = 3, d_h: int = 4) -> None:
    """With recurrent weights at zero, dc_T/dc_0 of an LSTM is exactly diag(prod_t f_t)."""
    rng = np.random.default_rng(2)
    X = rng.normal(size=(1, T, d))
    p = init_lstm(d, d_h, rng)
    p["W_h"][:] = 0.0                                   # isolate the cell path
    p["b"][:d_h] = 3.0                                  # forget bias 3: f is about 0.95
    h0, c0 = np.zeros((1, d_h)), rng.normal(size=(1, d_h))

    def c_final(c_init: Array) -> Array:
        h, c = h0, c_init.reshape(1, d_h)
        for t in range(T):
            h, c = lstm_step(X[:, t], h, c, p)
        return c.ravel()

    forget = np.stack([sigmoid(X[0, t] @ p["W_x"][:d_h].T + p["b"][:d_h]) for t in range(T)])
    predicted = np.diag(forget.prod(axis=0))
    eps = 1e-6
    numeric = np.stack([(c_final(c0.ravel() + eps * e) - c_final(c0.ravel() - eps * e)) / (2 * eps)
                        for e in np.eye(d_h)], axis=1)
    assert np.allclose(numeric, predicted, atol=1e-8)
    print(f"LSTM cell path over {T} steps: dc_T/dc_0 = diag(prod f_t), "
          f"diagonal {np.round(np.diag(predicted), 3)}")

    # GRU: an update gate saturated at 1 copies the state unchanged, whatever the input.
    g = init_gru(d, d_h, rng)
    g["b"][:d_h] = 30.0
    h = rng.normal(size=(1, d_h))
    h_T = h
    for t in range(T):
        h_T = gru_step(X[:, t], h_T, g)
    assert np.allclose(h_T, h, atol=1e-9)
    print(f"GRU with z = 1: h_T equals h_0 after {T} steps")
# --8<-- [end:check-gated]


# --8<-- [start:param-counts]
def count(arrays: dict[str, Array]) -> int:
    return sum(a.size for a in arrays.values())


def check_parameter_counts(d: int = 100, d_h: int = 256) -> None:
    """Closed forms against the arrays each layer holds (one bias vector per block)."""
    rng = np.random.default_rng(3)
    rnn, lstm, gru = init_rnn(d, d_h, rng), init_lstm(d, d_h, rng), init_gru(d, d_h, rng)
    base = d_h * (d_h + d) + d_h
    assert count(rnn) == base
    assert count(lstm) == 4 * base
    assert count(gru) == 3 * base
    # Second layer of a stack: its input is the first layer's output, so d becomes d_h.
    assert count(init_lstm(d_h, d_h, rng)) == 4 * (d_h * 2 * d_h + d_h)
    # Bidirectional: two independent layers; a layer on top of it sees 2 * d_h features.
    assert 2 * count(init_lstm(2 * d_h, d_h, rng)) == 2 * 4 * (d_h * (d_h + 2 * d_h) + d_h)
    print(f"d = {d}, d_h = {d_h}: RNN {count(rnn):,}, LSTM {count(lstm):,}, GRU {count(gru):,}")
    print(f"  PyTorch keeps two bias vectors per block: LSTM {count(lstm) + 4 * d_h:,}")
# --8<-- [end:param-counts]


# --8<-- [start:dropout]
def check_recurrent_dropout(p_drop: float = 0.25, T: int = 50, d_h: int = 20_000) -> None:
    """Which hidden units can carry information through T steps of dropout on the recurrence?"""
    rng = np.random.default_rng(4)
    keep = 1.0 - p_drop
    # Naive: a fresh mask at every step; a unit survives only if it is kept T times in a row.
    survives_naive = np.ones(d_h, dtype=bool)
    for _ in range(T):
        survives_naive &= rng.random(d_h) < keep
    # Variational: one mask per sequence, reused at every step, so the same units are kept.
    mask = rng.random(d_h) < keep
    survives_var = np.ones(d_h, dtype=bool)
    for _ in range(T):
        survives_var &= mask
    print(f"units that can carry a memory through {T} steps: naive {survives_naive.mean():.5f} "
          f"(theory {keep**T:.1e}), variational {survives_var.mean():.3f} (theory {keep})")
    assert survives_naive.mean() < 1e-3 and abs(survives_var.mean() - keep) < 0.02
# --8<-- [end:dropout]


def main() -> None:
    check_bptt()
    jacobian_products()
    check_gated_paths()
    check_parameter_counts()
    check_recurrent_dropout()
    print("all recurrent-network checks passed")


if __name__ == "__main__":
    main()
