"""Every registered explorer: labelled controls, one sentence for any state, bad input answered
in words, a figure updated in place, and a live region that the same element keeps."""

from __future__ import annotations

import html
import os
import re

import struct

import pytest

from skinlab import anatomy
from skinlab.explore import EXPLORERS, Choice, LayerExplorer, Number
from skinlab.text import MAX_ALT, clip

NAMES = sorted(EXPLORERS)


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def _states(exp):
    states = list(exp.examples().values())
    for c in exp.controls:
        if isinstance(c, Choice):
            states += [{c.name: v} for _, v in c.options]
    return states


def test_registry_is_not_empty_and_names_match():
    assert NAMES
    for name, cls in EXPLORERS.items():
        assert cls.name == name


def _unit_mentions(label: str, unit: str) -> int:
    """How many words of a control's label name its unit ('h', 'hour' and 'hours' are one)."""
    from skinlab.units import TEXT_TOKENS
    same = TEXT_TOKENS.get(unit, unit)
    words = re.findall(r"[\wµ]+", label.lower())
    return sum(1 for w in words if TEXT_TOKENS.get(w, w) == same or w == unit.rstrip("s"))


def test_a_unit_named_twice_in_a_label_is_found():
    assert _unit_mentions("Hours since treatment (h)", "h") == 2
    assert _unit_mentions("Roller passes (passes)", "passes") == 2
    assert _unit_mentions("Time since treatment (h)", "h") == 1
    assert _unit_mentions("Number of sessions", "sessions") == 1


@pytest.mark.parametrize("name", NAMES)
def test_controls_are_labelled_with_units(name):
    exp = EXPLORERS[name]()
    for c in exp.controls:
        assert c.label.strip()
        if isinstance(c, Number):
            # the unit named once: in brackets, or a count by its noun ("Roller passes"), never
            # twice ("Roller passes (passes)", "Hours since treatment (h)")
            assert f"({c.unit})" in c.label or c.unit in c.label.lower().split(), c.label
            assert _unit_mentions(c.label, c.unit) == 1, c.label
        if isinstance(c, Choice) and c.name.endswith("_um"):
            for text, _ in c.options:
                assert "µm" in text or "mm" in text, text


@pytest.mark.parametrize("name", NAMES)
def test_describe_gives_one_plain_sentence_for_every_state(name):
    exp = EXPLORERS[name]()
    seen = {}
    for state in _states(exp):
        text = exp.describe(**state)
        assert not text.startswith("Cannot"), (state, text)
        assert text.endswith(".") and "\n" not in text and text[0].isupper()
        seen.setdefault(text, state)
    # every control is heard: changing any one choice away from its default changes the sentence
    base = exp.clean()
    for c in exp.controls:
        if isinstance(c, Choice):
            others = [v for _, v in c.options if v != base[c.name]]
            texts = {exp.describe(**{**base, c.name: v}) for v in others}
            texts = {t for t in texts if not t.startswith("Cannot")}
            assert texts - {exp.describe(**base)}, f"no option of {c.name} changes the sentence"
    assert len(seen) > 1
    examples = [exp.describe(**s) for s in exp.examples().values()]
    assert len(set(examples)) == len(examples) >= 3  # named states differ


def _has_number(name):
    return any(isinstance(c, Number) for c in EXPLORERS[name]().controls)


BAD_ANY = [{"no_such_control": 1}]
BAD_CHOICES = [{"__choice__": "not-an-option"}]
BAD_NUMBERS = [{"__number__": "twelve"}, {"__number__": float("nan")}, {"__number__": -1e12},
               {"__number__": None}]
WITH_NUMBER = [n for n in NAMES if _has_number(n)]  # explorers with a numeric control
WITH_CHOICE = [n for n in NAMES
               if any(isinstance(c, Choice) for c in EXPLORERS[n]().controls)]


@pytest.mark.parametrize("name, bad", [(n, b) for n in NAMES for b in BAD_ANY]
                         + [(n, b) for n in WITH_CHOICE for b in BAD_CHOICES]
                         + [(n, b) for n in WITH_NUMBER for b in BAD_NUMBERS])
