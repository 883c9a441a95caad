"""The skin drawn like a textbook figure: cells, fibres, fat, a follicle and a sweat gland.

:func:`tissue_for` gathers from the models what a site's illustration needs (a :class:`Tissue`:
every depth from :mod:`skinlab.anatomy`, the papillae, cell sizes and appendages from
``skinlab/data/illustration.yaml``); :func:`render` draws it once into an RGBA raster the size of
an axes and caches it module-wide (bounded); :class:`Illustration` is the drawing component that
pastes that raster, pixel for pixel, under an explorer's vector boundaries, labels and overlays.

Scale: a micrometre across equals a micrometre down. Cells are drawn only where they are at least
:data:`MIN_CELL_PX` pixels on screen; a zoomed-out view shows each tissue's texture instead. Each
kind of tissue is a few collections, never one artist per cell. :func:`render` returns with the
raster an :class:`Inventory` of what it drew, which the tests compare with the data.

The drawing decides no fact. The dermal-epidermal junction is a wave centred on the model's depth
(so the epidermis keeps its modelled mean thickness); its height, the cell sizes, the fat cells
and the appendages' depths are the data's values, most of them course assumptions, and every
figure that shows them says that they are drawn, not measured.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from dataclasses import dataclass, field

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import EllipseCollection, LineCollection, PolyCollection
from matplotlib.figure import Figure

from skinlab import anatomy
from skinlab.draw.base import Component
from skinlab.palette import INK, TISSUE

MIN_CELL_PX = 8.0  # a cell smaller than this on screen is drawn as texture (the goal: 6 px)
CACHE_BYTES = 16_000_000  # every cached raster together (all sites and views: about 12 MB)
MAX_STROKES = 700  # fibres or texture strokes in one tissue, at most
DRAW_RC = {"text.hinting": "no_hinting"}
EPIDERMIS = ("stratum_corneum", "stratum_lucidum", "stratum_granulosum", "stratum_spinosum",
             "stratum_basale")


def _add(ax: Axes, collection) -> None:
    """Add a collection without growing the data limits: the raster's limits are set, so
    working them out from every vertex would only cost time (about a tenth of a render)."""
    ax.add_collection(collection, autolim=False)


@dataclass(frozen=True)
class Band:
    """One stratum or layer: its key and its top and bottom in micrometres (model depths)."""

    key: str
    top: float
    bottom: float


@dataclass(frozen=True)
class Tissue:
    """What one illustration shows, all from the models and the data; hashable (the cache key).

    ``bands``: the strata of the epidermis, then the papillary and reticular dermis and the layer
    under it, surface first. ``junction_um``: the model's depth of the dermal-epidermal junction;
    ``papilla_um``: (height, spacing) of the papillae. ``cells``: (key, (width, height)) of one
    cell of each stratum, in micrometres. ``subcutis``: 'fat' or 'areolar' (then ``beneath`` is
    'muscle' where a muscle lies under it). ``follicle_um``: how deep the hair follicle reaches
    (None: no follicle); ``sweat_um``: the depth of the sweat gland's coil. ``seed`` fixes the
    layout, so a picture is the same on every run and machine.
    """

    bands: tuple[Band, ...]
    view_um: float
    width_um: float
    junction_um: float
    papilla_um: tuple[float, float]
    cells: tuple[tuple[str, tuple[float, float]], ...]
    subcutis: str = "fat"
    adipocyte_um: float = 100.0
    beneath: str = ""
    follicle_um: float | None = None
    sweat_um: float | None = None
    seed: int = 0
    appendages: bool = True  # False: no follicle or gland (a close-up of the epidermis)


@dataclass
class Inventory:
    """What one raster holds, counted while drawing."""

    cells: dict[str, int] = field(default_factory=dict)  # stratum -> cells drawn one by one
    rows: dict[str, int] = field(default_factory=dict)  # stratum -> rows of cells
    texture: list[str] = field(default_factory=list)  # what is drawn as texture (cells < 6 px)
    strata: list[str] = field(default_factory=list)  # the strata drawn, surface first
    papillae: int = 0
    capillary_loops: int = 0
    fibres: dict[str, int] = field(default_factory=dict)  # 'fine', 'coarse', 'elastic'
    fat_cells: int = 0
    fat_texture: bool = False  # the fat drawn as texture (its cells too small to see)
    septa: int = 0
    nuclei: int = 0  # cells drawn with a nucleus
    granules: int = 0  # keratohyalin granules drawn
    areolar_fibres: int = 0
    follicles: int = 0
    sebaceous_glands: int = 0
    sweat_glands: int = 0
    muscle: bool = False


# -- what to draw -----------------------------------------------------------------------------

def tissue_for(site: str, view_um: float, width_um: float, appendages: bool = True) -> Tissue:
    """A site's illustration, ``view_um`` deep and ``width_um`` across, from the models
    (``appendages=False``: without the follicle and the sweat gland, for a close-up)."""
    site = anatomy.site_key(site)
    info = anatomy.illustration(site)
    strata = anatomy.strata_at(site)
    layers = {x.key: x for x in anatomy.layers_at(site)}
    bands = [Band(s.key, s.top_um, s.bottom_um) for s in strata]
    bands += [Band(k, layers[k].top_um, layers[k].bottom_um)
              for k in ("papillary_dermis", "reticular_dermis", "hypodermis")]
    dermis_top = layers["papillary_dermis"].top_um
    dermis_bottom = layers["reticular_dermis"].bottom_um
    depth = lambda share: dermis_top + share * (dermis_bottom - dermis_top)  # noqa: E731
    cells = (("stratum_corneum", info.corneocyte), ("stratum_granulosum", info.granular_cell),
             ("stratum_spinosum", info.spinous_cell), ("stratum_basale", info.basal_cell))
    return Tissue(
        bands=tuple(bands), view_um=float(view_um), width_um=float(width_um),
        junction_um=dermis_top,
        papilla_um=(info.papilla_height.value, info.papilla_spacing.value),
        cells=cells,
        subcutis=anatomy.subcutis(site),
        adipocyte_um=info.adipocyte_diameter.value,
        beneath="muscle" if anatomy.subcutis(site) == "areolar" else "",
        follicle_um=(None if info.follicle_depth is None else
                     depth(info.follicle_depth.value)),
        sweat_um=depth(info.sweat_gland_depth.value),
        seed=zlib.crc32(f"{site}|{float(view_um):g}".encode("utf-8")),
        appendages=appendages)


def junction(x: np.ndarray, depth: float, papilla: tuple[float, float]) -> np.ndarray:
    """The dermal-epidermal junction's depth along x: rete ridges reaching down between papillae
    that rise up, a wave centred on the model's depth."""
    height, spacing = papilla
    return depth + (height / 2) * np.cos(2 * np.pi * x / spacing)


