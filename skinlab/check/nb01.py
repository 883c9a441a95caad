"""Checks for exercise 01 (the layers by site)."""

from __future__ import annotations

from typing import Any

from skinlab import anatomy
from skinlab.text import format_um

from skinlab.check.base import Feedback, in_mm, not_yet, number_feedback, site_names


EPIDERMIS = ("stratum_corneum", "viable_epidermis")



def _epidermis_bottom(site: str) -> float:
    return anatomy.layers_at(site)[1].bottom_um



def check_sites_in_epidermis(answer: Any, depth_um: float = 300) -> Feedback:
    """At which body sites is ``depth_um`` still in the epidermis (stratum corneum or viable
    epidermis)? ``answer`` is a list of site names.

    Parameters
    ----------
    answer : Any
        The learner's answer: a list (or set) of site names, such as ``["palm"]``. Anything else
        (``...``, None, a number) gets a "Not yet" that says what to give.
    depth_um : float, optional
        The depth below the surface, in micrometres.

    Returns
    -------
    Feedback
        True when the sites are exactly those whose epidermis holds ``depth_um``; its message
        says what is right, or what is wrong with a hint. It never raises for an answer.

    Examples
    --------
    >>> check_sites_in_epidermis(...)
    Not yet: replace the ... with a list of site names, such as ['cheek', 'palm'], then run ...
    >>> from skinlab.text import say
    >>> say(check_sites_in_epidermis(["cheek"], 300), width=80)
    Not yet: at the cheek, 300 µm is already in the reticular dermis: the epidermis
    ends at 62 µm. Hint: compare layer_at_depth(site, 300).key with
    'stratum_corneum' and 'viable_epidermis'.
    >>> from skinlab import anatomy
    >>> sites = [s for s in anatomy.sites()
    ...          if anatomy.layer_at_depth(s, 300).key in ("stratum_corneum", "viable_epidermis")]
    >>> say(check_sites_in_epidermis(sites, 300), width=80)
    Correct: at 300 µm only the palm and heel are still in the epidermis. Thick skin
    carries a far deeper epidermis.
    """
    names = site_names(answer)
    if isinstance(names, Feedback):
        return names
    known = anatomy.sites()
    expected = {s for s in known if anatomy.layer_at_depth(s, depth_um).key in EPIDERMIS}
    chosen = set(names)
    extra = sorted(chosen - expected)
    missed = sorted(expected - chosen)
    if not extra and not missed:
        labels = [anatomy.site_label(s) for s in known if s in expected]
        sites = " and ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
        verb = "are" if len(labels) > 1 else "is"
        return Feedback(True, f"Correct: at {format_um(depth_um)} only the {sites} {verb} "
                        f"still in the epidermis. Thick skin carries a far deeper epidermis.")
    if extra:
        s = extra[0]
        layer = anatomy.layer_at_depth(s, depth_um).label
        return not_yet(f"at the {anatomy.site_label(s)}, {format_um(depth_um)} is already in "
                        f"the {layer}: the epidermis ends at {format_um(_epidermis_bottom(s))}."
                        f" Hint: compare layer_at_depth(site, {depth_um:g}).key with "
                        f"'stratum_corneum' and 'viable_epidermis'.")
    s = missed[0]
    return not_yet(f"you missed the {anatomy.site_label(s)}, where the epidermis reaches "
                    f"{format_um(_epidermis_bottom(s))}. Hint: loop over anatomy.sites().")



def check_thickness_um(answer: Any, site: str, layer: str) -> Feedback:
    """How thick is ``layer`` at ``site``, in micrometres? ``answer`` is a number.

    Parameters
    ----------
    answer : Any
        The learner's answer: a thickness in micrometres.
    site : str
        A body site (one of :func:`skinlab.anatomy.sites`).
    layer : str
        A layer's key, e.g. ``"viable_epidermis"``.

    Returns
    -------
    Feedback
        True within 0.5 µm (or 0.5%) of the model's thickness; otherwise a "Not yet" with a hint
        (millimetres, a bottom depth instead of a thickness, ...). It never raises for an answer.

    Examples
    --------
    >>> from skinlab.text import say
    >>> say(check_thickness_um(0.0566, "forearm", "viable_epidermis"), width=80)
    Not yet: that looks like millimetres. The models work in micrometres: multiply
    by 1000.
    >>> from skinlab import anatomy
    >>> layer = anatomy.layers_at("forearm")[1]
    >>> say(check_thickness_um(layer.thickness_um, "forearm", "viable_epidermis"), width=80)
    Correct: the viable epidermis at the forearm is about 57 µm thick (the sources
    range from 45 µm to 68 µm).
    """
    early = number_feedback(answer, "a number of micrometres (like 56.6)")
    if early is not None:
        return early
    lay = next(x for x in anatomy.layers_at(site) if x.key == layer)
    want = lay.thickness_um
    label = f"the {lay.label} at the {anatomy.site_label(site)}"
    if abs(answer - want) <= max(0.5, 0.005 * want):
        return Feedback(True, f"Correct: {label} is about {format_um(want)} thick "
                        f"(the sources range from {format_um(lay.thickness_low_um)} to "
                        f"{format_um(lay.thickness_high_um)}).")
    if want and in_mm(answer, want, max(0.5, 0.005 * want)):
        return not_yet("that looks like millimetres. The models work in micrometres: "
                        "multiply by 1000.")
    if abs(answer - lay.bottom_um) <= 0.5:
        return not_yet(f"{answer:g} µm is where {label} ends (its bottom depth), not its "
                        f"thickness. Hint: use layer.thickness_um, or bottom_um - top_um.")
    return not_yet(f"{answer:g} µm is not the thickness of {label}. Hint: find the layer in "
                    f"anatomy.layers_at('{site}') and read its thickness_um.")

