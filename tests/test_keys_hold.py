"""Keys that hold (issue 21): every quiz key computed from a model must survive the data's ranges.

For every question whose key comes from a model (``check:`` or ``answer:`` with ``{model: NAME,
...}``, as :mod:`skinlab.quiz` validates them), the test

1. records the data values the model reads (:func:`skinlab.data.recording`);
2. re-evaluates the model with each of those values moved to its low end, then to its high end,
   one at a time (:func:`skinlab.data.perturbed`; the ends are :func:`skinlab.data.ends`: the
   value's range, or ±50% for an assumption or a placeholder whose range is a single point);
3. then at joint corners of the inputs that changed the result in step 2: every combination of
   low and high ends when there are at most 8 of them; otherwise all-low, all-high and 64
   corners drawn with a random generator seeded from the question's id (the same every run).

A categorical key (single, true/false, ordering) must not change; a numeric key must stay within
the question's tolerance. A model that raises at an end fails too. On failure the message names
the question, what its key became and which input(s) at which end made it so.

Also here: tests that the perturbation helper itself works (a value moved to its end changes a
model result; caches are emptied, and the original result comes back afterwards).
"""

from __future__ import annotations

import itertools
import math
import random
import zlib

import pytest

from skinlab import anatomy, data, diffusion
from skinlab.data import DataError, dataset, ends, perturbed, recording
from skinlab.quiz import QUIZ_DIR, Quiz, banks
from skinlab.quiz.keys import MODELS, model_value

pytestmark = pytest.mark.keys_hold

MAX_ALL_CORNERS = 8  # inputs that change the result; above this, a seeded sample of corners
SAMPLED_CORNERS = 64


def _keyed() -> list[tuple[str, dict, str]]:
    """(bank, raw question, 'check' or 'answer') for every question keyed by a model."""
    out = []
    for bank in banks():
        raw = data.load_yaml((QUIZ_DIR / f"{bank}.yaml").read_text(encoding="utf-8")) or {}
        for q in raw.get("questions") or []:
            for field in ("check", "answer"):
                spec = q.get(field)
                if isinstance(spec, dict) and "model" in spec:
                    out.append((bank, q, field))
    return out


KEYED = _keyed()


class Key:
    """What a question's key is, and whether a model result keeps it."""

    def __init__(self, bank: str, q: dict, field: str):
        self.bank, self.q, self.spec = bank, q, q[field]
        self.kind = q["kind"]
        question = next(x for x in Quiz.from_bank(bank).questions if x.id == q["id"])
        if self.kind == "numeric":
            self.answer = question.answer
            self.tolerance = question.tolerance
            self.key = self.answer
        elif self.kind == "single":
            self.key = next(o.get("value") for o in q["options"] if o.get("correct") is True)
        elif self.kind == "truefalse":
            self.key = q["answer"]
        elif self.kind == "ordering":
            self.key = [i["id"] for i in q["items"]]
        else:  # pragma: no cover - quiz.py ties models only to these kinds
            raise AssertionError(f"{bank}:{q['id']}: a model key on a {self.kind} question")

    def evaluate(self):
        return model_value(self.spec)

    def holds(self, result) -> bool:
        if self.kind == "numeric":
            return (isinstance(result, (int, float)) and math.isfinite(result)
                    and abs(result - self.answer) <= self.tolerance + 1e-12 * abs(self.answer))
        if self.kind == "ordering":
            return list(result) == self.key
        return result == self.key

    def shown(self) -> str:
        if self.kind == "numeric":
            return f"{self.answer:.4g} ± {self.tolerance:.3g}"
        return repr(self.key)


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-15)
    return a == b


def _at(key: Key, changes: dict[str, str]):
    """The model's result with the inputs moved to the given ends, or the exception raised."""
    try:
        with perturbed(changes):
            return key.evaluate()
    except Exception as exc:  # noqa: BLE001 - a model that fails at an end is a failure
        return exc


def _describe(changes: dict[str, str]) -> str:
    parts = []
    for where, end in sorted(changes.items()):
        lo, hi = ends(where)
        parts.append(f"{where} at its {end} end ({lo if end == 'low' else hi:g})")
    return "; ".join(parts)


def _corners(qid: str, inputs: list[str]):
    """The joint corners to try, as dicts input -> 'low'/'high'."""
    if len(inputs) <= MAX_ALL_CORNERS:
        for combo in itertools.product(("low", "high"), repeat=len(inputs)):
            yield dict(zip(inputs, combo))
        return
    yield {w: "low" for w in inputs}
    yield {w: "high" for w in inputs}
    rng = random.Random(zlib.crc32(qid.encode("utf-8")))
    for _ in range(SAMPLED_CORNERS):
        yield {w: rng.choice(("low", "high")) for w in inputs}


@pytest.mark.parametrize("bank,q,field", KEYED,
                         ids=[f"{b}:{q['id']}" for b, q, _ in KEYED])
