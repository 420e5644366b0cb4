/* Progressive enhancement only: every page works without this file.
   "Copy link" copies the story URL (without JS it is simply a link to the story);
   the print view's button calls the browser's print dialog. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-copy-link]") : null;
    if (!link || !navigator.clipboard || !window.isSecureContext) {
      return;
    }
    event.preventDefault();
    var status = link.parentNode.querySelector(".share-status");
    navigator.clipboard.writeText(link.href).then(
      function () {
        if (status) { status.textContent = "Link copied"; }
      },
      function () {
        if (status) { status.textContent = "Copy failed: use the link"; }
      }
    );
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
