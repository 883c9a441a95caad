"""Interactive explorers and their registry.

``EXPLORERS`` maps a name to an explorer class. The audit, the tests, the browser checks and the
benchmark all iterate it, so a new explorer is covered as soon as it is registered here.

>>> from skinlab.explore import EXPLORERS
>>> sorted(EXPLORERS)  # doctest: +NORMALIZE_WHITESPACE
['channels', 'closure', 'compare', 'evidence', 'exfoliation', 'healing', 'layers', 'molecules',
 'needle', 'permeation', 'renewal', 'sessions']
"""

from skinlab.explore.base import Choice, Explorer, Number
from skinlab.explore.exfoliation import ExfoliationExplorer
from skinlab.explore.channels import ChannelMapExplorer
from skinlab.explore.closure import ClosureExplorer
from skinlab.explore.compare import CompareExplorer
from skinlab.explore.evidence import EvidenceExplorer
from skinlab.explore.healing import HealingExplorer
from skinlab.explore.layers import LayerExplorer
from skinlab.explore.molecules import MoleculeMapExplorer
from skinlab.explore.needle import NeedleExplorer
from skinlab.explore.permeation import PermeationExplorer
from skinlab.explore.renewal import RenewalExplorer
from skinlab.explore.sessions import SessionPlanner

EXPLORERS: dict[str, type[Explorer]] = {
    LayerExplorer.name: LayerExplorer,
    RenewalExplorer.name: RenewalExplorer,
    ExfoliationExplorer.name: ExfoliationExplorer,
    NeedleExplorer.name: NeedleExplorer,
    ChannelMapExplorer.name: ChannelMapExplorer,
    ClosureExplorer.name: ClosureExplorer,
    HealingExplorer.name: HealingExplorer,
    SessionPlanner.name: SessionPlanner,
    EvidenceExplorer.name: EvidenceExplorer,
    PermeationExplorer.name: PermeationExplorer,
    MoleculeMapExplorer.name: MoleculeMapExplorer,
    CompareExplorer.name: CompareExplorer,
}

__all__ = ["EXPLORERS", "ChannelMapExplorer", "Choice", "ClosureExplorer", "CompareExplorer",
           "EvidenceExplorer",
           "ExfoliationExplorer",
           "HealingExplorer", "MoleculeMapExplorer", "PermeationExplorer", "SessionPlanner",
           "Explorer", "LayerExplorer", "NeedleExplorer", "Number", "RenewalExplorer"]
