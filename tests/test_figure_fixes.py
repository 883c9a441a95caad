"""Figure review fixes: the side-by-side explorer's layer labels clear of the needle's section and
of the squares; every molecule named on the map; the default schedule's line told apart from
collagen I and the collagen axis fitted to the data; a review's pooled n marked apart from single
studies; a scale bar on the channel map; a key to what the tissue drawing shows; one colour per
layer in every figure."""

from __future__ import annotations

import itertools

import matplotlib.colors as mcolors
import pytest
from matplotlib.patches import Patch
from matplotlib.text import Text

from skinlab import anatomy, diffusion, figures, healing
from skinlab import microneedling as mn
from skinlab.draw import CrossSection
from skinlab.draw.healing import POOLED_WORDS
from skinlab.draw.tissue import key_entries
from skinlab.explore import EXPLORERS
from skinlab.palette import LAYER_COLORS, TISSUE, legend_fill


def _renderer(exp):
    return exp.fig.canvas.get_renderer()


# -- 1: the side-by-side explorer's layer labels ------------------------------------------------
@pytest.mark.parametrize("site,view", list(itertools.product(anatomy.sites(),
                                                             (200.0, 1000.0, 5000.0))))
def test_compare_layer_labels_are_clear_of_the_needle_section_and_the_squares(site, view):
    exp = EXPLORERS["compare"]()
    exp.render(site=site, view_um=view, needle_mm=1.0, device="roller")
    r = _renderer(exp)
    needle = exp.parts["needles"].ax.get_window_extent(r)  # the section the needle is drawn in
    squares = min(exp.parts[k].ax.get_tightbbox(r).x0 for k in ("surface_a", "surface_b"))
    boxes = []
    for band in exp.parts["section_b"].bands.values():
        if not band.label.get_visible():
            continue
        box = band.label.get_window_extent(r)
        assert box.x0 >= needle.x1 + 5, (band.label.get_text(), box.x0, needle.x1)
        assert box.x1 <= squares - 3, (band.label.get_text(), box.x1, squares)
        boxes.append(box)
    assert boxes
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)


def test_a_narrow_sections_labels_wrap_and_say_continues_on_a_line_of_their_own():
    exp = EXPLORERS["compare"]()
    exp.render(site="eyelid", view_um=1000.0)
    texts = [b.label.get_text() for b in exp.parts["section_b"].bands.values()
             if b.label.get_visible()]
    assert all(max(len(line) for line in t.split("\n")) <= 35 for t in texts), texts
    assert any(t.startswith("loose subcutaneous tissue (no fat):\n") for t in texts), texts
    exp.render(site="cheek", view_um=200.0)
    texts = [b.label.get_text() for b in exp.parts["section_b"].bands.values()
             if b.label.get_visible()]
    assert any(t.endswith("\n(continues)") for t in texts), texts


# -- 2: every molecule named on the map ---------------------------------------------------------
@pytest.fixture(scope="module")
def molecule_map():
    exp = EXPLORERS["molecules"]()
    exp.render(molecule="caffeine")
    return exp


def test_every_molecule_in_the_data_has_a_label_on_the_map(molecule_map):
    labels = molecule_map.parts["map"].labels
    names = [m.name for m in diffusion.molecules()]
    assert sorted(labels) == sorted(names)
    ax = molecule_map.parts["map"].ax
    for name, text in labels.items():
        assert isinstance(text, Text) and text.get_text() == name and text.get_visible()
        assert text in ax.texts  # drawn on the map


def test_molecule_labels_do_not_overlap_and_stay_on_the_map(molecule_map):
    r = _renderer(molecule_map)
    ax = molecule_map.parts["map"].ax
    frame = ax.get_window_extent(r)
    # the words' own boxes (an annotation's extent takes in its leader too)
    boxes = {n: Text.get_window_extent(t, r)
             for n, t in molecule_map.parts["map"].labels.items()}
    for (n1, a), (n2, b) in itertools.combinations(boxes.items(), 2):
        assert not a.overlaps(b), (n1, n2)
    for n, b in boxes.items():
        assert frame.x0 - 1 <= b.x0 and b.x1 <= frame.x1 + 1, n
        assert frame.y0 - 1 <= b.y0 and b.y1 <= frame.y1 + 1, n


def test_the_picked_molecule_is_named_over_its_own_label(molecule_map):
    for m in diffusion.molecules():
        molecule_map.render(molecule=m.key)
        marker = molecule_map.parts["marker"].text
        own = molecule_map.parts["map"].labels[m.name]
        assert marker.get_text() == m.name
        assert tuple(marker.xy) == pytest.approx(tuple(own.xy))
        assert tuple(marker.get_position()) == pytest.approx(tuple(own.get_position()))


