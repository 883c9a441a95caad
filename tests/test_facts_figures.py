"""Facts pass 2 (issue 22), the static figures: review 00-03 #7 (the viable epidermis one colour
across figures) and #13 (the basal row in view on thin skin in the site comparison too)."""

from __future__ import annotations

import pytest
from matplotlib.patches import Rectangle

from conftest import basal_column_share, rgb
from skinlab import anatomy, figures
from skinlab.palette import LAYER_COLORS, TISSUE, legend_fill


def _legend_colour(fig, label: str) -> tuple:
    legend = fig.legends[0]
    [handle] = [h for h, t in zip(legend.legend_handles, legend.get_texts())
                if t.get_text() == label]
    return tuple(handle.get_facecolor()[:3])


@pytest.fixture(scope="module")
def comparison():
    return figures.build("site_comparison")


@pytest.fixture(scope="module")
def needles():
    return figures.build("needle_lengths")


# -- #7: the viable epidermis is the same mauve in every figure ------------------------------
def test_needle_figure_draws_the_viable_epidermis_in_the_site_comparisons_legend_colour(
        comparison, needles):
    swatch = _legend_colour(comparison[0], "viable (living) epidermis")
    assert swatch == pytest.approx(rgb(TISSUE["stratum_spinosum"]))
    fig, _, _ = needles
    [ax] = [a for a in fig.axes if a.patches]
    ve = anatomy.layers_at("cheek")[1]
    bands = [p for p in ax.patches if isinstance(p, Rectangle)
             and p.get_y() == pytest.approx(ve.top_um)
             and p.get_height() == pytest.approx(ve.thickness_um)]
    assert bands, "the cheek's viable epidermis band"
    for band in bands:
        assert tuple(band.get_facecolor()[:3]) == pytest.approx(swatch)
    assert _legend_colour(fig, anatomy.LAYER_LABELS["viable_epidermis"]) == pytest.approx(swatch)


def test_the_grey_lilac_band_colour_is_in_no_figure(comparison, needles):
    grey = rgb(LAYER_COLORS["viable_epidermis"])
    pale = rgb(TISSUE["viable_epidermis"])
    for fig, _, _ in (comparison, needles):
        for ax in fig.axes:
            for patch in ax.patches:
                assert tuple(patch.get_facecolor()[:3]) not in (pytest.approx(grey),
                                                                 pytest.approx(pale))


def test_every_needle_figure_layer_matches_the_site_comparison_legend(comparison, needles):
    for key in anatomy.LAYERS:
        label = anatomy.LAYER_LABELS[key]
        assert _legend_colour(needles[0], label) == pytest.approx(
            rgb(legend_fill(key))), key
    assert _legend_colour(needles[0], "eyelid: loose tissue, no fat") == pytest.approx(
        _legend_colour(comparison[0], "loose tissue, no fat (eyelid)"))


# -- #13: the basal row is in view across the site comparison's top panel ---------------------
@pytest.mark.parametrize("site", anatomy.sites())
def test_site_comparison_epidermis_column_reaches_below_the_basal_row(comparison, site):
    """Each column shows what the strata figure shows: the epidermis, half a papilla's height
    (the rete ridges, which the basal row follows) and one basal cell of dermis beneath."""
    fig, _, _ = comparison
    inset = next(a for a in fig.axes if a.get_gid() == f"tissue-epidermis-{site}")
    assert max(inset.get_ylim()) >= figures.strata_view_um(site) - 1e-9
    gid = "epidermis-thick" if anatomy.is_thick_skin(site) else "epidermis-thin"
    panel = next(a for a in fig.axes if a.get_gid() == gid)
    assert max(panel.get_ylim()) >= figures.strata_view_um(site) - 1e-9


@pytest.mark.parametrize("site", [s for s in anatomy.sites() if not anatomy.is_thick_skin(s)])
def test_site_comparison_shows_the_basal_colour_across_each_thin_skin_column(comparison, site):
    """The basal cells' colour (or the basal layer's ground) appears in nearly every pixel column
    of the site's drawn tissue: a row all the way across, not a wedge in a corner. (On thick
    skin at this scale the basal row is a line a few pixels high along the ridges.)"""
    fig, _, _ = comparison
    inset = next(a for a in fig.axes if a.get_gid() == f"tissue-epidermis-{site}")
    columns_with_basal = basal_column_share(inset)
    assert columns_with_basal > 0.8, (site, columns_with_basal)
