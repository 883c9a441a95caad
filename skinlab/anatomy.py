"""Skin layers, depths and body sites. Pure functions: numbers in, numbers out.

All depths are in micrometres (``_um`` names), measured down from the skin surface. Thicknesses
come from ``skinlab/data/layers.yaml``; the reticular dermis is the whole dermis less the papillary
dermis; the epidermal strata split the viable epidermis by the proportions in ``strata.yaml``.

>>> layer_at_depth("cheek", 0).key
'stratum_corneum'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

from skinlab.data import DataError, Value, dataset

LAYERS = ("stratum_corneum", "viable_epidermis", "papillary_dermis", "reticular_dermis",
          "hypodermis")
LAYER_LABELS = {
    "stratum_corneum": "stratum corneum",
    "viable_epidermis": "viable epidermis",
    "papillary_dermis": "papillary dermis",
    "reticular_dermis": "reticular dermis",
    "hypodermis": "hypodermis",
}
STRATA = ("stratum_corneum", "stratum_lucidum", "stratum_granulosum", "stratum_spinosum",
          "stratum_basale")
STRATUM_LABELS = {k: k.replace("_", " ") for k in STRATA}
LAYERS_FILE = "layers.yaml"
STRATA_FILE = "strata.yaml"
CONTENTS_FILE = "layer_contents.yaml"


@dataclass(frozen=True)
class Layer:
    """One layer at one body site: where it starts and ends, how sure we are, and why."""

    key: str
    label: str
    site: str
    top_um: float
    bottom_um: float
    thickness_low_um: float
    thickness_high_um: float
    sources: tuple[str, ...]
    status: str  # measured, or estimated when any input is estimated

    @property
    def thickness_um(self) -> float:
        return self.bottom_um - self.top_um


def _sites_tree() -> dict:
    tree = dataset().tree(LAYERS_FILE)
    sites = tree.get("sites") if isinstance(tree, dict) else None
    if not isinstance(sites, dict) or not sites:
        raise DataError(f"{LAYERS_FILE}: sites: missing or empty")
    return sites


def sites() -> tuple[str, ...]:
    """The body sites the course has data for, e.g. ('cheek', 'forehead', ...)."""
    return tuple(_sites_tree())


def _site_key(site: object) -> str:
    known = sites()
    if isinstance(site, str):
        key = site.strip().lower().replace(" ", "_")
        if key in known:
            return key
    raise ValueError(f"unknown body site {site!r}: choose one of {', '.join(known)}")


def site_label(site: str) -> str:
    key = _site_key(site)
    return str(_sites_tree()[key].get("label", key))


def is_thick_skin(site: str) -> bool:
    """True for palm and sole: thick skin, the only places with a stratum lucidum."""
    return bool(_sites_tree()[_site_key(site)].get("thick_skin", False))


def thickness(site: str, layer: str) -> Value:
    """The cited thickness of one layer (as stored) at a site, converted to micrometres.

    ``layer`` is one of the stored layers: stratum_corneum, viable_epidermis, dermis,
    papillary_dermis, hypodermis. The reticular dermis is derived: see :func:`layers_at`.
    """
    key = _site_key(site)
    return dataset().value(LAYERS_FILE, "sites", key, layer).in_um()


def _status(*values: Value) -> str:
    return "estimated" if any(v.status == "estimated" for v in values) else "measured"


def layers_at(site: str) -> list[Layer]:
    """The five layers at a body site, from the surface down, with depths in micrometres.

    The reticular dermis is the dermis less the papillary dermis; its thickness range takes the
    widest spread the two ranges allow, floored at zero.
    """
    key = _site_key(site)
    sc = thickness(key, "stratum_corneum")
    ve = thickness(key, "viable_epidermis")
    de = thickness(key, "dermis")
    pd = thickness(key, "papillary_dermis")
    hy = thickness(key, "hypodermis")
    if pd.value >= de.value:
        raise DataError(f"{LAYERS_FILE}: sites.{key}.papillary_dermis: thicker than the dermis")
    ret = (de.value - pd.value, max(de.low - pd.high, 0.0), de.high - pd.low,
           tuple(dict.fromkeys(de.sources + pd.sources)), _status(de, pd))
    stack = [
        ("stratum_corneum", sc.value, sc.low, sc.high, sc.sources, sc.status),
        ("viable_epidermis", ve.value, ve.low, ve.high, ve.sources, ve.status),
        ("papillary_dermis", pd.value, pd.low, pd.high, pd.sources, pd.status),
        ("reticular_dermis", *ret),
        ("hypodermis", hy.value, hy.low, hy.high, hy.sources, hy.status),
    ]
    out, top = [], 0.0
    for name, thick, low, high, srcs, status in stack:
        out.append(Layer(name, LAYER_LABELS[name], key, top, top + thick, low, high,
                         tuple(srcs), status))
        top += thick
    return out


def _depth(depth_um: object) -> float:
    if isinstance(depth_um, bool) or not isinstance(depth_um, Real):
        raise ValueError(f"depth must be a number of micrometres, got {depth_um!r}")
    d = float(depth_um)
    if math.isnan(d):
        raise ValueError("depth must be a number of micrometres, got NaN")
    if d < 0:
        raise ValueError(f"depth must be zero or more micrometres below the surface, got {d:g}")
    return d


def _find(stack: list[Layer], depth_um: object, what: str) -> Layer:
    d = _depth(depth_um)
    for layer in stack:
        if layer.top_um <= d < layer.bottom_um:  # a boundary belongs to the deeper layer
            return layer
    raise ValueError(f"{d:g} um is below the {what} modelled at the {stack[-1].site} "
                     f"(it ends at {stack[-1].bottom_um:.0f} um); deeper lie fascia and muscle")


def layer_at_depth(site: str, depth_um: float) -> Layer:
    """The layer at ``depth_um`` micrometres below the surface at ``site``.

    A depth exactly on a boundary belongs to the deeper layer. Raises ValueError with a clear
    message for an unknown site, a negative, NaN or non-numeric depth, or a depth below the
    hypodermis.
    """
    return _find(layers_at(site), depth_um, "hypodermis")


def strata_fractions(site: str) -> dict[str, Value]:
    """The viable epidermis's strata at a site as cited fractions (deepest last)."""
    group = "thick_skin" if is_thick_skin(site) else "thin_skin"
    tree = dataset().tree(STRATA_FILE).get(group, {})
    order = [s for s in STRATA[1:] if s in tree]
    return {s: dataset().value(STRATA_FILE, group, s) for s in order}


