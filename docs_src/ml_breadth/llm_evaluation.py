"""Evaluating LLMs: the unbiased pass@k estimator, Elo against Bradley-Terry, n-gram contamination.

Run from anywhere:

    python docs_src/ml_breadth/llm_evaluation.py

Checks: the numerically stable pass@k product equals 1 - C(n-c, k) / C(n, k) computed with
scipy.special.comb, its expectation over Binomial(n, p) equals 1 - (1-p)^k exactly while the
plug-in 1 - (1 - c/n)^k is biased low; online Elo depends on the order of the games while a
Bradley-Terry fit (sklearn LogisticRegression) does not; a toy n-gram contamination check.
"""

from __future__ import annotations

import numpy as np
from scipy.special import comb
from scipy.stats import binom
from sklearn.linear_model import LogisticRegression

Array = np.ndarray


# --8<-- [start:pass-at-k]
def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k from n samples of which c pass: 1 - C(n-c, k) / C(n, k).

    The product form avoids the huge binomial coefficients:
    C(n-c, k) / C(n, k) = prod_{i = n-c+1}^{n} (1 - k / i).
    """
    if n - c < k:
        return 1.0  # every size-k subset contains a passing sample
    return float(1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1)))
# --8<-- [end:pass-at-k]


# --8<-- [start:check-pass-at-k]
def check_pass_at_k() -> None:
    for n, c, k in [(200, 10, 1), (200, 10, 10), (200, 10, 100), (20, 3, 5), (10, 8, 5), (200, 0, 10)]:
        exact = 1 - comb(n - c, k, exact=True) / comb(n, k, exact=True)
        assert np.isclose(pass_at_k(n, c, k), exact, rtol=1e-12, atol=1e-15)
    assert np.isclose(pass_at_k(200, 10, 1), 10 / 200)  # pass@1 is the fraction that passed
    print(f"n = 200, c = 10: pass@1 = {pass_at_k(200, 10, 1):.3f}, pass@10 = "
          f"{pass_at_k(200, 10, 10):.3f}, pass@100 = {pass_at_k(200, 10, 100):.4f}")
    # Unbiased: averaging over c ~ Binomial(n, p) gives exactly 1 - (1 - p)^k.
    n, k, p = 20, 5, 0.1
    c = np.arange(n + 1)
    weights = binom.pmf(c, n, p)
    expected = sum(w * pass_at_k(n, ci, k) for w, ci in zip(weights, c))
    plug_in = float(np.sum(weights * (1 - (1 - c / n) ** k)))
    truth = 1 - (1 - p) ** k
    assert np.isclose(expected, truth, atol=1e-12) and plug_in < truth - 0.02
    print(f"true pass@5 = {truth:.4f}; mean of the unbiased estimator {expected:.4f}; "
          f"mean of 1 - (1 - c/n)^k {plug_in:.4f} (biased low)")
# --8<-- [end:check-pass-at-k]


# --8<-- [start:arena]
def elo_expected(r_a: float, r_b: float) -> float:
    """Probability that A beats B under the Elo model (400 points = odds of 10 to 1)."""
    return 1 / (1 + 10 ** ((r_b - r_a) / 400))


def online_elo(games: Array, n_models: int, k_factor: float = 4.0) -> Array:
    """Sequential Elo updates; games rows are (model a, model b, 1 if a won else 0)."""
    ratings = np.full(n_models, 1000.0)
    for a, b, a_won in games:
        delta = k_factor * (a_won - elo_expected(ratings[a], ratings[b]))
        ratings[a] += delta
        ratings[b] -= delta
    return ratings


def bradley_terry_elo(games: Array, n_models: int) -> Array:
    """Maximum-likelihood Bradley-Terry strengths on the Elo scale, centred at 1000.

    P(a beats b) = sigmoid(theta_a - theta_b) is a logistic regression with +1 in column a
    and -1 in column b; Elo points are theta * 400 / ln(10).
    """
    X = np.zeros((len(games), n_models))
    X[np.arange(len(games)), games[:, 0]] = 1
    X[np.arange(len(games)), games[:, 1]] = -1
    clf = LogisticRegression(C=1e6, fit_intercept=False, tol=1e-10, max_iter=1000)
    clf.fit(X, games[:, 2])
    theta = clf.coef_.ravel()
    return 1000 + 400 / np.log(10) * (theta - theta.mean())
# --8<-- [end:arena]


# --8<-- [start:check-arena]
def check_arena() -> None:
    assert np.isclose(elo_expected(1400, 1000), 10 / 11)
    rng = np.random.default_rng(0)
    true_elo = np.array([1150.0, 1050.0, 1000.0, 800.0])
    n_games = 8000
    a = rng.integers(0, 4, size=n_games)
    b = (a + rng.integers(1, 4, size=n_games)) % 4  # a different model
    a_won = (rng.random(n_games) < elo_expected(true_elo[a], true_elo[b])).astype(int)
    games = np.column_stack([a, b, a_won])
    bt = bradley_terry_elo(games, 4)
    bt_reversed = bradley_terry_elo(games[::-1], 4)
    elo_fwd, elo_rev = online_elo(games, 4), online_elo(games[::-1], 4)
    assert np.allclose(bt, bt_reversed, atol=1e-6)              # order does not matter
    assert np.abs(elo_fwd - elo_rev).max() > 1.0                 # order matters
    assert np.all(np.argsort(-bt) == [0, 1, 2, 3])
    assert np.abs((bt - bt.mean()) - (true_elo - true_elo.mean())).max() < 25
    print(f"true Elo           {true_elo - true_elo.mean() + 1000}")
    print(f"Bradley-Terry fit  {bt.round(1)} (same in either order)")
    print(f"online Elo, K = 4  {elo_fwd.round(1)} forwards, {elo_rev.round(1)} backwards")
# --8<-- [end:check-arena]


# --8<-- [start:contamination]
def ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def contaminated(test_items: list[str], train_text: str, n: int = 13) -> list[bool]:
    """Flag a test item if any of its word n-grams also occurs in the training text."""
    train = ngrams(train_text, n)
    return [bool(ngrams(item, n) & train) for item in test_items]


def check_contamination() -> None:
    train = ("lots of web text and then a leaked benchmark question "
             "a farmer has 17 sheep and all but 9 run away how many are left answer 9")
    tests = ["A farmer has 17 sheep and all but 9 run away. How many are left?",
             "a farmer has 17 sheep and all but 9 run away how many are left",
             "A shepherd owns 17 sheep; all except nine escape. How many remain?"]
    flags = contaminated(tests, train, n=8)
    # Punctuation glued to words ("away.") breaks some n-grams, but one shared 8-gram suffices;
    # a paraphrase shares none, which is why n-gram checks miss rewritten leaks.
    assert flags == [True, True, False]
    print(f"8-gram overlap flags: {flags} (the paraphrase slips through)")
# --8<-- [end:contamination]


if __name__ == "__main__":
    check_pass_at_k()
    check_arena()
    check_contamination()
    print("all evaluation checks passed")