def test_bad_input_gets_a_message_not_a_traceback(name, bad):
    exp = EXPLORERS[name]()
    choice = next((c.name for c in exp.controls if isinstance(c, Choice)), None)
    number = next((c.name for c in exp.controls if isinstance(c, Number)), None)
    state = {choice if k == "__choice__" else number if k == "__number__" else k: v
             for k, v in bad.items()}
    before = dict(exp.state)
    text = exp.describe(**state)
    assert text.startswith("Cannot show that: ")
    assert exp.state == before
    assert exp.set(**state).startswith("Cannot show that: ")
    assert exp.state == before


@pytest.mark.parametrize("name", NAMES)
def test_figure_is_updated_in_place(name):
    exp = EXPLORERS[name]()
    fig = exp.fig
    states = list(exp.examples().values())
    first = exp.render(**states[0])
    artists = {id(a) for a in fig.findobj()}
    second = exp.render(**states[1])
    assert exp.fig is fig
    assert {id(a) for a in fig.findobj()} == artists  # the same artists, changed not rebuilt
    assert first != second
    assert _png_size(second)[0] >= 640 and _png_size(second)[1] >= 480


@pytest.mark.parametrize("name", NAMES)
def test_widget_updates_the_same_live_element(name):
    exp = EXPLORERS[name]()
    exp.widget()
    view = exp.view
    png, text = view.png, view.text  # the live region itself is checked in Chromium
    assert text == exp.describe()
    assert view.alt == clip(exp.alt(exp.state)) and len(view.alt) <= MAX_ALT
    choice = next(c for c in exp.controls if isinstance(c, Choice))
    other = next(v for _, v in choice.options if v != exp.state[choice.name])
    exp.control_widget(choice.name).value = other  # as a learner's click would
    assert exp.view is view
    assert view.png != png and view.text != text
    assert view.text == exp.describe()
    assert exp.state[choice.name] == other


@pytest.mark.parametrize("name", NAMES)
def test_bad_value_from_code_keeps_the_figure_and_says_why(name):
    exp = EXPLORERS[name]()
    exp.widget()
    number = next((c.name for c in exp.controls if isinstance(c, Number)), None)
    choice = next(c.name for c in exp.controls if isinstance(c, Choice))
    png = exp.view.png
    message = exp.set(**{number: "lots"} if number else {choice: "lots"})
    assert exp.view.text == message and exp.view.problem
    assert exp.view.png == png
    exp.set(**exp.examples()[next(iter(exp.examples()))])
    assert not exp.view.problem


@pytest.mark.parametrize("name", NAMES)
def test_static_fallback_has_a_short_alt_text_and_the_sentence_as_caption(name):
    exp = EXPLORERS[name]()
    bundle = exp.static()._repr_mimebundle_()
    sentence = bundle["text/plain"]
    assert sentence == exp.describe()
    alt = exp.alt(exp.state)
    assert 0 < len(alt) <= 150 and alt != sentence
    assert f'alt="{html.escape(alt, quote=True)}"' in bundle["text/html"]
    assert f"<figcaption>{html.escape(sentence)}</figcaption>" in bundle["text/html"]


@pytest.mark.parametrize("name", NAMES)
def test_a_static_image_does_not_change_the_live_state(name):
    exp = EXPLORERS[name]()
    exp.widget()
    before, png, text = dict(exp.state), exp.view.png, exp.view.text
    other = list(exp.examples().values())[-1]
    view = exp.static(**other)
    assert view.sentence == exp.describe(**other)
    assert exp.state == before and exp.view.png == png and exp.view.text == text
    # and the next live change still draws what a full draw draws
    choice = next(c for c in exp.controls if isinstance(c, Choice))
    value = next(v for _, v in choice.options if v != exp.state[choice.name])
    exp.control_widget(choice.name).value = value
    assert exp.view.png == EXPLORERS[name]().render(**exp.state)


# -- the layer explorer ----------------------------------------------------------------------

