"""Inverse-transform, rejection, ancestral, Metropolis-Hastings and Gibbs sampling, checked with SciPy.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/probabilistic_sampling.py

Exact samplers are checked with Kolmogorov-Smirnov and chi-square tests from scipy.stats; the
MCMC samplers by the moments of their (correlated) samples against the exact values.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np
from scipy import stats

Array = np.ndarray


# --8<-- [start:inverse]
def sample_exponential(rate: float, size: int, rng: np.random.Generator) -> Array:
    """Inverse transform: if U ~ Uniform(0, 1), F^{-1}(U) = -log(1 - U) / rate ~ Exp(rate)."""
    u = rng.random(size)
    return -np.log1p(-u) / rate


def sample_categorical(p: Array, size: int, rng: np.random.Generator) -> Array:
    """Discrete inverse transform: the first index whose cumulative probability exceeds U."""
    cdf = np.cumsum(p)
    cdf[-1] = 1.0  # guard against rounding leaving the last bin short of 1
    return np.searchsorted(cdf, rng.random(size), side="right")
# --8<-- [end:inverse]


# --8<-- [start:rejection]
def rejection_sample(density: Callable[[Array], Array], bound: float, size: int,
                     rng: np.random.Generator) -> tuple[Array, float]:
    """Draw from a density on [0, 1] with a Uniform(0, 1) proposal and envelope M = bound.

    Accept x with probability density(x) / bound; the acceptance rate is 1 / bound.
    """
    out, n_proposed = [], 0
    while sum(len(o) for o in out) < size:
        x = rng.random(size)
        accept = rng.random(size) * bound <= density(x)
        out.append(x[accept])
        n_proposed += size
    samples = np.concatenate(out)[:size]
    return samples, sum(len(o) for o in out) / n_proposed
# --8<-- [end:rejection]


# --8<-- [start:ancestral]
def sample_hmm(pi: Array, A: Array, B: Array, T: int, n_seq: int,
               rng: np.random.Generator) -> tuple[Array, Array]:
    """Ancestral sampling: draw each variable after its parents (s_1, o_1, s_2, o_2, ...)."""
    states = np.empty((n_seq, T), dtype=int)
    obs = np.empty((n_seq, T), dtype=int)

    def draw_rows(P: Array) -> Array:  # one categorical draw per row of P, vectorised
        idx = (rng.random((P.shape[0], 1)) > np.cumsum(P, axis=1)).sum(axis=1)
        return np.minimum(idx, P.shape[1] - 1)  # rounding can leave a cumsum just below 1

    states[:, 0] = draw_rows(np.tile(pi, (n_seq, 1)))
    obs[:, 0] = draw_rows(B[states[:, 0]])
    for t in range(1, T):
        states[:, t] = draw_rows(A[states[:, t - 1]])
        obs[:, t] = draw_rows(B[states[:, t]])
    return states, obs
# --8<-- [end:ancestral]


# --8<-- [start:mcmc]
def metropolis_hastings(log_target: Callable[[float], float], x0: float, n_steps: int,
                        step: float, rng: np.random.Generator) -> tuple[Array, float]:
    """Random-walk Metropolis: propose x' = x + N(0, step^2), accept w.p. min(1, p(x') / p(x)).

    The proposal is symmetric, so the Hastings correction q(x | x') / q(x' | x) is 1, and the
    target only needs to be known up to a constant.
    """
    x, lp = x0, log_target(x0)
    chain, n_accept = np.empty(n_steps), 0
    noise, log_u = rng.normal(scale=step, size=n_steps), np.log(rng.random(n_steps))
    for i in range(n_steps):
        x_new = x + noise[i]
        lp_new = log_target(x_new)
        if log_u[i] < lp_new - lp:  # on rejection the chain repeats the current value
            x, lp = x_new, lp_new
            n_accept += 1
        chain[i] = x
    return chain, n_accept / n_steps


def gibbs_bivariate_normal(rho: float, n_steps: int, rng: np.random.Generator) -> Array:
    """Gibbs sampling of a standard bivariate normal with correlation rho.

    Each full conditional is Gaussian: x1 | x2 ~ N(rho x2, 1 - rho^2), and symmetrically.
    """
    x1 = x2 = 0.0
    sd = np.sqrt(1 - rho**2)
    out = np.empty((n_steps, 2))
    for i in range(n_steps):
        x1 = rho * x2 + sd * rng.normal()
        x2 = rho * x1 + sd * rng.normal()
        out[i] = x1, x2
    return out
# --8<-- [end:mcmc]


# --8<-- [start:checks]
def check_all(rng: np.random.Generator) -> None:
    x = sample_exponential(rate=2.0, size=20_000, rng=rng)
    ks = stats.kstest(x, stats.expon(scale=1 / 2.0).cdf)
    print(f"inverse transform Exp(2): mean {x.mean():.4f} (exact 0.5), KS p-value {ks.pvalue:.2f}")
    assert ks.pvalue > 0.01 and abs(x.mean() - 0.5) < 0.02

    p = np.array([0.1, 0.2, 0.3, 0.4])
    k = sample_categorical(p, 20_000, rng)
    chi = stats.chisquare(np.bincount(k, minlength=4), f_exp=20_000 * p)
    print(f"categorical by inverse transform: chi-square p-value {chi.pvalue:.2f}")
    assert chi.pvalue > 0.01

    target = stats.beta(2, 5)
    bound = target.pdf(0.2)  # the Beta(2, 5) mode is (2 - 1) / (2 + 5 - 2) = 0.2
    xs, rate = rejection_sample(target.pdf, bound, 20_000, rng)
    ks = stats.kstest(xs, target.cdf)
    print(f"rejection Beta(2, 5): M = {bound:.4f}, acceptance {rate:.4f} "
          f"(theory 1/M = {1 / bound:.4f}), KS p-value {ks.pvalue:.2f}")
    assert ks.pvalue > 0.01 and abs(rate - 1 / bound) < 0.01

    pi = np.array([0.6, 0.4])
    A = np.array([[0.8, 0.2], [0.4, 0.6]])
    B = np.array([[0.6, 0.3, 0.1], [0.1, 0.3, 0.6]])
    s, o = sample_hmm(pi, A, B, T=20, n_seq=20_000, rng=rng)
    pi_hat = np.bincount(s[:, 0], minlength=2) / len(s)
    pairs = np.zeros((2, 2))
    np.add.at(pairs, (s[:, :-1].ravel(), s[:, 1:].ravel()), 1)
    emits = np.zeros((2, 3))
    np.add.at(emits, (s.ravel(), o.ravel()), 1)
    A_hat = pairs / pairs.sum(axis=1, keepdims=True)
    B_hat = emits / emits.sum(axis=1, keepdims=True)
    print(f"ancestral HMM samples: max |error| pi {np.abs(pi_hat - pi).max():.4f}, "
          f"A {np.abs(A_hat - A).max():.4f}, B {np.abs(B_hat - B).max():.4f}")
    assert np.allclose(pi_hat, pi, atol=0.01) and np.allclose(A_hat, A, atol=0.01)
    assert np.allclose(B_hat, B, atol=0.01)

    # Mixture 0.3 N(-2, 0.5^2) + 0.7 N(2, 1): mean 0.8, variance 4.775 - 0.8^2 = 4.135.
    # Only an unnormalised density is needed: the common 1/sqrt(2 pi) is dropped.
    def log_target(z: float) -> float:
        a = math.log(0.3 / 0.5) - 0.5 * ((z + 2) / 0.5) ** 2
        b = math.log(0.7) - 0.5 * (z - 2) ** 2
        m = max(a, b)  # log-sum-exp, so far-out proposals do not underflow to log(0)
        return m + math.log(math.exp(a - m) + math.exp(b - m))
    chain, acc = metropolis_hastings(log_target, 0.0, 60_000, step=2.5, rng=rng)
    chain = chain[5_000:]  # discard burn-in
    print(f"Metropolis-Hastings: acceptance {acc:.2f}, mean {chain.mean():.3f} (exact 0.8), "
          f"variance {chain.var():.3f} (exact 4.135)")
    assert abs(chain.mean() - 0.8) < 0.1 and abs(chain.var() - 4.135) < 0.25

    g = gibbs_bivariate_normal(0.8, 30_000, rng)[1_000:]
    r = np.corrcoef(g.T)[0, 1]
    print(f"Gibbs bivariate normal: correlation {r:.3f} (exact 0.8), variances "
          f"{g.var(axis=0).round(3)}")
    assert abs(r - 0.8) < 0.02 and np.allclose(g.var(axis=0), 1.0, atol=0.05)
# --8<-- [end:checks]


def main() -> None:
    check_all(np.random.default_rng(0))
    print("all sampling checks passed")


if __name__ == "__main__":
    main()