# -- 3: the session planner ---------------------------------------------------------------------
def test_default_schedule_line_is_told_apart_from_collagen_i():
    exp = EXPLORERS["sessions"]()
    exp.render(sessions=3, interval_weeks=4.0)  # the default: the two curves coincide
    chart = exp.parts["chart"]
    ref, i = chart.ref_line, chart.i_line
    assert list(ref.get_ydata()) == pytest.approx(list(i.get_ydata()))
    assert mcolors.to_hex(ref.get_color()) != mcolors.to_hex(i.get_color())
    assert ref.get_linestyle() != i.get_linestyle()
    assert ref.get_marker() not in (None, "", "None") and ref.get_markevery()
    # drawn first, under the schedule's own line, and named in the legend
    artists = chart.artists()
    assert artists.index(ref) < artists.index(i)
    legend = chart.ax.get_legend()
    assert "collagen I, default schedule" in [t.get_text() for t in legend.get_texts()]


@pytest.mark.parametrize("sessions,weeks", [(3, 4.0), (1, 4.0), (6, 1.0), (3, 8.0)])
def test_collagen_axis_fits_the_data_with_headroom(sessions, weeks):
    exp = EXPLORERS["sessions"]()
    exp.render(sessions=sessions, interval_weeks=weeks)
    chart = exp.parts["chart"]
    peak = max(max(line.get_ydata()) for line in (chart.iii_line, chart.i_line, chart.ref_line))
    top = chart.ax.get_ylim()[1]
    assert 1.05 * peak <= top <= 1.5 * peak + 5
    if sessions == 3 and weeks == 4.0:
        assert peak < 55 and top < 100  # the default peaks near 40-50: no axis to 100


def test_collagen_axis_change_redraws_like_a_full_draw():
    a, b = EXPLORERS["sessions"](), EXPLORERS["sessions"]()
    a.render(sessions=3, interval_weeks=4.0)
    assert a.render(sessions=6, interval_weeks=1.0) == b.render(sessions=6, interval_weeks=1.0)


# -- 4: the review's pooled n -------------------------------------------------------------------
def test_review_pooled_n_is_marked_apart_from_single_studies():
    exp = EXPLORERS["evidence"]()
    exp.render(show="all")
    rows = healing.studies()
    chart = exp.parts["chart"]
    reviews = [k for k, r in enumerate(rows) if r.ranked_with]
    assert reviews
    style = lambda p: (mcolors.to_hex(p.get_markeredgecolor()),  # noqa: E731
                       p.get_markeredgewidth(), p.get_markersize())
    studies = {style(chart.points[k]) for k, r in enumerate(rows) if not r.ranked_with}
    for k in reviews:
        assert style(chart.points[k]) not in studies
        assert "pooled" in chart.notes[k].get_text()
    legend = exp.fig.legends[0]
    [entry] = [h for h, t in zip(legend.legend_handles, legend.get_texts())
               if t.get_text() == POOLED_WORDS]
    assert style(entry)[0] == style(chart.points[reviews[0]])[0]


# -- 5: the channel map's scale bar -------------------------------------------------------------
def test_channel_map_has_a_1_mm_scale_bar_and_states_the_drawn_size():
    exp = EXPLORERS["channels"]()
    exp.render(device="roller", passes=15)
    view = exp.parts["surface"]
    assert view.scale_bar_mm() == pytest.approx(1.0)
    assert view.bar.get_visible() and "mm" in view.bar_label.get_text()
    d = mn.surface_diameter_um("roller").value
    assert f"{d:.0f} µm" in view.size_note.get_text()
    assert "to scale" in view.size_note.get_text()
    # the bar is as long, on screen, as 1 mm of the square
    r = _renderer(exp)
    x0, x1 = (view.ax.transData.transform((x, 0))[0] for x in view.bar.get_xdata())
    assert (x1 - x0) * 72 / exp.fig.dpi == pytest.approx(view.points_per_mm(), rel=0.02)
    assert view.bar_label.get_window_extent(r).width > 0
    assert "scale bar" in exp.alt(exp.state)
    exp.render(device="pen", passes=3)  # nothing drawn: no size to state
    assert view.size_note.get_text() == ""


# -- 6: the key to the tissue drawing -----------------------------------------------------------
@pytest.mark.parametrize("state", [dict(site="cheek", view_um=1000.0),
                                   dict(site="eyelid", view_um=5000.0),
                                   dict(site="palm", view_um=200.0),
                                   dict(site="back", view_um=5000.0)])
