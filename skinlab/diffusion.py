"""Diffusion through the skin: Fick's first law, the Potts-Guy estimate of kp, and a
time-dependent solver for layered membranes. Pure functions: centimetres, hours, cm/h.

Data: ``skinlab/data/diffusion.yaml``.

- :func:`kp_potts_guy`: log10 kp [cm/h] = a + b·log Kow - c·MW (Potts & Guy 1992), and
  :func:`potts_guy_in_domain`: whether a molecule lies inside the ranges the equation was fitted
  on. Outside them the course says "outside the equation's range" and prints no ratio.
- :class:`Layer` and :func:`solve`: diffusion through layers in series (each a thickness, a
  diffusion coefficient and a partition coefficient), an infinite dose above (the vehicle's
  concentration held at 1) and a sink below (concentration 0). The solver is a finite-volume
  Crank-Nicolson scheme in the vehicle-equivalent concentration u = C / K, which is continuous
  across layers; its matrices are built with numpy and the time steps apply one precomputed
  propagator (no Python loop over grid points). It returns the flux into the sink and the
  amount delivered, per unit area and per unit concentration in the vehicle.

Steady state: J = ΔC / Σ(h / (D·K)); one layer: J = D·K·ΔC / h = kp·ΔC, lag time h² / (6D).

>>> round(kp_potts_guy(2.0, 100.0), 4)
0.0123
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from numbers import Real

import numpy as np

from skinlab.data import Value, dataset

FILE = "diffusion.yaml"
UM_PER_CM = 1e4


def _value(*path: str) -> Value:
    return dataset().value(FILE, *path)


def _number(x: object, what: str) -> float:
    if isinstance(x, bool) or not isinstance(x, Real):
        raise ValueError(f"{what} must be a number, got {x!r}")
    v = float(x)
    if math.isnan(v) or math.isinf(v):
        raise ValueError(f"{what} must be a finite number, got {x!r}")
    return v


# -- Potts-Guy -------------------------------------------------------------------------------------
def potts_guy_coefficients() -> tuple[float, float, float]:
    """(intercept, slope on log Kow, slope on MW per Da): log kp = a + b·logKow - c·MW."""
    return (_value("potts_guy", "intercept").value, _value("potts_guy", "log_kow_slope").value,
            _value("potts_guy", "mw_slope").value)


def kp_potts_guy(log_kow: object, mw_da: object) -> float:
    """The permeability coefficient of the stratum corneum, kp, in cm/h (Potts & Guy 1992).

    ValueError for a molecular weight that is not a positive number, or a log Kow that is not a
    finite number (hyaluronic acid has none: ask :func:`potts_guy_in_domain` first).
    """
    lk = _number(log_kow, "log Kow")
    mw = _number(mw_da, "the molecular weight (Da)")
    if mw <= 0:
        raise ValueError(f"the molecular weight must be above 0 Da, got {mw:g}")
    a, b, c = potts_guy_coefficients()
    return 10.0 ** (a + b * lk - c * mw)


def potts_guy_domain() -> tuple[tuple[float, float], tuple[float, float]]:
    """((lowest, highest MW in Da), (lowest, highest log Kow)) of the equation's fitting set."""
    mw = _value("potts_guy", "mw_domain")
    lk = _value("potts_guy", "log_kow_domain")
    return (mw.low, mw.high), (lk.low, lk.high)


def potts_guy_in_domain(log_kow: object, mw_da: object) -> bool:
    """Whether a molecule lies inside the ranges the equation was fitted on (False for a
    molecule with no log Kow, such as a polymer)."""
    if log_kow is None:
        return False
    lk = _number(log_kow, "log Kow")
    mw = _number(mw_da, "the molecular weight (Da)")
    (m0, m1), (k0, k1) = potts_guy_domain()
    return m0 <= mw <= m1 and k0 <= lk <= k1


# -- layers and the solver -------------------------------------------------------------------------
@dataclass(frozen=True)
class Layer:
    """A slab: ``h_cm`` thick, diffusion coefficient ``d_cm2_h`` (cm²/h), partition coefficient
    ``k`` (layer : vehicle), split into ``cells`` finite volumes."""

    h_cm: float
    d_cm2_h: float
    k: float = 1.0
    cells: int = 40
    name: str = ""

    def __post_init__(self):
        for what, v in (("thickness", self.h_cm), ("diffusion coefficient", self.d_cm2_h),
                        ("partition coefficient", self.k)):
            if not (isinstance(v, (int, float)) and math.isfinite(v) and v > 0):
                raise ValueError(f"a layer's {what} must be a positive number, got {v!r}")
        if int(self.cells) != self.cells or self.cells < 2:
            raise ValueError(f"a layer needs at least 2 cells, got {self.cells!r}")

    @property
    def resistance(self) -> float:
        """h / (D·K), in h/cm: the layer's share of 1 / (steady flux per unit ΔC)."""
        return self.h_cm / (self.d_cm2_h * self.k)

    @property
    def lag_h(self) -> float:
        """The lag time of this layer alone, h² / (6D), in hours."""
        return self.h_cm ** 2 / (6.0 * self.d_cm2_h)


