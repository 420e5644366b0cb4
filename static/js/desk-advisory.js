/* The advisory while you type: the version form's "suggested from the changes" follows
   the text as it is edited, asked of the server (nothing is saved). Without this file the
   suggestion is the one computed at the last save, and saving still settles the advisory. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    var tools = document.getElementById("desk-version-tools");
    var form = document.getElementById("version_form");
    var shown = document.querySelector(".field-suggested_advisory .readonly");
    if (!tools || !form || !shown || !tools.dataset.advisoryUrl) {
      return;
    }
    shown.setAttribute("aria-live", "polite");
    var timer = null;
    var asked = 0;

    function refresh() {
      var mine = ++asked;
      fetch(tools.dataset.advisoryUrl, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: {"X-Requested-With": "fetch"}
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (answer) {
        if (answer && mine === asked) {  // an older answer never overwrites a newer one
          shown.textContent = answer.advisory || "no changes yet";
          shown.setAttribute("data-follows", "typing");
        }
      }).catch(function () { /* offline: the suggestion stays as it was */ });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    // The photo and writer pickers (select2) announce their changes through jQuery only.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(form).on("change", "select", later);
    }
  });
})();
