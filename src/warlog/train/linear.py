"""The one learning helper behind every trained model: L2-regularised linear softmax models fitted by L-BFGS (scipy).

- `fit_softmax`: multinomial logistic regression (one weight column per class, an unpenalised bias), used for the
  sub-event type model (`warlog train types`) and the GVC and FA-KES studies.
- `fit_conditional_logit`: a softmax over each group's candidates with one shared weight vector (a conditional logit),
  used for the toponym ranker (`warlog train geo`), where each toponym has its own set of candidate places.

Both minimise the mean (weighted) negative log-likelihood plus l2/2 * |w|^2. Inference lives with each model in the
product (`extract/type_model.py`, `gazetteer/ranker.py`); only training is here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

Matrix = np.ndarray | sparse.spmatrix


def fit_softmax(
    x: Matrix,
    y: Sequence[int] | np.ndarray,
    n_classes: int,
    *,
    l2: float,
    sample_weight: np.ndarray | None = None,
    max_iter: int = 200,
) -> tuple[np.ndarray, np.ndarray]:
    """(weights (n_features, n_classes), bias (n_classes,)) of a multinomial logistic regression: minimises
    mean_i w_i * -log p(y_i | x_i) + l2/2 * |W|^2 (bias unpenalised) by L-BFGS-B from zeros."""
    y = np.asarray(y, dtype=int)
    n, n_feat = x.shape
    sw = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    onehot = np.zeros((n, n_classes))
    onehot[np.arange(n), y] = 1.0

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: n_feat * n_classes].reshape(n_feat, n_classes)
        b = theta[n_feat * n_classes :]
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        value = -(sw * (onehot * logp).sum(axis=1)).sum() / n + 0.5 * l2 * (w * w).sum()
        d = (np.exp(logp) - onehot) * sw[:, None] / n
        gw = x.T @ d + l2 * w
        return value, np.concatenate([np.asarray(gw).ravel(), d.sum(axis=0)])

    theta0 = np.zeros(n_feat * n_classes + n_classes)
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    return res.x[: n_feat * n_classes].reshape(n_feat, n_classes), res.x[n_feat * n_classes :]


def fit_conditional_logit(
    x: np.ndarray,
    group: np.ndarray,
    label_rows: np.ndarray,
    *,
    offset: np.ndarray | None = None,
    l2: float,
    max_iter: int = 300,
) -> np.ndarray:
    """One weight vector w maximising the probability of each group's right row: rows of `x` are candidates, `group`
    gives each row's group (0..G-1), `label_rows` the index of each group's right row, `offset` a fixed score added to
    each row. Minimises mean_g -log softmax_g(x @ w + offset)[right] + l2/2 * |w|^2 by L-BFGS-B from zeros."""
    n_groups = len(label_rows)
    off = np.zeros(len(x)) if offset is None else np.asarray(offset, dtype=float)
    x_right = x[label_rows].sum(axis=0)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w + off
        mx = np.full(n_groups, -np.inf)
        np.maximum.at(mx, group, s)
        e = np.exp(s - mx[group])
        z = np.zeros(n_groups)
        np.add.at(z, group, e)
        p = e / z[group]
        log_lik = s[label_rows].sum() - (mx + np.log(z)).sum()
        value = -log_lik / n_groups + 0.5 * l2 * (w @ w)
        grad = -(x_right - p @ x) / n_groups + l2 * w
        return value, grad

    res = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    return res.x
