"""Plain-text tables the notebooks print: deterministic, so nbval compares them strictly.

Each function reads the models (never a typed-in number) and returns one string: a heading line
and aligned rows, with units in the column names.
"""

from __future__ import annotations

import math
import numbers

from skinlab import anatomy, claims, compare, diffusion, exfoliation, healing, renewal
from skinlab.data import cite
from skinlab.text import format_um


def _table(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]

    def line(r: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()

    return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in rows])


def depth_table(depth_um: float) -> str:
    """Which layer a depth falls in at every body site, and where the epidermis ends.

    Parameters
    ----------
    depth_um : float
        The depth below the skin surface, in micrometres (zero or more).

    Returns
    -------
    str
        A heading line, then one row a site: where its epidermis and dermis end and the layer
        at ``depth_um`` (or what lies below the modelled tissue).

    Raises
    ------
    ValueError
        For a depth that is not a number zero or more (the message says what was given).

    Examples
    --------
    >>> print(depth_table(300))
    A point 300 µm below the surface, site by site:
    site                     epidermis ends at  dermis ends at  layer at 300 µm
    -----------------------  -----------------  --------------  ----------------
    cheek                    62 µm              1.07 mm         reticular dermis
    forehead                 62 µm              1.08 mm         reticular dermis
    ...
    >>> depth_table(-5)
    Traceback (most recent call last):
    ...
    ValueError: a depth is zero or more micrometres below the surface, not -5
    """
    if isinstance(depth_um, bool) or not isinstance(depth_um, numbers.Real) or not (
            math.isfinite(depth_um) and depth_um >= 0):
        raise ValueError(f"a depth is zero or more micrometres below the surface, not {depth_um!r}")
    rows = []
    for site in anatomy.sites():
        layers = anatomy.layers_at(site)
        try:
            at = anatomy.layer_at_depth(site, depth_um)
            where = at.label + (" (placeholder)" if at.is_placeholder else "")
        except ValueError:
            where = f"below the modelled tissue: {anatomy.beneath(site)}"
            if layers[-1].is_placeholder:
                where += " (placeholder)"
        rows.append([anatomy.site_label(site), format_um(layers[1].bottom_um),
                     format_um(layers[3].bottom_um), where])
    return (f"A point {format_um(depth_um)} below the surface, site by site:\n"
            + _table(["site", "epidermis ends at", "dermis ends at",
                      f"layer at {format_um(depth_um)}"], rows))


def thickness_table(layer: str) -> str:
    """One layer's typical thickness and the sources' range at every site, thinnest first.

    Parameters
    ----------
    layer : str
        A layer's key: ``"stratum_corneum"``, ``"viable_epidermis"``, ``"papillary_dermis"``,
        ``"reticular_dermis"`` or ``"hypodermis"``.

    Returns
    -------
    str
        A heading line (with the thickest over the thinnest site where one study measured both),
        then one row a site: typical thickness, the sources' range (µm or mm) and its status.

    Raises
    ------
    ValueError
        For an unknown layer key (the message lists the keys).

    Examples
    --------
    >>> print(thickness_table("stratum_corneum"))
    The stratum corneum, thinnest site first (the heel and the upper back come from differen...
    site                     typical  range             status
    -----------------------  -------  ----------------  ---------
    upper back               11 µm    8.8 µm to 13 µm   measured
    cheek                    17 µm    12 µm to 17 µm    measured
    forehead                 17 µm    12 µm to 17 µm    estimated
    ...
    >>> thickness_table("bad_key")
    Traceback (most recent call last):
    ...
    ValueError: no layer 'bad_key': one of stratum_corneum, viable_epidermis, ...
    """
    keys = [x.key for x in anatomy.layers_at(anatomy.sites()[0])]
    if layer not in keys:
        raise ValueError(f"no layer {layer!r}: one of {', '.join(keys)}")
    rows, sources = [], []
    for site in anatomy.sites():
        lay = next(x for x in anatomy.layers_at(site) if x.key == layer)
        rows.append((lay.thickness_um, [anatomy.site_label(site), format_um(lay.thickness_um),
                                        f"{format_um(lay.thickness_low_um)} to "
                                        f"{format_um(lay.thickness_high_um)}", lay.status]))
        sources.append((lay.thickness_um, set(lay.sources)))
    order = sorted(range(len(rows)), key=lambda i: rows[i][0])
    rows = [rows[i] for i in order]
    sources = [sources[i] for i in order]
    thin, thick = rows[0], rows[-1]
    label = anatomy.LAYER_LABELS[layer]
    if sources[0][1] & sources[-1][1]:  # one study measured both: a same-method ratio
        ratio = thick[0] / thin[0]
        note = " (placeholder)" if "placeholder" in (
            thin[1][3], thick[1][3]) else ""
        head = (f"{thick[1][0]} about {ratio:.{0 if ratio >= 10 else 1}f} times the "
                f"{thin[1][0]}{note}")
    else:  # different studies, often different methods: no ratio across them
        head = (f"the {thick[1][0]} and the {thin[1][0]} come from different studies, so no "
                f"ratio is given between them")
    return (f"The {label}, thinnest site first ({head}):\n"
            + _table(["site", "typical", "range", "status"], [r for _, r in rows]))


