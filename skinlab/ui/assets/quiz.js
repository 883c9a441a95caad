// Enter in a numeric answer's box submits it, with the typed value in the same message.
function render({ model, el }) {
  el.style.display = "none";  // nothing to see: it styles the quiz and wires the Enter key
  let tries = 0;
  (function wire() {
    const quiz = el.closest(".skinlab-quiz");
    if (!quiz) {
      if (++tries < 50) setTimeout(wire, 100);
      return;
    }
    if (quiz.dataset.skinlabEnter) return;
    quiz.dataset.skinlabEnter = "1";
    // Capture phase: the text widget stops its key events from bubbling.
    quiz.addEventListener("keydown", (event) => {
      const input = event.target;
      if (event.key !== "Enter" || event.isComposing || event.shiftKey || event.altKey ||
          event.ctrlKey || event.metaKey || !(input instanceof HTMLInputElement) ||
          input.type !== "text") return;
      const panel = input.closest(".skinlab-question");
      const panels = Array.from(quiz.querySelectorAll(".skinlab-question"));
      if (!panel || panels.indexOf(panel) < 0) return;
      event.preventDefault();
      model.send({ event: "submit", question: panels.indexOf(panel), value: input.value });
    }, true);
  })();
}
export default { render };
