// Follow a running job: poll its progress, move the run's bar and each kind's, reload the page when it ends.
(function () {
  "use strict";
  var job = document.querySelector(".job[data-status='berjalan']");
  if (!job) { return; }
  var year = job.getAttribute("data-year");
  var bar = job.querySelector("progress.whole"), percent = job.querySelector(".percent");
  var label = job.querySelector(".job-label");
  function kinds(bars) {
    (bars || []).forEach(function (b) {
      var row = job.querySelector(".kind-bar[data-key='" + b.key + "']");
      if (!row) { return; }
      row.className = "kind-bar " + b.state;
      var progress = row.querySelector("progress"), count = row.querySelector(".kind-count");
      if (b.total) { progress.max = b.total; progress.value = b.done; }
      var text = b.total ? b.done + " dari " + b.total : "";
      if (b.state === "berjalan") { text += " \u00b7 sedang dibuat"; }
      if (b.state === "menunggu") { text = "menunggu"; }
      count.textContent = text;
    });
  }
  function poll() {
    fetch("/tahun/" + year + "/proses", {credentials: "same-origin", cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.status !== "berjalan") {
          if (bar) { bar.value = 100; }
          if (percent) { percent.textContent = "100 %"; }
          window.location.href = "/tahun/" + year + "?selesai=" + encodeURIComponent(s.id || "") + "#proses";
          return;
        }
        if (bar) { bar.value = s.percent; }
        if (percent) { percent.textContent = s.percent + " %"; }
        if (label) { label.textContent = s.label; }
        kinds(s.bars);
        window.setTimeout(poll, 600);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 300);
}());
