"""A learner on ``make hub`` without a browser (urllib and a cookie jar): log in through the form,
follow the course's nbgitpuller link as a browser would (the spawn and pending pages included),
pull the course, and call the learner's server's REST API. tests/test_hub.py and
``make classroom-bench`` use it."""

from __future__ import annotations

import html
import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


class HubError(RuntimeError):
    """A step of the learner's walk failed (the message names the step and the page)."""


@dataclass
class Page:
    status: int
    url: str
    body: bytes

    @property
    def path(self) -> str:
        return urllib.parse.urlsplit(self.url).path

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Learner:
    """One learner's session with the hub at ``base`` (e.g. ``http://127.0.0.1:8000/``)."""

    def __init__(self, base: str, name: str, timeout: float = 30.0):
        self.base = base.rstrip("/") + "/"
        self.name = name
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.server = f"{self.base}user/{urllib.parse.quote(name)}/"

    # -- HTTP ------------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return path if "://" in path else urllib.parse.urljoin(self.base, path.lstrip("/"))

    def request(self, path: str, data: bytes | None = None, method: str | None = None,
                headers: dict | None = None, timeout: float | None = None) -> Page:
        req = urllib.request.Request(self.url(path), data=data, method=method,
                                     headers=headers or {})
        try:
            with self.opener.open(req, timeout=timeout or self.timeout) as r:
                return Page(r.status, r.url, r.read())
        except urllib.error.HTTPError as e:
            return Page(e.code, e.url or req.full_url, e.read())

    def cookie(self, name: str, path_prefix: str = "") -> str | None:
        found = [c for c in self.jar if c.name == name and c.path.startswith(path_prefix)]
        found.sort(key=lambda c: len(c.path), reverse=True)
        return found[0].value if found else None

    # -- the hub -----------------------------------------------------------------------------
    def login(self, page: Page | None = None, password: str = "") -> Page:
        """Log in through the hub's form (its _xsrf token included): the login page given (one
        a link was redirected to, carrying ``?next=``), or the hub's own."""
        if page is None:
            page = self.request("hub/login")
        match = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text())
        xsrf = html.unescape(match.group(1)) if match else self.cookie("_xsrf")
        if page.status != 200 or not xsrf:
            raise HubError(f"login page: HTTP {page.status} at {page.url}, no _xsrf token")
        form = urllib.parse.urlencode({"username": self.name, "password": password,
                                       "_xsrf": xsrf}).encode()
        after = self.request(page.url, data=form)
        if after.status >= 400 or after.path.endswith("/hub/login"):
            raise HubError(f"login as {self.name!r} refused: HTTP {after.status} at {after.url}")
        return after

    def follow(self, link: str, timeout: float = 300.0) -> Page:
        """Open a link as a browser would until a page of the learner's own server answers: the
        login form is filled in if the hub asks, a server that is not running is started (the
        not-running page's launch link) and the pending page polled."""
        deadline = time.monotonic() + timeout
        page = self.request(link)
        while True:
            if page.status == 200 and page.path.endswith("/hub/login"):
                page = self.login(page)
                continue
            if page.status == 200 and page.path.startswith(urllib.parse.urlsplit(
                    self.server).path):
                return page
            if time.monotonic() > deadline:
                raise HubError(f"{link}: no answer from {self.name}'s server after {timeout:.0f}"
                               f" s (last: HTTP {page.status} at {page.url})")
            if page.status == 424:  # not running: the launch link (implicit spawn)
                match = re.search(r'id="start"[^>]*href="([^"]+)"', page.text(), re.S)
                if not match:
                    raise HubError(f"{page.url}: a not-running page without a launch link")
                page = self.request(html.unescape(match.group(1)))
                continue
            if "/hub/spawn-pending/" in page.path or "/hub/spawn/" in page.path:
                if page.status >= 400:
                    raise HubError(f"spawning {self.name}'s server failed: HTTP {page.status} at "
                                   f"{page.url}: {_gist(page.text())}")
                time.sleep(0.5)
                page = self.request(page.url)
                continue
            raise HubError(f"{link}: HTTP {page.status} at {page.url}: {_gist(page.text())}")

    # -- the learner's server ----------------------------------------------------------------
    def pull(self, link: str, timeout: float = 300.0) -> list[dict]:
        """Follow the course's nbgitpuller link, then pull as its page's script does."""
        return self.sync(self.follow(link, timeout=timeout), timeout=timeout)

    def sync(self, page: Page, timeout: float = 300.0) -> list[dict]:
        """On nbgitpuller's page (where the course's link leads), do what its script does:
        stream the pull (``git-pull/api``, same parameters) until it finishes. Returns
        nbgitpuller's events."""
        if not page.path.endswith("/git-pull"):
            raise HubError(f"the link led to {page.url}, not nbgitpuller's page")
        query = urllib.parse.urlsplit(page.url).query
        api = self.request(f"{self.server}git-pull/api?{query}", timeout=timeout)
        events = [json.loads(line[5:]) for line in api.text().splitlines()
                  if line.startswith("data:")]
        if api.status != 200 or not events or events[-1].get("phase") != "finished":
            last = events[-1] if events else {}
            raise HubError(f"nbgitpuller did not finish: HTTP {api.status}, "
                           f"{last.get('message') or last.get('output') or api.text()[:300]}")
        return events

    def xsrf(self) -> str:
        """The learner's server's _xsrf cookie (set by any page of the server)."""
        prefix = urllib.parse.urlsplit(self.server).path
        token = self.cookie("_xsrf", prefix)
        if token is None:
            self.request(f"{self.server}lab")
            token = self.cookie("_xsrf", prefix)
        if token is None:
            raise HubError(f"{self.name}'s server set no _xsrf cookie")
        return token

    def api(self, method: str, path: str, body: dict | None = None,
            timeout: float | None = None) -> dict | list:
        """A call to the learner's server's REST API (``path`` relative to ``/user/<name>/``)."""
        headers = {"Accept": "application/json"}
        data = None
        if method != "GET":
            headers["X-XSRFToken"] = self.xsrf()
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        page = self.request(f"{self.server}{path.lstrip('/')}", data=data, method=method,
                            headers=headers, timeout=timeout)
        if page.status >= 400:
            raise HubError(f"{method} {path}: HTTP {page.status}: {_gist(page.text())}")
        return json.loads(page.body) if page.body else {}

    def cookie_header(self) -> str:
        """The cookies for the learner's server, as a Cookie header (for a websocket)."""
        prefix = urllib.parse.urlsplit(self.server).path
        return "; ".join(f"{c.name}={c.value}" for c in self.jar
                         if prefix.startswith(c.path) or c.path.startswith(prefix)
                         or c.path == "/")


def _gist(text: str, limit: int = 300) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text).strip()[:limit]