# -- the raster cache -------------------------------------------------------------------------

_CACHE: OrderedDict = OrderedDict()
_CACHED = [0]


def render(tissue: Tissue, width_px: int, height_px: int, dpi: float = 100.0
           ) -> tuple[np.ndarray, Inventory]:
    """The illustration as RGBA pixels (top row first) and what it holds; cached, bounded."""
    key = (tissue, int(width_px), int(height_px), float(dpi))
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    made = _draw(tissue, int(width_px), int(height_px), float(dpi))
    _CACHE[key] = made
    _CACHED[0] += made[0].nbytes
    while _CACHED[0] > CACHE_BYTES and len(_CACHE) > 1:
        _, (old, _) = _CACHE.popitem(last=False)
        _CACHED[0] -= old.nbytes
    return made


def cache_bytes() -> int:
    """How many bytes the cached rasters hold now."""
    return _CACHED[0]


def clear_cache() -> None:
    """Forget every cached raster (the bench times a first view of each site with it)."""
    _CACHE.clear()
    _CACHED[0] = 0


# -- drawing ----------------------------------------------------------------------------------

_BLANK: dict[tuple, tuple] = {}  # (width, height, dpi) -> an offscreen figure and its axes


def _blank(width_px: int, height_px: int, dpi: float) -> tuple[Figure, Axes]:
    """An empty offscreen figure of that size with one bare axes filling it. Made once per size
    and emptied for each drawing: making a figure and its axes costs more than clearing them."""
    key = (width_px, height_px, dpi)
    if key not in _BLANK:
        fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        _BLANK[key] = (fig, ax)
    fig, ax = _BLANK[key]
    for collection in list(ax.collections):  # a drawing adds only collections
        collection.remove()
    return fig, ax


