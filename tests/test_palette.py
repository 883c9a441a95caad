"""The palette stays distinguishable for colour-blind readers, and figures label layers directly."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert

from conftest import rgb

from skinlab import anatomy
from skinlab.palette import CATEGORICAL, LAYER_COLORS, contrast, text_on

SIMULATIONS = {
    "normal vision": None,
    "deuteranopia": {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100},
    "protanopia": {"name": "sRGB1+CVD", "cvd_type": "protanomaly", "severity": 100},
    "tritanopia": {"name": "sRGB1+CVD", "cvd_type": "tritanomaly", "severity": 100},
}


def _ucs(colours: dict[str, str], sim) -> dict[str, np.ndarray]:
    out = {}
    for name, hx in colours.items():
        colour = np.array(rgb(hx))
        if sim is not None:
            colour = np.clip(cspace_convert(colour, sim, "sRGB1"), 0, 1)
        out[name] = cspace_convert(colour, "sRGB1", "CAM02-UCS")
    return out


@pytest.mark.parametrize("palette", ["layers", "categorical"])
@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_every_pair_is_at_least_10_delta_e_apart(palette, vision):
    colours = LAYER_COLORS if palette == "layers" else dict(enumerate(CATEGORICAL))
    ucs = _ucs(colours, SIMULATIONS[vision])
    close = [(a, b, round(float(np.linalg.norm(ucs[a] - ucs[b])), 1))
             for a, b in itertools.combinations(ucs, 2)
             if np.linalg.norm(ucs[a] - ucs[b]) < 10]
    assert close == [], f"too close under {vision}: {close}"


def test_every_layer_and_stratum_has_a_colour():
    assert set(anatomy.LAYERS) | set(anatomy.STRATA) <= set(LAYER_COLORS)


def test_text_on_a_fill_reads_at_wcag_aa():
    for fill in LAYER_COLORS.values():
        assert contrast(fill, text_on(fill)) >= 4.5, fill


def test_figures_label_layers_directly_not_by_colour_alone():
    from skinlab.explore import LayerExplorer

    exp = LayerExplorer()
    exp.render(site="forearm", view_um=5000)
    labels = [b.label.get_text() for b in exp.parts["section"].bands.values()
              if b.label.get_visible()]
    for key in anatomy.LAYERS:
        assert any(lbl.startswith(anatomy.LAYER_LABELS[key]) for lbl in labels), key
