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

from skinlab import anatomy
from skinlab.data import DataError, Value, dataset, number, weakest

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
    return dataset().tree(FILE, *path)


def _value(*path: str) -> Value:
    return dataset().value(FILE, *path)


_number = number  # the one validator (skinlab.data.number)


# -- depth reached -----------------------------------------------------------------------------
QUANTITIES = {"tip": "the needle imaged in place (where the tip ends)",
              "channel": "the channel left after the needle was withdrawn"}


@dataclass(frozen=True)
class Study:
    """One measurement of depth against needle length: in what medium, of which quantity (the
    needle in place, ``tip``, or the channel after withdrawal, ``channel``), and whether it was
    made in skin (living or excised, human or animal) and so joins the model's range."""

    key: str
    label: str
    species: str
    measured: str
    needle_um: Value
    fraction: Value
    medium: str = ""
    quantity: str = "tip"
    in_skin: bool = True


@dataclass(frozen=True)
class Reach:
    """How deep a needle goes at a site, as the range the in-skin studies give.

    The tip: ``low_um`` (the channel left after withdrawal, a lower bound for the tip) to
    ``high_um`` (the needle imaged in place); ``typical_um`` is only the midpoint of that range
    (a course choice for drawing and for checks, never called typical to a learner). The
    channel a product meets: ``channel_low_um`` to ``channel_high_um``, from the after-withdrawal
    measurements (``channel_species`` says in whom). ``layers`` are the keys of the layers the
    tip's range spans, shallowest first ('beyond' past the modelled tissue); ``layer`` is the
    layer at the midpoint, ``low_layer`` and ``high_layer`` at the ends.
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
    status: str = "estimated"
    sources: tuple[str, ...] = field(default=())
    channel_low_um: float = 0.0
    channel_high_um: float = 0.0
    channel_species: str = ""
    layers: tuple[str, ...] = ()
    beyond_label: str = ""

    @property
    def in_dermis(self) -> bool:
        """Whether the tip ends in the dermis (papillary or reticular) across the whole range."""
        return bool(self.layers) and all(k in DERMIS for k in self.layers)

    @property
    def reaches_dermis(self) -> bool:
        """Whether the deep end of the range is in the dermis or below it."""
        return self.high_layer is None or self.high_layer.key in DERMIS or any(
            k in DERMIS for k in self.layers)

    @property
    def label(self) -> str:
        """The layers the tip's range spans, in words: 'reticular dermis', or 'papillary dermis
        to reticular dermis'."""
        def words(x: anatomy.Layer | None) -> str:
            return x.label if x is not None else self.beyond_label

        lo, hi = words(self.low_layer), words(self.high_layer)
        return lo if lo == hi else f"{lo} to {hi}"


DERMIS = ("papillary_dermis", "reticular_dermis")


def _study(key: str, node: dict) -> Study:
    return Study(key, node["label"], node["species"], node["measured"],
                 _value("penetration", "studies", key, "needle"),
                 _value("penetration", "studies", key, "fraction"),
                 str(node.get("medium", "")), str(node.get("quantity", "tip")),
                 bool(node.get("in_skin", True)))


def all_studies() -> list[Study]:
    """Every depth-versus-length measurement in the data, in data order (the ones made outside
    skin included: :func:`studies` gives the model's)."""
    out = []
    for key, node in _tree("penetration", "studies").items():
        st = _study(key, node)
        if st.quantity not in QUANTITIES:
            raise DataError(f"{FILE}: penetration.studies.{key}.quantity: {st.quantity!r} is "
                            f"not one of {', '.join(QUANTITIES)}")
        out.append(st)
    return out


def studies() -> list[Study]:
    """The measurements made in skin (living or excised, human or animal): the model's range."""
    return [s for s in all_studies() if s.in_skin]


def apart() -> list[Study]:
    """Measurements kept out of the model's range (not shown to be made in skin)."""
    return [s for s in all_studies() if not s.in_skin]


def fraction_spread(ss: list[Study] | None = None) -> tuple[float, float, float]:
    """(low, midpoint, high) depth over needle length for the tip: from the shallowest reading
    (a channel left after withdrawal, a lower bound for the tip) to the deepest (a needle imaged
    in place, or a channel, which the tip reached at least)."""
    ss = studies() if ss is None else ss
    lo = min(s.fraction.low for s in ss)
    hi = max(s.fraction.high for s in ss)
    return lo, (lo + hi) / 2.0, hi


