"""Interactive explorers and their registry.

``EXPLORERS`` maps a name to an explorer class. The audit, the tests, the browser checks and the
benchmark all iterate it, so a new explorer is covered as soon as it is registered here.

>>> from skinlab.explore import EXPLORERS
>>> sorted(EXPLORERS)
['layers']
"""

from skinlab.explore.base import Choice, Explorer, Number, StaticView
from skinlab.explore.layers import LayerExplorer

EXPLORERS: dict[str, type[Explorer]] = {
    LayerExplorer.name: LayerExplorer,
}

__all__ = ["EXPLORERS", "Choice", "Explorer", "LayerExplorer", "Number", "StaticView"]
