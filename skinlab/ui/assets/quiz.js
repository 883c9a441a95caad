// The quiz's presses, each sent with what the page shows at that moment.
//
// A widget holds back a control's next change until the kernel has finished with its last one,
// while a button press goes at once: on a busy kernel, a choice made just before Submit would
// reach the kernel after the press, and the earlier choice would be graded. So Submit, Move up
// and Move down send the panel's state with the press, and Enter in a numeric answer's box
// submits it with the typed value in the same message.
function render({ model, el }) {
  el.style.display = "none";  // nothing to see: it styles the quiz and wires the keys
  let tries = 0;
  (function wire() {
    const quiz = el.closest(".skinlab-quiz");
    if (!quiz) {
      if (++tries < 50) setTimeout(wire, 100);
      return;
    }
    if (quiz.dataset.skinlabEnter) return;
    quiz.dataset.skinlabEnter = "1";
    const question = (node) => {
      const panel = node.closest(".skinlab-question");
      const panels = Array.from(quiz.querySelectorAll(".skinlab-question"));
      return panel ? [panel, panels.indexOf(panel)] : [null, -1];
    };
    const shown = (panel) => {
      const groups = [];
      for (const radio of panel.querySelectorAll("input[type=radio]")) {
        const group = radio.parentElement.closest(".widget-radio-box, .jupyter-widget-radio-box");
        if (!groups.includes(group)) groups.push(group);
      }
      return {
        radios: groups.map((g) => Array.from(g.querySelectorAll("input[type=radio]"))
          .findIndex((r) => r.checked)),
        boxes: Array.from(panel.querySelectorAll("input[type=checkbox]"), (b) => b.checked),
        texts: Array.from(panel.querySelectorAll("input[type=text]"), (t) => t.value),
      };
    };
    // Capture phase: the text widget stops its key events from bubbling.
    quiz.addEventListener("keydown", (event) => {
      const input = event.target;
      if (event.key !== "Enter" || event.isComposing || event.shiftKey || event.altKey ||
          event.ctrlKey || event.metaKey || !(input instanceof HTMLInputElement) ||
          input.type !== "text") return;
      const [panel, index] = question(input);
      if (!panel || index < 0) return;
      event.preventDefault();
      model.send({ event: "submit", question: index, value: input.value });
    }, true);
    // Capture phase, so the button's own handler (which would send the press alone) never runs.
    quiz.addEventListener("click", (event) => {
      const button = event.target instanceof Element ? event.target.closest("button") : null;
      if (!button || button.disabled) return;
      const [panel, index] = question(button);
      if (!panel || index < 0) return;
      let message;
      if (button.classList.contains("skinlab-submit")) {
        message = { event: "submit", question: index, shown: shown(panel) };
      } else if (button.classList.contains("skinlab-move-up") ||
                 button.classList.contains("skinlab-move-down")) {
        const select = panel.querySelector("select");
        const option = select && select.selectedIndex >= 0 ?
          select.options[select.selectedIndex] : null;
        message = { event: "move", question: index,
                    step: button.classList.contains("skinlab-move-up") ? -1 : 1,
                    selected: option ? option.textContent.replace(/\u00a0/g, " ") : null };
      } else {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      model.send(message);
    }, true);
  })();
}
export default { render };
