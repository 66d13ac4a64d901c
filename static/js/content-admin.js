// The content admin's change pages (roles/admin.py loads this through the admin's Media).
// Jump links open the collapsed section they lead to; a role's slug change asks first; a row
// added to a sortable section gets the next position (its source comes from the page already).
"use strict";

(function () {
  function openSectionOf(target) {
    const own = target.matches(".inline-group") && target.querySelector("fieldset > details");
    if (own) {
      own.open = true;
    }
    for (let element = target; element; element = element.parentElement) {
      if (element.tagName === "DETAILS") {
        element.open = true;
      }
    }
  }

  function targetOf(hash) {
    if (!hash || hash.length < 2) {
      return null;
    }
    return document.getElementById(decodeURIComponent(hash.slice(1)));
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-opens-section]");
    if (!link) {
      return;
    }
    const target = targetOf(link.hash);
    if (target) {
      openSectionOf(target);
    }
  });

  window.addEventListener("hashchange", function () {
    const target = targetOf(window.location.hash);
    if (target) {
      openSectionOf(target);
      target.scrollIntoView();
    }
  });

  document.addEventListener("formset:added", function (event) {
    const row = event.target;
    const position = row.querySelector("input._reorder_");
    const group = row.closest(".inline-group");
    if (!position || !group || position.value) {
      return;
    }
    let highest = 0;
    group.querySelectorAll("input._reorder_").forEach(function (input) {
      const value = parseInt(input.value, 10);
      if (!Number.isNaN(value) && value > highest) {
        highest = value;
      }
    });
    position.value = String(highest + 1);
  });

  document.addEventListener("DOMContentLoaded", function () {
    const initial = targetOf(window.location.hash);
    if (initial) {
      openSectionOf(initial);
    }
    const slug = document.querySelector("input[data-saved-slug]");
    if (slug && slug.form) {
      slug.form.addEventListener("submit", function (event) {
        const saved = slug.dataset.savedSlug;
        if (slug.value.trim() !== saved && !window.confirm(
          "Change this role's slug from “" + saved + "” to “" + slug.value.trim() + "”?\n\n" +
          "Every link to the role's pages stops working, and visitors lose the progress they saved on it."
        )) {
          event.preventDefault();
        }
      });
    }
  });
})();
