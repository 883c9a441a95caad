"""The diffusion solver against closed forms: steady flux D·K·ΔC/h within 1%, the lag time
h²/(6D) within 2%, mass balance within 0.5%, resistances in series add, and the amount
delivered converges to the analytic solution as the grid is refined (the observed order is
printed); and the Potts-Guy equation's worked checks and refusals."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skinlab import diffusion as d
from skinlab import microneedling as mn

H = 15e-4          # a stratum corneum 15 µm thick, in cm
D = 1.9e-7         # cm²/h: a lag time of about 2 h
K = 0.9


def analytic_amount(t: np.ndarray, h: float, dc: float, k: float) -> np.ndarray:
    """Crank's series for the amount through one membrane from an infinite dose into a sink."""
    n = np.arange(1, 400)[:, None]
    series = ((-1.0) ** n / n ** 2 * np.exp(-dc * n ** 2 * math.pi ** 2 * t[None, :] / h ** 2)
              ).sum(axis=0)
    return dc * k / h * (t - h ** 2 / (6 * dc) - 2 * h ** 2 / (math.pi ** 2 * dc) * series)


def test_steady_flux_is_fick_within_1_percent():
    layer = d.Layer(H, D, K, cells=40)
    sol = d.solve([layer], hours=30, dt_h=0.02)
    assert sol.flux[-1] == pytest.approx(D * K / H, rel=0.01)
    assert d.steady_flux([layer]) == pytest.approx(D * K / H, rel=1e-12)


def test_lag_time_is_h2_over_6d_within_2_percent():
    layer = d.Layer(H, D, K, cells=40)
    sol = d.solve([layer], hours=30, dt_h=0.02)
    assert d.lag_time(sol) == pytest.approx(H ** 2 / (6 * D), rel=0.02)


@given(st.floats(min_value=0.05, max_value=20.0), st.floats(min_value=0.2, max_value=5.0))
@settings(max_examples=20, deadline=None)
def test_mass_balance_within_half_a_percent(k, d_scale):
    layers = [d.Layer(H, D * d_scale, k, cells=20), d.Layer(60e-4, 5e-5, 1.0, cells=10)]
    sol = d.solve(layers, hours=12, dt_h=0.02)
    assert sol.entered[-1] == pytest.approx(sol.stored[-1] + sol.amount[-1], rel=0.005)
    assert np.all(np.isfinite(sol.amount)) and np.all(np.diff(sol.amount) >= -1e-15)


def test_resistances_in_series_add():
    a = d.Layer(H, D, K, cells=30)
    b = d.Layer(80e-4, 4e-6, 1.0, cells=20)
    sol = d.solve([a, b], hours=60, dt_h=0.05)
    want = 1.0 / (H / (D * K) + 80e-4 / (4e-6 * 1.0))
    assert sol.flux[-1] == pytest.approx(want, rel=0.01)
    assert d.steady_flux([a, b]) == pytest.approx(want, rel=1e-12)
    # the slower layer limits: adding it can only lower the flux
    assert d.steady_flux([a, b]) < min(d.steady_flux([a]), d.steady_flux([b]))


def test_grid_refinement_converges_to_the_analytic_amount(capsys):
    t_check = np.array([H ** 2 / (6 * D)])  # at the lag time, where the transient matters
    exact = analytic_amount(t_check, H, D, K)[0]
    errors = []
    for cells in (10, 20, 40):
        sol = d.solve([d.Layer(H, D, K, cells=cells)], hours=float(t_check[0]), dt_h=0.002)
        errors.append(abs(sol.amount[-1] - exact) / exact)
    orders = [math.log2(errors[i] / errors[i + 1]) for i in range(2)]
    with capsys.disabled():
        print(f"\ngrid refinement: relative errors {[f'{e:.2e}' for e in errors]}, "
              f"observed orders {[f'{o:.2f}' for o in orders]}")
    assert errors[0] > errors[1] > errors[2]
    assert min(orders) > 1.5  # second order in space
    assert errors[-1] < 0.01


