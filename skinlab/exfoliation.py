"""Exfoliation: what each method removes, and how deep. Pure functions.

Data: ``skinlab/data/exfoliants.yaml``. Depth is defined by the *layer* a method reaches, the way
peels are classed (very superficial: the stratum corneum only; superficial: the living epidermis,
down to the basal layer; medium: into the papillary dermis; deep: into the middle of the
reticular dermis). The micrometres follow from the body site's anatomy (:mod:`skinlab.anatomy`):
the same layer lies fewer micrometres down on the thin skin of the eyelid than on the back, so a
class ends nearer the surface there. No source gives a rule that an agent reaches a deeper
*class* on thin skin, and the model has none: a method's class is the same at every site. The
classes were defined on facial skin; elsewhere a result carries that caveat (:func:`caveat`).
Micrometres of injury are reported as a measurement only where a source measured them
(``measured_depth``).

Strengths are the course's ordered levels (:data:`LEVELS`: an at-home product, then the clinic
peel classes); each method offers those its sources describe, each with its own label and, for
acids, a cited concentration.

>>> removal("glycolic_acid", "home", "cheek").layer.key
'stratum_corneum'
"""

from __future__ import annotations

from dataclasses import dataclass

from skinlab import anatomy
from skinlab.data import DataError, Value, dataset

EXFOLIANTS_FILE = "exfoliants.yaml"
CLASSES = ("very_superficial", "superficial", "medium", "deep")
FAMILIES = ("physical", "chemical", "enzymatic")
# Strength levels, weakest first: an at-home product, then clinic applications by the class the
# sources give them. A method offers only the levels its sources describe.
LEVELS = ("home",) + CLASSES
LEVEL_LABELS = {"home": "at-home product", "very_superficial": "very superficial (clinic)",
                "superficial": "superficial (clinic)", "medium": "medium depth (clinic)",
                "deep": "deep (clinic)"}


def _tree() -> dict:
    tree = dataset().tree(EXFOLIANTS_FILE)
    if not isinstance(tree, dict):
        raise DataError(f"{EXFOLIANTS_FILE}: not a mapping")
    return tree


def _class_tree(cls: str) -> dict:
    tree = _tree().get("classes", {})
    if cls not in CLASSES or cls not in tree:
        raise ValueError(f"unknown depth class {cls!r}: choose one of {', '.join(CLASSES)}")
    return tree[cls]


def _method_tree(method: object) -> dict:
    tree = _tree().get("methods", {})
    if isinstance(method, str):
        key = method.strip().lower().replace(" ", "_")
        if key in tree:
            return tree[key]
    raise ValueError(f"unknown exfoliation method {method!r}: choose one of "
                     f"{', '.join(tree)}")


def _method_key(method: object) -> str:
    _method_tree(method)
    return str(method).strip().lower().replace(" ", "_")


# -- classes -----------------------------------------------------------------------------------
def class_label(cls: str) -> str:
    return str(_class_tree(cls).get("label", cls.replace("_", " ")))


def class_layer(cls: str) -> str:
    """The deepest layer a class reaches (a key of :data:`skinlab.anatomy.LAYERS`)."""
    layer = _class_tree(cls).get("deepest_layer")
    if layer not in anatomy.LAYERS:
        raise DataError(f"{EXFOLIANTS_FILE}: classes.{cls}.deepest_layer: {layer!r} is not "
                        f"one of {', '.join(anatomy.LAYERS)}")
    return layer


def class_description(cls: str) -> str:
    return str(_class_tree(cls).get("description", ""))


def class_reach(cls: str) -> float:
    """How far into its deepest layer a class goes, as a fraction (1: to the layer's bottom).

    Deep peels reach the *middle* of the reticular dermis (``reach: 0.5`` in the data); every
    other class may go through its layer.
    """
    reach = _class_tree(cls).get("reach", 1.0)
    if isinstance(reach, bool) or not isinstance(reach, (int, float)) or not 0 < reach <= 1:
        raise DataError(f"{EXFOLIANTS_FILE}: classes.{cls}.reach: must be a fraction in (0, 1], "
                        f"got {reach!r}")
    return float(reach)


def class_limit_um(cls: str, site: str) -> float:
    """The deepest point a class can reach at a site, in micrometres."""
    top, bottom = class_band_um(cls, site)
    return top + class_reach(cls) * (bottom - top)


