"""The renewal model: a cohort climbs the epidermis at each site, reaches the stratum corneum and
is shed on the cited days, later in older adults; bad input fails with a clear message."""

from __future__ import annotations

import pytest

from skinlab import anatomy, renewal
from skinlab.data import dataset

SITES = anatomy.sites()


@pytest.mark.parametrize("age", renewal.AGES)
def test_journey_times_are_the_cited_values(age):
    j = renewal.journey(age)
    data = dataset()
    assert j.viable == data.value("renewal.yaml", "transit", "viable_to_corneum")
    assert j.corneum == data.value("renewal.yaml", "transit", "corneum", age)
    assert j.shed_day == pytest.approx(j.viable.value + j.corneum.value)
    low, high = j.shed_range
    assert low <= j.shed_day <= high


def test_the_cited_times_say_what_the_course_teaches():
    j = renewal.journey("young_adult")
    assert 10 <= j.reaches_corneum_day <= 18  # "about two weeks" to the stratum corneum
    assert 12 <= j.corneum.value <= 24  # "about two to three more weeks" through it
    assert renewal.journey("older_adult").corneum.value > j.corneum.value  # longer with age


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("age", renewal.AGES)
def test_cohort_climbs_and_never_sinks(site, age):
    j = renewal.journey(age)
    start = renewal.cohort_at(site, 0, age)
    assert start.stage == "viable" and start.stratum.key == "stratum_basale"
    last = start.depth_um
    day = 0.5
    while day < j.shed_day:
        pos = renewal.cohort_at(site, day, age)
        assert pos.depth_um < last
        assert pos.stratum.key == (anatomy.stratum_at_depth(site, pos.depth_um).key
                                   if pos.stage == "viable" else "stratum_corneum")
        last = pos.depth_um
        day += 0.5
    assert renewal.cohort_at(site, j.shed_day, age).stage == "shed"


@pytest.mark.parametrize("site", SITES)
def test_stage_changes_on_the_cited_days(site):
    j = renewal.journey("young_adult")
    before = renewal.cohort_at(site, j.reaches_corneum_day - 0.01)
    at = renewal.cohort_at(site, j.reaches_corneum_day)
    assert before.stage == "viable" and at.stage == "corneum"
    assert at.depth_um == pytest.approx(anatomy.strata_at(site)[0].bottom_um)
    assert renewal.cohort_at(site, j.shed_day - 0.01).stage == "corneum"
    assert renewal.cohort_at(site, j.shed_day - 0.01).depth_um < 1


def test_older_skin_keeps_the_cohort_longer():
    young, old = renewal.journey("young_adult"), renewal.journey("older_adult")
    day = (young.shed_day + old.shed_day) / 2
    assert renewal.cohort_at("cheek", day, "young_adult").stage == "shed"
    assert renewal.cohort_at("cheek", day, "older_adult").stage == "corneum"


@pytest.mark.parametrize("site", SITES)
def test_stratum_days_cover_the_journey_in_order(site):
    days = renewal.stratum_days(site)
    keys = [k for k, _, _ in days]
    assert keys == [s.key for s in reversed(anatomy.strata_at(site))]
    assert days[0][1] == 0
    for (_, _, leave), (_, enter, _) in zip(days, days[1:]):
        assert enter == pytest.approx(leave)
    assert days[-1][2] == pytest.approx(renewal.journey().shed_day)


def test_totals_show_several_studies_and_their_spread():
    totals = renewal.totals()
    assert len(totals) >= 3
    sources = {v.sources for _, v in totals.values()}
    assert len(sources) >= 3
    for label, value in totals.values():
        assert label and value.unit == "days" and value.note


def test_the_range_of_totals_includes_the_cell_kinetic_estimates():
    """Not only 27-42 days: cell-kinetic estimates of about 40-56 days are part of the range."""
    low, high = renewal.total_range()
    kinetic = dataset().value("renewal.yaml", "totals", "cell_kinetics")
    assert kinetic.low >= 40 and kinetic.high >= 56
    assert low <= 27 and high >= kinetic.high
    labels = [label for label, _ in renewal.totals().values()]
    assert any("cell kinetics" in label for label in labels)


def test_older_adult_transit_is_a_measured_value_from_the_same_site_and_method():
    old = renewal.journey("older_adult").corneum
    assert old.status == "measured" and "jscc1981_nonintrusive_testing" in old.sources


def test_desquamation_names_its_steps_and_sources():
    d = renewal.desquamation()
    assert d["summary"] and len(d["steps"]) >= 3
    keys = [d["source"]] if isinstance(d["source"], str) else d["source"]
    assert all(k in dataset().references for k in keys)


@pytest.mark.parametrize("args, words", [
    (("cheek", -1), "zero or more days"),
    (("cheek", "ten"), "must be a number"),
    (("cheek", float("nan")), "finite number of days, got NaN"),
    (("chin", 3), "unknown body site"),
    (("cheek", 3, "teen"), "unknown age group 'teen'"),
])
def test_bad_input_raises_a_clear_value_error(args, words):
    with pytest.raises(ValueError, match=words):
        renewal.cohort_at(*args)