def channel_spread(ss: list[Study] | None = None) -> tuple[float, float]:
    """(low, high) depth over needle length of the channel left after withdrawal."""
    ss = [s for s in (studies() if ss is None else ss) if s.quantity == "channel"]
    if not ss:
        raise DataError(f"{FILE}: no after-withdrawal (channel) measurement in skin")
    return min(s.fraction.low for s in ss), max(s.fraction.high for s in ss)


def studied_lengths_um(ss: list[Study] | None = None) -> tuple[float, float]:
    """The shortest and longest needles the in-skin depth studies used, in micrometres."""
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


def length_um(length: object) -> float:
    """A needle length in micrometres, checked (ValueError: not a number, zero or negative)."""
    v = _number(length, "needle length", "micrometres")
    if v <= 0:
        raise ValueError(f"needle length must be more than 0 micrometres, got {v:g}")
    return v


def depth_reached(needle_um: object, site: str) -> Reach:
    """How deep a needle of ``needle_um`` micrometres goes at ``site``: the in-skin range.

    ValueError for a length that is not a positive number or an unknown site.

    Parameters
    ----------
    needle_um : float
        The needle's length, in micrometres (more than 0; 1000 µm is a 1 mm needle).
    site : str
        A body site (one of :func:`skinlab.anatomy.sites`).

    Returns
    -------
    Reach
        The tip's range (``low_um`` to ``high_um``, micrometres below the surface, with
        ``typical_um`` its midpoint), the layers at its ends and midpoint, the channel's range after
        withdrawal (``channel_low_um`` to ``channel_high_um``) and whether the length is outside the
        studied ones (``extrapolated``).

    Raises
    ------
    ValueError
        For a length that is not a positive number, or an unknown site.

    Examples
    --------
    >>> r = depth_reached(1000, "cheek")
    >>> f"{r.low_um:.0f} to {r.high_um:.0f} µm", r.label, r.extrapolated
    ('186 to 1000 µm', 'papillary dermis to reticular dermis', False)
    >>> depth_reached(0, "cheek")
    Traceback (most recent call last):
    ...
    ValueError: needle length must be more than 0 micrometres, got 0
    """
    length = length_um(needle_um)
    key = anatomy.site_key(site)
    ss = studies()
    lo, mid, hi = fraction_spread(ss)
    low, typical, high = (min(length * f, length) for f in (lo, mid, hi))
    c_lo, c_hi = channel_spread(ss)
    species = ", ".join(dict.fromkeys(s.species for s in ss if s.quantity == "channel"))
    shortest, longest = studied_lengths_um(ss)
    stack = anatomy.layers_at(key)
    last = stack[-1]
    placeholder = " (placeholder)" if last.is_placeholder else ""
    beyond = (f"{anatomy.beneath(key)} (below the modelled tissue, which ends "
              f"{last.bottom_um:.0f} µm down{placeholder})")
    spanned = tuple(x.key for x in stack if x.bottom_um > low and x.top_um <= high)
    if high >= last.bottom_um:
        spanned += ("beyond",)
    sources = tuple(dict.fromkeys(s for st in ss for s in st.fraction.sources))
    return Reach(length, key, low, typical, high, _layer_in(stack, typical),
                 _layer_in(stack, low), _layer_in(stack, high), beyond,
                 not shortest <= length <= longest, (shortest, longest), caveat(key),
                 "estimated", sources, min(length * c_lo, length), min(length * c_hi, length),
                 species, spanned, f"below the modelled skin ({anatomy.beneath(key)})")


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


def device_kind(device: str) -> str:
    """How the device punctures: 'roller', 'pen' or 'stamp'."""
    return str(_tree("devices", device_key(device))["kind"])


