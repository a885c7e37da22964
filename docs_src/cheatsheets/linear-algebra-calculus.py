"""Checks for the linear algebra and calculus cheat sheet: identities, least squares, SVD/PCA."""
import numpy as np


# --8<-- [start:gradcheck]
def num_grad(f, x: np.ndarray, h=1e-6) -> np.ndarray:
    """Central-difference gradient, error O(h^2)."""
    E = h * np.eye(x.size)
    return np.array([(f(x + e) - f(x - e)) / (2 * h)
                     for e in E])


rng = np.random.default_rng(0)
A = rng.normal(size=(4, 4))  # not symmetric
x = rng.normal(size=4)
g = num_grad(lambda v: v @ A @ v, x)
assert np.allclose(g, (A + A.T) @ x, atol=1e-6)

X, y = rng.normal(size=(50, 4)), rng.normal(size=50)
w = rng.normal(size=4)
loss = lambda v: np.sum((X @ v - y) ** 2)
g_true = 2 * X.T @ (X @ w - y)
assert np.allclose(num_grad(loss, w), g_true, rtol=1e-6)
# --8<-- [end:gradcheck]

a = rng.normal(size=4)
assert np.allclose(num_grad(lambda v: a @ v, x), a, atol=1e-8)
assert np.allclose(num_grad(lambda v: np.linalg.norm(v), x), x / np.linalg.norm(x), atol=1e-8)

# --8<-- [start:lstsq]
w_ne = np.linalg.solve(X.T @ X, X.T @ y)  # normal eqs
w_ls, *_ = np.linalg.lstsq(X, y, rcond=None)  # SVD
w_pi = np.linalg.pinv(X) @ y
assert np.allclose(w_ne, w_ls)
assert np.allclose(w_pi, w_ls)
r = y - X @ w_ls  # residual is orthogonal to col(X)
assert np.allclose(X.T @ r, 0, atol=1e-10)
s = np.linalg.svd(X, compute_uv=False)
kappa = s[0] / s[-1]  # condition number of X
assert np.isclose(np.linalg.cond(X.T @ X), kappa**2)
# --8<-- [end:lstsq]

# Transpose, inverse, trace and determinant rules.
B = rng.normal(size=(4, 4))
assert np.allclose((A @ B).T, B.T @ A.T)
assert np.allclose(np.linalg.inv(A @ B), np.linalg.inv(B) @ np.linalg.inv(A))
assert np.isclose(np.trace(A @ B), np.trace(B @ A))
assert np.isclose(np.linalg.det(A @ B), np.linalg.det(A) * np.linalg.det(B))
lam = np.linalg.eigvals(A)
assert np.isclose(np.prod(lam).real, np.linalg.det(A)) and np.isclose(lam.sum().real, np.trace(A))
assert np.isclose(np.linalg.det(3 * A), 3**4 * np.linalg.det(A))

# Symmetric matrices: real eigenvalues, orthonormal eigenvectors; X^T X is PSD.
S = X.T @ X
evals, Q = np.linalg.eigh(S)
assert np.allclose(Q @ np.diag(evals) @ Q.T, S) and np.allclose(Q.T @ Q, np.eye(4))
assert evals.min() > 0 and np.allclose(np.sort(evals)[::-1], s**2)  # eig(X^T X) = sigma^2
np.linalg.cholesky(S)  # exists because S is positive definite

# Rayleigh quotient (Lagrange multipliers): max of v^T S v on the unit sphere is lambda_max.
V = rng.normal(size=(10_000, 4))
V /= np.linalg.norm(V, axis=1, keepdims=True)
assert np.einsum("ij,jk,ik->i", V, S, V).max() <= evals[-1] + 1e-9
assert np.isclose(Q[:, -1] @ S @ Q[:, -1], evals[-1])

# Norms: Frobenius = sqrt(trace(A^T A)) = sqrt(sum sigma^2); spectral = sigma_max.
sa = np.linalg.svd(A, compute_uv=False)
assert np.isclose(np.linalg.norm(A, "fro"), np.sqrt(np.trace(A.T @ A)))
assert np.isclose(np.linalg.norm(A, "fro"), np.sqrt(np.sum(sa**2)))
assert np.isclose(np.linalg.norm(A, 2), sa[0])

# Eckart-Young: truncated SVD error in Frobenius norm is sqrt of the dropped sigma^2.
U, sig, Vt = np.linalg.svd(X, full_matrices=False)
X2 = U[:, :2] * sig[:2] @ Vt[:2]
assert np.isclose(np.linalg.norm(X - X2, "fro"), np.sqrt(np.sum(sig[2:] ** 2)))
assert np.linalg.matrix_rank(X2) == 2