class _Canvas:
    """Where one illustration is drawn: the axes, the scale and the collections to add."""

    def __init__(self, tissue: Tissue, width_px: int, height_px: int, dpi: float):
        self.t = tissue
        self.fig, self.ax = _blank(width_px, height_px, dpi)
        self.ax.set_xlim(0, tissue.width_um)
        self.ax.set_ylim(tissue.view_um, 0)
        self.px = height_px / tissue.view_um  # pixels per micrometre (equal aspect)
        self.xs = np.linspace(0, tissue.width_um, max(64, width_px))
        self.rng = np.random.default_rng(tissue.seed)
        self.inv = Inventory()

    def fill(self, top: np.ndarray, bottom: np.ndarray, colour: str, z: float = 0) -> None:
        poly = np.concatenate([np.column_stack([self.xs, top]),
                               np.column_stack([self.xs[::-1], bottom[::-1]])])
        _add(self.ax, PolyCollection([poly], facecolors=colour, edgecolors="none",
                                              zorder=z))

    def strokes(self, top, bottom, n: int, length: float, colour: str, width: float,
                angle: float, wave: float = 0.0, z: float = 1) -> int:
        """``n`` short wavy strokes scattered between two curves (fibres, or texture)."""
        n = int(min(MAX_STROKES, max(0, n)))
        if n == 0:
            return 0
        rng = self.rng
        x0 = rng.uniform(-length / 2, self.t.width_um, n)
        xi = np.clip(x0, 0, self.t.width_um)
        t, b = np.interp(xi, self.xs, top), np.interp(xi, self.xs, bottom)
        y0 = t + rng.uniform(0.05, 0.95, n) * (b - t)
        a = rng.uniform(-angle, angle, n)
        s = np.linspace(0, 1, 7)
        px = x0[:, None] + s[None, :] * length * np.cos(a)[:, None]
        py = (y0[:, None] + s[None, :] * length * np.sin(a)[:, None]
              + wave * length * np.sin(2 * np.pi * s[None, :] + x0[:, None]))
        py = np.clip(py, np.minimum(t, b)[:, None], np.maximum(t, b)[:, None])
        _add(self.ax, LineCollection(np.stack([px, py], axis=2), colors=colour,
                                              linewidths=width, capstyle="round", zorder=z))
        return n

    def pixels(self) -> np.ndarray:
        with mpl.rc_context(DRAW_RC):
            self.fig.canvas.draw()
        return np.asarray(self.fig.canvas.buffer_rgba()).copy()


def _draw(tissue: Tissue, width_px: int, height_px: int, dpi: float
          ) -> tuple[np.ndarray, Inventory]:
    c = _Canvas(tissue, width_px, height_px, dpi)
    wave = junction(c.xs, tissue.junction_um, tissue.papilla_um)
    shift = wave - tissue.junction_um  # how far the junction is below its mean, along x
    edges: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for b in tissue.bands:
        top, bottom = np.full_like(c.xs, b.top), np.full_like(c.xs, b.bottom)
        if b.key in ("stratum_spinosum", "stratum_basale"):
            # the living layers above the junction follow it: the basal row along it, the
            # spinous layer down into the rete ridges
            bottom = bottom + shift
            if b.key == "stratum_basale":
                top = top + shift
        elif b.key == "papillary_dermis":
            top = top + shift
        edges[b.key] = (top, bottom)
        if float(np.min(top)) < tissue.view_um:  # the papillae may rise into a shallow view
            colour = TISSUE["areolar_tissue" if b.key == "hypodermis" and
                            tissue.subcutis == "areolar" else b.key]
            c.fill(top, bottom, colour)
    cells = dict(tissue.cells)
    for b in tissue.bands:
        top, bottom = edges[b.key]
        if float(np.min(top)) >= tissue.view_um:
            continue
        if b.key in EPIDERMIS:
            c.inv.strata.append(b.key)
            _epidermal(c, b.key, top, bottom, cells.get(b.key))
        elif b.key == "papillary_dermis":
            _dermis(c, top, bottom, fine=True)
            _capillary_loops(c, tissue)
        elif b.key == "reticular_dermis":
            _dermis(c, top, bottom, fine=False)
        elif b.key == "hypodermis":
            _subcutis(c, b, top, bottom)
    _appendages(c, tissue)
    return c.pixels(), c.inv


