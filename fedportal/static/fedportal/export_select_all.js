// The export page's "select all" box (templates/admin/import_export/export.html), wired up
// here because the Content-Security-Policy runs no inline event handlers.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".select-toggle");
  if (toggle) {
    toggle.addEventListener("change", onSelectToggleChange);
  }
});
