"""Command-line entry points: ``python -m skinlab <command>``.

- ``audit``                  print the course audit as JSON; exit 1 on any problem
- ``workspace --target DIR`` copy the course into the learner's folder (never overwriting)
- ``execute [FOLDER] [--only NAME]`` re-execute notebooks in place from a fresh kernel
  (``--only 03_microneedling``: one notebook)
- ``lab-settings``           turn off JupyterLab's network pop-ups in this environment
- ``student [FOLDER]``       write the learner versions of the exercises
- ``answer-keys [--out DIR]`` write each quiz bank's answer key for teachers (Markdown)
- ``figures [--out DIR]``    write the static figures (SVG, PNG) and their alt text (figures/)
- ``notebook-text [--check]`` regenerate the notebooks' shared text (objectives, time,
  disclaimer, references, course map, glossary) from skinlab data; ``--check`` only reports
- ``new-notebook NN slug [--title T]`` start notebook NN from a skeleton: the notebook, its
  starter quiz bank, its notebooks.yaml entry and two final-assessment questions, executed
  (never overwriting)
- ``book [--out DIR] [--only NN ...]`` build the course as a static website (``make book`` runs
  it with no network)
- ``handouts [--book DIR] [--out DIR]`` print each notebook page and the instructor's key to PDF
- ``check-links``            check that every reference's DOI or address resolves (the only
  command that reaches the network)
- ``hub start|stop``         a JupyterHub for a class on 127.0.0.1 (``make hub``, ``make hub-stop``)
- ``voila``                  the explorers as an app for a projector (``make voila``)
- ``class-report PATH... [--out DIR] [--names]`` a class's answers by question and objective, as
  class-report.md and class-report.html
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from skinlab.text import count

ROOT = Path(__file__).resolve().parents[2]


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skinlab", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("audit", help="print the course audit (JSON)")
    ws = sub.add_parser("workspace", help="copy the course into your work folder")
    ws.add_argument("--target", default="my-work")
    ex = sub.add_parser("execute", help="re-execute notebooks in place")
    ex.add_argument("folders", nargs="*", default=["notebooks"])
    ex.add_argument("--only", default=None, help="one notebook, e.g. 03_microneedling")
    sub.add_parser("lab-settings", help="turn off JupyterLab's news pop-up")
    ak = sub.add_parser("answer-keys", help="write every quiz bank's answer key (Markdown)")
    ak.add_argument("--out", default=str(ROOT / "_build" / "answer-keys"))
    fg = sub.add_parser("figures", help="write the static figures (SVG, PNG) and alt text")
    fg.add_argument("--out", default=str(ROOT / "figures"))
    nt = sub.add_parser("notebook-text", help="regenerate the notebooks' shared text")
    nt.add_argument("--check", action="store_true", help="report stale notebooks, change nothing")
    nt.add_argument("folder", nargs="?", default=str(ROOT / "notebooks"))
    st = sub.add_parser("student", help="write the learner versions of the exercises")
    st.add_argument("folder", nargs="?", default=str(ROOT / "exercises"))
    nn = sub.add_parser("new-notebook", help="start a notebook: skeleton, quiz bank, entry")
    nn.add_argument("number", help="two digits not yet used, such as 07")
    nn.add_argument("slug", help="lowercase letters, digits and underscores, such as wound_scar")
    nn.add_argument("--title", help="the notebook's title (default: from the slug)")
    bk = sub.add_parser("book", help="build the course as a static website (no network)")
    bk.add_argument("--out", default=str(ROOT / "_build" / "book"))
    bk.add_argument("--only", nargs="*", default=None, help="notebook numbers, such as 00 03")
    ho = sub.add_parser("handouts", help="print each notebook page and the instructor's key to PDF")
    ho.add_argument("--book", default=str(ROOT / "_build" / "book"))
    ho.add_argument("--out", default=str(ROOT / "_build" / "handouts"))
    sub.add_parser("check-links",
                   help="check that every reference's DOI or address resolves (needs the network)")
    hb = sub.add_parser("hub", help="a JupyterHub for a class on 127.0.0.1 (start or stop)")
    hb.add_argument("action", choices=("start", "stop"))
    sub.add_parser("voila", help="the explorers as an app for a projector (Voila, 127.0.0.1)")
    cr = sub.add_parser("class-report", help="a class's answers, by question and objective")
    cr.add_argument("paths", nargs="+", help="exported CSV files, progress files or folders")
    cr.add_argument("--out", default=".", help="the folder for class-report.md and .html")
    cr.add_argument("--names", action="store_true",
                    help="keep learners' names (default: anonymised)")
    args = parser.parse_args(argv)

    if args.command == "audit":
        from skinlab.tools import audit
        return audit.main(ROOT)
    if args.command == "workspace":
        from skinlab.tools import workspace
        target = Path(args.target)
        report = workspace.sync(ROOT, target)
        print("\n".join(report.lines(target)))
        return 0
    if args.command == "execute":
        from skinlab.tools.execute import execute_all
        try:
            for folder in args.folders:
                execute_all(folder, args.only)
        except ValueError as exc:
            print(f"execute: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.command == "answer-keys":
        from skinlab.quiz import Quiz, banks
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for name in banks():
            path = out / f"{name}.md"
            path.write_text(Quiz.from_bank(name).answer_key("markdown"), encoding="utf-8")
            print(f"wrote {_shown(path)}")
        return 0
    if args.command == "student":
        from skinlab.tools.student import write_all
        for path in write_all(args.folder):
            print(f"wrote {_shown(path)}")
        return 0
    if args.command == "figures":
        from skinlab.figures import write_all as write_figures
        for path in write_figures(args.out):
            print(f"wrote {_shown(path)}")
        return 0
    if args.command == "notebook-text":
        from skinlab.tools import notebooktext
        try:
            if args.check:
                stale = notebooktext.stale(args.folder)
                for name in stale:
                    print(f"{name}: generated text is out of date; run make notebook-text")
                return 1 if stale else 0
            changed = notebooktext.write(args.folder)
        except notebooktext.NotebookTextError as exc:
            print(f"notebook-text: {exc}", file=sys.stderr)
            return 1
        for path in changed:
            print(f"wrote {_shown(path)}")
        for number, time in notebooktext.times(args.folder).items():
            print(f"notebook {number}: core about {time.core:.1f} minutes "
                  f"({count(time.words, 'word')}, {count(time.questions, 'question')}, "
                  f"{count(time.predictions, 'prediction')}, "
                  f"{count(time.explorers, 'explorer')})")
        return 0
    if args.command == "new-notebook":
        from skinlab.tools.newnotebook import new_notebook
        try:
            created = new_notebook(ROOT, args.number, args.slug, args.title)
        except ValueError as exc:
            print(f"new-notebook: {exc}", file=sys.stderr)
            return 1
        print("\n".join(created.lines()))
        return 0
    if args.command == "book":
        from skinlab.tools import book
        try:
            built = book.build(ROOT, args.out, args.only)
        except book.BookError as exc:
            print(f"book: {exc}", file=sys.stderr)
            return 1
        print("\n".join(built.lines()))
        return 0
    if args.command == "handouts":
        from skinlab.tools import handouts
        try:
            for path in handouts.write_all(ROOT, args.book, args.out):
                print(f"wrote {_shown(path)}")
        except handouts.HandoutError as exc:
            print(f"handouts: {exc}", file=sys.stderr)
            return 1
        return 0
    if args.command == "check-links":
        from skinlab.tools import links
        return links.main()
    if args.command == "hub":
        from skinlab.tools import hub
        return hub.main(args.action)
    if args.command == "voila":
        from skinlab.tools import voila_app
        return voila_app.main()
    if args.command == "class-report":
        from skinlab.tools import classreport
        return classreport.main(args.paths, args.out, args.names)
    if args.command == "lab-settings":
        from skinlab.tools.workspace import write_lab_settings
        write_lab_settings(sys.prefix)
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
