"""A figure and its words, shown with no kernel (the book, print, an untrusted notebook)."""

from __future__ import annotations

import base64
import html

from skinlab.text import MAX_ALT, clip


class StaticView:
    """Plain text is the long description; HTML is a ``<figure>`` whose image carries a short alt
    text (at most ``MAX_ALT`` characters, cut at a word) and whose caption is the long description.

    ``width``: the image's width in pixels (``None`` keeps 640); ``fit`` lets a narrower column
    scale it down, never up.
    """

    def __init__(self, png: bytes, description: str, title: str = "", alt: str = "",
                 width: int | None = None, fit: bool = False):
        self.png, self.sentence, self.title = png, description, title
        self.alt = clip(alt or title or description, MAX_ALT)  # a label; the caption says all
        self.width, self.fit = width or 640, fit

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.png).decode("ascii")
        alt = html.escape(self.alt, quote=True)
        caption = html.escape(self.sentence)
        style = ' style="max-width:100%;height:auto"' if self.fit else ""
        fig = (f'<figure class="skinlab-static"><img src="data:image/png;base64,{data}" '
               f'alt="{alt}" width="{self.width}"{style}/><figcaption>{caption}</figcaption>'
               f'</figure>')
        return {"text/plain": self.sentence, "text/html": fig}

    def __repr__(self) -> str:
        return self.sentence
