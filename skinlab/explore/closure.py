"""The closure explorer: hours since treatment, the population studied, the method and whether the
skin was covered; one study's closure curve (:meth:`Curve.open_at`, the one definition the
permeation model also reads) with its range as a band, the times it reported, and the hour picked.
It opens on people, uncovered skin (Gupta 2011): the curve a product applied after a session
meets by default."""

from __future__ import annotations

from functools import lru_cache


from skinlab import microneedling as mn
from skinlab.draw import Caption, ClosureChart, HourMarker
from skinlab.explore.base import Choice, Explorer, Number

COVER = {False: "no", True: "yes", None: "not stated"}
COVER_WORDS = {"no": "not covered", "yes": "covered (occluded)",
               "not stated": "covering not stated in the abstract"}
# dense where the axis is linear (to 2 h), evenly spaced on its log part after
HOURS = mn.closure_hours()


def _option(label: str, limit: int = 40) -> str:
    """A population as the drop-down shows it: a long label loses its trailing source in
    brackets (the sentence and the details below cite it), so the option fits the column."""
    return label.rsplit(" (", 1)[0] if len(label) > limit and label.endswith(")") else label


@lru_cache(maxsize=1)
def _controls() -> tuple:
    pops = mn.populations()
    return (
        Choice("population", "Population studied",
               tuple((_option(v), k) for k, v in pops.items()), "humans"),
        Choice("method", "Method", tuple((mn.METHOD_LABELS[m], m) for m in mn.METHODS),
               "impedance"),
        Choice("covered", "Skin covered (occluded)?",
               tuple((COVER_WORDS[v], v) for v in ("no", "yes", "not stated")), "no"),
        Number("hours", "Time since treatment (h)", "h", 0.0, 96.0, 1.0, 1.0),
    )


def _occ(covered: str) -> bool | None:
    return {"no": False, "yes": True, "not stated": None}[covered]


def _h(x: float) -> str:
    return f"{x:.0f} h" if x >= 10 or x == int(x) else f"{x:.1f} h"


def _open(y: float) -> str:
    return "closed (back to baseline)" if y == 0 else f"{y:.0%} open"


def _range(c: mn.Curve, hours: float) -> tuple[float, float, float]:
    """(fast end, value, slow end) of a curve's range at an hour: one definition, Curve.open_at."""
    return tuple(c.open_at(hours, end) for end in ("low", "value", "high"))


def _device(c: mn.Curve) -> str:
    """In people: research microneedles, named as such (none was a cosmetic device)."""
    if c.species != "human":
        return ""
    what = "" if "not in the abstract" in c.device else f" ({c.device})"
    return f" The needles were research microneedles{what}, not a cosmetic roller or pen."


