"""The illustrated tissue: what it draws follows the data (one basal row, a lucidum only in thick
skin, follicles where the site has them, fat or loose tissue under the dermis), its boundaries sit
at the model's depths within a pixel, it is to scale, and its cache stays bounded."""

from __future__ import annotations

import numpy as np
import pytest

from skinlab import anatomy
from skinlab.draw import tissue as T
from skinlab.explore import EXPLORERS

SITES = anatomy.sites()
SIZE = (288, 403)


def _render(site, view):
    t = T.tissue_for(site, view, view * SIZE[0] / SIZE[1])
    return t, *T.render(t, *SIZE)


@pytest.mark.parametrize("site", SITES)
def test_what_is_drawn_follows_the_data(site):
    info = anatomy.illustration(site)
    thick = anatomy.is_thick_skin(site)
    _, _, near = _render(site, 200)
    if "stratum_basale" in near.cells:
        assert near.rows["stratum_basale"] == 1  # one row of basal cells
    assert "stratum_basale" in near.cells or thick  # thin skin's basal row is within 200 um
    t, pixels, inv = _render(site, 1000)
    assert pixels.shape == (SIZE[1], SIZE[0], 4)
    assert ("stratum_lucidum" in inv.strata) == thick  # only the palm and the heel
    assert inv.follicles == inv.sebaceous_glands == (0 if info.no_follicle else 1)
    assert inv.sweat_glands == 1
    # papillae at the data's spacing, one capillary loop in each where they can be seen
    assert inv.papillae == len(np.arange(t.papilla_um[1] / 2, t.width_um, t.papilla_um[1]))
    if t.papilla_um[0] * (SIZE[1] / 1000) >= T.MIN_CELL_PX:
        assert inv.capillary_loops == inv.papillae
    # deep enough to show what lies under the dermis
    deep = anatomy.layers_at(site)[-1].bottom_um if anatomy.subcutis(site) == "areolar" else \
        anatomy.layers_at(site)[-1].top_um + 1500
    _, _, inv = _render(site, float(min(5000, max(1000, deep * 1.1))))
    if anatomy.subcutis(site) == "areolar":
        assert inv.fat_cells == 0 and inv.muscle  # loose tissue, then the muscle: no fat
    else:
        assert inv.fat_cells > 0 and inv.septa > 0 and not inv.muscle


def test_cells_too_small_to_see_are_texture():
    _, _, near = _render("cheek", 200)
    _, _, far = _render("cheek", 5000)
    assert near.cells.get("stratum_spinosum", 0) > 0
    assert "stratum_spinosum" in far.texture and "stratum_spinosum" not in far.cells
    px_per_um = SIZE[1] / 200
    size = dict(T.tissue_for("cheek", 200, 1).cells)
    for key in near.cells:
        assert min(size[key]) * px_per_um >= T.MIN_CELL_PX >= 6


@pytest.mark.parametrize("site", SITES)
def test_boundaries_sit_at_the_model_depths_within_a_pixel(site):
    """In the layer explorer's picture: every straight boundary at its layer's bottom, and the
    junction's wave centred on the model's junction, to a pixel; equal aspect."""
    exp = EXPLORERS["layers"]()
    exp.render(site=site, view_um=1000.0)
    ax = exp.parts["section"].ax
    ill = exp.parts["tissue"]
    to_px = ax.transData.transform
    (x0, y0), (x1, y1) = to_px([(0, 0), (100, 100)])
    assert abs(abs(x1 - x0) - abs(y1 - y0)) < 0.01 * abs(y1 - y0)  # 1 um across = 1 um down
    layers = anatomy.layers_at(site)
    want = [x.bottom_um for x in layers if x.bottom_um < 1000]
    got = [seg for seg in ill.lines.get_segments()]
    assert len(got) == len(want)
    junction = ill.tissue.junction_um
    for depth, seg in zip(want, got):
        rows = to_px(seg)[:, 1]
        expected = to_px([(0, depth)])[0, 1]
        if abs(depth - junction) < 1e-6:  # the wave: its mean is the model's depth
            assert abs(rows.mean() - expected) < 1.0, (site, depth)
            assert np.ptp(seg[:, 1]) == pytest.approx(ill.tissue.papilla_um[0], rel=0.02)
        else:
            assert np.all(np.abs(rows - expected) < 1.0), (site, depth)


def test_a_boundary_drawn_in_the_raster_matches_the_model():
    """The raster's own bands: the hypodermis starts at the model's depth, to a pixel (read as
    the row where the fill turns from the reticular dermis's colour to the fat's)."""
    from skinlab.palette import TISSUE
    site, view = "back", 5000.0
    t, pixels, _ = _render(site, view)
    fat_top = anatomy.layers_at(site)[-1].top_um
    row = fat_top * SIZE[1] / view
    target = np.array([int(TISSUE["hypodermis"][i:i + 2], 16) for i in (1, 3, 5)])
    reticular = np.array([int(TISSUE["reticular_dermis"][i:i + 2], 16) for i in (1, 3, 5)])
    column = pixels[:, 5, :3].astype(int)  # the left edge: no follicle or gland there
    near_fat = np.linalg.norm(column - target, axis=1) < np.linalg.norm(column - reticular,
                                                                        axis=1)
    first = int(np.argmax(near_fat[int(row) - 20:])) + int(row) - 20
    assert abs(first - row) <= 1.5


def test_the_cache_is_bounded():
    for view in (200.0, 500.0, 1000.0, 2000.0, 5000.0):
        for site in SITES:
            _render(site, view)
    assert 0 < T.cache_bytes() <= T.CACHE_BYTES


def test_the_same_view_is_the_same_picture():
    t = T.tissue_for("forearm", 1000, 700)
    a = T.render(t, *SIZE)[0]
    T.clear_cache()
    assert T.cache_bytes() == 0
    b = T.render(t, *SIZE)[0]
    assert a is not b and np.array_equal(a, b)