@pytest.mark.parametrize("site", anatomy.sites())
@pytest.mark.parametrize("probe", [0.0, 15.0, 60.0, 150.0, 400.0, 900.0])
def test_layer_sentence_names_the_layer_the_model_finds(site, probe):
    exp = LayerExplorer()
    text = exp.describe(site=site, view_um=1000.0, probe_um=probe)
    try:
        layer = anatomy.layer_at_depth(site, probe)
    except ValueError:  # below the modelled tissue: the sentence names what lies there
        assert f"deeper lies {anatomy.beneath(site)}" in text
    else:
        assert f"is in the {layer.label}," in text
    assert anatomy.site_label(site) in text


def test_probe_below_the_modelled_skin_is_described():
    exp = LayerExplorer()
    text = exp.describe(site="eyelid", view_um=5000.0, probe_um=4000.0)
    assert "below the tissue modelled here" in text
    assert "deeper lies the orbicularis oculi muscle" in text
    assert "placeholder" in text  # where the modelled tissue ends rests on a placeholder


def test_eyelid_is_drawn_and_named_without_fat():
    exp = LayerExplorer()
    exp.widget()
    exp.control_widget("site").value = "eyelid"
    exp.render(site="eyelid", view_um=5000.0, layer="hypodermis", probe_um=100.0)
    band = exp.parts["section"].bands["hypodermis"]
    assert band.label.get_text().startswith("loose subcutaneous tissue (no fat)")
    assert "placeholder" in band.label.get_text()
    assert exp.parts["section"].below_label.get_text().startswith("the orbicularis oculi muscle")
    assert [t for t, v in exp.control_widget("layer").options if v == "hypodermis"] == [
        "loose subcutaneous tissue (no fat)"]
    html = exp.extra_html(exp.clean(site="eyelid", layer="hypodermis"))
    assert "no fat" in html and "adipocytes" not in html


def test_probe_slider_follows_the_depth_range():
    exp = LayerExplorer()
    exp.widget()
    slider = exp.control_widget("probe_um")
    exp.control_widget("view_um").value = 200.0
    assert slider.max == 200.0 and slider.value <= 200.0
    exp.control_widget("view_um").value = 5000.0
    assert slider.max == 5000.0
    assert exp.describe(probe_um=4000.0).startswith("Showing the top 5 mm")


def test_highlighted_layer_lists_what_lives_there():
    exp = LayerExplorer()
    html = exp.extra_html(exp.clean(layer="reticular_dermis"))
    assert "reticular dermis" in html and "<li>" in html and "Sources:" in html
    # each source is a named link to its DOI, PubMed or web address, not a raw address
    from skinlab.data import dataset
    for key in anatomy.contents("reticular_dermis")["source"]:
        ref = dataset().reference(key)
        assert f">{ref.get('cite_as') or ref['authors'].split(',')[0].split(' ')[0]} " in html
    assert ">https://" not in html


def _walk(exp) -> list[dict]:
    """States that change one control at a time: every option of every choice, and three values
    of every number, so overlay-only and full redraws both happen."""
    states, state = [], dict(exp.clean())
    for c in exp.controls:
        if isinstance(c, Choice):
            values = [v for _, v in c.options]
        else:
            lo, hi = exp.number_bounds(c.name, state)
            values = [lo, (lo + hi) / 3, hi]
        for v in values:
            try:
                state = exp.clean(**{**state, c.name: v})
            except ValueError:
                continue
            states.append(dict(state))
    return states


# make test-fast (SKINLAB_HYPOTHESIS=fast) compares about this many states of each walk with a
# fresh explorer; make test compares every one. The walk itself is always whole.
FAST_SAMPLE = 6


