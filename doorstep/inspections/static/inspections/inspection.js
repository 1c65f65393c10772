// The estate inspection form. Each card saves itself by htmx on every change (see
// partials/answer_card.html). This script only makes failures visible: a refused answer
// (400) replaces its card, which shows the message; a lost signal or a server fault says so
// in the status line, so the officer knows that one item did not save.
const status = () => document.getElementById("inspection-status");

function say(text) {
  const line = status();
  if (line) line.textContent = text;
}

function isCard(element) {
  return element instanceof Element && element.matches("[data-ds-inspect-card]");
}

document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 400 && isCard(event.detail.target)) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

document.addEventListener("htmx:sendError", (event) => {
  if (isCard(event.detail.elt)) {
    say("Not saved: no connection. Change the answer again, or press “Save and finish later” when you have a signal.");
  }
});

document.addEventListener("htmx:responseError", (event) => {
  if (isCard(event.detail.elt) && event.detail.xhr.status !== 400) {
    say("Not saved: something went wrong. Try the answer again.");
  }
});
