"""Every table on the site keeps its words whole, on a phone (390 px) and a laptop (1280 px).

Each word of each table's caption and cells is wrapped in a Range; a word whose client rects sit
on more than one line was broken mid-word (issue 13, item 7: "Cr / ed / en / tia / l").
"""

import pytest

from tests.browser.conftest import WIDTHS, screenshot

PAGES = {
    "advisor": (
        "/advisor/?goal=clinical-case-manager&education=bachelor&field=psychology&cm_months=24&rn_months=999"
    ),
    "advisor-care": "/advisor/?goal=care-manager&education=bachelor&field=nursing&cm_months=6",
    "role-clinical": "/roles/clinical-case-manager/",
    "role-case": "/roles/case-manager/",
    "role-care": "/roles/care-manager/",
    "compare": "/compare/?roles=clinical-case-manager,case-manager,care-manager",
    "compare-differences": "/compare/?roles=clinical-case-manager,care-manager&differences=1",
    "certifications": "/certifications/",
    "certification": "/certifications/ccm/",
    "case-management": "/case-management/",
}

# For each word (a run of letters, digits and the marks that belong inside a word) of every table's
# caption and cells: the distinct line tops its client rects sit on. More than one is a broken word.
BROKEN_WORDS = r"""
() => {
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  const broken = [];
  const tables = [...document.querySelectorAll("main table")];
  tables.forEach((table, index) => {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const style = getComputedStyle(node.parentElement);
      if (style.display === "none" || style.visibility === "hidden") continue;
      if (node.parentElement.closest(".visually-hidden, [hidden]")) continue;
      for (const match of node.data.matchAll(/[\p{L}\p{N}$'’.,%+]+/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
        const lines = new Set(rects.map((rect) => Math.round(rect.top)));
        if (lines.size > 1) {
          const cell = node.parentElement.closest("th, td, caption") ?? node.parentElement;
          const caption = table.querySelector("caption")?.textContent.trim() ?? "no caption";
          const where = `${cell.tagName.toLowerCase()} "${cell.textContent.trim().slice(0, 60)}"`;
          broken.push(`table ${index + 1} (${caption}): "${match[0]}" in ${where} on ${lines.size} lines`);
        }
      }
    }
  });
  return {tables: tables.length, broken};
}
"""


# The innermost elements that reach past the viewport's right edge (outside any scrolling region).
TOO_WIDE = r"""
(width) => [...document.querySelectorAll("main *")]
  .filter((element) => !element.closest(".table-scroll") || element.matches(".table-scroll"))
  .filter((element) => element.getBoundingClientRect().right > width + 1)
  .filter((element) => ![...element.children].some((kid) => kid.getBoundingClientRect().right > width + 1))
  .slice(0, 5)
  .map((element) => `${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 40)}"`)
"""


@pytest.mark.parametrize("name", PAGES)
def test_no_table_breaks_a_word(sized_page, site, name):
    page = sized_page
    page.goto(site + PAGES[name])
    result = page.evaluate(BROKEN_WORDS)
    screenshot(page, f"tables-{name}-{page.width_name}")
    assert result["broken"] == [], "\n".join(result["broken"])
    if page.width_name == "phone":
        too_wide = page.evaluate(TOO_WIDE, WIDTHS["phone"]["width"])
        assert too_wide == [], f"wider than the phone: {too_wide}"


def test_the_pages_with_tables_have_them(browser, site):
    """The list above reaches the tables (so a renamed page cannot make the check pass vacuously)."""
    page = browser.new_page(viewport=WIDTHS["laptop"])
    counts = {}
    for name in ("advisor", "role-clinical", "compare", "case-management"):
        page.goto(site + PAGES[name])
        counts[name] = page.evaluate(BROKEN_WORDS)["tables"]
    page.close()
    assert all(counts.values()), counts
