"""The book's publishing workflow, the nightly link check and ``skinlab.tools.links``.

Both workflows need the network and GitHub, so they are only read here, never run. The link
checker is tried against a web server on 127.0.0.1 started by the test; a guard fails any test
that would connect anywhere else.
"""

from __future__ import annotations

import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit

import pytest
import yaml

from skinlab.data import cite_link, dataset
from skinlab.tools import cli, links

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PROXIES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


# -- the workflows ------------------------------------------------------------------------------
def _workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _triggers(workflow: dict) -> dict:
    """The ``on:`` mapping (YAML 1.1 reads the bare key ``on`` as True)."""
    return workflow.get("on", workflow.get(True)) or {}


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _runs(workflow: dict) -> list[str]:
    return [step["run"] for step in _steps(workflow) if "run" in step]


def _uses(workflow: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in _steps(workflow) if "uses" in step]


def test_the_book_workflow_builds_with_make_book_and_deploys_to_pages():
    book = _workflow("book.yml")
    assert any(re.search(r"(?m)^\s*make book\s*$", run) for run in _runs(book))
    assert any(re.search(r"(?m)^\s*make handouts\s*$", run) for run in _runs(book))
    uses = _uses(book)
    for action in ("actions/checkout", "actions/setup-python", "actions/configure-pages",
                   "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses, action
    upload = next(s for s in _steps(book) if s.get("uses", "").startswith(
        "actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/book"
    assert "main" in _triggers(book)["push"]["branches"]
    assert "workflow_dispatch" in _triggers(book)
    assert book["permissions"]["pages"] == "write"
    assert book["permissions"]["id-token"] == "write"
    assert book["permissions"]["contents"] == "read"
    assert book["concurrency"]["group"] == "pages"
    deploy = book["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]
    # The runners may refuse network namespaces: the build must be allowed without one.
    build = book["jobs"]["build"]
    assert str(build["env"]["SKINLAB_ALLOW_NO_NETNS"]) == "1"
    # The handouts are copied into the site after they are printed, before the upload.
    order = [s.get("run", s.get("uses", "")) for s in build["steps"]]
    copy = next(i for i, s in enumerate(order) if "_build/book/handouts" in s)
    assert order.index("make handouts") < copy < next(
        i for i, s in enumerate(order) if s.startswith("actions/upload-pages-artifact"))


def test_the_links_workflow_runs_make_check_links_nightly():
    nightly = _workflow("links.yml")
    triggers = _triggers(nightly)
    assert triggers["schedule"] and all("cron" in entry for entry in triggers["schedule"])
    assert "workflow_dispatch" in triggers
    assert any(re.search(r"(?m)^\s*make check-links\s*$", run) for run in _runs(nightly))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"(?m)^check-links:.*\n\t.*-m skinlab check-links", makefile)


def test_the_cli_has_check_links():
    with pytest.raises(SystemExit) as exit_:
        cli.main(["check-links", "--help"])
    assert exit_.value.code == 0


# -- the addresses ------------------------------------------------------------------------------
def test_every_reference_with_an_identifier_has_its_linked_address():
    refs = dataset().references
    found = links.addresses()
    with_identifier = {k for k, ref in refs.items() if any(ref.get(f) for f in ("doi", "pmid",
                                                                                "url"))}
    assert with_identifier and set(found) == with_identifier
    for key, href in found.items():
        assert href == cite_link(key)[1], key  # exactly the address the course links
        parts = urlsplit(href)
        assert parts.scheme in ("http", "https") and parts.hostname, (key, href)
        ref = refs[key]
        if ref.get("doi") or ref.get("pmid") or str(ref["url"]).startswith("https:"):
            assert parts.scheme == "https", (key, href)
        else:  # a plain-http page, linked as its reference gives it
            assert href == ref["url"], key


def test_address_prefers_doi_then_pmid_then_url():
    assert links.address({"doi": "10.1/x", "pmid": 1, "url": "https://e.org"}) == \
        "https://doi.org/10.1/x"
    assert links.address({"pmid": 12, "url": "https://e.org"}) == \
        "https://pubmed.ncbi.nlm.nih.gov/12/"
    assert links.address({"url": "https://e.org/p"}) == "https://e.org/p"
    assert links.address({}) is None


# -- the checker, against a local server --------------------------------------------------------
@pytest.fixture(autouse=True)
def no_outside_network(monkeypatch):
    """Fail any connection to anywhere but this machine, and bypass any proxy."""
    for name in PROXIES:
        monkeypatch.delenv(name, raising=False)
    real = socket.create_connection

    def local_only(address, *args, **kwargs):
        assert address[0] in ("127.0.0.1", "localhost"), f"a test tried to reach {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", local_only)


class Handler(BaseHTTPRequestHandler):
    """/ok 200; /missing 404; /no-head 405 to HEAD, 200 to GET; /forbidden-head 403 to HEAD,
    200 to GET; /moved 302 to /ok; /moved-missing 301 to /missing."""

    def _answer(self, head: bool) -> None:
        path = self.path.split("?")[0]
        if path == "/moved":
            return self._send(302, location="/ok")
        if path == "/moved-missing":
            return self._send(301, location="/missing")
        if path == "/ok":
            return self._send(200)
        if path == "/no-head":
            return self._send(405 if head else 200)
        if path == "/forbidden-head":
            return self._send(403 if head else 200)
        return self._send(404)

    def _send(self, code: int, location: str = "") -> None:
        # Noted before answering, so the client cannot have moved on before it is noted.
        self.server.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        body = b"<!doctype html><title>test</title>"
        self.send_response(code)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    """A web server on 127.0.0.1 in a thread; yields its base address and the requests seen."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", httpd.seen
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_check_passes_what_resolves_and_reports_what_does_not(server):
    base, seen = server
    port = _closed_port()
    to_check = {"fine": f"{base}/ok", "gone": f"{base}/missing", "nohead": f"{base}/no-head",
                "refused_head": f"{base}/forbidden-head", "moved": f"{base}/moved",
                "moved_gone": f"{base}/moved-missing", "down": f"http://127.0.0.1:{port}/x"}
    problems = links.check(to_check, timeout=5, workers=4)
    by_key = {p.key: p for p in problems}
    assert list(by_key) == ["gone", "moved_gone", "down"]  # in the order asked
    assert by_key["gone"].status == 404 and by_key["gone"].address == f"{base}/missing"
    assert "404" in by_key["gone"].error and "404" in str(by_key["gone"])
    assert by_key["moved_gone"].status == 404 and f"{base}/missing" in by_key["moved_gone"].error
    assert by_key["down"].status is None and by_key["down"].error.strip()
    # HEAD first; GET only where HEAD failed; a browser-like User-Agent on every request.
    assert ("HEAD", "/ok") in {(m, p) for m, p, _ in seen}
    assert ("GET", "/ok") not in {(m, p) for m, p, _ in seen}
    assert ("GET", "/no-head") in {(m, p) for m, p, _ in seen}
    assert all(agent.startswith("Mozilla/5.0") for _, _, agent in seen)


def test_each_distinct_address_is_asked_once(server):
    base, seen = server
    problems = links.check({"a": f"{base}/missing", "b": f"{base}/missing"}, workers=2)
    assert [p.key for p in problems] == ["a", "b"]
    assert [m for m, p, _ in seen if p == "/missing"] == ["HEAD", "GET"]


def test_nothing_to_check_and_a_malformed_address():
    assert links.check({}) == []
    [problem] = links.check({"typo": "doi.org/10.1/x"})
    assert problem.key == "typo" and problem.status is None and "url" in problem.error


class RefusingPublisher:
    """An opener standing for doi.org redirecting to a publisher that refuses robots (403), or
    for doi.org itself answering 404 (a DOI that is not registered)."""

    def open(self, request, timeout=None):
        url = request.full_url
        if "10.1/registered" in url:
            raise HTTPError("https://publisher.example/article/1", 403, "Forbidden", {}, None)
        raise HTTPError(url, 404, "Not Found", {}, None)


def test_a_doi_redirected_to_a_publisher_that_refuses_robots_resolves():
    problems = links.check({"registered": "https://doi.org/10.1/registered",
                            "unknown": "https://doi.org/10.1/unknown"},
                           opener=RefusingPublisher())
    assert [(p.key, p.status) for p in problems] == [("unknown", 404)]


def test_main_prints_each_failing_key_and_returns_1(server, monkeypatch, capsys):
    base, _ = server
    monkeypatch.setattr(links, "addresses", lambda data=None: {
        "good_ref": f"{base}/ok", "broken_ref": f"{base}/missing"})
    assert links.main([]) == 1
    out = capsys.readouterr().out
    assert "broken_ref" in out and "good_ref" not in out
    assert "checked 2 addresses: 1 of 2 do not resolve" in out
    monkeypatch.setattr(links, "addresses", lambda data=None: {"good_ref": f"{base}/ok"})
    assert links.main() == 0
    assert "checked 1 address: all resolve" in capsys.readouterr().out


def test_the_cli_runs_the_check(server, monkeypatch, capsys):
    base, _ = server
    monkeypatch.setattr(links, "addresses", lambda data=None: {"broken_ref": f"{base}/missing"})
    assert cli.main(["check-links"]) == 1
    assert "broken_ref" in capsys.readouterr().out
