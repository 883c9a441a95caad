"""Microneedling: how deep a needle goes, how many channels a device makes, how much of the surface
they open, and how long they stay open. Pure functions: micrometres, hours, per cm².

Data: ``skinlab/data/microneedling.yaml``.

- :func:`depth_reached`: a needle goes in less deep than its length. The studies the course found
  measured from about a fifth of the length (a roller in rats) to nine tenths (printed arrays), so
  the depth is a spread (``low_um`` to ``high_um``) with a ``typical_um`` in its middle, a course
  assumption. Never deeper than the needle; lengths outside the studied ones are *extrapolated*.
- :func:`channel_density`: channels per cm² after some passes (a roller: needles over the drum's
  circumference times its width, per pass; a pen: needles times stroke rate over glide speed
  times footprint width; a stamp: needles over its footprint, per press).
- :func:`punctured_fraction`: the share of the surface opened, ``1 - exp(-n·πd²/4)`` with ``d``
  the channel's diameter at the surface (channels land at random, so some overlap).
- :func:`open_fraction`: how open the channels still are, hours after treatment, as one study
  measured it (its method, its population, covered or not). Nothing is removed by a needle: a
  channel is a puncture, and the tissue around it stays.

>>> round(channel_density("roller", 15).value)
229
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from numbers import Real

from skinlab import anatomy
from skinlab.data import DataError, Value, dataset, weakest

FILE = "microneedling.yaml"
DEVICES = ("roller", "stamp", "pen")
METHODS = ("impedance", "tewl", "dye")
METHOD_LABELS = {"impedance": "electrical impedance", "tewl": "water loss (TEWL)",
                 "dye": "dye imaging"}
OCCLUSION_LABELS = {False: "not covered", True: "covered (occluded)",
                    None: "covering not stated in the abstract"}
_ON_SKIN = {False: "uncovered skin", True: "covered (occluded) skin",
            None: "skin whose covering the abstract does not state"}


def _tree(*path: str):
    node = dataset().tree(FILE)
    for p in path:
        node = node[p]
    return node


def _value(*path: str) -> Value:
    return dataset().value(FILE, *path)


def _number(x: object, what: str, unit: str) -> float:
    if isinstance(x, bool) or not isinstance(x, Real):
        raise ValueError(f"{what} must be a number of {unit}, got {x!r}")
    v = float(x)
    if math.isnan(v) or math.isinf(v):
        raise ValueError(f"{what} must be a finite number of {unit}, got {x!r}")
    return v


# -- depth reached -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Study:
    """One measurement of depth against needle length."""

    key: str
    label: str
    species: str
    measured: str
    needle_um: Value
    fraction: Value


@dataclass(frozen=True)
class Reach:
    """How deep a needle goes at a site: the studied spread and the course's typical depth.

    ``layer`` is the layer at the typical depth (None past the modelled tissue, then ``beyond``
    names what lies there); ``low_layer`` and ``high_layer`` at the ends of the spread.
    """

    needle_um: float
    site: str
    low_um: float
    typical_um: float
    high_um: float
    layer: anatomy.Layer | None
    low_layer: anatomy.Layer | None
    high_layer: anatomy.Layer | None
    beyond: str
    extrapolated: bool
    studied_um: tuple[float, float]
    caveat: str
    status: str = "assumption"
    sources: tuple[str, ...] = field(default=())

    @property
    def in_dermis(self) -> bool:
        """Whether the tip, at the typical depth, ends in the papillary or reticular dermis."""
        return self.layer is not None and self.layer.key in ("papillary_dermis",
                                                             "reticular_dermis")

    @property
    def label(self) -> str:
        """What the tip ends in at the typical depth."""
        return self.layer.label if self.layer is not None else self.beyond


def studies() -> list[Study]:
    """The depth-versus-length measurements, in data order."""
    out = []
    for key, node in _tree("penetration", "studies").items():
        out.append(Study(key, node["label"], node["species"], node["measured"],
                         _value("penetration", "studies", key, "needle"),
                         _value("penetration", "studies", key, "fraction")))
    return out


def fraction_spread(ss: list[Study] | None = None) -> tuple[float, float, float]:
    """(low, typical, high) depth over needle length: the studies' spread and the course's
    typical value (a course assumption)."""
    ss = studies() if ss is None else ss
    typical = _value("penetration", "typical_fraction").value
    return min(s.fraction.low for s in ss), typical, max(s.fraction.high for s in ss)


def studied_lengths_um(ss: list[Study] | None = None) -> tuple[float, float]:
    """The shortest and longest needles the depth studies used, in micrometres."""
    ss = studies() if ss is None else ss
    return min(s.needle_um.low for s in ss), max(s.needle_um.high for s in ss)


def caveat(site: str) -> str:
    """A caveat for sites no study microneedled (the palm, the sole), else ''."""
    return str(_tree("caveats").get(anatomy.site_key(site), ""))


def _layer_in(stack: list[anatomy.Layer], depth_um: float) -> anatomy.Layer | None:
    """The layer at a depth in a site's stack (a boundary belongs to the deeper layer), or None
    past the modelled tissue: as :func:`skinlab.anatomy.layer_at_depth`, on a stack in hand."""
    for layer in stack:
        if layer.top_um <= depth_um < layer.bottom_um:
            return layer
    return None


def needle_um(length: object) -> float:
    """A needle length in micrometres, checked (ValueError: not a number, zero or negative)."""
    v = _number(length, "needle length", "micrometres")
    if v <= 0:
        raise ValueError(f"needle length must be more than 0 micrometres, got {v:g}")
    return v


def depth_reached(needle_um_: object, site: str) -> Reach:
    """How deep a needle of ``needle_um_`` micrometres goes at ``site``.

    ValueError for a length that is not a positive number or an unknown site.
    """
    length = needle_um(needle_um_)
    key = anatomy.site_key(site)
    ss = studies()
    lo, typ, hi = fraction_spread(ss)
    low, typical, high = (min(length * f, length) for f in (lo, typ, hi))
    shortest, longest = studied_lengths_um(ss)
    stack = anatomy.layers_at(key)
    last = stack[-1]
    placeholder = ", a placeholder depth" if last.is_placeholder else ""
    beyond = (f"{anatomy.beneath(key)} (below the modelled tissue, which ends "
              f"{last.bottom_um:.0f} µm down{placeholder})")
    sources = tuple(dict.fromkeys(s for st in ss for s in st.fraction.sources))
    return Reach(length, key, low, typical, high, _layer_in(stack, typical),
                 _layer_in(stack, low), _layer_in(stack, high), beyond,
                 not shortest <= length <= longest, (shortest, longest), caveat(key),
                 "assumption", sources)


# -- devices, density, share punctured --------------------------------------------------------
@dataclass(frozen=True)
class Spread:
    """A number with its low and high ends and the weakest status of what it is built on."""

    value: float
    low: float
    high: float
    status: str
    unit: str = ""


def devices() -> tuple[str, ...]:
    return tuple(k for k in DEVICES if k in _tree("devices"))


def device_key(device: object) -> str:
    if isinstance(device, str):
        key = device.strip().lower()
        if key in devices():
            return key
    raise ValueError(f"unknown device {device!r}: choose one of {', '.join(devices())}")


def device_label(device: str) -> str:
    """The device as the controls show it, e.g. 'roller (192 needles)'."""
    return str(_tree("devices", device_key(device))["label"])


def device_noun(device: str) -> str:
    """The device's plain name for sentences, e.g. 'roller'."""
    return device_label(device).split(" (")[0]