def _rows_of_cells(c: _Canvas, top, bottom, w: float, h: float, stagger: bool,
                   jitter: float) -> tuple[list[np.ndarray], int]:
    """Cells as quadrilaterals in rows stacked up from ``bottom`` until ``top``."""
    polys, rows = [], 0
    thickness = float(np.max(bottom - top))
    n_rows = max(1, int(round(thickness / h)))
    for r in range(n_rows):
        shift = w / 2 if stagger and r % 2 else 0.0
        lefts = np.arange(-shift, c.t.width_um, w)
        rights = lefts + w
        bl = np.interp(lefts, c.xs, bottom) - r * h
        br = np.interp(rights, c.xs, bottom) - r * h
        tl_lim = np.interp(lefts, c.xs, top)
        keep = bl - h >= tl_lim - 0.4 * h
        if not keep.any():
            continue
        rows += 1
        d = c.rng.uniform(-jitter, jitter, (len(lefts), 4)) * w if jitter else np.zeros(
            (len(lefts), 4))
        for k in np.flatnonzero(keep):
            polys.append(np.array([[lefts[k] + d[k, 0], bl[k]], [rights[k] + d[k, 1], br[k]],
                                   [rights[k] + d[k, 2], br[k] - h],
                                   [lefts[k] + d[k, 3], bl[k] - h]]))
    return polys, rows


def _polygonal_cells(c: _Canvas, top, bottom, d: float) -> tuple[np.ndarray, int]:
    """Hexagonal cells ``d`` across on a staggered grid, kept where they lie inside the band."""
    y0, y1 = float(np.min(top)), float(np.max(bottom))
    ys = np.arange(y0 + d / 2, y1, d * 0.87)
    gx, gy = [], []
    for r, y in enumerate(ys):
        xs = np.arange((d / 2) * (r % 2), c.t.width_um + d, d)
        gx.append(xs)
        gy.append(np.full_like(xs, y))
    if not gx:
        return np.zeros((0, 6, 2)), 0
    x, y = np.concatenate(gx), np.concatenate(gy)
    keep = (y - d * 0.35 >= np.interp(x, c.xs, top)) & (y + d * 0.35 <= np.interp(x, c.xs,
                                                                                  bottom))
    x, y = x[keep], y[keep]
    angles = np.pi / 6 + np.arange(6) * np.pi / 3
    hexagon = np.column_stack([np.cos(angles), np.sin(angles)]) * (d / 2) * 1.02
    polys = (hexagon[None, :, :] + np.stack([x, y], axis=1)[:, None, :]
             + c.rng.uniform(-0.08, 0.08, (len(x), 6, 2)) * d)
    return polys, len(np.unique(y))


KIND = {"stratum_corneum": "corneum", "stratum_lucidum": "lucidum",
        "stratum_granulosum": "granular", "stratum_spinosum": "spinous",
        "stratum_basale": "basal"}


def _epidermal(c: _Canvas, key: str, top, bottom, size) -> None:
    kind = KIND[key]
    edge, face = TISSUE[f"{kind}_edge"], TISSUE[f"{kind}_cell"]
    if size is None or min(size) * c.px < MIN_CELL_PX:
        c.inv.texture.append(key)
        length = max(size[0] if size else 10.0, 6 / c.px)
        area_px = float(np.mean(bottom - top)) * c.t.width_um * c.px * c.px
        c.strokes(top, bottom, area_px / 90, length, _soft(edge), 0.5,
                  0.08 if kind != "spinous" else 1.0)
        return
    w, h = size
    if kind == "basal":  # one row along the junction
        polys, rows = _rows_of_cells(c, bottom - h, bottom, w, h, False, 0.0)
    elif kind == "spinous":  # polygonal cells on a staggered grid, down into the rete ridges
        polys, rows = _polygonal_cells(c, top, bottom, w)
    else:
        polys, rows = _rows_of_cells(c, top, bottom, w, h, True, 0.0)
    if len(polys) == 0:
        return
    _add(c.ax, PolyCollection(polys, facecolors=face, edgecolors=edge,
                                       linewidths=0.5, zorder=1))
    c.inv.cells[key] = len(polys)
    c.inv.rows[key] = rows
    centres = np.asarray([p.mean(axis=0) for p in polys])
    if kind in ("basal", "spinous", "granular") and w * c.px >= 2 * MIN_CELL_PX:
        # nuclei (round, then flattened), where a cell is large enough to show one
        ratio = {"basal": (0.45, 0.5), "spinous": (0.35, 0.35), "granular": (0.3, 0.35)}[kind]
        _add(c.ax, EllipseCollection(
            np.full(len(centres), w * ratio[0]), np.full(len(centres), h * ratio[1]), 0,
            units="xy", offsets=centres, offset_transform=c.ax.transData,
            facecolors=TISSUE["nucleus"], edgecolors="none", zorder=2))
        c.inv.nuclei += len(centres)
    if kind == "granular":  # keratohyalin granules
        dots = np.concatenate([centres + c.rng.uniform(-0.35, 0.35, centres.shape) * [w, h]
                               for _ in range(4)])
        size_um = max(h * 0.18, 1.5 / c.px)
        _add(c.ax, EllipseCollection(
            np.full(len(dots), size_um), np.full(len(dots), size_um), 0, units="xy",
            offsets=dots, offset_transform=c.ax.transData, facecolors=TISSUE["granule"],
            edgecolors="none", zorder=2))
        c.inv.granules += len(dots)


