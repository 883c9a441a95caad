"""The exfoliation model: classes are defined by the layer they reach, so their micrometres
follow the site; a deeper class never removes less; nothing reaches past its class's layer;
thin skin takes the same agent deeper; and microneedling is not in the list."""

from __future__ import annotations

import pytest

from skinlab import anatomy, exfoliation as ex

SITES = anatomy.sites()
COMBOS = [(m, s) for m in ex.methods() for s in ex.strengths(m)]


def test_classes_are_the_four_peel_depths_in_layer_order():
    assert [ex.class_layer(c) for c in ex.CLASSES] == list(anatomy.LAYERS[:4])
    for c in ex.CLASSES:
        assert ex.class_label(c) and ex.class_description(c)


@pytest.mark.parametrize("site", SITES)
def test_a_deeper_class_never_removes_less(site):
    bands = [ex.class_band_um(c, site) for c in ex.CLASSES]
    for (top1, bottom1), (top2, bottom2) in zip(bands, bands[1:]):
        assert top2 >= top1 and bottom2 > bottom1
    limits = [ex.class_limit_um(c, site) for c in ex.CLASSES]
    assert limits == sorted(limits) and len(set(limits)) == len(limits)


@pytest.mark.parametrize("site", SITES)
def test_a_deep_peel_stops_in_the_middle_of_the_reticular_dermis(site):
    top, bottom = ex.class_band_um("deep", site)
    assert ex.class_limit_um("deep", site) == pytest.approx((top + bottom) / 2)
    for c in ex.CLASSES[:-1]:  # the others may go through their layer
        assert ex.class_limit_um(c, site) == ex.class_band_um(c, site)[1]


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("method, strength", COMBOS)
def test_never_deeper_than_its_class_layer(site, method, strength):
    r = ex.removal(method, strength, site)
    top, bottom = ex.class_band_um(r.cls, site)
    assert r.layer.key == ex.class_layer(r.cls)
    assert r.bottom_um <= bottom and r.top_um == top
    assert r.bottom_um == pytest.approx(ex.class_limit_um(r.cls, site))
    assert [lay.key for lay in r.removed] == [
        lay.key for lay in anatomy.layers_at(site) if lay.bottom_um <= r.top_um]
    assert ex.CLASSES.index(r.cls) >= ex.CLASSES.index(r.nominal)


@pytest.mark.parametrize("method", ex.methods())
def test_a_stronger_strength_never_reaches_a_shallower_class(method):
    ranks = [ex.CLASSES.index(ex.nominal_class(method, s)) for s in ex.strengths(method)]
    assert ranks == sorted(ranks)
    assert ex.family(method) in ex.FAMILIES and ex.how(method) and ex.method_label(method)


def test_every_family_and_every_class_is_taught():
    assert {ex.family(m) for m in ex.methods()} == set(ex.FAMILIES)
    assert {ex.nominal_class(m, s) for m, s in COMBOS} == set(ex.CLASSES)
    assert not any("needl" in m for m in ex.methods())  # microneedling removes nothing


@pytest.mark.parametrize("cls", ex.CLASSES[1:])  # the back's stratum corneum is thinner
def test_a_class_ends_fewer_micrometres_down_on_the_eyelid_than_on_the_back(cls):
    assert ex.class_band_um(cls, "eyelid")[1] < ex.class_band_um(cls, "back")[1]


def test_the_same_agent_reaches_a_deeper_class_on_thin_skin():
    assert ex.thin_skin_sites() and ex.thin_skin_shift("eyelid") >= 1
    assert ex.thin_skin_shift("back") == 0
    deeper = [(m, s) for m, s in COMBOS
              if ex.removal(m, s, "eyelid").deeper_on_thin_skin]
    assert deeper
    m, s = deeper[0]
    assert ex.removal(m, s, "eyelid").cls != ex.removal(m, s, "cheek").cls
    assert all(ex.class_at(m, s, "eyelid") == "deep" for m, s in COMBOS
               if ex.nominal_class(m, s) == "deep")  # never past the deepest class


def test_acid_strengths_carry_a_cited_concentration():
    acids = [(m, s) for m, s in COMBOS if m.endswith("_acid")]
    assert acids
    for m, s in acids:
        conc = ex.concentration(m, s)
        assert conc is not None and conc.unit == "percent" and conc.sources
        assert "%" in ex.strength_label(m, s)


def test_concentrations_rise_with_strength():
    for m in ex.methods():
        concs = [ex.concentration(m, s) for s in ex.strengths(m)]
        known = [c.value for c in concs if c is not None]
        assert known == sorted(known), m


def test_measured_micrometres_only_where_a_source_measured_them():
    for m, s in COMBOS:
        v = ex.measured(m, s)
        if v is not None:
            assert v.unit == "um" and v.sources and v.status == "measured"


@pytest.mark.parametrize("call, words", [
    (lambda: ex.removal("sandpaper", "home", "cheek"), "unknown exfoliation method"),
    (lambda: ex.removal("glycolic_acid", "home", "chin"), "unknown body site"),
    (lambda: ex.removal("phenol", "home", "cheek"), "not described at the strength"),
    (lambda: ex.class_layer("ultra"), "unknown depth class"),
])
def test_bad_input_raises_a_clear_value_error(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_thin_skin_sites_are_course_sites():
    assert set(ex.thin_skin_sites()) <= set(SITES)
