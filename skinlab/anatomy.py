"""Skin layers, depths and body sites. Pure functions: numbers in, numbers out.

All depths are in micrometres (``_um`` names), measured down from the skin surface. Thicknesses
come from ``skinlab/data/layers.yaml``; the reticular dermis is the whole dermis less the papillary
dermis. The epidermal strata (``strata.yaml``): the stratum basale is one row of basal cells, so
it is one basal cell's height thick; in thick skin the stratum lucidum is a course assumption
(not measured); the stratum granulosum is a few flattened cell layers; the stratum spinosum takes
the rest of the viable epidermis.

The layer under the dermis is the subcutaneous tissue, called hypodermis here. At most sites it
is fat; at the upper eyelid it is a thin sheet of loose areolar tissue with no fat, over the
orbicularis oculi muscle (``subcutis`` and ``beneath`` in the data). Each Layer carries the
weakest status of the values it is computed from (measured, estimated, assumption, placeholder).

>>> layer_at_depth("cheek", 0).key
'stratum_corneum'
"""

from __future__ import annotations

from dataclasses import dataclass

from skinlab.data import DataError, Value, dataset, number, weakest

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
# What the layer under the dermis is made of, by site (``subcutis`` in layers.yaml): its label and
# the entry in layer_contents.yaml that says what lives in it.
SUBCUTIS = {
    "fat": ("hypodermis", "hypodermis"),
    "areolar": ("loose subcutaneous tissue (no fat)", "areolar_tissue"),
}
DEFAULT_BENEATH = "fascia and muscle"
LAYERS_FILE = "layers.yaml"
STRATA_FILE = "strata.yaml"
CONTENTS_FILE = "layer_contents.yaml"
ILLUSTRATION_FILE = "illustration.yaml"


@dataclass(frozen=True)
class Layer:
    """One layer at one body site: where it starts and ends, how sure we are, and why.

    Attributes
    ----------
    key : str
        The layer's key, e.g. ``"viable_epidermis"`` (see :data:`LAYERS` and :data:`STRATA`).
    label : str
        Its name for learners, e.g. ``"viable epidermis"``.
    site : str
        The body site's key, e.g. ``"forearm"``.
    top_um, bottom_um : float
        Where the layer starts and ends, in micrometres below the surface.
    thickness_low_um, thickness_high_um : float
        The sources' range of its thickness, in micrometres.
    sources : tuple of str
        The reference keys its numbers come from.
    status : str
        The weakest status of its inputs: measured, estimated, assumption or placeholder.
    tissue : str
        For the layer under the dermis, ``"fat"`` or ``"areolar"``; ``""`` for the others.

    Examples
    --------
    >>> epidermis = layers_at("forearm")[1]
    >>> epidermis.label, round(epidermis.thickness_um, 1), epidermis.status
    ('viable epidermis', 56.6, 'measured')
    """

    key: str
    label: str
    site: str
    top_um: float
    bottom_um: float
    thickness_low_um: float
    thickness_high_um: float
    sources: tuple[str, ...]
    status: str  # the weakest status of its inputs: measured, estimated, assumption, placeholder
    tissue: str = ""  # for the layer under the dermis: "fat" or "areolar"

    @property
    def thickness_um(self) -> float:
        return self.bottom_um - self.top_um

    @property
    def is_placeholder(self) -> bool:
        return self.status == "placeholder"


def _sites_tree() -> dict:
    tree = dataset().tree(LAYERS_FILE)
    sites = tree.get("sites") if isinstance(tree, dict) else None
    if not isinstance(sites, dict) or not sites:
        raise DataError(f"{LAYERS_FILE}: sites: missing or empty")
    return sites


def sites() -> tuple[str, ...]:
    """The body sites the course has data for, e.g. ('cheek', 'forehead', ...).

    Returns
    -------
    tuple of str
        The sites' keys, in the data's order.

    Examples
    --------
    >>> sites()
    ('cheek', 'forehead', 'eyelid', 'forearm', 'back', 'palm', 'heel')
    """
    return tuple(_sites_tree())


def site_key(site: object) -> str:
    known = sites()
    if isinstance(site, str):
        key = site.strip().lower().replace(" ", "_")
        if key in known:
            return key
    raise ValueError(f"unknown body site {site!r}: choose one of {', '.join(known)}")


def site_label(site: str) -> str:
    key = site_key(site)
    return str(_sites_tree()[key].get("label", key))