def _dermis(c: _Canvas, top, bottom, fine: bool) -> None:
    area_px = float(np.mean(bottom - top)) * c.t.width_um * c.px * c.px
    length = max(6 / c.px, (25.0 if fine else 60.0))
    n = area_px / (180 if fine else 420)
    key = "fine" if fine else "coarse"
    c.inv.fibres[key] = c.strokes(top, bottom, n, length, TISSUE[
        "collagen_fine" if fine else "collagen"], 0.6 if fine else 2.0,
        1.2 if fine else 0.45, wave=0.08)
    c.inv.fibres["elastic"] = c.inv.fibres.get("elastic", 0) + c.strokes(
        top, bottom, n / 8, length * 0.8, TISSUE["elastic"], 0.4, 0.6, wave=0.12, z=1.5)


def _capillary_loops(c: _Canvas, t: Tissue) -> None:
    """A hairpin loop rising into each papilla (the papillae stand where the wave is highest)."""
    height, spacing = t.papilla_um
    tips = np.arange(spacing / 2, t.width_um, spacing)
    c.inv.papillae = len(tips)
    if height * c.px < MIN_CELL_PX or not len(tips):
        return
    top = t.junction_um - height / 2 + height * 0.2
    base = t.junction_um + height * 0.5 + 10.0
    s = np.linspace(0, 1, 16)
    half = spacing * 0.08
    loops = [np.column_stack([x - half * np.cos(np.pi * s), top + (base - top) *
                              np.abs(2 * s - 1) ** 2]) for x in tips]
    _add(c.ax, LineCollection(loops, colors=TISSUE["capillary"], linewidths=1.1,
                                       zorder=2))
    c.inv.capillary_loops = len(loops)


def _subcutis(c: _Canvas, b: Band, top, bottom) -> None:
    t = c.t
    view_bottom = np.minimum(bottom, t.view_um)
    if t.subcutis == "areolar":  # loose tissue, then the muscle under it
        area_px = float(np.mean(view_bottom - top)) * t.width_um * c.px * c.px
        c.inv.areolar_fibres = c.strokes(top, view_bottom, area_px / 500, max(30.0, 8 / c.px),
                                         TISSUE["areolar_fibre"], 0.6, 1.4, wave=0.15)
        if b.bottom < t.view_um:
            mtop = np.full_like(c.xs, b.bottom)
            mbottom = np.full_like(c.xs, t.view_um)
            c.fill(mtop, mbottom, TISSUE["muscle"], z=0.5)
            ys = np.arange(b.bottom + 4 / c.px, t.view_um, max(6.0, 5 / c.px))
            _add(c.ax, LineCollection(
                [np.array([[0, y], [t.width_um, y]]) for y in ys], colors=TISSUE["muscle_line"],
                linewidths=0.5, zorder=1))
            c.inv.muscle = True
        return
    d = t.adipocyte_um
    lobule = d * 6
    septa_x = np.arange(c.rng.uniform(0.3, 0.7) * lobule, t.width_um, lobule)
    if d * c.px < MIN_CELL_PX:
        c.inv.texture.append("hypodermis")
        c.inv.fat_texture = True
    else:
        step = d * 0.87
        ys = np.arange(b.top + d / 2, min(b.bottom, t.view_um) + d / 2, step)
        centres = [(x, y) for r, y in enumerate(ys)
                   for x in np.arange((d / 2) * (r % 2), t.width_um + d, d)
                   if not (len(septa_x) and np.min(np.abs(septa_x - x)) < d * 0.55)]
        if centres:
            pts = np.array(centres)
            _add(c.ax, EllipseCollection(
                np.full(len(pts), d * 0.92), np.full(len(pts), d * 0.92), 0, units="xy",
                offsets=pts, offset_transform=c.ax.transData, facecolors=TISSUE["fat_cell"],
                edgecolors=TISSUE["fat_edge"], linewidths=0.6, zorder=1))
            c.inv.fat_cells = len(pts)
    segs = [np.array([[x, b.top], [x + c.rng.uniform(-0.5, 0.5) * d, min(b.bottom, t.view_um)]])
            for x in septa_x]
    if segs:
        _add(c.ax, LineCollection(segs, colors=TISSUE["septum"],
                                           linewidths=max(1.5, 8 * c.px), zorder=2))
    c.inv.septa = len(segs)


