"""The exfoliation model: classes are defined by the layer they reach, so their micrometres
follow the site; a deeper class never removes less; nothing reaches past its class's layer; a
method's class is the same at every site (no invented thin-skin rule); results outside facial
skin carry a caveat; and microneedling is not in the list."""

from __future__ import annotations

import pytest

from conftest import edit_yaml

from skinlab import anatomy, exfoliation as ex
from skinlab.data import dataset

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


@pytest.mark.parametrize("method", ex.methods())
def test_a_stronger_strength_never_reaches_a_shallower_class(method):
    ranks = [ex.CLASSES.index(ex.peel_class(method, s)) for s in ex.strengths(method)]
    assert ranks == sorted(ranks)
    assert ex.family(method) in ex.FAMILIES and ex.how(method) and ex.method_label(method)


def test_every_family_and_every_class_is_taught():
    assert {ex.family(m) for m in ex.methods()} == set(ex.FAMILIES)
    assert {ex.peel_class(m, s) for m, s in COMBOS} == set(ex.CLASSES)
    assert not any("needl" in m for m in ex.methods())  # microneedling removes nothing


@pytest.mark.parametrize("cls", ex.CLASSES[1:])  # the back's stratum corneum is thinner
def test_a_class_ends_fewer_micrometres_down_on_the_eyelid_than_on_the_back(cls):
    assert ex.class_band_um(cls, "eyelid")[1] < ex.class_band_um(cls, "back")[1]


@pytest.mark.parametrize("method, strength", COMBOS)
def test_the_class_is_the_same_at_every_site(method, strength):
    """No source gives a rule that thin skin takes an agent a class deeper: the model has none."""
    classes = {ex.removal(method, strength, site).cls for site in SITES}
    assert classes == {ex.peel_class(method, strength)}
    assert not hasattr(ex, "thin_skin_shift")
    assert "thin_skin" not in dataset().tree("exfoliants.yaml")


def test_no_home_product_reaches_the_living_epidermis_anywhere():
    home = [(m, s) for m, s in COMBOS if s == "home"]
    assert len(home) >= 5
    for m, s in home:
        for site in SITES:
            assert ex.removal(m, s, site).layer.key == "stratum_corneum", (m, site)


def test_thin_skin_puts_the_same_class_nearer_the_surface():
    """The eyelid's thinner layers: the same class ends fewer micrometres down than on the cheek."""
    for c in ex.CLASSES[1:]:
        assert ex.class_limit_um(c, "eyelid") < ex.class_limit_um(c, "cheek")


@pytest.mark.parametrize("site", SITES)
def test_results_outside_facial_skin_carry_the_caveat(site):
    r = ex.removal("glycolic_acid", "home", site)
    assert set(ex.defined_on()) == {"cheek", "forehead", "eyelid"}
    if site in ex.defined_on():
        assert r.caveat == ""
    else:
        assert "defined on facial skin" in r.caveat
        assert ("extrapolation" in r.caveat) == anatomy.is_thick_skin(site)


def test_the_standard_classification_has_agents_in_each_class():
    """Very superficial, superficial, medium and deep, each with clinic agents and strengths."""
    clinic = {c: [(m, s) for m, s in COMBOS if s != "home" and ex.peel_class(m, s) == c]
              for c in ex.CLASSES}
    for c, combos in clinic.items():
        assert combos, c
    assert ("jessner", "very_superficial") in clinic["very_superficial"]
    assert ("jessner", "superficial") in clinic["superficial"]
    assert ("jessner_tca", "medium") in clinic["medium"]
    assert ex.coats("jessner", "very_superficial").high < ex.coats("jessner", "superficial").low
    assert "coats" in ex.strength_label("jessner", "superficial")
    assert ex.concentration("trichloroacetic_acid", "deep").value >= 50


def test_acid_strengths_carry_a_cited_concentration():
    acids = [(m, s) for m, s in COMBOS if m.endswith("_acid")]
    assert acids
    for m, s in acids:
        conc = ex.concentration(m, s)
        if conc is None:  # only where the sources give none, and the data says so
            tree = dataset().tree("exfoliants.yaml")["methods"][m]["strengths"][s]
            assert "no concentration" in tree["note"], (m, s)
            assert "%" not in ex.strength_label(m, s)
            continue
        assert conc.unit == "percent" and conc.sources
        assert "%" in ex.strength_label(m, s)


def test_concentrations_rise_with_strength():
    for m in ex.methods():
        concs = [ex.concentration(m, s) for s in ex.strengths(m)]
        known = [c.value for c in concs if c is not None]
        assert known == sorted(known), m


def test_no_micrometres_of_injury_are_claimed_today():
    """The course's sources gave no micrometres of peel injury (see measured_depth's note), so
    no method and strength has one and no sentence claims one."""
    from skinlab.explore import ExfoliationExplorer
    assert all(ex.measured(m, s) is None for m, s in COMBOS)
    exp = ExfoliationExplorer()
    for m, s in COMBOS:
        assert "histology study measured" not in exp.describe(method=m, strength=s)


def test_a_measured_depth_in_the_data_reaches_the_model_and_the_sentence(data_copy, monkeypatch):
    """Add one measured injury depth to a copy of the data: the model returns it in micrometres
    with its source and status, and the explorer's sentence quotes it with its range."""
    from skinlab.data import Dataset
    from skinlab.explore import ExfoliationExplorer
    edit_yaml(data_copy / "exfoliants.yaml", lambda t: t.update(measured_depth={"tca_35": {
        "method": "trichloroacetic_acid", "strength": "medium", "value": 0.3, "unit": "mm",
        "range": [0.2, 0.45], "source": "stegman1982_peel_histology", "status": "measured",
        "checked": "abstract"}}))
    data = Dataset(data_copy)
    assert data.problems() == []
    monkeypatch.setattr(ex, "dataset", lambda: data)
    v = ex.measured("trichloroacetic_acid", "medium")
    assert (v.value, v.low, v.high, v.unit) == (300, 200, 450, "um")
    assert v.status == "measured" and v.sources
    assert ex.measured("trichloroacetic_acid", "superficial") is None
    text = ExfoliationExplorer().describe(method="trichloroacetic_acid", strength="medium")
    assert "a histology study measured injury about 300 µm deep (200 µm to 450 µm)" in text


@pytest.mark.parametrize("call, words", [
    (lambda: ex.removal("sandpaper", "home", "cheek"), "unknown exfoliation method"),
    (lambda: ex.removal("glycolic_acid", "home", "chin"), "unknown body site"),
    (lambda: ex.removal("phenol", "home", "cheek"), "not described at the strength"),
    (lambda: ex.removal("phenol", "deep", "nose-tip"), "unknown body site"),
    (lambda: ex.class_layer("ultra"), "unknown depth class"),
])
def test_bad_input_raises_a_clear_value_error(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_classes_are_defined_on_course_sites():
    assert set(ex.defined_on()) <= set(SITES)