def test_key_holds_at_the_ends_of_its_inputs(bank, q, field):
    key = Key(bank, q, field)
    qid = f"{bank}:{q['id']}"
    with recording() as read:
        base = key.evaluate()
    assert key.holds(base), f"{qid}: the key {key.shown()} does not match the model ({base!r})"
    inputs = sorted(w for w in read if ends(w)[0] != ends(w)[1])
    failures, moving = [], []
    for where in inputs:
        changed = False
        for end in ("low", "high"):
            result = _at(key, {where: end})
            if isinstance(result, Exception) or not key.holds(result):
                failures.append(f"{qid}: key {key.shown()} becomes {result!r} with "
                                f"{_describe({where: end})}")
            if isinstance(result, Exception) or not _same(result, base):
                changed = True
        if changed:
            moving.append(where)
    if not failures and len(moving) > 1:
        for corner in _corners(qid, moving):
            result = _at(key, corner)
            if isinstance(result, Exception) or not key.holds(result):
                failures.append(f"{qid}: key {key.shown()} becomes {result!r} at the corner "
                                f"{_describe(corner)}")
                if len(failures) >= 5:
                    break
    assert not failures, (f"{len(failures)} way(s) the key of {qid} ({q['kind']}, model "
                          f"{key.spec['model']}) does not hold:\n" + "\n".join(failures))


def test_every_model_keyed_kind_is_checked():
    """The collection is not empty and covers the kinds quiz.py ties to models."""
    kinds = {q["kind"] for _, q, _ in KEYED}
    assert len(KEYED) >= 30
    assert {"single", "truefalse", "numeric", "ordering"} <= kinds
    assert all(q.get(f, {}).get("model") in MODELS for _, q, f in KEYED)


# -- the perturbation helper -----------------------------------------------------------------
PALM_SC = "layers.yaml: sites.palm.stratum_corneum"
CHEEK_SC = "layers.yaml: sites.cheek.stratum_corneum"
CHEEK_VE = "layers.yaml: sites.cheek.viable_epidermis"


def test_a_value_moved_to_an_end_changes_a_model_result_and_comes_back():
    before = MODELS["thickness_um"]("palm", "stratum_corneum")
    lo, hi = ends(PALM_SC)
    assert lo < before < hi
    with perturbed({PALM_SC: "high"}) as used:
        assert used == {PALM_SC: hi}
        assert MODELS["thickness_um"]("palm", "stratum_corneum") == pytest.approx(hi)
        # the range is kept (widened only if the new number lies outside it)
        file, path = PALM_SC.split(": ")
        v = dataset().value(file, *path.split("."))
        assert (v.value, v.low, v.high) == (hi, lo, hi)
    assert MODELS["thickness_um"]("palm", "stratum_corneum") == pytest.approx(before)
    with perturbed({PALM_SC: 100.0}):
        assert anatomy.layers_at("palm")[0].bottom_um == pytest.approx(100.0)


def test_cached_derived_numbers_follow_the_perturbation_and_are_restored():
    base = diffusion.skin_cm()  # an lru_cache holding the cheek's thicknesses
    assert diffusion.skin_cm.cache_info().currsize == 1
    lo, _ = ends(CHEEK_VE)
    with perturbed({CHEEK_VE: "low"}):
        inside = diffusion.skin_cm()
        assert inside[1] == pytest.approx(lo / 1e4)
        assert inside != base
    assert diffusion.skin_cm.cache_info().currsize == 0  # emptied on the way out
    assert diffusion.skin_cm() == base
    # a model result computed through several caches changes too
    ratio = diffusion.delivered("caffeine").treated
    with perturbed({CHEEK_VE: "high"}):
        assert diffusion.delivered("caffeine").treated != pytest.approx(ratio, rel=1e-6)
    assert diffusion.delivered("caffeine").treated == pytest.approx(ratio, rel=1e-12)


def test_perturbations_nest_and_the_inner_one_wins():
    lo, hi = ends(CHEEK_SC)
    with perturbed({CHEEK_SC: "low"}):
        with perturbed({CHEEK_SC: "high"}):
            assert anatomy.layers_at("cheek")[0].thickness_um == pytest.approx(hi)
        assert anatomy.layers_at("cheek")[0].thickness_um == pytest.approx(lo)


def test_ends_widen_a_point_assumption_by_half():
    points = [w for w, v in dataset().values.items()
              if v.status in ("assumption", "placeholder") and v.low == v.high and v.value > 0
              and v.unit != "fraction"]
    assert points, "expected at least one assumed point value in the data"
    v = dataset().values[points[0]]
    assert ends(points[0]) == pytest.approx((0.5 * v.value, 1.5 * v.value))
    measured = [w for w, v in dataset().values.items()
                if v.status == "measured" and v.low == v.high]
    assert measured and ends(measured[0])[0] == ends(measured[0])[1]
    for w, v in dataset().values.items():
        lo, hi = ends(w)
        assert lo <= v.value <= hi
        if v.unit == "fraction":
            assert hi <= 1.0


def test_perturbed_refuses_unknown_values_and_ends():
    with pytest.raises(DataError):
        with perturbed({"layers.yaml: sites.nowhere.dermis": "low"}):
            pass
    with pytest.raises(ValueError):
        with perturbed({PALM_SC: "middle"}):
            pass
    with pytest.raises(ValueError):
        with perturbed({PALM_SC: float("nan")}):
            pass
    assert MODELS["thickness_um"]("palm", "stratum_corneum") == pytest.approx(
        dataset().values[PALM_SC].value)


def test_recording_sees_the_values_a_model_reads_and_only_inside():
    with recording() as read:
        anatomy.layers_at("palm")
    assert PALM_SC in read
    assert CHEEK_SC not in read
    anatomy.layers_at("cheek")
    assert CHEEK_SC not in read  # read after the block: not recorded
    with recording() as outer:
        with recording() as inner:
            MODELS["thickness_um"]("cheek", "stratum_corneum")
    assert CHEEK_SC in inner and CHEEK_SC in outer
    assert CHEEK_SC in data.reads()  # the process-wide record goes on