def test_the_tissue_drawings_key_names_each_structure_drawn(state):
    exp = EXPLORERS["layers"]()
    exp.render(**state)
    inv = exp.parts["tissue"].inventory
    names = exp.parts["key"].names()
    assert names == [n for n, _, _ in key_entries(inv)]
    expect = {"sebaceous (oil) gland": inv.sebaceous_glands, "hair follicle": inv.follicles,
              "sweat gland and its duct": inv.sweat_glands,
              "capillary loops (small blood vessels)": inv.capillary_loops,
              "fat cells": inv.fat_cells or inv.fat_texture, "muscle (not modelled)": inv.muscle,
              "elastic fibres": inv.fibres.get("elastic", 0)}
    for name, drawn in expect.items():
        assert (name in names) == bool(drawn), name
    # each swatch in the colour the structure is drawn in
    colour = {"sebaceous (oil) gland": TISSUE["sebaceous"],
              "sweat gland and its duct": TISSUE["sweat"], "hair follicle": TISSUE["follicle"],
              "fat cells": TISSUE["fat_cell"], "muscle (not modelled)": TISSUE["muscle"],
              "capillary loops (small blood vessels)": TISSUE["capillary"]}
    for name, swatch in exp.parts["key"].swatches():
        if name in colour:
            assert mcolors.to_hex(swatch) == colour[name], name
    # and shown: a visible word for each name, in order
    shown = [w.get_text() for *_, w in exp.parts["key"].slots if w.get_visible()]
    assert shown == names


def test_cheek_key_names_the_yellow_gland_and_the_blue_duct():
    exp = EXPLORERS["layers"]()
    exp.render(site="cheek", view_um=1000.0)
    names = exp.parts["key"].names()
    assert "sebaceous (oil) gland" in names and "sweat gland and its duct" in names
    assert "key" in exp.alt(exp.state)


# -- 7: one colour per layer everywhere ---------------------------------------------------------
LAYER_SHADES = {mcolors.to_hex(c) for k in LAYER_COLORS
                for c in (LAYER_COLORS[k], TISSUE[k], legend_fill(k))}
SWATCHES = {mcolors.to_hex(legend_fill(k)) for k in LAYER_COLORS}


def _filled_patches(fig):
    """Every filled patch of a figure: the axes' patches, text boxes and legend swatches."""
    for ax in fig.axes:
        yield from ax.patches
        for t in ax.texts:
            if t.get_bbox_patch() is not None:
                yield t.get_bbox_patch()
    for legend in fig.legends:
        yield from (h for h in legend.legend_handles if isinstance(h, Patch))


@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_every_figure_takes_its_layer_colours_from_the_palette_swatches(name):
    """A patch in any shade of a layer colour is that layer's swatch colour, opaque: no figure
    uses the raw band colour (the grey-lilac) or blends a swatch to another shade."""
    fig, _, _ = figures.build(name)
    seen = 0
    for patch in _filled_patches(fig):
        face = patch.get_facecolor()
        if face[3] == 0:
            continue
        hex_ = mcolors.to_hex(face[:3])
        if hex_ in LAYER_SHADES:
            assert hex_ in SWATCHES, (name, hex_)
            assert (patch.get_alpha() in (None, 1.0)) and face[3] == pytest.approx(1.0), \
                (name, hex_, patch.get_alpha())
            seen += 1
    if name in ("site_comparison", "needle_lengths", "depth_and_surface"):
        assert seen, name


def test_site_comparison_legend_swatches_are_the_drawn_layer_colours():
    fig, _, _ = figures.build("site_comparison")
    legend = fig.legends[0]
    words = {t.get_text(): h for h, t in zip(legend.legend_handles, legend.get_texts())}
    for key in anatomy.LAYERS:
        # the legend's words for a layer start with its name ("viable (living) epidermis")
        name = anatomy.LAYER_LABELS[key].split(" ")[0]
        [handle] = [h for w, h in words.items() if w.startswith(name) and
                    ("loose" not in w) and (key != "hypodermis" or "hypodermis" in w)]
        assert mcolors.to_hex(handle.get_facecolor()[:3]) == legend_fill(key), key
    # the stratum corneum's value box is drawn in the same swatch colour
    boxes = [t.get_bbox_patch() for ax in fig.axes for t in ax.texts
             if t.get_bbox_patch() is not None and t.get_text().endswith("µm")]
    assert boxes and all(mcolors.to_hex(b.get_facecolor()[:3]) == legend_fill("stratum_corneum")
                         for b in boxes)


def test_a_filled_cross_section_draws_each_layer_in_its_swatch_colour():
    from matplotlib.figure import Figure
    fig = Figure()
    section = CrossSection(fig.add_subplot(), anatomy.LAYERS)
    layers = anatomy.layers_at("cheek")
    section.update({"layers": tuple(layers), "view_um": 5000.0})
    for layer in layers:
        assert mcolors.to_hex(section.bands[layer.key].rect.get_facecolor()[:3]) == \
            legend_fill(layer.key)