def test_solution_matches_the_analytic_curve_over_time():
    sol = d.solve([d.Layer(H, D, K, cells=40)], hours=10, dt_h=0.01)
    exact = analytic_amount(sol.times[1:], H, D, K)
    late = sol.times[1:] > 1.0
    assert np.allclose(sol.amount[1:][late], exact[late], rtol=0.01)


# -- Potts-Guy ------------------------------------------------------------------------------------
def test_potts_guy_worked_checks():
    """log Kow 2, MW 100: about 1.2e-2 cm/h; MW 500: about 4.5e-5 cm/h, about 275 times lower."""
    hi, lo = d.kp_potts_guy(2, 100), d.kp_potts_guy(2, 500)
    assert hi == pytest.approx(1.2e-2, rel=0.05)
    assert lo == pytest.approx(4.5e-5, rel=0.05)
    assert hi / lo == pytest.approx(275, rel=0.01)


@given(st.floats(min_value=-3, max_value=6), st.floats(min_value=18, max_value=750),
       st.floats(min_value=1, max_value=200))
def test_kp_falls_with_size_and_rises_with_lipophilicity(log_kow, mw, extra):
    assert d.kp_potts_guy(log_kow, mw + extra) < d.kp_potts_guy(log_kow, mw)
    assert d.kp_potts_guy(log_kow + extra / 100, mw) > d.kp_potts_guy(log_kow, mw)


@pytest.mark.parametrize("log_kow, mw, match", [
    (1.0, 0, "above 0"), (1.0, -5, "above 0"), (None, 100, "log Kow"),
    (float("nan"), 100, "finite"), ("two", 100, "log Kow"), (1.0, "heavy", "molecular weight"),
])
def test_impossible_input_is_refused(log_kow, mw, match):
    with pytest.raises(ValueError, match=match):
        d.kp_potts_guy(log_kow, mw)


def test_domain_of_the_equation():
    (m0, m1), (k0, k1) = d.potts_guy_domain()
    assert (m0, m1, k0, k1) == (18, 750, -3, 6)
    assert d.potts_guy_in_domain(-0.07, 194.19)
    assert not d.potts_guy_in_domain(None, 1_000_000)   # a polymer with no log Kow
    assert not d.potts_guy_in_domain(2.0, 800)
    assert not d.potts_guy_in_domain(7.0, 300)


@pytest.mark.parametrize("bad", [dict(h_cm=0, d_cm2_h=1e-7), dict(h_cm=1e-3, d_cm2_h=-1),
                                 dict(h_cm=1e-3, d_cm2_h=1e-7, k=0),
                                 dict(h_cm=1e-3, d_cm2_h=1e-7, cells=1)])
def test_bad_layers_are_refused(bad):
    with pytest.raises(ValueError):
        d.Layer(**bad)


# -- the model's paths and the delay --------------------------------------------------------------
def test_intact_path_alone_gives_kp_for_the_stratum_corneum():
    m = d.molecule("caffeine")
    sc = d.intact_layers(m)[0]
    assert d.steady_flux([sc]) == pytest.approx(m.kp, rel=1e-12)
    assert sc.k == pytest.approx(10 ** (0.71 * m.log_kow.value), rel=1e-12)


def test_a_channel_past_the_epidermis_changes_only_the_share():
    """The sink is at the dermal-epidermal junction: a deeper channel is the same path."""
    m = d.molecule("caffeine")
    h_sc, h_ve = d.skin_cm()
    epi_um = (h_sc + h_ve) * 1e4
    assert d.channel_layers(m, epi_um * 1.5) == d.channel_layers(m, epi_um * 4)
    deep = d.steady_flux(d.channel_layers(m, epi_um * 2))
    # past the stratum corneum, the tissue left below is as watery as the channel in the model
    past_sc = d.channel_layers(m, (h_sc * 1e4 + epi_um) / 2)
    assert len(past_sc) == 2 and d.steady_flux(past_sc) == pytest.approx(deep, rel=1e-9)
    # a channel that ends inside the stratum corneum leaves part of the barrier
    in_sc = d.channel_layers(m, h_sc * 1e4 / 2)
    assert len(in_sc) == 3 and d.steady_flux(in_sc) < deep / 10


