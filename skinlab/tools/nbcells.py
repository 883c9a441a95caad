"""Notebook cells as the tools read them, written once: the audit, the notebooks' generated
text and time rule, and the exercises' learner versions all use these helpers."""

from __future__ import annotations

IGNORE_TAGS = {"nbval-ignore-output", "nbval-skip", "skip-execution"}
IGNORE_MARKERS = ("# NBVAL_IGNORE_OUTPUT", "# NBVAL_SKIP")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def cells(nb: dict) -> list[dict]:
    """A notebook's cells ([] for anything that is not a notebook)."""
    return nb.get("cells", []) if isinstance(nb, dict) else []


def source(cell: dict) -> str:
    """A cell's source as one string (notebooks store a list of lines or a string)."""
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def generated(cell: dict) -> str:
    """The kind of generated text a cell holds (``metadata.skinlab.generated``), or ''."""
    return str((cell.get("metadata", {}).get("skinlab") or {}).get("generated", ""))


def ignored(cell: dict) -> bool:
    """True when nbval does not compare the cell's output: a tag or an ``# NBVAL_*`` marker.

    >>> ignored({"metadata": {"tags": ["nbval-ignore-output"]}, "source": ""})
    True
    >>> ignored({"metadata": {}, "source": "# NBVAL_SKIP\\nx = 1"})
    True
    >>> ignored({"metadata": {}, "source": "x = 1"})
    False
    """
    return bool(tags(cell) & IGNORE_TAGS) or any(m in source(cell) for m in IGNORE_MARKERS)


def shows_widget(cell: dict) -> bool:
    return any(WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", []))


def output_text(cell: dict) -> str:
    """The text a cell prints: its streams and its plain-text results."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append("".join(out.get("text", "")))
        elif "text/plain" in out.get("data", {}):
            text = out["data"]["text/plain"]
            parts.append("".join(text) if isinstance(text, list) else str(text))
    return "\n".join(parts)
