"""The explorer base: controls with units, drawing components updated in place, and a describe()
sentence.

Rendering path (see README, "How the explorers draw"): each explorer owns one matplotlib
``Figure`` on the Agg canvas, made the first time it is drawn (reading an explorer's controls
builds no figure). ``build(fig)`` makes the explorer's drawing components
(:mod:`skinlab.draw`) once and returns them by name; ``wire(state)`` turns a state of the
controls into each component's own state. On every render the base hands each component whose
state changed its new state; when only overlay components changed, it restores a cached picture
of the rest and draws just their artists (blitting), otherwise it draws the whole figure and
caches it again. The canvas's RGBA buffer is encoded as PNG (:mod:`skinlab.draw.png`) and set
on one :class:`skinlab.ui.FigureView`. The figure is never rebuilt and no output area is cleared.

Every explorer subclass declares ``name``, ``title``, ``controls`` (a tuple of :class:`Choice`
and :class:`Number`, each label naming its unit), ``build``, ``wire`` and ``sentence``; and
optionally ``adjust(state)`` (dependent controls), ``alt(state)`` (a short label for the image),
``extra_html(state)`` and ``examples()`` (named states for notebooks, the audit and the bench).

``describe(**state)`` returns one plain sentence for any state; bad input gets a sentence that
says what is wrong instead of a traceback.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets
import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from skinlab.draw import Component, png
from skinlab.ui import FigureView, LabelledBox, StaticView, box, split

WIDTH_IN, HEIGHT_IN, DPI = 6.4, 4.8, 100  # 640 x 480 px
# Unhinted glyphs: about a fifth faster to draw than matplotlib's default hinting, and as legible
# at 100 dpi (measured with make bench). Applied while an explorer draws, nowhere else.
DRAW_RC = {"text.hinting": "no_hinting"}


@dataclass(frozen=True)
class Choice:
    """A control that picks one of several options (a drop-down in the page)."""

    name: str
    label: str
    options: tuple[tuple[str, Any], ...]  # (text shown, value)
    default: Any

    def clean(self, value: Any) -> Any:
        values = [v for _, v in self.options]
        if value in values:
            return value
        if isinstance(value, str):  # accept the shown text, any case
            for text, v in self.options:
                if value.strip().lower() in (text.lower(), str(v).lower()):
                    return v
        shown = ", ".join(repr(v) for v in values)
        raise ValueError(f"{self.label}: {value!r} is not one of the choices ({shown})")


@dataclass(frozen=True)
class Number:
    """A numeric control with a unit (a slider in the page).

    ``readout`` is the slider's number format (a Python format spec such as ``.0f``); ``log``
    makes the slider move in equal ratios (``min`` must then be above zero).
    """

    name: str
    label: str  # includes the unit, e.g. "Probe depth (µm)"
    unit: str
    min: float
    max: float
    step: float
    default: float
    readout: str = ".0f"
    log: bool = False

    def __post_init__(self):
        if self.log and self.min <= 0:
            raise ValueError(f"{self.label}: a log-scale control needs a minimum above zero")

    def clean(self, value: Any, lo: float | None = None, hi: float | None = None) -> float:
        lo = self.min if lo is None else lo
        hi = self.max if hi is None else hi
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            try:
                value = float(str(value).strip().replace(",", "."))
            except ValueError:
                raise ValueError(f"{self.label}: {value!r} is not a number") from None
        value = float(value)
        if math.isnan(value):
            raise ValueError(f"{self.label}: not a number (NaN)")
        if not lo <= value <= hi:
            raise ValueError(f"{self.label}: {value:{self.readout}} {self.unit} is outside "
                             f"{lo:{self.readout}} to {hi:{self.readout}} {self.unit}")
        return value

    def shown(self, value: float) -> str:
        """The value as the slider shows it, with its unit."""
        return f"{value:{self.readout}} {self.unit}"


class ExplorerBox(LabelledBox):
    """The explorer's box. Its saved output also carries the figure as a PNG and the sentence as
    text, so a notebook opened untrusted or without widget support (nbconvert, the book) shows
    the last figure and sentence instead of a widget's class name."""

    explorer = None

    def _repr_mimebundle_(self, **kwargs):
        import base64
        bundle = super()._repr_mimebundle_(**kwargs)
        exp = self.explorer
        if exp is not None and exp.view is not None and isinstance(bundle, dict):
            bundle["image/png"] = base64.b64encode(exp.view.png).decode("ascii")
            bundle["text/plain"] = (f"{exp.title}. {exp.view.text} "
                                    f"(Run this cell to use the controls.)")
        return bundle


