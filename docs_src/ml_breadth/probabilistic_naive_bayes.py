"""Multinomial and Bernoulli naive Bayes from scratch, in log space, checked against scikit-learn.

Run from anywhere:

    .venv/bin/python docs_src/ml_breadth/probabilistic_naive_bayes.py

The four-word spam example from the page is recomputed by hand and by MultinomialNB; the
from-scratch models must match MultinomialNB and BernoulliNB log-probabilities to 1e-9.
"""

from __future__ import annotations

import numpy as np
from scipy.special import logsumexp
from sklearn.naive_bayes import BernoulliNB, MultinomialNB

Array = np.ndarray


# --8<-- [start:multinomial]
class MultinomialNaiveBayes:
    """Word-count naive Bayes with additive (Laplace for alpha=1, Lidstone otherwise) smoothing."""

    def __init__(self, alpha: float = 1.0) -> None:
        self.alpha = alpha

    def fit(self, X: Array, y: Array) -> "MultinomialNaiveBayes":
        self.classes_ = np.unique(y)
        counts = np.stack([X[y == c].sum(axis=0) for c in self.classes_])  # (n_classes, n_features)
        smoothed = counts + self.alpha
        self.log_prior_ = np.log(np.array([np.mean(y == c) for c in self.classes_]))
        self.log_theta_ = np.log(smoothed / smoothed.sum(axis=1, keepdims=True))
        return self

    def joint_log_likelihood(self, X: Array) -> Array:
        """log P(c) + sum_j x_j log theta_cj, shape (n_samples, n_classes); no underflow."""
        return X @ self.log_theta_.T + self.log_prior_

    def predict_log_proba(self, X: Array) -> Array:
        jll = self.joint_log_likelihood(X)
        return jll - logsumexp(jll, axis=1, keepdims=True)  # normalise in log space
# --8<-- [end:multinomial]


# --8<-- [start:bernoulli]
class BernoulliNaiveBayes:
    """Binary-feature naive Bayes: absent words count as evidence too."""

    def __init__(self, alpha: float = 1.0) -> None:
        self.alpha = alpha

    def fit(self, X: Array, y: Array) -> "BernoulliNaiveBayes":
        X = (X > 0).astype(float)
        self.classes_ = np.unique(y)
        n_c = np.array([np.sum(y == c) for c in self.classes_])
        docs_with_word = np.stack([X[y == c].sum(axis=0) for c in self.classes_])
        p = (docs_with_word + self.alpha) / (n_c[:, None] + 2 * self.alpha)  # two outcomes
        self.log_p_, self.log_not_p_ = np.log(p), np.log1p(-p)
        self.log_prior_ = np.log(n_c / n_c.sum())
        return self

    def predict_log_proba(self, X: Array) -> Array:
        X = (X > 0).astype(float)
        jll = X @ self.log_p_.T + (1 - X) @ self.log_not_p_.T + self.log_prior_
        return jll - logsumexp(jll, axis=1, keepdims=True)
# --8<-- [end:bernoulli]


# --8<-- [start:check-spam]
def check_spam_example() -> None:
    # Columns: free, win, meeting, report. Rows 0-1 are spam (1), rows 2-4 ham (0).
    X = np.array([[2, 1, 0, 0], [1, 1, 0, 1], [0, 0, 1, 2], [1, 0, 2, 1], [0, 0, 0, 1]])
    y = np.array([1, 1, 0, 0, 0])
    x_new = np.array([[1, 1, 1, 0]])  # "free win meeting"

    # By hand: smoothed word probabilities (count + 1) / (total + 4), priors 2/5 and 3/5.
    spam = 2 / 5 * (4 / 10) * (3 / 10) * (1 / 10)
    ham = 3 / 5 * (2 / 12) * (1 / 12) * (4 / 12)
    p_spam = spam / (spam + ham)
    print(f"hand: spam score {spam:.6f}, ham score {ham:.6f}, P(spam | message) = {p_spam:.4f}")

    ours = np.exp(MultinomialNaiveBayes(alpha=1.0).fit(X, y).predict_log_proba(x_new))[0, 1]
    ref = MultinomialNB(alpha=1.0).fit(X, y).predict_proba(x_new)[0, 1]
    assert np.isclose(ours, p_spam, atol=1e-12) and np.isclose(ref, p_spam, atol=1e-12)
    # Without smoothing "win" never occurs in ham (0 of 8 words), so the ham score is exactly 0
    # and the message is spam with probability 1, whatever the other words say.
    theta_ham = X[y == 0].sum(axis=0) / X[y == 0].sum()
    assert theta_ham[1] == 0.0 and 3 / 5 * np.prod(theta_ham ** x_new[0]) == 0.0
    print("MultinomialNB(alpha=1) agrees; with alpha=0 the ham posterior collapses to 0")
