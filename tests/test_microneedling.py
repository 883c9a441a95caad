"""The microneedling model: a needle never goes deeper than its length and goes deeper the longer
it is; the spread is the studies'; density is linear in passes; the share punctured is a share;
channels only close with time; occlusion is compared only within a study that measured both; and
the roller of 192 needles on a 2 cm by 2 cm drum gives the numbers the literature gives."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skinlab import anatomy
from skinlab import microneedling as mn

SITES = anatomy.sites()
lengths = st.floats(min_value=1.0, max_value=5000.0, allow_nan=False)


# -- depth ------------------------------------------------------------------------------------
@given(lengths, st.sampled_from(SITES))
def test_depth_never_exceeds_the_needle_and_is_ordered(length, site):
    r = mn.depth_reached(length, site)
    assert 0 < r.low_um <= r.typical_um <= r.high_um <= length


@given(lengths, lengths, st.sampled_from(SITES))
def test_depth_does_not_decrease_with_length(a, b, site):
    short, long_ = sorted((a, b))
    r1, r2 = mn.depth_reached(short, site), mn.depth_reached(long_, site)
    assert r1.low_um <= r2.low_um and r1.typical_um <= r2.typical_um
    assert r1.high_um <= r2.high_um


def test_the_spread_is_the_studies_and_typical_is_an_assumption():
    low, typical, high = mn.fraction_spread()
    fr = [s.fraction for s in mn.studies()]
    assert low == min(f.low for f in fr) and high == max(f.high for f in fr)
    assert low < typical < high
    assert mn.depth_reached(1000, "cheek").status == "assumption"
    # the roller in rats went in about a fifth of its length (Kalluri 2011: 152.5 of 770 um)
    rat = next(s for s in mn.studies() if s.key == "kalluri2011")
    assert rat.fraction.value == pytest.approx(152.5 / 770, abs=0.001)


def test_lengths_outside_the_studied_ones_are_extrapolated():
    shortest, longest = mn.studied_lengths_um()
    assert not mn.depth_reached((shortest + longest) / 2, "cheek").extrapolated
    assert mn.depth_reached(longest + 1, "cheek").extrapolated
    assert mn.depth_reached(shortest - 1, "cheek").extrapolated


def test_a_depth_past_the_modelled_tissue_names_what_lies_there():
    r = mn.depth_reached(3000, "eyelid")
    assert r.layer is None and "orbicularis oculi" in r.label
    assert mn.depth_reached(500, "cheek").layer is not None


def test_the_tip_layer_is_the_anatomy_models():
    r = mn.depth_reached(500, "cheek")
    assert r.layer.key == anatomy.layer_at_depth("cheek", r.typical_um).key


def test_palm_and_sole_carry_a_caveat():
    assert mn.depth_reached(500, "palm").caveat and mn.depth_reached(500, "heel").caveat
    assert not mn.depth_reached(500, "cheek").caveat


@pytest.mark.parametrize("bad", [-1, 0, float("nan"), "long", None, True])
def test_impossible_needle_lengths_are_refused(bad):
    with pytest.raises(ValueError):
        mn.depth_reached(bad, "cheek")


def test_an_unknown_site_or_device_is_refused():
    with pytest.raises(ValueError):
        mn.depth_reached(500, "elbow")
    with pytest.raises(ValueError, match="unknown device"):
        mn.channel_density("laser", 1)


# -- density and share punctured ---------------------------------------------------------------
def test_the_roller_of_192_needles_after_15_passes():
    n = mn.channel_density("roller", 15)
    assert 200 <= n.value <= 290  # Doddaballapur 2009 quotes about 250 holes per cm²
    p = mn.punctured_fraction("roller", 15)
    assert 0.005 <= p.low <= p.value <= p.high <= 0.013
    # 192 needles over a drum of 2 cm diameter and 2 cm width: per pass 192 / (pi * 2 * 2)
    assert mn.per_pass("roller").value == pytest.approx(192 / (math.pi * 4))


@given(st.sampled_from(mn.DEVICES), st.integers(min_value=1, max_value=200))
def test_density_is_linear_in_passes(device, passes):
    one = mn.channel_density(device, 1)
    many = mn.channel_density(device, passes)
    assert many.value == pytest.approx(one.value * passes)
    assert many.low == pytest.approx(one.low * passes)


@given(st.sampled_from(mn.DEVICES), st.integers(min_value=1, max_value=10_000))
def test_share_punctured_is_a_share(device, passes):
    p = mn.punctured_fraction(device, passes)
    assert 0 <= p.low <= p.value <= p.high <= 1


def test_share_follows_the_formula():
    expected = 1 - math.exp(-229.18 * math.pi * 0.00707 ** 2 / 4)
    assert mn.share(229.18, 70.7) == pytest.approx(expected)
    assert mn.share(0, 70.7) == 0


@pytest.mark.parametrize("bad", [0, 0.5, -3, "many", float("nan")])
def test_fewer_than_one_pass_is_refused(bad):
    with pytest.raises(ValueError):
        mn.channel_density("roller", bad)


def test_a_placeholder_device_says_so():
    assert mn.channel_density("stamp", 1).status == "placeholder"
    assert mn.channel_density("pen", 1).status == "assumption"
    assert mn.channel_density("roller", 1).status == "estimated"


# -- closure -----------------------------------------------------------------------------------
CURVES = mn.curves()


@pytest.mark.parametrize("c", CURVES, ids=[c.key for c in CURVES])
def test_open_share_starts_at_one_and_never_rises(c):
    times = [0, 0.5, 1, 2, 4, 8, 12, 24, 48, 72, 96]
    values = [mn.open_fraction(t, c.method, c.occluded, c.key) for t in times]
    assert values[0] == 1
    assert all(0 <= v <= 1 for v in values)
    assert all(b <= a for a, b in zip(values, values[1:]))


def test_a_half_life_halves_and_closed_by_reaches_zero():
    half = next(c for c in CURVES if c.form == "half_life")
    t = half.half_life.value
    assert mn.open_fraction(t, half.method, half.occluded, half.key) == pytest.approx(0.5)
    line = next(c for c in CURVES if c.form == "closed_by")
    assert mn.open_fraction(line.closed.value, line.method, line.occluded, line.key) == 0


def test_a_combination_no_study_measured_is_not_measured():
    with pytest.raises(ValueError, match="not measured"):
        mn.open_fraction(1, "impedance", occluded=True)
    with pytest.raises(ValueError, match="not measured"):
        mn.open_fraction(1, "dye", study="humans")
    with pytest.raises(ValueError):
        mn.open_fraction(-1, "tewl")
    with pytest.raises(ValueError, match="unknown method"):
        mn.open_fraction(1, "ultrasound")


def test_occlusion_is_compared_only_within_a_study_that_measured_both():
    """Covered and uncovered curves of one population must come from one study; and every
    population offered has a method and an occlusion that were measured."""
    by_population: dict[str, set] = {}
    for c in CURVES:
        by_population.setdefault(c.population, set()).add((c.occluded, c.source))
    for pop, seen in by_population.items():
        covered = {s for o, s in seen if o is True}
        open_ = {s for o, s in seen if o is False}
        if covered and open_:
            assert covered == open_, pop
    for pop in mn.populations():
        for method in mn.methods_for(pop):
            for occ in mn.occlusions_for(pop, method):
                assert 0 <= mn.open_fraction(1, method, occ, pop) <= 1


def test_the_method_changes_the_answer_in_one_study():
    """Kalluri 2011: water loss back in about 4-5 h, dye imaging open until 18 h (770 um)."""
    assert mn.open_fraction(6, "tewl", False, "rats_770") == 0
    assert mn.open_fraction(6, "dye", False, "rats_770") > 0.5
