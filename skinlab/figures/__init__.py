"""The course's static figures, made from the cited data and written byte for byte the same.

``make figures`` (``python -m skinlab figures``) writes ``figures/<name>.svg``, ``<name>.png``
and ``figures/alt-text.md``. Every number drawn or said comes from ``skinlab.anatomy``; the
figures only choose how to show it. Each figure has a plain alt text computed from the same data.

>>> sorted(FIGURES)
['depth_and_surface', 'epidermis_strata', 'needle_lengths', 'site_comparison']
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from skinlab import anatomy
from skinlab.draw import CrossSection, Illustration
from skinlab.text import format_mm, format_um, join, number_word, two_lines
from skinlab.palette import INK, TISSUE, legend_fill, text_on

from skinlab.figures.style import (CAPTION, DPI, FONT, LABEL, LEGEND, PNG_METADATA, RC,  # noqa: F401
                                    RIGHTS, SVG_METADATA, TICK, TITLE)

ALT_TEXT_FILE = "alt-text.md"

THIN_SITE, THICK_SITE = "cheek", "palm"  # the strata figure: one thin-skin, one thick-skin site


def hypodermis_range(site: str) -> str:
    """The hypodermis thickness range at a site as printed on the figure, e.g. '2–6 mm'.

    A placeholder range says so; a single reported value is printed once.
    """
    hy = anatomy.layers_at(site)[-1]
    low, high = format_mm(hy.thickness_low_um), format_mm(hy.thickness_high_um)
    span = f"{low} mm" if low == high else f"{low}–{high} mm"
    return f"{span} (placeholder)" if hy.is_placeholder else span


def _plain_range(site: str) -> str:
    """The range under the dermis without its status word (the alt text says it once)."""
    return hypodermis_range(site).replace(" (placeholder)", "")


def subcutis_words(site: str) -> str:
    """What the figure prints for the layer under the dermis at a site."""
    if anatomy.subcutis(site) == "areolar":
        return "no fat: thin\nloose tissue\n(placeholder),\nthen muscle"
    return f"hypodermis\n{hypodermis_range(site)}".replace(" (placeholder)", "\n(placeholder)")


def _wrap(label: str) -> str:
    """A site label on at most two lines (text.two_lines)."""
    return two_lines(label)



def _new_figure(width_in: float, height_in: float) -> Figure:
    fig = Figure(figsize=(width_in, height_in), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def _whisker(ax, x: float, layer: anatomy.Layer, half: float) -> None:
    """The sources' thickness range as a whisker on the layer's bottom (from its top)."""
    lo = layer.top_um + layer.thickness_low_um
    hi = layer.top_um + layer.thickness_high_um
    ax.plot([x, x, None, x - half, x + half, None, x - half, x + half],
            [lo, hi, None, lo, lo, None, hi, hi], color=INK, linewidth=1.6, zorder=4,
            solid_capstyle="butt")


# -- figure 1: every body site, epidermis in µm and full skin in mm ----------------------------
def _finish_sites_axis(ax, positions: list[int], labels: list[str]) -> None:
    ax.set_xlim(positions[0] - 0.6, positions[-1] + 0.6)
    ax.set_xticks(positions, [_wrap(label) for label in labels], fontsize=TICK)
    ax.tick_params(axis="x", length=0, pad=5)
    ax.tick_params(colors=INK, labelsize=TICK)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _break_mark(ax, y: float, amp: float, teeth: int) -> None:
    """A zigzag across the whole axes at depth y: the bands below it are cut off."""
    x0, x1 = ax.get_xlim()
    n = 2 * teeth
    xs = [x0 + (x1 - x0) * k / n for k in range(n + 1)]
    xs[0] -= (x1 - x0) * 0.02  # through the left spine too
    for dy, colour, lw in ((0.0, "white", 7.0), (-amp, INK, 1.0), (amp, INK, 1.0)):
        ys = [y + dy + (amp if k % 2 else -amp) for k in range(n + 1)]
        ax.add_line(Line2D(xs, ys, color=colour, linewidth=lw, zorder=5, clip_on=False,
                           solid_joinstyle="miter"))


def _tissue_column(fig, ax, x: float, half: float, view_um: float, scale: float, site: str,
                   appendages: bool, gid: str) -> None:
    """The site's illustrated tissue filling its bar, from the surface to ``view_um``, to scale
    (a micrometre across for a micrometre down), under the bar's outline and whiskers."""
    to_fig = fig.transFigure.inverted()
    (fx0, fy0), (fx1, fy1) = to_fig.transform(ax.transData.transform(
        [(x - half, view_um / scale), (x + half, 0)]))
    inset = fig.add_axes((fx0, fy0, fx1 - fx0, fy1 - fy0), zorder=ax.get_zorder() - 1)
    inset.set_axis_off()
    inset.set_gid(gid)
    inset.set_ylim(view_um, 0)
    layers = anatomy.layers_at(site)
    Illustration(inset).update({"site": site, "view_um": view_um, "appendages": appendages,
                                "boundaries": tuple(x.bottom_um for x in layers)})