def _appendages(c: _Canvas, t: Tissue) -> None:
    """A hair follicle with its sebaceous gland (where the site has one), and a sweat gland's
    duct from its coil to the surface."""
    if not t.appendages:
        return
    if t.follicle_um is not None:
        x = t.width_um * 0.28
        w = min(t.width_um / 8, 70.0)
        deep = t.follicle_um
        outline = np.array([[x - w / 2, -1], [x + w / 2, -1], [x + w / 2, deep - w],
                            [x + w * 0.8, deep - w * 0.4], [x + w * 0.5, deep],
                            [x - w * 0.5, deep], [x - w * 0.8, deep - w * 0.4],
                            [x - w / 2, deep - w]])
        _add(c.ax, PolyCollection([outline], facecolors=TISSUE["follicle"],
                                           edgecolors=TISSUE["follicle_edge"], linewidths=0.8,
                                           zorder=3))
        _add(c.ax, LineCollection([np.array([[x, -1], [x, deep - w * 0.5]])],
                                           colors=TISSUE["hair"], linewidths=max(1.2, w * c.px
                                                                                 * 0.18),
                                           zorder=4))
        gland = t.junction_um + 0.35 * (deep - t.junction_um)
        lobes = np.array([[x + w * (0.9 + 0.45 * k), gland + w * 0.35 * (k - 1)]
                          for k in range(3)])
        _add(c.ax, EllipseCollection(
            np.full(3, w * 0.9), np.full(3, w * 0.7), 0, units="xy", offsets=lobes,
            offset_transform=c.ax.transData, facecolors=TISSUE["sebaceous"],
            edgecolors=TISSUE["follicle_edge"], linewidths=0.6, zorder=3))
        c.inv.follicles += 1
        c.inv.sebaceous_glands += 1
    if t.sweat_um is not None:
        x = t.width_um * 0.72
        r = min(t.width_um / 14, 40.0)
        s = np.linspace(0, 1, 80)
        duct = np.column_stack([x + np.sin(s * 14 * np.pi) * r * 0.25, s * (t.sweat_um - r)])
        a = np.linspace(0, 6 * np.pi, 90)
        coil = np.column_stack([x + r * np.cos(a) * (0.6 + 0.4 * a / a[-1]),
                                t.sweat_um - r + r * 0.55 * np.sin(a)])
        _add(c.ax, LineCollection([duct, coil], colors=TISSUE["sweat"],
                                           linewidths=1.2, zorder=3))
        c.inv.sweat_glands += 1


def _soft(colour: str) -> tuple[float, float, float, float]:
    """A texture stroke's colour: the tissue's line colour, half transparent."""
    return (*mpl.colors.to_rgb(colour), 0.5)


# -- the component ----------------------------------------------------------------------------

class _Raster(Artist):
    """A raster pasted pixel for pixel over an axes' area (no resampling)."""

    def __init__(self, ax: Axes):
        super().__init__()
        self.ax = ax
        self.pixels = np.zeros((1, 1, 4), dtype=np.uint8)
        self.set_zorder(0)

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        box = self.ax.get_window_extent(renderer)
        gc = renderer.new_gc()
        renderer.draw_image(gc, round(box.x0), round(box.y0), self.pixels[::-1])
        gc.restore()


