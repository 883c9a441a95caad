// Keyboard guard. JupyterLab's command-mode shortcuts (arrow keys move between cells, Enter
// edits, ...) would steal the keys a learner uses on our drop-downs, radio buttons and buttons.
// Lumino skips shortcuts inside an element marked data-lm-suppress-shortcuts, so the nearest box
// marked .skinlab-keys is marked so, and keydown events stop there (Escape still leaves the widget
// for the notebook).
function keepKeys(el) {
  let tries = 0;
  (function mark() {
    const box = el.closest(".skinlab-keys");
    if (box) {
      if (box.dataset.skinlabKeys) return;
      box.dataset.skinlabKeys = "1";
      box.setAttribute("data-lm-suppress-shortcuts", "true");
      box.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") event.stopPropagation();
      });
      return;
    }
    if (++tries < 50) setTimeout(mark, 100);
  })();
}
