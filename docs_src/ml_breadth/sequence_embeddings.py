"""Word-embedding objectives from scratch: skip-gram with negative sampling, PPMI + SVD, analogies.

Run from anywhere:

    python docs_src/ml_breadth/sequence_embeddings.py

Checks: the negative-sampling gradient against scipy.optimize.check_grad; the optimum of the
negative-sampling objective against the shifted PMI matrix (Levy and Goldberg) using
scipy.optimize.minimize; PPMI + SVD against sklearn's TruncatedSVD; cosine similarity against
sklearn; and the 3CosAdd analogy rule on constructed vectors.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import check_grad, minimize
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics.pairwise import cosine_similarity

Array = np.ndarray


def log_sigmoid(a: Array) -> Array:
    """log(1 / (1 + exp(-a))) without overflow."""
    return -np.logaddexp(0.0, -a)


def sigmoid(a: Array) -> Array:
    return 0.5 * (1.0 + np.tanh(0.5 * a))


# --8<-- [start:sgns]
def sgns_loss_grad(W_in: Array, W_out: Array, centre: Array, context: Array,
                   negatives: Array) -> tuple[float, Array, Array]:
    """Mean negative-sampling loss over a batch and its gradients.

    centre, context (n,) word ids; negatives (n, K) ids drawn from the noise distribution.
    loss = -log s(u_o . v_c) - sum_k log s(-u_k . v_c), with v = W_in rows, u = W_out rows.
    """
    n = len(centre)
    v = W_in[centre]                                    # (n, d)
    u_pos, u_neg = W_out[context], W_out[negatives]     # (n, d), (n, K, d)
    s_pos = np.einsum("nd,nd->n", u_pos, v)
    s_neg = np.einsum("nkd,nd->nk", u_neg, v)
    loss = -(log_sigmoid(s_pos).sum() + log_sigmoid(-s_neg).sum()) / n
    g_pos = (sigmoid(s_pos) - 1.0) / n                  # dloss/ds_pos
    g_neg = sigmoid(s_neg) / n                          # dloss/ds_neg
    dW_in, dW_out = np.zeros_like(W_in), np.zeros_like(W_out)
    np.add.at(dW_in, centre, g_pos[:, None] * u_pos + np.einsum("nk,nkd->nd", g_neg, u_neg))
    np.add.at(dW_out, context, g_pos[:, None] * v)      # add.at: repeated ids accumulate
    np.add.at(dW_out, negatives, g_neg[:, :, None] * v[:, None, :])
    return float(loss), dW_in, dW_out
# --8<-- [end:sgns]


# --8<-- [start:check-sgns]
def check_sgns_gradient() -> None:
    rng = np.random.default_rng(0)
    V, d, n, K = 6, 3, 8, 4
    W_in, W_out = rng.normal(size=(V, d)), rng.normal(size=(V, d))
    centre, context = rng.integers(V, size=n), rng.integers(V, size=n)
    negatives = rng.integers(V, size=(n, K))            # repeats on purpose

    def f(theta: Array) -> float:
        return sgns_loss_grad(theta[:V * d].reshape(V, d), theta[V * d:].reshape(V, d),
                              centre, context, negatives)[0]

    def g(theta: Array) -> Array:
        _, a, b = sgns_loss_grad(theta[:V * d].reshape(V, d), theta[V * d:].reshape(V, d),
                                 centre, context, negatives)
        return np.concatenate([a.ravel(), b.ravel()])

    theta = np.concatenate([W_in.ravel(), W_out.ravel()])
    err = check_grad(f, g, theta) / np.linalg.norm(g(theta))
    print(f"negative-sampling gradient vs scipy check_grad: relative error {err:.1e} (bound 1e-6)")
    assert err < 1e-6
# --8<-- [end:check-sgns]


# --8<-- [start:shifted-pmi]
def check_shifted_pmi(K: int = 5) -> None:
    """At the optimum of the expected SGNS objective, v_w . u_c = PMI(w, c) - log K."""
    rng = np.random.default_rng(1)
    V = 5
    counts = rng.integers(1, 30, size=(V, V)).astype(float)    # #(w, c), all positive
    D = counts.sum()
    p_w, p_c = counts.sum(axis=1) / D, counts.sum(axis=0) / D
    pmi = np.log(counts / D / np.outer(p_w, p_c))

    def objective(theta: Array) -> tuple[float, Array]:
        W_in, W_out = theta[:V * V].reshape(V, V), theta[V * V:].reshape(V, V)
        S = W_in @ W_out.T
        neg = K * D * np.outer(p_w, p_c)                 # expected number of negative draws
        loss = -(counts * log_sigmoid(S) + neg * log_sigmoid(-S)).sum() / D
        dS = (-(counts * (1 - sigmoid(S))) + neg * sigmoid(S)) / D
        return loss, np.concatenate([(dS @ W_out).ravel(), (dS.T @ W_in).ravel()])

    res = minimize(objective, rng.normal(scale=0.1, size=2 * V * V), jac=True, method="L-BFGS-B",
                   options={"gtol": 1e-12, "ftol": 1e-15, "maxiter": 5000})
    S = res.x[:V * V].reshape(V, V) @ res.x[V * V:].reshape(V, V).T
    print(f"SGNS optimum vs PMI - log {K}: max abs difference {np.abs(S - (pmi - np.log(K))).max():.1e}")
    assert np.allclose(S, pmi - np.log(K), atol=1e-4)
# --8<-- [end:shifted-pmi]


# --8<-- [start:ppmi]
def ppmi(counts: Array) -> Array:
    """Positive PMI: max(log[#(w,c) |D| / (#(w) #(c))], 0); zero counts give 0."""
    D = counts.sum()
    expected = np.outer(counts.sum(axis=1), counts.sum(axis=0)) / D
    with np.errstate(divide="ignore"):
        pmi = np.log(counts / expected)                  # log 0 = -inf, clipped below
    return np.maximum(pmi, 0.0)


def check_ppmi_svd() -> None:
    counts = np.array([[0, 4, 1], [4, 0, 2], [1, 2, 6]], dtype=float)
    M = ppmi(counts)
    # By hand: #(0,1) = 4, row 0 sums to 5, column 1 sums to 6, |D| = 20 -> log(4 * 20 / 30).
    assert np.isclose(M[0, 1], np.log(80 / 30)) and M[0, 0] == 0.0
    rng = np.random.default_rng(2)
    big = ppmi(rng.poisson(2.0, size=(40, 40)).astype(float))
    svd = TruncatedSVD(n_components=5, algorithm="arpack", random_state=0).fit(big)
    assert np.allclose(svd.singular_values_, np.linalg.svd(big, compute_uv=False)[:5])
    emb = svd.transform(big)                             # U_k Sigma_k: one row per word
    print(f"PPMI by hand matches; TruncatedSVD embeddings {emb.shape} match numpy's top singular values")
# --8<-- [end:ppmi]


# --8<-- [start:analogy]
def cosine(A: Array, B: Array) -> Array:
    A = A / np.linalg.norm(A, axis=-1, keepdims=True)
    B = B / np.linalg.norm(B, axis=-1, keepdims=True)
    return A @ B.T


def analogy(a: str, b: str, c: str, vocab: list[str], E: Array) -> str:
    """a is to b as c is to ?  argmax_x cos(x, b - a + c), the three query words excluded."""
    idx = {w: i for i, w in enumerate(vocab)}
    target = E[idx[b]] - E[idx[a]] + E[idx[c]]
    sims = cosine(E, target[None])[:, 0]
    sims[[idx[a], idx[b], idx[c]]] = -np.inf
    return vocab[int(np.argmax(sims))]


def check_analogy() -> None:
    rng = np.random.default_rng(3)
    royal, male, female, fruit = np.eye(8)[:4] * 3
    vocab = ["king", "queen", "man", "woman", "apple", "pear", "prince", "duchess"]
    E = np.stack([royal + male, royal + female, male, female, fruit, fruit + 0.5 * female,
                  0.5 * royal + male, 0.5 * royal + female]) + rng.normal(scale=0.2, size=(8, 8))
    assert np.allclose(cosine(E, E), cosine_similarity(E))
    answer = analogy("man", "king", "woman", vocab, E)
    print(f"man : king :: woman : {answer}")
    assert answer == "queen"
# --8<-- [end:analogy]


if __name__ == "__main__":
    check_sgns_gradient()
    check_shifted_pmi()
    check_ppmi_svd()
    check_analogy()
    print("all embedding checks passed")
