// Moves focus to the error summary (or another marked element) after a page loads, so that
// keyboard and screen-reader users start where the problem is explained.
const target = document.querySelector("[data-autofocus]");
if (target) target.focus();