def renewal_totals() -> str:
    """Whole-epidermis renewal times as each study reports them, with method and source.

    Returns
    -------
    str
        A heading line with the range across studies (days), then one row a study: its method,
        site and people, days, range, status and source.

    Examples
    --------
    >>> print(renewal_totals())
    Whole-epidermis renewal, as different studies measured it (25 to 56 days in all):
    study (method, site, people)                     days  range       status     source
    -----------------------------------------------  ----  ----------  ---------  ----------...
    UVA pigment fading; forearm; men                 36.2  30 to 42.4  measured   Maeda 2017
    ...
    """
    rows = []
    for label, v in renewal.totals().values():
        span = f"{v.low:g} to {v.high:g}" if v.low != v.high else f"{v.value:g}"
        rows.append([label, f"{v.value:g}", span, v.status, cite(v.sources[0], short=True)])
    low, high = renewal.total_range()
    return (f"Whole-epidermis renewal, as different studies measured it ({low:g} to {high:g} "
            f"days in all):\n"
            + _table(["study (method, site, people)", "days", "range", "status", "source"],
                     rows))


def exfoliation_methods() -> str:
    """Every method: its family, and the depth class each of its strengths reaches.

    Returns
    -------
    str
        A heading line, then one row a method and strength: family, strength in words and depth
        class.

    Examples
    --------
    >>> print(exfoliation_methods())
    Exfoliation methods and the depth class each reaches (classes defined on facial skin):
    method                            family     strength                           depth class
    --------------------------------  ---------  ---------------------------------  --------...
    a facial scrub                    physical   home scrub                         very sup...
    microdermabrasion                 physical   few passes, moderate settings      very sup...
    ...
    """
    rows = []
    for m in exfoliation.methods():
        for s in exfoliation.strengths(m):
            rows.append([exfoliation.method_label(m), exfoliation.family(m),
                         exfoliation.strength_label(m, s),
                         exfoliation.class_label(exfoliation.peel_class(m, s))])
    return ("Exfoliation methods and the depth class each reaches (classes defined on facial "
            "skin):\n"
            + _table(["method", "family", "strength", "depth class"], rows))