def _legend_label(key: str) -> str:
    return {"viable_epidermis": "viable (living) epidermis",
            "hypodermis": "hypodermis (cut off)"}.get(key, anatomy.LAYER_LABELS[key])


def _epidermis_panel(ax, sites: list[str], positions: list[int],
                     stacks: dict[str, list[anatomy.Layer]], width: float) -> None:
    """The stratum corneum and viable epidermis of some sites in µm, with the sources' ranges."""
    deepest = 0.0
    for x, site in zip(positions, sites):
        sc, ve = stacks[site][:2]
        for layer, dx in ((sc, -width / 4), (ve, width / 4)):  # whiskers side by side
            ax.bar(x, layer.thickness_um, width, bottom=layer.top_um, color="none",
                   edgecolor=INK, linewidth=0.7, gid=layer.key)
            _whisker(ax, x + dx, layer, width / 7)
            deepest = max(deepest, layer.bottom_um, layer.top_um + layer.thickness_high_um)
        deepest = max(deepest, strata_view_um(site))  # the basal row under the rete ridges
        # the stratum corneum's value above its bar, in a box of the layer's colour (its
        # swatch's, as everywhere)
        ax.annotate(format_um(sc.thickness_um), (x, 0), xytext=(0, 6),
                    textcoords="offset points", ha="center", va="bottom", fontsize=TICK,
                    color=text_on(legend_fill(sc.key)), annotation_clip=False,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": legend_fill(sc.key),
                          "edgecolor": INK, "linewidth": 0.7})
    ax.set_ylim(deepest * 1.04, 0)
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.set_ylabel("Depth below the surface (µm)", fontsize=LABEL, color=INK)
    _finish_sites_axis(ax, positions, [anatomy.site_label(s) for s in sites])
    ax.patch.set_visible(False)  # the tissue is drawn under the axes
    for x, site in zip(positions, sites):
        # as deep as the strata figure shows, so the whole basal row is in view on thin skin
        _tissue_column(ax.figure, ax, x, width / 2, strata_view_um(site), 1.0, site,
                       False, f"tissue-epidermis-{site}")


