"""The facts pass: each error an expert review found is fixed, and a test fails if it comes back.

The upper eyelid has no fat under its dermis; no rule moves a peel to a deeper class on thin skin;
the stratum basale is at least one basal cell high; renewal totals include the cell-kinetic
estimates; a heel value is called a heel's; microneedling "punctures, not removes"; no reference
points to a copy of someone else's text; and every sentence built on a placeholder says so.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from pathlib import Path

import pytest

from skinlab import diffusion, microneedling
from skinlab import anatomy, exfoliation, figures, renewal, tables
from skinlab.data import dataset
from skinlab.explore import EXPLORERS
from skinlab.explore import evidence as explore_evidence

ROOT = Path(__file__).resolve().parent.parent
SITES = anatomy.sites()


# -- the eyelid -------------------------------------------------------------------------------
def test_the_eyelids_layer_under_the_dermis_is_not_fat():
    under = anatomy.layers_at("eyelid")[-1]
    assert under.key == "hypodermis" and under.tissue == "areolar"
    assert "no fat" in under.label
    assert under.is_placeholder  # its thickness was never measured
    assert "orbicularis oculi" in anatomy.beneath("eyelid")
    assert "mid-tarsal" in anatomy.site_label("eyelid") + anatomy.position("eyelid")
    info = anatomy.contents("hypodermis", "eyelid")
    assert not any("adipocyte" in item for item in info["contents"])
    assert "East Asian" in info["summary"]
    # every other site has fat there
    assert all(anatomy.layers_at(s)[-1].tissue == "fat" for s in SITES if s != "eyelid")


def test_no_eyelid_value_cites_the_pooled_thin_skin_range():
    """Lee & Hwang 2002's 469-645 um pools four thin-skin sites: not an eyelid range."""
    for layer in ("stratum_corneum", "viable_epidermis", "dermis", "papillary_dermis",
                  "hypodermis"):
        assert "lee2002" not in anatomy.thickness("eyelid", layer).sources, layer


# -- no invented thin-skin rule ---------------------------------------------------------------
def test_no_site_shifts_a_peel_class():
    for m in exfoliation.methods():
        for s in exfoliation.strengths(m):
            assert {exfoliation.removal(m, s, site).cls for site in SITES} == {
                exfoliation.peel_class(m, s)}, (m, s)
    text = (ROOT / "skinlab" / "data" / "exfoliants.yaml").read_text(encoding="utf-8")
    assert "shift:" not in text


def test_no_sentence_says_a_home_exfoliant_reaches_the_living_epidermis():
    exp = EXPLORERS["exfoliation"]()
    for m in exfoliation.methods():
        if "home" not in exfoliation.strengths(m):
            continue
        for site in SITES:
            text = exp.describe(site=site, method=m, strength="home")
            assert "viable epidermis" not in text and "living" not in text, text


# -- strata -----------------------------------------------------------------------------------
@pytest.mark.parametrize("site", SITES)
def test_the_basale_is_at_least_one_basal_cell_high(site):
    cell = anatomy.basal_cell_height()
    basale = anatomy.strata_at(site)[-1]
    assert basale.key == "stratum_basale"
    assert basale.thickness_um >= cell.low and basale.thickness_um == pytest.approx(cell.value)
    assert basale.thickness_um > 3.6  # the old cell-count share gave the cheek 3.6 um


def test_the_lucidum_is_labelled_not_measured():
    lucidum = next(s for s in anatomy.strata_at("palm") if s.key == "stratum_lucidum")
    assert lucidum.status != "measured"
    fig, alt, _ = figures.build("epidermis_strata")
    assert "stratum lucidum drawn enlarged" in alt and "no study the course found measured" in alt
    exp = EXPLORERS["renewal"]()
    day = next(d for d in range(0, 30) if
               renewal.cohort_at("palm", d + 0.5).stratum is not None and
               renewal.cohort_at("palm", d + 0.5).stratum.key == "stratum_lucidum")
    assert "not measured, drawn enlarged" in exp.describe(site="palm", day=day + 0.5)