def class_band_um(cls: str, site: str) -> tuple[float, float]:
    """Where a class ends at a site: the top and bottom of its deepest layer, in micrometres.

    A class removes the layers above that band and reaches into the band; it never goes below
    the band's bottom.
    """
    layer = class_layer(cls)
    lay = next(x for x in anatomy.layers_at(site) if x.key == layer)
    return lay.top_um, lay.bottom_um


# -- methods and strengths ------------------------------------------------------------------------
def methods() -> tuple[str, ...]:
    return tuple(_tree().get("methods", {}))


def method_label(method: str) -> str:
    return str(_method_tree(method).get("label", method))


def family(method: str) -> str:
    fam = _method_tree(method).get("family")
    if fam not in FAMILIES:
        raise DataError(f"{EXFOLIANTS_FILE}: methods.{method}.family: {fam!r} is not one of "
                        f"{', '.join(FAMILIES)}")
    return fam


def how(method: str) -> str:
    return str(_method_tree(method).get("how", ""))


def strengths(method: str) -> tuple[str, ...]:
    """The strength levels a method's sources support, weakest first."""
    raw = _method_tree(method).get("strengths", {})
    bad = [k for k in raw if k not in LEVELS]
    if bad or not raw:
        raise DataError(f"{EXFOLIANTS_FILE}: methods.{_method_key(method)}.strengths: each key "
                        f"must be one of {', '.join(LEVELS)} (got {', '.join(map(str, raw))})")
    return tuple(k for k in LEVELS if k in raw)


def _strength_tree(method: str, strength: object) -> dict:
    offered = strengths(method)
    if strength not in offered:
        raise ValueError(f"{method_label(method)} is not described at the strength "
                         f"{strength!r}; its strengths are {', '.join(offered)}")
    return _method_tree(method)["strengths"][strength]


def concentration(method: str, strength: str) -> Value | None:
    """The cited concentration of an acid at a strength (percent), or None."""
    if "concentration" not in _strength_tree(method, strength):
        return None
    return dataset().value(EXFOLIANTS_FILE, "methods", _method_key(method), "strengths",
                           strength, "concentration")


def coats(method: str, strength: str) -> Value | None:
    """The cited number of coats at a strength (Jessner's solution, TCA), or None."""
    if "coats" not in _strength_tree(method, strength):
        return None
    return dataset().value(EXFOLIANTS_FILE, "methods", _method_key(method), "strengths",
                           strength, "coats")


def contact(method: str, strength: str) -> Value | None:
    """The cited contact time in minutes at a strength (glycolic acid peels), or None."""
    if "contact" not in _strength_tree(method, strength):
        return None
    return dataset().value(EXFOLIANTS_FILE, "methods", _method_key(method), "strengths",
                           strength, "contact")


def _span(v: Value) -> str:
    return f"{v.low:g}" if v.low == v.high else f"{v.low:g}–{v.high:g}"


def _percent(v: Value) -> str:
    if v.low == v.high:
        return f"{v.low:g}%"
    return f"{v.low:g}–{v.high:g}%"


def strength_label(method: str, strength: str) -> str:
    """e.g. '30–50% clinic peel, 1–2 min' or 'clinic peel, 4–10 coats': cited numbers and words.

    A strength may say how its concentration is shown (``shown``, e.g. "over 50%") where the
    sources draw a boundary that a plain range would blur.
    """
    tree = _strength_tree(method, strength)
    words = str(tree.get("label", LEVEL_LABELS[strength]))
    conc = concentration(method, strength)
    if conc is not None:
        words = f"{tree.get('shown') or _percent(conc)} {words}"
    minutes = contact(method, strength)
    if minutes is not None:
        words += f", {_span(minutes)} min"
    n = coats(method, strength)
    if n is not None:
        words += f", {_span(n)} coat{'' if n.high == 1 else 's'}"
    return words


def peel_class(method: str, strength: str) -> str:
    """The depth class a method reaches at a strength: the same at every body site."""
    cls = _strength_tree(method, strength).get("class")
    if cls not in CLASSES:
        raise DataError(f"{EXFOLIANTS_FILE}: methods.{method}.strengths.{strength}.class: "
                        f"{cls!r} is not one of {', '.join(CLASSES)}")
    return cls


