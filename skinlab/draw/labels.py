"""Placing side labels so they never overlap."""

from __future__ import annotations

LABEL_GAP = 0.075  # minimum vertical gap between side labels, in axes fraction


def spread_labels(centres: list[float], gap: float = LABEL_GAP,
                  low: float = 0.0, high: float = 1.0) -> list[float]:
    """Label positions (axes fraction, 1 at the top) near their centres, at least gap apart."""
    if not centres:
        return []
    order = sorted(range(len(centres)), key=lambda i: -centres[i])  # top first
    pos = [centres[i] for i in order]
    for k in range(1, len(pos)):  # push down
        pos[k] = min(pos[k], pos[k - 1] - gap)
    if pos[-1] < low:  # then shift the pile up if it fell off the bottom
        shift = low - pos[-1]
        pos = [p + shift for p in pos]
    for k in range(len(pos) - 2, -1, -1):  # and keep the top inside
        pos[k] = max(min(pos[k], high), pos[k + 1] + gap)
    out = [0.0] * len(centres)
    for k, i in enumerate(order):
        out[i] = pos[k]
    return out
