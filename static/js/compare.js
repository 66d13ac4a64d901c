// Compare on a phone: the short rows at a glance come first and the long table of every row
// starts folded (it stays open on wider screens and without JavaScript).
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 48rem)");

  function fold(root) {
    var details = root.querySelector ? root.querySelector("#compare-details") : null;
    if (details && phone.matches) details.open = false;
  }

  document.addEventListener("DOMContentLoaded", function () { fold(document); });
  document.addEventListener("htmx:load", function (event) { fold(event.target.parentNode || document); });
})();
