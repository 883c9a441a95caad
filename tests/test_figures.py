"""The static figures: reproducible byte for byte, committed up to date, drawn from the data, with
alt text that names what they show, units on every axis, and the stratum lucidum only where it
belongs."""

from __future__ import annotations

import dataclasses
import filecmp
import re
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from conftest import rgb

from skinlab import anatomy, figures
from skinlab.__main__ import main
from skinlab.text import format_um

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "figures"


def _axes(fig, gid: str):
    """The comparison's axes by name: epidermis-thin, epidermis-thick or full-skin."""
    return next(ax for ax in fig.axes if ax.get_gid() == gid)


def _epidermis_axes(fig) -> list:
    """The comparison's epidermis panels (thin skin, then thick skin), in µm."""
    return [ax for ax in fig.axes if (ax.get_gid() or "").startswith("epidermis-")]


def _title(ax) -> str:
    """An axes' title, wherever it is placed (left, centre or right)."""
    return " ".join(ax.get_title(loc) for loc in ("left", "center", "right")).strip()


def _texts(artist) -> list[str]:
    """Every visible, non-empty text drawn in a figure or an axes."""
    return [t.get_text() for t in artist.findobj(Text) if t.get_visible() and t.get_text()]


def _range_mm(site: str) -> str:
    """The hypodermis range as the figure should print it, worked out here from the data."""
    hy = anatomy.layers_at(site)[-1]
    assert hy.key == "hypodermis"
    if hy.thickness_low_um == hy.thickness_high_um:  # one reported value, printed once
        return f"{hy.thickness_low_um / 1000:g} mm"
    return f"{hy.thickness_low_um / 1000:g}–{hy.thickness_high_um / 1000:g} mm"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> list[Path]:
    return figures.write_all(tmp_path_factory.mktemp("figures"))


@pytest.fixture(scope="module")
def comparison():
    return figures.build("site_comparison")


@pytest.fixture(scope="module")
def strata():
    return figures.build("epidermis_strata")


def test_write_all_writes_svg_png_and_alt_text(written):
    names = sorted(p.name for p in written)
    expected = sorted([f"{n}.{ext}" for n in figures.FIGURES for ext in ("svg", "png")]
                      + [figures.ALT_TEXT_FILE])
    assert names == expected
    for path in written:
        assert path.stat().st_size > 0
        if path.suffix == ".png":
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        if path.suffix == ".svg":
            text = path.read_text(encoding="utf-8")
            assert text.lstrip().startswith("<?xml") and "<svg" in text
            assert "<dc:date>" not in text  # no timestamp: reproducible


def test_write_all_twice_gives_identical_bytes(written, tmp_path):
    again = figures.write_all(tmp_path)
    assert [p.name for p in again] == [p.name for p in written]
    for first, second in zip(written, again):
        assert first.read_bytes() == second.read_bytes(), f"{first.name} differs between runs"


def test_committed_figures_are_up_to_date(written):
    stale = [p.name for p in written
             if not (COMMITTED / p.name).is_file()
             or not filecmp.cmp(p, COMMITTED / p.name, shallow=False)]
    assert not stale, f"figures/ is out of date ({', '.join(stale)}): run make figures"


def test_png_size_and_dpi_are_fixed(written):
    import struct
    for path in written:
        if path.suffix == ".png":
            data = path.read_bytes()
            w, h = struct.unpack(">II", data[16:24])
            fig, _, _ = figures.build(path.stem)
            assert (w, h) == (round(fig.get_figwidth() * figures.DPI),
                              round(fig.get_figheight() * figures.DPI))


def test_figures_ignore_the_callers_matplotlib_settings(written, tmp_path):
    import matplotlib as mpl
    with mpl.rc_context({"font.size": 20, "lines.linewidth": 7, "svg.hashsalt": "other",
                         "axes.facecolor": "black"}):
        again = figures.write_all(tmp_path)
    for first, second in zip(written, again):
        assert first.read_bytes() == second.read_bytes(), f"{first.name} took the caller's rc"


# -- alt text ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(figures.FIGURES))
def test_alt_text_is_deterministic_and_plain(name):
    _, alt, title = figures.build(name)
    _, alt2, title2 = figures.build(name)
    assert (alt, title) == (alt2, title2)
    assert alt.strip() and title.strip()
    assert "\n" not in alt and "  " not in alt
    assert alt.endswith(".")