def site_comparison() -> tuple[Figure, str, str]:
    sites = anatomy.sites()
    stacks = {s: anatomy.layers_at(s) for s in sites}
    labels = [anatomy.site_label(s) for s in sites]
    width = 0.66
    title = f"Skin layer thickness at {number_word(len(sites))} body sites"
    w_in, h_in = 9.5, 10.45
    fig = _new_figure(w_in, h_in)
    fig.text(0.5, 1 - 0.12 / h_in, title, ha="center", va="top", fontsize=13,
             fontweight="bold", color=INK)

    # Top: the epidermis in micrometres, thin and thick skin each on its own scale, so the
    # thin stratum corneum and its range show.
    groups = [[s for s in sites if not anatomy.is_thick_skin(s)],
              [s for s in sites if anatomy.is_thick_skin(s)]]
    groups = [g for g in groups if g]
    x0, x1, gap = 0.95 / w_in, 1 - 0.95 / w_in, 0.45 / w_in  # axes span; gap between groups
    per_col = (x1 - x0 - gap * (len(groups) - 1)) / len(sites)
    top_axes, left_edge = [], x0
    for k, group in enumerate(groups):
        ax = fig.add_axes((left_edge, 1 - 4.15 / h_in, per_col * len(group), 3.05 / h_in))
        left_edge += per_col * len(group) + gap
        thick = anatomy.is_thick_skin(group[0])
        ax.set_gid("epidermis-thick" if thick else "epidermis-thin")
        _epidermis_panel(ax, group, [sites.index(s) for s in group], stacks, width)
        ax.set_title(f"Epidermis, {'thick' if thick else 'thin'} skin (µm)", pad=30,
                     fontsize=TITLE, color=INK, loc="left" if k == 0 else "center")
        if k:  # the second scale on the right, so it is not read against the first
            ax.yaxis.tick_right()
            ax.yaxis.set_label_position("right")
            ax.spines["left"].set_visible(False)
            ax.spines["right"].set_visible(True)
        top_axes.append(ax)

    # Bottom: the full skin in millimetres; the hypodermis is cut off at a break mark.
    right = fig.add_axes((x0, 1 - 8.25 / h_in, x1 - x0, 3.05 / h_in))
    right.set_gid("full-skin")
    mm = 1000.0
    dermis_max = max(stack[3].bottom_um for stack in stacks.values())
    bottom = dermis_max * 1.75
    cut = bottom * 0.93
    for x, site in enumerate(sites):
        stack = stacks[site]
        for layer in stack[:4]:
            right.bar(x, layer.thickness_um / mm, width, bottom=layer.top_um / mm,
                      color="none", edgecolor=INK, linewidth=0.7, gid=layer.key)
        hy = stack[4]
        if anatomy.subcutis(site) == "areolar":  # drawn to scale, then the muscle beneath
            right.bar(x, hy.thickness_um / mm, width, bottom=hy.top_um / mm, color="none",
                      edgecolor=INK, linewidth=0.7, gid="areolar_tissue")
            right.bar(x, (bottom - hy.bottom_um) / mm, width, bottom=hy.bottom_um / mm,
                      color="none", edgecolor=INK, linewidth=0.7, gid="muscle")
        else:
            right.bar(x, (bottom - hy.top_um) / mm, width, bottom=hy.top_um / mm,
                      color="none", edgecolor=INK, linewidth=0.7, gid=hy.key)
        right.text(x, (dermis_max + cut) / 2 / mm, subcutis_words(site),
                   ha="center", va="center", fontsize=TICK, color=INK, linespacing=1.25,
                   zorder=6, bbox={"boxstyle": "round,pad=0.25", "facecolor": "white",
                                   "edgecolor": "none"})
    right.set_ylim(bottom / mm, 0)
    ticks = [t for t in MaxNLocator(5).tick_values(0, dermis_max / mm)
             if 0 <= t <= dermis_max / mm]
    right.yaxis.set_major_locator(FixedLocator(ticks))
    right.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:g}"))
    right.set_ylabel("Depth below the surface (mm)", fontsize=LABEL, color=INK)
    right.set_title("The full skin (mm): the hypodermis is cut off, its range printed",
                    pad=10, fontsize=TITLE, color=INK, loc="left")
    _finish_sites_axis(right, list(range(len(sites))), labels)
    right.patch.set_visible(False)
    for x, site in enumerate(sites):
        _tissue_column(fig, right, x, width / 2, bottom, mm, site, True, f"tissue-skin-{site}")
    _break_mark(right, cut / mm, bottom / mm * 0.012, 4 * len(sites))

    handles = [Patch(facecolor=legend_fill(k), edgecolor=INK, linewidth=0.7,
                     label=_legend_label(k)) for k in anatomy.LAYERS]
    if any(anatomy.subcutis(s) == "areolar" for s in sites):
        handles.append(Patch(facecolor=TISSUE["areolar_tissue"], edgecolor=INK, linewidth=0.7,
                             label="loose tissue, no fat (eyelid)"))
        handles.append(Patch(facecolor=TISSUE["muscle"], edgecolor=INK, linewidth=0.7,
                             label="muscle (not modelled)"))
    handles.append(Line2D([], [], color=INK, linewidth=1.6, marker="_", markersize=12,
                          markeredgewidth=1.6, label="range in the course's data"))
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.84 / h_in),
               ncol=3, frameon=False, fontsize=LEGEND, handlelength=2.4, handleheight=1.1,
               columnspacing=1.6)
    fig.text(0.5, 0.1 / h_in, "Columns: typical thickness at each site, the tissue drawn to "
             "scale (cells' sizes, papillae and glands drawn,\nnot measured). Whiskers: the "
             "range in the course's data for the stratum corneum (left) and the viable epidermis\n"
             "(right). The hypodermis is much deeper than drawn; the eyelid has no fat layer. "
             f"The {COMPOSITE_SITE_NOTE}",
             ha="center", va="bottom",
             fontsize=CAPTION, color=INK, linespacing=1.35)
    return fig, _comparison_alt(stacks), title


