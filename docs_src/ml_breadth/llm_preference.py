"""Preference tuning in NumPy: a Bradley-Terry reward model and the DPO loss.

Run from anywhere:

    python docs_src/ml_breadth/llm_preference.py

Checks: a linear Bradley-Terry reward model fitted from scratch equals
sklearn.linear_model.LogisticRegression on feature differences; the stable DPO loss equals a
direct computation and log 2 at the reference policy; minimising the DPO loss recovers the
KL-regularised optimum pi_ref * exp(r / beta) / Z, which scipy.optimize.minimize also finds by
maximising E[r] - beta KL(pi || pi_ref) directly.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_expit, log_softmax
from sklearn.linear_model import LogisticRegression

Array = np.ndarray


# --8<-- [start:bradley-terry]
def bt_loss_and_grad(w: Array, phi_chosen: Array, phi_rejected: Array) -> tuple[float, Array]:
    """Bradley-Terry loss of a linear reward r(y) = w . phi(y) over preference pairs:
    mean of -log sigmoid(r(chosen) - r(rejected))."""
    diff = phi_chosen - phi_rejected
    margin = diff @ w
    loss = -np.mean(log_expit(margin))
    grad = -diff.T @ (1 - expit(margin)) / len(margin)
    return float(loss), grad


def check_bradley_terry() -> None:
    rng = np.random.default_rng(0)
    n_pairs, n_features = 2000, 4
    w_true = np.array([1.5, -1.0, 0.5, 0.0])
    phi_a, phi_b = rng.normal(size=(2, n_pairs, n_features))
    a_wins = rng.random(n_pairs) < expit((phi_a - phi_b) @ w_true)  # labellers follow BT
    phi_chosen = np.where(a_wins[:, None], phi_a, phi_b)
    phi_rejected = np.where(a_wins[:, None], phi_b, phi_a)
    res = minimize(bt_loss_and_grad, np.zeros(n_features), args=(phi_chosen, phi_rejected),
                   jac=True, method="BFGS", options={"gtol": 1e-10})
    # The same model is logistic regression on (phi_a - phi_b) with label "a won", no intercept.
    clf = LogisticRegression(C=1e10, fit_intercept=False, tol=1e-10, max_iter=1000)
    clf.fit(phi_a - phi_b, a_wins.astype(int))
    assert np.allclose(res.x, clf.coef_.ravel(), atol=1e-5)
    assert np.allclose(res.x, w_true, atol=0.2)  # and it recovers the labellers' reward
    print(f"Bradley-Terry fit {res.x.round(3)} = LogisticRegression on differences (1e-5); "
          f"true {w_true}")
# --8<-- [end:bradley-terry]


# --8<-- [start:dpo]
def dpo_loss(logp_chosen: Array, logp_rejected: Array, ref_chosen: Array, ref_rejected: Array,
             beta: float) -> Array:
    """-log sigmoid(beta * [(log pi(y_w) - log pi_ref(y_w)) - (log pi(y_l) - log pi_ref(y_l))]).

    Inputs are sequence log-probabilities (sums of token log-probs). Written with logaddexp,
    since -log sigmoid(z) = log(1 + exp(-z)) overflows in the direct form for very negative z.
    """
    z = beta * ((logp_chosen - ref_chosen) - (logp_rejected - ref_rejected))
    return np.logaddexp(0.0, -z)


def implicit_reward(logp: Array, ref_logp: Array, beta: float) -> Array:
    """DPO's implied reward, beta * log(pi / pi_ref), defined up to a per-prompt constant."""
    return beta * (logp - ref_logp)
# --8<-- [end:dpo]


# --8<-- [start:check-dpo]
def check_dpo_loss() -> None:
    rng = np.random.default_rng(0)
    lp_w, lp_l, ref_w, ref_l = rng.normal(-40, 5, size=(4, 1000))
    beta = 0.1
    z = beta * ((lp_w - ref_w) - (lp_l - ref_l))
    direct = -np.log(1 / (1 + np.exp(-z)))
    assert np.allclose(dpo_loss(lp_w, lp_l, ref_w, ref_l, beta), direct, rtol=1e-12)
    assert np.allclose(dpo_loss(lp_w, lp_l, ref_w, ref_l, beta), -log_expit(z), rtol=1e-12)
    assert np.allclose(dpo_loss(ref_w, ref_l, ref_w, ref_l, beta), np.log(2))  # pi = pi_ref
    margin = implicit_reward(lp_w, ref_w, beta) - implicit_reward(lp_l, ref_l, beta)
    assert np.allclose(dpo_loss(lp_w, lp_l, ref_w, ref_l, beta), -log_expit(margin))
    print("DPO loss = direct -log sigmoid and scipy log_expit; log 2 at pi = pi_ref; "
          "= Bradley-Terry loss on implicit rewards")


def check_dpo_optimum() -> None:
    """One prompt, five candidate answers: the whole policy is a softmax over them."""
    beta = 0.5
    reward = np.array([1.0, 0.2, -0.5, 0.8, -1.2])
    log_ref = np.log(np.array([0.10, 0.40, 0.30, 0.15, 0.05]))
    i, j = np.triu_indices(len(reward), k=1)
    p_i_wins = expit(reward[i] - reward[j])  # infinite BT-labelled data: soft labels

    def population_dpo(theta: Array) -> float:
        h = beta * (log_softmax(theta) - log_ref)  # implicit rewards
        return float(np.sum(-p_i_wins * log_expit(h[i] - h[j])
                            - (1 - p_i_wins) * log_expit(h[j] - h[i])))

    def neg_rlhf_objective(theta: Array) -> float:
        log_pi = log_softmax(theta)
        pi = np.exp(log_pi)
        return -float(pi @ reward - beta * pi @ (log_pi - log_ref))  # E[r] - beta KL

    pi_dpo = np.exp(log_softmax(minimize(population_dpo, np.zeros(5), method="BFGS",
                                         options={"gtol": 1e-10}).x))
    pi_rlhf = np.exp(log_softmax(minimize(neg_rlhf_objective, np.zeros(5), method="BFGS",
                                          options={"gtol": 1e-10}).x))
    closed_form = np.exp(log_ref + reward / beta)
    closed_form /= closed_form.sum()
    assert np.allclose(pi_dpo, closed_form, atol=1e-5) and np.allclose(pi_rlhf, closed_form, atol=1e-5)
    print(f"pi_ref          {np.exp(log_ref).round(3)}")
    print(f"DPO optimum     {pi_dpo.round(3)}")
    print(f"RLHF optimum    {pi_rlhf.round(3)} = pi_ref exp(r/beta)/Z (1e-5)")
# --8<-- [end:check-dpo]


if __name__ == "__main__":
    check_bradley_terry()
    check_dpo_loss()
    check_dpo_optimum()
    print("all preference-tuning checks passed")
