"""Gradient-descent optimisers written from scratch in NumPy and checked against reference solvers.

Run from the repository root:

    .venv/bin/python docs_src/ml_breadth/optimizers.py

Every optimiser minimises the same least-squares loss and must land on the answer of
numpy.linalg.lstsq; GD and Adam also fit an L2-regularised logistic regression and must
agree with scipy.optimize.minimize. The first Adam step is checked against a hand calculation.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from scipy.optimize import check_grad, minimize

Array = np.ndarray
GradFn = Callable[[Array], Array]


# --8<-- [start:problem]
def make_regression(
    n_samples: int = 200, n_features: int = 5, seed: int = 0
) -> tuple[Array, Array]:
    """Linear data whose features have very different scales, so the loss is a narrow valley."""
    rng = np.random.default_rng(seed)
    scales = np.linspace(0.3, 3.0, n_features)  # unequal scales -> ill-conditioned Hessian
    X = rng.normal(size=(n_samples, n_features)) * scales
    w_true = rng.normal(size=n_features)
    y = X @ w_true + 0.1 * rng.normal(size=n_samples)
    return X, y


def mse_loss(w: Array, X: Array, y: Array) -> float:
    """Half the mean squared error; the 1/2 makes the gradient tidy."""
    residual = X @ w - y
    return 0.5 * float(np.mean(residual**2))


def mse_grad(w: Array, X: Array, y: Array) -> Array:
    """Gradient of mse_loss: X^T (X w - y) / n_samples."""
    return X.T @ (X @ w - y) / X.shape[0]
# --8<-- [end:problem]


# --8<-- [start:gd]
class GD:
    """Plain gradient descent: w <- w - lr * grad (batch or stochastic, depending on the grad)."""

    def __init__(self, lr: float) -> None:
        self.lr = lr

    def step(self, w: Array, grad: Array) -> Array:
        return w - self.lr * grad


def run(opt, grad_fn: GradFn, w0: Array, n_steps: int,
        schedule: Callable[[int], float] | None = None) -> Array:
    """Apply n_steps full-batch updates; an optional schedule sets opt.lr before each step."""
    w = w0.copy()
    for t in range(n_steps):
        if schedule is not None:
            opt.lr = schedule(t)
        w = opt.step(w, grad_fn(w))
    return w
# --8<-- [end:gd]


# --8<-- [start:momentum]
class Momentum:
    """Heavy-ball momentum in the PyTorch convention: v <- beta*v + grad; w <- w - lr*v.

    With nesterov=True the step uses grad + beta*v, which is Nesterov's look-ahead
    rewritten so that only the gradient at the current w is needed.
    """

    def __init__(self, lr: float, beta: float = 0.9, nesterov: bool = False) -> None:
        self.lr, self.beta, self.nesterov = lr, beta, nesterov
        self.v: Array | None = None  # velocity: a decaying sum of past gradients

    def step(self, w: Array, grad: Array) -> Array:
        if self.v is None:
            self.v = np.zeros_like(w)
        self.v = self.beta * self.v + grad
        direction = grad + self.beta * self.v if self.nesterov else self.v
        return w - self.lr * direction
# --8<-- [end:momentum]


# --8<-- [start:nesterov]
def nesterov_lookahead(grad_fn: GradFn, w0: Array, lr: float, beta: float,
                       n_steps: int) -> list[Array]:
    """Textbook Nesterov: take the gradient at the point momentum is about to carry you to.

    v <- beta*v + grad(w - lr*beta*v);  w <- w - lr*v.  Returns the look-ahead points
    w - lr*beta*v, which is exactly what Momentum(nesterov=True) stores as its weights.
    """
    w, v = w0.copy(), np.zeros_like(w0)
    lookaheads = []
    for _ in range(n_steps):
        lookahead = w - lr * beta * v
        v = beta * v + grad_fn(lookahead)
        w = w - lr * v
        lookaheads.append(w - lr * beta * v)
    return lookaheads
# --8<-- [end:nesterov]


# --8<-- [start:adagrad]
class AdaGrad:
    """Per-coordinate step lr / sqrt(sum of all past squared gradients)."""

    def __init__(self, lr: float = 0.01, eps: float = 1e-10) -> None:
        self.lr, self.eps = lr, eps
        self.sum_sq: Array | None = None  # only grows, so the step size only shrinks

    def step(self, w: Array, grad: Array) -> Array:
        if self.sum_sq is None:
            self.sum_sq = np.zeros_like(w)
        self.sum_sq += grad**2
        return w - self.lr * grad / (np.sqrt(self.sum_sq) + self.eps)
# --8<-- [end:adagrad]


# --8<-- [start:rmsprop]
class RMSprop:
    """AdaGrad with a leaky average of squared gradients, so old gradients are forgotten."""

    def __init__(self, lr: float = 1e-3, rho: float = 0.9, eps: float = 1e-8) -> None:
        self.lr, self.rho, self.eps = lr, rho, eps
        self.v: Array | None = None  # exponential moving average of grad**2

    def step(self, w: Array, grad: Array) -> Array:
        if self.v is None:
            self.v = np.zeros_like(w)
        self.v = self.rho * self.v + (1 - self.rho) * grad**2
        return w - self.lr * grad / (np.sqrt(self.v) + self.eps)
# --8<-- [end:rmsprop]


# --8<-- [start:adam]
class Adam:
    """Adam (Kingma & Ba, 2014). weight_decay here is classic L2: it is added to the gradient."""

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8, weight_decay: float = 0.0) -> None:
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.weight_decay = weight_decay
        self.m: Array | None = None  # first moment: EMA of grad
        self.v: Array | None = None  # second moment: EMA of grad**2
        self.t = 0                   # step counter, needed for bias correction

    def adam_direction(self, grad: Array) -> Array:
        """Update the moments and return the bias-corrected step direction."""
        if self.m is None:
            self.m, self.v = np.zeros_like(grad), np.zeros_like(grad)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * grad
        self.v = self.beta2 * self.v + (1 - self.beta2) * grad**2
        # m and v start at zero, so early averages are biased towards zero; undo that.
        m_hat = self.m / (1 - self.beta1**self.t)
        v_hat = self.v / (1 - self.beta2**self.t)
        return m_hat / (np.sqrt(v_hat) + self.eps)

    def step(self, w: Array, grad: Array) -> Array:
        grad = grad + self.weight_decay * w  # L2 penalty: gets rescaled by 1/sqrt(v_hat)
        return w - self.lr * self.adam_direction(grad)
# --8<-- [end:adam]


# --8<-- [start:adamw]
class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter), PyTorch convention.

    The decay shrinks w directly by lr * weight_decay * w; it never passes through m or v,
    so every weight is shrunk at the same relative rate whatever its gradient history.
    """

    def step(self, w: Array, grad: Array) -> Array:
        w = w * (1 - self.lr * self.weight_decay)   # decoupled decay
        return w - self.lr * self.adam_direction(grad)  # pure-loss Adam step