# "upper back" joins values from different parts of the back (layers.yaml, sites.back's notes)
COMPOSITE_SITE_NOTE = ("upper back\nis a composite site: its epidermis was measured on the "
                       "shoulder, its dermis on the back, its fat over eight sites.")


def _comparison_alt(stacks: dict[str, list[anatomy.Layer]]) -> str:
    sites = list(stacks)
    name = {s: anatomy.site_label(s) for s in sites}
    sc = {s: stacks[s][0].thickness_um for s in sites}
    ve = {s: stacks[s][1].thickness_um for s in sites}
    epi = {s: stacks[s][1].bottom_um for s in sites}
    der = {s: stacks[s][3].bottom_um - stacks[s][2].top_um for s in sites}

    def most(values: dict[str, float], pick) -> tuple[str, str]:
        site = pick(sites, key=values.__getitem__)  # ties go to the first site in the data
        return name[site], format_um(values[site])

    (sc_hi, sc_hi_um), (sc_lo, sc_lo_um) = most(sc, max), most(sc, min)
    (epi_lo, epi_lo_um), (epi_hi, epi_hi_um) = most(epi, min), most(epi, max)
    (der_lo, der_lo_um), (der_hi, der_hi_um) = most(der, min), most(der, max)
    per_site = "; ".join(f"{name[s]} {format_um(sc[s])}, {format_um(ve[s])}, "
                         f"{format_um(der[s])}, {_plain_range(s)}" for s in sites)
    shaky = join([name[s] for s in sites if anatomy.layers_at(s)[-1].is_placeholder])
    shaky = shaky.replace(" and ", " and the ")
    return " ".join([
        f"Columns of skin, drawn to scale like a textbook figure (cells, fibres, fat, follicles "
        f"and sweat glands), comparing the layers at {number_word(len(sites))} body sites "
        f"({join([name[s] for s in sites])}), depth running down from the surface.",
        f"Top, the epidermis in micrometres, thin skin and thick skin each on its own scale, "
        f"with whiskers for the range in the course's data: the {sc_hi}'s stratum corneum is the "
        f"thickest at {sc_hi_um}, the {sc_lo}'s the thinnest at {sc_lo_um}; the whole "
        f"epidermis runs from {epi_lo_um} ({epi_lo}) to {epi_hi_um} ({epi_hi}).",
        f"Bottom, the full skin in millimetres: the {der_lo}'s dermis is the thinnest at "
        f"{der_lo_um}, the {der_hi}'s the thickest at {der_hi_um}; the hypodermis is drawn "
        f"cut off, labelled with its range."
        + "".join(f" Under the {name[s]}'s dermis there is no fat: a thin sheet of loose "
                  f"tissue, then {anatomy.beneath(s)}, drawn but not modelled."
                  for s in sites if anatomy.subcutis(s) == "areolar"),
        f"Site by site (stratum corneum, viable epidermis, dermis, the layer under the dermis): "
        f"{per_site}." + (f" The ranges under the dermis at the {shaky} are stand-ins "
                          f"(placeholder)." if shaky else ""),
    ] + ([f"The {COMPOSITE_SITE_NOTE.replace(chr(10), ' ')}"] if "back" in name else []))


# -- figure 2: the strata of thin and thick skin -------------------------------------------------
def strata_view_um(site: str) -> float:
    """How deep a strata panel shows: the epidermis's mean depth, plus half the papillae's height
    (the rete ridges reach that far below it, and the basal row follows them), plus one basal
    cell of the dermis beneath, so the whole basal row is in view wherever the junction runs."""
    info = anatomy.illustration(site)
    basal_height = info.basal_cell[1]
    return anatomy.strata_at(site)[-1].bottom_um + info.papilla_height.value / 2 + basal_height