def test_comparison_alt_text_names_every_site_and_the_extremes(comparison):
    _, alt, _ = comparison
    for site in anatomy.sites():
        assert anatomy.site_label(site) in alt, site
        assert _range_mm(site) in alt, site
    stacks = {s: anatomy.layers_at(s) for s in anatomy.sites()}
    thickest_sc = max(stacks, key=lambda s: stacks[s][0].thickness_um)
    thinnest_sc = min(stacks, key=lambda s: stacks[s][0].thickness_um)
    assert (f"the {anatomy.site_label(thickest_sc)}'s stratum corneum is the thickest at "
            f"{format_um(stacks[thickest_sc][0].thickness_um)}") in alt
    assert f"{format_um(stacks[thinnest_sc][0].thickness_um)}" in alt
    thinnest_dermis = min(stacks, key=lambda s: stacks[s][3].bottom_um - stacks[s][2].top_um)
    d = stacks[thinnest_dermis][3].bottom_um - stacks[thinnest_dermis][2].top_um
    assert f"the {anatomy.site_label(thinnest_dermis)}'s dermis is the thinnest at " \
           f"{format_um(d)}" in alt


def test_strata_alt_text_names_both_sites_and_every_stratum(strata):
    _, alt, _ = strata
    for site in ("cheek", "palm"):
        assert anatomy.site_label(site).capitalize() in alt
        for layer in anatomy.strata_at(site):
            if layer.key == "stratum_lucidum":  # no measured thickness: none is stated
                assert "stratum lucidum drawn enlarged" in alt
            else:
                assert f"{layer.label} {format_um(layer.thickness_um)}" in alt
    assert "no stratum lucidum" in alt
    assert "split is assumed" in alt and "one basal cell high" in alt


def test_alt_text_file_and_readme_carry_every_alt_text(written):
    generated = next(p for p in written if p.name == figures.ALT_TEXT_FILE).read_text("utf-8")
    readme = (COMMITTED / "README.md").read_text(encoding="utf-8")
    for name in figures.FIGURES:
        _, alt, title = figures.build(name)
        assert alt in generated and title in generated
        assert alt in readme, (f"figures/README.md: the alt text of {name} is out of date; "
                               f"copy it from figures/{figures.ALT_TEXT_FILE}")


def test_alt_text_follows_the_data(monkeypatch):
    """Change the data (through anatomy) and the words change: nothing is typed in by hand."""
    real = anatomy.layers_at

    def thicker_heel(site):
        layers = real(site)
        if site == "heel":
            sc = layers[0]
            layers[0] = dataclasses.replace(sc, bottom_um=sc.bottom_um + 100)
        return layers

    monkeypatch.setattr(anatomy, "layers_at", thicker_heel)
    _, alt, _ = figures.site_comparison()
    assert f"stratum corneum is the thickest at {format_um(real('heel')[0].thickness_um + 100)}" \
        in alt


# -- what the figures show -----------------------------------------------------------------
def test_hypodermis_is_labelled_with_its_range_from_the_data(comparison):
    fig, _, _ = comparison
    right = _axes(fig, "full-skin")
    texts = _texts(right)
    for site in anatomy.sites():
        if anatomy.subcutis(site) == "areolar":  # the eyelid: no fat, so no hypodermis range
            assert "no fat: thin\nloose tissue\n(placeholder),\nthen muscle" in texts, texts
            continue
        label = "hypodermis\n" + _range_mm(site)
        if anatomy.layers_at(site)[-1].is_placeholder:
            label += "\n(placeholder)"
        assert label in texts, f"no hypodermis label {label!r} for {site}: {texts}"


def test_hypodermis_label_follows_the_data(monkeypatch):
    real = anatomy.layers_at

    def other_range(site):
        layers = real(site)
        if site == "cheek":
            layers[-1] = dataclasses.replace(layers[-1], thickness_low_um=1500.0,
                                             thickness_high_um=7500.0)
        return layers

    monkeypatch.setattr(anatomy, "layers_at", other_range)
    fig, _, _ = figures.site_comparison()
    assert any("1.5–7.5 mm" in t for t in _texts(_axes(fig, "full-skin")))


