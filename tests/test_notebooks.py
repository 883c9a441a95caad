"""The committed notebooks: executed in order from a fresh kernel, no errors, the standard python3
kernel, no machine paths, widget state saved, and the disclaimer in each. (pytest's nbval run
compares their outputs.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MACHINE_PATH = re.compile(r"(/home/|/root/|/tmp/|/Users/|/work/|[A-Za-z]:\\\\|site-packages|"
                          + re.escape(str(ROOT)) + ")")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _code(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_there_are_notebooks_and_start_here_is_first():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_in_order_from_a_fresh_kernel(path):
    counts = [c["execution_count"] for c in _code(_load(path)) if "".join(c["source"]).strip()]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_error_output(path):
    for cell in _code(_load(path)):
        for out in cell["outputs"]:
            assert out["output_type"] != "error", out.get("evalue")
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), out["text"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_standard_python3_kernel(path):
    assert _load(path)["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_machine_path_anywhere(path):
    nb = _load(path)
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            text = json.dumps({k: v for k, v in out.get("data", {}).items()
                               if not k.startswith("image/")} | {"t": out.get("text", "")})
            assert not MACHINE_PATH.search(text), text[:200]
        assert not MACHINE_PATH.search("".join(cell["source"]))
    assert not MACHINE_PATH.search(json.dumps(nb["metadata"].get("kernelspec", {})))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_widgets_open_without_error_before_running(path):
    nb = _load(path)
    views = [o["data"][WIDGET_VIEW]["model_id"] for c in _code(nb) for o in c["outputs"]
             if WIDGET_VIEW in o.get("data", {})]
    if not views:
        return
    state = nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    for model_id in views:
        assert model_id in state, "widget output without saved state: 'Error displaying widget'"
    for cell in _code(nb):  # each widget output says in words what it is; explorers also
        for out in cell["outputs"]:  # carry their last figure as a plain PNG
            if WIDGET_VIEW in out.get("data", {}):
                text = "".join(out["data"]["text/plain"])
                assert "run this cell" in text.lower(), text
                assert not re.match(r"^[A-Z]\w*Box\(", text), text
                if "use the controls" in text:
                    assert "image/png" in out["data"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_says_education_not_medical_advice(path):
    text = " ".join("".join(c["source"]) for c in _load(path)["cells"]
                    if c["cell_type"] == "markdown")
    assert "not medical advice" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_markdown_images_have_alt_text(path):
    for cell in _load(path)["cells"]:
        if cell["cell_type"] == "markdown":
            src = "".join(cell["source"])
            assert not re.search(r"!\[\s*\]\(", src), "markdown image without alt text"
            for tag in re.findall(r"<img\b[^>]*>", src):
                assert re.search(r'alt="[^"]+"', tag), tag


@pytest.mark.kernel
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_notebook_run_again_changes_no_line_and_reads_what_is_recorded(path):
    """One fresh run of each notebook, shared by two checks: executed again, an unchanged
    notebook is byte for byte the committed file (widget ids named after the notebook, streams
    joined, no timestamps; ``make execute`` leaves git status clean), and the data values it
    read are those notebooks/data_reads.json records (the audit's per-notebook statuses)."""
    import nbformat

    from skinlab.tools.execute import READS_FILE, run_notebook

    recorded = json.loads((ROOT / "notebooks" / READS_FILE).read_text(encoding="utf-8"))
    assert set(recorded) == {p.name for p in NOTEBOOKS}
    nb, fresh = run_notebook(path)
    assert sorted(fresh) == recorded[path.name], (
        f"{path.name} reads other data values than notebooks/{READS_FILE} says: "
        f"run make execute NB={path.stem}")
    again = nbformat.writes(nb)
    committed = path.read_text(encoding="utf-8")
    if again.rstrip("\n") != committed.rstrip("\n"):
        import difflib
        diff = list(difflib.unified_diff(committed.splitlines(), again.splitlines(),
                                         "committed", "run again", lineterm="", n=1))
        pytest.fail(f"{path.name}: {len(diff)} diff lines on a fresh run (run make execute "
                    f"NB={path.stem} and commit; if it changes again, find what is not "
                    f"deterministic):\n" + "\n".join(d[:160] for d in diff[:40]))


def _sections_shown(nb: dict) -> dict[str, str]:
    """Each quiz section a notebook shows -> the '## ' heading it sits under."""
    head, out = None, {}
    for cell in nb["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            m = re.search(r"^##\s+(.+)$", text, re.M)
            if m:
                head = m.group(1).strip()
        else:
            for section in re.findall(r'\bquiz\.widget\("([^"]+)"\)', text):
                out[section] = head
    return out


def test_the_section_titles_the_final_assessment_points_to_are_the_notebooks_headings():
    from skinlab.data import dataset
    books = dataset().tree("notebooks.yaml")["notebooks"]
    ready = {k: v for k, v in books.items() if v.get("status") == "ready"}
    assert {b["file"] for b in ready.values()} == {p.name for p in NOTEBOOKS}  # every one
    for number, book in ready.items():
        shown = _sections_shown(_load(ROOT / "notebooks" / book["file"]))
        assert book.get("sections") == shown, number