def device_value(device: str, name: str) -> Value:
    """One geometry value of a device (e.g. ``needles``, ``surface_diameter``).

    Parameters
    ----------
    device : str
        ``"roller"``, ``"stamp"`` or ``"pen"`` (any case).
    name : str
        The value's key in ``microneedling.yaml`` under the device, e.g. ``"needles"``,
        ``"drum_diameter"`` (cm), ``"drum_width"`` (cm) or ``"surface_diameter"`` (µm).

    Returns
    -------
    skinlab.data.Value
        The cited value, in the unit the data gives it (its ``unit`` field), with its range,
        sources and status.

    Raises
    ------
    ValueError
        For an unknown device.
    skinlab.data.DataError
        For a name the device has no value for.

    Examples
    --------
    >>> device_value("roller", "needles").value
    192.0
    >>> d = device_value("roller", "drum_diameter")
    >>> d.value, d.unit
    (2.0, 'cm')
    """
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


SOURCED = ("measured", "estimated")


def known(device: str) -> bool:
    """Whether a device's channels per cm² and channel width rest only on sources (measured or
    estimated values): the roller's do; the pen's glide speed and footprint and the stamp's
    geometry are not given by any source the course found, so theirs are not known."""
    p = per_pass(device)
    d = surface_diameter_um(device)
    return p.status in SOURCED and d.status in SOURCED


def channel_density(device: str, passes: object = 1) -> Spread | None:
    """Channels per cm² after ``passes`` passes: linear in passes (every needle contact counts,
    even where it lands in an earlier channel). None where it is not known (:func:`known`)."""
    n = _passes(passes)
    if not known(device):
        return None
    p = per_pass(device)
    return Spread(p.value * n, p.low * n, p.high * n, p.status, "per cm²")


# The geometry each kind of device's channels per cm² are worked out from (see per_pass).
DENSITY_INPUTS = {"roller": ("needles", "drum_diameter", "drum_width"),
                  "pen": ("needles", "stroke_rate", "glide_speed", "footprint_width"),
                  "stamp": ("needles", "footprint")}


def share_sources(device: str) -> tuple[str, ...]:
    """The source keys a device's share of the surface rests on (its density's geometry and its
    channel width); () where the share is not known."""
    key = device_key(device)
    if not known(key):
        return ()
    names = DENSITY_INPUTS[_tree("devices", key)["kind"]] + ("surface_diameter",)
    return tuple(dict.fromkeys(s for n in names for s in device_value(key, n).sources))


def strikes_per_second(device: str) -> Spread | None:
    """A pen's needle strikes per second (needles times stroke rate, both from its 510(k)
    summary), or None for a device without a motor: what is known of a pen's count."""
    key = device_key(device)
    if _tree("devices", key)["kind"] != "pen":
        return None
    n, f = device_value(key, "needles"), device_value(key, "stroke_rate")
    return Spread(n.value * f.value, n.low * f.low, n.high * f.high,
                  weakest("estimated", n.status, f.status), "per second")


def surface_diameter_um(device: str) -> Value:
    """A channel's diameter at the surface for a device (measured, estimated or assumed)."""
    return device_value(device, "surface_diameter")


def share(density_per_cm2: float, diameter_um: float) -> float:
    """The share of the surface opened by channels landing at random: 1 - exp(-n·πd²/4)."""
    if density_per_cm2 < 0 or diameter_um < 0:
        raise ValueError("density and diameter must be zero or more")
    d_cm = diameter_um * 1e-4
    return 1.0 - math.exp(-density_per_cm2 * math.pi * d_cm ** 2 / 4.0)


