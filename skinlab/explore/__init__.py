"""Interactive explorers and their registry.

``EXPLORERS`` maps a name to an explorer class. The audit, the tests, the browser checks and the
benchmark all iterate it, so a new explorer is covered as soon as it is registered here.

>>> from skinlab.explore import EXPLORERS
>>> sorted(EXPLORERS)
['channels', 'closure', 'exfoliation', 'layers', 'needle', 'renewal']
"""

from skinlab.explore.base import Choice, Explorer, Number
from skinlab.explore.exfoliation import ExfoliationExplorer
from skinlab.explore.channels import ChannelMapExplorer
from skinlab.explore.closure import ClosureExplorer
from skinlab.explore.layers import LayerExplorer
from skinlab.explore.needle import NeedleExplorer
from skinlab.explore.renewal import RenewalExplorer

EXPLORERS: dict[str, type[Explorer]] = {
    LayerExplorer.name: LayerExplorer,
    RenewalExplorer.name: RenewalExplorer,
    ExfoliationExplorer.name: ExfoliationExplorer,
    NeedleExplorer.name: NeedleExplorer,
    ChannelMapExplorer.name: ChannelMapExplorer,
    ClosureExplorer.name: ClosureExplorer,
}

__all__ = ["EXPLORERS", "ChannelMapExplorer", "Choice", "ClosureExplorer", "ExfoliationExplorer",
           "Explorer", "LayerExplorer", "NeedleExplorer", "Number", "RenewalExplorer"]
