"""Check that every reference's address resolves: ``python -m skinlab check-links``.

Each reference of ``skinlab/data/references.yaml`` is linked by the course at one address, made
exactly as :func:`skinlab.data.cite_link` makes it: its DOI (``https://doi.org/...``), else its
PubMed record (``https://pubmed.ncbi.nlm.nih.gov/<pmid>/``), else its ``url``. This command asks
each of those addresses once, HEAD first and GET when HEAD fails (many sites answer HEAD with
405 or 403), following redirects, with a browser-like User-Agent, several at a time, and prints
the ones that do not resolve.

This is the only skinlab code that reaches the network, and it does so only when this command is
run on purpose (``make check-links``, or the nightly ``links`` workflow of
``.github/workflows/links.yml``). Importing this module fetches nothing, and nothing else in the
course imports it: the course, its tests and ``make book`` run without the network.

Only the standard library is used (:mod:`urllib.request`).
"""

from __future__ import annotations

import argparse
import string
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPException
from http.cookiejar import CookieJar
from typing import Any, Mapping
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit
from urllib.request import (HTTPCookieProcessor, HTTPRedirectHandler, OpenerDirector, Request,
                            build_opener)

from skinlab.data import Dataset, dataset
from skinlab.text import count

TIMEOUT = 20.0  # seconds for one request
WORKERS = 8  # addresses asked at once
USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/124.0 Safari/537.36 (skinlab check-links)")
HEADERS = {"User-Agent": USER_AGENT,
           "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
           "Accept-Language": "en"}
DOI_HOSTS = ("doi.org", "dx.doi.org")
# A publisher's answers to a client it takes for a robot: after doi.org has redirected to the
# publisher, the DOI itself has resolved.
REFUSALS = (401, 403, 429)


@dataclass(frozen=True)
class Problem:
    """One address that does not resolve.

    Attributes
    ----------
    key : str
        The reference's key in ``references.yaml``.
    address : str
        The address that was asked.
    status : int or None
        The HTTP status of the last answer (404, 500, ...), or None when no answer came.
    error : str
        What went wrong, in words: ``"HTTP 404 Not Found"``, ``"timed out after 20 s"``,
        ``"[Errno 111] Connection refused"``.
    """

    key: str
    address: str
    status: int | None
    error: str

    def __str__(self) -> str:
        return f"{self.key}: {self.address}: {self.error}"


def address(ref: Mapping[str, Any]) -> str | None:
    """The address the course links one reference at, as :func:`skinlab.data.cite_link`
    makes it (None when the reference has no doi, pmid or url).

    Parameters
    ----------
    ref : mapping
        One entry of ``references.yaml``.

    Returns
    -------
    str or None
        ``https://doi.org/<doi>``, else ``https://pubmed.ncbi.nlm.nih.gov/<pmid>/``, else the
        ``url`` as written.

    Examples
    --------
    >>> address({"doi": "10.1080/00015550310015419", "url": "https://example.org/a"})
    'https://doi.org/10.1080/00015550310015419'
    >>> address({"pmid": 17225007})
    'https://pubmed.ncbi.nlm.nih.gov/17225007/'
    >>> address({"url": "https://example.org/a"})
    'https://example.org/a'
    >>> address({"title": "no identifier"}) is None
    True
    """
    if ref.get("doi"):
        return f"https://doi.org/{ref['doi']}"
    if ref.get("pmid"):
        return f"https://pubmed.ncbi.nlm.nih.gov/{ref['pmid']}/"
    if ref.get("url"):
        return str(ref["url"])
    return None


def addresses(data: Dataset | None = None) -> dict[str, str]:
    """Every reference's address, by reference key.

    Parameters
    ----------
    data : Dataset, optional
        The data whose references are read (default: the course's own, :func:`dataset`).

    Returns
    -------
    dict of str to str
        Reference key -> the address the course links it at (see :func:`address`), for every
        reference that has a doi, pmid or url, in the order of ``references.yaml``.
    """
    refs = (data if data is not None else dataset()).references
    found = {key: address(ref) for key, ref in refs.items()}
    return {key: href for key, href in found.items() if href}