def epidermis_strata() -> tuple[Figure, str, str]:
    sites = (THIN_SITE, THICK_SITE)
    strata = {s: anatomy.strata_at(s) for s in sites}
    thin_end, thick_end = (strata[s][-1].bottom_um for s in sites)
    title = "The epidermis, stratum by stratum: thin skin and thick skin"
    w_in, h_in = 9.5, 6.4
    fig = _new_figure(w_in, h_in)
    fig.text(0.5, 1 - 0.12 / h_in, title, ha="center", va="top", fontsize=13,
             fontweight="bold", color=INK)
    boxes = ((0.095, 0.165, 0.155, 0.64), (0.575, 0.165, 0.155, 0.64))
    for site, box in zip(sites, boxes):
        layers = strata[site]
        ax = fig.add_axes(box)
        ax.set_gid(f"strata-{site}")
        view = strata_view_um(site)
        section = CrossSection(ax, tuple(layer.key for layer in layers), filled=False)
        section.update({"layers": tuple(layers), "view_um": view, "below": ""})
        Illustration(ax).update({"site": site, "view_um": view,
                                 "boundaries": tuple(x.bottom_um for x in layers),
                                 "appendages": False})
        has_lucidum = "stratum_lucidum" in section.bands
        for key, band in section.bands.items():
            band.label.set_fontsize(FONT)
            if key == "stratum_lucidum":
                band.label.set_fontweight("bold")
        thick = anatomy.is_thick_skin(site)
        note = ("has a stratum lucidum, found only in thick skin" if has_lucidum else
                "no stratum lucidum: it forms only in thick skin")
        ax.set_title(f"{'Thick' if thick else 'Thin'} skin: {anatomy.site_label(site)}, "
                     f"epidermis {format_um(layers[-1].bottom_um)}", fontsize=TITLE,
                     color=INK, loc="left", pad=26)
        ax.text(0, 1.025, note, transform=ax.transAxes, ha="left", va="bottom",
                fontsize=FONT, color=INK, fontstyle="italic")
        ax.tick_params(colors=INK, labelsize=TICK)
        ax.set_ylabel(ax.get_ylabel(), fontsize=LABEL, color=INK)
        if thick:  # the thin skin's whole epidermis, on this panel's scale
            ax.axhline(thin_end, color=INK, linestyle="--", linewidth=1.4, zorder=3)
            ax.annotate(f"the {anatomy.site_label(THIN_SITE)}'s\nwhole epidermis\nends here\n"
                        f"({format_um(thin_end)})", (0.5, thin_end),
                        xycoords=("axes fraction", "data"), xytext=(0, -6),
                        textcoords="offset points", ha="center", va="top", fontsize=FONT,
                        color=INK, zorder=4, linespacing=1.2,
                        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                              "edgecolor": "none"})
    fig.text(0.5, 0.1 / h_in, "Course assumptions: the stratum basale is one basal cell high; "
             "the spinosum and granulosum share\nthe rest by cell-layer counts; the "
             "stratum lucidum is not measured, drawn enlarged; cells' sizes are drawn.\nEach "
             "panel has its own scale: "
             f"the {anatomy.site_label(THICK_SITE)}'s epidermis is about "
             f"{thick_end / thin_end:.0f} times as thick as the "
             f"{anatomy.site_label(THIN_SITE)}'s.", ha="center", va="bottom", fontsize=CAPTION,
             color=INK, fontstyle="italic", linespacing=1.35)
    return fig, _strata_alt(strata), title


def _strata_alt(strata: dict[str, list[anatomy.Layer]]) -> str:
    parts = ["Two columns of epidermis drawn to scale like a textbook figure, their cells "
             "stratum by stratum, comparing thin and thick skin in micrometres, each on its own "
             "scale, surface at the top."]
    for site, layers in strata.items():
        kind = "thick" if anatomy.is_thick_skin(site) else "thin"
        has = any(layer.key == "stratum_lucidum" for layer in layers)
        parts.append(
            f"{anatomy.site_label(site).capitalize()} ({kind} skin), "
            f"{format_um(layers[-1].bottom_um)} in all: "
            + ", ".join(f"{layer.label} "
                        + ("drawn enlarged" if layer.key == "stratum_lucidum"
                           else format_um(layer.thickness_um)) for layer in layers)
            + ("." if has else "; there is no stratum lucidum."))
    parts.append("The stratum lucidum appears only in thick skin (palms and soles). Below the "
                 "stratum corneum the split is assumed: the stratum basale is one basal cell "
                 "high, the stratum lucidum (which no study the course found measured) is drawn "
                 "enlarged, and the spinosum and granulosum share the rest by their cell-layer "
                 "counts.")
    return " ".join(parts)


def needle_lengths() -> tuple[Figure, str, str]:
    from skinlab.figures.needles import needle_lengths as build_needles
    return build_needles(_new_figure)


def depth_and_surface() -> tuple[Figure, str, str]:
    from skinlab.figures.compare import depth_and_surface as build_comparison
    return build_comparison(_new_figure)


FIGURES: dict[str, Callable[[], tuple[Figure, str, str]]] = {
    "site_comparison": site_comparison,
    "epidermis_strata": epidermis_strata,
    "needle_lengths": needle_lengths,
    "depth_and_surface": depth_and_surface,
}


