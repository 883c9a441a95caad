"""Every drawing component declares its state as a frozen dataclass: facts and geometry are
required fields, only presentation has a default; a misspelled or missing field fails at once,
naming the component and the field; the explorer base compares typed states, so the same state
redraws nothing. The closure chart's ticks follow its axis."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import typing

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import skinlab.draw
from skinlab.draw import Component
from skinlab.explore import EXPLORERS

for _mod in pkgutil.iter_modules(skinlab.draw.__path__):  # every module, imported or not
    importlib.import_module(f"skinlab.draw.{_mod.name}")

MEASURES = ("_um", "_mm", "hours")  # a field named so is a depth, a length or a time


def _components() -> list[type[Component]]:
    out, todo = [], list(Component.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("skinlab.draw") and cls not in out:
            out.append(cls)
        todo += cls.__subclasses__()
    return sorted(out, key=lambda c: c.__name__)


COMPONENTS = _components()
IDS = [c.__name__ for c in COMPONENTS]


def _required(cls) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls.State) if f.default is dataclasses.MISSING
            and f.default_factory is dataclasses.MISSING]


def _optional(cls, f: dataclasses.Field) -> bool:
    """The field may be None (its annotation is ``X | None``)."""
    try:
        hint = typing.get_type_hints(cls.State)[f.name]
    except Exception:  # an annotation that cannot be resolved here: read its text
        return "None" in str(f.type) or "Optional" in str(f.type)
    return type(None) in typing.get_args(hint)


def test_the_components_are_found_by_walking_the_subclasses():
    names = set(IDS)
    assert len(COMPONENTS) >= 20
    assert {"NeedleReach", "WoundResponse", "ClosureChart", "CrossSection",
            "Illustration"} <= names


@pytest.mark.parametrize("cls", COMPONENTS, ids=IDS)
def test_every_component_declares_a_frozen_dataclass_state(cls):
    assert "State" in vars(cls), f"{cls.__name__} declares no State of its own"
    assert dataclasses.is_dataclass(cls.State)
    assert cls.State.__dataclass_params__.frozen
    assert dataclasses.fields(cls.State), f"{cls.__name__}.State has no fields"
    assert "apply" in vars(cls) and "update" not in vars(cls)  # the base's update checks


@pytest.mark.parametrize("cls", COMPONENTS, ids=IDS)
def test_a_misspelled_field_is_refused_naming_the_component_and_the_field(cls):
    state = {f.name: None for f in _required(cls)}
    first = dataclasses.fields(cls.State)[0].name
    typo = first[:-2] + first[-1] + first[-2] if len(first) > 2 else first + "x"  # a slip
    typo = typo if typo != first else first + "x"
    state.pop(first, None)
    state[typo] = None
    with pytest.raises(TypeError) as err:
        cls.state(state)
    message = str(err.value)
    assert message.startswith(f"{cls.__name__}: unknown state field {typo!r}")
    assert "its fields are" in message and first in message


@pytest.mark.parametrize("cls", [c for c in COMPONENTS if _required(c)],
                         ids=[c.__name__ for c in COMPONENTS if _required(c)])
def test_a_missing_required_field_is_refused(cls):
    for f in _required(cls):
        state = {g.name: None for g in _required(cls) if g.name != f.name}
        with pytest.raises(TypeError, match=f"^{cls.__name__}: missing state field "
                                            f"'{f.name}'"):
            cls.state(state)


def test_the_review_s_example_reads_plainly():
    from skinlab.draw import NeedleReach

    with pytest.raises(TypeError) as err:
        NeedleReach.state({"needle_widht_um": 100.0})
    message = str(err.value)
    assert message.startswith("NeedleReach: unknown state field 'needle_widht_um'")
    assert "did you mean 'needle_width_um'" in message
    assert "its fields are needle_um, needle_width_um," in message


@pytest.mark.parametrize("cls", COMPONENTS, ids=IDS)
def test_no_measure_has_a_default(cls):
    """A depth, width, span or time that may not be None is always handed in."""
    for f in dataclasses.fields(cls.State):
        if f.name.endswith(MEASURES) and not _optional(cls, f):
            assert f.default is dataclasses.MISSING, f"{cls.__name__}.{f.name}"
            assert f.default_factory is dataclasses.MISSING, f"{cls.__name__}.{f.name}"


@pytest.mark.parametrize("cls", COMPONENTS, ids=IDS)
def test_defaults_are_presentation_only(cls):
    """An empty label, visible, None for "not drawn" or "the layout's default", a seed."""
    for f in dataclasses.fields(cls.State):
        assert f.default_factory is dataclasses.MISSING, f"{cls.__name__}.{f.name}"
        if f.default is dataclasses.MISSING:
            continue
        assert f.default in ("", None, True) or (f.name == "seed" and isinstance(f.default, int)), \
            f"{cls.__name__}.{f.name} = {f.default!r}"


@pytest.mark.parametrize("name, fields", [
    ("NeedleReach", ("needle_um", "needle_width_um", "tip_um", "span_um", "view_um", "spread")),
    ("WoundResponse", ("channel_um", "channel_width_um", "span_um", "view_um", "top_um")),
    ("NeedleChannels", ("width_um", "span_um", "view_um", "headroom_um")),
])
def test_the_facts_the_review_named_have_no_default(name, fields):
    cls = getattr(skinlab.draw, name, None) or next(c for c in COMPONENTS if c.__name__ == name)
    required = {f.name for f in _required(cls)}
    assert set(fields) <= required


def test_a_state_is_taken_as_a_state_or_as_a_mapping_and_compares_by_value():
    from skinlab.draw import DepthMarker, SurfaceView

    fig = Figure()
    FigureCanvasAgg(fig)
    marker = DepthMarker(fig.add_subplot())
    given = {"depth_um": 120.0, "view_um": 1000.0}
    state = DepthMarker.state(given)
    assert isinstance(state, DepthMarker.State) and DepthMarker.state(state) is state
    assert state == DepthMarker.State(120.0, 1000.0) and not state != DepthMarker.state(given)
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.depth_um = 5.0
    marker.update(state)
    assert marker.text.get_text() == "probe 120 µm"
    marker.update({**given, "label": "deepest"})
    assert marker.text.get_text() == "deepest"
    with pytest.raises(TypeError, match="DepthMarker: a state is a DepthMarker.State"):
        marker.update([120.0, 1000.0])
    with pytest.raises(TypeError, match="DepthMarker: a state is a DepthMarker.State"):
        marker.update(SurfaceView.State(channels=0))
    with pytest.raises(TypeError, match="'depth_um' holds a numpy array"):
        DepthMarker.state({"depth_um": np.array([1.0]), "view_um": 1000.0})
    # channels to draw need their size
    with pytest.raises(TypeError, match="SurfaceView: state field 'diameter_um'"):
        SurfaceView.state({"channels": 250})


def test_a_component_without_a_frozen_state_is_refused():
    with pytest.raises(TypeError, match="frozen"):
        class Loose(Component):
            def apply(self, state) -> None:
                pass

    with pytest.raises(TypeError, match="frozen"):
        class Thawed(Component):
            @dataclasses.dataclass
            class State:
                x: float


# -- the closure chart's ticks ---------------------------------------------------------------

@pytest.mark.parametrize("max_hours", [12, 48, 72, 96, 168])
def test_closure_chart_ticks_follow_its_axis(max_hours):
    from skinlab.draw import ClosureChart

    fig = Figure()
    ax = fig.add_subplot()
    chart = ClosureChart(ax, max_hours=max_hours)
    ticks = list(ax.get_xticks())
    assert ticks == list(chart.ticks)
    assert ticks == sorted(set(ticks))  # increasing
    assert ticks[0] == 0 and all(0 <= t <= max_hours for t in ticks)
    assert ticks[-1] >= max_hours / 2
    assert ax.get_xlim() == (0, max_hours)
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"{t:g}" for t in ticks]


def test_closure_chart_ticks_are_those_of_before_on_96_hours():
    from skinlab.draw.needles import closure_ticks

    assert closure_ticks(96) == (0, 1, 2, 4, 8, 12, 24, 48, 96)
    assert closure_ticks(12) == (0, 1, 2, 4, 8, 12)
    assert closure_ticks(72)[-2:] == (48, 72)
    assert closure_ticks(168)[-2:] == (96, 168)
    with pytest.raises(ValueError):
        closure_ticks(0)


# -- through the explorer base ---------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_the_same_state_redraws_nothing(name):
    exp = EXPLORERS[name]()
    first = exp.render()
    assert exp.changed_parts(exp.state) == []
    # a wired dict equals the State drawn from it
    for part, given in exp.wire(exp.state).items():
        assert type(exp.parts[part]).state(given) == exp._drawn[part]
    drawn = []
    for part, comp in exp.parts.items():
        comp.apply = (lambda f, n: lambda state: (drawn.append(n), f(state)))(comp.apply, part)
    assert exp.render() == first
    assert drawn == []


def test_a_misspelled_key_in_wire_fails_at_once_naming_it():
    from skinlab.explore import LayerExplorer

    class Misspelled(LayerExplorer):
        def wire(self, state: dict) -> dict:
            out = super().wire(state)
            probe = out["probe"]
            out["probe"] = {"depht_um": probe["depth_um"], "view_um": probe["view_um"]}
            return out

    exp = Misspelled()
    with pytest.raises(TypeError, match="DepthMarker: unknown state field 'depht_um'"):
        exp.render()
    with pytest.raises(TypeError, match="DepthMarker: unknown state field 'depht_um'"):
        exp.changed_parts(exp.state)
