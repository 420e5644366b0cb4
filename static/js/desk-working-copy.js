/* Never lose typed text. While an editor types in the version form, a working copy of the
   form goes to the server every few seconds and whenever they leave a field (never the
   version itself: no revision, no audit entry); the last words go out as the page is
   left. Reopening the form offers the copy back ("Restore them"), and leaving a page with
   unsaved changes asks first. Without this file the form saves as it always did. */
(function () {
  "use strict";

  var SAVE_AFTER = 3000;  // ms after the last keystroke
  var MANAGEMENT = /-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/;

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    var tools = document.getElementById("desk-version-tools");
    var form = document.getElementById("version_form");
    if (!tools || !form || !tools.dataset.workingCopyUrl) {
      return;
    }
    var url = tools.dataset.workingCopyUrl;
    var status = document.getElementById("desk-working-copy-status");
    var unsaved = false;   // changed since the page was loaded: leaving asks first
    var pending = false;   // changed since the last working copy went out
    var sending = false;
    var submitting = false;
    var timer = null;

    function say(text) {
      if (status) { status.textContent = text; }
    }

    function labels() {
      var out = {};
      form.querySelectorAll("select").forEach(function (select) {
        if (select.name && select.value && select.selectedIndex >= 0) {
          out[select.name] = select.options[select.selectedIndex].text;
        }
      });
      return out;
    }

    function payload(final) {
      var data = new FormData(form);
      data.append("labels", JSON.stringify(labels()));
      if (final) { data.append("final", "1"); }
      return data;
    }

    function later(ms) {
      if (timer === null) { timer = window.setTimeout(send, ms); }
    }

    function send() {
      timer = null;
      if (!pending || sending || submitting) { return; }
      sending = true;
      pending = false;
      fetch(url, {
        method: "POST",
        body: payload(false),
        credentials: "same-origin",
        headers: {"X-Requested-With": "fetch"}
      }).then(function (response) {
        sending = false;
        if (!response.ok) {
          if (response.status !== 409) {  // 409: saved since; nothing left to keep
            pending = true;
            later(SAVE_AFTER * 3);
          }
          return null;
        }
        var wait = parseInt(response.headers.get("Retry-After"), 10) || 2;
        return response.json().then(function (answer) {
          if (answer.written) {
            say("Your words are kept as you type (" + new Date().toLocaleTimeString() + "). Save to make them the version's.");
          } else {  // too soon after the last one: the server says when to try again
            pending = true;
            later(wait * 1000);
          }
        });
      }).catch(function () {
        sending = false;
        pending = true;
        say("Offline: your words are not kept on the server until the connection is back.");
        later(SAVE_AFTER * 3);
      });
    }

    function changed(event) {
      var target = event && event.target;
      if (target && target.closest && target.closest("#desk-working-copy")) { return; }
      unsaved = true;
      pending = true;
      later(SAVE_AFTER);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    if (window.django && window.django.jQuery) {  // select2 pickers speak jQuery only
      window.django.jQuery(form).on("change", "select", changed);
    }
    form.addEventListener("focusout", function () {  // leaving a field keeps it now
      if (pending) {
        window.clearTimeout(timer);
        timer = null;
        send();
      }
    });
    form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (unsaved && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    window.addEventListener("pagehide", function () {
      if (pending && !submitting && navigator.sendBeacon) {
        navigator.sendBeacon(url, payload(true));
      }
    });

    // --- restoring a copy kept earlier ---

    function grow(fields) {
      Object.keys(fields).forEach(function (name) {
        var match = name.match(/^(.+)-TOTAL_FORMS$/);
        if (!match) { return; }
        var total = form.querySelector("[name='" + name + "']");
        var add = document.querySelector("#" + match[1] + "-group .add-row a");
        var want = parseInt(fields[name][0], 10) || 0;
        for (var guard = 0; total && add && parseInt(total.value, 10) < want && guard < 200; guard++) {
          add.click();
        }
      });
    }

    function apply(copy) {
      var fields = copy.fields;
      var names = copy.labels || {};
      grow(fields);
      Object.keys(fields).forEach(function (name) {
        if (MANAGEMENT.test(name)) { return; }
        var values = fields[name];
        form.querySelectorAll("[name='" + CSS.escape(name) + "']").forEach(function (element) {
          if (element.type === "checkbox" || element.type === "radio") {
            element.checked = values.indexOf(element.value) !== -1;
          } else if (element.tagName === "SELECT") {
            var found = Array.prototype.some.call(element.options, function (o) { return o.value === values[0]; });
            if (!found && values[0]) {
              element.add(new Option(names[name] || values[0], values[0], true, true));
            }
            element.value = values[0] || "";
            if (window.django && window.django.jQuery) {
              window.django.jQuery(element).trigger("change.select2");  // redraw the picker only
            }
          } else if (element.type !== "file" && element.type !== "submit") {
            element.value = values[0] || "";
          }
        });
      });
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        if (box.name && !(box.name in fields)) { box.checked = false; }
      });
      unsaved = true;
      form.dispatchEvent(new Event("input", {bubbles: true}));  // the advisory follows
    }

    var notice = document.getElementById("desk-working-copy");
    if (notice) {
      var restore = notice.querySelector("[data-restore]");
      restore.hidden = false;
      restore.addEventListener("click", function () {
        fetch(url, {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}})
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (copy) {
            if (!copy) { return; }
            apply(copy);
            notice.remove();
            say("Your unsaved words are back in the form. Save to keep them.");
          });
      });
    }
  });
})();
