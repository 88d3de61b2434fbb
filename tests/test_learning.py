"""The one learning helper (train/linear.py) and the small shared kernels (geometry, countries, dateparsing)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from scipy import sparse

from warlog.countries import acled_country_name, country_iso2, event_iso2, iso2_from_alpha3, iso3_numeric
from warlog.dateparsing import parse_date
from warlog.geometry import bounding_box, haversine_km
from warlog.train.linear import fit_conditional_logit, fit_softmax


def test_fit_softmax_learns_a_separable_problem_and_its_optimum_has_zero_gradient() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    y = (x @ np.array([[2.0, 0.0, -2.0], [0.0, 2.0, 0.0], [-1.0, 0.0, 1.0]])).argmax(1)  # linearly separable
    w, b = fit_softmax(sparse.csr_matrix(x), y, 3, l2=0.01)
    pred = (x @ w + b).argmax(1)
    assert (pred == y).mean() > 0.9
    # at the optimum the weight gradient is ~0: X^T (p - onehot) / n + l2 w
    z = x @ w + b
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    grad = x.T @ (p - np.eye(3)[y]) / len(y) + 0.01 * w
    assert np.abs(grad).max() < 1e-3


def test_fit_conditional_logit_prefers_the_feature_of_the_right_candidates() -> None:
    # 30 groups of 3 candidates; the right one always has feature 0, a decoy has feature 1
    rows, group, labels = [], [], []
    for g in range(30):
        labels.append(len(rows) + g % 3)
        for c in range(3):
            rows.append([1.0 if c == g % 3 else 0.0, 1.0 if c == (g + 1) % 3 else 0.0])
            group.append(g)
    w = fit_conditional_logit(np.array(rows), np.array(group), np.array(labels), l2=0.01)
    assert w[0] > 1.0 > w[1]
    # a fixed offset that already favours the right rows leaves less to learn
    off = np.array([2.0 if i in labels else 0.0 for i in range(len(rows))])
    w_off = fit_conditional_logit(np.array(rows), np.array(group), np.array(labels), offset=off, l2=0.01)
    assert w_off[0] < w[0]


def test_geometry() -> None:
    assert haversine_km(36.2, 37.16, 36.2, 37.16) == 0.0
    assert haversine_km(33.51, 36.29, 36.2, 37.16) == pytest.approx(310, abs=10)  # Damascus - Aleppo
    lat_min, lat_max, lons = bounding_box(36.2, 37.16, 25)
    assert lat_min < 36.2 < lat_max and lons and lons[0][0] < 37.16 < lons[0][1]
    west, east = bounding_box(0.0, 179.9, 50)[2]  # split at the antimeridian
    assert west[1] == 180.0 and east[0] == -180.0 and -180.0 < east[1] < -179.0


def test_countries() -> None:
    assert country_iso2("Syria") == country_iso2("SYR") == country_iso2("sy") == "SY"
    assert acled_country_name("RU") == "Russia" and acled_country_name("Iran") == "Iran"
    assert event_iso2(None, "Gaza") == "PS" and event_iso2("sy", None) == "SY" and event_iso2(None, "Atlantis") is None
    assert iso2_from_alpha3("SYR") == "SY" and iso2_from_alpha3("Syria") is None
    assert iso3_numeric("SY") == ("SYR", 760) and iso3_numeric("XK") == ("XKX", 0)


def test_dateparsing_wrapper() -> None:
    assert parse_date("3 days ago", relative_to=date(2020, 5, 10), prefer_past=True) == date(2020, 5, 7)
    assert parse_date("March 2020", require_full=True) is None
    assert parse_date("12 March 2020", require_full=True) == date(2020, 3, 12)
    assert parse_date("\x00not a date at all") is None