# --8<-- [end:adamw]


# --8<-- [start:minibatch]
def minibatch_sgd(X: Array, y: Array, opt, n_epochs: int, batch_size: int,
                  rng: np.random.Generator,
                  schedule: Callable[[int], float] | None = None) -> Array:
    """Mini-batch training: reshuffle every epoch, one optimiser step per batch."""
    n_samples, n_features = X.shape
    w = np.zeros(n_features)
    t = 0
    for _ in range(n_epochs):
        order = rng.permutation(n_samples)  # fresh order each epoch, no sample repeated in it
        for start in range(0, n_samples, batch_size):
            idx = order[start:start + batch_size]
            if schedule is not None:
                opt.lr = schedule(t)
            w = opt.step(w, mse_grad(w, X[idx], y[idx]))  # noisy but unbiased gradient
            t += 1
    return w
# --8<-- [end:minibatch]


# --8<-- [start:logistic]
def logistic_loss(w: Array, X: Array, y: Array, lam: float) -> float:
    """Mean binary cross-entropy with labels in {0, 1}, plus (lam/2)*||w||^2."""
    z = X @ w
    # log(1 + exp(z)) - y*z is the cross-entropy written stably with logaddexp.
    return float(np.mean(np.logaddexp(0.0, z) - y * z)) + 0.5 * lam * float(w @ w)