def device_value(device: str, name: str) -> Value:
    """One geometry value of a device (e.g. ``needles``, ``surface_diameter``)."""
    return _value("devices", device_key(device), name)


def _passes(passes: object) -> float:
    n = _number(passes, "passes", "passes")
    if n < 1:
        raise ValueError(f"passes must be at least 1, got {n:g}")
    return n


def per_pass(device: str) -> Spread:
    """Channels per cm² that one pass (one press, for a stamp) of a device makes."""
    key = device_key(device)
    g = {k: device_value(key, k) for k in _tree("devices", key) if k not in ("label", "kind")}
    kind = _tree("devices", key)["kind"]
    if kind == "roller":
        n = g["needles"]
        area = math.pi * g["drum_diameter"].value * g["drum_width"].value  # cm² per turn
        area_lo = math.pi * g["drum_diameter"].high * g["drum_width"].high
        area_hi = math.pi * g["drum_diameter"].low * g["drum_width"].low
        used = [n, g["drum_diameter"], g["drum_width"]]
        out = (n.value / area, n.low / area_lo, n.high / area_hi)
    elif kind == "pen":
        n, f, v, w = g["needles"], g["stroke_rate"], g["glide_speed"], g["footprint_width"]
        used = [n, f, v, w]
        out = (n.value * f.value / (v.value * w.value), n.low * f.low / (v.high * w.high),
               n.high * f.high / (v.low * w.low))
    elif kind == "stamp":
        n, side = g["needles"], g["footprint"]
        used = [n, side]
        out = (n.value / side.value ** 2, n.low / side.high ** 2, n.high / side.low ** 2)
    else:  # pragma: no cover - the data's kinds are fixed
        raise DataError(f"{FILE}: devices.{key}.kind: unknown kind {kind!r}")
    # a number worked out from the geometry is at best an estimate
    return Spread(*out, weakest("estimated", *(u.status for u in used)), "per cm²")


def channel_density(device: str, passes: object = 1) -> Spread:
    """Channels per cm² after ``passes`` passes: linear in passes (every needle contact counts,
    even where it lands in an earlier channel)."""
    n = _passes(passes)
    p = per_pass(device)
    return Spread(p.value * n, p.low * n, p.high * n, p.status, "per cm²")


def surface_diameter_um(device: str) -> Value:
    """A channel's diameter at the surface for a device (measured, estimated or assumed)."""
    return device_value(device, "surface_diameter")


def share(density_per_cm2: float, diameter_um: float) -> float:
    """The share of the surface opened by channels landing at random: 1 - exp(-n·πd²/4)."""
    if density_per_cm2 < 0 or diameter_um < 0:
        raise ValueError("density and diameter must be zero or more")
    d_cm = diameter_um * 1e-4
    return 1.0 - math.exp(-density_per_cm2 * math.pi * d_cm ** 2 / 4.0)