# -- building and writing -------------------------------------------------------------------
class _Settings:
    """Matplotlib's defaults plus :data:`RC`, whatever the caller's own settings are."""

    def __enter__(self):
        self._ctx = mpl.rc_context()
        self._ctx.__enter__()
        mpl.rcdefaults()
        mpl.rcParams.update(RC)

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


def _builder(name: str):
    try:
        return FIGURES[name]
    except KeyError:
        raise ValueError(f"no figure {name!r}: choose one of {', '.join(FIGURES)}") from None


def build(name: str) -> tuple[Figure, str, str]:
    """The figure, its alt text and its title (drawn with the fixed settings)."""
    builder = _builder(name)
    with _Settings():
        return builder()


def render(name: str, svg: bool = True) -> tuple[bytes, bytes, str, str]:
    """SVG bytes (empty when ``svg`` is False: a notebook shows only the PNG), PNG bytes, alt text
    and title, made with the fixed settings."""
    builder = _builder(name)
    with _Settings():
        fig, alt, title = builder()
        vector, png = io.BytesIO(), io.BytesIO()
        words = {"Title": title, "Description": alt}  # the alt text travels with the file
        if svg:
            fig.savefig(vector, format="svg", metadata={**SVG_METADATA, **words})
        fig.savefig(png, format="png", dpi=DPI, metadata={**PNG_METADATA, **words})
    return vector.getvalue(), png.getvalue(), alt, title


def alt_text_markdown(alts: dict[str, tuple[str, str]]) -> str:
    """figures/alt-text.md: each figure's title and alt text ({name: (title, alt)})."""
    lines = ["# Alt text of the course figures", "",
             "Written by `make figures` from the data; do not edit by hand.", ""]
    for name, (title, alt) in alts.items():
        lines += [f"## {name}: {title}", "", f"Files: `{name}.svg`, `{name}.png`", "", alt, ""]
    return "\n".join(lines)


def write_all(folder: str | Path) -> list[Path]:
    """Write ``<name>.svg`` and ``<name>.png`` for every figure, and ``alt-text.md``."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written, alts = [], {}
    for name in FIGURES:
        svg, png, alt, title = render(name)
        for ext, data in (("svg", svg), ("png", png)):
            path = out / f"{name}.{ext}"
            path.write_bytes(data)
            written.append(path)
        alts[name] = (title, alt)
    path = out / ALT_TEXT_FILE
    path.write_text(alt_text_markdown(alts), encoding="utf-8", newline="\n")
    written.append(path)
    return written


def show(name: str):
    """The figure as a static output for a notebook: the PNG with its alt text as caption.

    A :class:`skinlab.ui.StaticView`: the image's alt text is the figure's title (a short
    label) and its caption the long description. The image is given the figure's own pixel
    width with ``max-width:100%``, so it is never scaled up and a narrower column scales it down
    to fit (the figures are drawn for about 850 px: 11 pt text stays about 13 px).

    Parameters
    ----------
    name : str
        One of :data:`FIGURES`: ``"site_comparison"``, ``"epidermis_strata"``,
        ``"needle_lengths"`` or ``"depth_and_surface"``.

    Returns
    -------
    skinlab.ui.StaticView
        The PNG (``png``, bytes), its width in pixels (``width``), its short alt text (``alt``)
        and its long description (``sentence``, also its plain-text output).

    Raises
    ------
    ValueError
        For a name that is not a figure of the course.

    Examples
    --------
    >>> view = show("depth_and_surface")
    >>> view.png[1:4], view.width
    (b'PNG', 950)
    >>> view.alt
    'Microneedling vs exfoliation on the cheek: how deep, and over how much of the surface'
    >>> show("layers")
    Traceback (most recent call last):
    ...
    ValueError: no figure 'layers': choose one of site_comparison, epidermis_strata, ...
    """
    from skinlab.ui import StaticView

    _, png, alt, title = render(name, svg=False)  # a notebook shows the PNG only
    width = int.from_bytes(png[16:20], "big")
    return StaticView(_compact(png), alt, title, alt=title, width=width, fit=True)


def _compact(png: bytes) -> bytes:
    """The PNG in 256 colours, for a notebook's output: a quarter of the bytes, the same picture
    to the eye (the files in figures/ keep every colour)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(
        colors=256, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, format="png", optimize=True)
    return out.getvalue()