def peel_depths(sites: tuple[str, ...] = ("eyelid", "cheek", "back")) -> str:
    """The deepest each depth class can reach, in micrometres, at a few sites.

    Parameters
    ----------
    sites : tuple of str, optional
        The body sites to show, one column each (default: eyelid, cheek and back).

    Returns
    -------
    str
        A heading line, one row a depth class (its deepest layer, and where it ends at each site,
        in µm or mm), then notes on sites where the classes are extrapolated.

    Raises
    ------
    ValueError
        For an unknown site.

    Examples
    --------
    >>> print(peel_depths(("cheek",)))
    Each peel class is defined by a layer; its depth depends on the site:
    class             deepest layer     ends by (cheek)
    ----------------  ----------------  ---------------
    very superficial  stratum corneum   17 µm
    superficial       viable epidermis  62 µm
    medium depth      papillary dermis  262 µm
    deep              reticular dermis  664 µm
    Where the papillary dermis ends is assumed, and 'halfway' into the reticular dermis is t...
    """
    rows = []
    for c in exfoliation.CLASSES:
        layer = anatomy.LAYER_LABELS[exfoliation.class_layer(c)]
        rows.append([exfoliation.class_label(c), layer]
                    + [format_um(exfoliation.class_limit_um(c, s)) for s in sites])
    head = ["class", "deepest layer"] + [f"ends by ({anatomy.site_label(s)})" for s in sites]
    notes = [f"* {exfoliation.caveat(s)}." for s in sites if exfoliation.caveat(s)]
    notes.append("Where the papillary dermis ends is assumed, and 'halfway' into the reticular "
                 "dermis is the course's reading of the sources' 'mid-reticular'.")
    head = [h + (" *" if s and exfoliation.caveat(s) else "")
            for h, s in zip(head, (None, None) + tuple(sites))]
    return ("Each peel class is defined by a layer; its depth depends on the site:\n"
            + _table(head, rows) + "".join("\n" + n for n in notes))


def peel_classes() -> str:
    """The four depth classes: the layer each reaches and the clinic agents the sources place in
    it, with their cited strengths (from exfoliants.yaml; classes defined on facial skin).

    Returns
    -------
    str
        A heading line, then the agents of each class, one row each.

    Examples
    --------
    >>> print(peel_classes())
    Chemical peel classes on facial skin, the layer each reaches, and the agents in each:
    class             reaches                                agent and strength
    ----------------  -------------------------------------  -------------------------------...
    very superficial  into the stratum corneum               glycolic acid (AHA), 30–50% pee...
                                                             Jessner's solution, peel, 1–3 coats
    ...
    """
    rows = []
    for c in exfoliation.CLASSES:
        agents = [f"{exfoliation.method_label(m)}, {exfoliation.strength_label(m, s)}"
                  for m in exfoliation.methods() for s in exfoliation.strengths(m)
                  if s != "home" and exfoliation.family(m) == "chemical"
                  and exfoliation.peel_class(m, s) == c]
        layer = anatomy.LAYER_LABELS[exfoliation.class_layer(c)]
        reach = "to the middle of the " if exfoliation.class_reach(c) < 1 else "into the "
        for i, agent in enumerate(agents):
            rows.append([exfoliation.class_label(c) if i == 0 else "",
                         reach + layer if i == 0 else "", agent])
    return ("Chemical peel classes on facial skin, the layer each reaches, and the agents in "
            "each:\n"
            + _table(["class", "reaches", "agent and strength"], rows))


def healing_phases() -> str:
    """The four phases of wound healing: window, cells and signals (the review's timing).

    Returns
    -------
    str
        A heading line, then for each phase its window, cells and signals.

    Examples
    --------
    >>> print(healing_phases())
    The phases of wound healing (timing: Landén 2016; they overlap in a real wound):
    HAEMOSTASIS: from the injury to 6 hours
      cells:   platelets
      signals: PDGF, TGF-β
    INFLAMMATION: 1 to 3 days
    ...
    """
    lines = ["The phases of wound healing (timing: Landén 2016; they overlap in a real wound):"]
    for p in healing.phases():
        lines.append(f"{p.label.upper()}: {p.window}")
        lines.append(f"  cells:   {', '.join(p.cells)}")
        lines.append(f"  signals: {', '.join(p.signals) or 'none named in the sources read'}")
    return "\n".join(lines)