def logistic_grad(w: Array, X: Array, y: Array, lam: float) -> Array:
    """X^T (sigmoid(Xw) - y) / n_samples + lam * w."""
    p = 0.5 * (1.0 + np.tanh(0.5 * (X @ w)))  # sigmoid, written to avoid exp overflow
    return X.T @ (p - y) / X.shape[0] + lam * w
# --8<-- [end:logistic]


def steps_to_reach(opt, grad_fn: GradFn, w0: Array, w_star: Array,
                   tol: float, max_steps: int) -> int:
    """Number of full-batch steps until ||w - w_star|| < tol (max_steps if never)."""
    w = w0.copy()
    for t in range(1, max_steps + 1):
        w = opt.step(w, grad_fn(w))
        if np.linalg.norm(w - w_star) < tol:
            return t
    return max_steps


def cosine_lr(lr_max: float, n_steps: int) -> Callable[[int], float]:
    """Cosine decay from lr_max to 0 over n_steps (see schedules.py for the full family)."""
    return lambda t: 0.5 * lr_max * (1 + np.cos(np.pi * t / n_steps))


# --8<-- [start:setup]
X, y = make_regression()
n_samples, n_features = X.shape
w0 = np.zeros(n_features)
w_star = np.linalg.lstsq(X, y, rcond=None)[0]  # reference answer for every optimiser

# The Hessian of the loss is X^T X / n_samples; its extreme eigenvalues set the step size.
eigvals = np.linalg.eigvalsh(X.T @ X / n_samples)
L, mu = eigvals[-1], eigvals[0]  # smoothness and strong-convexity constants


def grad_fn(w: Array) -> Array:
    """Full-batch gradient of the least-squares loss."""
    return mse_grad(w, X, y)
# --8<-- [end:setup]


# --8<-- [start:check-gd]
def check_gd() -> None:
    """GD converges for lr = 1/L; on a quadratic the stability limit is exactly 2/L."""
    w_gd = run(GD(lr=1 / L), grad_fn, w0, n_steps=5000)
    assert np.allclose(w_gd, w_star, atol=1e-8), "GD should reach the lstsq solution"

    w_ok = run(GD(lr=1.9 / L), grad_fn, w0, n_steps=5000)
    w_bad = run(GD(lr=2.1 / L), grad_fn, w0, n_steps=500)  # error grows by 1.1x per step
    assert np.allclose(w_ok, w_star, atol=1e-8)
    assert np.linalg.norm(w_bad - w_star) > 1e6, "lr above 2/L should diverge"
# --8<-- [end:check-gd]


# --8<-- [start:check-momentum]
def check_momentum() -> None:
    """Momentum and Nesterov reach the same point in far fewer steps than GD."""
    tol, max_steps = 1e-6, 20000
    n_gd = steps_to_reach(GD(lr=1 / L), grad_fn, w0, w_star, tol, max_steps)
    n_mom = steps_to_reach(Momentum(lr=1 / L, beta=0.9), grad_fn, w0, w_star, tol, max_steps)
    n_nag = steps_to_reach(Momentum(lr=1 / L, beta=0.9, nesterov=True), grad_fn, w0, w_star,
                           tol, max_steps)
    print(f"steps to ||w - w*|| < {tol:g}: GD {n_gd}, momentum {n_mom}, Nesterov {n_nag}")
    assert n_mom < n_gd / 3 and n_nag < n_gd / 3

    # The library form of Nesterov stores exactly the textbook look-ahead points.
    opt = Momentum(lr=1 / L, beta=0.9, nesterov=True)
    w = w0.copy()
    for lookahead in nesterov_lookahead(grad_fn, w0, lr=1 / L, beta=0.9, n_steps=50):
        w = opt.step(w, grad_fn(w))
        assert np.allclose(w, lookahead, rtol=1e-10, atol=1e-12)
