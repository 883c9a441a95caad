"""The learner's own copies of the course, made by ``make lab`` and never overwritten.

``sync(course, target)`` copies ``notebooks/*.ipynb`` and the learner versions of the exercises
(``exercises/student/*.ipynb``) into ``target`` (``my-work/`` by default). A file already there is
never touched. When the course's version of a file has changed since it was last copied, the new
version is saved beside the learner's copy, named ``<name> (course update <id>).ipynb``, and the
learner is told. A small manifest in the target (``.skinlab-course.json``) remembers which version
of each file was delivered.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".skinlab-course.json"


@dataclass
class SyncReport:
    copied: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    updates: list[tuple[str, str]] = field(default_factory=list)  # (learner's file, new copy)
    warnings: list[str] = field(default_factory=list)

    def lines(self, target: Path) -> list[str]:
        out = []
        if self.copied:
            out.append(f"Copied {len(self.copied)} course file(s) into your work folder.")
        for mine, new in self.updates:
            out.append(f"The course's {mine} is newer than your copy. Your copy is untouched; "
                       f"the new version is saved beside it as {new}.")
        out.extend(self.warnings)
        out.append(f"Your work is kept in {target.resolve()} (git-ignored; make lab never "
                   f"overwrites a file there).")
        return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def language_info() -> dict:
    """What this Python's kernel reports about itself (JupyterLab writes it into a notebook on
    opening it: a copy that already says so is not modified by opening)."""
    from ipykernel.ipkernel import IPythonKernel
    return dict(IPythonKernel.language_info)


def delivered(src: Path) -> bytes:
    """The learner's copy of a course file: a notebook says which Python runs it; the rest is
    the course's file as it is."""
    data = src.read_bytes()
    if src.suffix != ".ipynb":
        return data
    try:
        nb = json.loads(data)
    except ValueError:
        return data
    info = language_info()
    if not isinstance(nb, dict) or nb.get("metadata", {}).get("language_info") == info:
        return data
    nb.setdefault("metadata", {})["language_info"] = info
    return (json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def course_files(course: Path) -> list[tuple[Path, str]]:
    """(source file, path relative to the target) for everything a learner gets."""
    course = Path(course)
    files = [(p, p.name) for p in sorted((course / "notebooks").glob("*.ipynb"))]
    files += [(p, f"exercises/{p.name}")
              for p in sorted((course / "exercises" / "student").glob("*.ipynb"))]
    return files


def _read_manifest(target: Path, report: SyncReport) -> dict[str, str]:
    path = target / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and all(isinstance(v, str) for v in data.values()):
            return data
        raise ValueError("not a mapping of file names to versions")
    except (OSError, ValueError) as exc:
        report.warnings.append(f"The record of delivered course versions ({MANIFEST}) could "
                               f"not be read ({exc}); starting a new one. Your files are safe.")
        return {}


def sync(course: str | Path, target: str | Path) -> SyncReport:
    """Copy the course into ``target`` without overwriting anything already there."""
    course, target = Path(course), Path(target)
    report = SyncReport()
    target.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(target, report)
    for src, rel in course_files(course):
        dest = target / rel
        new = _digest(src)
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(delivered(src))
            manifest[rel] = new
            report.copied.append(rel)
            continue
        if manifest.get(rel) == new:
            report.kept.append(rel)
            continue
        if _digest(dest) in (new, hashlib.sha256(delivered(src)).hexdigest()):
            # same content, e.g. a manifest lost
            manifest[rel] = new
            report.kept.append(rel)
            continue
        beside = dest.with_name(f"{dest.stem} (course update {new[:8]}){dest.suffix}")
        if not beside.exists():
            beside.write_bytes(delivered(src))
            report.updates.append((rel, str(beside.relative_to(target))))
        report.kept.append(rel)
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")
    return report


def write_lab_settings(prefix: str | Path) -> Path:
    """Turn off JupyterLab's news and update pop-ups for this environment (no network), and lay
    out every cell of a notebook (links within a notebook land where they point)."""
    path = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    settings = {}
    if path.exists():
        try:
            settings = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            settings = {}
    settings["@jupyterlab/apputils-extension:notification"] = {
        "fetchNews": "false", "checkForUpdates": False}
    # every cell laid out for real (JupyterLab's default skips off-screen cells and guesses
    # their height): a link to the notebook's glossary then lands on the glossary
    settings.setdefault("@jupyterlab/notebook-extension:tracker", {})["windowingMode"] = "none"
    path.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    return path