class Illustration(Component):
    """The illustrated tissue of a cross-section: one cached raster under its vector parts.

    State: ``site``, ``view_um``, ``boundaries`` (the depths, in micrometres, where a boundary
    line is drawn over the tissue; the dermal-epidermal junction's is its wave) and
    ``appendages`` (False: no follicle or gland). Not an overlay: the overlays are drawn over it.
    """

    @dataclass(frozen=True)
    class State:
        site: str
        view_um: float
        boundaries: tuple[float, ...]
        appendages: bool = True

    def __init__(self, ax: Axes):
        self.ax = ax
        self.raster = _Raster(ax)
        self.ax.add_artist(self.raster)
        self.lines = LineCollection([], colors=INK, linewidths=0.9, zorder=1.5)
        ax.add_collection(self.lines)
        self.inventory = Inventory()
        self.tissue: Tissue | None = None

    def artists(self) -> list:
        return [self.raster, self.lines]

    def size_px(self) -> tuple[int, int]:
        fig = self.ax.figure
        box = self.ax.get_position()
        w, h = fig.get_size_inches() * fig.dpi
        return int(round(box.width * w)), int(round(box.height * h))

    def apply(self, state: Illustration.State) -> None:
        w, h = self.size_px()
        t = tissue_for(state.site, state.view_um, width_for(self.ax, state.view_um),
                       state.appendages)
        self.tissue = t
        self.ax.set_xlim(0, t.width_um)
        self.raster.pixels, self.inventory = render(t, w, h, self.ax.figure.dpi)
        xs = np.linspace(0, t.width_um, 240)
        lines = []
        basal = dict(t.cells)["stratum_basale"][1]
        wave = junction(xs, t.junction_um, t.papilla_um)
        for depth in state.boundaries:
            if depth >= t.view_um:
                continue
            if -1e-6 <= t.junction_um - depth <= basal + 1e-6:
                # the junction, or the top of the basal row that follows it
                lines.append(np.column_stack([xs, wave - (t.junction_um - depth)]))
            else:
                lines.append(np.array([[0.0, depth], [t.width_um, depth]]))
        self.lines.set_segments(lines)


# -- the key: every structure drawn, by name and colour ----------------------------------------

def key_entries(inv: Inventory) -> list[tuple[str, str, dict]]:
    """What the illustration drew besides the layers' own cells (which the layer labels name):
    (name, kind, style) for each structure in ``inv``, in the order drawn from the surface
    down; kind is 'line', 'dot' or 'patch', style its colours (all from
    :data:`skinlab.palette.TISSUE`)."""
    out: list[tuple[str, str, dict]] = []
    if inv.nuclei:
        out.append(("cell nuclei", "dot", {"face": TISSUE["nucleus"], "edge": TISSUE["nucleus"]}))
    if inv.granules:
        out.append(("keratohyalin granules", "dot",
                    {"face": TISSUE["granule"], "edge": TISSUE["granule"], "size": 3.5}))
    if inv.capillary_loops:
        out.append(("capillary loops (small blood vessels)", "line",
                    {"color": TISSUE["capillary"]}))
    if inv.fibres.get("fine") or inv.fibres.get("coarse"):
        out.append(("collagen fibres", "line", {"color": TISSUE["collagen"], "width": 2.4}))
    if inv.fibres.get("elastic"):
        out.append(("elastic fibres", "line", {"color": TISSUE["elastic"], "width": 0.9}))
    if inv.follicles:
        out.append(("hair follicle", "patch", {"face": TISSUE["follicle"],
                                               "edge": TISSUE["follicle_edge"]}))
        out.append(("hair", "line", {"color": TISSUE["hair"], "width": 2.4}))
    if inv.sebaceous_glands:
        out.append(("sebaceous (oil) gland", "dot", {"face": TISSUE["sebaceous"],
                                                     "edge": TISSUE["follicle_edge"],
                                                     "size": 8}))
    if inv.sweat_glands:
        out.append(("sweat gland and its duct", "line", {"color": TISSUE["sweat"]}))
    if inv.fat_cells or inv.fat_texture:
        out.append(("fat cells", "dot", {"face": TISSUE["fat_cell"], "edge": TISSUE["fat_edge"],
                                         "size": 8}))
    if inv.septa:
        out.append(("septa between fat lobules", "line", {"color": TISSUE["septum"],
                                                          "width": 2.4}))
    if inv.areolar_fibres:
        out.append(("loose-tissue fibres", "line", {"color": TISSUE["areolar_fibre"]}))
    if inv.muscle:
        out.append(("muscle (not modelled)", "patch", {"face": TISSUE["muscle"],
                                                      "edge": TISSUE["muscle_line"]}))
    return out