class Explorer:
    """Base class: see the module docstring for what a subclass supplies."""

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    controls: ClassVar[tuple[Choice | Number, ...]] = ()

    def __init__(self, **state: Any):
        self._fig: Figure | None = None
        self._parts: dict[str, Component] = {}
        self._background = None
        self._frame: tuple = (None, None)  # (what the frame shows, its cached picture)
        self._drawn: dict[str, Any] = {}  # each component's State as last drawn
        self.state = self.clean(**state)
        self._widgets: dict[str, Any] = {}
        self._view = None
        self._root = None
        self._info = None
        self._syncing = False

    # -- for subclasses -----------------------------------------------------------------
    def build(self, fig: Figure) -> dict[str, Component]:  # pragma: no cover - abstract
        """Make the drawing components on ``fig``, once; return them by name."""
        raise NotImplementedError

    def wire(self, state: dict) -> dict[str, dict]:  # pragma: no cover - abstract
        """Each component's state for a state of the controls (names as from ``build``)."""
        raise NotImplementedError

    def sentence(self, state: dict) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def alt(self, state: dict) -> str:
        """A short label for the figure's image (at most 150 characters); the live paragraph
        under it holds the whole sentence."""
        return f"{self.title.split(':')[0]}: figure for the settings above"

    def adjust(self, state: dict) -> dict:
        """Dependent control settings for a state: {control name: {attribute: value}}."""
        return {}

    def examples(self) -> dict[str, dict]:
        """Named states: shown in notebooks, checked by the audit, timed by the benchmark."""
        return {"default": {}}

    def extra_html(self, state: dict) -> str:
        """Optional escaped HTML shown under the sentence (e.g. what lives in a layer)."""
        return ""

    # -- state --------------------------------------------------------------------------
    def control(self, name: str) -> Choice | Number:
        for c in self.controls:
            if c.name == name:
                return c
        raise ValueError(f"{self.title or self.name} has no control {name!r}; its controls are "
                         f"{', '.join(c.name for c in self.controls)}")

    def number_bounds(self, name: str, state: dict) -> tuple[float, float]:
        """The allowed range of a numeric control in a state (subclasses may narrow it)."""
        c = self.control(name)
        return c.min, c.max

    def clean(self, **state: Any) -> dict:
        """A full, validated state; raises ValueError with a plain message on bad input."""
        base = dict(getattr(self, "state", None) or {c.name: c.default for c in self.controls})
        for key in state:
            self.control(key)  # unknown names fail clearly
        out = dict(base)
        for c in self.controls:  # choices first: number bounds may depend on them
            if isinstance(c, Choice) and c.name in state:
                out[c.name] = c.clean(state[c.name])
        for c in self.controls:
            if isinstance(c, Number):
                lo, hi = self.number_bounds(c.name, out)
                if c.name in state:
                    out[c.name] = c.clean(state[c.name], lo, hi)
                else:
                    out[c.name] = min(max(float(out[c.name]), lo), hi)
        return out

    def describe(self, **state: Any) -> str:
        """One plain sentence for a state (missing keys keep the current value).

        Parameters
        ----------
        **state
            Control values by control name (see the explorer's ``controls``: each number in the unit
            its label names, e.g. ``probe_um`` in micrometres, ``needle_mm`` in millimetres). The
            explorer's own state is not changed.

        Returns
        -------
        str
            The sentence the explorer shows under its figure for that state, or, for bad input, a
            sentence starting "Cannot show that:" that says what is wrong (it never raises for a
            control's value).

        Examples
        --------
        >>> from skinlab.explore import LayerExplorer
        >>> from skinlab.text import say
        >>> explorer = LayerExplorer()
        >>> say(explorer.describe(site="palm", view_um=200, layer="stratum_corneum", probe_um=150),
        ...     width=80)
        Showing the top 200 µm of the palm: a probe at 150 µm is in the stratum corneum,
        which lies from the surface to 173 µm; the highlighted stratum corneum is about
        173 µm thick (range in the sources: 85 µm to 261 µm).
        >>> explorer.describe(probe_um=-3)
        'Cannot show that: Probe depth (µm): -3 µm is outside 0 to 1000 µm.'
        """
        try:
            full = self.clean(**state)
        except ValueError as exc:
            return f"Cannot show that: {exc}."
        return self.sentence(full)

    # -- drawing ------------------------------------------------------------------------
    @property
    def fig(self) -> Figure:
        """The explorer's figure, made (with its components) the first time it is needed."""
        if self._fig is None:
            self._fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
            FigureCanvasAgg(self._fig)
            self._parts = dict(self.build(self._fig))
        return self._fig

    @property
    def parts(self) -> dict[str, Component]:
        """The drawing components by name (the figure is made if it was not yet)."""
        _ = self.fig
        return self._parts

    def render(self, **state: Any) -> bytes:
        """Draw a state (which becomes the explorer's state) and return the PNG bytes.

        Only components whose own state changed are updated; when they are all overlays, the
        cached picture of the rest is restored and only their artists are drawn (blitting).
        """
        self.state = self.clean(**state)
        return self._render(self.state)

    def changed_parts(self, state: dict) -> list[str]:
        """The components a (clean) state would change, compared with what is drawn now.

        Each component's wired state is turned into its ``State`` first
        (:meth:`skinlab.draw.Component.state`), so a misspelled or missing field in ``wire()``
        fails here, naming the component and the field."""
        parts = self.parts
        wired = {n: parts[n].state(s) for n, s in self.wire(state).items()}
        return [n for n, s in wired.items() if self._drawn.get(n) != s]

    def _render(self, state: dict) -> bytes:
        parts = self.parts
        wired = {n: parts[n].state(s) for n, s in self.wire(state).items()}
        changed = [n for n, s in wired.items() if self._drawn.get(n) != s]
        for n in changed:
            parts[n].update(wired[n])
        self._drawn = wired
        with mpl.rc_context(DRAW_RC):
            return self._draw(blit=self._background is not None and
                              all(parts[n].overlay for n in changed))

    def _frame_key(self) -> tuple:
        """What the frame (axes, ticks, axis labels: everything no component owns) shows now."""
        return tuple((ax.get_visible(), tuple(ax.get_position().bounds), ax.get_xlim(),
                      ax.get_ylim(),
                      ax.get_xlabel(), ax.get_ylabel(), ax.get_title(),
                      id(ax.xaxis.get_major_formatter()), id(ax.yaxis.get_major_formatter()))
                     for ax in self.fig.axes)

    def _draw(self, blit: bool) -> bytes:
        """Three layers, each cached: the frame (drawn again only when the axes change), the
        components that are not overlays (drawn over it), the overlays (drawn over those). Every
        picture is composed in that order, so a partial redraw equals a full one, pixel for
        pixel."""
        canvas = self.fig.canvas
        still = [a for p in self._parts.values() if not p.overlay for a in p.artists()]
        moving = [a for p in self._parts.values() if p.overlay for a in p.artists()]
        if blit:
            canvas.restore_region(self._background)
        else:
            key = self._frame_key()
            if key != self._frame[0]:
                for artist in still + moving:
                    artist.set_animated(True)  # left out of the frame, drawn on top below
                canvas.draw()
                self._frame = (key, canvas.copy_from_bbox(self.fig.bbox))
            else:
                canvas.restore_region(self._frame[1])
            for artist in sorted(still, key=lambda a: a.get_zorder()):
                self.fig.draw_artist(artist)
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        for artist in moving:
            self.fig.draw_artist(artist)
        return png.encode(canvas.buffer_rgba())

    def static(self, **state: Any) -> StaticView:
        """A state's figure and sentence as a static output (no kernel needed to read it).

        It does not change the explorer's own (live) state.
        """
        try:
            shown = self.clean(**state)
        except ValueError as exc:
            return StaticView(b"", f"Cannot show that: {exc}.", self.title)
        live = self.state
        try:
            png = self._render(shown)
        finally:
            self.state = live
        return StaticView(png, self.sentence(shown), self.title, alt=self.alt(shown))

    # -- widgets ------------------------------------------------------------------------
    def widget(self):
        """The interactive explorer: labelled controls beside (or above) the figure and its
        live sentence. Called again (a cell run twice), it returns the same box, so every copy
        on the page stays live.

        Returns
        -------
        ExplorerBox
            An ipywidgets VBox: the title, one control a setting (a drop-down or a slider labelled
            with its unit), the figure and its sentence. Its saved output also carries the figure as
            a PNG and the sentence as text, for a reader without a kernel.

        Examples
        --------
        >>> from skinlab.explore import ChannelMapExplorer
        >>> channels = ChannelMapExplorer()
        >>> box = channels.widget()
        >>> box is channels.widget()
        True
        >>> [channels.control_widget(name).description for name in ("device", "passes")]
        ['Device', 'Passes over the skin']
        """
        if self._root is not None:
            return self._root
        w = widgets
        style = {"description_width": "initial"}
        layout = w.Layout(width="auto", min_width="16em")
        for c in self.controls:
            if isinstance(c, Choice):
                wid = w.Dropdown(options=list(c.options), value=self.state[c.name],
                                 description=c.label, style=style, layout=layout)
            else:
                lo, hi = self.number_bounds(c.name, self.state)
                kind = w.FloatLogSlider if c.log else w.FloatSlider
                extra = ({"min": math.log10(lo), "max": math.log10(hi), "base": 10}
                         if c.log else {"min": lo, "max": hi, "step": c.step})
                wid = kind(value=self.state[c.name], description=c.label, style=style,
                           continuous_update=True, readout_format=c.readout,
                           layout=w.Layout(width="100%", max_width="44em"), **extra)
            wid.observe(self._on_change, names="value")
            self._widgets[c.name] = wid
        self._apply_adjust()
        self._view = FigureView(png=self.render(), text=self.sentence(self.state),
                                alt=self.alt(self.state))
        self._info = w.HTML(self.extra_html(self.state))
        heading = w.HTML(f"<strong>{html.escape(self.title)}</strong>")
        body = split(list(self._widgets.values()), [self._view, self._info])
        self._root = box([heading, body], "skinlab-explorer", cls=ExplorerBox)
        self._root.explorer = self
        return self._root

    def _apply_adjust(self) -> None:
        self._syncing = True
        try:
            for name, attrs in self.adjust(self.state).items():
                wid = self._widgets.get(name)
                if wid is None:
                    continue
                if "options" in attrs:  # new options reset a drop-down's value: set them
                    wid.options = attrs["options"]  # first, then the value (below)
                with wid.hold_trait_notifications():
                    for attr, val in attrs.items():
                        if attr != "options":
                            setattr(wid, attr, val)
        finally:
            self._syncing = False

    def _on_change(self, change) -> None:
        if self._syncing:
            return
        name = next(k for k, v in self._widgets.items() if v is change["owner"])
        self.set(**{name: change["new"]})

    def set(self, **state: Any) -> str:
        """Change the state (as a learner's control would) and refresh the view.

        Returns the new sentence. Bad input leaves the last good state in place and shows a
        message in the live region instead of raising.
        """
        try:
            self.state = self.clean(**state)
        except ValueError as exc:
            message = f"Cannot show that: {exc}. The figure still shows the last valid choice."
            if self._view is not None:
                self._view.problem = True
                self._view.text = message
            return message
        if self._widgets:
            self._apply_adjust()
            self._syncing = True
            try:  # keep the controls showing the state (set() may come from code)
                for name, wid in self._widgets.items():
                    if wid.value != self.state[name]:
                        wid.value = self.state[name]
            finally:
                self._syncing = False
        png = self.render()
        text = self.sentence(self.state)
        if self._view is not None:
            with self._view.hold_sync():
                self._view.png = png
                self._view.text = text
                self._view.alt = self.alt(self.state)
                self._view.problem = False
            self._info.value = self.extra_html(self.state)
        return text

    @property
    def view(self):
        """The FigureView showing the figure and sentence (None before widget())."""
        return self._view

    def control_widget(self, name: str):
        """The ipywidget for a control (after widget()), for tests and the benchmark."""
        return self._widgets[name]