def strata_at(site: str) -> list[Layer]:
    """The epidermis at a site split into its strata, surface first, depths in micrometres.

    The stratum corneum is the measured layer; the strata below it share the viable epidermis in
    the cited proportions (the stratum lucidum only in thick skin: palm and sole).
    """
    key = _site_key(site)
    sc, ve = layers_at(key)[:2]
    fr = strata_fractions(key)
    total = sum(v.value for v in fr.values())
    out = [Layer("stratum_corneum", STRATUM_LABELS["stratum_corneum"], key, sc.top_um,
                 sc.bottom_um, sc.thickness_low_um, sc.thickness_high_um, sc.sources, sc.status)]
    top = ve.top_um
    for name, f in fr.items():
        thick = ve.thickness_um * f.value / total
        out.append(Layer(name, STRATUM_LABELS[name], key, top, top + thick,
                         ve.thickness_low_um * f.low, ve.thickness_high_um * f.high,
                         tuple(dict.fromkeys(ve.sources + f.sources)), "estimated"))
        top += thick
    return out


def stratum_at_depth(site: str, depth_um: float) -> Layer:
    """The epidermal stratum at a depth (a boundary belongs to the deeper stratum)."""
    return _find(strata_at(site), depth_um, "epidermis")


def contents(layer: str) -> dict:
    """What a layer or stratum is and what lives in it: label, summary, contents, source."""
    tree = dataset().tree(CONTENTS_FILE)
    for group in ("layers", "strata"):
        if layer in tree.get(group, {}):
            return dict(tree[group][layer])
    raise ValueError(f"unknown layer {layer!r}: choose one of {', '.join(LAYERS + STRATA)}")
