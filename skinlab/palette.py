"""One colour per layer and one categorical palette, safe for colour-blind readers.

The layer colours were chosen by search so that every pair stays at least 10 CAM02-UCS units
apart (delta-E') for normal vision and under simulated deuteranopia, protanopia and tritanopia at
full severity; ``tests/test_palette.py`` proves it. The categorical palette is Okabe & Ito's
(https://jfly.uni-koeln.de/color/), which passes the same test. Figures still label every layer
directly: colour is never the only cue.
"""

from __future__ import annotations

LAYER_COLORS: dict[str, str] = {
    "stratum_corneum": "#b6e336",
    "stratum_lucidum": "#eaffff",
    "stratum_granulosum": "#e68f00",
    "stratum_spinosum": "#bb78a5",
    "stratum_basale": "#d45002",
    "viable_epidermis": "#c2b6c2",
    "papillary_dermis": "#f5c4b0",
    "reticular_dermis": "#a1413f",
    "hypodermis": "#fff89f",
    # the layer under the dermis where it is not fat (the eyelid's loose subcutaneous tissue)
    "areolar_tissue": "#a1abfe",
}

# Okabe & Ito (2008), "Color Universal Design"; black first, for lines and text.
CATEGORICAL: tuple[str, ...] = (
    "#000000", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
)

INK = "#1a1a1a"  # text and outlines
HIGHLIGHT = "#0072b2"  # the edge drawn round a highlighted layer (Okabe-Ito blue)
PROBE = "#000000"
PAPER = "#ffffff"  # white: a channel's opening, the paper behind a label
GRID = "#dddddd"  # chart grid lines
SHADE = "#eeeeee"  # a band set apart in a chart (molecules with no log Kow)
NOT_STATED = "#9a9a9a"  # a study whose control varied or was not stated
SKIN_SURFACE = "#f3e6dc"  # skin seen from above (one square centimetre)
CLOT = "#6b0f1a"  # the clot in a fresh channel
NOT_MODELLED = "#dddddd"  # tissue below what the model covers (hatched)


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an sRGB colour such as '#a1413f'."""
    h = hex_colour.lstrip("#")
    chans = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (WCAG contrast)."""
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#ffffff") else "#ffffff"


def tissue_color(layer) -> str:
    """The colour of an :class:`skinlab.anatomy.Layer`: the layer's, or its tissue's where the
    layer under the dermis is not fat."""
    return layer_color("areolar_tissue" if getattr(layer, "tissue", "") == "areolar"
                       else layer.key)


def layer_color(layer: str) -> str:
    try:
        return LAYER_COLORS[layer]
    except KeyError:
        raise ValueError(f"no colour for layer {layer!r}: choose one of "
                         f"{', '.join(LAYER_COLORS)}") from None


def _mix(hex_colour: str, other: str, share: float) -> str:
    """``hex_colour`` moved ``share`` of the way to ``other`` (0: unchanged, 1: ``other``)."""
    a = [int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    b = [int(other.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b))


# The illustrated tissue (skinlab.draw.tissue): each layer's own colour, lightened, as the ground,
# and cells and fibres drawn over it in a darker tone of the same colour, so a layer keeps the
# colour that names it; vessels, glands and hair in the Okabe-Ito colours.
TISSUE: dict[str, str] = {
    **{key: _mix(colour, "#ffffff", 0.35) for key, colour in LAYER_COLORS.items()},
    **{f"{kind}_cell": _mix(LAYER_COLORS[key], "#ffffff", 0.15) for kind, key in (
        ("corneum", "stratum_corneum"), ("lucidum", "stratum_lucidum"),
        ("granular", "stratum_granulosum"), ("spinous", "stratum_spinosum"),
        ("basal", "stratum_basale"))},
    **{f"{kind}_edge": _mix(LAYER_COLORS[key], "#000000", 0.45) for kind, key in (
        ("corneum", "stratum_corneum"), ("lucidum", "stratum_granulosum"),
        ("granular", "stratum_granulosum"), ("spinous", "stratum_spinosum"),
        ("basal", "stratum_basale"))},
    "nucleus": "#4b2a63",
    "granule": "#3a1f0a",
    "collagen": _mix(LAYER_COLORS["reticular_dermis"], "#ffffff", 0.15),
    "collagen_fine": _mix(LAYER_COLORS["reticular_dermis"], "#ffffff", 0.3),
    "elastic": "#3b1e1e",
    "capillary": "#d55e00",
    "fat_cell": _mix(LAYER_COLORS["hypodermis"], "#ffffff", 0.5),
    "fat_edge": _mix(LAYER_COLORS["hypodermis"], "#000000", 0.45),
    "septum": _mix(LAYER_COLORS["reticular_dermis"], "#ffffff", 0.35),
    "areolar_fibre": _mix(LAYER_COLORS["areolar_tissue"], "#000000", 0.35),
    "muscle": "#b05060",
    "muscle_line": "#7a2c3a",
    "follicle": "#e9d3c0",
    "follicle_edge": "#5a3a2a",
    "hair": "#2b1a10",
    "sebaceous": "#f0e442",
    "sweat": "#0072b2",
}

# The tissue whose colour a layer shows over most of its drawn area: the viable epidermis is
# drawn stratum by stratum, and its spinous cells fill most of it (mauve), so its swatch is the
# spinous colour, not the viable epidermis's own band colour, which no illustration shows.
LEGEND_TISSUE = {"viable_epidermis": "stratum_spinosum"}


def legend_fill(key: str) -> str:
    """A layer's swatch (or flat band) colour: the colour the illustration shows it in, so a
    figure's legend and its flat bands match the drawn tissue and each other."""
    return TISSUE[LEGEND_TISSUE.get(key, key)]


def tissue_fill(layer) -> str:
    """:func:`legend_fill` for an :class:`skinlab.anatomy.Layer` (the eyelid's loose tissue where
    the layer under the dermis is not fat)."""
    return legend_fill("areolar_tissue" if getattr(layer, "tissue", "") == "areolar"
                       else layer.key)


# The phases of wound healing (skinlab.healing), as bands behind text: Okabe-Ito colours
# lightened, so black text stays readable on them; every band is also labelled in words.
PHASE_COLORS: dict[str, str] = {
    "haemostasis": _mix(CATEGORICAL[6], "#ffffff", 0.45),
    "inflammation": _mix(CATEGORICAL[2], "#ffffff", 0.35),
    "proliferation": _mix(CATEGORICAL[3], "#ffffff", 0.45),
    "remodelling": _mix(CATEGORICAL[1], "#ffffff", 0.45),
}

STEEL = "#8c8c8c"  # a needle's metal, in every figure and explorer that draws one
