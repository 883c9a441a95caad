"""The cited data: it loads, every value is complete and cited, and bad entries fail clearly."""

from __future__ import annotations


import pytest

from conftest import edit_yaml

from skinlab import anatomy
from skinlab.data import DATA_DIR, DataError, Dataset, dataset

SITES = ("cheek", "forehead", "eyelid", "forearm", "back", "palm", "heel")
STORED = ("stratum_corneum", "viable_epidermis", "dermis", "papillary_dermis", "hypodermis")


def test_course_data_has_no_problems():
    data = Dataset(DATA_DIR)
    assert [str(p) for p in data.problems()] == []
    assert dataset().values  # and the cached loader agrees


def test_every_value_is_complete_and_cited():
    data = dataset()
    for where, v in data.values.items():
        assert v.unit, where
        assert v.low <= v.value <= v.high, where
        assert v.status in ("measured", "estimated", "assumption", "placeholder"), where
        assert v.checked in ("abstract", "full-text", "fact-sheet"), where
        if v.status != "measured":
            assert v.method.strip(), where
        for key in v.sources:
            ref = data.reference(key)
            assert any(ref.get(k) for k in ("doi", "pmid", "url")), key


def test_every_site_has_every_layer():
    assert set(SITES) <= set(anatomy.sites())
    for site in SITES:
        for layer in STORED:
            v = anatomy.thickness(site, layer)
            assert v.unit == "um" and v.value > 0, (site, layer)


def test_strata_counts_are_cell_layers_and_lucidum_only_in_thick_skin():
    tree = dataset().tree("strata.yaml")
    for group in ("thin_skin", "thick_skin"):
        layers = dataset().value("strata.yaml", group, "granular_layers")
        assert layers.unit == "cell layers" and layers.value >= 1, group
    thin = dataset().value("strata.yaml", "thin_skin", "granular_layers")
    thick = dataset().value("strata.yaml", "thick_skin", "granular_layers")
    assert thick.value >= thin.value  # thick skin has more granular layers
    assert "stratum_lucidum" not in tree["thin_skin"]
    assert "stratum_lucidum" in tree["thick_skin"]


def test_glossary_terms_are_defined_and_cited():
    terms = dataset().tree("glossary.yaml")["terms"]
    assert len(terms) >= 20
    for term, entry in terms.items():
        assert entry["definition"].strip(), term
        assert entry["source"], term


# -- planted problems: each fails with a message naming the file and the field -------------

@pytest.mark.parametrize("change, field, words", [
    (lambda t: t["sites"]["cheek"]["dermis"].pop("unit"), "sites.cheek.dermis.unit",
     "missing unit"),
    (lambda t: t["sites"]["palm"]["hypodermis"].update(value=-5.0, range=[-10.0, 1.0]),
     "sites.palm.hypodermis.value", "cannot be negative"),
    (lambda t: t["sites"]["back"]["stratum_corneum"].update(source="nobody1999"),
     "sites.back.stratum_corneum.source", "unknown source key 'nobody1999'"),
    (lambda t: t["sites"]["heel"]["dermis"].update(status="estimated", method=""),
     "sites.heel.dermis.method", "must say in 'method'"),
    (lambda t: t["sites"]["heel"]["dermis"].update(status="placeholder", method=""),
     "sites.heel.dermis.method", "must say in 'method'"),
    (lambda t: t["sites"]["heel"]["dermis"].update(status="guessed"),
     "sites.heel.dermis.status", "placeholder"),
    (lambda t: t["sites"]["eyelid"]["dermis"].update(range=[1.0, 2.0]),
     "sites.eyelid.dermis.range", "outside its range"),
])
def test_bad_entry_names_file_and_field(data_copy, change, field, words):
    edit_yaml(data_copy / "layers.yaml", change)
    with pytest.raises(DataError) as err:
        Dataset(data_copy).raise_for_problems()
    assert f"layers.yaml: {field}" in str(err.value)
    assert words in str(err.value)


def test_unused_reference_and_reference_without_identifier(data_copy):
    def add(t):
        t["orphan2020"] = {"authors": "Orphan A", "year": 2020, "title": "Never cited"}
    edit_yaml(data_copy / "references.yaml", add)
    kinds = {(p.kind, p.where) for p in Dataset(data_copy).problems()}
    assert ("unused-source", "references.yaml: orphan2020") in kinds
    assert ("bad-reference", "references.yaml: orphan2020") in kinds


def test_unreadable_file_is_reported(data_copy):
    (data_copy / "broken.yaml").write_text("a: [unclosed\n", encoding="utf-8")
    problems = Dataset(data_copy).problems()
    assert any(p.kind == "bad-file" and p.where == "broken.yaml" for p in problems)


def test_say_wraps_between_words_and_keeps_every_word(capsys):
    from skinlab import say

    text = ("On the upper back (view: top 1 mm), trichloroacetic acid (TCA), 35 to under 50% "
            "medium clinic peel, reaches 81 µm to 471 µm below the surface, no deeper than "
            "2.02 mm.")
    say(text, width=40)
    out = capsys.readouterr().out
    lines = out.rstrip("\n").split("\n")
    assert len(lines) > 1 and all(len(line) <= 40 for line in lines)
    assert " ".join(lines) == text  # nothing lost, no number split
    say("a\nb")
    assert capsys.readouterr().out == "a\nb\n"