def collagen_model_parameters() -> str:
    """The teaching model's parameters: value, unit, status and basis.

    Returns
    -------
    str
        A heading line, then one row a parameter: value with its unit, status and basis (its
        source, or "none: the course's choice").

    Examples
    --------
    >>> print(collagen_model_parameters())
    The teaching model's parameters (arbitrary units; one unit is what one day of proliferat...
    parameter                                        value    status      basis
    -----------------------------------------------  -------  ----------  ------------------...
    collagen III laid down from                      4 days   measured    Landén 2016 (the p...
    ...
    """
    p = healing.parameters()
    names = ["collagen III laid down from", "collagen III laid down until",
             "collagen III removed, collagen I laid down from", "collagen III half-life",
             "collagen I time constant", "collagen I laid down per unit of collagen III",
             "collagen III kept"]
    rows = [[n, f"{v.value:g} {v.unit}", v.status,
             "none: the course's choice" if v.status == "assumption" else
             f"{cite(v.sources[0], short=True)} (the phase's window)"]
            for n, v in zip(names, p.values())]
    assert len(rows) == len(p.values()), "a parameter without a name in the table"
    rows[5][1] = f"{p.i_per_iii.value:g}"  # a ratio has no unit to print
    rows[6][1] = f"{p.iii_kept.value:.0%}"
    rows[6][3] = f"{cite(p.iii_kept.sources[0], short=True)} (normal dermis, taken for a channel)"
    return ("The teaching model's parameters (arbitrary units; one unit is what one day of "
            "proliferation lays down):\n" + _table(["parameter", "value", "status", "basis"], rows))


def penetration_model() -> str:
    """The teaching model's skin, paths and assumptions, from skinlab.diffusion.

    Returns
    -------
    str
        Six paragraphs, one a line: the model's skin (µm), the stratum corneum's kp (cm/h), the
        water-like paths, the dose (mg/cm²), the channels and what is left out.

    Examples
    --------
    >>> from skinlab.text import say
    >>> say(penetration_model(), width=80)
    The model's skin: the cheek's layers (notebook 01): stratum corneum 17 µm,
    viable epidermis 45 µm; below them the dermis, taken as a perfect sink (which
    overstates every amount).
    ...
    """
    h_sc, h_ve = diffusion.skin_cm()
    a, b, c = diffusion.potts_guy_coefficients()
    (w0, w1), _ = diffusion.potts_guy_domain()
    d0, d1 = diffusion.dose_range_mg_cm2()
    dd = diffusion.default_dose_mg_cm2()
    lines = [
        f"The model's skin: the {diffusion.SITE}'s layers (notebook 01): stratum corneum "
        f"{format_um(h_sc * diffusion.UM_PER_CM)}, viable epidermis "
        f"{format_um(h_ve * diffusion.UM_PER_CM)}; below them the dermis, taken as a perfect "
        f"sink (which overstates every amount).",
        f"Stratum corneum: kp from Potts-Guy (log10 kp = {a:g} + {b:g} log Kow - {c:g} MW, "
        f"cm/h); K = Kow^{b:g}; D = kp·h/K, so it alone gives kp.",
        "Viable epidermis and channels: water-like (K = 1), with D from a relation on "
        "molecular weight (assumed), used only inside Potts-Guy's weights "
        f"({w0:g} to {w1:g} Da).",
        f"Dose: a finite layer of product that the skin depletes ({d0:g} to {d1:g} mg/cm², "
        f"{dd:g} by default: of the order of OECD Test Guideline 428's finite doses), or an "
        "infinite dose (its concentration held at 1, as in a diffusion cell); 24 hours.",
        "Channels: a share of the surface, fixed when the product goes on; as they close, that "
        "share becomes intact skin again.",
        "Left out: hair follicles, metabolism, binding, evaporation, spreading of the product "
        "over the skin, more than one partition coefficient.",
    ]
    return "\n".join(lines)


def measured_cases() -> str:
    """The measured in-vitro roller cases: flux without and with a roller.

    Returns
    -------
    str
        A heading line, then one row a drug: flux without and with a roller (µg/cm²/h), their
        ratio, whether the difference was significant, and the source.

    Examples
    --------
    >>> print(measured_cases())
    Flux through pig skin in vitro, without and with a steel microneedle roller (µg/cm²/h):
    drug                            passive  roller  ratio  significant  source
    ------------------------------  -------  ------  -----  -----------  -----------
    amantadine hydrochloride        22.38    49.04   2.19   no           Hoang 2015
    pramipexole dihydrochloride     134.83   134.04  0.99   no           Hoang 2015
    tiagabine hydrochloride         12.83    86.42   6.74   yes          Nguyen 2016
    carbamazepine (in 20% ethanol)  7.85     10.85   1.38   no           Nguyen 2016
    """
    rows = []
    for c in diffusion.measured_cases().values():
        rows.append([c["label"], f"{c['passive']:g}", f"{c['needled']:g}",
                     f"{c['needled'] / c['passive']:.2f}",
                     "yes" if c["significant"] else "no", cite(c["source"], short=True)])
    return ("Flux through pig skin in vitro, without and with a steel microneedle roller "
            "(µg/cm²/h):\n" + _table(["drug", "passive", "roller", "ratio", "significant",
                                       "source"], rows))


