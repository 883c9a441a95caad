"""The explorer base: controls with units, a figure updated in place, and a describe() sentence.

Rendering path (chosen and measured before any other explorer was written; see README,
"How the explorers draw"): each explorer owns one matplotlib ``Figure`` on the Agg canvas (no
pyplot, no inline backend, no ``bbox_inches="tight"``). ``build`` creates every artist once;
``update`` changes those artists (positions, heights, texts, limits) for a new state; the base
then calls ``canvas.draw()``, encodes the RGBA buffer with Pillow (PNG, compress level 1) and
sets the bytes on :class:`FigureView`, which swaps the image source in the page. The figure is
never rebuilt and no output area is cleared.

Every explorer subclass declares:

- ``name`` (registry key), ``title``, ``controls`` (a tuple of :class:`Choice` and
  :class:`Number`), each control's label naming its unit;
- ``build(fig)`` and ``update(state)`` for the drawing, ``sentence(state)`` for the words;
- optionally ``adjust(state)`` to keep dependent controls consistent (e.g. a slider's maximum),
  and ``examples()``: named states the notebooks, audit and benchmark use.

``describe(**state)`` returns one plain sentence for any state; bad input gets a sentence that
says what is wrong instead of a traceback.
"""

from __future__ import annotations

import base64
import html
import io
import math
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets
import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from skinlab.explore.view import FigureView, LabelledBox

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
    """A numeric control with a unit (a slider in the page)."""

    name: str
    label: str  # includes the unit, e.g. "Probe depth (µm)"
    unit: str
    min: float
    max: float
    step: float
    default: float

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
            raise ValueError(f"{self.label}: {value:g} {self.unit} is outside "
                             f"{lo:g} to {hi:g} {self.unit}")
        return value


class StaticView:
    """A figure and its sentence for places with no kernel (the book, print, a report).

    Plain text is the sentence; HTML is a ``<figure>`` whose image carries the sentence as alt
    text and as caption.
    """

    def __init__(self, png: bytes, sentence: str, title: str = ""):
        self.png, self.sentence, self.title = png, sentence, title

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.png).decode("ascii")
        alt = html.escape(self.sentence, quote=True)
        caption = html.escape(self.sentence)
        fig = (f'<figure class="skinlab-static"><img src="data:image/png;base64,{data}" '
               f'alt="{alt}" width="640"/><figcaption>{caption}</figcaption></figure>')
        return {"text/plain": self.sentence, "text/html": fig}

    def __repr__(self) -> str:
        return self.sentence


class ExplorerBox(LabelledBox):
    """The explorer's box. Its saved output also carries the figure as a PNG and the sentence as
    text, so a notebook opened untrusted or without widget support (nbconvert, the book) shows
    the last figure and sentence instead of a widget's class name."""

    explorer = None

    def _repr_mimebundle_(self, **kwargs):
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
    # Controls whose change moves only dynamic_artists(): redrawn over a cached background.
    dynamic: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, **state: Any):
        self.fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        FigureCanvasAgg(self.fig)
        self.build(self.fig)
        self._background = None
        self._drawn_state: dict = {}
        self.state = self.clean(**state)
        self._widgets: dict[str, Any] = {}
        self._view = None
        self._root = None
        self._syncing = False

    # -- for subclasses -----------------------------------------------------------------
    def build(self, fig: Figure) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def update(self, state: dict) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def sentence(self, state: dict) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def dynamic_artists(self) -> list:
        """The artists that the ``dynamic`` controls move (drawn over a cached background)."""
        return []

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
        """One plain sentence for a state (missing keys keep the current value)."""
        try:
            full = self.clean(**state)
        except ValueError as exc:
            return f"Cannot show that: {exc}."
        return self.sentence(full)

    # -- drawing ------------------------------------------------------------------------
    def render(self, **state: Any) -> bytes:
        """Update the artists for a state and return the PNG bytes (640 x 480 at 100 dpi).

        When only ``dynamic`` controls changed since the last full draw, the cached background
        is restored and only the ``dynamic_artists()`` are drawn on it (blitting).
        """
        new = self.clean(**state)
        changed = {k for k in new if new[k] != self._drawn_state.get(k)}
        self.state = new
        self.update(new)
        with mpl.rc_context(DRAW_RC):
            return self._draw(changed)

    def _draw(self, changed: set) -> bytes:
        canvas = self.fig.canvas
        moving = self.dynamic_artists()
        if self._background is not None and changed <= self.dynamic:
            canvas.restore_region(self._background)
        else:
            for artist in moving:
                artist.set_animated(True)  # left out of the full draw, drawn on top below
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._drawn_state = {k: v for k, v in self.state.items() if k not in self.dynamic}
        for artist in moving:
            self.fig.draw_artist(artist)
        w, h = canvas.get_width_height()
        img = Image.frombuffer("RGBA", (w, h), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buf = io.BytesIO()
        img.convert("RGB").save(buf, format="png", compress_level=1)
        return buf.getvalue()

    def static(self, **state: Any) -> StaticView:
        """The figure and sentence as a static output (no kernel needed to read it)."""
        try:
            png = self.render(**state)
        except ValueError as exc:
            return StaticView(b"", f"Cannot show that: {exc}.", self.title)
        return StaticView(png, self.sentence(self.state), self.title)

    # -- widgets ------------------------------------------------------------------------
    def widget(self):
        """The interactive explorer: labelled controls, the figure, the live sentence."""
        w = widgets
        style = {"description_width": "initial"}
        layout = w.Layout(width="auto", min_width="18em")
        for c in self.controls:
            if isinstance(c, Choice):
                wid = w.Dropdown(options=list(c.options), value=self.state[c.name],
                                 description=c.label, style=style, layout=layout)
            else:
                lo, hi = self.number_bounds(c.name, self.state)
                wid = w.FloatSlider(value=self.state[c.name], min=lo, max=hi, step=c.step,
                                    description=c.label, style=style, continuous_update=True,
                                    readout_format=".0f",
                                    layout=w.Layout(width="100%", max_width="44em"))
            wid.observe(self._on_change, names="value")
            self._widgets[c.name] = wid
        self._apply_adjust()
        self._view = FigureView(png=self.render(), text=self.sentence(self.state))
        self._info = w.HTML(self.extra_html(self.state))
        heading = w.HTML(f"<strong>{html.escape(self.title)}</strong>")
        self._root = ExplorerBox([heading, w.VBox(list(self._widgets.values())),
                                   self._view, self._info])
        self._root.explorer = self
        self._root.add_class("skinlab-explorer")
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
