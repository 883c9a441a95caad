"""Exfoliation: what each method removes, and how deep. Pure functions.

Data: ``skinlab/data/exfoliants.yaml``. Depth is defined by the *layer* a method reaches, the way
peels are classed (very superficial: the stratum corneum; superficial: the whole epidermis;
medium: into the papillary dermis; deep: into the reticular dermis). The micrometres follow from
the body site's anatomy (:mod:`skinlab.anatomy`): a class ends fewer micrometres down on the thin
skin of the eyelid than on the back. On the sites listed under ``thin_skin`` the same agent is
taken to reach one class deeper (a teaching simplification of what the sources say about thin
skin), which is why a strength is matched to the site. Micrometres of removal are reported as a
measurement only where a source measured them (``measured_removal``).

Strengths are four ordered levels shared by every method (:data:`LEVELS`); each method offers
those its sources support, each with its own label and, for acids, a cited concentration.

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
LEVELS = ("home", "light", "medium", "strong")
LEVEL_LABELS = {"home": "at-home product", "light": "light (clinic)",
                "medium": "medium (clinic)", "strong": "strong (clinic)"}


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


def _percent(v: Value) -> str:
    if v.low == v.high:
        return f"{v.low:g}%"
    return f"{v.low:g}–{v.high:g}%"


def strength_label(method: str, strength: str) -> str:
    """e.g. '30–50% clinic peel': the cited concentration, then the words of the source.

    A strength may say how its concentration is shown (``shown``, e.g. "over 50%") where the
    sources draw a boundary that a plain range would blur.
    """
    tree = _strength_tree(method, strength)
    words = str(tree.get("label", LEVEL_LABELS[strength]))
    conc = concentration(method, strength)
    if conc is None:
        return words
    return f"{tree.get('shown') or _percent(conc)} {words}"


def nominal_class(method: str, strength: str) -> str:
    """The depth class a method reaches at a strength on ordinary (not thin) skin."""
    cls = _strength_tree(method, strength).get("class")
    if cls not in CLASSES:
        raise DataError(f"{EXFOLIANTS_FILE}: methods.{method}.strengths.{strength}.class: "
                        f"{cls!r} is not one of {', '.join(CLASSES)}")
    return cls


def thin_skin_sites() -> tuple[str, ...]:
    return tuple(_tree().get("thin_skin", {}).get("sites", ()))


def thin_skin_shift(site: str) -> int:
    """How many classes deeper the same agent reaches at a site (0 on ordinary skin)."""
    key = anatomy._site_key(site)
    rule = _tree().get("thin_skin", {})
    return int(rule.get("shift", 0)) if key in rule.get("sites", ()) else 0


def class_at(method: str, strength: str, site: str) -> str:
    """The depth class reached at a site: nominal, shifted on thin skin, never past 'deep'."""
    i = CLASSES.index(nominal_class(method, strength)) + thin_skin_shift(site)
    return CLASSES[min(i, len(CLASSES) - 1)]


def measured(method: str, strength: str) -> Value | None:
    """Micrometres removed, where a source measured them for this method and strength."""
    tree = _tree().get("measured_removal") or {}
    for key, node in tree.items():
        if node.get("method") == _method_key(method) and node.get("strength") == strength:
            return dataset().value(EXFOLIANTS_FILE, "measured_removal", key).in_um()
    return None


@dataclass(frozen=True)
class Removal:
    """What one method at one strength does at one body site."""

    method: str
    strength: str
    site: str
    nominal: str  # the class on ordinary skin
    cls: str  # the class at this site
    layer: anatomy.Layer  # the deepest layer affected
    removed: tuple[anatomy.Layer, ...]  # layers wholly removed above it
    measured_um: Value | None

    @property
    def top_um(self) -> float:
        return self.layer.top_um

    reach: float = 1.0  # how far into ``layer`` the class goes (0.5: to its middle)

    @property
    def bottom_um(self) -> float:
        """The deepest the method can reach here: its class's limit within ``layer``."""
        return self.layer.top_um + self.reach * self.layer.thickness_um

    @property
    def deeper_on_thin_skin(self) -> bool:
        return self.cls != self.nominal


def removal(method: str, strength: str, site: str) -> Removal:
    """The deepest layer a method at a strength affects at a site, and the layers above it."""
    key = _method_key(method)
    site_key = anatomy._site_key(site)
    cls = class_at(key, strength, site_key)
    layer_key = class_layer(cls)
    stack = anatomy.layers_at(site_key)
    i = next(n for n, lay in enumerate(stack) if lay.key == layer_key)
    return Removal(key, strength, site_key, nominal_class(key, strength), cls, stack[i],
                   tuple(stack[:i]), measured(key, strength), class_reach(cls))