def key_handles(inv: Inventory) -> list:
    """Legend proxies for :func:`key_entries`: each in the colour and kind of mark drawn."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    out = []
    for name, kind, st in key_entries(inv):
        if kind == "line":
            out.append(Line2D([], [], color=st["color"], linewidth=st.get("width", 1.6),
                              label=name))
        elif kind == "dot":
            out.append(Line2D([], [], linestyle="none", marker="o",
                              markersize=st.get("size", 5), markerfacecolor=st["face"],
                              markeredgecolor=st["edge"], label=name))
        else:
            out.append(Patch(facecolor=st["face"], edgecolor=st["edge"], linewidth=0.8,
                             label=name))
    return out


KEY_SLOTS = 13  # every structure :func:`key_entries` can name


class TissueKey(Component):
    """A key to an :class:`Illustration`: every structure it drew, named, in its colour and
    kind of mark (:func:`key_entries`), in ``ncol`` columns from ``anchor`` (figure fraction,
    the key's lower left) up. State: ``site`` and ``view_um``, what changes the illustration,
    so the key follows it; the entries come from the illustration's inventory. The marks and
    words are made once and changed in place (shown, hidden, recoloured)."""

    TITLE = "Also drawn (sizes are schematic):"

    @dataclass(frozen=True)
    class State:
        site: str
        view_um: float

    def __init__(self, illustration: Illustration, anchor: tuple[float, float] = (0.02, 0.0),
                 ncol: int = 3, fontsize: float = 7.5, width: float = 0.96, row: float = 0.033):
        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle

        self.illustration = illustration
        fig = self.fig = illustration.ax.figure
        self.anchor, self.ncol, self.col, self.row = anchor, ncol, width / ncol, row
        rows = -(-KEY_SLOTS // ncol)
        self.top = anchor[1] + rows * row  # the first row's centre sits under the title
        tr = fig.transFigure
        self.title = fig.text(anchor[0], self.top + row * 0.5, self.TITLE, fontsize=fontsize,
                              color=INK, va="bottom", ha="left")
        self.slots = []
        for _ in range(KEY_SLOTS):
            line = Line2D([], [], transform=tr, solid_capstyle="butt")
            dot = Line2D([], [], transform=tr, linestyle="none", marker="o")
            box = Rectangle((0, 0), 0.03, row * 0.55, transform=tr, linewidth=0.8)
            words = fig.text(0, 0, "", fontsize=fontsize, color=INK, va="center", ha="left")
            for a in (line, dot, box):
                fig.add_artist(a)
            self.slots.append((line, dot, box, words))
        self._entries: list[tuple[str, str, dict]] = []

    def artists(self) -> list:
        return [self.title, *(a for slot in self.slots for a in slot)]

    def names(self) -> list[str]:
        """The structures the key names now, in order."""
        return [name for name, _, _ in self._entries]

    def swatches(self) -> list[tuple[str, str]]:
        """(name, colour) of each entry shown: a line's colour, a dot's or a patch's fill."""
        return [(name, st["color"] if kind == "line" else st["face"])
                for name, kind, st in self._entries]

    def apply(self, state: TissueKey.State) -> None:
        self._entries = key_entries(self.illustration.inventory)
        self.title.set_visible(bool(self._entries))
        for k, (line, dot, box, words) in enumerate(self.slots):
            shown = k < len(self._entries)
            for a in (line, dot, box, words):
                a.set_visible(False)
            if not shown:
                continue
            name, kind, st = self._entries[k]
            x = self.anchor[0] + (k % self.ncol) * self.col
            y = self.top - (k // self.ncol + 0.5) * self.row
            if kind == "line":
                line.set_data([x, x + 0.03], [y, y])
                line.set_color(st["color"])
                line.set_linewidth(st.get("width", 1.6))
                line.set_visible(True)
            elif kind == "dot":
                dot.set_data([x + 0.015], [y])
                dot.set_markersize(st.get("size", 5))
                dot.set_markerfacecolor(st["face"])
                dot.set_markeredgecolor(st["edge"])
                dot.set_visible(True)
            else:
                box.set_xy((x, y - self.row * 0.275))
                box.set_facecolor(st["face"])
                box.set_edgecolor(st["edge"])
                box.set_visible(True)
            words.set_position((x + 0.04, y))
            words.set_text(name)
            words.set_visible(True)


def width_for(ax: Axes, view_um: float) -> float:
    """The micrometres across an axes that shows ``view_um`` down, at equal aspect."""
    box = ax.get_position()
    w, h = ax.figure.get_size_inches()
    return float(view_um) * (box.width * w) / (box.height * h)


__all__ = ["Band", "Illustration", "Inventory", "MIN_CELL_PX", "Tissue", "TissueKey",
           "cache_bytes", "clear_cache", "junction", "key_entries", "key_handles", "render",
           "tissue_for", "width_for"]
