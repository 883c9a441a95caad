"""Re-executing a notebook is deterministic: widget ids named after the notebook and the model's
place, printed streams joined (skinlab.tools.execute)."""

from __future__ import annotations

import json
import uuid

import pytest

from skinlab.tools.execute import (WIDGET_STATE, WIDGET_VIEW, execute_all, merge_streams,
                                   stable_widget_ids)


def _notebook(seed: int) -> dict:
    """Two displayed boxes, each with a child and a shared layout, under random kernel ids."""
    rnd = uuid.UUID(int=seed * 7919 + 1).hex
    ids = [uuid.uuid5(uuid.NAMESPACE_OID, f"{rnd}{i}").hex for i in range(5)]
    box_a, box_b, child_a, child_b, layout = ids
    state = {
        layout: {"model_name": "LayoutModel", "state": {}},
        child_b: {"model_name": "HTMLModel", "state": {"value": "b",
                                                        "layout": f"IPY_MODEL_{layout}"}},
        box_a: {"model_name": "VBoxModel", "state": {"children": [f"IPY_MODEL_{child_a}"]}},
        child_a: {"model_name": "HTMLModel", "state": {"value": "a",
                                                        "layout": f"IPY_MODEL_{layout}"}},
        box_b: {"model_name": "VBoxModel", "state": {"children": [f"IPY_MODEL_{child_b}"]}},
    }
    cells = [{"cell_type": "code", "outputs": [{"data": {WIDGET_VIEW: {"model_id": m}}}]}
             for m in (box_a, box_b)]
    return {"cells": cells, "metadata": {"widgets": {WIDGET_STATE: {"state": state}}}}


def test_two_runs_with_different_kernel_ids_give_the_same_notebook():
    one, two = _notebook(1), _notebook(2)
    assert json.dumps(one, sort_keys=True) != json.dumps(two, sort_keys=True)
    a = stable_widget_ids(one, "03_microneedling")
    b = stable_widget_ids(two, "03_microneedling")
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    state = a["metadata"]["widgets"][WIDGET_STATE]["state"]
    assert len(state) == 5  # no model lost, every reference renamed with its model
    text = json.dumps(a)
    for ref in [r for s in state.values() for r in json.dumps(s).split('"') if "IPY_MODEL_" in r]:
        assert ref.removeprefix("IPY_MODEL_") in state
    # another notebook's models get other names (two notebooks never share an id)
    other = stable_widget_ids(_notebook(1), "04_healing")
    assert not set(state) & set(other["metadata"]["widgets"][WIDGET_STATE]["state"])
    assert "03_microneedling" not in text  # the name is hashed, not written out


def test_a_notebook_without_widgets_is_returned_unchanged():
    nb = {"cells": [{"cell_type": "markdown", "source": "a" * 32}], "metadata": {}}
    assert stable_widget_ids(nb, "x") == nb


def test_a_line_printed_in_two_messages_is_saved_as_one_output():
    outs = [{"output_type": "stream", "name": "stdout", "text": ["one\n", "two"]},
            {"output_type": "stream", "name": "stdout", "text": "\n"},
            {"output_type": "stream", "name": "stderr", "text": "warn\n"},
            {"output_type": "display_data", "data": {}},
            {"output_type": "stream", "name": "stdout", "text": "after\n"}]
    merged = merge_streams(outs)
    assert [o.get("name") for o in merged] == ["stdout", "stderr", None, "stdout"]
    assert merged[0]["text"] == "one\ntwo\n"


def test_execute_one_notebook_by_name_says_which_exist(tmp_path):
    (tmp_path / "01_a.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match=r"no notebook '02_b' in .* \(known: 01_a\)"):
        execute_all(tmp_path, "02_b")