def subcutis(site: str) -> str:
    """What lies under the dermis at a site: ``"fat"`` (most sites) or ``"areolar"`` (eyelid)."""
    kind = str(_sites_tree()[site_key(site)].get("subcutis", "fat"))
    if kind not in SUBCUTIS:
        raise DataError(f"{LAYERS_FILE}: sites.{site}.subcutis: {kind!r} is not one of "
                        f"{', '.join(SUBCUTIS)}")
    return kind


def beneath(site: str) -> str:
    """What lies below the deepest modelled layer at a site, in words (not modelled)."""
    raw = _sites_tree()[site_key(site)].get("beneath", DEFAULT_BENEATH)
    return str(raw.get("label", DEFAULT_BENEATH) if isinstance(raw, dict) else raw)


def position(site: str) -> str:
    """Where on the body part the site's values apply, in words ('' when not stated)."""
    return str(_sites_tree()[site_key(site)].get("position", ""))


def layer_label(site: str, layer: str) -> str:
    """A layer's name at a site: the layer under the dermis is named for what it is there."""
    if layer == "hypodermis":
        return SUBCUTIS[subcutis(site)][0]
    return LAYER_LABELS[layer]


def is_thick_skin(site: str) -> bool:
    """True for palm and sole: thick skin, the only places with a stratum lucidum."""
    return bool(_sites_tree()[site_key(site)].get("thick_skin", False))


def thickness(site: str, layer: str) -> Value:
    """The cited thickness of one layer (as stored) at a site, converted to micrometres.

    ``layer`` is one of the stored layers: stratum_corneum, viable_epidermis, dermis,
    papillary_dermis, hypodermis. The reticular dermis is derived: see :func:`layers_at`.
    """
    key = site_key(site)
    return dataset().value(LAYERS_FILE, "sites", key, layer).in_um()


def _status(*values: Value | Layer) -> str:
    """The weakest status of some values or layers (a layer carries its inputs' weakest)."""
    return weakest(*(v.status for v in values))


def layers_at(site: str) -> list[Layer]:
    """The five layers at a body site, from the surface down, with depths in micrometres.

    The reticular dermis is the dermis less the papillary dermis; as the papillary dermis is a share
    of the dermis, its range pairs the low ends and the high ends of the two.

    Parameters
    ----------
    site : str
        A body site (one of :func:`sites`; any case, a space for an underscore).

    Returns
    -------
    list of Layer
        Stratum corneum, viable epidermis, papillary dermis, reticular dermis and hypodermis, each
        with its top and bottom depth in micrometres below the surface.

    Raises
    ------
    ValueError
        For an unknown site.

    Examples
    --------
    >>> for layer in layers_at("forearm"):
    ...     print(f"{layer.label}: {layer.top_um:.1f} to {layer.bottom_um:.1f} µm")
    stratum corneum: 0.0 to 18.3 µm
    viable epidermis: 18.3 to 74.9 µm
    papillary dermis: 74.9 to 347.9 µm
    reticular dermis: 347.9 to 1439.9 µm
    hypodermis: 1439.9 to 5639.9 µm
    """
    key = site_key(site)
    sc = thickness(key, "stratum_corneum")
    ve = thickness(key, "viable_epidermis")
    de = thickness(key, "dermis")
    pd = thickness(key, "papillary_dermis")
    hy = thickness(key, "hypodermis")
    if pd.value >= de.value:
        raise DataError(f"{LAYERS_FILE}: sites.{key}.papillary_dermis: thicker than the dermis")
    # The papillary dermis is a share of the dermis, so the two move together: a thin dermis has a
    # thin papillary layer. The reticular range pairs their low ends and their high ends.
    value = de.value - pd.value
    ends = (de.low - pd.low, de.high - pd.high)
    ret = (value, max(min(min(ends), value), 0.0), max(max(ends), value),
           tuple(dict.fromkeys(de.sources + pd.sources)), _status(de, pd))
    stack = [
        ("stratum_corneum", sc.value, sc.low, sc.high, sc.sources, sc.status),
        ("viable_epidermis", ve.value, ve.low, ve.high, ve.sources, ve.status),
        ("papillary_dermis", pd.value, pd.low, pd.high, pd.sources, pd.status),
        ("reticular_dermis", *ret),
        ("hypodermis", hy.value, hy.low, hy.high, hy.sources, hy.status),
    ]
    out, top = [], 0.0
    tissue = subcutis(key)
    for name, thick, low, high, srcs, status in stack:
        out.append(Layer(name, layer_label(key, name), key, top, top + thick, low, high,
                         tuple(srcs), status, tissue if name == "hypodermis" else ""))
        top += thick
    return out


def _depth(depth_um: object) -> float:
    d = number(depth_um, "depth", "micrometres")
    if d < 0:
        raise ValueError(f"depth must be zero or more micrometres below the surface, got {d:g}")
    return d


