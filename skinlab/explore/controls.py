"""The controls every explorer shares: the body site and the depth range."""

from __future__ import annotations

from functools import lru_cache

from skinlab import anatomy
from skinlab.explore.base import Choice

# Depth ranges a cross-section can show: the narrowest keeps the thin stratum corneum visible.
VIEWS = (("0–200 µm (stratum corneum visible)", 200.0), ("0–1 mm", 1000.0),
         ("0–5 mm (full skin)", 5000.0))


@lru_cache(maxsize=None)
def site_choice(default: str = "cheek") -> Choice:
    """The body-site drop-down (labels and keys from the data)."""
    return Choice("site", "Body site", tuple((anatomy.site_label(s), s) for s in anatomy.sites()),
                  default)


def depth_range(default: float = 1000.0) -> Choice:
    """The depth-range drop-down, in micrometres."""
    return Choice("view_um", "Depth range", VIEWS, default)