@pytest.mark.parametrize("name", NAMES)
def test_partial_redraws_draw_exactly_what_a_full_draw_draws(name):
    exp = EXPLORERS[name]()
    exp.render()
    blits = 0
    states = _walk(exp)
    step = max(1, len(states) // FAST_SAMPLE) if os.environ.get("SKINLAB_HYPOTHESIS") == "fast" \
        else 1
    for i, state in enumerate(states):
        blits += all(exp.parts[n].overlay for n in exp.changed_parts(state))
        drawn = exp.render(**state)
        if i % step == 0 or i == len(states) - 1:  # a fresh explorer draws it from nothing
            assert drawn == EXPLORERS[name]().render(**state), state
    assert blits, f"the {name} explorer never redraws just its overlays"


@pytest.mark.parametrize("name", NAMES)
def test_static_fallback_explains_bad_input(name):
    exp = EXPLORERS[name]()
    view = exp.static(no_such_control=1)
    assert view._repr_mimebundle_()["text/plain"].startswith("Cannot show that: ")


# -- the renewal explorer ------------------------------------------------------------------------

def test_renewal_sentence_follows_the_model():
    from skinlab import renewal
    from skinlab.explore import RenewalExplorer

    exp = RenewalExplorer()
    for site in anatomy.sites():
        for day in (0.0, 5.0, 13.0, 16.0, 30.0, 50.0):
            pos = renewal.cohort_at(site, day)
            text = exp.describe(site=site, age="young_adult", day=day)
            if pos.stage == "shed":
                assert "were shed" in text
            else:
                assert f"in the {pos.stratum.label}," in text


def test_renewal_day_slider_only_moves_the_cohort():
    from skinlab.explore import RenewalExplorer

    exp = RenewalExplorer()
    before = exp.wire(exp.clean(day=3.0))
    after = exp.wire(exp.clean(day=30.0))
    changed = {n for n in before if before[n] != after[n]}
    assert changed == {"cohort", "today"}
    assert all(exp.parts[n].overlay for n in changed)
    assert exp.describe(day=-1).startswith("Cannot show that")
    assert exp.describe(day="ten").startswith("Cannot show that")


# -- the exfoliation explorer ---------------------------------------------------------------------

def test_exfoliation_sentence_names_the_layer_and_its_depth():
    from skinlab import exfoliation
    from skinlab.text import format_um
    from skinlab.explore import ExfoliationExplorer

    exp = ExfoliationExplorer()
    for method in exfoliation.methods():
        for strength in exfoliation.strengths(method):
            for site in ("eyelid", "back"):
                r = exfoliation.removal(method, strength, site)
                text = exp.describe(site=site, method=method, strength=strength)
                assert f"the {r.layer.label}" in text
                about = "about " if r.reach < 1 else ""
                assert f"no deeper than {about}{format_um(r.bottom_um)}" in text
                assert "reach deeper" not in text and "one class deeper" not in text
                assert ("Caveat: peel depth classes were defined on facial skin" in text) == (
                    site == "back")
                assert ("warn against peeling eyelid skin deep" in text) == (
                    site == "eyelid" and r.cls != "very_superficial")


def test_exfoliation_strength_follows_the_method():
    from skinlab import exfoliation
    from skinlab.explore import ExfoliationExplorer

    exp = ExfoliationExplorer()
    exp.widget()
    strength = exp.control_widget("strength")
    for method in exfoliation.methods():
        exp.control_widget("method").value = method  # as the drop-down would
        offered = exfoliation.strengths(method)
        assert [v for _, v in strength.options] == list(offered)
        assert strength.value == exp.state["strength"] in offered
        assert exp.view.text == exp.describe()
    bad = next(m for m in exfoliation.methods() if "home" not in exfoliation.strengths(m))
    text = exp.describe(method=bad, strength="home")
    assert text.startswith("Cannot show that") and "described only as" in text


def test_renewal_timeline_follows_the_age_group():
    from skinlab import renewal
    from skinlab.explore import RenewalExplorer

    exp = RenewalExplorer()
    young = exp.render(age="young_adult", day=0.0)
    strip = exp.parts["timeline"].image
    strip_young = strip.pixels.copy()
    old = exp.render(age="older_adult", day=0.0)
    assert young != old
    assert (strip.pixels != strip_young).any()  # the stages are drawn for this age
    assert renewal.journey("older_adult").shed_day > renewal.journey("young_adult").shed_day
    assert exp.render(age="young_adult", day=0.0) == young  # the cached strip draws the same


def test_exfoliation_sentence_says_how_each_family_removes():
    from skinlab import exfoliation
    from skinlab.explore import ExfoliationExplorer

    exp = ExfoliationExplorer()
    for method in exfoliation.methods():
        strength = exfoliation.strengths(method)[0]
        if exfoliation.peel_class(method, strength) != "very_superficial":
            continue
        text = exp.describe(site="cheek", method=method, strength=strength)
        verb = ("wears cells off" if exfoliation.family(method) == "physical" else
                "loosens cells of the stratum corneum so they shed")
        assert verb in text, text

# -- the needle, channel map and closure explorers (issue 21: ranges, not points) ---------------
@pytest.mark.parametrize("example", list(EXPLORERS["needle"]().examples()))
def test_the_drawn_needle_tip_is_the_depth_the_sentence_states(example):
    """The tip is drawn at the middle of the in-skin range, which the sentence states; the rest
    of the needle stands above the surface; the sentence gives the range and never 'typical'."""
    from skinlab import microneedling as mn
    from skinlab.text import format_um

    exp = EXPLORERS["needle"]()
    state = exp.examples()[example]
    exp.render(**state)
    text = exp.describe(**state)
    r = mn.depth_reached(exp.state["needle_mm"] * 1000.0, exp.state["site"])
    needle = exp.parts["needle"]
    assert needle.tip_y() == pytest.approx(r.typical_um)
    assert needle.above_length() == pytest.approx(r.needle_um - r.typical_um)
    assert f"shows the middle of that range, {format_um(r.typical_um)}" in text
    assert f"somewhere between {format_um(r.low_um)} and {format_um(r.high_um)}" in text
    assert "typical" not in text.lower()
    assert "in rats" in text and "in people" in text and "closely approximated" in text


def test_the_needle_sentence_names_the_layers_the_range_spans_and_keeps_cordeiro_apart():
    exp = EXPLORERS["needle"]()
    text = exp.describe(site="cheek", device="roller", needle_mm=1.0)
    assert "from the papillary dermis to the reticular dermis" in text
    assert "Cordeiro" not in text
    info = exp.extra_html(exp.state)
    assert "two skin models the abstract does not name: not used" in info
    assert info.index("Kept apart") < info.index("Cordeiro 2020")
    for study in ("Kalluri 2011", "Sasaki 2019", "needle in place", "channel after withdrawal"):
        assert study in info


def test_a_needle_outside_the_devices_range_is_named_as_its_sources_do():
    from skinlab import microneedling as mn

    exp = EXPLORERS["needle"]()
    # a pen's sources give a protrusion setting (K180778: 0.0 to 1.5 mm), not a needle length
    pen = exp.describe(site="cheek", device="pen", needle_mm=2.5)
    assert "needle protrusion" in pen and "is set between 0 µm and 1.5 mm" in pen
    assert "This pen's needles" not in pen
    roller = exp.describe(site="cheek", device="roller", needle_mm=2.5)
    assert "This roller's needles, in the course's sources, run from 500 µm to 1.5 mm" in roller
    # inside the range nothing is added
    assert "protrusion" not in exp.describe(site="cheek", device="pen", needle_mm=1.0)
    # the roller's quoted count is of holes, and its unit says so
    assert mn.holes_after_15_passes().unit == "holes/cm^2"


@pytest.mark.parametrize("device", ["pen", "stamp"])
def test_the_channel_map_says_not_known_for_a_pen_or_a_stamp_and_draws_nothing(device):
    exp = EXPLORERS["channels"]()
    exp.render(device=device, passes=3)
    text = exp.describe(device=device, passes=3)
    assert "not known" in text and "%" not in text and "per cm²" in text
    assert exp.parts["surface"].drawn() == 0
    assert exp.parts["unknown"].text.get_text() == "not known"
    if device == "pen":
        assert "600 to 900 times a second" in text and "510(k)" in text
        assert "how fast a pen is moved" in text
    else:
        assert "needle count or footprint" in text


def test_the_channel_map_keeps_the_rollers_sourced_numbers_with_ranges():
    from skinlab import microneedling as mn

    exp = EXPLORERS["channels"]()
    exp.render(device="roller", passes=15)
    text = exp.describe(device="roller", passes=15)
    p = mn.punctured_fraction("roller", 15)
    assert f"{p.low * 100:.2f}% to {p.high * 100:.2f}%" in text and "not known" not in text
    assert exp.parts["surface"].drawn() == round(mn.channel_density("roller", 15).value)
    assert exp.parts["unknown"].text.get_text() == ""


def test_the_closure_explorer_opens_on_people_uncovered_and_names_no_database_id():
    import re

    from skinlab import microneedling as mn

    exp = EXPLORERS["closure"]()
    assert (exp.state["population"], exp.state["covered"]) == ("humans", "no")
    assert "Gupta 2011" in exp.describe()
    for pop in mn.populations():
        for method in mn.methods_for(pop):
            for occ in mn.occlusions_for(pop, method):
                covered = {False: "no", True: "yes", None: "not stated"}[occ]
                state = dict(population=pop, method=method, covered=covered, hours=12)
                text = exp.describe(**state)
                heading = exp.wire(exp.clean(**state))["heading"]["text"]
                assert not re.search(r"PMC\d", text + heading), (text, heading)
                c = mn.curve(method, occ, pop)
                assert c.shape in text  # one definition of the curve, said once
                mid = c.open_at(12)
                assert f"{mid:.0%}" in text or mid == 0
                if c.species == "human":
                    assert "not a cosmetic roller or pen" in text
                else:
                    assert "cosmetic" not in text


# -- the healing timeline: the wound drawn as far in as the sentence says ----------------------
def _depths_in(text: str) -> list[float]:
    """The depths of 'its tip ends between A and B deep', in micrometres."""
    import re

    m = re.search(r"tip ends between ([\d.]+) (µm|mm) and ([\d.]+) (µm|mm) deep", text)
    assert m, text
    return [float(v) * (1000.0 if u == "mm" else 1.0)
            for v, u in ((m.group(1), m.group(2)), (m.group(3), m.group(4)))]


@pytest.mark.parametrize("site, needle_mm, day", [
    ("cheek", 1.5, 2.0), ("cheek", 0.5, 10.0), ("forehead", 1.0, 180.0), ("palm", 0.5, 2.0),
    ("palm", 0.25, 2.0), ("cheek", 0.25, 0.125)])
def test_healing_wound_is_drawn_to_the_sentences_range(site, needle_mm, day):
    from skinlab import microneedling as mn

    exp = EXPLORERS["healing"]()
    state = dict(site=site, needle_mm=needle_mm, day=day, view_um=5000.0)
    text = exp.describe(**state)
    assert "typical" not in text and "course assumption" not in text
    low, high = _depths_in(text)
    r = mn.depth_reached(needle_mm * 1000.0, site)
    assert r.label in text  # the layers the range spans
    exp.render(**state)
    wound = exp.parts["wound"]
    tip = max(y for _, y in wound.channel.get_xy())
    ys = list(wound.bracket.get_ydata())
    # the wound is drawn to the midpoint of the range the sentence gives, the range as a bracket
    rounding = 0.5 + 0.005 * high  # the sentence rounds to a micrometre, or to 0.01 mm
    assert tip == pytest.approx((low + high) / 2, abs=rounding)
    assert min(ys) == pytest.approx(low, abs=rounding)
    assert max(ys) == pytest.approx(high, abs=rounding)
    assert wound.bracket.get_visible() and wound.level.get_visible()
    # a clot only while haemostasis is active, and only where the depth drawn is in the dermis
    from skinlab import healing

    top = anatomy.layers_at(site)[1].bottom_um
    keys = {p.key for p in healing.active_phases(day)}
    assert wound.clot.get_visible() == ("haemostasis" in keys and tip > top)
    if high <= top:
        assert "stays in the epidermis" in text and "no clot" in text
    elif tip <= top:
        assert "only at the deep end of its range" in text


# -- the side-by-side explorer -------------------------------------------------------------------
@pytest.mark.parametrize("state", [
    dict(site="cheek", needle_mm=0.25, device="roller", passes=1, view_um=200.0),
    dict(site="cheek", needle_mm=1.5, device="pen", passes=3, view_um=1000.0),
    dict(site="palm", needle_mm=0.5, device="stamp", passes=1, view_um=1000.0),
    dict(site="eyelid", needle_mm=3.0, device="roller", passes=30, view_um=1000.0)])
def test_compare_needle_is_drawn_where_the_sentence_says_its_tip_ends(state):
    import re

    from skinlab import compare
    from skinlab import microneedling as mn

    exp = EXPLORERS["compare"]()
    text = exp.describe(**state)
    assert "typical" not in text
    m = re.search(r"tip ending between ([\d.]+) (µm|mm) and ([\d.]+) (µm|mm) deep", text)
    assert m, text
    low, high = (float(v) * (1000.0 if u == "mm" else 1.0)
                 for v, u in ((m.group(1), m.group(2)), (m.group(3), m.group(4))))
    exp.render(**state)
    needles = exp.parts["needles"]
    rounding = 0.5 + 0.005 * high  # the sentence rounds to a micrometre, or to 0.01 mm
    # the tip is drawn at the midpoint of the range the sentence gives, the range as a bracket
    [tip] = needles.tips_um()
    assert tip == pytest.approx((low + high) / 2, abs=rounding)
    assert needles.bracket_um() == pytest.approx((low, high), abs=rounding)
    [poly] = needles.needles.get_paths()
    ys = poly.vertices[:, 1]
    assert max(ys) == pytest.approx(min(tip, state["view_um"]))
    # the rest of the needle is above the surface (negative depth), and nothing is a channel
    assert min(ys) < 0 and not needles.channels.get_paths()
    # the square: channels where the share is known, 'not known' and none where it is not
    c = compare.compare(state["site"], "glycolic_acid", "superficial", state["needle_mm"],
                        state["device"], state["passes"])
    note = exp.parts["unknown_b"].text
    if mn.known(state["device"]):
        assert exp.parts["surface_b"].drawn() > 0 and not note.get_visible()
        assert compare.share_span(c.punctured.low, c.punctured.high) in text
    else:
        assert exp.parts["surface_b"].drawn() == 0
        assert note.get_visible() and "not known" in note.get_text()
        assert compare.SHARE_NOT_KNOWN in text and "%" not in text.split("; a ")[1]


@pytest.mark.parametrize("name", WITH_CHOICE)
def test_no_two_options_of_a_drop_down_read_the_same(name):
    """A learner tells the options apart by their words: Kalluri 2011's water-loss and dye curves
    once showed as two identical 'hairless rats, 770 µm roller' options."""
    for control in EXPLORERS[name]().controls:
        if isinstance(control, Choice):
            labels = [label for label, _ in control.options]
            assert len(labels) == len(set(labels)), (name, control.name, labels)


@pytest.mark.parametrize("text", [
    "A 0.50 mm needle on the cheek, drawn in to the middle of 200-400 µm: the papillary dermis",
    "word " * 40, "x" * 200, "a" * 149 + " tail", "one, two; three: " * 12])
def test_an_alt_text_is_clipped_at_a_word_not_inside_one(text):
    out = clip(text)
    assert len(out) <= MAX_ALT
    if len(text) <= MAX_ALT:
        assert out == text
    else:
        assert out.endswith("…")
        kept = out[:-1]
        assert text.startswith(kept)
        # the cut falls at a space unless one word is longer than the whole label
        assert text[len(kept)] in " ,;:" or " " not in text[:MAX_ALT]


def test_explorers_share_helpers_not_parents():
    """An explorer reuses another's rules through skinlab.explore.controls, never by subclassing
    it (the compare explorer once inherited the exfoliation explorer to reuse two methods)."""
    from skinlab.explore import Explorer
    for name, cls in EXPLORERS.items():
        assert cls.__bases__ == (Explorer,), name
    compare, exfoliation = EXPLORERS["compare"](), EXPLORERS["exfoliation"]()
    for exp in (compare, exfoliation):
        moved = exp.clean(method="trichloroacetic_acid")  # the strength follows the method
        assert moved["strength"] in ("superficial", "medium", "deep")
        with pytest.raises(ValueError, match="described only as"):
            exp.clean(method="microdermabrasion", strength="deep")
        assert exp.adjust(moved)["strength"]["value"] == moved["strength"]