def defined_on() -> tuple[str, ...]:
    """The body sites on whose kind of skin the depth classes were defined (facial skin)."""
    return tuple(_tree().get("classes_defined_on", {}).get("sites", ()))


def caveat(site: str) -> str:
    """Why a depth class at this site is an extrapolation ('' on facial skin, where defined)."""
    key = anatomy.site_key(site)
    if key in defined_on():
        return ""
    if anatomy.is_thick_skin(key):
        return (f"peel depth classes were defined on facial skin; the thick skin of the "
                f"{anatomy.site_label(key)} is not where they were described, so this applies "
                f"them by layer as an extrapolation")
    return (f"peel depth classes were defined on facial skin; at the "
            f"{anatomy.site_label(key)} the course applies the same layers")


def placed_by_assumption(method: str, strength: str) -> bool:
    """True where no source places this method and strength in its class (a course assumption)."""
    return bool(_strength_tree(method, strength).get("assumed", False))


def caution(site: str) -> str:
    """What the sources warn about peeling at this site ('' where they give no site warning)."""
    key = anatomy.site_key(site)
    node = _tree().get("eyelid_caution", {})
    return str(node.get("text", "")) if key in node.get("sites", ()) else ""


def measured(method: str, strength: str) -> Value | None:
    """Micrometres of injury, where a histology study measured them for this method and strength."""
    tree = _tree().get("measured_depth") or {}
    for key, node in tree.items():
        if node.get("method") == _method_key(method) and node.get("strength") == strength:
            return dataset().value(EXFOLIANTS_FILE, "measured_depth", key).in_um()
    return None


@dataclass(frozen=True)
class Removal:
    """What one method at one strength does at one body site."""

    method: str
    strength: str
    site: str
    cls: str  # the depth class (the same at every site)
    layer: anatomy.Layer  # the deepest layer affected
    removed: tuple[anatomy.Layer, ...]  # layers wholly removed above it
    measured_um: Value | None
    reach: float = 1.0  # how far into ``layer`` the class goes (0.5: to its middle)
    caveat: str = ""  # why the class is an extrapolation at this site ('' on facial skin)

    @property
    def top_um(self) -> float:
        return self.layer.top_um

    @property
    def bottom_um(self) -> float:
        """The deepest the method can reach here: its class's limit within ``layer``."""
        return self.layer.top_um + self.reach * self.layer.thickness_um


def removal(method: str, strength: str, site: str) -> Removal:
    """The deepest layer a method at a strength affects at a site, and the layers above it.

    Parameters
    ----------
    method : str
        An exfoliation method's key (see :func:`methods`), e.g. ``"glycolic_acid"``.
    strength : str
        One of the method's strengths (see :func:`strengths`), e.g. ``"superficial"``.
    site : str
        A body site (one of :func:`skinlab.anatomy.sites`).

    Returns
    -------
    Removal
        The depth class (``cls``), the deepest layer affected (``layer``), the layers wholly
        removed above it (``removed``) and where that reach starts and ends (``top_um`` and
        ``bottom_um``, micrometres below the surface).

    Raises
    ------
    ValueError
        For an unknown method or site, or a strength the method is not described at.

    Examples
    --------
    >>> r = removal("glycolic_acid", "superficial", "cheek")
    >>> r.cls, r.layer.label, f"{r.top_um:.0f} to {r.bottom_um:.0f} µm"
    ('superficial', 'viable epidermis', '17 to 62 µm')
    >>> [layer.label for layer in r.removed]
    ['stratum corneum']
    >>> removal("glycolic_acid", "deep", "cheek")
    Traceback (most recent call last):
    ...
    ValueError: glycolic acid (AHA) is not described at the strength 'deep'; its strengths are ...
    """
    key = _method_key(method)
    site_key = anatomy.site_key(site)
    cls = peel_class(key, strength)
    layer_key = class_layer(cls)
    stack = anatomy.layers_at(site_key)
    i = next(n for n, lay in enumerate(stack) if lay.key == layer_key)
    return Removal(key, strength, site_key, cls, stack[i], tuple(stack[:i]),
                   measured(key, strength), class_reach(cls), caveat(site_key))