# -- renewal ----------------------------------------------------------------------------------
def test_the_renewal_range_includes_the_cell_kinetic_estimates():
    low, high = renewal.total_range()
    assert low <= 28 <= high and high >= 56


def test_the_renewal_explorer_says_palm_and_heel_timings_were_not_measured():
    exp = EXPLORERS["renewal"]()
    for site in SITES:
        text = exp.describe(site=site, day=10.0)
        assert ("No study the course found timed renewal" in text) == \
            anatomy.is_thick_skin(site), site


# -- collagen, enzymes, microneedling wording -------------------------------------------------
def test_collagen_type_iii_is_relatively_concentrated_not_most_of_the_skins():
    contents = " ".join(anatomy.contents("papillary_dermis")["contents"])
    assert "most of the skin's type III" not in contents and "relatively more type III" in contents
    assert "main collagen of both dermal layers" in " ".join(
        anatomy.contents("reticular_dermis")["contents"])


def test_enzymes_are_taught_with_thin_evidence():
    how = exfoliation.how("enzymes")
    assert "thought to" in how and "evidence is thin" in how
    assert "cut the keratin" not in how


def _course_text() -> str:
    parts = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        parts += ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    for folder in ("quizzes",):
        parts += [p.read_text(encoding="utf-8")
                  for p in sorted((ROOT / "skinlab" / folder).glob("*.yaml"))]
    parts.append((ROOT / "skinlab" / "data" / "glossary.yaml").read_text(encoding="utf-8"))
    parts.append((ROOT / "README.md").read_text(encoding="utf-8"))
    return "\n".join(parts)


def test_microneedling_is_punctured_not_removed_never_left_intact():
    text = _course_text()
    for phrase in ("stayed intact", "stay intact", "left intact", "remained intact"):
        assert phrase not in text, phrase
    assert "punctured, not removed" in text


def test_a_heel_value_is_called_the_heels():
    sc = anatomy.thickness("heel", "stratum_corneum")
    assert "heel" in sc.method and anatomy.site_label("heel") == "heel"
    assert "sole" not in SITES


# -- honesty about the numbers ----------------------------------------------------------------
COPY_SITES = ("docslib", "scribd", "studyres", "plasticsurgerykey", "skin-disease-care",
              "pharmacologicalsciences", "doczz", "123doc", "vdoc.pub", "pdffox", "unboundmedicine",
              "diazilla", "fashiondocbox", "zanotowane", "jci.org/references")


def test_no_reference_points_to_a_third_party_copy():
    for key, ref in dataset().references.items():
        url = str(ref.get("url", ""))
        assert not any(site in url for site in COPY_SITES), (key, url)


def test_the_readme_and_notebook_00_say_what_is_true_about_the_numbers():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    start = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for text in (readme, start):
        assert "comes from a cited study" not in text
        assert "placeholder" in text and ("assumption" in text or "assumed" in text)


