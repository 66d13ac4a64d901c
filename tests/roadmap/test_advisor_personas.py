"""Twenty-five people on the certifying bodies' boundaries, and the verdict each gets for every credential.

Every expected verdict below was written by hand from the certifying bodies' published criteria
(CCMC, ACMA, NACCM, NASW, ANCC), not read off the engine:
"Eligible in N months" is the longest gap on the quickest path, for work already under way.
"""

import pytest

from roadmap.advisor import Answers, certification_verdicts
from tests.roadmap.test_advisor_engine import CERTIFICATIONS

CREDENTIALS = ["ccm", "acm-rn", "acm-sw", "cmc", "c-swcm", "c-aswcm", "ancc-cmgt"]
NOW = "Eligible now"
NOT = "Not eligible yet"

RN_BACHELOR = {"education": "bachelor", "field": "nursing", "licenses": {"rn"}}
BSW = {"education": "bachelor", "field": "social-work-cswe"}
MSW = {"education": "master", "field": "social-work-cswe", "licenses": {"msw"}}
PSYCHOLOGY = {"education": "bachelor", "field": "psychology"}
ANCC_READY = {**RN_BACHELOR, "rn_months": 24, "cm_nursing_hours": 2000, "cm_nursing_ce_hours": 30}

# (who, answers, verdicts for CCM, ACM-RN, ACM-SW, CMC, C-SWCM, C-ASWCM, CMGT-BC)
PERSONAS = [
    ("01 nothing yet", {}, [NOT] * 7),
    (
        # ACMA: 12 months in a health system; 11 → one month. CCM: 24 months of case management → 13.
        "02 nurse, 11 hospital months",
        {**RN_BACHELOR, "cm_months": 11, "health_system_cm_months": 11, "rn_months": 36},
        ["Eligible in 13 months", "Eligible in 1 month", NOT, NOT, NOT, NOT, NOT],
    ),
    (
        "03 nurse, 12 hospital months",
        {**RN_BACHELOR, "cm_months": 12, "health_system_cm_months": 12, "rn_months": 36},
        ["Eligible in 12 months", NOW, NOT, NOT, NOT, NOT, NOT],
    ),
    (
        # NASW C-SWCM: 3 years (36 months) after the BSW; CCM by a related bachelor's + 24 months.
        "04 BSW, 35 months",
        {**BSW, "licenses": {"bsw"}, "cm_months": 35},
        [NOW, NOT, NOT, NOT, "Eligible in 1 month", NOT, NOT],
    ),
    ("05 BSW, 36 months", {**BSW, "licenses": {"bsw"}, "cm_months": 36}, [NOW, NOT, NOT, NOT, NOW, NOT, NOT]),
    (
        # NASW C-ASWCM: 2 years (24 months) after the MSW and 20 CE hours; NACCM I: master's + 24 months.
        "06 MSW, 23 months, 20 CE hours",
        {**MSW, "cm_months": 23, "cm_ce_hours": 20},
        ["Eligible in 1 month", NOT, NOT, "Eligible in 1 month", NOT, "Eligible in 1 month", NOT],
    ),
    (
        "07 MSW, 24 months, 19 CE hours",
        {**MSW, "cm_months": 24, "cm_ce_hours": 19},
        [NOW, NOT, NOT, NOW, NOT, NOT, NOT],
    ),
    (
        "08 MSW, 24 months, 20 CE hours",
        {**MSW, "cm_months": 24, "cm_ce_hours": 20},
        [NOW, NOT, NOT, NOW, NOT, NOW, NOT],
    ),
    # LPN/LVN licences do not qualify for the CCM, and no degree means no NACCM criteria set.
    ("09 LPN only", {"licenses": {"lpn"}, "cm_months": 36, "direct_client_months": 24}, [NOT] * 7),
    (
        "10 NACCM I: master's in gerontology",
        {"education": "master", "field": "gerontology", "cm_months": 24},
        [NOW, NOT, NOT, NOW, NOT, NOT, NOT],
    ),
    (
        "11 NACCM II: bachelor's + 12 direct months",
        {**PSYCHOLOGY, "cm_months": 24, "direct_client_months": 12},
        [NOW, NOT, NOT, NOW, NOT, NOT, NOT],
    ),
    (
        "12 NACCM II: 11 direct months",
        {**PSYCHOLOGY, "cm_months": 24, "direct_client_months": 11},
        [NOW, NOT, NOT, "Eligible in 1 month", NOT, NOT, NOT],
    ),
    (
        # NACCM III: an associate's in a related field + 36 + 24; CCM needs a bachelor's or a licence.
        "13 NACCM III: associate's in nursing",
        {"education": "associate", "field": "nursing", "cm_months": 36, "direct_client_months": 24},
        [NOT, NOT, NOT, NOW, NOT, NOT, NOT],
    ),
    (
        "14 NACCM III: RN diploma, 35 months",
        {"education": "rn-diploma", "licenses": {"rn"}, "cm_months": 35, "direct_client_months": 24},
        [NOW, NOT, NOT, "Eligible in 1 month", NOT, NOT, NOT],
    ),
    (
        "15 NACCM III: bachelor's in another field",
        {"education": "bachelor", "field": "other", "cm_months": 36, "direct_client_months": 24},
        [NOT, NOT, NOT, NOW, NOT, NOT, NOT],
    ),
    ("16 no degree, 5 years of work", {"cm_months": 60, "direct_client_months": 60}, [NOT] * 7),
    # ANCC: RN, 2 years of RN practice, 2,000 hours and 30 CE hours in case management nursing.
    ("17 ANCC exactly", ANCC_READY, [NOT, NOT, NOT, NOT, NOT, NOT, NOW]),
    (
        "18 ANCC, 1,999 hours",
        {**ANCC_READY, "cm_nursing_hours": 1999},
        [NOT, NOT, NOT, NOT, NOT, NOT, "Eligible in 1 month"],
    ),
    (
        "19 ANCC, 23 RN months",
        {**ANCC_READY, "rn_months": 23},
        [NOT, NOT, NOT, NOT, NOT, NOT, "Eligible in 1 month"],
    ),
    (
        # NASW's relevant CE does not stand in for ANCC's case-management-nursing CE.
        "20 ANCC, 29 nursing CE hours but 30 other CE hours",
        {**ANCC_READY, "cm_nursing_ce_hours": 29, "cm_ce_hours": 30},
        [NOT, NOT, NOT, NOT, NOT, NOT, NOT],
    ),
    (
        "21 CCM: 12 months supervised by a CCM",
        {**RN_BACHELOR, "cm_months": 12, "ccm_supervised_months": 12},
        [NOW, NOT, NOT, NOT, NOT, NOT, NOT],
    ),
    (
        # Only 6 of 15 months under a CCM: 6 more on that path, 9 more on the 24-month path.
        "22 CCM: 6 of 15 months supervised by a CCM",
        {**RN_BACHELOR, "cm_months": 15, "ccm_supervised_months": 6},
        ["Eligible in 6 months", NOT, NOT, NOT, NOT, NOT, NOT],
    ),
    (
        "23 CCM: LPC, 11 months supervising",
        {"licenses": {"lpc"}, "supervisor_months": 11},
        ["Eligible in 1 month", NOT, NOT, NOT, NOT, NOT, NOT],
    ),
    (
        "24 social worker, 11 hospital months",
        {"education": "bachelor", "field": "social-work", "cm_months": 11, "health_system_cm_months": 11},
        ["Eligible in 13 months", NOT, "Eligible in 1 month", NOT, NOT, NOT, NOT],
    ),
    (
        # Everything at 600 months: only C-SWCM stays out, as it takes a BSW (the highest degree is an MSW).
        "25 everything at 600 months",
        {
            **MSW,
            "licenses": {"rn", "msw", "lcsw"},
            "aswb_exam": "masters",
            "direct_client_months": 600,
            "cm_months": 600,
            "ccm_supervised_months": 600,
            "health_system_cm_months": 600,
            "supervisor_months": 600,
            "rn_months": 600,
            "cm_nursing_hours": 6240,
            "cm_nursing_ce_hours": 100,
            "cm_ce_hours": 100,
        },
        [NOW, NOW, NOW, NOW, NOT, NOW, NOW],
    ),
]


def test_there_are_twenty_five_personas():
    assert len(PERSONAS) == 25
    assert len({who for who, _, _ in PERSONAS}) == 25


@pytest.mark.parametrize(("who", "answers", "expected"), PERSONAS, ids=[who for who, _, _ in PERSONAS])
def test_each_persona_gets_the_hand_computed_verdict_for_every_credential(who, answers, expected):
    verdicts = certification_verdicts(CERTIFICATIONS, Answers(**answers))
    assert [verdict.slug for verdict in verdicts] == CREDENTIALS
    assert [verdict.status for verdict in verdicts] == expected
