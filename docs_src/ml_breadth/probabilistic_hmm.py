"""Forward algorithm, Viterbi and forward-backward for a discrete HMM, checked by brute force.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/probabilistic_hmm.py

The two-state example from the page is recomputed (every delta value and the best path); then
on random HMMs the forward probability must equal the sum over all N^T state paths, the Viterbi
path must equal the brute-force argmax, and the posteriors must equal brute-force marginals.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.special import logsumexp

Array = np.ndarray


# --8<-- [start:forward]
def forward_log(pi: Array, A: Array, B: Array, obs: Array) -> tuple[float, Array]:
    """log P(o_1..o_T) and the table log alpha_t(j) = log P(o_1..o_t, s_t = j).

    pi: (N,) initial probabilities, A: (N, N) with A[i, j] = P(s_t = j | s_{t-1} = i),
    B: (N, M) with B[j, k] = P(o_t = k | s_t = j), obs: (T,) observation indices.
    """
    log_A, log_B = np.log(A), np.log(B)
    log_alpha = np.empty((len(obs), len(pi)))
    log_alpha[0] = np.log(pi) + log_B[:, obs[0]]
    for t in range(1, len(obs)):
        # sum over the previous state i: alpha_{t-1}(i) * a_ij, done as a log-sum-exp
        log_alpha[t] = logsumexp(log_alpha[t - 1][:, None] + log_A, axis=0) + log_B[:, obs[t]]
    return float(logsumexp(log_alpha[-1])), log_alpha
# --8<-- [end:forward]


# --8<-- [start:viterbi]
def viterbi(pi: Array, A: Array, B: Array, obs: Array) -> tuple[Array, float, Array]:
    """Most probable state path, its log joint probability, and the table log delta_t(j)."""
    log_A, log_B = np.log(A), np.log(B)
    T, N = len(obs), len(pi)
    log_delta = np.empty((T, N))
    back = np.zeros((T, N), dtype=int)
    log_delta[0] = np.log(pi) + log_B[:, obs[0]]
    for t in range(1, T):
        scores = log_delta[t - 1][:, None] + log_A  # scores[i, j]: best path ending i, then i -> j
        back[t] = scores.argmax(axis=0)
        log_delta[t] = scores.max(axis=0) + log_B[:, obs[t]]
    path = np.empty(T, dtype=int)
    path[-1] = log_delta[-1].argmax()
    for t in range(T - 1, 0, -1):  # follow the back-pointers from the best final state
        path[t - 1] = back[t, path[t]]
    return path, float(log_delta[-1].max()), log_delta
# --8<-- [end:viterbi]


# --8<-- [start:posterior]
def posteriors(pi: Array, A: Array, B: Array, obs: Array) -> Array:
    """gamma_t(j) = P(s_t = j | o_1..o_T) by forward-backward, shape (T, N)."""
    log_pz, log_alpha = forward_log(pi, A, B, obs)
    log_A, log_B = np.log(A), np.log(B)
    log_beta = np.zeros_like(log_alpha)  # beta_T(i) = 1
    for t in range(len(obs) - 2, -1, -1):
        log_beta[t] = logsumexp(log_A + log_B[:, obs[t + 1]] + log_beta[t + 1], axis=1)
    return np.exp(log_alpha + log_beta - log_pz)
# --8<-- [end:posterior]


# --8<-- [start:brute]
def brute_force(pi: Array, A: Array, B: Array, obs: Array) -> tuple[Array, Array]:
    """All N^T state paths and their joint probabilities P(path, obs): the O(T N^T) reference."""
    N, T = len(pi), len(obs)
    paths = np.array(list(itertools.product(range(N), repeat=T)))
    probs = pi[paths[:, 0]] * B[paths[:, 0], obs[0]]
    for t in range(1, T):
        probs = probs * A[paths[:, t - 1], paths[:, t]] * B[paths[:, t], obs[t]]
    return paths, probs
# --8<-- [end:brute]


# --8<-- [start:check-example]
def check_worked_example() -> None:
    # States 0 = Sunny, 1 = Rainy; observations 0 = walk, 1 = shop, 2 = read.
    pi = np.array([0.6, 0.4])
    A = np.array([[0.8, 0.2],
                  [0.4, 0.6]])
    B = np.array([[0.6, 0.3, 0.1],
                  [0.1, 0.3, 0.6]])
    obs = np.array([0, 1, 2])  # walk, shop, read
    path, log_p, log_delta = viterbi(pi, A, B, obs)
    delta = np.exp(log_delta)
    print("t  obs   delta(Sunny)  delta(Rainy)")
    for t, o in enumerate(["walk", "shop", "read"]):
        print(f"{t + 1}  {o:5s} {delta[t, 0]:.6f}      {delta[t, 1]:.6f}")
    assert np.allclose(delta, [[0.36, 0.04], [0.0864, 0.0216], [0.006912, 0.010368]], atol=1e-15)
    assert path.tolist() == [0, 0, 1]  # Sunny, Sunny, Rainy

    log_pz, _ = forward_log(pi, A, B, obs)
    gamma = posteriors(pi, A, B, obs)
    print(f"best path Sunny, Sunny, Rainy with P(path, obs) = {np.exp(log_p):.6f}; "
          f"P(obs) = {np.exp(log_pz):.5f}; P(path | obs) = {np.exp(log_p - log_pz):.3f}")
    print("posterior P(Sunny) per step:", np.round(gamma[:, 0], 3))
    assert np.isclose(np.exp(log_pz), 0.02976, atol=1e-15)
    assert gamma.argmax(axis=1).tolist() == [0, 0, 1]  # here posterior decoding agrees
# --8<-- [end:check-example]


# --8<-- [start:check-random]
def random_hmm(rng: np.random.Generator, N: int, M: int) -> tuple[Array, Array, Array]:
    """Random pi, A, B whose rows are probability vectors (Dirichlet draws)."""
    return rng.dirichlet(np.ones(N)), rng.dirichlet(np.ones(N), size=N), rng.dirichlet(np.ones(M), size=N)


def check_random(rng: np.random.Generator, n_trials: int = 300) -> None:
    n_ties = 0
    for _ in range(n_trials):
        N, M, T = rng.integers(2, 5), rng.integers(2, 5), rng.integers(1, 7)
        pi, A, B = random_hmm(rng, N, M)
        obs = rng.integers(M, size=T)
        paths, probs = brute_force(pi, A, B, obs)
        log_pz, _ = forward_log(pi, A, B, obs)
        assert np.isclose(np.exp(log_pz), probs.sum(), rtol=1e-12, atol=0)
        path, log_p, _ = viterbi(pi, A, B, obs)
        assert np.isclose(log_p, np.log(probs.max()), rtol=1e-12)
        # Different paths can share the same product (same transitions and emissions in another
        # order), so compare the path itself only when the maximum is unique.
        top2 = np.sort(probs)[-2:]  # N >= 2, so there are always two paths
        if top2[0] < top2[1] * (1 - 1e-9):
            assert np.array_equal(path, paths[probs.argmax()])
        else:
            n_ties += 1
            assert np.isclose(probs[np.ravel_multi_index(path, (N,) * T)], probs.max())
        gamma = posteriors(pi, A, B, obs)
        marg = np.stack([np.bincount(paths[:, t], weights=probs, minlength=N) for t in range(T)])
        assert np.allclose(gamma, marg / probs.sum(), atol=1e-12)
        assert np.allclose(gamma.sum(axis=1), 1.0, atol=1e-12)
    print(f"{n_trials} random HMMs: forward = brute-force sum (rtol 1e-12), Viterbi = "
          f"brute-force argmax ({n_ties} exact ties), forward-backward = brute-force marginals")

    # Long sequences: raw probabilities underflow, log space does not.
    pi, A, B = random_hmm(rng, 3, 4)
    obs = rng.integers(4, size=2000)
    log_pz, _ = forward_log(pi, A, B, obs)
    print(f"T = 2000: log P(obs) = {log_pz:.1f}, far below the float64 floor of about -745")
    assert np.isfinite(log_pz) and log_pz < -745
# --8<-- [end:check-random]


def main() -> None:
    rng = np.random.default_rng(0)
    check_worked_example()
    check_random(rng)
    print("all HMM checks passed")


if __name__ == "__main__":
    main()
