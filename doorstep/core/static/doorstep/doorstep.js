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

modal.addEventListener("close", () => {
  document.getElementById("modal-body").replaceChildren();
  if (opener) opener.focus();
});