class ClosureExplorer(Explorer):
    """Pick a population, a method and covering; move through the hours after a session.

    Parameters
    ----------
    population : str, optional
        Who was studied (default ``"humans"``), one of
        :func:`skinlab.microneedling.populations`.
    method : str, optional
        How closure was measured: ``"impedance"`` (the default), ``"tewl"`` or ``"dye"``.
    covered : str, optional
        Whether the skin was covered (occluded): ``"no"`` (the default), ``"yes"`` or
        ``"not stated"``.
    hours : float, optional
        Hours since the treatment, 0 to 96 (default 1).

    Raises
    ------
    ValueError
        For an unknown control or a value outside its choices or range (``describe`` and ``set``
        answer such input with a sentence instead).

    Examples
    --------
    >>> from skinlab.text import say
    >>> closure = ClosureExplorer()
    >>> say(closure.describe(population="rats_770", method="dye", covered="no", hours=8), width=80)
    At 8 h after treatment, hairless rats, 770 µm roller (Kalluri 2011): measured by
    dye imaging, the channels are 56% open; the study reported them closed by 18 h.
    The curve's shape: a straight line to the time the study reported them closed
    (assumed: the study did not report the curve's shape). The skin was not covered.
    """

    name = "closure"
    title = "Closure explorer: how long channels stay open, as each study measured it"

    @property
    def controls(self):
        return _controls()

    def _curve(self, state: dict) -> mn.Curve:
        """The study's curve; ValueError ("not measured") for a combination it did not measure."""
        return mn.curve(state["method"], _occ(state["covered"]), state["population"])

    # -- drawing ------------------------------------------------------------------------
    def build(self, fig) -> dict:
        ax = fig.add_axes((0.15, 0.12, 0.8, 0.66))
        return {"chart": ClosureChart(ax), "hour": HourMarker(ax),
                "heading": Caption(fig, 0.02, 0.86, linespacing=1.3)}

    def wire(self, state: dict) -> dict:
        try:
            c = self._curve(state)
        except ValueError:
            who = mn.populations()[state["population"]]
            return {
                "chart": {"hours": (), "open": (), "marks": (), "band": None},
                "hour": {"hour": state["hours"], "open": None, "label": "not measured"},
                "heading": {"text": f"{who}\n{mn.METHOD_LABELS[state['method']]}, "
                                    f"{COVER_WORDS[state['covered']]}: not measured"},
            }
        values = [c.open_at(h) for h in HOURS]
        band = ([c.open_at(h, "low") for h in HOURS], [c.open_at(h, "high") for h in HOURS])
        marks = [(c.closed.value, f"reported closed: {_h(c.closed.value)}")]
        if c.half_life is not None:
            marks.insert(0, (c.half_life.value, f"half-life: {_h(c.half_life.value)}"))
        low, y, high = _range(c, state["hours"])
        return {
            "chart": {"hours": tuple(HOURS), "open": tuple(values), "marks": tuple(marks),
                      "band": (tuple(band[0]), tuple(band[1]))},
            "hour": {"hour": state["hours"], "open": y,
                     "label": f"{_h(state['hours'])}: {y:.0%} open"
                              + ("" if low == high else f" ({low:.0%} to {high:.0%})")},
            "heading": {"text": f"{c.title}\n{mn.METHOD_LABELS[c.method]}, "
                                f"{mn.OCCLUSION_LABELS[c.occluded]}"},
        }

    def alt(self, state: dict) -> str:
        try:
            c = self._curve(state)
        except ValueError:
            return "Closure chart: this combination was not measured, so no curve is drawn"
        y = c.open_at(state["hours"])
        return (f"Closure curve, {c.title}, by {mn.METHOD_LABELS[c.method]}: {y:.0%} open "
                f"{_h(state['hours'])} after treatment")

    def examples(self) -> dict[str, dict]:
        return {
            "people, uncovered, 1 h (Gupta 2011)": dict(population="humans",
                                                        method="impedance", covered="no",
                                                        hours=1),
            "forearm, 24 h (three-site study, 2021)": dict(population="sites_forearm",
                                                          method="impedance",
                                                          covered="not stated", hours=24),
            "rats, 770 µm, 8 h by water loss": dict(population="rats_770", method="tewl",
                                                    covered="no", hours=8),
            "rats, 770 µm, 8 h by dye": dict(population="rats_770", method="dye",
                                             covered="no", hours=8),
            "Black participants, 48 h": dict(population="ogunjimi_black", method="impedance",
                                             covered="not stated", hours=48),
            "Asian participants, 48 h": dict(population="ogunjimi_asian", method="impedance",
                                             covered="not stated", hours=48),
        }

    # -- words --------------------------------------------------------------------------
    def _not_measured(self, state: dict, why: str) -> str:
        measured = [f"{mn.METHOD_LABELS[m]} ({COVER_WORDS[COVER[o]]})"
                    for m in mn.methods_for(state["population"])
                    for o in mn.occlusions_for(state["population"], m)]
        when = "Just after treatment" if state["hours"] == 0 else \
            f"At {_h(state['hours'])} after treatment"
        asked = (f"{mn.METHOD_LABELS[state['method']]} "
                 f"({COVER_WORDS[state['covered']]})")
        text = (f"{when}: not measured by {asked}. The study of "
                f"{mn.populations()[state['population']]} measured "
                f"closure by {', '.join(measured)} only, so no curve is drawn.")
        if state["covered"] == "yes":
            found = "; ".join(f"{k.replace('20', ' 20', 1).capitalize()}: {v['finding']}"
                              for k, v in mn.occlusion_findings().items())
            text += (f" What the studies that compared covered and uncovered skin report: "
                     f"{found}.")
        return text

    def sentence(self, state: dict) -> str:
        try:
            c = self._curve(state)
        except ValueError as exc:
            return self._not_measured(state, str(exc))
        h = state["hours"]
        low, y, high = _range(c, h)
        who = mn.populations()[state["population"]]
        how = mn.METHOD_LABELS[c.method]
        if c.form == "half_life":
            reported = (f"the study's half-life is {_h(c.half_life.value)} "
                        f"({_h(c.half_life.low)} to {_h(c.half_life.high)} across its spread) "
                        f"and it reported the channels "
                        f"closed after about {_h(c.closed.value)} on average")
        else:
            when = (f"within {_h(c.closed.high)}" if c.closed.low == 0 else
                    f"by {_h(c.closed.value)}" if c.closed.low == c.closed.high else
                    f"by {_h(c.closed.low)} to {_h(c.closed.high)}")
            reported = f"the study reported them closed {when}"
        state_words = ("just after treatment" if h == 0 else
                       f"at {_h(h)} after treatment")
        rng = "" if low == high else f" ({low:.0%} to {high:.0%} across its range)"
        now = ("back to baseline" if y == 0 and high == 0 else
               f"{_open(y).replace('closed (back to baseline)', 'closed')}{rng}")
        cover = {False: "The skin was not covered.", True: "The skin was covered.",
                 None: "Whether the skin was covered is not stated in the abstract."}[c.occluded]
        return (f"{state_words.capitalize()}, {who}: measured by {how}, the channels are "
                f"{now}; {reported}. The curve's shape: {c.shape}. {cover}{_device(c)}")