def treatment_comparison(site: str = "cheek") -> str:
    """Exfoliants and needles at one site: what each does, how deep, over how much surface.

    Parameters
    ----------
    site : str, optional
        A body site (one of :func:`skinlab.anatomy.sites`).

    Returns
    -------
    str
        A table of exfoliants (what each does, the layer it ends in, its deepest point, its share
        of the surface) and a table of needles (where the tip ends, its range in µm, the share
        punctured), each under a heading line, then a closing paragraph.

    Raises
    ------
    ValueError
        For an unknown site.

    Examples
    --------
    >>> print(treatment_comparison("cheek"))
    On the cheek. Exfoliants: the layer each ends in, its deepest point, its share of the su...
    treatment                        what it does     ends in           deepest  share
    -------------------------------  ---------------  ----------------  -------  -----
    a facial scrub, home             wears cells off  stratum corneum   17 µm    100%
    glycolic acid, home              loosens cells    stratum corneum   17 µm    100%
    Jessner's solution, superficial  removes layers   viable epidermis  62 µm    100%
    trichloroacetic acid, medium     removes layers   papillary dermis  262 µm   100%
    ...
    """
    rows = compare.table(site, [("exfoliant", "scrub", "home"),
                                ("exfoliant", "glycolic_acid", "home"),
                                ("exfoliant", "jessner", "superficial"),
                                ("exfoliant", "trichloroacetic_acid", "medium"),
                                ("needle", 0.25, "roller", 1), ("needle", 0.5, "roller", 15),
                                ("needle", 1.5, "pen", 3)])
    peels = [[r["treatment"], r["action"], r["ends_in"], format_um(r["deepest_um"]),
              compare.percent(r["surface_share"])] for r in rows if r["removes_tissue"]]
    needles = [[r["treatment"], r["ends_in"].replace(" to ", "–"),
                f"{r['deepest_low_um']:.0f}–{r['deepest_high_um']:.0f}",
                compare.share_span(r["surface_share_low"], r["surface_share_high"]).replace(
                    "% to ", "–")] for r in rows if not r["removes_tissue"]]
    return (f"On the {anatomy.site_label(site)}. Exfoliants: the layer each ends in, its "
            f"deepest point, its share of the surface.\n"
            + _table(["treatment", "what it does", "ends in", "deepest", "share"], peels)
            + "\nNeedles puncture: where the tip ends (a range, from studies in skin); the "
              "share punctured, or 'not known'.\n"
            + _table(["treatment", "tip ends in", "tip (µm)", "share punctured"], needles)
            + "\nAn exfoliant takes cells away over all the surface it is put on, and the "
              "epidermis replaces them (notebook 02); a needle takes nothing away. Channels "
              f"close ({compare.closure_words()}); one into the dermis starts wound healing "
              f"(notebook 04).")


def claim_verdicts() -> str:
    """Every claim with its verdict, the course's certainty in the evidence, and its sources.

    Returns
    -------
    str
        A tally of the verdicts, then one line a claim.

    Examples
    --------
    >>> from skinlab.text import say
    >>> say(claim_verdicts(), width=80)
    9 claims: 1 supported, 4 mixed, 3 not supported, 1 contradicted.
    - Microneedling is a kind of exfoliation. Verdict: contradicted by the evidence
    (certainty: low; Aust 2008).
    - Microneedling is not a direct exfoliation technique, but it offers some
    ...
    """
    tally = ", ".join(f"{n} {v.replace('_', ' ')}"
                      for v, n in claims.tally().items())
    lines = [f"{len(claims.claims())} claims: {tally}."]
    for c in claims.claims():
        timing = "; the timing is convention" if c.convention else ""
        lines.append(f"- {c.as_said} Verdict: {c.verdict_label.split(':')[0]} (certainty: "
                     f"{c.certainty_words()}{timing}; {c.citations()}).")
    return "\n".join(lines)


