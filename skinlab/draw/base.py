"""What every drawing component is: it owns its artists, updates them from a plain state, and says
whether it is an overlay.

An explorer makes its components once, on one figure, and on every change hands each component
its own state (a dict of plain values). The explorer base compares those states with the ones last
drawn: components whose state did not change are left alone; when only *overlay* components
changed, the figure is restored from a cached background and only their artists are drawn on top
(blitting); otherwise the whole figure is drawn and the background cached again. So two overlays
can share one cross-section, and an explorer never needs to know which artists move.

A drawing never decides a fact: it is handed numbers from the models and draws them.
"""

from __future__ import annotations

from typing import Any


class Component:
    """Base class: a piece of a figure, with ``update(state)`` and ``artists()``.

    ``overlay = True``: the component is drawn over a cached picture of the rest, so changing its
    state alone redraws only its own artists.
    """

    overlay: bool = False

    def update(self, state: dict[str, Any]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def artists(self) -> list:
        """Every artist the component owns (the base animates an overlay's when blitting)."""
        return []
