"""Words and numbers for learners: how quantities are written, and how sentences are printed.

No matplotlib, no widgets: models' sentences, tables, figures and quizzes all format through here,
so a depth reads the same everywhere ("17 µm", "1.07 mm").

>>> format_um(16.8)
'17 µm'
>>> join(["stratum corneum", "viable epidermis", "papillary dermis"])
'stratum corneum, viable epidermis and papillary dermis'
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass


def format_um(um: float) -> str:
    """A depth or thickness: below 10 µm one decimal, below 1000 µm whole micrometres, from
    1000 µm millimetres with up to two decimals ('0 µm', '3.6 µm', '17 µm', '1.07 mm')."""
    if um == 0:
        return "0 µm"
    if um < 10:
        return f"{um:.1f} µm"
    if um < 1000:
        return f"{um:.0f} µm"
    return f"{um / 1000:.2f}".rstrip("0").rstrip(".") + " mm"


def format_mm(um: float) -> str:
    """A length in micrometres written in millimetres without its unit ('2', '5.3')."""
    return f"{um / 1000:.2f}".rstrip("0").rstrip(".")


def format_days(days: float) -> str:
    """'day 14': a day counted from a start."""
    return f"day {days:.0f}"


def span(low: float, high: float, fmt=format_um) -> str:
    """'12 µm to 17 µm', or one value when the two ends are the same."""
    return fmt(low) if low == high else f"{fmt(low)} to {fmt(high)}"


def join(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = [str(w) for w in words]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def article(word: str) -> str:
    """'an' before a vowel sound's letter, else 'a' (enough for the course's own words)."""
    return "an" if word[:1].lower() in "aeiou" else "a"


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve")


def number_word(n: int) -> str:
    """A count in words up to twelve, in digits above (a sentence's small numbers read as words).

    Examples
    --------
    >>> number_word(5), number_word(0), number_word(29)
    ('five', 'no', '29')
    """
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def count(n: int, singular: str, plural: str | None = None) -> str:
    """'1 question', '3 questions'."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


MAX_ALT = 150  # characters: an image's alt text is a short label; a caption holds the rest


def clip(text: str, limit: int = MAX_ALT) -> str:
    """``text`` if it fits in ``limit`` characters, else cut at the last word boundary that leaves
    room for an ellipsis (a word is never cut in two unless it alone is longer than the limit).

    >>> clip("tip ends in the papillary dermis", 20)
    'tip ends in the…'
    >>> clip("short", 20)
    'short'
    """
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    cut = head.rstrip()
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut[:cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"


def two_lines(label: str) -> str:
    """A short label on at most two lines, broken at the space nearest its middle.

    >>> two_lines("upper back")
    'upper\\nback'
    >>> two_lines("mid-tarsal upper eyelid")
    'mid-tarsal\\nupper eyelid'
    """
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    if not spaces:
        return label
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return label[:cut] + "\n" + label[cut + 1:]


def say(text: str, width: int = 88) -> None:
    """Print a sentence (an explorer's describe(), a quiz summary) wrapped between words.

    Notebook output areas wrap a long line anywhere, even inside a number ("2.\\n02 mm"); this
    keeps every word and number whole. Each paragraph of ``text`` is wrapped on its own.

    Parameters
    ----------
    text : str
        The text to print (anything else is printed as ``str(text)``); each line of it is a
        paragraph.
    width : int, optional
        The longest line, in characters.

    Returns
    -------
    None
        The text is printed.

    Examples
    --------
    >>> say("A 1.00 mm needle on the cheek ends somewhere between 186 µm and 1 mm deep.", width=40)
    A 1.00 mm needle on the cheek ends
    somewhere between 186 µm and 1 mm deep.
    >>> say("First paragraph.\\nSecond paragraph.")
    First paragraph.
    Second paragraph.
    """
    print("\n".join(textwrap.fill(part, width, break_long_words=False, break_on_hyphens=False)
                    for part in str(text).split("\n")))


# -- status markers ------------------------------------------------------------------------------
# A number that was not measured carries one short word in a sentence, defined once in the legend
# at the top of every notebook (notebooktext's status-legend cell); the explorer's details and
# skinlab/data hold the full provenance.
MARKERS = {"estimated": "estimated", "assumption": "assumed", "placeholder": "placeholder"}
LEGEND = (
    "**How to read the numbers.** Every number comes from the course's data, with its source. "
    "Most were measured. A word in brackets after a number gives its status: "
    "**(estimated)** worked out from measurements; "
    "**(assumed)** the course's own choice where no source gives the number; "
    "**(placeholder)** a stand-in where the course found no measurement it could confirm at its "
    "source. `make audit` lists every value with its status and `skinlab/data` says how each was "
    "chosen.")


def marker(status: str) -> str:
    """The status word in brackets after a number (' (assumed)'), or '' for a measured one.

    >>> marker("assumption"), marker("measured")
    (' (assumed)', '')
    """
    return f" ({MARKERS[status]})" if status in MARKERS else ""


def plain_number(x: float, digits: int = 2) -> str:
    """A number with ``digits`` significant figures and no exponent, for learners who have not
    met scientific notation.

    >>> plain_number(1.2e-4), plain_number(0.0110), plain_number(37.4)
    ('0.00012', '0.011', '37')
    """
    import numpy as np
    return np.format_float_positional(float(x), precision=digits, unique=True, fractional=False,
                                      trim="-")


@dataclass(frozen=True)
class Result:
    """The outcome of an answer, one type for a quiz response and an exercise check: whether it
    is right, the message the learner reads, whether the response could be read at all
    (``valid``) and whether it counts (``scored``: False for a prediction). A check's result is
    true when it passed and prints as its message.

    >>> r = Result(False, "Not yet: give a number.")
    >>> bool(r), r.passed, r
    (False, False, Not yet: give a number.)
    """

    correct: bool
    message: str
    valid: bool = True  # False when the response could not be read as an answer
    scored: bool = True  # False for a prediction: recorded, never counted

    @property
    def passed(self) -> bool:
        """An exercise check's word for ``correct``."""
        return self.correct

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return self.message