# --8<-- [end:check-momentum]


# --8<-- [start:check-adaptive]
def check_adaptive(n_steps: int = 5000) -> None:
    """AdaGrad, RMSprop and Adam reach lstsq once the lr decays (no final lr-sized jitter)."""
    for name, opt, lr_max in [("AdaGrad", AdaGrad(), 0.5),
                              ("RMSprop", RMSprop(), 0.01),
                              ("Adam", Adam(), 0.05)]:
        w_fit = run(opt, grad_fn, w0, n_steps, schedule=cosine_lr(lr_max, n_steps))
        err = np.linalg.norm(w_fit - w_star)
        print(f"{name:8s} ||w - w*|| = {err:.2e}")
        assert err < 1e-8, f"{name} did not reach the lstsq solution"

    # With a constant lr, RMSprop's step g/sqrt(s) stays about lr in size however small g is,
    # so it jitters around w*; AdaGrad's ever-growing sum is a built-in decay, so it does not.
    err_rms = np.linalg.norm(run(RMSprop(lr=0.01), grad_fn, w0, n_steps) - w_star)
    err_ada = np.linalg.norm(run(AdaGrad(lr=0.5), grad_fn, w0, n_steps) - w_star)
    err_adam = np.linalg.norm(run(Adam(lr=0.05), grad_fn, w0, 5 * n_steps) - w_star)
    print(f"constant lr: RMSprop {err_rms:.1e}, AdaGrad {err_ada:.1e}, Adam {err_adam:.1e}")
    assert err_rms > 1e-3 and err_ada < 1e-8 and err_adam > 1e-6
# --8<-- [end:check-adaptive]


# --8<-- [start:check-sgd]
def check_minibatch_sgd(n_epochs: int = 200, batch_size: int = 10, lr0: float = 0.02) -> None:
    """Constant-lr SGD stalls at a noise floor; decaying the lr shrinks the error a lot."""
    n_updates = n_epochs * n_samples // batch_size
    w_const = minibatch_sgd(X, y, Momentum(lr=lr0, beta=0.9), n_epochs, batch_size,
                            rng=np.random.default_rng(1))
    w_decay = minibatch_sgd(X, y, Momentum(lr=lr0, beta=0.9), n_epochs, batch_size,
                            rng=np.random.default_rng(1), schedule=cosine_lr(lr0, n_updates))
    err_const = np.linalg.norm(w_const - w_star)
    err_decay = np.linalg.norm(w_decay - w_star)
    print(f"mini-batch SGD: constant lr {err_const:.2e}, cosine-decayed lr {err_decay:.2e}")
    assert err_decay < 1e-3 and err_decay < err_const / 5
# --8<-- [end:check-sgd]


# --8<-- [start:check-adam-step]
def check_first_adam_step() -> None:
    """With bias correction, m_hat = grad and v_hat = grad**2 after one step,
    so the first step is lr * grad / (|grad| + eps): about lr in every coordinate."""
    lr, beta1, beta2, eps = 0.1, 0.9, 0.999, 1e-8
    w_init = np.array([1.0, -2.0])
    grad = np.array([4.0, -0.5])
    opt = Adam(lr=lr, beta1=beta1, beta2=beta2, eps=eps)
    w_new = opt.step(w_init, grad)
    assert np.allclose(opt.m, [0.4, -0.05], rtol=1e-12)      # (1 - 0.9) * grad
    assert np.allclose(opt.v, [0.016, 0.00025], rtol=1e-12)  # (1 - 0.999) * grad**2
    expected = np.array([1.0 - 0.1 * 4.0 / (4.0 + 1e-8), -2.0 + 0.1 * 0.5 / (0.5 + 1e-8)])
    assert np.allclose(w_new, expected, rtol=1e-12, atol=0)  # equal up to float rounding
    assert np.allclose(w_new, w_init - lr * np.sign(grad), atol=1e-8)
    # Without bias correction the step would be (1-beta1)/sqrt(1-beta2) ~ 3.16 times lr.
    uncorrected = opt.m / (np.sqrt(opt.v) + eps)
    assert np.allclose(np.abs(uncorrected), (1 - beta1) / np.sqrt(1 - beta2), rtol=1e-6)
