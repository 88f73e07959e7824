// The page's forms: a fresh token before any form is sent (a second tab or a second sign-in never makes a page
// stale), the rows of a settings form's lists added, moved and removed, people picked from the staff list, and
// each field checked in place with the command line's own rules and messages.
(function () {
  "use strict";

  function fieldId(name) {
    return "isian-" + name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // -- every form: the session's current token, asked for just before sending -----------------------------
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.method.toLowerCase() !== "post" || form.getAttribute("action") === "/masuk" ||
        form.dataset.fresh === "1") { return; }
    var token = form.querySelector("input[name=csrf]");
    if (!token) { return; }
    event.preventDefault();
    var submitter = event.submitter;
    fetch("/sesi/token", {credentials: "same-origin", cache: "no-store"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (answer && answer.token) { token.value = answer.token; }
      })
      .catch(function () { /* sent as it is: the server says plainly when the page was too old */ })
      .then(function () {
        if (submitter && submitter.name) {
          var chosen = document.createElement("input");
          chosen.type = "hidden"; chosen.name = submitter.name; chosen.value = submitter.value;
          form.appendChild(chosen);
        }
        form.dataset.fresh = "1";
        HTMLFormElement.prototype.submit.call(form);
      });
  });

  // -- lists: rows added, moved, removed; names numbered from 1 as the messages name them --------------------
  function renumber(list) {
    var base = list.getAttribute("data-list");
    var rows = list.querySelectorAll(":scope > ol.rows > li.entry");
    var escaped = base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    var namePattern = new RegExp("^" + escaped + "\\[\\d+\\]");
    var idPattern = new RegExp("^" + fieldId(base).replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "-\\d+");
    rows.forEach(function (row, index) {
      var name = base + "[" + (index + 1) + "]", id = fieldId(base) + "-" + (index + 1);
      row.querySelectorAll("[name],[data-for],[data-list],[id],[for]").forEach(function (el) {
        ["name", "data-for", "data-list"].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v !== null) { el.setAttribute(attr, v.replace(namePattern, name)); }
        });
        ["id", "for"].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v !== null) { el.setAttribute(attr, v.replace(idPattern, id)); }
        });
      });
    });
    var max = parseInt(list.getAttribute("data-max") || "0", 10);
    var add = list.querySelector(":scope > button.add");
    if (add && max) { add.disabled = rows.length >= max; }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !button.closest("form.settings")) { return; }
    var list = button.closest("fieldset.list");
    if (!list) { return; }
    var row = button.closest("li.entry");
    if (button.classList.contains("add") && button.parentElement === list) {
      var rows = list.querySelector(":scope > ol.rows");
      var copy = list.querySelector(":scope > template").content.firstElementChild.cloneNode(true);
      rows.appendChild(copy);
      renumber(list);
      var first = copy.querySelector("input, textarea, select");
      if (first) { first.focus(); }
    } else if (row && row.parentElement.parentElement === list) {
      if (button.classList.contains("remove")) {
        row.remove();
      } else if (button.classList.contains("up") && row.previousElementSibling) {
        row.parentElement.insertBefore(row, row.previousElementSibling);
      } else if (button.classList.contains("down") && row.nextElementSibling) {
        row.parentElement.insertBefore(row.nextElementSibling, row);
      } else {
        return;
      }
      renumber(list);
    } else {
      return;
    }
    event.preventDefault();
    schedule(button.closest("form.settings"));
  });

  // -- a person chosen from the staff list fills name, NIP and office -------------------------------------
  document.addEventListener("change", function (event) {
    var pick = event.target;
    if (!pick.classList || !pick.classList.contains("person-pick")) { return; }
    var option = pick.options[pick.selectedIndex];
    if (!option || !option.getAttribute("data-nama")) { return; }
    var section = pick.closest("[data-person]");
    ["nama", "nip", "jabatan"].forEach(function (part) {
      var input = Array.prototype.find.call(section.querySelectorAll("input, textarea"), function (el) {
        return el.name && el.name.slice(-(part.length + 1)) === "." + part;
      });
      if (input) { input.value = option.getAttribute("data-" + part); }
    });
    schedule(pick.closest("form.settings"));
  });

  // -- each field checked in place -----------------------------------------------------------------------
  var timer = null;
  function schedule(form) {
    if (!form) { return; }
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(function () { check(form); }, 350);
  }

  function show(form, problems) {
    form.querySelectorAll(".field-problems").forEach(function (box) { box.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var general = document.getElementById("isian-umum");
    if (general) { general.textContent = ""; }
    problems.forEach(function (p) {
      var box = form.querySelector(".field-problems[data-for='" + p.key.replace(/'/g, "\\'") + "']") || general;
      if (!box) { return; }
      var line = document.createElement("p");
      line.className = "field-problem" + (p.warning ? " warn" : "");
      if (p.found !== null && p.found !== undefined) {
        var found = document.createElement("span");
        found.className = "found";
        found.textContent = "\u201c" + p.found + "\u201d";
        line.appendChild(found);
        line.appendChild(document.createTextNode(": "));
      }
      line.appendChild(document.createTextNode(p.message));
      box.appendChild(line);
      var input = document.getElementsByName(p.key)[0];
      if (input) { input.setAttribute("aria-invalid", "true"); }
    });
    form.setAttribute("data-problems", String(problems.filter(function (p) { return !p.warning; }).length));
  }

  function check(form) {
    var data = new FormData(form);
    fetch(form.getAttribute("data-check"), {method: "POST", body: data, credentials: "same-origin",
                                             headers: {"X-CSRF-Token": data.get("csrf") || ""}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) { if (answer) { show(form, answer.problems); } })
      .catch(function () { /* checked again when saved */ });
  }

  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form.settings");
    if (form && !event.target.classList.contains("person-pick")) { schedule(form); }
  });
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form.settings");
    if (form && event.target.getAttribute("aria-invalid")) { schedule(form); }
  });
}());
// A file chosen: its name beside the page's own button.
document.addEventListener("change", function (event) {
  "use strict";
  var input = event.target;
  if (input.type !== "file" || !input.closest(".file-pick")) { return; }
  var shown = input.closest(".file-pick").querySelector(".file-chosen");
  shown.textContent = input.files.length ? input.files[0].name : "belum dipilih";
});
