"""The anatomy model: layers stack without gaps, boundaries go to the deeper layer, bad input
fails with a clear message, and the model says what the sources say."""

from __future__ import annotations

import math

import pytest

from skinlab import anatomy, tables

SITES = anatomy.sites()


@pytest.mark.parametrize("site", SITES)
def test_layers_stack_from_the_surface_without_gaps(site):
    layers = anatomy.layers_at(site)
    assert [lay.key for lay in layers] == list(anatomy.LAYERS)
    assert layers[0].top_um == 0
    for upper, lower in zip(layers, layers[1:]):
        assert upper.bottom_um == pytest.approx(lower.top_um)
    for lay in layers:
        assert lay.thickness_um > 0
        assert lay.thickness_low_um <= lay.thickness_um <= lay.thickness_high_um
        assert lay.sources


@pytest.mark.parametrize("site", SITES)
def test_every_boundary_belongs_to_the_deeper_layer(site):
    layers = anatomy.layers_at(site)
    for upper, lower in zip(layers, layers[1:]):
        assert anatomy.layer_at_depth(site, lower.top_um).key == lower.key
        assert anatomy.layer_at_depth(site, math.nextafter(lower.top_um, 0)).key == upper.key
        mid = (lower.top_um + lower.bottom_um) / 2
        assert anatomy.layer_at_depth(site, mid).key == lower.key
    assert anatomy.layer_at_depth(site, 0).key == "stratum_corneum"


@pytest.mark.parametrize("site", SITES)
def test_strata_fill_the_epidermis(site):
    strata = anatomy.strata_at(site)
    sc, ve = anatomy.layers_at(site)[:2]
    assert strata[0].key == "stratum_corneum"
    assert strata[-1].key == "stratum_basale"
    assert strata[-1].bottom_um == pytest.approx(ve.bottom_um)
    has_lucidum = any(s.key == "stratum_lucidum" for s in strata)
    assert has_lucidum == anatomy.is_thick_skin(site) == (site in ("palm", "heel"))
    for lower in strata[1:]:
        assert anatomy.stratum_at_depth(site, lower.top_um).key == lower.key


@pytest.mark.parametrize("site, depth, words", [
    ("chin-ish", 10, "unknown body site 'chin-ish'"),
    (None, 10, "unknown body site None"),
    ("cheek", -1, "zero or more"),
    ("cheek", float("nan"), "NaN"),
    ("cheek", "ten", "must be a number"),
    ("cheek", True, "must be a number"),
    ("cheek", 1e9, "below the skin modelled at the cheek"),
    ("cheek", 1e9, "deeper lies fascia and muscle"),
    ("eyelid", 1e9, "deeper lies the orbicularis oculi muscle"),
])
def test_bad_input_raises_a_clear_value_error(site, depth, words):
    with pytest.raises(ValueError) as err:
        anatomy.layer_at_depth(site, depth)
    assert words in str(err.value)


def test_site_names_are_forgiving_about_case_and_spaces():
    assert anatomy.layer_at_depth("  Cheek ", 0).site == "cheek"


def test_palm_stratum_corneum_is_thicker_than_the_cheek_epidermis():
    palm_sc = anatomy.layers_at("palm")[0].thickness_um
    cheek_epidermis = anatomy.layers_at("cheek")[1].bottom_um
    assert palm_sc > cheek_epidermis


def test_thick_skin_has_the_thickest_stratum_corneum():
    sc = {s: anatomy.layers_at(s)[0].thickness_um for s in SITES}
    thin = [v for s, v in sc.items() if s not in ("palm", "heel")]
    assert min(sc["palm"], sc["heel"]) > 3 * max(thin)


def test_eyelid_has_the_thinnest_dermis_and_back_the_thickest():
    dermis = {s: anatomy.thickness(s, "dermis").value for s in SITES}
    assert min(dermis, key=dermis.get) == "eyelid"
    assert max(dermis, key=dermis.get) == "back"


def test_contents_of_every_layer_and_stratum():
    for key in anatomy.LAYERS + anatomy.STRATA:
        info = anatomy.contents(key)
        assert info["summary"] and info["contents"], key
    with pytest.raises(ValueError, match="unknown layer"):
        anatomy.contents("epidermis-ish")
    assert "fat" in anatomy.contents("hypodermis", "cheek")["contents"][0]
    eyelid = anatomy.contents("hypodermis", "eyelid")
    assert eyelid["label"] == anatomy.layers_at("eyelid")[-1].label
    assert "no fat" in eyelid["contents"][0]


@pytest.mark.parametrize("site", SITES)
def test_the_bottom_of_the_hypodermis_is_the_end_of_the_model(site):
    bottom = anatomy.layers_at(site)[-1].bottom_um
    assert anatomy.layer_at_depth(site, math.nextafter(bottom, 0)).key == "hypodermis"
    with pytest.raises(ValueError, match=f"below the skin modelled at the {site}"):
        anatomy.layer_at_depth(site, bottom)


@pytest.mark.parametrize("call, words", [
    (lambda: tables.depth_table(-5), "zero or more micrometres"),
    (lambda: tables.depth_table("300"), "not '300'"),
    (lambda: tables.depth_table(math.inf), "not inf"),
    (lambda: tables.thickness_table("bad_key"),
     "no layer 'bad_key': one of stratum_corneum"),
])
def test_the_tables_refuse_bad_input_with_a_clear_value_error(call, words):
    with pytest.raises(ValueError, match=words):
        call()
