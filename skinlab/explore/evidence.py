"""The evidence table: the studies of microneedling, generated from the data, ordered by design
(randomised first; a systematic review with the studies it gathered); a chart of their designs and
sizes, and a table of what each measured and found. One view sets the elastin results, which
disagree, side by side. A design is shown as a design: how sure a claim is comes from the whole
body of evidence (the claims check in notebook 06)."""

from __future__ import annotations

import html
from functools import lru_cache

from skinlab import healing
from skinlab.data import cite_link
from skinlab.draw import Caption, EvidenceChart
from skinlab.draw.healing import evidence_legend
from skinlab.explore.base import Choice, Explorer

SHOW = (("every study", "all"),
        ("ratings (people judged photographs or the skin)", "rated"),
        ("instrument measurements", "instrument"),
        ("biopsies (histology)", "histology"),
        ("animal studies", "animal"),
        ("the elastin results, side by side", "elastin"))
SHOWN = {v: k for k, v in SHOW}


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (Choice("show", "Show", SHOW, "all"),)


def rows_for(show: str) -> tuple[healing.StudyRow, ...]:
    if show == "all":
        return healing.studies()
    if show == "elastin":
        return healing.elastin_results()
    return healing.studies(show)


class EvidenceExplorer(Explorer):
    """Read the studies by design; pick a kind of measure or the elastin results.

    Parameters
    ----------
    show : str, optional
        Which studies: ``"all"`` (the default), ``"rated"``, ``"instrument"``, ``"histology"``,
        ``"animal"`` or ``"elastin"``.

    Raises
    ------
    ValueError
        For an unknown control or a value outside its choices or range (``describe`` and ``set``
        answer such input with a sentence instead).

    Examples
    --------
    >>> from skinlab.text import say
    >>> evidence = EvidenceExplorer()
    >>> say(evidence.describe(show="histology"), width=80)
    The biopsy studies (4, 4 in people), in order of design (randomised first):
    first is Aust 2008, scars, wrinkles, laxity (before-and-after study, no control
    group, n = 480, biopsies in 20). Of these, none had a control.
    """

    name = "evidence"
    title = "Evidence table: the studies of microneedling, randomised first"

    @property
    def controls(self):
        return _controls()

    def build(self, fig) -> dict:
        ax = fig.add_axes((0.36, 0.30, 0.60, 0.56))
        pooled = healing.DESIGNS.index("systematic_review")
        fig.legend(handles=evidence_legend(tuple(healing.design_labels().values()), pooled),
                   loc="lower center", ncol=3, fontsize=7, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        return {"chart": EvidenceChart(ax, max(len(healing.studies()), 1)),
                "heading": Caption(fig, 0.02, 0.92, overlay=True)}

    def wire(self, state: dict) -> dict:
        rows = rows_for(state["show"])
        elastin = state["show"] == "elastin"
        return {
            # for elastin, the participants who gave biopsies where only some did
            "chart": {"rows": tuple((r.label, r.biopsied.value if elastin and r.biopsied
                                     else r.n.value, r.design_index, r.controlled,
                                     r.elastin if elastin else "", r.ranked_with is not None)
                                    for r in rows)},
            "heading": {"text": f"{len(rows)} studies: {SHOWN[state['show']]}"},
        }

    def alt(self, state: dict) -> str:
        rows = rows_for(state["show"])
        pooled = "; a review's pooled n marked apart" if any(r.ranked_with for r in rows) else ""
        return (f"Chart of {len(rows)} studies by design and size; first is "
                f"{rows[0].label} ({rows[0].design_label}){pooled}")

    def examples(self) -> dict[str, dict]:
        return {"every study": dict(show="all"), "biopsies": dict(show="histology"),
                "the elastin results": dict(show="elastin"),
                "ratings": dict(show="rated")}

    def extra_html(self, state: dict) -> str:
        head = ("<tr><th>study</th><th>design</th><th>n</th><th>control</th><th>blinding</th>"
                "<th>measured</th><th>result</th><th>follow-up</th></tr>")
        body = []
        for r in rows_for(state["show"]):
            text, href = cite_link(r.source)
            cells = [f"<a href='{html.escape(href)}'>{html.escape(r.label)}</a>",
                     r.design_label, r.n_words, r.control, r.blinding, r.measured,
                     r.elastin if state["show"] == "elastin" else r.result, r.follow_up]
            body.append("<tr>" + "".join(f"<td>{c if i == 0 else html.escape(c)}</td>"
                                         for i, c in enumerate(cells)) + "</tr>")
        return (f"<div class='skinlab-info'><table class='skinlab-evidence'>{head}"
                f"{''.join(body)}</table></div>")

    def sentence(self, state: dict) -> str:
        rows = rows_for(state["show"])
        if state["show"] == "elastin":
            parts = "; ".join(f"{r.label} ({r.design_label}, {r.n_words}): {r.elastin}"
                              for r in rows)
            return (f"The {len(rows)} studies that measured elastin disagree: {parts}. None had "
                    f"an untreated control, and they measured different things (elastin laid "
                    f"down, total elastin, gene activity against protein), so the course "
                    f"calls the elastin evidence mixed. {healing.elastin_reading()}")
        top = rows[0]
        controlled = [r for r in rows if r.controlled]
        human = [r for r in rows if r.species == "human"]
        words = {"all": "All the studies", "rated": "The studies that rated results",
                 "instrument": "The studies that measured with instruments",
                 "histology": "The biopsy studies", "animal": "The animal studies"}
        ctl = (f"{len(controlled)} had a control ("
               f"{'; '.join(r.label for r in controlled)})" if controlled else
               "none had a control")
        reviews = [r for r in rows if r.ranked_with]
        gathered = "".join(
            f" {r.label} is a {r.design_label}, as strong as the studies it gathered: it is "
            f"listed with the rows '{healing.design_labels()[r.ranked_with]}'."
            for r in reviews)
        return (f"{words[state['show']]} ({len(rows)}, {len(human)} in people), in order of "
                f"design (randomised first): first is {top.label} ({top.design_label}, "
                f"{top.n_words}). Of these, {ctl}.{gathered}")
