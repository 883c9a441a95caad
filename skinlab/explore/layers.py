"""The layer explorer: a body site's layers on a depth axis, a highlighted layer, a depth probe."""

from __future__ import annotations

import html
from functools import lru_cache

from skinlab import anatomy
from skinlab.data import cite_link
from skinlab.draw import BandHighlight, Caption, CrossSection, DepthMarker, Illustration
from skinlab.draw.tissue import TissueKey
from skinlab.explore.base import Choice, Explorer, Number
from skinlab.explore.controls import SECTION_LEFT, depth_range, section_axes, site_choice
from skinlab.text import format_um, span

PROBE_STEP = {200.0: 1.0, 1000.0: 5.0, 5000.0: 25.0}


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (
        site_choice(),
        depth_range(1000.0),
        Choice("layer", "Highlight layer",
               tuple((anatomy.LAYER_LABELS[k], k) for k in anatomy.LAYERS), "papillary_dermis"),
        Number("probe_um", "Probe depth (µm)", "µm", 0.0, 5000.0, 1.0, 100.0),
    )


def _range_words(layer: anatomy.Layer) -> str:
    """How sure a thickness is, in words: a measured range, or an estimate's range."""
    if layer.thickness_low_um == layer.thickness_high_um:
        return "only one value was reported"
    spread = span(layer.thickness_low_um, layer.thickness_high_um)
    if layer.status == "measured":
        return f"range in the sources: {spread}"
    return f"an estimate; range {spread}"


