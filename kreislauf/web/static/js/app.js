// kreislauf: small helpers for every page (no inline scripts: the CSP forbids them).
// htmx requests carry the session's CSRF token, so HTMX posts pass the same check as forms.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRF-Token"] = meta.content; }
});
