"""Learning-rate schedules and gradient clipping, written from scratch in NumPy.

Run from the repository root:

    .venv/bin/python docs_src/ml_breadth/schedules.py

Each schedule maps a step counter t (starting at 0) to a learning rate. The asserts check the
values at the points where each schedule is defined to hit a known value, and that clipping
behaves as described on the page.
"""

from __future__ import annotations

import math

import numpy as np

Array = np.ndarray


# --8<-- [start:schedules]
def step_decay(t: int, lr0: float, drop: float = 0.1, every: int = 30) -> float:
    """Multiply the rate by `drop` once every `every` steps (or epochs)."""
    return lr0 * drop ** (t // every)


def exponential_decay(t: int, lr0: float, gamma: float = 0.99) -> float:
    """Multiply the rate by gamma at every step: lr0 * gamma**t."""
    return lr0 * gamma**t


def warmup_cosine(t: int, lr_max: float, total_steps: int, warmup_steps: int,
                  lr_min: float = 0.0) -> float:
    """Linear warm-up to lr_max, then cosine decay to lr_min at t = total_steps."""
    if t < warmup_steps:
        # Small steps first, while Adam's moment estimates and the early weights are unreliable.
        return lr_max * (t + 1) / warmup_steps
    progress = (t - warmup_steps) / (total_steps - warmup_steps)
    return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * progress))


def one_cycle(t: int, max_lr: float, total_steps: int, pct_start: float = 0.3,
              div_factor: float = 25.0, final_div_factor: float = 1e4) -> float:
    """One-cycle policy with cosine phases (same shape and defaults as PyTorch's OneCycleLR).

    Rises from max_lr/div_factor to max_lr over the first pct_start of training, then falls
    to max_lr/(div_factor*final_div_factor), far below where it started.
    """
    initial_lr = max_lr / div_factor
    min_lr = initial_lr / final_div_factor
    up_steps = pct_start * total_steps - 1
    if t <= up_steps:
        start, end, pct = initial_lr, max_lr, t / up_steps
    else:
        start, end, pct = max_lr, min_lr, (t - up_steps) / (total_steps - 1 - up_steps)
    return end + 0.5 * (start - end) * (1 + math.cos(math.pi * pct))
# --8<-- [end:schedules]


# --8<-- [start:clipping]
def clip_by_global_norm(grads: list[Array], max_norm: float) -> tuple[list[Array], float]:
    """Rescale all gradients together so their joint L2 norm is at most max_norm.

    Keeps the direction of the full update; only its length changes.
    """
    total_norm = math.sqrt(sum(float(np.sum(g**2)) for g in grads))
    scale = min(1.0, max_norm / (total_norm + 1e-12))
    return [g * scale for g in grads], total_norm


def clip_by_value(grad: Array, clip_value: float) -> Array:
    """Clamp each component to [-clip_value, clip_value]; this can change the direction."""
    return np.clip(grad, -clip_value, clip_value)
# --8<-- [end:clipping]


# --8<-- [start:check-schedules]
def check_schedules() -> None:
    """Each schedule hits the values its formula promises at the key steps."""
    assert step_decay(0, 0.1) == 0.1 and step_decay(29, 0.1) == 0.1
    assert math.isclose(step_decay(30, 0.1), 0.01) and math.isclose(step_decay(65, 0.1), 0.001)
    assert math.isclose(exponential_decay(100, 0.1, gamma=0.99), 0.1 * 0.99**100)

    total, warm = 1000, 100
    lrs = np.array([warmup_cosine(t, 1e-3, total, warm) for t in range(total + 1)])
    assert np.all(np.diff(lrs[:warm]) > 0), "warm-up must increase"
    assert math.isclose(lrs[warm - 1], 1e-3) and math.isclose(lrs[warm], 1e-3)
    assert np.all(np.diff(lrs[warm:]) <= 0), "cosine phase must not increase"
    assert math.isclose(lrs[warm + (total - warm) // 2], 0.5e-3)  # half-way: half the peak
    assert abs(lrs[-1]) < 1e-15

    oc = np.array([one_cycle(t, 0.1, total) for t in range(total)])
    assert math.isclose(oc[0], 0.1 / 25)                     # starts at max_lr / div_factor
    assert int(np.argmax(oc)) == round(0.3 * total - 1) and math.isclose(oc.max(), 0.1)
    assert math.isclose(oc[-1], 0.1 / 25 / 1e4)              # ends far below the start
# --8<-- [end:check-schedules]


# --8<-- [start:check-clipping]
def check_clipping() -> None:
    """Norm clipping keeps the direction, value clipping does not; clipping tames a steep loss."""
    rng = np.random.default_rng(0)
    grads = [rng.normal(size=(3, 4)), rng.normal(size=5)]
    clipped, norm_before = clip_by_global_norm(grads, max_norm=1.0)
    flat_before = np.concatenate([g.ravel() for g in grads])
    flat_after = np.concatenate([g.ravel() for g in clipped])
    assert norm_before > 1.0 and math.isclose(np.linalg.norm(flat_after), 1.0)
    cosine = flat_before @ flat_after / (np.linalg.norm(flat_before) * np.linalg.norm(flat_after))
    assert math.isclose(cosine, 1.0), "norm clipping keeps the direction"
    small = [0.01 * g for g in grads]  # already below the threshold: left untouched
    assert all(np.array_equal(a, b) for a, b in zip(clip_by_global_norm(small, 1.0)[0], small))

    g = np.array([10.0, 0.1])
    g_val = clip_by_value(g, 1.0)  # [1, 0.1]: the small component now matters 10x more
    assert not math.isclose(g @ g_val / (np.linalg.norm(g) * np.linalg.norm(g_val)), 1.0)

    # On f(w) = sum(w**4)/4 the gradient w**3 is huge far from the minimum at 0.
    lr, w_plain, w_clip = 0.1, np.array([10.0]), np.array([10.0])
    for _ in range(3):
        w_plain = w_plain - lr * w_plain**3  # 10 -> -90 -> 72810: explodes
    for _ in range(2000):
        step, _ = clip_by_global_norm([w_clip**3], max_norm=1.0)
        w_clip = w_clip - lr * step[0]       # moves at most lr per step, so it cannot blow up
    assert abs(w_plain[0]) > 1e4 and abs(w_clip[0]) < 0.2
# --8<-- [end:check-clipping]


def main() -> None:
    check_schedules()
    check_clipping()
    print("all schedule and clipping checks passed")


if __name__ == "__main__":
    main()
