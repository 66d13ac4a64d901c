"""Advisor links made before the advisor's questions changed still open the same answers.

Each address below uses only the parameters the advisor had before (the checkbox
`ccm_supervised`, one `ce_hours` for every kind of continuing education). Each expected verdict
was worked out by hand from the certifying bodies' criteria
and checked against the advisor as it was before the change:

- `ccm_supervised=on` said "a CCM supervised my case management": all the case management months
  given were supervised by a CCM. It now fills "months supervised by a CCM" with those months,
  no more, so CCM verdicts stay as they were.
- `ce_hours` was one answer counted for NASW's relevant CE and ANCC's case-management-nursing CE
  alike; it now fills both new fields (unless the address gives them), so both verdicts stay.
"""

import re

import pytest

CREDENTIALS = ["ccm", "acm-rn", "acm-sw", "cmc", "c-swcm", "c-aswcm", "ancc-cmgt"]
NOT = "Not eligible yet"
NOW = "Eligible now"


def verdicts(html: str) -> list[str]:
    found = []
    for slug in CREDENTIALS:
        row = html.split(f'id="verdict-{slug}"')[1].split("</tr>")[0]
        found.append(re.search(r'class="verdict verdict-[a-z-]+">([^<]+)<', row).group(1).strip())
    return found


OLD_LINKS = [
    # A nurse, a year of case management with the box ticked: CCM's licence + 12 CCM-supervised months.
    (
        "education=bachelor&field=nursing&licenses=rn&cm_months=12&ccm_supervised=on",
        [NOW, NOT, NOT, NOT, NOT, NOT, NOT],
    ),
    # The same 11 months ticked: one month short of the CCM-supervised year (24 months is 13 away).
    (
        "education=bachelor&field=psychology&cm_months=11&ccm_supervised=on",
        ["Eligible in 1 month", NOT, NOT, NOT, NOT, NOT, NOT],
    ),
    # A psychology graduate, 2 years of case management: CCM by degree; CMC II also needs a year of
    # direct client work, which is not under way.
    ("education=bachelor&field=psychology&cm_months=24", [NOW, NOT, NOT, NOT, NOT, NOT, NOT]),
    # An MSW with an MSW-level licence, 24 months (12 in a hospital) and 20 CE hours.
    (
        "education=master&field=social-work-cswe&licenses=msw&cm_months=24&hospital_cm_months=12&ce_hours=20",
        [NOW, NOT, NOW, NOW, NOT, NOW, NOT],
    ),
    # A nurse with 6 hospital months, 1,500 case-management-nursing hours and 30 CE hours:
    # ACM-RN after 6 more months; ANCC's 500 missing hours at 150 a month take 4 months.
    (
        "education=bachelor&field=nursing&licenses=rn&cm_months=24&hospital_cm_months=6&rn_months=30"
        "&cm_nursing_hours=1500&ce_hours=30",
        [NOW, "Eligible in 6 months", NOT, NOT, NOT, NOT, "Eligible in 4 months"],
    ),
    # An RN diploma with 30 months of case management and 24 of direct client work: CMC III in 6 months.
    (
        "education=rn-diploma&licenses=rn&client_months=24&cm_months=30",
        [NOW, NOT, NOT, "Eligible in 6 months", NOT, NOT, NOT],
    ),
    # A BSW with a BSW-level licence and 30 months: CCM by degree; C-SWCM's 36 months in 6.
    (
        "education=bachelor&field=social-work-cswe&licenses=bsw&cm_months=30",
        [NOW, NOT, NOT, NOT, "Eligible in 6 months", NOT, NOT],
    ),
    # An LPN without a degree: no credential's education rule is met.
    ("licenses=lpn&client_months=24&cm_months=36", [NOT] * 7),
    # An associate's in public health: CMC III after 12 more months of care management.
    (
        "education=associate&field=public-health&client_months=24&cm_months=24&interests=older-adults"
        "&goal=care-manager",
        [NOT, NOT, NOT, "Eligible in 12 months", NOT, NOT, NOT],
    ),
    # A counsellor supervising case managers for a year: CCM by the supervisor route.
    (
        "education=master&field=counseling&licenses=lpc&supervisor_months=12",
        [NOW, NOT, NOT, NOT, NOT, NOT, NOT],
    ),
    # Focused on one credential from its certification page.
    (
        "education=master&field=gerontology&cm_months=24&focus=cmc",
        [NOW, NOT, NOT, NOW, NOT, NOT, NOT],
    ),
]


@pytest.mark.parametrize(("query", "expected"), OLD_LINKS)
def test_an_old_advisor_link_gives_the_verdicts_it_gave_before(client, content, query, expected):
    response = client.get("/advisor/?" + query)
    assert response.status_code == 200, "an old link is still served as it is, not redirected"
    assert verdicts(response.content.decode()) == expected


def test_an_old_link_keeps_its_goal_and_interests(client, content):
    html = client.get("/advisor/?" + OLD_LINKS[8][0]).content.decode()
    assert "Your roadmap to Care Manager" in html
    assert "Geriatric Case Manager" in html


def test_the_parameters_of_old_links_are_still_read_in_their_old_order():
    # An old link is served as it is (not redirected) only while its parameters keep their order.
    from roadmap.advisor_views import PARAMETERS

    old = [
        "education",
        "field",
        "licenses",
        "aswb",
        "client_months",
        "cm_months",
        "ccm_supervised",
        "hospital_cm_months",
        "supervisor_months",
        "rn_months",
        "cm_nursing_hours",
        "ce_hours",
        "interests",
        "goal",
        "focus",
    ]
    assert [name for name in PARAMETERS if name in old] == old


def test_an_old_link_is_rewritten_by_the_next_press_of_show_my_plan(client, content):
    html = client.get(
        "/advisor/?education=master&field=social-work-cswe&cm_months=24&ce_hours=20"
    ).content.decode()
    form = html.split('<form class="advisor-form"')[1].split("</form>")[0]
    assert 'name="ce_hours"' not in form
    assert 'name="nursing_ce_hours" value="20"' in form
    assert 'name="social_work_ce_hours" value="20"' in form