ARTICLE_BANKS = ("00_start_here", "02_renewal_exfoliation")  # where the claims are first rated


def first_ratings(banks: tuple[str, ...] = ARTICLE_BANKS) -> str:
    """The learner's first rating of each popular claim (recorded in notebooks 00 and 02, before
    the course checks them) beside the evidence's verdict; an empty record says how to fill it.
    Read from this computer's progress file, which is never sent anywhere.

    Parameters
    ----------
    banks : tuple of str, optional
        The quiz banks whose predictions rate the claims (default: notebooks 00 and 02).

    Returns
    -------
    str
        One line a rated claim (the learner's first rating, the evidence's verdict, the same or
        different), or, with no rating recorded, how to give them.

    Examples
    --------
    With an empty progress record:

    >>> from skinlab.text import say
    >>> say(first_ratings(), width=80)
    You have not rated the popular article's claims yet. Notebooks 00 and 02 ask for
    your first rating of each, before the course checks them; rate them there, then
    run this cell again to see your ratings beside the verdicts. Your ratings stay
    on this computer.
    """
    from skinlab import progress
    from skinlab.quiz import Quiz
    asked = {}  # (bank, question id) -> (claim key, notebook number)
    for bank in banks:
        for q in Quiz.from_bank(bank).questions:
            if q.kind == "prediction" and getattr(q, "claim", None) is not None:
                asked[(bank, q.id)] = (q.claim.key, bank[:2])
    first: dict[str, tuple[str, str]] = {}  # claim key -> (first rating, notebook)
    for a in progress.answers():
        key = (a.get("bank"), a.get("question"))
        if a.get("kind") == "prediction" and key in asked and asked[key][0] not in first:
            first[asked[key][0]] = (str(a.get("response")), asked[key][1])
    scale = claims.verdicts()
    if not first:
        return ("You have not rated the popular article's claims yet. Notebooks 00 and 02 ask "
                "for your first rating of each, before the course checks them; rate them there, "
                "then run this cell again to see your ratings beside the verdicts. Your ratings "
                "stay on this computer.")
    lines = [f"Your first ratings of the popular article's claims, beside the evidence "
             f"({len(first)} of {len(asked)} rated):"]
    for c in claims.claims():
        verdict = scale[c.verdict].split(":")[0]
        if c.key not in first:
            continue
        rated, where = first[c.key]
        said = scale.get(rated, rated).split(":")[0]
        agree = "the same" if rated == c.verdict else "different"
        lines.append(f"- \u201c{c.as_said}\u201d You said (notebook {where}): {said}. "
                     f"The evidence: {verdict} ({agree}).")
    return "\n".join(lines)


def safety_summary() -> str:
    """Adverse effects, what raises the risk, and granulomas, from the cited sources.

    Returns
    -------
    str
        Six paragraphs, one a line: the short-lived effects (days), the lasting ones, what raises
        the risk, infection, recent isotretinoin and granulomas.

    Examples
    --------
    >>> from skinlab.text import say
    >>> say(safety_summary(), width=80)
    Reported, expected after the procedure and lasting up to 7 days (Chu 2021, a
    systematic review of 85 articles that gives no frequencies): redness; swelling;
    pain; dry skin and flaking (the review's word: exfoliation); swollen lymph
    ...
    """
    t = claims.safety("adverse_effects")
    days = claims.transient_days()
    patients, studies = claims.granuloma_review()
    return "\n".join([
        f"Reported, expected after the procedure and lasting up to {days.value:g} "
        f"{days.unit} ({cite(days.sources[0], short=True)}, a systematic review of "
        f"{claims.safety_value('adverse_effects', 'transient', 'articles').value:g} articles "
        f"that gives no frequencies): "
        f"{'; '.join(t['transient']['effects'])}. {t['transient']['pih_note']}",
        f"Can last: {'; '.join(t['persistent']['effects'])}.",
        f"What raises the risk (the same review): {'; '.join(claims.risk_factors())}. "
        + claims.safety("risk_factors", "closure_in_darker_skin", "summary"),
        claims.safety("risk_factors", "devices", "summary"),
        claims.safety("risk_factors", "isotretinoin", "summary") + " "
        + claims.safety("risk_factors", "devices", "not_sourced"),
        f"Granulomas: {patients.value:g} patients in {studies.value:g} studies in a systematic "
        f"review ({cite(patients.sources[0], short=True)}). "
        + t["granulomas"]["summary"].split(". A systematic review")[0] + ".",
    ])