def test_axis_labels_carry_units(comparison, strata):
    fig, _, _ = comparison
    epidermis, right = _epidermis_axes(fig), _axes(fig, "full-skin")
    assert [ax.get_gid() for ax in epidermis] == ["epidermis-thin", "epidermis-thick"]
    for ax in epidermis:
        assert ax.get_ylabel() == "Depth below the surface (µm)"
        assert "µm" in _title(ax)
    assert right.get_ylabel() == "Depth below the surface (mm)"
    assert "mm" in _title(right)
    sites = [anatomy.site_label(s) for s in anatomy.sites()]
    thick = [anatomy.site_label(s) for s in anatomy.sites() if anatomy.is_thick_skin(s)]
    ticks = {ax.get_gid(): [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
             for ax in (*epidermis, right)}
    assert ticks["epidermis-thin"] + ticks["epidermis-thick"] == sites
    assert ticks["epidermis-thick"] == thick  # thin and thick skin each on its own scale
    assert ticks["full-skin"] == sites
    for ax in (*epidermis, right):
        assert ax.yaxis_inverted(), "depth must run downward"
    fig, _, _ = strata
    for ax in fig.axes:
        assert ax.get_ylabel() == "Depth below the surface (µm)"
        assert ax.yaxis_inverted()


def test_comparison_draws_typical_values_from_the_data(comparison):
    fig, _, _ = comparison
    epidermis, right = _epidermis_axes(fig), _axes(fig, "full-skin")
    for axes, keys, scale in ((epidermis, anatomy.LAYERS[:2], 1.0),
                              ([right], anatomy.LAYERS[:4], 1000)):
        bars = [p for ax in axes for p in ax.patches if isinstance(p, Rectangle)]
        for x, site in enumerate(anatomy.sites()):
            for layer in anatomy.layers_at(site):
                if layer.key not in keys:
                    continue
                match = [b for b in bars if abs(b.get_x() + b.get_width() / 2 - x) < 1e-9
                         and abs(b.get_y() - layer.top_um / scale) < 1e-9
                         and abs(b.get_height() - layer.thickness_um / scale) < 1e-9
                         and b.get_gid() == layer.key]
                assert len(match) == 1, (site, layer.key)
    # the stratum corneum's value is printed above each bar
    boxed = [t for ax in epidermis for t in _texts(ax)]
    for site in anatomy.sites():
        assert format_um(anatomy.layers_at(site)[0].thickness_um) in boxed


def test_layers_are_named_not_only_coloured(comparison):
    fig, _, _ = comparison
    legend = fig.legends[0]
    names = [t.get_text() for t in legend.get_texts()]
    plain = [re.sub(r" \([^)]*\)", "", n) for n in names]  # "viable (living) epidermis"
    for key in anatomy.LAYERS:
        assert anatomy.LAYER_LABELS[key] in plain, key
    assert "viable (living) epidermis" in names
    # each legend colour is the colour the illustration shows that layer in (the viable
    # epidermis: its spinous cells; tests/test_facts_01.py checks it against the pixels)
    for key, handle in zip(anatomy.LAYERS, legend.legend_handles):
        assert handle.get_facecolor()[:3] == pytest.approx(rgb(figures.legend_fill(key)))


def test_every_column_holds_its_sites_illustrated_tissue(comparison):
    """Each bar is filled with the site's tissue, to scale: an inset axes under it whose picture
    covers the bar from the surface down, with its own site's drawing."""
    import numpy as np
    fig, _, _ = comparison
    fig.canvas.draw()
    for panel in ("epidermis", "skin"):
        for site in anatomy.sites():
            [inset] = [ax for ax in fig.axes if ax.get_gid() == f"tissue-{panel}-{site}"]
            box = inset.get_window_extent()
            (x0, y0), (x1, y1) = inset.transData.transform([(0, 0), (100, 100)])
            assert abs(abs(x1 - x0) - abs(y1 - y0)) < 0.02 * abs(y1 - y0)  # equal aspect
            raster = next(a for a in inset.get_children() if hasattr(a, "pixels"))
            assert raster.pixels.shape[:2] == (round(box.height), round(box.width))
            assert len(np.unique(raster.pixels.reshape(-1, 4), axis=0)) > 20  # not a flat fill


def _axes_for(fig, site):
    return next(ax for ax in fig.axes if ax.get_gid() == f"strata-{site}")


def test_lucidum_only_in_thick_skin(strata):
    """Labelled, and drawn: the illustration's lucidum colour appears in the palm's panel only."""
    import numpy as np

    from skinlab.palette import TISSUE
    fig, _, _ = strata
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)
    lucidum = np.array([int(TISSUE["stratum_lucidum"][i:i + 2], 16) for i in (1, 3, 5)])
    for site, expected in (("palm", True), ("cheek", False)):
        ax = _axes_for(fig, site)
        labels = [t for t in _texts(ax) if t.startswith("stratum lucidum:")]
        box = ax.get_window_extent()
        h = pixels.shape[0]
        panel = pixels[int(h - box.y1) + 1:int(h - box.y0) - 1, int(box.x0) + 1:int(box.x1) - 1]
        drawn = int((np.abs(panel - lucidum).sum(axis=2) <= 6).sum())
        assert bool(labels) is expected, (site, labels)
        assert (drawn > 50) is expected, (site, drawn)
    cheek_notes = " ".join(_texts(_axes_for(fig, "cheek")))
    assert "no stratum lucidum" in cheek_notes