# PCA via SVD of the centred data matches the eigen-decomposition of the covariance matrix.
Z = rng.normal(size=(200, 3)) @ rng.normal(size=(3, 3)) + 5.0
Zc = Z - Z.mean(axis=0)
U, sig, Vt = np.linalg.svd(Zc, full_matrices=False)
C = np.cov(Z, rowvar=False)
c_vals, c_vecs = np.linalg.eigh(C)  # ascending order
assert np.allclose(c_vals[::-1], sig**2 / (len(Z) - 1))
assert np.allclose(np.abs(c_vecs[:, ::-1].T), np.abs(Vt))  # equal up to sign
assert np.allclose(Zc @ Vt.T, U * sig)  # scores
assert np.allclose(C, Vt.T @ np.diag(sig**2 / (len(Z) - 1)) @ Vt)

# Projection matrix onto col(X): symmetric and idempotent.
P = X @ np.linalg.solve(X.T @ X, X.T)
assert np.allclose(P, P.T) and np.allclose(P @ P, P) and np.allclose(P @ y, X @ w_ls)

# Ridge normal equations match the gradient being zero.
lam_r = 0.7
w_r = np.linalg.solve(X.T @ X + lam_r * np.eye(4), X.T @ y)
assert np.allclose(num_grad(lambda v: loss(v) + lam_r * v @ v, w_r), 0, atol=1e-5)


# Softmax cross-entropy: gradient p - y, Jacobian diag(p) - p p^T.
# --8<-- [start:softmax]
def softmax(z: np.ndarray) -> np.ndarray:
    """Numerically stable softmax of a vector."""
    e = np.exp(z - z.max())  # avoids overflow
    return e / e.sum()


z, k = rng.normal(size=5), 2  # logits, true class
p = softmax(z)
ce = lambda v: -np.log(softmax(v)[k])
assert np.allclose(num_grad(ce, z), p - np.eye(5)[k],
                   atol=1e-7)
# --8<-- [end:softmax]
J = np.array([num_grad(lambda v, i=i: softmax(v)[i], z) for i in range(5)])
assert np.allclose(J, np.diag(p) - np.outer(p, p), atol=1e-7)
assert np.allclose(softmax(z + 100.0), p)  # shift invariance
assert np.all(np.isfinite(softmax(np.array([1000.0, 0.0]))))

# Batch version: logits Z = X W, mean loss, gradient X^T (P - Y) / n.
n, d, K = 30, 4, 3
Xb, Wb = rng.normal(size=(n, d)), rng.normal(size=(d, K))
yb = rng.integers(0, K, size=n)
Yb = np.eye(K)[yb]


def mean_ce(Wflat: np.ndarray) -> float:
    """Mean softmax cross-entropy of the batch."""
    L = Xb @ Wflat.reshape(d, K)
    L = L - L.max(axis=1, keepdims=True)
    logp = L - np.log(np.exp(L).sum(axis=1, keepdims=True))
    return -logp[np.arange(n), yb].mean()


Pb = np.exp(Xb @ Wb) / np.exp(Xb @ Wb).sum(axis=1, keepdims=True)
assert np.allclose(num_grad(mean_ce, Wb.ravel()).reshape(d, K), Xb.T @ (Pb - Yb) / n, atol=1e-7)

# Sigmoid derivative.
sig_f = lambda t: 1 / (1 + np.exp(-t))
t = rng.normal(size=6)
assert np.allclose(num_grad(lambda v: sig_f(v).sum(), t), sig_f(t) * (1 - sig_f(t)), atol=1e-8)

# Backprop through z = W x: dL/dx = W^T dL/dz, dL/dW = dL/dz x^T (L = c^T tanh(W x)).
Wm, xv, c = rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=3)
Lf = lambda W_, x_: c @ np.tanh(W_ @ x_)
dz = c * (1 - np.tanh(Wm @ xv) ** 2)
assert np.allclose(num_grad(lambda v: Lf(Wm, v), xv), Wm.T @ dz, atol=1e-7)
assert np.allclose(num_grad(lambda v: Lf(v.reshape(3, 4), xv), Wm.ravel()).reshape(3, 4),
                   np.outer(dz, xv), atol=1e-7)

# Hessian of the squared loss is 2 X^T X (finite differences of the analytic gradient).
grad = lambda v: 2 * X.T @ (X @ v - y)
H = np.array([num_grad(lambda v, i=i: grad(v)[i], w) for i in range(4)])
assert np.allclose(H, 2 * X.T @ X, rtol=1e-5)

# Second-order Taylor expansion is exact for a quadratic.
dlt = 0.1 * rng.normal(size=4)
assert np.isclose(loss(w + dlt), loss(w) + grad(w) @ dlt + 0.5 * dlt @ H @ dlt)

# Cosine similarity and the unit-vector distance identity.
u, v = rng.normal(size=8), rng.normal(size=8)
cos = u @ v / (np.linalg.norm(u) * np.linalg.norm(v))
un, vn = u / np.linalg.norm(u), v / np.linalg.norm(v)
assert np.isclose(np.sum((un - vn) ** 2), 2 - 2 * cos)

# Broadcasting trap: (n,) + (n, 1) silently becomes (n, n).
assert (np.zeros(3) + np.zeros((3, 1))).shape == (3, 3)
print("linear-algebra-calculus: all checks passed")
