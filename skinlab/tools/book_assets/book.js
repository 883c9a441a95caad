/* skinlab's quizzes in a static page, without a kernel.
 *
 * Each quiz block carries its questions as JSON, written by skinlab.tools.book from the course's
 * quiz banks. For the kinds the page grades, the JSON holds a table of every possible answer,
 * each graded by the course's own Python grading: this script only looks the answer up, so the
 * page shows the same result and feedback as the notebook. Answers are kept in this browser's
 * local storage (never sent anywhere) and shown again when the page is opened again.
 */
(function () {
  "use strict";
  const STORE = "skinlab:";
  let uid = 0;

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(STORE + key)); } catch (e) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(STORE + key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v;
      else if (k === "html") node.innerHTML = v;  // only the course's own generated HTML
      else node.setAttribute(k, v);
    }
    for (const c of children || []) node.appendChild(c);
    return node;
  }
  function choice(type, name, value, text) {
    const id = "sk-" + (++uid);
    const input = el("input", {type: type, name: name, value: value, id: id});
    const label = el("label", {for: id}, [input, el("span", {text: text})]);
    return {input: input, label: label};
  }

  function question(q, n, quiz, onAnswer) {
    const key = q.bank + "/" + q.id;
    const box = el("fieldset", {class: "sk-question", "data-kind": q.kind, "data-id": q.id});
    box.appendChild(el("legend", {}, [el("span", {class: "sk-qnum", text: "Question " + (n + 1) + ". "}),
                                      el("span", {class: "sk-prompt", html: q.prompt})]));
    const feedback = el("p", {class: "sk-feedback", "aria-live": "polite"});
    const group = "q" + (++uid);
    let read;      // () -> the answer's key in q.table (or a typed text)
    let restore;   // (saved) -> set the inputs back
    if (q.kind === "single" || q.kind === "rate" || (q.kind === "prediction" && q.options)) {
      const inputs = q.options.map(o => choice("radio", group, o.id, o.text));
      inputs.forEach(c => box.appendChild(c.label));
      read = () => { const c = inputs.find(c => c.input.checked); return c ? c.input.value : ""; };
      restore = s => inputs.forEach(c => { c.input.checked = c.input.value === s; });
    } else if (q.kind === "multiple") {
      const inputs = q.options.map(o => choice("checkbox", group, o.id, o.text));
      inputs.forEach(c => box.appendChild(c.label));
      read = () => inputs.filter(c => c.input.checked).map(c => c.input.value).sort().join("|");
      restore = s => { const ids = s.split("|"); inputs.forEach(c => { c.input.checked = ids.includes(c.input.value); }); };
    } else if (q.kind === "truefalse") {
      const verdicts = [choice("radio", group + "v", "true", "True"), choice("radio", group + "v", "false", "False")];
      const vbox = el("div", {class: "sk-verdict", role: "radiogroup", "aria-label": "True or false"});
      verdicts.forEach(c => vbox.appendChild(c.label));
      box.appendChild(vbox);
      box.appendChild(el("p", {class: "sk-step", text: "Which reason best supports your answer?"}));
      const reasons = q.reasons.map(r => choice("radio", group + "r", r.id, r.text));
      reasons.forEach(c => box.appendChild(c.label));
      read = () => {
        const v = verdicts.find(c => c.input.checked), r = reasons.find(c => c.input.checked);
        if (!v) return {need: q.needs.verdict};
        if (!r) return {need: q.needs.reason};
        return v.input.value + "|" + r.input.value;
      };
      restore = s => { const [v, r] = s.split("|");
        verdicts.forEach(c => { c.input.checked = c.input.value === v; });
        reasons.forEach(c => { c.input.checked = c.input.value === r; }); };
    } else if (q.kind === "ordering") {
      const list = el("ol", {class: "sk-order"});
      const row = item => {
        const up = el("button", {type: "button", class: "sk-move", "aria-label": "Move up: " + item.text, text: "↑"});
        const down = el("button", {type: "button", class: "sk-move", "aria-label": "Move down: " + item.text, text: "↓"});
        const li = el("li", {"data-id": item.id}, [el("span", {text: item.text}), up, down]);
        up.addEventListener("click", () => { if (li.previousElementSibling) { list.insertBefore(li, li.previousElementSibling); up.focus(); } });
        down.addEventListener("click", () => { if (li.nextElementSibling) { list.insertBefore(li.nextElementSibling, li); down.focus(); } });
        return li;
      };
      const rows = {};
      q.items.forEach(i => { rows[i.id] = row(i); list.appendChild(rows[i.id]); });
      box.appendChild(el("p", {class: "sk-step", text: "Put the items in order with the arrow buttons, then submit."}));
      box.appendChild(list);
      read = () => Array.from(list.children).map(li => li.dataset.id).join("|");
      restore = s => s.split("|").forEach(id => { if (rows[id]) list.appendChild(rows[id]); });
    } else {  // numeric, or a prediction typed as a number: a text box
      const id = "sk-" + (++uid);
      const input = el("input", {type: "text", id: id, inputmode: "decimal", autocomplete: "off"});
      box.appendChild(el("label", {for: id, class: "sk-typed"}, [el("span", {text: "Your answer" + (q.unit ? " (" + q.unit + ")" : "") + ": "}), input]));
      read = () => input.value.trim();
      restore = s => { input.value = s; };
      input.addEventListener("keydown", e => { if (e.key === "Enter") { e.preventDefault(); submit(); } });
    }
    const label = q.kind === "prediction" ? "Record my prediction" : (q.kind === "rate" ? "Rate, then see the evidence" : "Submit");
    const button = el("button", {type: "button", class: "sk-submit", text: label});
    box.appendChild(button);
    box.appendChild(feedback);
    let extra = null;
    if (q.kind === "numeric") {
      extra = el("details", {class: "sk-worked"}, [el("summary", {text: "Show the worked answer"}),
        el("p", {text: "Answer: " + q.answer}), el("div", {html: q.explanation || ""})]);
      box.appendChild(extra);
    }

    function show(result, answer) {
      feedback.textContent = result[1];
      box.dataset.state = result[0] ? "right" : "wrong";
      if (q.kind === "rate" && q.evidence && !box.querySelector(".sk-evidence")) {
        box.appendChild(el("div", {class: "sk-evidence", html: q.evidence}));
      }
    }
    function submit() {
      const answer = read();
      if (typeof answer === "object") { feedback.textContent = answer.need; box.dataset.state = "wrong"; return; }
      let result;
      if (q.table) {
        result = q.table[answer];
        if (!result) { result = [false, answer ? "That answer is not one the page knows: choose again." : "Choose an answer, then submit."]; }
      } else if (q.kind === "prediction") {
        if (!answer) { feedback.textContent = "Type your prediction first."; return; }
        result = [false, "Recorded your prediction: " + answer + (q.unit ? " " + q.unit : "") + ". " + q.reveal];
      } else {  // numeric: graded in the live course; here the worked answer is shown
        if (!answer) { feedback.textContent = "Type your answer first."; return; }
        result = [false, "Recorded your answer: " + answer + ". Compare it with the worked answer below (the live course grades it)."];
        if (extra) extra.open = true;
      }
      show(result, answer);
      if (q.kind === "prediction") box.dataset.state = "recorded";
      save(key, {answer: answer, result: result});
      onAnswer();
    }
    button.addEventListener("click", submit);
    const saved = load(key);
    if (saved && typeof saved.answer === "string") {
      restore(saved.answer);
      show(saved.result, saved.answer);
      if (q.kind === "prediction") box.dataset.state = "recorded";
    }
    return box;
  }

  function quiz(box) {
    const data = JSON.parse(box.querySelector(".sk-quiz-data").textContent);
    const heading = data.section ? "Check yourself" : data.title;
    box.appendChild(el("p", {class: "sk-quiz-title", text: heading}));
    const score = el("p", {class: "sk-score", "aria-live": "polite"});
    const update = () => {
      const scored = data.questions.filter(q => q.scored);
      const answered = scored.map(q => load(q.bank + "/" + q.id)).filter(s => s && s.result);
      const right = answered.filter(s => s.result[0]).length;
      score.textContent = scored.length ? "Score: " + right + " correct of " + answered.length +
        " answered (" + scored.length + " in all)." : "A prediction is recorded, never scored.";
    };
    data.questions.forEach((q, n) => box.appendChild(question(q, n, data, update)));
    box.appendChild(score);
    update();
  }

  function start() { document.querySelectorAll(".sk-quiz").forEach(quiz); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
