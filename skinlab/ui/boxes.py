"""Boxes that lay widgets out and carry the keyboard guard."""

from __future__ import annotations

import ipywidgets as widgets


class LabelledBox(widgets.VBox):
    """A VBox whose saved plain-text output is a sentence (``fallback``) rather than the widget's
    class name: what a notebook opened without widget support, or untrusted, shows."""

    fallback = ""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if self.fallback and isinstance(bundle, dict):
            bundle["text/plain"] = self.fallback
        return bundle


def box(children, *classes: str, cls=LabelledBox) -> widgets.Box:
    """A vertical box with the keyboard guard and the given CSS classes."""
    out = cls(list(children))
    for name in ("skinlab-box", "skinlab-keys", *classes):
        out.add_class(name)
    return out


def split(side, main) -> widgets.VBox:
    """``side`` (controls) beside ``main`` (a figure) when the box is wide, above it when narrow."""
    side_box = widgets.VBox(list(side) if isinstance(side, (list, tuple)) else [side])
    side_box.add_class("skinlab-side")
    main_box = widgets.VBox(list(main) if isinstance(main, (list, tuple)) else [main])
    main_box.add_class("skinlab-main")
    out = widgets.VBox([side_box, main_box])
    out.add_class("skinlab-split")
    return out