class _Redirects(HTTPRedirectHandler):
    """urllib's redirects, a HEAD request staying HEAD (some Pythons' urllib turn it into GET,
    which fetches the whole page)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


def _opener() -> OpenerDirector:
    """urllib's default handlers (redirects followed, HTTP errors raised) and a cookie jar of
    its own: some publishers redirect in a loop to a client that does not keep their cookie."""
    return build_opener(_Redirects(), HTTPCookieProcessor(CookieJar()))


def _ask(opener: OpenerDirector, url: str, method: str,
         timeout: float) -> tuple[int | None, str, str]:
    """(status, error, answered) of one request: ``error`` is empty when the address answered
    below 400; ``answered`` is the address that gave the last answer (after redirects)."""
    try:
        request = Request(url, method=method, headers=HEADERS)
        with opener.open(request, timeout=timeout) as response:
            status = getattr(response, "status", None) or response.getcode()
            answered = response.geturl() or url
    except HTTPError as exc:
        answered = exc.geturl() or url
        return exc.code, f"HTTP {exc.code} {exc.reason}".strip() + _where(url, answered), answered
    except URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            return None, f"timed out after {timeout:g} s", url
        return None, str(exc.reason) or type(exc.reason).__name__, url
    except TimeoutError:
        return None, f"timed out after {timeout:g} s", url
    except (OSError, HTTPException, ValueError) as exc:
        return None, str(exc) or type(exc).__name__, url
    if status is not None and status >= 400:  # an opener that does not raise on errors
        return status, f"HTTP {status}" + _where(url, answered), answered
    return status, "", answered


def _where(asked: str, answered: str) -> str:
    """' (at <address>)' when the answer came from another address than the one asked."""
    return f" (at {answered})" if answered != asked else ""


def _doi_resolved(asked: str, status: int | None, answered: str) -> bool:
    """True when a DOI address was redirected to its publisher, who then refused the check."""
    return (urlsplit(asked).hostname in DOI_HOSTS and status in REFUSALS
            and urlsplit(answered).hostname not in DOI_HOSTS)


def _check_one(url: str, timeout: float, opener: OpenerDirector | None) -> tuple[int | None, str]:
    """(status, error) for one address: HEAD, then GET when HEAD did not succeed."""
    opener = opener or _opener()
    # Only characters a URL cannot hold (spaces, letters outside ASCII) are escaped.
    safe = quote(url, safe=string.punctuation)
    status, error, answered = _ask(opener, safe, "HEAD", timeout)
    if error:
        status, error, answered = _ask(opener, safe, "GET", timeout)
    if error and _doi_resolved(safe, status, answered):
        return status, ""
    return status, error


def check(addresses: Mapping[str, str], timeout: float = TIMEOUT, workers: int = WORKERS,
          opener: OpenerDirector | None = None) -> list[Problem]:
    """Ask every address and list those that do not resolve.

    Each distinct address is asked once: HEAD first, then GET when HEAD fails (a 405 or 403, any
    other status of 400 or more, or no answer), redirects followed, with a browser-like
    User-Agent. An address resolves when its last answer has a status below 400. A DOI that
    doi.org redirects to a publisher who then answers 401, 403 or 429 (a refusal of automated
    clients) counts as resolved: the DOI is registered and points somewhere. This reaches the
    network; it is run only by ``python -m skinlab check-links``.

    Parameters
    ----------
    addresses : mapping of str to str
        Reference key -> address (see :func:`addresses`).
    timeout : float, default 20
        Seconds to wait for one answer.
    workers : int, default 8
        Addresses asked at once (threads).
    opener : urllib.request.OpenerDirector, optional
        What opens each request (default: a fresh one per address, from
        :func:`urllib.request.build_opener`, with a cookie jar of its own).

    Returns
    -------
    list of Problem
        One per key whose address does not resolve, in the order of ``addresses``; empty when
        every address resolves.
    """
    distinct = list(dict.fromkeys(addresses.values()))
    if not distinct:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(distinct)))) as pool:
        outcomes = dict(zip(distinct, pool.map(lambda url: _check_one(url, timeout, opener),
                                               distinct)))
    return [Problem(key, url, *outcomes[url]) for key, url in addresses.items()
            if outcomes[url][1]]


def main(argv: list[str] | None = None) -> int:
    """``python -m skinlab check-links``: print each reference whose address does not resolve.

    Parameters
    ----------
    argv : list of str, optional
        ``--timeout SECONDS`` and ``--workers N`` (default: none of them).

    Returns
    -------
    int
        0 when every address resolves, 1 when any does not.
    """
    parser = argparse.ArgumentParser(
        prog="python -m skinlab check-links",
        description="Check that every reference's DOI or address resolves (needs the network).")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per request")
    parser.add_argument("--workers", type=int, default=WORKERS, help="requests at once")
    args = parser.parse_args(argv if argv is not None else [])
    to_check = addresses()
    problems = check(to_check, timeout=args.timeout, workers=args.workers)
    for problem in problems:
        print(problem)
    n = len(to_check)
    checked = f"checked {count(n, 'address', 'addresses')}"
    if problems:
        print(f"{checked}: {len(problems)} of {n} do not resolve")
        return 1
    print(f"{checked}: all resolve")
    return 0


__all__ = ["Problem", "address", "addresses", "check", "main"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