def test_strata_are_labelled_with_name_and_thickness(strata):
    fig, _, _ = strata
    for site in ("cheek", "palm"):
        texts = _texts(_axes_for(fig, site))
        for layer in anatomy.strata_at(site):
            if layer.key == "stratum_lucidum":
                assert "stratum lucidum: not\nmeasured, drawn enlarged" in texts
                continue
            assert f"{layer.label}: {format_um(layer.thickness_um)}" in texts, (site, layer.key)
    assert any("course assumptions: the stratum basale is one basal cell high" in t.lower()
               for t in _texts(fig))


@pytest.mark.parametrize("name", sorted(figures.FIGURES))
def test_text_is_large_enough_inside_the_figure_and_never_overlaps(name):
    """Shown about 850 px wide in a notebook, 11 pt at 100 dpi comes out about 13 px."""
    fig, _, _ = figures.build(name)
    fig.canvas.draw()  # lays out the axis labels
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    hidden = set()  # tick labels outside the view limits are kept but never drawn
    for ax in fig.axes:
        for axis, (lo, hi) in ((ax.xaxis, sorted(ax.get_xlim())),
                               (ax.yaxis, sorted(ax.get_ylim()))):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                    hidden.update((id(tick.label1), id(tick.label2)))
    placed = []
    for t in fig.findobj(Text):
        if not (t.get_visible() and t.get_text()) or id(t) in hidden:
            continue
        assert t.get_fontsize() >= 11, (t.get_text(), t.get_fontsize())
        ext = t.get_window_extent(renderer)
        assert (ext.x0 >= box.x0 - 0.5 and ext.x1 <= box.x1 + 0.5 and ext.y0 >= box.y0 - 0.5
                and ext.y1 <= box.y1 + 0.5), f"{t.get_text()!r} is clipped at the edge"
        placed.append((t.get_text(), ext))
    for i, (a, ea) in enumerate(placed):
        for b, eb in placed[i + 1:]:
            assert not ea.overlaps(eb), f"{a!r} overlaps {b!r}"


def test_unknown_figure_is_a_clear_error():
    with pytest.raises(ValueError, match="no figure 'nope'"):
        figures.build("nope")


# -- notebook and command line -------------------------------------------------------------
def test_show_gives_the_png_with_alt_text_and_caption(written):
    from skinlab.ui import StaticView
    view = figures.show("site_comparison")
    assert isinstance(view, StaticView)
    png = next(p for p in written if p.name == "site_comparison.png").read_bytes()
    # the same picture in 256 colours, a fraction of the bytes (notebooks stay small)
    import io

    import numpy as np
    from PIL import Image
    shown = np.asarray(Image.open(io.BytesIO(view.png)).convert("RGB")).astype(int)
    full = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    assert shown.shape == full.shape and len(view.png) < len(png) / 2
    assert np.abs(shown - full).mean() < 3  # off by under 3 of 255 on average
    _, alt, title = figures.build("site_comparison")
    bundle = view._repr_mimebundle_()
    assert bundle["text/plain"] == alt and view.title == title
    html = bundle["text/html"]
    assert "<img " in html and f'alt="{title}"' in html and "<figcaption>" in html
    fig, _, _ = figures.build("site_comparison")
    width = round(fig.get_figwidth() * figures.DPI)
    assert width <= 1000  # drawn for a notebook column, so its text is not shrunk much
    # shown at its own size, never blown up, and scaled down to fit a narrower column
    assert f'width="{width}" style="max-width:100%;height:auto"' in html
    assert "upper eyelid" in html


def test_command_line_writes_the_figures(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["figures", "--out", "out"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "wrote " + str(Path("out") / "site_comparison.svg")
    assert len(lines) == 2 * len(figures.FIGURES) + 1
    assert (tmp_path / "out" / figures.ALT_TEXT_FILE).is_file()


@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_a_notebook_figure_draws_the_png_alone_and_it_is_the_committed_one(name, monkeypatch):
    """show() saves no SVG (a notebook shows only the PNG), and its PNG is the file in figures/."""
    formats = []
    save = Figure.savefig

    def spy(self, fname, *args, **kwargs):
        formats.append(kwargs.get("format"))
        return save(self, fname, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", spy)
    svg, png, _, _ = figures.render(name, svg=False)
    assert formats == ["png"] and svg == b""
    assert png == (ROOT / "figures" / f"{name}.png").read_bytes()