def test_no_ratio_without_a_log_kow_or_outside_the_range():
    for key in ("hyaluronic_acid", "ascorbic_acid", "retinol"):
        r = d.delivered(key, "microneedled", 1000)
        assert r.ratio is None
    assert d.delivered("hyaluronic_acid").intact is None
    assert d.delivered("caffeine").ratio > 1


def test_channels_help_a_hydrophilic_molecule_more_than_a_lipophilic_one():
    caffeine = d.delivered("caffeine", "microneedled", 1000).ratio
    salicylic = d.delivered("salicylic_acid", "microneedled", 1000).ratio
    assert caffeine - 1 > 20 * (salicylic - 1) > 0


@given(st.floats(min_value=0, max_value=96), st.floats(min_value=0, max_value=96))
@settings(max_examples=25, deadline=None)
def test_a_later_product_gets_less_help(a, b):
    early, late = sorted((a, b))
    for closure in ("gupta2011", "sites2021_forearm"):
        assert (d.delivered("caffeine", "microneedled", 1000, delay_h=late,
                            closure=closure).treated
                <= d.delivered("caffeine", "microneedled", 1000, delay_h=early,
                               closure=closure).treated + 1e-15)


@pytest.mark.parametrize("dose", [None, 2.0])
def test_six_hours_after_an_uncovered_session_less_than_half_the_gain_is_left(dose):
    """The default closure is people's uncovered skin (Gupta 2011: back within 2 h)."""
    assert mn.product_curve().key == "gupta2011" and mn.product_curve().occluded is False
    now = d.delivered("caffeine", "microneedled", 1000, delay_h=0, applied_mg_cm2=dose)
    later = d.delivered("caffeine", "microneedled", 1000, delay_h=6, applied_mg_cm2=dose)
    assert now.treated - now.intact > 0
    assert later.treated - later.intact < 0.5 * (now.treated - now.intact)
    # a study whose covering is not stated (half-life 20 h) keeps far more: it is not the default
    slow = d.delivered("caffeine", "microneedled", 1000, delay_h=6, closure="sites2021_forearm")
    fast = d.delivered("caffeine", "microneedled", 1000, delay_h=0, closure="sites2021_forearm")
    assert slow.treated - slow.intact > 0.5 * (fast.treated - fast.intact)


def test_the_permeation_model_and_the_closure_explorer_read_one_curve():
    c = mn.product_curve("kalluri2011_dye_770")
    t = np.array([0.0, 3.0, 9.0, 17.0, 30.0])
    got = d.share_open("microneedled", t, "roller", 15, "value", c.key)
    share = mn.punctured_fraction("roller", 15).value
    want = [share * mn.open_fraction(x, c.method, c.occluded, c.key) for x in t]
    assert np.allclose(got, want)


@pytest.mark.parametrize("layers", ["intact", "channel", "stripped"])
def test_the_coupled_run_with_an_infinite_dose_matches_the_solver(layers):
    m = d.molecule("caffeine")
    stack = {"intact": d.intact_layers(m), "channel": d.channel_layers(m, 200.0),
             "stripped": d.stripped_layers(m)}[layers]
    ref = d.solve(stack, d.HOURS, d.DT_H)
    t, amount, left, each = d.run([(stack, 1.0, np.ones(d.run_times().size))], None)
    assert amount[-1] == pytest.approx(ref.amount[-1], rel=0.01)
    assert amount[-1] <= left[-1] * (1 + 1e-9)
    # a finite dose a thousand times what an infinite one delivers behaves like an infinite one
    big = d.run([(stack, 1.0, np.ones(d.run_times().size))], 1000 * ref.amount[-1])[1]
    assert big[-1] == pytest.approx(ref.amount[-1], rel=0.01)