# --8<-- [end:check-adam-step]


# --8<-- [start:check-adamw]
def check_adamw(lam: float = 0.1, n_steps: int = 5000) -> None:
    """Adam + L2 solves ridge; decoupled decay equals L2 for SGD but not for Adam."""
    # Closed-form minimiser of 0.5*mean((Xw - y)^2) + 0.5*lam*||w||^2.
    w_ridge = np.linalg.solve(X.T @ X / n_samples + lam * np.eye(n_features),
                              X.T @ y / n_samples)
    w_adam_l2 = run(Adam(weight_decay=lam), grad_fn, w0, n_steps,
                    schedule=cosine_lr(0.05, n_steps))
    assert np.allclose(w_adam_l2, w_ridge, atol=1e-8)

    rng = np.random.default_rng(0)
    w_a, g = rng.normal(size=n_features), rng.normal(size=n_features)
    sgd_l2 = w_a - 0.1 * (g + lam * w_a)
    sgd_decoupled = w_a * (1 - 0.1 * lam) - 0.1 * g
    assert np.allclose(sgd_l2, sgd_decoupled)  # identical for plain SGD

    # In Adam the L2 term is divided by sqrt(v_hat); the decoupled decay is not.
    step_l2 = Adam(lr=0.1, weight_decay=lam).step(w_a, g)
    step_w = AdamW(lr=0.1, weight_decay=lam).step(w_a, g)
    assert not np.allclose(step_l2, step_w)
# --8<-- [end:check-adamw]


# --8<-- [start:check-logistic]
def check_logistic(lam: float = 0.01, n_steps: int = 5000) -> None:
    """GD and Adam on L2-regularised logistic regression agree with SciPy's L-BFGS."""
    rng = np.random.default_rng(0)
    labels = (X @ rng.normal(size=n_features) + rng.normal(size=n_samples) > 0).astype(float)
    f = lambda w: logistic_loss(w, X, labels, lam)
    g_fn = lambda w: logistic_grad(w, X, labels, lam)
    assert check_grad(f, g_fn, rng.normal(size=n_features)) < 1e-5  # analytic grad is right
    ref = minimize(f, w0, jac=g_fn, method="L-BFGS-B", options={"gtol": 1e-12, "ftol": 1e-15})

    L_log = L / 4 + lam  # sigmoid' <= 1/4 bounds the Hessian, so lr = 1/L_log is safe
    w_log_gd = run(GD(lr=1 / L_log), g_fn, w0, n_steps=20000)
    w_log_adam = run(Adam(), g_fn, w0, n_steps, schedule=cosine_lr(0.05, n_steps))
    print(f"logistic: GD {np.abs(w_log_gd - ref.x).max():.1e}, "
          f"Adam {np.abs(w_log_adam - ref.x).max():.1e} (max abs diff from SciPy)")
    assert np.allclose(w_log_gd, ref.x, atol=1e-6)
    assert np.allclose(w_log_adam, ref.x, atol=1e-6)
# --8<-- [end:check-logistic]


def main() -> None:
    print(f"L = {L:.3f}, mu = {mu:.4f}, condition number = {L / mu:.1f}")
    check_gd()
    check_momentum()
    check_adaptive()
    check_minibatch_sgd()
    check_first_adam_step()
    check_adamw()
    check_logistic()
    print("all optimiser checks passed")


if __name__ == "__main__":
    main()