def aftercare() -> str:
    """What is known, and what is convention, about the sun after needling, and home against
    clinic (acids and retinoids: :func:`acids_answer`).

    Returns
    -------
    str
        Two paragraphs, one a line: the sun, and home against clinic.

    Examples
    --------
    >>> from skinlab.text import say
    >>> say(aftercare(), width=80)
    Sun: Channels and redness are a healing wound; clinic sheets advise sunscreen (a
    convention). Alpha hydroxy acids, if used, make skin more sensitive to the sun
    while they are used and for up to a week after (FDA 2005).
    ...
    """
    a = claims.safety("aftercare")
    return "\n".join(f"{label}: {a[key]['summary']}" for key, label in (
        ("sun", "Sun"), ("home_and_clinic", "Home and clinic")))


def acids_answer() -> str:
    """The straight answer about acids after needling that the sources allow: what is known,
    what is not, and what convention says and for how long (its pages disagree).

    Returns
    -------
    str
        A heading line, then what is known, what is not known and what convention says (its
        waits in hours, days or weeks), one paragraph a line.

    Examples
    --------
    >>> from skinlab.text import say
    >>> say(acids_answer(), width=80)
    Acids after needling: the straight answer the sources allow.
    Known: a fresh channel carries what is on the skin into living tissue (notebook
    05); products not made for the dermis have caused granulomas (Soltani-Arabshahi
    ...
    """
    def wait(key: str) -> str:
        v = claims.safety_value("aftercare", "acids_and_retinoids", "waits", key)
        n = f"{v.low:g} to {v.high:g}" if v.low != v.high else f"{v.value:g}"
        return f"{n} {v.unit} ({cite(v.sources[0], short=True)})"
    patients, _ = claims.granuloma_review()
    trial = claims.safety_value("aftercare", "combination_trial", "peel_after_session")
    return "\n".join([
        "Acids after needling: the straight answer the sources allow.",
        f"Known: a fresh channel carries what is on the skin into living tissue (notebook 05); "
        f"products not made for the dermis have caused granulomas "
        f"({cite('soltani2014_granulomas', short=True)}; a review found {patients.value:g} "
        f"patients, {cite('friedmann2024_granuloma_review', short=True)}). Alpha hydroxy acids "
        f"make skin more sensitive to the sun while used and for up to a week after "
        f"({cite('fda2005_aha_labeling', short=True)}). The one randomised trial the course "
        f"cites gave a glycolic acid peel {trial.value:g} {trial.unit} after each needling "
        f"session, not on fresh channels ({cite(trial.sources[0], short=True)}).",
        f"Not known: no trial the course found tested an acid on freshly needled skin (a "
        f"study that combined needling with a peel, "
        f"{cite('eldomyati2018_combined_needling', short=True)}, does not say in what the "
        f"course read how soon the peel followed), and no guideline sets a wait.",
        f"Convention: aftercare pages say to wait, and disagree on how long: "
        f"{wait('retinol_vitamin_c')} for retinol and vitamin C, {wait('acids')} for acids, "
        f"{wait('glycolic_longest')} for glycolic acid. None cites a study.",
    ])


def regulation() -> str:
    """How microneedling devices are regulated in the US, and the tension with the model.

    Returns
    -------
    str
        Two paragraphs, one a line: the US rules with their sources, and the tension.

    Examples
    --------
    >>> from skinlab.text import say
    >>> say(regulation(), width=80)
    In the United States, microneedling devices for aesthetic use are class II
    medical devices (21 CFR 878.4430), cleared through the FDA's 510(k) process; the
    FDA explained how it regulates microneedling products in a final guidance of
    ...
    """
    r = claims.safety("regulation")
    cites = "; ".join(cite(k, short=True) for k in r["source"])
    return f"{r['summary']} ({cites})\nA tension. {r['tension']}"
