"""Exercises: one source with solutions, generated learner versions, and checks that give
specific, friendly feedback."""

from __future__ import annotations

import json
import math
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from skinlab import anatomy, exfoliation, renewal
from skinlab.tools import student, workspace
from skinlab.check import (check_peel_depths, check_sites_in_epidermis, check_shed_day,
                           check_thickness_um)

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "exercises").glob("*.ipynb"))


def _run(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", out.get("evalue")
            texts.append(out.get("text") or "".join(out.get("data", {}).get("text/plain", "")))
    return texts


def test_there_is_an_exercise_for_notebook_01():
    assert any(p.name.startswith("01_") for p in SOURCES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_committed_learner_version_is_up_to_date(source):
    expected = student.render(student.learner_version(json.loads(source.read_text()),
                                                      source.name))
    committed = source.parent / "student" / source.name
    assert committed.exists(), "run make student"
    assert committed.read_text() == expected, "learner version is stale: run make student"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_learner_version_has_no_solution(source):
    learner = (source.parent / "student" / source.name).read_text()
    assert "BEGIN SOLUTION" not in learner and "Your turn" in learner


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
@pytest.mark.kernel
def test_solutions_pass_every_check(source):
    checks = [t for t in _run(source) if t.startswith(("Correct", "Not yet"))]
    assert checks and all(t.startswith("Correct") for t in checks), checks


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
@pytest.mark.kernel
def test_learner_version_runs_and_says_not_yet(source):
    checks = [t for t in _run(source.parent / "student" / source.name)
              if t.startswith(("Correct", "Not yet"))]
    assert checks and all(t.startswith("Not yet") for t in checks), checks


def test_strip_solutions_rejects_broken_markers():
    assert student.strip_solutions("a = ...\n# BEGIN SOLUTION\na = 1\n# END SOLUTION\nb") == \
        f"a = ...\n{student.PROMPT}\nb"
    for bad in ("# BEGIN SOLUTION\nx", "# END SOLUTION", "# BEGIN SOLUTION\n# BEGIN SOLUTION"):
        with pytest.raises(ValueError):
            student.strip_solutions(bad)


@pytest.mark.slow
def test_make_lab_copies_the_learner_versions(tmp_path):
    workspace.sync(ROOT, tmp_path)
    for source in SOURCES:
        copied = (tmp_path / "exercises" / source.name).read_text()
        assert "Your turn" in copied and "BEGIN SOLUTION" not in copied


# -- the checks' feedback -----------------------------------------------------------------------

RIGHT = [s for s in anatomy.sites() if anatomy.layer_at_depth(s, 300).key in
         ("stratum_corneum", "viable_epidermis")]


@pytest.mark.parametrize("answer, words", [
    (..., "replace the ..."),
    (None, "your answer is None"),
    (42, "not a int"),
    ([1, 2], "must be a site name"),
    (["chin"], "'chin' is not a body site"),
    (RIGHT + ["cheek"], "already in the"),
    (RIGHT[:-1], "you missed"),
])
def test_sites_check_gives_a_specific_hint(answer, words):
    feedback = check_sites_in_epidermis(answer, 300)
    assert not feedback.passed and feedback.message.startswith("Not yet")
    assert words in feedback.message


def test_sites_check_accepts_the_right_answer_in_any_order_and_case():
    assert check_sites_in_epidermis([s.upper() for s in reversed(RIGHT)], 300).passed


def _forearm_viable():
    return next(x for x in anatomy.layers_at("forearm") if x.key == "viable_epidermis")


@pytest.mark.parametrize("answer, words", [
    (..., "replace the ..."), (None, "None"), ("57", "give a number"),
    (float("nan"), "not a finite number"),
    (_forearm_viable().thickness_um / 1000, "looks like millimetres"),
    (_forearm_viable().bottom_um, "where the viable epidermis"),
    (1234.0, "is not the thickness"),
])
def test_thickness_check_gives_a_specific_hint(answer, words):
    feedback = check_thickness_um(answer, "forearm", "viable_epidermis")
    assert not feedback.passed and words in feedback.message


def test_thickness_check_accepts_the_model_value():
    assert check_thickness_um(_forearm_viable().thickness_um, "forearm", "viable_epidermis")


# -- exercise 02: renewal and peels ----------------------------------------------------------------

def _journeys(age):
    other = "young_adult" if age == "older_adult" else "older_adult"
    return renewal.journey(age), renewal.journey(other)


@pytest.mark.parametrize("age", renewal.AGES)
@pytest.mark.parametrize("answer, words", [
    (lambda j, o: ..., "replace the ..."),
    (lambda j, o: None, "your answer is None"),
    (lambda j, o: f"{j.shed_day:g}", "give a number of days"),
    (lambda j, o: True, "give a number of days"),
    (lambda j, o: float("nan"), "not a finite number"),
    (lambda j, o: j.reaches_corneum_day, "reach the stratum corneum"),
    (lambda j, o: j.corneum.value, "crossing the stratum corneum alone"),
    (lambda j, o: o.shed_day, "the other age group"),
    (lambda j, o: 1000.0, "is not when"),
], ids=["ellipsis", "none", "string", "bool", "nan", "reaches-corneum-day", "corneum-only",
        "other-age", "unrelated"])
def test_shed_day_check_gives_a_specific_hint(answer, words, age):
    feedback = check_shed_day(answer(*_journeys(age)), age)
    assert not feedback.passed and feedback.message.startswith("Not yet")
    assert words in feedback.message, feedback.message


@pytest.mark.parametrize("age", renewal.AGES)
def test_shed_day_check_accepts_the_model_value(age):
    j = renewal.journey(age)
    feedback = check_shed_day(j.shed_day, age)
    assert feedback.passed and feedback.message.startswith("Correct")
    assert check_shed_day(j.reaches_corneum_day + j.corneum.value, age).passed


# The peels and sites of exercises/02_renewal_and_peels.ipynb (task 2).
PEELS = {
    "superficial: glycolic acid": ("glycolic_acid", "superficial"),
    "medium: TCA": ("trichloroacetic_acid", "medium"),
    "deep: phenol": ("phenol", "deep"),
}
PEEL_SITES = ("cheek", "eyelid")


def _removals():
    return {(name, site): exfoliation.removal(method, strength, site)
            for name, (method, strength) in PEELS.items() for site in PEEL_SITES}


def _depths(key=None, value=None, drop=False):
    """The right answer, computed from the model, with one entry changed or dropped."""
    depths = {k: r.bottom_um for k, r in _removals().items()}
    if drop:
        depths.pop(key)
    elif key is not None:
        depths[key] = value(_removals()[key])
    return depths


def test_the_exercise_uses_these_peels_and_sites():
    nb = json.loads((ROOT / "exercises" / "02_renewal_and_peels.ipynb").read_text("utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    for name, (method, strength) in PEELS.items():
        assert f'"{name}": ("{method}", "{strength}")' in code
    assert 'sites = ("cheek", "eyelid")' in code


TCA_EYELID = ("medium: TCA", "eyelid")


@pytest.mark.parametrize("answer, words", [
    (lambda: ..., "replace the ..."),
    (lambda: None, "your answer is None"),
    (lambda: list(_depths().values()), "not a list"),
    (lambda: _depths(TCA_EYELID, drop=True), "there is no entry for ('medium: TCA', 'eyelid')"),
    (lambda: _depths(TCA_EYELID, lambda r: f"{r.bottom_um:g}"), "is not a number"),
    (lambda: _depths(TCA_EYELID, lambda r: float("nan")), "is not a number"),
    (lambda: _depths(TCA_EYELID, lambda r: r.top_um), "the layer's bottom"),
    (lambda: _depths(TCA_EYELID, lambda r: r.bottom_um / 1000), "looks like millimetres"),
    (lambda: _depths(TCA_EYELID, lambda r: 1.0), "is not the deepest point"),
], ids=["ellipsis", "none", "not-a-dict", "missing-key", "string-entry", "nan-entry",
        "top-not-bottom", "millimetres", "wrong-number"])
def test_peel_depths_check_gives_a_specific_hint(answer, words):
    feedback = check_peel_depths(answer(), PEELS, PEEL_SITES)
    assert not feedback.passed and feedback.message.startswith("Not yet")
    assert words in feedback.message, feedback.message


@pytest.mark.parametrize("key", list(_removals()), ids=lambda k: f"{k[0]}@{k[1]}")
def test_peel_depths_check_catches_the_top_of_the_layer_at_every_entry(key):
    assert "the layer's bottom" in check_peel_depths(
        _depths(key, lambda r: r.top_um), PEELS, PEEL_SITES).message


def test_peel_depths_check_accepts_the_model_values_and_notes_the_thin_skin():
    feedback = check_peel_depths(_depths(), PEELS, PEEL_SITES)
    assert feedback.passed and feedback.message.startswith("Correct")
    assert f"all {len(PEELS) * len(PEEL_SITES)} depths" in feedback.message
    assert "nearer the surface on the mid-tarsal upper eyelid" in feedback.message
    assert "deeper class" not in feedback.message  # no invented thin-skin rule


# -- exercise 03: needles, channels and closure --------------------------------------------------
def test_density_check_hints_at_one_pass_and_the_radius_and_accepts_the_model():
    from skinlab import microneedling as mn
    from skinlab.check import check_density

    one = mn.per_pass("roller").value
    assert "one pass" in check_density(one, "roller", 15).message
    assert "not the radius" in check_density(192 * 15 / (math.pi * 2.0), "roller", 15).message
    assert check_density(mn.channel_density("roller", 15).value, "roller", 15).passed
    for bad in (..., None, "229", float("nan")):
        feedback = check_density(bad, "roller", 15)
        assert not feedback.passed and feedback.message.startswith("Not yet")


def test_tip_in_dermis_check_names_what_is_missing_and_what_is_wrong():
    from skinlab import microneedling as mn
    from skinlab.check import check_sites_tip_in_dermis

    right = [s for s in anatomy.sites() if mn.depth_reached(1000, s).in_dermis]
    wrong = [s for s in anatomy.sites() if s not in right]
    assert right and wrong  # the task has an answer that is not every site
    assert check_sites_tip_in_dermis([s.upper() for s in right], 1000).passed
    missing = check_sites_tip_in_dermis(right[1:], 1000)
    assert not missing.passed and right[0] in missing.message
    extra = check_sites_tip_in_dermis(right + wrong[:1], 1000)
    assert not extra.passed and wrong[0] in extra.message
    assert "not a body site" in check_sites_tip_in_dermis(["elbow"], 1000).message


def test_half_life_check_tells_the_time_constant_from_the_half_life():
    from skinlab import microneedling as mn
    from skinlab.check import check_half_life

    curve = next(c for c in mn.curves() if c.population == "sites_forearm")
    t_half = curve.half_life.value
    assert check_half_life(t_half, "sites_forearm").passed
    assert "time constant" in check_half_life(t_half / math.log(2), "sites_forearm").message
    assert not check_half_life(58.3, "sites_forearm").passed  # the closure time, not t½


def test_shares_check_wants_ranges_of_fractions_with_overlap_and_none_where_not_known():
    from skinlab import microneedling as mn
    from skinlab.check import check_shares

    settings = {"roller 1": ("roller", 1), "roller 15": ("roller", 15), "pen": ("pen", 3)}
    shares = {k: mn.punctured_fraction(d, p) for k, (d, p) in settings.items()}
    right = {k: None if s is None else (s.low, s.high) for k, s in shares.items()}
    assert right["pen"] is None  # no source gives a pen's channels per cm²
    feedback = check_shares(right, settings)
    assert feedback.passed and "pen: not known" in feedback.message
    # a number for the pen is refused: its share is not known
    invented = dict(right, pen=(0.1, 0.9))
    assert "not known" in check_shares(invented, settings).message
    assert not check_shares(invented, settings).passed
    assert "this share is known" in check_shares(dict(right, **{"roller 15": None}),
                                                 settings).message
    percent = dict(right, **{"roller 15": tuple(100 * v for v in right["roller 15"])})
    assert "not percentages" in check_shares(percent, settings).message
    n, d = mn.channel_density("roller", 15), mn.surface_diameter_um("roller")
    no_overlap = dict(right, **{"roller 15": (n.low * math.pi * (d.low * 1e-4) ** 2 / 4,
                                              n.high * math.pi * (d.high * 1e-4) ** 2 / 4)})
    assert "overlap" in check_shares(no_overlap, settings).message
    one = dict(right, **{"roller 15": shares["roller 15"].value})
    assert "not one number" in check_shares(one, settings).message
    swapped = dict(right, **{"roller 15": right["roller 15"][::-1]})
    assert "low first" in check_shares(swapped, settings).message
    assert "no share for 'pen'" in check_shares({k: right[k] for k in ("roller 1", "roller 15")},
                                                settings).message
    assert not check_shares([0.01], settings).passed


# -- exercise 04 --------------------------------------------------------------------------------
def test_phases_check_names_the_overlap_and_accepts_the_model():
    from skinlab import healing
    from skinlab.check import check_phases_on_days

    days = (0.5, 2, 10, 60)
    right = {d: [p.key for p in healing.active_phases(d)] for d in days}
    assert check_phases_on_days(right, days).passed
    assert check_phases_on_days({**right, 0.5: ["haemostasis"]}, days).message.count("both")
    assert "day 10" in check_phases_on_days({**right, 10: ["remodelling"]}, days).message
    partial = {d: right[d] for d in days[:3]}
    assert "no phases for day 60" in check_phases_on_days(partial, days).message
    for bad in (..., None, "inflammation", 3):
        feedback = check_phases_on_days(bad, days)
        assert not feedback.passed and feedback.message.startswith("Not yet")


def test_collagen_ratio_check_spots_the_inverse_and_collagen_iii():
    from skinlab import healing
    from skinlab.check import check_collagen_ratio

    a = healing.collagen(6, 2, days=[365])
    b = healing.collagen(3, 4, days=[365])
    want = a.i[0] / b.i[0]
    assert check_collagen_ratio(want, (6, 2), (3, 4)).passed
    assert "other way round" in check_collagen_ratio(1 / want, (6, 2), (3, 4)).message
    assert "collagen III" in check_collagen_ratio(a.iii[0] / b.iii[0], (6, 2), (3, 4)).message
    for bad in (..., None, "two", float("nan")):
        assert not check_collagen_ratio(bad, (6, 2), (3, 4)).passed


def test_rct_check_explains_reviews_and_uncontrolled_studies():
    from skinlab.check import check_rct_studies

    assert check_rct_studies({"alam2014"}).passed
    assert check_rct_studies(["ALAM2014 "]).passed
    assert "systematic review" in check_rct_studies({"juhasz2020", "alam2014"}).message
    assert "no control" in check_rct_studies({"ablon2018"}).message
    for bad in (..., None, 3):
        assert not check_rct_studies(bad).passed


def test_crossover_check_tells_the_peak_from_the_crossover():
    from skinlab import healing
    from skinlab.check import check_crossover_day

    c = healing.collagen(1)
    day = float(c.days[(c.i > c.iii) & (c.days > 0)][0])
    assert check_crossover_day(day).passed
    assert "peaks" in check_crossover_day(float(c.days[c.iii.argmax()])).message
    assert not check_crossover_day(day + 30).passed
    for bad in (..., None, "day 80"):
        assert not check_crossover_day(bad).passed


# -- exercise 05 --------------------------------------------------------------------------------
def test_kp_check_spots_units_and_logs():
    from skinlab import diffusion as df
    from skinlab.check import check_kp_pair

    right = {k: df.molecule(k).kp for k in ("caffeine", "salicylic_acid")}
    assert check_kp_pair(right).passed
    assert "cm/s" in check_kp_pair({**right, "caffeine": right["caffeine"] / 3600}).message
    assert "log10" in check_kp_pair({**right, "caffeine": math.log10(right["caffeine"])}).message
    assert "no kp for 'salicylic_acid'" in check_kp_pair({"caffeine": right["caffeine"]}).message
    for bad in (..., None, 3, {"caffeine": "fast", "salicylic_acid": 1}):
        assert not check_kp_pair(bad).passed


def test_fick_check_wants_k_and_the_settled_flux():
    from skinlab import diffusion as df
    from skinlab.check import check_fick

    h, d, k = 1.5e-3, 1.9e-7, 0.9
    sol = df.solve([df.Layer(h, d, k)], hours=30)
    assert check_fick((d * k / h, sol.flux[-1]), h, d, k).passed
    assert "left out K" in check_fick((d / h, sol.flux[-1]), h, d, k).message
    early = df.solve([df.Layer(h, d, k)], hours=1).flux[-1]
    assert "settled" in check_fick((d * k / h, early), h, d, k).message
    for bad in (..., None, 3, (1,), ("a", "b")):
        assert not check_fick(bad, h, d, k).passed


def test_delay_and_tenfold_checks():
    from skinlab import diffusion as df
    from skinlab import microneedling as mn
    from skinlab.check import check_delay_share, check_tenfold_share

    pair = []
    for curve in ("gupta2011", "kalluri2011_dye_770"):
        now = df.delivered("caffeine", "microneedled", 1000.0, closure=curve)
        later = df.delivered("caffeine", "microneedled", 1000.0, delay_h=6.0, closure=curve)
        pair.append((later.treated - later.intact) / (now.treated - now.intact))
    assert pair[0] < 0.02 < 0.2 < pair[1] < 0.9  # uncovered people: none left; rats' dye: some
    assert check_delay_share(tuple(pair)).passed
    assert "percentage" in check_delay_share(tuple(100 * x for x in pair)).message
    assert "swapped" in check_delay_share(tuple(pair[::-1])).message
    assert not check_delay_share((pair[0], pair[1] / 2)).passed
    m = df.molecule("caffeine")
    depth = mn.depth_reached(1000.0, df.SITE).channel_low_um
    q_c = df.solve(df.channel_layers(m, depth), hours=24).amount[-1]
    q_i = df.solve(df.intact_layers(m), hours=24).amount[-1]
    assert check_tenfold_share(9 / (q_c / q_i - 1)).passed
    assert "intact path" in check_tenfold_share(10 / (q_c / q_i)).message
    for bad in (..., None, "tiny", (0.1,)):
        assert not check_delay_share(bad).passed and not check_tenfold_share(bad).passed


def test_comparison_checks_want_the_models_numbers_and_name_the_slip():
    from skinlab import claims, compare
    from skinlab.check import (check_depth_order, check_five_depths, check_strong_verdicts,
                               check_surface_shares)

    rows = dict(zip(compare.FIVE, compare.table("cheek", list(compare.FIVE.values()))))
    depths = {k: r["deepest_um"] for k, r in rows.items()}
    shares = {k: None if r["surface_share"] is None
              else (r["surface_share_low"], r["surface_share_high"]) for k, r in rows.items()}
    pen, roller = "1.5 mm pen, 3 passes", "0.25 mm roller, 1 pass"
    assert shares[pen] is None and shares[roller][0] < shares[roller][1] < 0.01
    assert check_five_depths(depths).passed
    assert "millimetres" in check_five_depths({k: v / 1000 for k, v in depths.items()}).message
    lengths = {**depths, "1.5 mm pen, 3 passes": 1500.0}
    assert "less deep than its length" in check_five_depths(lengths).message
    assert "missing" in check_five_depths({"scrub": 17}).message
    order = sorted(depths, key=depths.get)
    assert check_depth_order(order).passed
    assert "deepest first" in check_depth_order(order[::-1]).message
    assert order.index("0.25 mm roller, 1 pass") > order.index("glycolic peel")
    assert "overlaps the glycolic peel's" in check_depth_order(order).message
    assert check_surface_shares(shares).passed
    assert check_surface_shares({**shares, "scrub": 1.0, pen: "not known"}).passed
    assert "not known" in check_surface_shares({**shares, "scrub": 1.0}).message
    percents = {k: None if v is None else (100 * v[0], 100 * v[1]) for k, v in shares.items()}
    assert "percentages" in check_surface_shares(percents).message
    assert "whole surface" in check_surface_shares({**shares, "scrub": 0.01}).message
    # the usual slips: a number for the pen, one number for the roller, a range high first
    assert "give None" in check_surface_shares({**shares, pen: 0.5}).message
    midpoint = rows[roller]["surface_share"]
    assert "not one number" in check_surface_shares({**shares, roller: midpoint}).message
    assert "high first" in check_surface_shares({**shares, roller: shares[roller][::-1]}).message
    assert "known from sourced" in check_surface_shares({**shares, roller: None}).message
    assert not check_surface_shares({**shares, roller: (0.1, 0.2)}).passed
    strong = {c.key for c in claims.claims() if c.verdict in ("supported", "contradicted")}
    assert check_strong_verdicts(strong).passed
    assert "'mixed' is not" in check_strong_verdicts(strong | {"collagen_and_elastin"}).message
    for bad in (..., None, "tiny", 3):
        for check in (check_five_depths, check_depth_order, check_surface_shares,
                      check_strong_verdicts):
            assert not check(bad).passed