def punctured_fraction(device: str, passes: object = 1) -> Spread | None:
    """The share of the surface punctured, in [0, 1], with the low-high range that the spreads of
    density and channel diameter give; None where the device's density or channel width is not
    known from a source (:func:`known`).

    Parameters
    ----------
    device : str
        ``"roller"``, ``"stamp"`` or ``"pen"`` (any case).
    passes : int, optional
        How many passes over the skin (presses, for a stamp); at least 1.

    Returns
    -------
    Spread or None
        The share punctured (``value``, ``low``, ``high``, fractions from 0 to 1) and the weakest
        status it rests on; None where no source gives the device's density or channel width.

    Raises
    ------
    ValueError
        For an unknown device, or passes that are not a number of at least 1.

    Examples
    --------
    >>> p = punctured_fraction("roller", 15)
    >>> f"{p.low:.2%} to {p.high:.2%}", p.status
    ('0.66% to 1.16%', 'estimated')
    >>> punctured_fraction("pen", 3) is None
    True
    """
    n = channel_density(device, passes)
    if n is None:
        return None
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

    def open_at(self, hours: float, end: str = "value") -> float:
        """How open the channels are ``hours`` after treatment (1 = just after, 0 = closed), on
        this study's curve: with its reported half-life or closing time (``end``: "value", or
        "low" for the fast end of its range, "high" for the slow end). The one definition the
        closure explorer and the permeation model both read."""
        if end not in ("value", "low", "high"):
            raise ValueError(f"end must be 'value', 'low' or 'high', got {end!r}")
        if self.form == "half_life":
            t_half = getattr(self.half_life, end)
            return math.exp(-math.log(2) * hours / t_half) if t_half > 0 else float(hours <= 0)
        closed = getattr(self.closed, end)
        if closed <= 0:
            return float(hours <= 0)
        return max(0.0, 1.0 - hours / closed)

    @property
    def shape(self) -> str:
        """The shape used between the measured points, in words."""
        if self.form == "half_life":
            return "first-order decay with the study's half-life"
        return ("a straight line to the time the study reported them closed (assumed: the "
                "study did not report the curve's shape)")

    @property
    def title(self) -> str:
        """A chart title by who, how and by author and year (never a database id)."""
        return self.label


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

    Parameters
    ----------
    hours : float
        Time since the treatment, in hours (zero or more).
    method : str
        How the study measured closure: ``"impedance"``, ``"tewl"`` or ``"dye"``.
    occluded : bool or None, optional
        Whether the skin was covered: True, False (the default), None for "not stated" (or words
        such as ``"covered"``, ``"no"``, ``"not stated"``).
    study : str, optional
        A curve key or a population key (e.g. ``"sites_forearm"``); without it, the first curve
        that matches.

    Returns
    -------
    float
        The share of the channels still open, from 0 to 1 (no unit).

    Raises
    ------
    ValueError
        For a negative or non-numeric time, an unknown method or study, or a combination of method
        and covering no study measured.

    Examples
    --------
    >>> round(open_fraction(0, "impedance", None, "sites_forearm"), 3)
    1.0
    >>> round(open_fraction(24, "impedance", None, "sites_forearm"), 3)
    0.439
    >>> open_fraction(-1, "impedance")
    Traceback (most recent call last):
    ...
    ValueError: hours must be zero or more, got -1
    """
    h = _number(hours, "hours", "hours")
    if h < 0:
        raise ValueError(f"hours must be zero or more, got {h:g}")
    return min(max(curve(method, occluded, study).open_at(h), 0.0), 1.0)


def product_curves() -> dict[str, Curve]:
    """The closure curves a product applied after a session can meet, by key, in the order the
    permeation explorer offers them; the first is the default (people, skin left uncovered).

    Returns
    -------
    dict of str to Curve
        Each curve by its key; :meth:`Curve.open_at` gives its open share at a time in hours.

    Raises
    ------
    skinlab.data.DataError
        If the data names a curve it does not hold.

    Examples
    --------
    >>> list(product_curves())
    ['gupta2011', 'kalluri2011_tewl_770', 'kalluri2011_dye_770', 'sites2021_forearm']
    >>> product_curves()["gupta2011"].open_at(1.0)
    0.5
    """
    known_ = {c.key: c for c in curves()}
    out = {}
    for key in _tree("closure", "for_products"):
        if key not in known_:
            raise DataError(f"{FILE}: closure.for_products: unknown curve {key!r}")
        out[key] = known_[key]
    return out


def product_curve(key: str | None = None) -> Curve:
    """One curve of :func:`product_curves` (the default without ``key``)."""
    options = product_curves()
    if key is None:
        return next(iter(options.values()))
    if key not in options:
        raise ValueError(f"unknown closure curve {key!r}: choose one of {', '.join(options)}")
    return options[key]


def closure_hours(end_h: float = 96.0) -> tuple[float, ...]:
    """The times a closure curve is drawn at, in hours: every 0.05 h over the first 2 h, where
    the fastest curves fall, then 160 steps spaced evenly on a log scale to ``end_h``.

    >>> hours = closure_hours()
    >>> hours[0], hours[40], round(hours[-1], 6), len(hours)
    (0.0, 2.0, 96.0, 201)
    """
    first = [2.0 * i / 40 for i in range(41)]
    lo, hi = math.log(2.05), math.log(end_h)
    later = [math.exp(lo + (hi - lo) * i / 159) for i in range(160)]
    return tuple(first + later)