def _find(stack: list[Layer], depth_um: object, what: str) -> Layer:
    d = _depth(depth_um)
    for layer in stack:
        if layer.top_um <= d < layer.bottom_um:  # a boundary belongs to the deeper layer
            return layer
    last = stack[-1]
    deeper = "the dermis" if what == "epidermis" else beneath(last.site)
    raise ValueError(f"{d:g} um is below the {what} modelled at the {last.site} (it ends at "
                     f"{last.bottom_um:.0f} um, with the {last.label}); deeper lies {deeper}")


def layer_at_depth(site: str, depth_um: float) -> Layer:
    """The layer at ``depth_um`` micrometres below the surface at ``site``.

    A depth exactly on a boundary belongs to the deeper layer. Raises ValueError with a clear
    message for an unknown site, a negative, NaN or non-numeric depth, or a depth below the
    hypodermis.

    Parameters
    ----------
    site : str
        A body site (one of :func:`sites`).
    depth_um : float
        The depth below the skin surface, in micrometres (zero or more).

    Returns
    -------
    Layer
        The layer that holds that depth.

    Raises
    ------
    ValueError
        For an unknown site, a depth that is negative, NaN or not a number, or a depth below the
        modelled hypodermis.

    Examples
    --------
    >>> layer_at_depth("cheek", 300).label
    'reticular dermis'
    >>> layer_at_depth("palm", 300).label
    'viable epidermis'
    >>> layer_at_depth("cheek", -5)
    Traceback (most recent call last):
    ...
    ValueError: depth must be zero or more micrometres below the surface, got -5
    """
    return _find(layers_at(site), depth_um, "skin")


def basal_cell_height() -> Value:
    """The height of one basal keratinocyte in micrometres (a course assumption): the stratum
    basale's thickness."""
    return dataset().value(STRATA_FILE, "basal_cell_height").in_um()


def granular_layers(site: str) -> Value:
    """How many layers of flattened granular cells the site's skin has (a course assumption)."""
    group = "thick_skin" if is_thick_skin(site) else "thin_skin"
    return dataset().value(STRATA_FILE, group, "granular_layers")


def granular_cell_height() -> Value:
    """The height of one flattened granular cell (a course assumption), in micrometres."""
    return dataset().value(STRATA_FILE, "granular_cell_height").in_um()


def lucidum_thickness() -> Value:
    """The stratum lucidum's drawn thickness: a course assumption, not a measurement."""
    return dataset().value(STRATA_FILE, "thick_skin", "stratum_lucidum").in_um()


@dataclass(frozen=True)
class Illustrated:
    """What an illustrated cross-section of a site needs besides its layers (see
    ``illustration.yaml``): most values are course assumptions, and each keeps its status."""

    papilla_height: Value  # um
    papilla_spacing: Value  # um
    basal_cell: tuple[float, float]  # (width, height) um
    spinous_cell: tuple[float, float]
    granular_cell: tuple[float, float]
    corneocyte: tuple[float, float]  # (width, one layer's height) um
    corneum_layers: Value  # cell layers
    adipocyte_diameter: Value  # um
    follicle_depth: Value | None  # fraction of the dermis; None: no follicle drawn
    no_follicle: str  # why none is drawn ('' when one is)
    sweat_gland_depth: Value  # fraction of the dermis

    def values(self) -> list[Value]:
        """Every data value the drawing uses (their statuses go into the figure's caption)."""
        out = [self.papilla_height, self.papilla_spacing, self.corneum_layers,
               self.adipocyte_diameter, self.sweat_gland_depth]
        return out + ([self.follicle_depth] if self.follicle_depth is not None else [])


def illustration(site: str) -> Illustrated:
    """The illustration's sizes and appendages for a site, from ``illustration.yaml``."""
    key = site_key(site)
    data = dataset()
    value = lambda *path: data.value(ILLUSTRATION_FILE, *path).in_um()  # noqa: E731
    tree = data.tree(ILLUSTRATION_FILE)
    basal = basal_cell_height().value
    granular = granular_cell_height().value
    corneum = thickness(key, "stratum_corneum").value
    layers = data.value(ILLUSTRATION_FILE, "corneum_layers", key)
    no_follicle = str((tree["appendages"].get("no_follicles") or {}).get(key, ""))
    follicle = (None if no_follicle else
                data.value(ILLUSTRATION_FILE, "appendages", "follicle_depth", key))
    return Illustrated(
        papilla_height=value("papillae", "height", key),
        papilla_spacing=value("papillae", "spacing"),
        basal_cell=(value("cells", "basal_width").value, basal),
        spinous_cell=(value("cells", "spinous_diameter").value,
                      value("cells", "spinous_diameter").value),
        granular_cell=(value("cells", "granular_width").value, granular),
        corneocyte=(value("cells", "corneocyte_width").value, corneum / layers.value),
        corneum_layers=layers,
        adipocyte_diameter=value("adipocyte_diameter"),
        follicle_depth=follicle,
        no_follicle=no_follicle,
        sweat_gland_depth=data.value(ILLUSTRATION_FILE, "appendages", "sweat_gland_depth"),
    )


