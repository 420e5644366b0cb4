/* Captions that start right: choosing a photo for a caption fills its text and alt text
   from the photo's description and alt text (asked of the server); replacing the photo of
   a caption that already has words asks first whether to keep them. Without this file,
   saving a caption with a photo and no words starts them from the photo all the same. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    var tools = document.getElementById("desk-version-tools");
    var form = document.getElementById("version_form");
    if (!tools || !form || !tools.dataset.photoWordsUrl) {
      return;
    }
    var template = tools.dataset.photoWordsUrl;  // .../photo-words/0/

    function rowOf(select) {
      return select.closest(".inline-related");
    }

    function fieldsOf(row) {
      return {
        text: row.querySelector("textarea[name$='-text']"),
        alt: row.querySelector("[name$='-alt_text']")
      };
    }

    function clearPrompt(row) {
      var old = row.querySelector(".desk-caption-prompt");
      if (old) { old.remove(); }
    }

    function fill(fields, words) {
      fields.text.value = words.text;
      fields.alt.value = words.alt_text;
      // Others listening (the advisory, the working copy) learn of the change.
      fields.text.dispatchEvent(new Event("input", {bubbles: true}));
      fields.alt.dispatchEvent(new Event("input", {bubbles: true}));
    }

    function ask(row, fields, words) {
      clearPrompt(row);
      var prompt = document.createElement("div");
      prompt.className = "desk-caption-prompt";
      prompt.setAttribute("role", "alert");
      var say = document.createElement("p");
      say.textContent = "You chose another photo. Its description reads: \u201c" + words.text + "\u201d";
      var take = document.createElement("button");
      take.type = "button";
      take.className = "button desk-take-photo-words";
      take.textContent = "Use the new photo's words";
      var keep = document.createElement("button");
      keep.type = "button";
      keep.className = "button desk-keep-words";
      keep.textContent = "Keep the words below";
      take.addEventListener("click", function () { fill(fields, words); clearPrompt(row); });
      keep.addEventListener("click", function () { clearPrompt(row); });
      prompt.append(say, take, " ", keep);
      fields.text.closest(".form-row").before(prompt);
      take.focus();
    }

    function chosen(select) {
      var row = rowOf(select);
      if (!row || !select.value) { return; }
      var fields = fieldsOf(row);
      if (!fields.text || !fields.alt) { return; }
      fetch(template.replace(/\/0\/$/, "/" + encodeURIComponent(select.value) + "/"), {
        credentials: "same-origin",
        headers: {"X-Requested-With": "fetch"}
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (words) {
        if (!words) { return; }
        if (!fields.text.value.trim() && !fields.alt.value.trim()) {
          fill(fields, words);
        } else if (fields.text.value.trim() !== words.text.trim()) {
          ask(row, fields, words);
        }
      });
    }

    function onChange(event) {
      var select = event.target;
      if (select && select.matches && select.matches("select[name^='captions-'][name$='-photo']")) {
        chosen(select);
      }
    }
    // The photo picker is select2, which announces a choice through jQuery only.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(form).on("change", "select", onChange);
    } else {
      form.addEventListener("change", onChange);
    }
  });
})();
