// Small progressive enhancements; every feature works without this file.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var copyButton = event.target.closest("[data-copy]");
    if (copyButton) {
      var field = document.querySelector(copyButton.getAttribute("data-copy"));
      if (!field) return;
      field.select();
      var done = function () { copyButton.textContent = "Copied"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
      return;
    }
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
  // Print shows every step's full text and every FAQ answer.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) {
      if (!details.open) { details.setAttribute("data-print-opened", ""); details.open = true; }
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (details) {
      details.open = false; details.removeAttribute("data-print-opened");
    });
  });
})();
