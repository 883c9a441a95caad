// A figure with a short alt text and one persistent aria-live paragraph holding the full
// sentence. Rendered once; updates swap the image source and the paragraph's text, so the same
// element speaks each change to screen readers.
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
    img.alt = model.get("alt") || model.get("text");
    live.textContent = model.get("text");
    live.classList.toggle("skinlab-live-problem", model.get("problem"));
  }
  showImage();
  showText();
  model.on("change:png", showImage);
  model.on("change:text", showText);
  model.on("change:alt", showText);
  model.on("change:problem", showText);
  return () => { if (url) URL.revokeObjectURL(url); };
}
export default { render };