# -- every sentence built on a placeholder says so ---------------------------------------------
def _states(name: str) -> list[dict]:
    if name == "layers":
        return [dict(site=s, view_um=v, layer=lay, probe_um=p) for s, v, lay, p in
                itertools.product(SITES, (1000.0, 5000.0), anatomy.LAYERS,
                                  (0.0, 60.0, 150.0, 400.0, 800.0, 990.0, 1500.0, 3000.0, 4500.0))
                if p <= v]
    if name == "renewal":
        return [dict(site=s, age=a, day=float(d)) for s, a, d in
                itertools.product(SITES, renewal.AGES, range(0, 61, 2))]
    if name == "exfoliation":
        return [dict(site=s, method=m, strength=st, view_um=v) for s in SITES
                for m in exfoliation.methods() for st in exfoliation.strengths(m)
                for v in (200.0, 1000.0, 5000.0)]
    if name == "needle":
        return [dict(site=s, device=d, needle_mm=n, view_um=v) for s in SITES
                for d in microneedling.devices() for n in (0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0)
                for v in (1000.0, 5000.0)]
    if name == "channels":
        return [dict(device=d, passes=p) for d in microneedling.devices() for p in (1, 5, 15, 30)]
    if name == "closure":
        return [dict(population=p, method=m, covered=c, hours=h)
                for p in microneedling.populations() for m in microneedling.methods_for(p)
                for c in [{False: "no", True: "yes", None: "not stated"}[o]
                          for o in microneedling.occlusions_for(p, m)]
                for h in (0, 6, 24, 48, 96)]
    if name == "healing":
        return [dict(site=s, needle_mm=n, day=d, view_um=1000.0) for s in SITES
                for n in (0.25, 0.5, 1.5, 3.0) for d in (0.1, 0.25, 0.5, 2.0, 3.5, 10.0, 21.0,
                                                        90.0, 365.0)]
    if name == "sessions":
        return [dict(sessions=n, interval_weeks=w) for n in range(1, 7) for w in (1, 2, 4, 8)]
    if name == "evidence":
        return [dict(show=v) for _, v in explore_evidence.SHOW]
    if name == "permeation":
        return [dict(molecule=m.key, treatment=t, needle_mm=n, passes=p, delay_h=h)
                for m in diffusion.molecules() for t in diffusion.TREATMENTS
                for n in (0.25, 1.0) for p in (1, 15) for h in (0.0, 12.0)]
    if name == "molecules":
        return [dict(molecule=m.key) for m in diffusion.molecules()]
    if name == "compare":
        return [dict(site=s, method=m, strength=st, needle_mm=n, device=d, passes=15)
                for s in SITES for m, st in (("glycolic_acid", "home"), ("jessner", "superficial"),
                                             ("trichloroacetic_acid", "medium"))
                for n in (0.25, 1.0) for d in microneedling.devices()]
    raise AssertionError(f"add a grid of states for the {name} explorer")


@pytest.fixture
def perturbed(monkeypatch):
    """A function that scales every placeholder value, so what depends on one changes."""
    data = dataset()
    placeholders = [w for w, v in data.values.items() if v.status == "placeholder"]
    assert placeholders

    def apply(factor: float = 1.7):
        for where in placeholders:
            v = data.values[where]
            monkeypatch.setitem(data.values, where, dataclasses.replace(
                v, value=v.value * factor, low=v.low * factor, high=v.high * factor))
    return apply


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_explorer_sentence_built_on_a_placeholder_says_so(name, perturbed):
    exp = EXPLORERS[name]()
    states = _states(name)
    before = [exp.describe(**state) for state in states]
    perturbed()
    after = [exp.describe(**state) for state in states]
    changed = [(s, b) for s, b, a in zip(states, before, after) if a != b]
    if name == "layers":
        assert changed  # the eyelid's and palm's placeholders show up somewhere
    for state, text in changed:
        assert "placeholder" in text, (state, text)


def test_every_table_built_on_a_placeholder_says_so(perturbed):
    calls = ([lambda layer=layer: tables.thickness_table(layer) for layer in anatomy.LAYERS]
             + [lambda d=d: tables.depth_table(d) for d in (50, 300, 900, 2000, 5000)]
             + [tables.peel_depths, tables.renewal_totals, tables.exfoliation_methods,
                tables.peel_classes])
    before = [call() for call in calls]
    perturbed()
    after = [call() for call in calls]
    assert before != after
    for b, a in zip(before, after):
        if a != b:
            assert "placeholder" in b, b


def test_the_figures_alt_text_names_placeholders(perturbed):
    _, before, _ = figures.build("site_comparison")
    perturbed()
    _, after, _ = figures.build("site_comparison")
    assert before != after and "placeholder" in before
    # said once, naming both stand-ins: the eyelid's and the palm's ranges under the dermis
    assert re.search(r"at the [^.]*eyelid and the palm are stand-ins \(placeholder\)", before)
