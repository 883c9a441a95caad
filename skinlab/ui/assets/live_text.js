// One persistent aria-live paragraph; "tone" adds a coloured edge, the words always say it too.
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
