"""Exercise checks: specific, friendly feedback, never a traceback, one module a notebook
(``skinlab.check.nb01`` ... ``nb06``).

Each ``check_*`` function takes the learner's answer (whatever it is: ``...``, None, a wrong
type) and returns a :class:`Feedback`, whose text says what is right, or what is wrong and a
hint. Expected answers are computed from the skinlab models, never typed in. Exercises import
them from here: ``from skinlab.check import check_density``.
"""

from skinlab.check.base import Feedback
from skinlab.check.nb01 import check_sites_in_epidermis, check_thickness_um
from skinlab.check.nb02 import check_peel_depths, check_shed_day
from skinlab.check.nb03 import (
    check_density, check_half_life, check_shares, check_sites_tip_in_dermis)
from skinlab.check.nb04 import (
    check_collagen_ratio, check_crossover_day, check_phases_on_days, check_rct_studies,
    check_trial_appraisal)
from skinlab.check.nb05 import check_delay_share, check_fick, check_kp_pair, check_tenfold_share
from skinlab.check.nb06 import (
    check_depth_order, check_five_depths, check_strong_verdicts, check_surface_shares)

__all__ = [
    "Feedback", "check_collagen_ratio", "check_crossover_day", "check_delay_share",
    "check_density", "check_depth_order", "check_fick", "check_five_depths", "check_half_life",
    "check_kp_pair", "check_peel_depths", "check_phases_on_days", "check_rct_studies",
    "check_shares", "check_shed_day", "check_sites_in_epidermis", "check_sites_tip_in_dermis",
    "check_strong_verdicts", "check_surface_shares", "check_tenfold_share",
    "check_thickness_um", "check_trial_appraisal"]