@given(st.sampled_from(["caffeine", "salicylic_acid", "niacinamide", "carbamazepine",
                        "ascorbic_acid", "glycolic_acid"]),
       st.sampled_from(["intact", "microneedled", "stripped"]),
       st.floats(min_value=1.0, max_value=5.0), st.floats(min_value=0, max_value=30),
       st.sampled_from(sorted(mn.product_curves())))
@settings(max_examples=30, deadline=None)
def test_a_finite_dose_never_delivers_more_than_was_applied(key, treatment, mg, delay, curve):
    r = d.delivered(key, treatment, 1000, delay_h=delay, applied_mg_cm2=mg, closure=curve)
    assert r.applied == pytest.approx(mg / 1000.0)
    for x in (r.intact, r.treated, r.treated_low, r.treated_high, r.treated_path, r.path_low,
              r.path_high):
        if x is not None:
            assert -1e-12 <= x <= r.applied * (1 + 1e-9)
    if r.share_of_dose is not None:
        assert 0 <= r.share_of_dose <= 1 + 1e-9


def test_a_finite_dose_caps_the_ratio_an_infinite_dose_inflates():
    inf = d.delivered("caffeine", "microneedled", 1000)
    fin = d.delivered("caffeine", "microneedled", 1000, applied_mg_cm2=2)
    assert inf.applied is None and inf.share_of_dose is None
    assert fin.ratio < inf.ratio
    assert fin.ratio <= fin.applied / fin.intact + 1e-9  # no more than the whole dose


def test_ranges_contain_their_midpoints():
    for key, treatment in (("caffeine", "microneedled"), ("caffeine", "stripped"),
                           ("carbamazepine", "microneedled")):
        for dose in (None, 2.0):
            r = d.delivered(key, treatment, 1000, applied_mg_cm2=dose)
            assert r.treated_low <= r.treated * (1 + 1e-9)
            assert r.treated <= r.treated_high * (1 + 1e-9)
            lo, hi = r.ratio_range
            assert lo <= r.ratio * (1 + 1e-9) and r.ratio <= hi * (1 + 1e-9)
            assert r.ratio_range[0] >= 1 - 1e-3  # a treatment never lowers delivery
    r = d.delivered("caffeine", "microneedled", 1000)
    reach = mn.depth_reached(1000, d.SITE)
    assert (r.depth_low_um, r.depth_high_um) == (reach.channel_low_um, reach.channel_high_um)


def test_no_number_past_the_weights_the_relations_are_used_for():
    for key in ("hyaluronic_acid", "palmitoyl_pentapeptide"):
        r = d.delivered(key, "microneedled", 1000, applied_mg_cm2=2)
        assert r.treated is None and r.treated_path is None and r.ratio is None
    assert d.delivered("ascorbic_acid", "microneedled", 1000).treated_path > 0


def test_stripped_skin_recovers_on_the_peoples_time_not_the_guinea_pigs():
    people = d.barrier_recovery_hours()
    animal = d.barrier_recovery_animal_hours()
    assert people.low > animal.value  # people recover more slowly (days, not 12 h)
    t = np.array([0.0, 12.0, people.low, people.high])
    open_ = d.share_open("stripped", t, end="low")
    assert open_[0] == 1 and open_[1] > 0.8 and open_[2] == 0


def test_a_pen_or_stamp_share_is_not_invented():
    for device in ("pen", "stamp"):
        with pytest.raises(ValueError, match="not known"):
            d.share_open("microneedled", np.array([0.0]), device, 3)


@pytest.mark.parametrize("bad, match", [
    (dict(key="unobtainium"), "unknown molecule"), (dict(treatment="magic"), "unknown treatment"),
    (dict(delay_h=-1), "negative"), (dict(delay_h="soon"), "must be a number"),
    (dict(needle_um=0), "more than 0"),
])
def test_bad_delivery_input_is_refused(bad, match):
    args = dict(key="caffeine", treatment="microneedled", needle_um=1000.0) | bad
    with pytest.raises(ValueError, match=match):
        d.delivered(**args)
