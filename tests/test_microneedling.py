"""The microneedling model: a needle never goes deeper than its length and goes deeper the longer
it is; the range is the in-skin studies' (Cordeiro 2020 kept apart); the roller's density is
linear in passes and its share punctured a share; the pen's and the stamp's are not known;
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


def test_the_range_is_the_in_skin_studies_and_its_midpoint_is_only_a_midpoint():
    low, mid, high = mn.fraction_spread()
    fr = [s.fraction for s in mn.studies()]
    assert low == min(f.low for f in fr) and high == max(f.high for f in fr)
    assert mid == pytest.approx((low + high) / 2)
    r = mn.depth_reached(1000, "cheek")
    assert r.status == "estimated"
    # the shallowest end: the channel a roller left in rats (Kalluri 2011: 152.5 +/- 9.6 of
    # 770 um, so 0.186 at the low end); the deepest: channels that "closely approximated" the
    # settings in one donor's excised facial skin (Sasaki 2019), read as the full length
    assert r.low_um == pytest.approx(186, abs=2)
    assert r.high_um == pytest.approx(1000)
    assert r.typical_um == pytest.approx((r.low_um + r.high_um) / 2)
    rat = next(s for s in mn.studies() if s.key == "kalluri2011")
    assert rat.fraction.value == pytest.approx(152.5 / 770, abs=0.001)
    assert rat.quantity == "channel" and "rat" in rat.species
    people = next(s for s in mn.studies() if s.key == "donnelly2011")
    assert people.quantity == "tip" and "human" in people.species
    assert people.fraction.value == pytest.approx(460 / 600, abs=0.001)


def test_cordeiro_2020_is_kept_apart_from_the_range():
    """Printed arrays in two skin models the abstract does not name never set an end."""
    assert [s.key for s in mn.apart()] == ["cordeiro2020"]
    assert "cordeiro2020" not in {s.key for s in mn.studies()}
    assert not any("cordeiro" in src for src in mn.depth_reached(1000, "cheek").sources)
    assert mn.fraction_spread() == mn.fraction_spread(
        [s for s in mn.all_studies() if s.key != "cordeiro2020"])
    assert all(s.in_skin for s in mn.studies())


def test_the_layers_spanned_on_the_cheek_are_named():
    r = mn.depth_reached(1000, "cheek")
    assert r.layers == ("papillary_dermis", "reticular_dermis")
    assert r.label == "papillary dermis to reticular dermis"
    assert r.in_dermis and r.reaches_dermis
    assert r.channel_low_um == pytest.approx(r.low_um) and r.channel_high_um <= 1000


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
    assert r.low_layer.key == anatomy.layer_at_depth("cheek", r.low_um).key
    assert r.high_layer.key == anatomy.layer_at_depth("cheek", r.high_um).key


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


@given(st.integers(min_value=1, max_value=200))
def test_density_is_linear_in_passes(passes):
    one = mn.channel_density("roller", 1)
    many = mn.channel_density("roller", passes)
    assert many.value == pytest.approx(one.value * passes)
    assert many.low == pytest.approx(one.low * passes)


@given(st.integers(min_value=1, max_value=10_000))
def test_share_punctured_is_a_share(passes):
    p = mn.punctured_fraction("roller", passes)
    assert 0 <= p.low <= p.value <= p.high <= 1


@pytest.mark.parametrize("device", ["pen", "stamp"])
@pytest.mark.parametrize("passes", [1, 3, 15])
def test_the_pens_and_the_stamps_share_is_not_known(device, passes):
    """No source gives how fast a pen moves or how wide a strip its cartridge covers, or any
    stamp's geometry: no density and no share are computed for them."""
    assert not mn.known(device)
    assert mn.channel_density(device, passes) is None
    assert mn.punctured_fraction(device, passes) is None


def test_what_is_known_of_a_pen_is_its_strikes_per_second():
    s = mn.strikes_per_second("pen")
    assert (s.low, s.high) == (600, 900) and s.unit == "per second"  # 6 needles x 100-150 Hz
    assert mn.strikes_per_second("roller") is None and mn.strikes_per_second("stamp") is None
    assert mn.known("roller")


def test_share_follows_the_formula():
    expected = 1 - math.exp(-229.18 * math.pi * 0.00707 ** 2 / 4)
    assert mn.share(229.18, 70.7) == pytest.approx(expected)
    assert mn.share(0, 70.7) == 0


@pytest.mark.parametrize("bad", [0, 0.5, -3, "many", float("nan")])
def test_fewer_than_one_pass_is_refused(bad):
    with pytest.raises(ValueError):
        mn.channel_density("roller", bad)


def test_the_model_still_marks_what_the_unknown_geometry_rests_on():
    assert mn.per_pass("stamp").status == "placeholder"
    assert mn.per_pass("pen").status == "assumption"
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


@pytest.mark.parametrize("c", CURVES, ids=[c.key for c in CURVES])
@pytest.mark.parametrize("hours", [0, 0.5, 1, 2, 6, 12, 24, 48, 96])
def test_open_at_ends_are_ordered(c, hours):
    """The fast end of a curve's range closes first: low <= value <= high at every hour."""
    lo, mid, hi = (c.open_at(hours, e) for e in ("low", "value", "high"))
    assert 0 <= lo <= mid <= hi <= 1
    assert mid == pytest.approx(mn.open_fraction(hours, c.method, c.occluded, c.key))


def test_open_at_refuses_an_unknown_end_and_says_its_shape():
    c = mn.product_curve()
    with pytest.raises(ValueError, match="end must be"):
        c.open_at(1, "middle")
    assert "(assumed: the study did not report the curve's shape)" in c.shape  # no shape given
    half = next(x for x in CURVES if x.form == "half_life")
    assert "half-life" in half.shape


def test_the_default_curve_for_a_later_product_is_people_uncovered_gupta_2011():
    c = mn.product_curve()
    assert c.key == "gupta2011" and c.species == "human" and c.occluded is False
    assert c.closed.high == 2  # every uncovered site recovered within 2 h
    assert c.open_at(2) == 0 and c.open_at(6) == 0
    assert list(mn.product_curves())[0] == "gupta2011"
    assert mn.product_curve("kalluri2011_dye_770").species == "hairless rat"
    with pytest.raises(ValueError, match="unknown closure curve"):
        mn.product_curve("nope")