def punctured_fraction(device: str, passes: object = 1) -> Spread:
    """The share of the surface punctured, in [0, 1], with the low-high range that the spreads of
    density and channel diameter give."""
    n = channel_density(device, passes)
    d = surface_diameter_um(device)
    return Spread(share(n.value, d.value), share(n.low, d.low), share(n.high, d.high),
                  weakest(n.status, d.status), "fraction")


def holes_after_15_passes() -> Value:
    """The roller's measured hole count after rolling 15 times (Doddaballapur 2009)."""
    return device_value("roller", "holes_15_passes")


def uses() -> dict[str, Value]:
    """Needle lengths by use (cited), by key, in data order."""
    return {k: _value("uses", k) for k in _tree("uses")}


def use_label(key: str) -> str:
    return str(_tree("uses", key)["label"])


# -- closure -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Curve:
    """One study's measurement of closure: who, how, covered or not, and what it reported."""

    key: str
    label: str
    population: str
    species: str
    device: str
    method: str
    occluded: bool | None
    form: str  # 'half_life' (first-order decay) or 'closed_by' (a straight line, assumed)
    closed: Value
    half_life: Value | None
    source: str

    def open_at(self, hours: float) -> float:
        if self.form == "half_life":
            return math.exp(-math.log(2) * hours / self.half_life.value)
        return max(0.0, 1.0 - hours / self.closed.value)


def curves() -> list[Curve]:
    out = []
    for key, node in _tree("closure", "curves").items():
        closed = _value("closure", "curves", key, "closed")
        half = _value("closure", "curves", key, "half_life") if "half_life" in node else None
        if node["method"] not in METHODS:
            raise DataError(f"{FILE}: closure.curves.{key}.method: {node['method']!r} is not one "
                            f"of {', '.join(METHODS)}")
        out.append(Curve(key, node["label"], node["population"], node["species"],
                         str(node["device"]), node["method"], node["occluded"], node["form"],
                         closed, half, closed.sources[0]))
    return out


def populations() -> dict[str, str]:
    """Population key -> its words, in the order the closure explorer offers them."""
    return dict(_tree("closure", "populations"))


def methods_for(population: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.method for c in curves() if c.population == population))


def occlusions_for(population: str, method: str) -> tuple[bool | None, ...]:
    return tuple(dict.fromkeys(c.occluded for c in curves()
                               if c.population == population and c.method == method))


def occlusion_findings() -> dict[str, dict]:
    """Studies that compared covered and uncovered skin, with what the course could read."""
    return dict(_tree("closure", "occlusion_studies"))


def _occluded(occluded: object) -> bool | None:
    if occluded is None or isinstance(occluded, bool):
        return occluded
    if isinstance(occluded, str):
        words = {"true": True, "yes": True, "occluded": True, "covered": True, "false": False,
                 "no": False, "not occluded": False, "open": False, "not covered": False,
                 "not stated": None, "none": None}
        if occluded.strip().lower() in words:
            return words[occluded.strip().lower()]
    raise ValueError(f"occluded must be True, False or None (not stated), got {occluded!r}")


def curve(method: object, occluded: object = False, study: str | None = None) -> Curve:
    """The one curve a study measured for a method and occlusion.

    ``study`` is a curve key or a population key; without it, the only curve that matches (or
    the first in the data). ValueError "not measured" for a combination no study measured.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}: choose one of {', '.join(METHODS)}")
    occ = _occluded(occluded)
    known = curves()
    if study is not None and not any(study in (c.key, c.population) for c in known):
        raise ValueError(f"unknown study {study!r}: choose one of "
                         f"{', '.join(dict.fromkeys(c.population for c in known))}")
    match = [c for c in known if c.method == method and c.occluded is occ
             and (study is None or study in (c.key, c.population))]
    if not match:
        who = f" in {populations().get(study, study)}" if study else ""
        found = sorted({f"{METHOD_LABELS[c.method]} ({OCCLUSION_LABELS[c.occluded]})"
                        for c in known if study is None or study in (c.key, c.population)})
        raise ValueError(f"not measured: no study the course found measured closure by "
                         f"{METHOD_LABELS[method]} on {_ON_SKIN[occ]}{who}; "
                         f"measured: {'; '.join(found)}")
    return match[0]


def open_fraction(hours: object, method: object, occluded: object = False,
                  study: str | None = None) -> float:
    """How open the channels still are, ``hours`` after treatment, in [0, 1], as one study's
    method measures it (1 = just after, 0 = back to baseline).

    First-order decay with the study's half-life where it reported one; otherwise a straight line
    to zero at the time it reported the pores closed (a course assumption). ValueError for a
    negative or non-numeric time and for a combination no study measured.
    """
    h = _number(hours, "hours", "hours")
    if h < 0:
        raise ValueError(f"hours must be zero or more, got {h:g}")
    return min(max(curve(method, occluded, study).open_at(h), 0.0), 1.0)
