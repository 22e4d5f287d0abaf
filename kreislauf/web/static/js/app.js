// kreislauf: small helpers for every page (no inline scripts: the CSP forbids them).
// htmx requests carry the session's CSRF token, so HTMX posts pass the same check as forms.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRF-Token"] = meta.content; }
});

// After a form comes back with errors, put the keyboard focus on the first wrong field
// (its error is tied to it by aria-describedby, so screen readers read it out).
document.addEventListener("DOMContentLoaded", function () {
  var wrong = document.querySelector('[aria-invalid="true"]');
  if (wrong) { wrong.focus(); }
});
