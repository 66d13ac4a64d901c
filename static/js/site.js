// Small progressive enhancements; every feature works without this file.
(function () {
  "use strict";

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? match[1] : null;
  }

  // Public pages are the same for everyone. A visitor who has saved progress (the "progress"
  // cookie says so) gets their marks fetched and swapped in; one who never saved anything
  // makes no request. A "csrftoken" cookie without "progress" means a visitor from before
  // progress moved out of the page: ask once, and the answer sets "progress".
  function loadProgress() {
    var slot = document.querySelector("[data-progress-url]");
    if (!slot || !window.htmx) return;
    var state = cookie("progress");
    if (state === "1" || (state === null && cookie("csrftoken") !== null)) {
      window.htmx.ajax("GET", slot.getAttribute("data-progress-url"), {
        target: slot.getAttribute("data-progress-target"),
        swap: "outerHTML",
      });
    }
  }

  function toggleStep(link) {
    var details = document.getElementById(link.getAttribute("aria-controls"));
    if (!details) return false;
    var open = details.hidden;
    details.hidden = !open;
    link.setAttribute("aria-expanded", open ? "true" : "false");
    var label = link.querySelector("[data-toggle-label]");
    if (label) label.textContent = open ? "Hide details" : "Show details";
    // A mark made while the details are open keeps them open when the list comes back.
    var step = link.closest("li");
    if (step) step.querySelectorAll("[data-open-flag]").forEach(function (flag) { flag.value = open ? "1" : ""; });
    return true;
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-toggle-step]");
    if (toggle && toggleStep(toggle)) {
      event.preventDefault();
      return;
    }
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
      return;
    }
    // A link to a section inside a closed disclosure (or to the disclosure itself) opens it.
    var link = event.target.closest('a[href^="#"]');
    if (link && link.hash.length > 1) openDisclosuresAround(document.getElementById(link.hash.slice(1)));
  });

  function openDisclosuresAround(target) {
    var inner = target && target.querySelector(":scope > details");
    if (inner) inner.open = true;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }
  if (location.hash.length > 1) openDisclosuresAround(document.getElementById(location.hash.slice(1)));

  // Browsers without ::details-content cannot be told in CSS to keep the laptop contents open.
  var contents = document.querySelector(".toc-details");
  if (contents && window.CSS && !CSS.supports("selector(::details-content)") &&
      window.matchMedia("(min-width: 64rem)").matches) {
    contents.open = true;
  }
  // The contents mark the section being read (roadmap.sh and MDN do the same).
  var contentsLinks = document.querySelectorAll('.toc a[href^="#"]');
  if (contentsLinks.length && "IntersectionObserver" in window) {
    var linkFor = {};
    contentsLinks.forEach(function (a) { linkFor[a.hash.slice(1)] = a; });
    var reading = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        contentsLinks.forEach(function (a) { a.removeAttribute("aria-current"); });
        linkFor[entry.target.id].setAttribute("aria-current", "location");
      });
    }, { rootMargin: "0px 0px -75% 0px" });
    Object.keys(linkFor).forEach(function (id) {
      var section = document.getElementById(id);
      if (section) reading.observe(section);
    });
  }

  // Print shows every step's full text and every FAQ answer, and the handout says when it was printed.
  window.addEventListener("beforeprint", function () {
    var printedOn = new Date().toLocaleDateString("en-GB", {
      day: "numeric", month: "long", year: "numeric",
    });
    document.querySelectorAll("[data-printed-on]").forEach(function (slot) {
      slot.textContent = " · Printed " + printedOn;
    });
    document.querySelectorAll("details").forEach(function (details) {
      if (!details.open) { details.setAttribute("data-print-opened", ""); details.open = true; }
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (details) {
      details.open = false; details.removeAttribute("data-print-opened");
    });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", loadProgress);
  } else {
    loadProgress();
  }
})();
