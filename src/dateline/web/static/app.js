// dateline web: the only script. Clicking an event button marks its evidence span in the text.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.show-ev");
  if (!button) return;
  const n = button.dataset.ev;
  document.querySelectorAll(".evidence-on").forEach((el) => el.classList.remove("evidence-on"));
  const spans = document.querySelectorAll(`.text span.ev[data-ev~="${CSS.escape(n)}"]`);
  spans.forEach((el) => el.classList.add("evidence-on"));
  if (spans.length) spans[0].scrollIntoView({ block: "center", behavior: "smooth" });
});
