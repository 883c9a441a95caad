"""Placing side labels so they never overlap."""

from __future__ import annotations

LABEL_GAP = 0.075  # minimum vertical gap between side labels, in axes fraction


def spread_labels(centres: list[float], gap: float = LABEL_GAP,
                  low: float = 0.0, high: float = 1.0,
                  heights: list[float] | None = None) -> list[float]:
    """Label positions (axes fraction, 1 at the top) near their centres, at least gap apart.

    ``heights`` (axes fraction, one per label): for labels of several lines, two neighbours are
    then at least ``(h_a + h_b) / 2`` apart, and never less than ``gap``.
    """
    if not centres:
        return []
    order = sorted(range(len(centres)), key=lambda i: -centres[i])  # top first
    pos = [centres[i] for i in order]
    if heights is None:
        need = [gap] * len(pos)
    else:
        h = [heights[i] for i in order]
        need = [0.0] + [max(gap, (h[k - 1] + h[k]) / 2) for k in range(1, len(pos))]
    for k in range(1, len(pos)):  # push down
        pos[k] = min(pos[k], pos[k - 1] - need[k])
    if pos[-1] < low:  # then shift the pile up if it fell off the bottom
        shift = low - pos[-1]
        pos = [p + shift for p in pos]
    for k in range(len(pos) - 2, -1, -1):  # and keep the top inside
        pos[k] = max(min(pos[k], high), pos[k + 1] + need[k + 1])
    out = [0.0] * len(centres)
    for k, i in enumerate(order):
        out[i] = pos[k]
    return out
