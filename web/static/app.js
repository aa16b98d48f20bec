// Live Telegram preview of the edit form: the server renders it; without JavaScript the
// "Mettre à jour l'aperçu" button does the same with a full page.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("entree");
  var out = document.getElementById("apercu");
  if (!form || !out) { return; }
  var timer = null;
  function refresh() {
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute("data-preview"), { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { out.innerHTML = html; } })
      .catch(function () {});
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