def strata_at(site: str) -> list[Layer]:
    """The epidermis at a site split into its strata, surface first, depths in micrometres.

    The stratum corneum is the measured layer. Below it: in thick skin (palm, heel) the stratum
    lucidum at its assumed thickness; the stratum granulosum, a few flattened cell layers; the
    stratum spinosum, which takes the rest; and the stratum basale, one basal cell high.
    """
    key = site_key(site)
    sc, ve = layers_at(key)[:2]
    basal = basal_cell_height()
    count, flat = granular_layers(key), granular_cell_height()
    granular = Value(count.value * flat.value, "um", count.low * flat.low,
                     count.high * flat.high, tuple(dict.fromkeys(count.sources + flat.sources)),
                     _status(count, flat), "full-text")
    out = [Layer("stratum_corneum", STRATUM_LABELS["stratum_corneum"], key, sc.top_um,
                 sc.bottom_um, sc.thickness_low_um, sc.thickness_high_um, sc.sources, sc.status)]
    top = ve.top_um
    upper = []  # (key, thickness value) above the spinosum
    if is_thick_skin(key):
        upper.append(("stratum_lucidum", lucidum_thickness()))
    upper.append(("stratum_granulosum", granular))
    for name, v in upper:
        out.append(Layer(name, STRATUM_LABELS[name], key, top, top + v.value, v.low, v.high,
                         v.sources, v.status))
        top += v.value
    taken = sum(v.value for _, v in upper) + basal.value
    spinous = ve.thickness_um - taken
    if spinous <= 0:
        raise DataError(f"{STRATA_FILE}: the basal row, granular layers (and lucidum) leave no "
                        f"room for the stratum spinosum in the {key}'s viable epidermis")
    low = max(ve.thickness_low_um - sum(v.high for _, v in upper) - basal.high, 0.0)
    high = ve.thickness_high_um - sum(v.low for _, v in upper) - basal.low
    out.append(Layer("stratum_spinosum", STRATUM_LABELS["stratum_spinosum"], key, top,
                     top + spinous, low, high, tuple(dict.fromkeys(ve.sources)),
                     _status(ve, basal, *(v for _, v in upper))))
    top += spinous
    out.append(Layer("stratum_basale", STRATUM_LABELS["stratum_basale"], key, top,
                     top + basal.value, basal.low, basal.high,
                     tuple(dict.fromkeys(basal.sources)), basal.status))
    return out


def stratum_at_depth(site: str, depth_um: float) -> Layer:
    """The epidermal stratum at a depth (a boundary belongs to the deeper stratum).

    Parameters
    ----------
    site : str
        A body site (one of :func:`sites`).
    depth_um : float
        The depth below the skin surface, in micrometres (zero or more, within the epidermis).

    Returns
    -------
    Layer
        The stratum (corneum, lucidum, granulosum, spinosum or basale) that holds that depth.

    Raises
    ------
    ValueError
        For an unknown site, a depth that is negative or not a number, or a depth below the
        epidermis (in the dermis).

    Examples
    --------
    >>> stratum_at_depth("palm", 20).label
    'stratum corneum'
    >>> stratum_at_depth("cheek", 20).label
    'stratum granulosum'
    >>> stratum_at_depth("cheek", 100)
    Traceback (most recent call last):
    ...
    ValueError: 100 um is below the epidermis modelled at the cheek (it ends at 62 um, ...
    """
    return _find(strata_at(site), depth_um, "epidermis")


def contents(layer: str, site: str | None = None) -> dict:
    """What a layer or stratum is and what lives in it: label, summary, contents, source.

    With a ``site``, the layer under the dermis is described as what it is there (fat, or the
    eyelid's loose areolar tissue).
    """
    tree = dataset().tree(CONTENTS_FILE)
    if layer == "hypodermis" and site is not None:
        layer = SUBCUTIS[subcutis(site)][1]
    for group in ("layers", "strata", "other"):
        if layer in tree.get(group, {}):
            return dict(tree[group][layer])
    raise ValueError(f"unknown layer {layer!r}: choose one of {', '.join(LAYERS + STRATA)}")
