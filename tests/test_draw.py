"""Drawing components: each owns its artists and draws from a plain state; overlays combine on
one cross-section; time axes map time to position; the surface view draws what it is given."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from skinlab import anatomy
from skinlab.draw import (CrossSection, DepthMarker, NeedleChannels, ReachOverlay, SurfaceView,
                          TimeAxis)

VIEW = 1000.0
# what every NeedleChannels state gives besides what a test varies: no bracket, no needle length
NEEDLES = {"range_um": None, "length_um": None, "headroom_um": 0.0, "span_um": VIEW,
           "needles": True}


def _pixels(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()


@pytest.fixture
def section():
    fig = Figure(figsize=(6.4, 4.8), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.13, 0.06, 0.45, 0.84))
    cross = CrossSection(ax, anatomy.LAYERS)
    cross.update({"layers": tuple(anatomy.layers_at("cheek")), "view_um": VIEW})
    return fig, ax


def test_two_overlays_combine_on_one_cross_section(section):
    fig, ax = section
    reach, needles = ReachOverlay(ax), NeedleChannels(ax)
    layers = anatomy.layers_at("cheek")
    reach_on = {"removed_um": layers[1].top_um, "band": (layers[1].top_um, layers[1].bottom_um),
                "level_um": layers[1].bottom_um, "view_um": VIEW, "label": "deepest"}
    reach_off = {"removed_um": 0.0, "band": None, "level_um": None, "view_um": VIEW}
    needles_on = {**NEEDLES, "reach_um": 600.0, "width_um": 100.0, "count": 3, "view_um": VIEW,
                  "label": "needle tip"}
    needles_off = {**NEEDLES, "reach_um": None, "width_um": 100.0, "count": 3, "view_um": VIEW}

    def draw(r, n):
        reach.update(r)
        needles.update(n)
        return _pixels(fig)

    base = draw(reach_off, needles_off)
    only_reach = draw(reach_on, needles_off)
    only_needles = draw(reach_off, needles_on)
    both = draw(reach_on, needles_on)
    reach_changed = (only_reach != base).any(axis=-1)
    needles_changed = (only_needles != base).any(axis=-1)
    both_changed = (both != base).any(axis=-1)
    assert reach_changed.sum() > 500 and needles_changed.sum() > 500
    # every pixel either overlay changes on its own is changed when both are drawn
    assert not (reach_changed & ~both_changed).any()
    assert not (needles_changed & ~both_changed).any()
    # and where both draw, the needles are on top of the reach overlay (bar antialiased edges)
    where = needles_changed & reach_changed
    assert where.any() and (both[where] == only_needles[where]).mean() > 0.9


def test_every_component_is_an_overlay_or_not_and_owns_its_artists(section):
    fig, ax = section
    for comp in (DepthMarker(ax), ReachOverlay(ax), NeedleChannels(ax)):
        assert comp.overlay is True
        assert comp.artists() and all(a.axes is ax or a.figure is fig for a in comp.artists())
    cross = CrossSection(ax, ("stratum_corneum",))
    assert cross.overlay is False and cross.artists()


def test_needle_channels_are_drawn_to_the_depth_they_are_given(section):
    fig, ax = section
    needles = NeedleChannels(ax)
    needles.update({**NEEDLES, "reach_um": 400.0, "width_um": 70.0, "count": 2,
                    "view_um": VIEW})
    tips = [max(y for _, y in path.vertices) for path in needles.channels.get_paths()]
    assert tips == pytest.approx([400.0, 400.0])
    needles.update({**NEEDLES, "reach_um": 400.0, "width_um": 0.0, "count": 2, "view_um": VIEW,
                    "needles": False})
    assert not needles.needles.get_paths() and len(needles.channels.get_paths()) == 2


@pytest.mark.parametrize("axis", [TimeAxis(60), TimeAxis(365, "log"),
                                  TimeAxis(365, "piecewise", ((7, 0.35), (30, 0.6)))])
def test_time_axes_run_from_0_to_1_and_keep_order(axis):
    times = [0, 0.5, 1, 3, 7, 14, 30, 60, 200, axis.end]
    places = [axis.position(t) for t in times]
    assert places[0] == 0 and places[-1] == pytest.approx(1.0)
    assert places == sorted(places)
    assert axis.position(axis.end * 2) == pytest.approx(1.0)  # clamped
    ticks = axis.ticks()
    assert ticks[0] == 0 and ticks == sorted(ticks) and ticks[-1] <= axis.end


def test_a_log_or_piecewise_axis_keeps_the_first_week_readable():
    linear, log = TimeAxis(365), TimeAxis(365, "log")
    piece = TimeAxis(365, "piecewise", ((7, 0.35), (30, 0.6)))
    assert linear.position(7) < 0.05
    assert log.position(7) > 0.3 and piece.position(7) == pytest.approx(0.35)


@pytest.mark.parametrize("bad", [dict(end=0), dict(end=10, scale="cubic"),
                                 dict(end=10, scale="piecewise", breaks=((5, 0.8), (6, 0.2)))])
def test_bad_time_axes_are_refused(bad):
    with pytest.raises(ValueError):
        TimeAxis(**bad)


def test_surface_view_draws_the_channels_it_is_given_and_the_treated_share():
    fig = Figure(figsize=(4, 4), dpi=100)
    FigureCanvasAgg(fig)
    surface = SurfaceView(fig.add_axes((0.15, 0.2, 0.7, 0.7)))
    surface.update({"channels": 250, "diameter_um": 70.0, "treated": 0.0, "seed": 1})
    assert surface.drawn() == 250
    first = _pixels(fig)
    surface.update({"channels": 250, "diameter_um": 70.0, "treated": 0.0, "seed": 1})
    assert (first == _pixels(fig)).all()  # seeded: the same picture for the same numbers
    surface.update({"channels": 0, "diameter_um": 70.0, "treated": 1.0})
    assert surface.drawn() == 0 and surface.wash.get_height() == pytest.approx(10.0)


def test_a_band_highlight_outlines_one_band_and_hides_without_one():
    from matplotlib.figure import Figure

    from skinlab.draw import BandHighlight
    fig = Figure()
    ax = fig.add_subplot()
    hi = BandHighlight(ax)
    assert hi.overlay
    hi.update({"band": (20.0, 65.0)})
    assert hi.rect.get_visible() and (hi.rect.get_y(), hi.rect.get_height()) == (20.0, 45.0)
    hi.update({"band": None})
    assert not hi.rect.get_visible()


def test_png_encoding_round_trips_every_pixel():
    import io

    import numpy as np
    from PIL import Image

    from skinlab.draw import png
    rng = np.random.default_rng(7)
    for shape in ((1, 1, 4), (3, 5, 4), (48, 64, 3)):
        pixels = rng.integers(0, 256, shape, dtype=np.uint8)
        data = png.encode(pixels)
        back = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
        assert back.shape == shape[:2] + (3,) and np.array_equal(back, pixels[..., :3])
    with pytest.raises(ValueError, match="uint8 image"):
        png.encode(np.zeros((4, 4), dtype=np.uint8))


def test_a_needle_is_drawn_as_far_in_as_it_goes_with_the_rest_above_the_surface(section):
    """Dimple, then pierce: the tip at the depth handed in, the rest of the needle above the
    surface (on a strip above the section), the surface dipping around the needle."""
    from skinlab.draw import NeedleReach

    fig, ax = section
    above = fig.add_axes((0.13, 0.9, 0.45, 0.08))
    needle = NeedleReach(ax, above)
    needle.update({"needle_um": 1000.0, "needle_width_um": 100.0, "tip_um": 593.0,
                   "spread": (186.0, 1000.0), "channel": None, "span_um": VIEW,
                   "view_um": VIEW, "above_um": 430.0})
    assert needle.tip_y() == pytest.approx(593.0)
    assert needle.above_length() == pytest.approx(1000.0 - 593.0)
    assert all(y <= 0 for _, y in needle.shaft.get_xy())  # the shaft is all above the surface
    assert all(y >= 0 for _, y in needle.needle.get_xy())  # the inserted part all below it
    assert above.get_ylim() == (0, -430.0)
    surface = needle.surface.get_ydata()
    assert max(surface) > 0 and surface[0] == 0 and surface[-1] == 0  # it dips, then is level
    lows, highs = needle.bracket.get_ydata()[0], needle.bracket.get_ydata()[2]
    assert (lows, highs) == (186.0, 1000.0)
    # a longer needle at the same depth stands further out; the tip does not move
    needle.update({"needle_um": 1500.0, "needle_width_um": 100.0, "tip_um": 593.0,
                   "spread": (186.0, 1000.0), "channel": None, "view_um": VIEW,
                   "span_um": VIEW, "above_um": 430.0})
    assert needle.tip_y() == pytest.approx(593.0)
    assert needle.above_length() == pytest.approx(907.0)


def test_the_closure_chart_draws_the_range_as_a_band():
    from skinlab.draw import ClosureChart

    fig = Figure()
    chart = ClosureChart(fig.add_subplot())
    chart.update({"hours": (0, 1, 2), "open": (1, 0.5, 0), "band": ((1, 0, 0), (1, 0.5, 0)),
                  "marks": ()})
    assert chart.band.get_visible()
    ys = [y for _, y in chart.band.get_xy()]
    assert min(ys) == 0 and max(ys) == 1
    chart.update({"hours": (), "open": (), "band": None, "marks": ()})
    assert not chart.band.get_visible()