# --8<-- [end:check-spam]


# --8<-- [start:check-sklearn]
def check_against_sklearn(rng: np.random.Generator) -> None:
    n_samples, n_features, n_classes = 300, 50, 3
    rates = rng.gamma(shape=0.5, scale=1.0, size=(n_classes, n_features))
    y = rng.integers(n_classes, size=n_samples)
    X = rng.poisson(rates[y] * 2)  # word counts whose rates depend on the class
    X_test = rng.poisson(rates[rng.integers(n_classes, size=40)] * 2)

    for alpha in (1.0, 0.1):
        ours = MultinomialNaiveBayes(alpha).fit(X, y).predict_log_proba(X_test)
        ref = MultinomialNB(alpha=alpha).fit(X, y).predict_log_proba(X_test)
        assert np.allclose(ours, ref, atol=1e-9)
        ours = BernoulliNaiveBayes(alpha).fit(X, y).predict_log_proba(X_test)
        ref = BernoulliNB(alpha=alpha, binarize=0.0).fit(X, y).predict_log_proba(X_test)
        assert np.allclose(ours, ref, atol=1e-9)
    print("multinomial and Bernoulli NB log-probabilities match sklearn to 1e-9")

    # Long documents: the raw product of probabilities underflows, the log-space sum does not.
    long_doc = X_test[:1] * 200
    model = MultinomialNaiveBayes().fit(X, y)
    raw = np.prod(np.exp(model.log_theta_) ** long_doc, axis=1)
    assert np.all(raw == 0.0) and np.all(np.isfinite(model.predict_log_proba(long_doc)))
    print("product of probabilities underflows to 0 on a long document; log space is fine")

    # Overconfidence: copy every feature r times. Each smoothed probability is divided by r, so
    # the evidence for every class is multiplied by r (plus a class-independent constant): the
    # log-odds between classes grow exactly r-fold although no information was added.
    def evidence_log_odds(m: MultinomialNaiveBayes, Z: Array) -> Array:
        ev = Z @ m.log_theta_.T  # joint log-likelihood without the prior
        return ev[:, 1:] - ev[:, :1]

    r = 3
    y_short = rng.integers(n_classes, size=200)
    X_short = rng.poisson(rates[y_short] * 0.1)  # short messages: a few words each
    base = MultinomialNaiveBayes().fit(X, y)
    copied = MultinomialNaiveBayes().fit(np.tile(X, r), y)
    assert np.allclose(evidence_log_odds(copied, np.tile(X_short, r)),
                       r * evidence_log_odds(base, X_short))
    for name, m, Z in (("original", base, X_short), (f"copied {r}x", copied, np.tile(X_short, r))):
        proba = np.exp(m.predict_log_proba(Z))
        acc = np.mean(m.classes_[proba.argmax(axis=1)] == y_short)
        print(f"{name:10s}: mean top-class probability {proba.max(axis=1).mean():.3f}, "
              f"accuracy {acc:.3f}")
# --8<-- [end:check-sklearn]


def main() -> None:
    rng = np.random.default_rng(0)
    check_spam_example()
    check_against_sklearn(rng)
    print("all naive Bayes checks passed")


if __name__ == "__main__":
    main()
