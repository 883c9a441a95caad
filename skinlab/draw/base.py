"""What every drawing component is: it owns its artists, draws a typed state, and says whether it
is an overlay.

An explorer makes its components once, on one figure, and on every change hands each component
its own state. Each component declares that state as a nested frozen dataclass, ``State``: every
number that is a fact or sets the geometry (a depth, a width, a span, the view, a curve's values)
is a required field; only presentation has a default (an empty label, ``visible=True``, ``None``
for "not drawn", a seed). A state may be handed in as a ``State`` or as a mapping of its fields
(what an explorer's ``wire()`` returns): :meth:`Component.state` turns a mapping into the
``State`` and refuses an unknown or a missing field with a :class:`TypeError` that names the
component, the field and the fields it takes, so a misspelled key fails at once instead of
silently drawing a default.

The explorer base compares those states with the ones last drawn: components whose state did not
change are left alone; when only *overlay* components changed, the figure is restored from a
cached background and only their artists are drawn on top (blitting); otherwise the whole figure
is drawn and the background cached again. So two overlays can share one cross-section, and an
explorer never needs to know which artists move. (States are compared with ``!=``: a field holds
plain values and tuples, never a numpy array, whose comparison has no single truth value.)

A drawing never decides a fact: it is handed numbers from the models and draws them.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np


class Component:
    """Base class: a piece of a figure, with ``update(state)`` and ``artists()``.

    A subclass declares ``State`` (a frozen dataclass of what it draws) and ``apply(state)``
    (draws a ``State``); ``update`` takes a ``State`` or a mapping of its fields.

    ``overlay = True``: the component is drawn over a cached picture of the rest, so changing its
    state alone redraws only its own artists.
    """

    overlay: bool = False
    State: ClassVar[type]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        st = getattr(cls, "State", None)
        params = getattr(st, "__dataclass_params__", None)
        if params is None or not params.frozen:
            raise TypeError(f"{cls.__name__}: a drawing component declares its state as a "
                            f"nested @dataclass(frozen=True) class State")

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        """The names of the state's fields, in order."""
        return tuple(f.name for f in dataclasses.fields(cls.State))

    @classmethod
    def required(cls) -> tuple[str, ...]:
        """The fields a state must give (those without a default)."""
        return tuple(f.name for f in dataclasses.fields(cls.State)
                     if f.default is dataclasses.MISSING
                     and f.default_factory is dataclasses.MISSING)

    @classmethod
    def state(cls, state: Any) -> Any:
        """``state`` as this component's ``State``: a ``State`` is returned as it is, a mapping
        of its fields is turned into one. Raises :class:`TypeError` naming the component, the
        unknown or missing field(s) and the fields it takes."""
        name = cls.__name__
        if isinstance(state, cls.State):
            out = state
        elif isinstance(state, Mapping):
            known = cls.fields()
            unknown = [k for k in state if k not in known]
            if unknown:
                hints = [difflib.get_close_matches(str(k), known, n=1) for k in unknown]
                said = ", ".join(f"{k!r}" + (f" (did you mean {h[0]!r}?)" if h else "")
                                 for k, h in zip(unknown, hints))
                raise TypeError(f"{name}: unknown state field{'s' if len(unknown) > 1 else ''} "
                                f"{said}; {cls._takes()}")
            missing = [k for k in cls.required() if k not in state]
            if missing:
                said = ", ".join(repr(k) for k in missing)
                raise TypeError(f"{name}: missing state field{'s' if len(missing) > 1 else ''} "
                                f"{said}; {cls._takes()}")
            out = cls.State(**state)
        else:
            raise TypeError(f"{name}: a state is a {name}.State or a mapping of its fields, "
                            f"not {type(state).__name__}; {cls._takes()}")
        for f in dataclasses.fields(out):
            if isinstance(getattr(out, f.name), np.ndarray):
                raise TypeError(f"{name}: state field {f.name!r} holds a numpy array; give a "
                                f"tuple (states are compared with !=)")
        return out

    @classmethod
    def _takes(cls) -> str:
        required = set(cls.required())
        shown = ", ".join(n if n in required else f"{n} (optional)" for n in cls.fields())
        return f"its fields are {shown or 'none'}"

    def update(self, state: Any) -> None:
        """Draw a state: a ``State`` or a mapping of its fields (checked by :meth:`state`)."""
        self.apply(self.state(state))

    def apply(self, state: Any) -> None:  # pragma: no cover - abstract
        """Draw a ``State`` (each subclass's own drawing)."""
        raise NotImplementedError

    def artists(self) -> list:
        """Every artist the component owns (the base animates an overlay's when blitting)."""
        return []
