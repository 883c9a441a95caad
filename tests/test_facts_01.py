"""Facts pass 2 (issue 22), notebook 01 and its figures: the review findings 00-03 #7, #12/#28,
#13, #17, #18 and #25, each held by a test."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import yaml

from conftest import basal_column_share
from skinlab import anatomy, figures
from skinlab.draw import tissue

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "01_skin_layers.ipynb"
GLOSSARY = ROOT / "skinlab" / "data" / "glossary.yaml"


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def _markdown() -> str:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
                     and not "".join(c["source"]).startswith(("## Glossary", "## References")))


def _terms() -> dict:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]


@pytest.fixture(scope="module")
def comparison():
    return figures.build("site_comparison")


# -- #7: the legend's colours are the colours drawn ------------------------------------------
@pytest.mark.parametrize("site", ["cheek", "forearm", "back"])
def test_legend_swatch_is_the_colour_each_layer_is_drawn_in(site):
    """Render a site's tissue; the commonest colour inside each layer's band is nearer that
    layer's legend swatch than any other swatch: a learner matching colours finds the layer."""
    layers = anatomy.layers_at(site)
    view = layers[3].bottom_um + 300.0
    h = 800
    w = int(round(h * 300.0 / view))
    pixels, _ = tissue.render(tissue.tissue_for(site, view, 300.0, appendages=False), w, h)
    swatches = {k: _rgb(figures.legend_fill(k)) for k in anatomy.LAYERS}
    for layer in layers:
        # the part of the band away from the wavy junction
        top, bottom = layer.top_um, min(layer.bottom_um, view)
        if layer.key == "viable_epidermis":
            bottom -= anatomy.illustration(site).papilla_height.value / 2 + 8
        r0, r1 = int(top / view * h) + 2, int(bottom / view * h) - 2
        if r1 - r0 < 4:
            continue
        band = pixels[r0:r1, :, :3].reshape(-1, 3)
        colours, counts = np.unique(band, axis=0, return_counts=True)
        mode = colours[np.argmax(counts)].astype(float)
        distance = {k: float(np.linalg.norm(mode - v)) for k, v in swatches.items()}
        assert min(distance, key=distance.get) == layer.key, (site, layer.key, distance)


def test_viable_epidermis_swatch_is_not_the_grey_no_column_shows(comparison):
    from skinlab.palette import TISSUE
    fig, _, _ = comparison
    legend = fig.legends[0]
    [handle] = [h for h, t in zip(legend.legend_handles, legend.get_texts())
                if t.get_text() == "viable (living) epidermis"]
    colour = handle.get_facecolor()[:3]
    assert colour != pytest.approx(tuple(_rgb(TISSUE["viable_epidermis"]) / 255))
    assert colour == pytest.approx(tuple(_rgb(TISSUE["stratum_spinosum"]) / 255))


# -- #13: the basal row is in view on thin skin ----------------------------------------------
@pytest.mark.parametrize("site", [figures.THIN_SITE, figures.THICK_SITE])
def test_strata_panel_shows_the_whole_basal_row(site):
    fig, _, _ = figures.build("epidermis_strata")
    ax = next(a for a in fig.axes if a.get_gid() == f"strata-{site}")
    view = max(ax.get_ylim())
    info = anatomy.illustration(site)
    deepest_basal = anatomy.strata_at(site)[-1].bottom_um + info.papilla_height.value / 2
    assert view >= deepest_basal + info.basal_cell[1] - 1e-9  # and a basal cell of dermis
    columns_with_basal = basal_column_share(ax)
    # a row all the way across (on the palm, texture strokes hide it in a few columns)
    assert columns_with_basal > 0.8, columns_with_basal


def test_spinous_cells_are_drawn_the_same_size_in_both_panels():
    """The reviewer read the palm's spinous cells as smaller: both panels draw the data's one
    spinous diameter (a course assumption), each at its own panel's scale."""
    cheek = dict(tissue.tissue_for("cheek", 80, 20).cells)["stratum_spinosum"]
    palm = dict(tissue.tissue_for("palm", 430, 100).cells)["stratum_spinosum"]
    assert cheek == palm


# -- #17: the composite site is called so ----------------------------------------------------
def test_upper_back_is_called_a_composite_site(comparison):
    fig, alt, _ = comparison
    texts = " ".join(t.get_text().replace("\n", " ") for t in fig.texts)
    assert "upper back is a composite site" in texts
    assert "upper back is a composite site" in alt
    text = re.sub(r"\s+", " ", _markdown())
    assert "upper back** is a composite" in text
    assert "shoulder" in text


# -- #18: no ratio across methods without saying so ------------------------------------------
def test_sc_ratios_are_same_method_or_flagged():
    text = re.sub(r"\s+", " ", _markdown())
    # the palm/cheek ratio: both by one method
    assert re.search(r"both measured the same way \(confocal Raman", text)
    # the table's heel/upper-back ratio: called rough, and why
    assert "measured in different ways" in text
    assert "Compare sites by a ratio only where one method measured both" in text
    data = yaml.safe_load((ROOT / "skinlab/data/layers.yaml").read_text(encoding="utf-8"))
    sc = {s: data["sites"][s]["stratum_corneum"] for s in ("cheek", "palm", "back", "heel")}
    assert "Raman" in sc["cheek"]["note"] and "Raman" in sc["palm"]["note"]
    assert "biops" in sc["back"]["note"].lower() or "Shoulder" in sc["back"]["note"]


# -- #25: one convention for the hypodermis --------------------------------------------------
def test_one_hypodermis_convention_with_the_other_noted():
    text = re.sub(r"\s+", " ", _markdown())
    assert "skin has three layers" not in text
    assert "two layers, and a third lies under it" in text
    assert "many textbooks count it as the skin's third layer" in text
    terms = _terms()
    assert "three layers" not in terms["epidermis"]["definition"]
    assert "many texts count the hypodermis as a third" in terms["epidermis"]["definition"]
    assert "under the skin" in terms["hypodermis"]["definition"]
    assert "third layer" in terms["hypodermis"]["definition"]


# -- #12 (00-03) and #28 (04-06): one definition of exfoliation ------------------------------
def test_exfoliation_is_wide_and_resurfacing_is_its_deeper_part():
    terms = _terms()
    exf, res = terms["exfoliation"]["definition"], terms["resurfacing"]["definition"]
    assert "stratum corneum" in exf and "living epidermis or dermis" in exf
    assert "resurfacing" in exf and "not a form of exfoliation" in exf
    assert "papillary dermis" in res and "reticular dermis" in res
    assert "exfoliation of the stratum corneum alone is not resurfacing" in res


def test_notebook_01_does_not_narrow_exfoliation():
    text = _markdown().lower()
    assert "exfoliation removes only" not in text
    assert "only dead cells" not in text
