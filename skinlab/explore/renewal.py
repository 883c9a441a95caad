"""The renewal explorer: a cohort of keratinocytes climbs the epidermis and is shed.

A day slider moves the cohort (a cohort marker) up through the strata of one body site; a
timeline strip under the cross-section shows the two stages (to the stratum corneum, through it)
and today's day. The strip depends only on the age group: it is drawn once per age and pasted in,
and only the cohort and the day marker move over it.
"""

from __future__ import annotations

import math
from functools import lru_cache

from skinlab import anatomy, renewal
from skinlab.draw import (Caption, CohortMarker, CrossSection, Illustration, Stage, TimeAxis,
                          TimelineStrip)
from skinlab.explore.base import Choice, Explorer, Number
from skinlab.explore.controls import site_choice
from skinlab.palette import layer_color
from skinlab.text import format_days, format_um

TIMELINE_RECT = (0.13, 0.09, 0.80, 0.10)  # left, bottom, width, height (figure fraction)


@lru_cache(maxsize=1)
def _controls() -> tuple:
    latest = max(renewal.journey(a).shed_range[1] for a in renewal.AGES)
    top = float(10 * math.ceil(latest / 10) + 10)
    return (
        site_choice("forearm"),  # where the timings, and the age effect, were measured
        Choice("age", "Age group", tuple((renewal.AGE_LABELS[a], a) for a in renewal.AGES),
               "young_adult"),
        Number("day", "Time since leaving the basal layer (days)", "days", 0.0, top, 1.0, 0.0),
    )


class RenewalExplorer(Explorer):
    """Follow one cohort of cells from the basal layer to shedding, day by day.

    Parameters
    ----------
    site : str, optional
        The body site (default ``"forearm"``), one of :func:`skinlab.anatomy.sites`.
    age : str, optional
        The age group: ``"young_adult"`` (the default) or ``"older_adult"``.
    day : float, optional
        Days since the cohort left the basal layer, 0 (the default) to 60.

    Raises
    ------
    ValueError
        For an unknown control or a value outside its choices or range (``describe`` and ``set``
        answer such input with a sentence instead).

    Examples
    --------
    >>> from skinlab.text import say
    >>> journey = RenewalExplorer()
    >>> say(journey.describe(site="forearm", age="young_adult", day=3), width=80)
    Day 3 on the forearm, young adult: the cells are living keratinocytes in the
    stratum spinosum, about 60 µm below the surface; they reach the stratum corneum
    around day 14 and are shed around day 34.
    """

    name = "renewal"
    title = "Renewal explorer: a cohort of cells from the basal layer to shedding"

    @property
    def controls(self):
        return _controls()

    # -- drawing ------------------------------------------------------------------------
    def build(self, fig) -> dict:
        ax = fig.add_axes((0.13, 0.34, 0.40, 0.56))
        section = CrossSection(ax, anatomy.STRATA, filled=False)
        timeline = TimelineStrip(fig, TIMELINE_RECT, TimeAxis(self.control("day").max),
                                 "Time since leaving the basal layer (days)")
        return {"tissue": Illustration(ax), "section": section, "cohort": CohortMarker(ax),
                "timeline": timeline,
                "today": timeline.marker, "heading": Caption(fig, 0.13, 0.93, fontsize=11)}

    def wire(self, state: dict) -> dict:
        site, age, day = state["site"], state["age"], state["day"]
        strata = anatomy.strata_at(site)
        view = strata[-1].bottom_um * 1.25
        j = renewal.journey(age)
        pos = renewal.cohort_at(site, day, age)
        low, high = j.shed_range
        stages = (Stage(0.0, j.reaches_corneum_day, layer_color("stratum_spinosum"), "climbing"),
                  Stage(j.reaches_corneum_day, j.corneum.value, layer_color("stratum_corneum"),
                        "in the stratum corneum"))
        return {
            "tissue": {"site": site, "view_um": view,
                       "boundaries": tuple(x.bottom_um for x in strata)},
            "section": {"layers": tuple(strata), "view_um": view, "below": "dermis"},
            "cohort": {"depth_um": pos.depth_um, "view_um": view,
                       "shape": "o" if pos.stage == "viable" else "_",
                       "label": format_days(day) + (": shed" if pos.stage == "shed" else "")},
            "timeline": {"stages": stages,
                         "note": f"Shed around {format_days(j.shed_day)} (range built from "
                                 f"the sources: {low:.0f}–{high:.0f})"},
            "today": {"t": day},
            "heading": {"text": f"{anatomy.site_label(site).capitalize()}, "
                                f"{renewal.AGE_LABELS[age]}: the epidermis (schematic)"},
        }

    def alt(self, state: dict) -> str:
        pos = renewal.cohort_at(state["site"], state["day"], state["age"])
        where = "shed" if pos.stratum is None else f"in the {pos.stratum.label}"
        return (f"Renewal on the {anatomy.site_label(state['site'])}, "
                f"{format_days(state['day'])}: the cohort is {where}")

    def examples(self) -> dict[str, dict]:
        return {
            "cheek, day 3: still in the deep epidermis": dict(site="cheek", age="young_adult",
                                                              day=3.0),
            "cheek, day 20: in the stratum corneum": dict(site="cheek", age="young_adult",
                                                          day=20.0),
            "palm, day 20: thick skin, same timing": dict(site="palm", age="young_adult",
                                                          day=20.0),
            "forearm, day 40: young adult (shed)": dict(site="forearm", age="young_adult",
                                                        day=40.0),
            "forearm, day 40: older adult (still there)": dict(site="forearm",
                                                               age="older_adult", day=40.0),
        }

    # -- words --------------------------------------------------------------------------
    def sentence(self, state: dict) -> str:
        site, age, day = state["site"], state["age"], state["day"]
        pos = renewal.cohort_at(site, day, age)
        j = pos.journey
        who = (f"Day {day:.0f} on the {anatomy.site_label(site)}, {renewal.AGE_LABELS[age]}")
        shed = f"shed around {format_days(j.shed_day)}"
        unmeasured = ""
        face = renewal.face_note(site)
        if face:
            unmeasured = " " + face
        if anatomy.is_thick_skin(site):
            unmeasured = (f" No study the course found timed renewal on the "
                          f"{anatomy.site_label(site)}: it applies the timings measured mostly on "
                          f"the forearm.")
        if pos.stage == "viable" and pos.stratum.key == "stratum_lucidum":
            return (f"{who}: the cells have died and flattened in the stratum lucidum (not "
                    f"measured, drawn enlarged), about {format_um(pos.depth_um)} below the "
                    f"surface; they reach the stratum corneum around "
                    f"{format_days(j.reaches_corneum_day)} and are {shed}.{unmeasured}")
        if pos.stage == "viable":
            return (f"{who}: the cells are living keratinocytes in the {pos.stratum.label}, "
                    f"about {format_um(pos.depth_um)} below the surface; they reach the "
                    f"stratum corneum around {format_days(j.reaches_corneum_day)} and are "
                    f"{shed}.{unmeasured}")
        if pos.stage == "corneum":
            return (f"{who}: the cells are now dead, flattened corneocytes in the stratum "
                    f"corneum, about {format_um(pos.depth_um)} below the surface; they are "
                    f"{shed}.{unmeasured}")
        return (f"{who}: the cells were {shed}, one by one and unseen; cells that left the "
                f"basal layer later have taken their place.{unmeasured}")