class LayerExplorer(Explorer):
    """Pick a body site and a depth range; highlight a layer; move a probe down through it.

    Parameters
    ----------
    site : str, optional
        The body site (default ``"cheek"``), one of :func:`skinlab.anatomy.sites`.
    view_um : float, optional
        How deep the drawing shows, in micrometres: 200, 1000 (the default) or 5000.
    layer : str, optional
        The layer to highlight (default ``"papillary_dermis"``), one of
        :data:`skinlab.anatomy.LAYERS`.
    probe_um : float, optional
        The probe's depth below the surface, in micrometres (0 to the depth range; default 100).

    Raises
    ------
    ValueError
        For an unknown control or a value outside its choices or range (``describe`` and ``set``
        answer such input with a sentence instead).

    Examples
    --------
    >>> from skinlab.text import say
    >>> explorer = LayerExplorer()
    >>> say(explorer.describe(site="cheek", view_um=1000, layer="viable_epidermis", probe_um=100),
    ...     width=80)
    Showing the top 1 mm of the cheek: a probe at 100 µm is in the papillary dermis,
    which lies 62 µm to 262 µm below the surface; the highlighted viable epidermis
    is about 45 µm thick (an estimate; range 30 µm to 63 µm).
    >>> explorer.describe(site="nose")
    "Cannot show that: Body site: 'nose' is not one of the choices ('cheek', 'forehead', 'ey...
    """

    name = "layers"
    title = "Layer explorer: the skin at one body site, from the surface down"

    @property
    def controls(self):  # built from the data on first use, not at import
        return _controls()

    # -- drawing ------------------------------------------------------------------------
    def build(self, fig) -> dict:
        ax = fig.add_axes(section_axes(0.25, 0.65))
        # a figure-level heading: an axes title costs a tick-bbox pass on every draw
        tissue = Illustration(ax)
        # under the section, a key naming every structure drawn (the layers are labelled)
        return {"tissue": tissue, "key": TissueKey(tissue, anchor=(0.01, 0.0)),
                "section": CrossSection(ax, anatomy.LAYERS, filled=False, narrow=True,
                                        wrap=38),
                "highlight": BandHighlight(ax),
                "probe": DepthMarker(ax),
                "heading": Caption(fig, SECTION_LEFT, 0.93, fontsize=11)}

    def wire(self, state: dict) -> dict:
        site = state["site"]
        layers = anatomy.layers_at(site)
        return {
            "tissue": {"site": site, "view_um": state["view_um"],
                       "boundaries": tuple(x.bottom_um for x in layers)},
            "key": {"site": site, "view_um": state["view_um"]},
            "section": {"layers": tuple(anatomy.layers_at(site)), "view_um": state["view_um"],
                        "below": f"{anatomy.beneath(site)} (not modelled)"},
            "highlight": {"band": next((x.top_um, x.bottom_um) for x in anatomy.layers_at(site)
                                       if x.key == state["layer"])},
            "probe": {"depth_um": state["probe_um"], "view_um": state["view_um"]},
            "heading": {"text": f"{anatomy.site_label(site).capitalize()}: skin layers "
                                f"(schematic)"},
        }

    def alt(self, state: dict) -> str:
        return (f"Layers of the {anatomy.site_label(state['site'])}, top "
                f"{format_um(state['view_um'])}, probe at {format_um(state['probe_um'])}; "
                f"a key names each structure drawn")

    # -- state --------------------------------------------------------------------------
    def number_bounds(self, name: str, state: dict) -> tuple[float, float]:
        if name == "probe_um":
            return 0.0, float(state["view_um"])
        return super().number_bounds(name, state)

    def adjust(self, state: dict) -> dict:
        # the layer under the dermis is named for what it is at this site (no fat at the eyelid)
        layers = tuple((anatomy.layer_label(state["site"], k), k) for k in anatomy.LAYERS)
        return {"probe_um": {"max": state["view_um"], "step": PROBE_STEP[state["view_um"]]},
                "layer": {"options": layers, "value": state["layer"]}}

    def examples(self) -> dict[str, dict]:
        return {
            "cheek, probe in the papillary dermis": dict(
                site="cheek", view_um=1000.0, layer="papillary_dermis", probe_um=100.0),
            "palm, thick stratum corneum": dict(
                site="palm", view_um=200.0, layer="stratum_corneum", probe_um=150.0),
            "eyelid, the thinnest skin, full depth": dict(
                site="eyelid", view_um=5000.0, layer="reticular_dermis", probe_um=500.0),
            "eyelid, below the dermis: no fat": dict(
                site="eyelid", view_um=1000.0, layer="hypodermis", probe_um=800.0),
            "back, deep reticular dermis": dict(
                site="back", view_um=5000.0, layer="reticular_dermis", probe_um=2000.0),
        }

    # -- words --------------------------------------------------------------------------
    def sentence(self, state: dict) -> str:
        site, probe = state["site"], state["probe_um"]
        where = f"Showing the top {format_um(state['view_um'])} of the {anatomy.site_label(site)}"
        stack = anatomy.layers_at(site)
        layers = {lay.key: lay for lay in stack}
        hi = layers[state["layer"]]
        if hi.is_placeholder:
            hi_part = (f"the highlighted {hi.label} is drawn {format_um(hi.thickness_um)} thick "
                       f"(placeholder)")
        elif hi.status == "assumption":
            hi_part = (f"the highlighted {hi.label} is about {format_um(hi.thickness_um)} thick "
                       f"(range {span(hi.thickness_low_um, hi.thickness_high_um)}, assumed)")
        else:
            hi_part = (f"the highlighted {hi.label} is about {format_um(hi.thickness_um)} thick "
                       f"({_range_words(hi)})")
        try:
            at = anatomy.layer_at_depth(site, probe)
        except ValueError:
            end = stack[-1]
            note = " (placeholder)" if end.is_placeholder else ""
            probe_part = (f"a probe at {format_um(probe)} is below the tissue modelled here, "
                          f"which ends at {format_um(end.bottom_um)}{note}; deeper lies "
                          f"{anatomy.beneath(site)}")
        else:
            where_at = (f"from the surface to {format_um(at.bottom_um)}" if at.top_um == 0 else
                        f"{format_um(at.top_um)} to {format_um(at.bottom_um)} below the surface")
            # one word a layer: the highlight's own part says it when both name the same layer
            note = " (placeholder)" if at.is_placeholder and at.key != hi.key else ""
            probe_part = (f"a probe at {format_um(probe)} is in the {at.label}, which lies "
                          f"{where_at}{note}")
        return f"{where}: {probe_part}; {hi_part}."

    def extra_html(self, state: dict) -> str:
        info = anatomy.contents(state["layer"], state["site"])
        where = anatomy.position(state["site"])
        where_html = (f"<p><strong>Where</strong>: {html.escape(where)}.</p>" if where else "")
        items = "".join(f"<li>{html.escape(str(x))}</li>" for x in info.get("contents", []))
        srcs = info.get("source", [])
        srcs = [srcs] if isinstance(srcs, str) else list(srcs)
        cites = "; ".join(
            f'<a href="{html.escape(href, quote=True)}" target="_blank" rel="noopener">'
            f"{html.escape(label)}</a>" for label, href in map(cite_link, srcs))
        return (f"<div class='skinlab-info'>{where_html}<strong>What is in the "
                f"{html.escape(str(info.get('label', state['layer'])))}</strong>: "
                f"{html.escape(str(info.get('summary', '')))}<ul>{items}</ul>"
                f"<small>Sources: {cites}</small></div>")
