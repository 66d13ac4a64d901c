// The advisor without this file: "Show my plan" loads the page at #advisor-summary. With htmx the
// result is swapped in place; after a press of "Show my plan" (not while typing) this moves the
// reader to the result summary and puts focus on it, as the page load would.
(function () {
  "use strict";
  var moveToSummary = false;

  document.addEventListener(
    "submit",
    function (event) {
      if (event.target.classList && event.target.classList.contains("advisor-form")) moveToSummary = true;
    },
    true
  );

  document.addEventListener("htmx:afterSettle", function () {
    if (!moveToSummary) return;
    var summary = document.getElementById("advisor-summary");
    if (!summary) return;
    moveToSummary = false;
    summary.focus({ preventScroll: true });
    summary.scrollIntoView({ block: "start" });
  });
})();
