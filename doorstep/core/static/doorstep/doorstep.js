// Doorstep's only script: starts GOV.UK/MoJ Frontend components and the htmx modal.
// No inline script anywhere (Content Security Policy).
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

const modal = document.getElementById("modal");
let opener = null;

document.addEventListener("click", (event) => {
  const trigger = event.target.closest("[data-ds-modal]");
  if (trigger) opener = trigger;
  if (event.target.closest("[data-ds-modal-close]")) {
    event.preventDefault();
    modal.close();
  }
});

document.body.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target.id !== "modal-body") return;
  initAll({ scope: event.detail.target });
  if (!modal.open) modal.showModal();
  const first = event.detail.target.querySelector(
    ".govuk-error-summary, input:not([type=hidden]), select, textarea",
  );
  if (first) {
    if (first.classList.contains("govuk-error-summary")) first.setAttribute("tabindex", "-1");
    first.focus();
  }
});

// A form in the modal that succeeded asks to close it (HX-Trigger: ds-modal-close).
document.body.addEventListener("ds-modal-close", () => {
  if (modal.open) modal.close();
});

// Tab and Shift+Tab go round the open dialog's controls instead of leaving it for the browser's
// own controls (the page behind is inert); Escape closes it (the browser's own "cancel").
modal.addEventListener("keydown", (event) => {
  if (event.key !== "Tab") return;
  const focusable = [
    ...modal.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea"),
  ].filter((element) => {
    if (element.disabled || element.getClientRects().length === 0) return false;
    if (element.type !== "radio") return true;
    // A radio group is one Tab stop: its checked radio, or its first when none is checked.
    const group = [...modal.querySelectorAll("input[type=radio]")].filter(
      (radio) => radio.name === element.name,
    );
    return element === (group.find((radio) => radio.checked) || group[0]);
  });
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
});

modal.addEventListener("close", () => {
  document.getElementById("modal-body").replaceChildren();
  if (opener) opener.focus();
});
