// Follow a running job: poll its progress, move the bar, reload the page when it ends.
(function () {
  "use strict";
  var job = document.querySelector(".job[data-status='berjalan']");
  if (!job) { return; }
  var year = job.getAttribute("data-year");
  var bar = job.querySelector("progress"), percent = job.querySelector(".percent");
  var label = job.querySelector(".job-label"), count = job.querySelector(".count");
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
        if (count && s.total) { count.textContent = "(" + s.done + " dari " + s.total + ")"; }
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 300);
}());
