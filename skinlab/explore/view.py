"""The figure-and-sentence view every explorer shows: one small anywidget.

ipywidgets cannot set ARIA attributes and its HTML widget replaces its inner HTML on every update,
so screen readers would not announce a change. This widget renders, once, a ``<figure>`` holding an
``<img>`` (its alt text is the current sentence) and one persistent ``<p aria-live="polite">``;
later updates change only the image source and the paragraph's text, so the same element speaks.
The PNG travels as a binary buffer (no base64), and the saved widget state lets JupyterLab draw the
last figure and sentence even before the notebook is run.
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets
import traitlets

_KEEP_KEYS_JS = r"""
// JupyterLab's command-mode shortcuts (arrow keys move between cells, Enter edits, ...) would
// steal the keys a learner uses on our drop-downs, radio buttons and buttons. Lumino skips
// shortcuts inside an element marked data-lm-suppress-shortcuts, so mark our widget's box.
function keepKeys(el) {
  let tries = 0;
  (function mark() {
    const box = el.closest(".skinlab-explorer, .skinlab-quiz, .skinlab-progress");
    if (box) {
      if (box.dataset.skinlabKeys) return;
      box.dataset.skinlabKeys = "1";
      box.setAttribute("data-lm-suppress-shortcuts", "true");
      // The notebook's own key handling (arrow keys move between cells) must not see keys
      // meant for our controls; Escape still leaves the widget for the notebook.
      box.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") event.stopPropagation();
      });
      return;
    }
    if (++tries < 50) setTimeout(mark, 100);
  })();
}
"""

_ESM = _KEEP_KEYS_JS + r"""
function render({ model, el }) {
  keepKeys(el);
  const figure = document.createElement("figure");
  figure.className = "skinlab-figure";
  const img = document.createElement("img");
  img.className = "skinlab-figure-img";
  const live = document.createElement("p");
  live.className = "skinlab-live";
  live.setAttribute("aria-live", "polite");
  live.setAttribute("role", "status");
  figure.append(img, live);
  el.appendChild(figure);
  let url = null;
  function showImage() {
    const data = model.get("png");
    if (url) { URL.revokeObjectURL(url); url = null; }
    if (data && data.byteLength) {
      url = URL.createObjectURL(new Blob([data], { type: "image/png" }));
      img.src = url;
    }
    img.width = model.get("width");
  }
  function showText() {
    const text = model.get("text");
    img.alt = text;
    live.textContent = text;
    live.classList.toggle("skinlab-live-problem", model.get("problem"));
  }
  showImage();
  showText();
  model.on("change:png", showImage);
  model.on("change:text", showText);
  model.on("change:problem", showText);
  return () => { if (url) URL.revokeObjectURL(url); };
}
export default { render };
"""

_CSS = r"""
.skinlab-figure { margin: 0.25em 0; }
.skinlab-figure-img { max-width: 100%; height: auto; display: block; }
.skinlab-live {
  font-size: var(--jp-content-font-size1, 14px);
  line-height: 1.5;
  color: var(--jp-content-font-color0, #111);
  margin: 0.5em 0 0 0;
  max-width: 48em;
}
.skinlab-info { line-height: 1.45; }
.skinlab-info ul { margin: 0.3em 0; }
.skinlab-live-problem {
  border-left: 4px solid var(--jp-warn-color0, #b35900);
  padding-left: 0.5em;
}
"""


class FigureView(anywidget.AnyWidget):
    """A PNG figure with its sentence as alt text and in an aria-live paragraph."""

    _esm = _ESM
    _css = _CSS
    png = traitlets.Bytes(b"").tag(sync=True)
    text = traitlets.Unicode("").tag(sync=True)
    width = traitlets.Int(640).tag(sync=True)
    problem = traitlets.Bool(False).tag(sync=True)


_LIVE_ESM = _KEEP_KEYS_JS + r"""
function render({ model, el }) {
  keepKeys(el);
  const p = document.createElement("p");
  p.className = "skinlab-live-text";
  p.setAttribute("aria-live", "polite");
  p.setAttribute("role", "status");
  el.appendChild(p);
  function show() {
    p.textContent = model.get("text");
    p.dataset.tone = model.get("tone");
  }
  show();
  model.on("change:text", show);
  model.on("change:tone", show);
}
export default { render };
"""

_LIVE_CSS = r"""
.skinlab-live-text {
  margin: 0.4em 0;
  min-height: 1.5em;
  line-height: 1.5;
  max-width: 48em;
  color: var(--jp-content-font-color0, #111);
  font-size: var(--jp-content-font-size1, 14px);
}
.skinlab-live-text[data-tone="correct"] { border-left: 4px solid #009e73; padding-left: 0.5em; }
.skinlab-live-text[data-tone="wrong"] { border-left: 4px solid #d55e00; padding-left: 0.5em; }
.skinlab-live-text[data-tone="problem"] { border-left: 4px dashed #0072b2; padding-left: 0.5em; }
"""


class LiveText(anywidget.AnyWidget):
    """One persistent aria-live paragraph (quiz feedback, scores). ``tone`` adds a coloured
    edge (correct, wrong, problem); the words always say it too, never colour alone."""

    _esm = _LIVE_ESM
    _css = _LIVE_CSS
    text = traitlets.Unicode("").tag(sync=True)
    tone = traitlets.Unicode("").tag(sync=True)


class LabelledBox(widgets.VBox):
    """A VBox whose saved plain-text output is a sentence (``fallback``) rather than the widget's
    class name: what a notebook opened without widget support, or untrusted, shows."""

    fallback = ""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if self.fallback and isinstance(bundle, dict):
            bundle["text/plain"] = self.fallback
        return bundle