def steady_flux(layers: tuple[Layer, ...] | list[Layer]) -> float:
    """The steady flux per unit vehicle concentration (cm/h): 1 / Σ h/(D·K)."""
    return 1.0 / sum(x.resistance for x in layers)


@dataclass(frozen=True)
class Solution:
    """The solver's result at ``times`` (hours): ``flux`` into the sink (cm/h per unit
    concentration), ``amount`` delivered (cm, i.e. volume of vehicle per cm² of skin, per unit
    concentration), ``stored`` (in the layers) and ``entered`` (through the surface)."""

    times: np.ndarray
    flux: np.ndarray
    amount: np.ndarray
    stored: np.ndarray
    entered: np.ndarray


def _system(layers: tuple[Layer, ...]):
    """Cell capacities, the tridiagonal conductance matrix and the boundary conductances."""
    dx = np.concatenate([np.full(x.cells, x.h_cm / x.cells) for x in layers])
    dk = np.concatenate([np.full(x.cells, x.d_cm2_h * x.k) for x in layers])
    cap = np.concatenate([np.full(x.cells, x.k * x.h_cm / x.cells) for x in layers])
    half = dx / (2.0 * dk)  # resistance from a cell's centre to its face
    g = 1.0 / (half[:-1] + half[1:])  # between neighbouring cells
    g_top, g_bot = 1.0 / half[0], 1.0 / half[-1]
    n = dx.size
    a = np.zeros((n, n))
    idx = np.arange(n - 1)
    a[idx, idx + 1] = g
    a[idx + 1, idx] = g
    diag = np.zeros(n)
    diag[:-1] -= g
    diag[1:] -= g
    diag[0] -= g_top
    diag[-1] -= g_bot
    a[np.arange(n), np.arange(n)] = diag
    return cap, a, g_top, g_bot


@lru_cache(maxsize=64)
def _propagator(layers: tuple[Layer, ...], dt: float):
    cap, a, g_top, g_bot = _system(layers)
    n = cap.size
    lhs = np.diag(cap / dt) - a / 2.0
    rhs = np.diag(cap / dt) + a / 2.0
    b = np.zeros(n)
    b[0] = g_top  # the vehicle's concentration (1) held at the surface
    inv = np.linalg.inv(lhs)
    return inv @ rhs, inv @ b, cap, g_top, g_bot


def solve(layers: tuple[Layer, ...] | list[Layer], hours: float = 24.0,
          dt_h: float = 0.02) -> Solution:
    """Diffusion from an infinite dose (vehicle concentration 1) through ``layers`` into a sink,
    from an empty membrane at t = 0, every ``dt_h`` hours up to ``hours`` (Crank-Nicolson)."""
    layers = tuple(layers)
    if not layers:
        raise ValueError("give at least one layer")
    hours = _number(hours, "the duration (h)")
    dt = _number(dt_h, "the time step (h)")
    if hours <= 0 or dt <= 0:
        raise ValueError("the duration and the time step must be above 0 hours")
    steps = int(round(hours / dt))
    dt = hours / steps
    m, c, cap, g_top, g_bot = _propagator(layers, dt)
    u = np.zeros(cap.size)
    top = np.empty(steps + 1)  # u in the first and the last cell at every step
    bottom = np.empty(steps + 1)
    stored = np.empty(steps + 1)
    top[0] = bottom[0] = stored[0] = 0.0
    for k in range(1, steps + 1):  # a loop over time steps; each step is one matrix product
        u = m @ u + c
        top[k], bottom[k] = u[0], u[-1]
        stored[k] = cap @ u
    times = np.linspace(0.0, hours, steps + 1)
    flux_out = g_bot * bottom
    flux_in = g_top * (1.0 - top)
    flux_in[0] = g_top  # the surface meets an empty membrane at t = 0
    # Crank-Nicolson is exact for the trapezoid rule on the boundary fluxes
    amount = np.concatenate([[0.0], np.cumsum((flux_out[1:] + flux_out[:-1]) * dt / 2.0)])
    entered = np.concatenate([[0.0], np.cumsum((flux_in[1:] + flux_in[:-1]) * dt / 2.0)])
    return Solution(times, flux_out, amount, stored, entered)


def lag_time(sol: Solution) -> float:
    """The lag time read from a solution: where the straight line through the last part of the
    amount-against-time curve (steady state) crosses the time axis (hours)."""
    n = sol.times.size
    tail = slice(int(0.8 * n), n)
    slope, intercept = np.polyfit(sol.times[tail], sol.amount[tail], 1)
    return float(-intercept / slope)
