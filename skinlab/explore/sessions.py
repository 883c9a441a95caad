"""The session planner: a number of sessions and the interval between them; the teaching model's
new collagen III and I over the year (arbitrary units), the first session's phases and every
session marked, compared with the default schedule (the acne-scar review's medians)."""

from __future__ import annotations

from functools import lru_cache

from skinlab import healing
from skinlab.data import cite
from skinlab.draw import Caption, CollagenChart
from skinlab.draw.healing import CollagenFrame, collagen_top
from skinlab.explore.base import Choice, Explorer, Number
from skinlab.palette import PHASE_COLORS

MAX_SESSIONS = 6
INTERVALS = (1, 2, 3, 4, 6, 8)  # weeks: the protocols ran every 1 to 8 weeks


@lru_cache(maxsize=1)
def _controls() -> tuple:
    d = healing.default_schedule()
    return (
        Number("sessions", "Number of sessions", "sessions", 1, MAX_SESSIONS, 1,
               d.sessions),
        Choice("interval_weeks", "Interval between sessions",
               tuple((f"{w} week" + ("s" if w > 1 else ""), float(w)) for w in INTERVALS),
               float(d.interval_weeks)),
    )


DAYS = tuple(float(d) for d in range(366))  # one point a day: the chart is 640 px wide


@lru_cache(maxsize=1)
def _reference():
    """The default schedule's curves (drawn dotted under every schedule)."""
    return healing.collagen(days=DAYS)


def _top(curves) -> float:
    """The y limit: the highest of the curves drawn (this schedule's and the default's), with
    some headroom, so the axis fits the data shown."""
    return collagen_top(max(float(max(c)) for c in curves if len(c)))


def _n(state: dict) -> int:
    """The number of sessions, whole (the slider moves in whole steps; code may not)."""
    return int(round(state["sessions"]))


def _ratio_words(r: float | None) -> str:
    if r is None:
        return "the default schedule has laid down none yet"
    if abs(r - 1) < 0.05:
        return "about the same as the default schedule"
    return f"about {r:.1f} times the default schedule's"


class SessionPlanner(Explorer):
    """Pick how many sessions and how far apart; compare the teaching model's new collagen.

    Parameters
    ----------
    sessions : float, optional
        The number of sessions, 1 to 6 (default 3).
    interval_weeks : float, optional
        Weeks between sessions: 1, 2, 3, 4 (the default), 6 or 8.

    Raises
    ------
    ValueError
        For an unknown control or a value outside its choices or range (``describe`` and ``set``
        answer such input with a sentence instead).

    Examples
    --------
    >>> from skinlab.text import say
    >>> planner = SessionPlanner()
    >>> say(planner.describe(sessions=6, interval_weeks=2), width=80)
    Teaching model, arbitrary units, 6 sessions 2 weeks apart: new collagen III
    peaks around day 91; most of it is then replaced by new collagen I, which by day
    365 is most of what is left; type III is kept at about 15% (normal dermis's
    share, Xue 2015). New collagen I at day 90: about 1.7 times the default
    ...
    """

    name = "sessions"
    title = "Session planner: new collagen in a teaching model (arbitrary units)"

    @property
    def controls(self):
        return _controls()

    def build(self, fig) -> dict:
        ax = fig.add_axes((0.14, 0.12, 0.82, 0.62))
        phases = tuple((p.start.value, p.end.value, PHASE_COLORS[p.key], p.label)
                       for p in healing.phases() if p.key in ("proliferation", "remodelling"))
        ref = _reference()
        return {"frame": CollagenFrame(ax),
                "chart": CollagenChart(ax, _top((ref.iii, ref.i)), phases),
                "heading": Caption(fig, 0.02, 0.86, overlay=True, linespacing=1.3)}

    def wire(self, state: dict) -> dict:
        c = healing.collagen(_n(state), state["interval_weeks"], days=DAYS)
        ref = _reference()
        return {
            "frame": {"top": _top((c.iii, c.i, ref.i))},
            "chart": {"days": tuple(c.days), "iii": tuple(c.iii), "i": tuple(c.i),
                      "ref_i": tuple(ref.i), "sessions": c.schedule.days},
            "heading": {"text": f"{c.schedule.words().capitalize()} (vertical lines); "
                                f"shaded: the first session's phases\nTeaching model: rates "
                                f"assumed; not a prediction for a person"},
        }

    def alt(self, state: dict) -> str:
        s = healing.schedule(_n(state), state["interval_weeks"])
        return (f"Collagen III and I over a year for {s.words()}, the default schedule's "
                f"collagen I dashed blue; teaching model, arbitrary units")

    def examples(self) -> dict[str, dict]:
        return {
            "the default: 3 sessions, 4 weeks apart": dict(sessions=3, interval_weeks=4),
            "1 session": dict(sessions=1, interval_weeks=4),
            "6 sessions, 2 weeks apart": dict(sessions=6, interval_weeks=2),
            "3 sessions, 8 weeks apart": dict(sessions=3, interval_weeks=8),
        }

    def sentence(self, state: dict) -> str:
        s = healing.schedule(_n(state), state["interval_weeks"])
        d = healing.default_schedule()
        c = healing.collagen(s.sessions, s.interval_weeks)
        peak_day = float(c.days[c.iii.argmax()])
        at90 = healing.relative_to_default(90, s.sessions, s.interval_weeks)
        at365 = healing.relative_to_default(365, s.sessions, s.interval_weeks)
        is_default = (s.sessions, s.interval_weeks) == (d.sessions, d.interval_weeks)
        kept = healing.iii_share_kept()
        head = (f"Teaching model, arbitrary units, {s.words()}"
                + (" (the default: the acne-scar review's medians)" if is_default else "")
                + f": new collagen III peaks around day {peak_day:.0f}; most of it is then "
                  f"replaced by new collagen I, which by day 365 is most of what is left; "
                  f"type III is kept at about {kept.value:.0%} (normal dermis's share, "
                  f"{cite(kept.sources[0], short=True)})")
        compare = ""
        if not is_default:
            compare = (f". New collagen I at day 90: {_ratio_words(at90)}; at day 365: "
                       f"{_ratio_words(at365)} ({d.words()})")
            if s.sessions != d.sessions:
                compare += f"; {healing.LINEAR_WORDS}"
        study = healing.closest_protocol(s)
        return (f"{head}{compare}. The model cannot tell which interval is best (each session "
                f"adds the same response), and no trial the course found compared intervals. "
                f"The nearest protocol in the table: {study.label} ({study.design_label}, "
                f"{study.n_words}, {study.protocol_words}): {study.result}.")
