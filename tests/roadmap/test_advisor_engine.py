"""The Career Path Advisor's engine, against the real rules in fixtures/ (no database needed)."""

import datetime
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.advisor import (
    ASWB_EXAMS,
    DEGREE_FIELDS,
    HOUR_FIELDS,
    LICENSES,
    MONTH_FIELDS,
    POPULATIONS,
    STATUS_RANK,
    Answers,
    CertificationRules,
    PathRules,
    RoleFacts,
    StatementRule,
    StepFacts,
    answers_after,
    certification_verdict,
    certification_verdicts,
    matching_specialties,
    measure,
    missing_piece,
    plan_for_role,
    rank_roles,
    requirement_met,
)
from roles.schema import EDUCATION_LEVELS, CertificationsFile, RoleFile, RoleSchema, SourcesFile

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def as_rule(requirement) -> dict:
    """Store a schema requirement as the loader does: a dict with defaults left out."""
    return requirement.model_dump(mode="json", exclude_defaults=True)


def load_certifications() -> list[CertificationRules]:
    sources = {
        source.code: source
        for source in SourcesFile.model_validate(
            yaml.safe_load((FIXTURES / "sources.yaml").read_text())
        ).sources
    }
    certifications = CertificationsFile.model_validate(
        yaml.safe_load((FIXTURES / "certifications.yaml").read_text())
    ).certifications
    return [
        CertificationRules(
            certification.slug,
            certification.code,
            certification.name,
            [
                PathRules(
                    path.key,
                    path.name,
                    [as_rule(requirement) for requirement in path.requirements],
                    sources[path.source].title,
                    sources[path.source].url,
                    sources[path.source].read_on,
                )
                for path in certification.eligibility
            ],
        )
        for certification in sorted(certifications, key=lambda certification: certification.order)
    ]


def role_facts(role: RoleSchema) -> RoleFacts:
    return RoleFacts(
        role.slug,
        role.title,
        [
            StatementRule(
                statement.aspect,
                statement.text,
                as_rule(statement.rule) if statement.rule else None,
                statement.source,
            )
            for statement in role.requirements
        ],
        [
            (specialisation.name, specialisation.populations, specialisation.source)
            for specialisation in role.specialisations
        ],
        [
            (level.title, level.low, level.high, level.open_ended, level.years_min, level.years_max)
            for level in role.salary_ladder
        ],
        [
            StepFacts(step.key, step.number, step.title, [as_rule(rule) for rule in step.covered_when])
            for step in role.steps
        ],
    )


def load_roles() -> list[RoleFacts]:
    roles = [
        RoleFile.model_validate(yaml.safe_load(path.read_text())).role
        for path in sorted((FIXTURES / "roles").glob("*.yaml"))
    ]
    return [role_facts(role) for role in sorted(roles, key=lambda role: role.order)]


CERTIFICATIONS = load_certifications()
CERTIFICATIONS_BY_SLUG = {certification.slug: certification for certification in CERTIFICATIONS}
ROLES = load_roles()
ROLES_BY_SLUG = {role.slug: role for role in ROLES}

ALL_PATHS = [
    (certification.slug, path.key) for certification in CERTIFICATIONS for path in certification.paths
]


def verdict_for(slug: str, **answers):
    return certification_verdict(CERTIFICATIONS_BY_SLUG[slug], Answers(**answers))


PSYCHOLOGY_BACHELOR = {"education": "bachelor", "field": "psychology"}
BSW = {"education": "bachelor", "field": "social-work-cswe"}
MSW = {"education": "master", "field": "social-work-cswe"}
RN = {"education": "bachelor", "field": "nursing", "licenses": {"rn"}}

# (certification, answers, status, path applied, words every missing piece list must contain)
VERDICTS = [
    # CCM — each of its six paths, then near misses
    (
        "ccm",
        {"licenses": {"rn"}, "cm_months": 12, "ccm_supervised_months": 12},
        "Eligible now",
        "licence-ccm-supervised",
        [],
    ),
    ("ccm", {"licenses": {"lcsw"}, "cm_months": 24}, "Eligible now", "licence-24-months", []),
    ("ccm", {"licenses": {"lpc"}, "supervisor_months": 12}, "Eligible now", "licence-supervisor", []),
    (
        "ccm",
        {**PSYCHOLOGY_BACHELOR, "cm_months": 12, "ccm_supervised_months": 12},
        "Eligible now",
        "degree-ccm-supervised",
        [],
    ),
    ("ccm", {**PSYCHOLOGY_BACHELOR, "cm_months": 24}, "Eligible now", "degree-24-months", []),
    (
        "ccm",
        {"education": "master", "field": "nursing", "supervisor_months": 12},
        "Eligible now",
        "degree-supervisor",
        [],
    ),
    ("ccm", {"licenses": {"cdms"}, "cm_months": 30}, "Eligible now", "licence-24-months", []),
    (
        "ccm",
        {"licenses": {"lpn"}, "cm_months": 36},
        "Not eligible yet",
        "licence-24-months",
        ["licence", "LPN/LVN licences do not qualify"],
    ),
    ("ccm", {"licenses": {"bsw"}, "cm_months": 36}, "Not eligible yet", "licence-24-months", ["licence"]),
    (
        "ccm",
        {**PSYCHOLOGY_BACHELOR, "cm_months": 12},
        "Eligible in 12 months",
        "degree-24-months",
        ["needs 12 more months of paid full-time case or care management"],
    ),
    (
        "ccm",
        {**PSYCHOLOGY_BACHELOR, "cm_months": 11, "ccm_supervised_months": 11},
        "Eligible in 1 month",
        "degree-ccm-supervised",
        ["needs 1 more month of full-time case management supervised by a CCM"],
    ),
    (
        "ccm",
        {"education": "bachelor", "field": "other", "cm_months": 24},
        "Not eligible yet",
        "licence-24-months",
        ["licence"],
    ),
    (
        "ccm",
        {"education": "associate", "field": "nursing", "cm_months": 36},
        "Not eligible yet",
        "licence-24-months",
        ["licence"],
    ),
    (
        "ccm",
        {"licenses": {"rn"}},
        "Not eligible yet",
        "licence-ccm-supervised",
        ["needs 12 more months of full-time case management supervised by a CCM"],
    ),
    # ACM-RN
    ("acm-rn", {**RN, "health_system_cm_months": 12}, "Eligible now", "rn-health-system", []),
    (
        "acm-rn",
        {**RN, "health_system_cm_months": 6},
        "Eligible in 6 months",
        "rn-health-system",
        ["needs 6 more months of case management in a hospital or health delivery system"],
    ),
    (
        "acm-rn",
        {**RN, "cm_months": 24},
        "Not eligible yet",
        "rn-health-system",
        ["needs 12 more months of case management in a hospital or health delivery system"],
    ),
    (
        "acm-rn",
        {"education": "bachelor", "field": "social-work", "health_system_cm_months": 12},
        "Not eligible yet",
        "rn-health-system",
        ["registered nurse (RN) licence"],
    ),
    (
        "acm-rn",
        {"licenses": {"lpn"}, "health_system_cm_months": 12},
        "Not eligible yet",
        "rn-health-system",
        ["registered nurse (RN) licence"],
    ),
    # ACM-SW: ACMA says only "social workers"; the advisor takes a social work degree as being one
    (
        "acm-sw",
        {"education": "bachelor", "field": "social-work", "health_system_cm_months": 12},
        "Eligible now",
        "social-worker-health-system",
        [],
    ),
    ("acm-sw", {**MSW, "health_system_cm_months": 40}, "Eligible now", "social-worker-health-system", []),
    (
        "acm-sw",
        {**BSW, "health_system_cm_months": 3},
        "Eligible in 9 months",
        "social-worker-health-system",
        [],
    ),
    (
        "acm-sw",
        {**RN, "health_system_cm_months": 12},
        "Not eligible yet",
        "social-worker-health-system",
        ["social work"],
    ),
    # CMC — criteria I, II and the three ways into III
    (
        "cmc",
        {"education": "master", "field": "counseling", "cm_months": 24},
        "Eligible now",
        "criteria-i",
        [],
    ),
    (
        "cmc",
        {"education": "bachelor", "field": "gerontology", "cm_months": 24, "direct_client_months": 12},
        "Eligible now",
        "criteria-ii",
        [],
    ),
    (
        "cmc",
        {**PSYCHOLOGY_BACHELOR, "cm_months": 24},
        "Not eligible yet",
        "criteria-ii",
        ["needs 12 more months of paid full-time direct client work"],
    ),
    (
        "cmc",
        {**PSYCHOLOGY_BACHELOR, "cm_months": 24, "direct_client_months": 6},
        "Eligible in 6 months",
        "criteria-ii",
        ["needs 6 more months of paid full-time direct client work"],
    ),
    (
        "cmc",
        {**PSYCHOLOGY_BACHELOR, "cm_months": 18, "direct_client_months": 12},
        "Eligible in 6 months",
        "criteria-ii",
        ["needs 6 more months of paid full-time case or care management; paid, full-time"],
    ),
    (
        "cmc",
        {"education": "associate", "field": "public-health", "cm_months": 36, "direct_client_months": 24},
        "Eligible now",
        "criteria-iii-associate",
        [],
    ),
    (
        "cmc",
        {"education": "associate", "field": "public-health", "cm_months": 24, "direct_client_months": 24},
        "Eligible in 12 months",
        "criteria-iii-associate",
        [],
    ),
    (
        "cmc",
        {"education": "rn-diploma", "field": "nursing", "cm_months": 36, "direct_client_months": 24},
        "Eligible now",
        "criteria-iii-rn-diploma",
        [],
    ),
    (
        "cmc",
        {"education": "bachelor", "field": "other", "cm_months": 36, "direct_client_months": 24},
        "Eligible now",
        "criteria-iii-other-degree",
        [],
    ),
    (
        "cmc",
        {"education": "doctorate", "field": "other", "cm_months": 40, "direct_client_months": 30},
        "Eligible now",
        "criteria-iii-other-degree",
        [],
    ),
    # The nearest route, not the first: one more degree (a bachelor's) rather than two (a master's).
    (
        "cmc",
        {"education": "associate", "field": "other", "cm_months": 36, "direct_client_months": 24},
        "Not eligible yet",
        "criteria-ii",
        ["A bachelor's degree in a field related to care management"],
    ),
    (
        "cmc",
        {"cm_months": 60, "direct_client_months": 60},
        "Not eligible yet",
        "criteria-iii-associate",
        ["An associate's degree in a field related to care management"],
    ),
    # C-SWCM
    ("c-swcm", {**BSW, "cm_months": 36, "licenses": {"bsw"}}, "Eligible now", "bsw", []),
    ("c-swcm", {**BSW, "cm_months": 36, "aswb_exam": "bachelors"}, "Eligible now", "bsw", []),
    ("c-swcm", {**BSW, "cm_months": 30, "licenses": {"bsw"}}, "Eligible in 6 months", "bsw", []),
    (
        "c-swcm",
        {**PSYCHOLOGY_BACHELOR, "cm_months": 36, "licenses": {"bsw"}},
        "Not eligible yet",
        "bsw",
        ["A BSW from a CSWE-accredited program"],
    ),
    (
        "c-swcm",
        {"education": "bachelor", "field": "social-work", "cm_months": 36, "licenses": {"bsw"}},
        "Not eligible yet",
        "bsw",
        ["CSWE-accredited"],
    ),
    ("c-swcm", {**BSW, "cm_months": 36}, "Not eligible yet", "bsw", ["ASWB bachelor's exam"]),
    (
        "c-swcm",
        {**BSW, "cm_months": 36, "aswb_exam": "masters"},
        "Not eligible yet",
        "bsw",
        ["ASWB bachelor's exam"],
    ),
    # C-ASWCM
    ("c-aswcm", {**MSW, "cm_months": 24, "cm_ce_hours": 20, "licenses": {"msw"}}, "Eligible now", "msw", []),
    (
        "c-aswcm",
        {**MSW, "cm_months": 24, "cm_ce_hours": 20, "aswb_exam": "masters"},
        "Eligible now",
        "msw",
        [],
    ),
    (
        "c-aswcm",
        {
            "education": "doctorate",
            "field": "social-work-cswe",
            "cm_months": 50,
            "cm_ce_hours": 40,
            "licenses": {"msw"},
        },
        "Eligible now",
        "msw",
        [],
    ),
    (
        "c-aswcm",
        {**MSW, "cm_months": 12, "cm_ce_hours": 20, "licenses": {"msw"}},
        "Eligible in 12 months",
        "msw",
        [],
    ),
    (
        "c-aswcm",
        {**MSW, "cm_months": 24, "cm_ce_hours": 10, "licenses": {"msw"}},
        "Not eligible yet",
        "msw",
        ["needs 10 more hours of relevant continuing education"],
    ),
    (
        "c-aswcm",
        {**MSW, "cm_months": 24, "licenses": {"msw"}},
        "Not eligible yet",
        "msw",
        ["needs 20 more hours of relevant continuing education"],
    ),
    (
        "c-aswcm",
        {**BSW, "cm_months": 24, "cm_ce_hours": 20, "licenses": {"bsw"}},
        "Not eligible yet",
        "msw",
        ["An MSW from a CSWE-accredited program"],
    ),
    (
        "c-aswcm",
        {**MSW, "cm_months": 24, "cm_ce_hours": 20, "aswb_exam": "bachelors"},
        "Not eligible yet",
        "msw",
        ["MSW-level state social work licence"],
    ),
    # ANCC case management nursing (CMGT-BC)
    (
        "ancc-cmgt",
        {**RN, "rn_months": 24, "cm_nursing_hours": 2000, "cm_nursing_ce_hours": 30},
        "Eligible now",
        "rn-case-management-nursing",
        [],
    ),
    (
        "ancc-cmgt",
        {**RN, "rn_months": 24, "cm_nursing_hours": 1500, "cm_nursing_ce_hours": 30},
        "Eligible in 4 months",
        "rn-case-management-nursing",
        ["needs 500 more hours of clinical practice in case management nursing"],
    ),
    (
        "ancc-cmgt",
        {**RN, "rn_months": 18, "cm_nursing_hours": 2000, "cm_nursing_ce_hours": 30},
        "Eligible in 6 months",
        "rn-case-management-nursing",
        ["needs 6 more months of full-time practice as a registered nurse"],
    ),
    (
        "ancc-cmgt",
        {**RN, "rn_months": 20, "cm_nursing_hours": 1000, "cm_nursing_ce_hours": 30},
        "Eligible in 7 months",
        "rn-case-management-nursing",
        [],
    ),
    (
        "ancc-cmgt",
        {**RN, "rn_months": 24, "cm_nursing_hours": 2000, "cm_nursing_ce_hours": 29},
        "Not eligible yet",
        "rn-case-management-nursing",
        ["needs 1 more hour of continuing education in case management nursing within the last 3 years"],
    ),
    (
        "ancc-cmgt",
        {**RN, "rn_months": 24, "cm_nursing_ce_hours": 30},
        "Not eligible yet",
        "rn-case-management-nursing",
        ["needs 2,000 more hours of clinical practice in case management nursing within the last 3 years"],
    ),
    (
        "ancc-cmgt",
        {"licenses": {"lpn"}, "rn_months": 24, "cm_nursing_hours": 2000, "cm_nursing_ce_hours": 30},
        "Not eligible yet",
        "rn-case-management-nursing",
        ["An active RN licence"],
    ),
]


class TestCertificationVerdicts:
    @pytest.mark.parametrize(
        ("slug", "answers", "status", "path_key", "missing_words"),
        VERDICTS,
        ids=[f"{case[0]}-{case[3]}-{case[2]}-{index}" for index, case in enumerate(VERDICTS)],
    )
    def test_the_verdict_follows_the_certifying_bodys_rules(
        self, slug, answers, status, path_key, missing_words
    ):
        verdict = verdict_for(slug, **answers)
        assert verdict.status == status
        assert verdict.path.key == path_key
        missing = " | ".join(verdict.missing)
        for words in missing_words:
            assert words in missing

    def test_every_eligibility_path_is_exercised_by_an_eligible_case(self):
        eligible = {(slug, path_key) for slug, _, status, path_key, _ in VERDICTS if status == "Eligible now"}
        assert eligible == set(ALL_PATHS)

    def test_every_certification_has_a_near_miss(self):
        near_misses = {slug for slug, _, status, _, _ in VERDICTS if status != "Eligible now"}
        assert near_misses == set(CERTIFICATIONS_BY_SLUG)

    def test_an_rn_with_enough_case_management_nursing_is_eligible_now_for_ancc(self):
        verdict = verdict_for("ancc-cmgt", **RN, rn_months=24, cm_nursing_hours=2000, cm_nursing_ce_hours=30)
        assert (verdict.status, verdict.status_kind, verdict.months, verdict.missing) == (
            "Eligible now",
            "now",
            None,
            [],
        )

    def test_an_rn_500_hours_short_is_eligible_in_4_months(self):
        verdict = verdict_for("ancc-cmgt", **RN, rn_months=24, cm_nursing_hours=1500, cm_nursing_ce_hours=30)
        assert (verdict.status, verdict.status_kind, verdict.months) == ("Eligible in 4 months", "later", 4)

    def test_an_lpn_without_a_degree_is_told_about_the_licence(self):
        verdict = verdict_for("ccm", licenses={"lpn"}, cm_months=36)
        assert verdict.status_kind == "not-yet"
        assert verdict.missing == [
            "A current, active, unrestricted licence or certification in a health or human services "
            "discipline that allows independent practice (such as RN, LCSW, LMSW, LPC, CRC or CDMS); "
            "casemanagementstudyguide.com, CCMC's study-guide site, adds that LPN/LVN licences do not qualify"
        ]

    def test_a_psychology_graduate_qualifies_for_ccm_by_experience(self):
        assert verdict_for("ccm", **PSYCHOLOGY_BACHELOR, cm_months=24).status == "Eligible now"
        assert verdict_for("ccm", **PSYCHOLOGY_BACHELOR, cm_months=12, ccm_supervised_months=12).status == (
            "Eligible now"
        )
        assert verdict_for("ccm", **PSYCHOLOGY_BACHELOR, cm_months=12).status == "Eligible in 12 months"

    def test_cmc_criteria_ii_waits_for_direct_client_work_only_while_it_is_going_on(self):
        without = verdict_for("cmc", **PSYCHOLOGY_BACHELOR, cm_months=24, direct_client_months=0)
        ongoing = verdict_for("cmc", **PSYCHOLOGY_BACHELOR, cm_months=24, direct_client_months=6)
        assert without.status == "Not eligible yet"
        assert ongoing.status == "Eligible in 6 months"

    def test_a_missing_piece_reads_as_plain_words_with_its_note(self):
        verdict = verdict_for("cmc", **PSYCHOLOGY_BACHELOR, cm_months=24, direct_client_months=6)
        assert verdict.missing == [
            "needs 6 more months of paid full-time direct client work; "
            "paid, full-time (at least 35 hours a week; part-time converts)"
        ]

    def test_continuing_education_never_comes_by_itself(self):
        verdict = verdict_for("c-aswcm", **MSW, cm_months=24, cm_ce_hours=0, licenses={"msw"})
        assert verdict.status == "Not eligible yet"
        assert verdict.missing == ["needs 20 more hours of relevant continuing education"]

    def test_a_psychology_bachelors_is_not_a_bsw(self):
        verdict = verdict_for("c-swcm", **PSYCHOLOGY_BACHELOR, cm_months=48, aswb_exam="bachelors")
        assert verdict.status == "Not eligible yet"
        assert verdict.missing == [
            "A BSW from a CSWE-accredited program; NASW accepts only the BSW or MSW; no other degrees"
        ]

    def test_the_verdict_names_the_path_and_its_source(self):
        verdict = verdict_for("acm-rn", **RN, health_system_cm_months=12)
        assert verdict.path.name == "Registered nurse + 12 months of health-system case management"
        assert (
            verdict.path.source_title
            == "American Case Management Association (ACMA), ACM certification information"
        )
        assert verdict.path.source_url.startswith("https://acmaweb.org/")
        assert verdict.path.read_on == datetime.date(2026, 11, 23)

    def test_the_closest_path_has_the_fewest_unmet_requirements(self):
        # Licence paths lack one thing (the licence); degree paths lack the degree and experience.
        verdict = verdict_for("ccm", licenses={"lpn"}, cm_months=36)
        assert verdict.path.key == "licence-24-months"

    def test_on_a_tie_the_closest_path_is_the_one_lacking_only_experience(self):
        # Criteria I lacks a master's, criteria II a year of direct client work: one piece each.
        verdict = verdict_for("cmc", **PSYCHOLOGY_BACHELOR, cm_months=24)
        assert verdict.path.key == "criteria-ii"

    def test_the_quickest_path_is_shown_when_several_are_a_wait_away(self):
        verdict = verdict_for(
            "ccm", licenses={"rn"}, cm_months=10, ccm_supervised_months=10, supervisor_months=11
        )
        assert (verdict.path.key, verdict.months) == ("licence-supervisor", 1)

    def test_a_certification_without_paths_is_not_eligible_yet_with_nothing_listed(self):
        verdict = certification_verdict(CertificationRules("new", "NEW", "New"), Answers())
        assert (verdict.status, verdict.missing, verdict.path) == ("Not eligible yet", [], None)

    def test_verdicts_come_back_one_per_certification_in_order(self):
        verdicts = certification_verdicts(CERTIFICATIONS, Answers())
        assert [verdict.slug for verdict in verdicts] == [
            certification.slug for certification in CERTIFICATIONS
        ]


class TestRequirements:
    def test_a_degree_needs_the_level_and_one_of_the_fields(self):
        rule = {"kind": "degree", "text": "A degree", "levels": ["bachelor"], "fields": ["nursing"]}
        assert requirement_met(rule, Answers(education="bachelor", field="nursing"))
        assert not requirement_met(rule, Answers(education="bachelor", field="psychology"))
        assert not requirement_met(rule, Answers(education="master", field="nursing"))

    def test_a_degree_without_fields_takes_any_field(self):
        rule = {"kind": "degree", "text": "An RN diploma", "levels": ["rn-diploma"]}
        assert requirement_met(rule, Answers(education="rn-diploma", field="nursing"))
        assert requirement_met(rule, Answers(education="rn-diploma"))

    def test_a_credential_is_a_licence_held_or_an_exam_passed(self):
        rule = {"kind": "credential", "text": "A licence", "licenses": ["bsw"], "aswb_exams": ["bachelors"]}
        assert requirement_met(rule, Answers(licenses={"bsw", "rn"}))
        assert requirement_met(rule, Answers(aswb_exam="bachelors"))
        assert not requirement_met(rule, Answers(licenses={"msw"}, aswb_exam="masters"))
        assert not requirement_met({"kind": "credential", "text": "A licence", "licenses": ["rn"]}, Answers())

    def test_experience_is_met_from_the_minimum_on(self):
        rule = {"kind": "experience", "text": "A year", "measure": "cm_months", "minimum": 12}
        assert not requirement_met(rule, Answers(cm_months=11))
        assert requirement_met(rule, Answers(cm_months=12))

    def test_supervised_months_count_only_when_a_ccm_supervised_them(self):
        assert measure(Answers(cm_months=14, ccm_supervised_months=6), "cm_months_ccm_supervised") == 6
        assert measure(Answers(cm_months=14), "cm_months_ccm_supervised") == 0
        assert measure(Answers(cm_nursing_hours=700), "cm_nursing_hours") == 700

    def test_an_unknown_measure_is_an_error(self):
        with pytest.raises(ValueError, match="unknown measure"):
            measure(Answers(), "years")

    def test_a_missing_piece_for_a_degree_is_its_text_and_note(self):
        rule = {
            "kind": "degree",
            "text": "A BSW.",
            "levels": ["bachelor"],
            "note": "LPN/LVN licences do not qualify.",
        }
        assert missing_piece(rule, Answers()) == "A BSW; LPN/LVN licences do not qualify"


class TestAnswers:
    def test_sets_may_be_given_as_lists(self):
        answers = Answers(licenses=["rn", "rn"], populations=["older-adults"])
        assert answers.licenses == frozenset({"rn"})
        assert answers.populations == frozenset({"older-adults"})

    @pytest.mark.parametrize(
        "wrong",
        [
            {"education": "phd"},
            {"field": "law"},
            {"licenses": {"md"}},
            {"aswb_exam": "doctoral"},
            {"populations": {"veterans"}},
            {"cm_months": -1},
            {"cm_nursing_hours": 1.5},
            {"rn_months": True},
            {"ccm_supervised_months": "12"},
            {"cm_months": 6.25},
        ],
    )
    def test_it_refuses_values_outside_the_schema(self, wrong):
        with pytest.raises(ValueError):
            Answers(**wrong)

    def test_it_is_immutable(self):
        with pytest.raises(AttributeError):
            Answers().cm_months = 3

    def test_time_moves_only_the_work_under_way(self):
        later = answers_after(
            Answers(cm_months=5, direct_client_months=0, cm_nursing_hours=100, cm_ce_hours=8, rn_months=2), 3
        )
        assert (later.cm_months, later.direct_client_months, later.rn_months) == (8, 0, 5)
        assert (later.cm_nursing_hours, later.cm_ce_hours) == (550, 8)


class TestRoleRanking:
    def test_a_met_rule_is_a_reason_with_its_source(self):
        fit = next(
            fit for fit in rank_roles(Answers(**PSYCHOLOGY_BACHELOR), ROLES) if fit.slug == "case-manager"
        )
        assert (
            "Your psychology degree meets what the article asks for: "
            "A bachelor's degree in social work, nursing, psychology or a related field",
            "001",
        ) in fit.reasons

    def test_an_unmet_rule_is_an_obstacle_with_what_is_missing(self):
        fit = next(
            fit for fit in rank_roles(Answers(**PSYCHOLOGY_BACHELOR), ROLES) if fit.slug == "case-manager"
        )
        assert fit.obstacles == [
            (
                "The article asks for: "
                "At least 1 year (12 months) of experience in a related human services field; "
                "you need 12 more months of paid full-time direct client work",
                "001",
            )
        ]
        assert fit.score == 3 - 2

    def test_a_clinical_social_worker_ranks_the_clinical_role_first(self):
        answers = Answers(**MSW, licenses={"lcsw"}, direct_client_months=24)
        fits = rank_roles(answers, ROLES)
        assert [(fit.slug, fit.score) for fit in fits] == [
            ("clinical-case-manager", 15),
            ("case-manager", 6),
            ("care-manager", 3),
        ]

    def test_someone_starting_out_sees_the_least_demanding_role_first(self):
        fits = rank_roles(Answers(), ROLES)
        # Clinical case manager: a bachelor's and a master's missing (-4), then its nearer route,
        # nursing, with one rule missing (-2) rather than clinical social work's three (-6).
        assert [(fit.slug, fit.score) for fit in fits] == [
            ("care-manager", -2),
            ("case-manager", -4),
            ("clinical-case-manager", -6),
        ]
        assert all(fit.obstacles for fit in fits)
        assert not any(fit.reasons for fit in fits)

    def test_the_goal_adds_five_and_says_so(self):
        fit = next(
            fit for fit in rank_roles(Answers(goal="care-manager"), ROLES) if fit.slug == "care-manager"
        )
        assert fit.score == 5 - 2
        assert fit.reasons[0] == ("It is the role you are aiming for", "")

    def test_a_matching_specialisation_adds_two_and_is_named(self):
        answers = Answers(populations={"older-adults", "mental-health"})
        fit = next(fit for fit in rank_roles(answers, ROLES) if fit.slug == "care-manager")
        assert fit.score == -2 + 2 + 2
        assert fit.reasons == [
            ("Its specialisation Geriatric care management matches your interest in older adults", "004"),
            ("Its specialisation Psychiatric care management matches your interest in mental health", "004"),
        ]

    def test_a_population_counts_once_per_role(self):
        role = RoleFacts(
            "r", "R", specialisations=[("A", ["older-adults"], "001"), ("B", ["older-adults"], "001")]
        )
        (fit,) = rank_roles(Answers(populations={"older-adults"}), [role])
        assert fit.score == 2
        assert len(fit.reasons) == 1

    def test_equal_scores_keep_the_order_given(self):
        roles = [RoleFacts(slug, slug.title()) for slug in ("b", "a", "c")]
        assert [fit.slug for fit in rank_roles(Answers(), roles)] == ["b", "a", "c"]

    def test_statements_without_a_rule_do_not_count(self):
        role = RoleFacts("r", "R", requirements=[StatementRule("education", "Prose only.", None, "004")])
        (fit,) = rank_roles(Answers(), [role])
        assert (fit.score, fit.reasons, fit.obstacles) == (0, [], [])


class TestPlan:
    def test_steps_are_covered_only_when_every_condition_holds(self):
        answers = Answers(**PSYCHOLOGY_BACHELOR, direct_client_months=12)
        plan = plan_for_role(answers, ROLES_BY_SLUG["case-manager"])
        covered = [step.key for step in plan.steps if step.covered]
        assert covered == ["obtain-a-relevant-educational-degree", "gain-experience-in-human-services"]
        assert [step.number for step in plan.steps] == list(range(1, 11))
        assert plan.next_steps[0].key == "understand-the-role"
        assert [step.key for step in plan.next_steps] == [step.key for step in plan.steps if not step.covered]

    def test_a_working_case_manager_with_a_masters_has_covered_the_clinical_degree_steps(self):
        answers = Answers(education="master", field="counseling", direct_client_months=12, cm_months=6)
        plan = plan_for_role(answers, ROLES_BY_SLUG["clinical-case-manager"])
        assert [step.key for step in plan.steps if step.covered] == [
            "obtain-a-bachelors-degree",
            "gain-relevant-experience",
            "pursue-a-masters-degree",
            "search-for-positions",
        ]

    def test_steps_without_conditions_are_never_covered(self):
        everything = Answers(
            education="doctorate",
            field="nursing",
            licenses=set(LICENSES),
            direct_client_months=200,
            cm_months=200,
            supervisor_months=200,
        )
        for role in ROLES:
            for step, planned in zip(role.steps, plan_for_role(everything, role).steps, strict=True):
                assert planned.covered == bool(step.covered_when)

    def test_someone_without_a_degree_or_experience_is_five_years_from_entry(self):
        plan = plan_for_role(Answers(), ROLES_BY_SLUG["case-manager"])
        assert [(point.stage, point.when, point.title, point.low, point.high) for point in plan.timeline] == [
            ("Entry level", "about 5 years", "Entry-Level Case Manager", 35000, 45000),
            ("Mid level", "about 7 years", "Mid-Level Case Manager", 45000, 60000),
            ("Senior level", "about 10 years", "Senior Case Manager", 60000, 80000),
        ]

    @pytest.mark.parametrize(
        ("answers", "whens"),
        [
            ({**PSYCHOLOGY_BACHELOR, "direct_client_months": 12}, ["now", "about 2 years", "about 5 years"]),
            (
                {**PSYCHOLOGY_BACHELOR, "direct_client_months": 6},
                ["about 6 months", "about 3 years", "about 6 years"],
            ),
            # An RN diploma is not four years of study from an entry job: the articles give no length
            # for the bachelor's it still needs, so the wait counts from it.
            (
                {"education": "rn-diploma", "field": "nursing", "direct_client_months": 30},
                [
                    "once you hold a bachelor's degree",
                    "about 2 years after your bachelor's degree",
                    "about 5 years after your bachelor's degree",
                ],
            ),
            (
                {"education": "associate", "field": "nursing", "direct_client_months": 12},
                [
                    "once you hold a bachelor's degree",
                    "about 2 years after your bachelor's degree",
                    "about 5 years after your bachelor's degree",
                ],
            ),
            ({**PSYCHOLOGY_BACHELOR, "cm_months": 36}, ["now", "now", "about 2 years"]),
            ({**PSYCHOLOGY_BACHELOR, "cm_months": 18}, ["now", "about 6 months", "about 4 years"]),
            # 13 months to go is about 1 year, not 2.
            ({**PSYCHOLOGY_BACHELOR, "cm_months": 11}, ["now", "about 1 year", "about 4 years"]),
            # Supervising case managers is past the entry job, and counts as experience.
            ({**PSYCHOLOGY_BACHELOR, "supervisor_months": 12}, ["now", "about 1 year", "about 4 years"]),
            ({"cm_months": 80}, ["now", "now", "now"]),
        ],
    )
    def test_the_timeline_counts_study_experience_and_years_in_case_management(self, answers, whens):
        # Case manager: the only role whose article gives a length for the prior experience (001's 1-3 years).
        plan = plan_for_role(Answers(**answers), ROLES_BY_SLUG["case-manager"])
        assert [point.when for point in plan.timeline] == whens
        assert [point.stage for point in plan.timeline] == ["Entry level", "Mid level", "Senior level"]

    @pytest.mark.parametrize("slug", ["clinical-case-manager", "care-manager"])
    def test_experience_whose_article_gives_no_length_adds_no_time(self, slug):
        # Articles 000 and 004 ask for experience before the first job but say not how long.
        role = ROLES_BY_SLUG[slug]
        no_experience = plan_for_role(Answers(**PSYCHOLOGY_BACHELOR), role)
        some_experience = plan_for_role(Answers(**PSYCHOLOGY_BACHELOR, direct_client_months=1), role)
        assert [point.when for point in no_experience.timeline] == ["now", "about 2 years", "about 5 years"]
        assert no_experience.timeline == some_experience.timeline
        assert not no_experience.steps[2].covered and some_experience.steps[2].covered

    def test_a_role_whose_steps_ask_for_no_experience_adds_no_year(self):
        role = RoleFacts(
            "r", "R", salary_levels=[("Entry", 1, 2, False, 0, 2)], steps=[StepFacts("s", 1, "S")]
        )
        assert plan_for_role(Answers(**PSYCHOLOGY_BACHELOR), role).timeline == [
            ("Entry level", 0, "Entry", 1, 2, False, False)
        ]

    def test_the_timeline_shows_only_the_levels_a_role_has(self):
        assert plan_for_role(Answers(), RoleFacts("r", "R")).timeline == []


class TestSpecialties:
    def test_it_keeps_those_sharing_a_population_in_order(self):
        specialties = [
            ("Geriatric care management", ["older-adults"], "004", "specialisation"),
            ("Social services", [], "001", "specialisation"),
            ("Hospital case manager", ["hospital-patients", "older-adults"], "003", "type"),
            ("Child welfare", ["children-families"], "001", "specialisation"),
        ]
        answers = Answers(populations={"older-adults"})
        assert matching_specialties(answers, specialties) == [specialties[0], specialties[2]]
        assert matching_specialties(Answers(), specialties) == []


# --- properties over arbitrary answers -----------------------------------------------------------


@st.composite
def any_answers(draw) -> Answers:
    education = draw(st.sampled_from(EDUCATION_LEVELS))
    return Answers(
        education=education,
        field="" if education == "none" else draw(st.sampled_from(DEGREE_FIELDS)),
        licenses=draw(st.frozensets(st.sampled_from(LICENSES))),
        aswb_exam=draw(st.sampled_from(("", *ASWB_EXAMS))),
        direct_client_months=draw(st.integers(0, 60)),
        cm_months=draw(st.integers(0, 60)),
        ccm_supervised_months=draw(st.integers(0, 60)),
        health_system_cm_months=draw(st.integers(0, 40)),
        supervisor_months=draw(st.integers(0, 30)),
        rn_months=draw(st.integers(0, 40)),
        cm_nursing_hours=draw(st.integers(0, 3000)),
        cm_nursing_ce_hours=draw(st.integers(0, 40)),
        cm_ce_hours=draw(st.integers(0, 40)),
        populations=draw(st.frozensets(st.sampled_from(POPULATIONS))),
        goal=draw(st.sampled_from(("not-sure", *ROLES_BY_SLUG))),
    )


STATUS = re.compile(r"^(Eligible now|Eligible in (1 month|([2-9]|[1-9]\d+) months)|Not eligible yet)$")


@settings(max_examples=300, deadline=None)
@given(any_answers())
def test_every_certification_gets_exactly_one_well_formed_status(answers):
    for verdict in certification_verdicts(CERTIFICATIONS, answers):
        assert STATUS.match(verdict.status)
        if verdict.status_kind == "now":
            assert (verdict.status, verdict.months, verdict.missing) == ("Eligible now", None, [])
        elif verdict.status_kind == "later":
            assert verdict.months >= 1
            assert verdict.status == f"Eligible in {verdict.months} month{'' if verdict.months == 1 else 's'}"
            assert verdict.missing
        else:
            assert (verdict.status, verdict.months) == ("Not eligible yet", None)
            assert verdict.missing


@settings(max_examples=300, deadline=None)
@given(any_answers(), st.sampled_from((*MONTH_FIELDS, *HOUR_FIELDS)), st.integers(1, 48))
def test_more_experience_never_makes_a_verdict_worse(answers, name, extra):
    more = Answers(**{**answers.__dict__, name: getattr(answers, name) + extra})
    for before, after in zip(
        certification_verdicts(CERTIFICATIONS, answers),
        certification_verdicts(CERTIFICATIONS, more),
        strict=True,
    ):
        assert STATUS_RANK[after.status_kind] >= STATUS_RANK[before.status_kind]
        if before.status_kind == after.status_kind == "later":
            assert after.months <= before.months


@settings(max_examples=300, deadline=None)
@given(any_answers())
def test_eligible_in_n_months_means_eligible_after_exactly_n_months_of_the_same_work(answers):
    for certification in CERTIFICATIONS:
        verdict = certification_verdict(certification, answers)
        if verdict.status_kind != "later":
            continue
        assert (
            certification_verdict(certification, answers_after(answers, verdict.months)).status_kind == "now"
        )
        assert (
            certification_verdict(certification, answers_after(answers, verdict.months - 1)).status_kind
            != "now"
        )


@settings(max_examples=200, deadline=None)
@given(any_answers())
def test_rank_roles_returns_every_role_once_best_first(answers):
    fits = rank_roles(answers, ROLES)
    assert sorted(fit.slug for fit in fits) == sorted(ROLES_BY_SLUG)
    scores = [fit.score for fit in fits]
    assert scores == sorted(scores, reverse=True)
    for fit in fits:
        assert fit.score == (
            3
            * sum(
                "meets what the article asks for" in text or "counts toward what the article asks for" in text
                for text, _ in fit.reasons
            )
            - 2 * len(fit.obstacles)
            + 5 * (fit.slug == answers.goal)
            + 2
            * len(
                {
                    population
                    for name, populations, _ in fit.role.specialisations
                    for population in populations
                }
                & answers.populations
            )
        )


@settings(max_examples=200, deadline=None)
@given(any_answers())
def test_plan_timeline_years_never_go_down(answers):
    for role in ROLES:
        plan = plan_for_role(answers, role)
        months = [point.months_from_now for point in plan.timeline]
        assert months == sorted(months)
        assert all(month >= 0 for month in months)
        assert len(plan.timeline) == 3
        assert [step.key for step in plan.next_steps] == [step.key for step in plan.steps if not step.covered]


# --- boundaries, ties and wording, on small hand-made rules ----------------------------------------


def experience(measure_name: str, minimum: int, text: str = "Experience.", **extra) -> dict:
    return {"kind": "experience", "text": text, "measure": measure_name, "minimum": minimum, **extra}


def one_path(*requirements, key: str = "only") -> CertificationRules:
    return CertificationRules(
        "cert", "CERT", "A certification", [PathRules(key, key.title(), list(requirements))]
    )


class TestWaitBoundaries:
    @pytest.mark.parametrize(
        ("months_done", "status", "months", "missing"),
        [
            (35, "Eligible in 1 month", 1, "needs 1 more month of paid full-time case or care management"),
            (
                25,
                "Eligible in 11 months",
                11,
                "needs 11 more months of paid full-time case or care management",
            ),
            (
                23,
                "Eligible in 13 months",
                13,
                "needs 13 more months of paid full-time case or care management",
            ),
            (
                11,
                "Eligible in 25 months",
                25,
                "needs 25 more months of paid full-time case or care management",
            ),
            (
                1,
                "Eligible in 35 months",
                35,
                "needs 35 more months of paid full-time case or care management",
            ),
            (36, "Eligible now", None, None),
        ],
    )
    def test_a_months_gap_is_a_wait_of_that_many_months(self, months_done, status, months, missing):
        verdict = certification_verdict(one_path(experience("cm_months", 36)), Answers(cm_months=months_done))
        assert (verdict.status, verdict.months) == (status, months)
        assert verdict.missing == ([missing] if missing else [])

    @pytest.mark.parametrize(
        ("hours_done", "status"),
        [(1999, "Eligible in 1 month"), (1850, "Eligible in 1 month"), (1849, "Eligible in 2 months")],
    )
    def test_nursing_hours_come_at_150_a_month(self, hours_done, status):
        rule = experience("cm_nursing_hours", 2000)
        assert certification_verdict(one_path(rule), Answers(cm_nursing_hours=hours_done)).status == status

    def test_a_gap_of_thousands_of_hours_is_written_with_a_separator(self):
        verdict = certification_verdict(one_path(experience("cm_nursing_hours", 2000)), Answers())
        assert verdict.missing == [
            "needs 2,000 more hours of clinical practice in case management nursing within the last 3 years"
        ]

    @pytest.mark.parametrize(
        ("direct_client_months", "years"),
        [
            (35, ["about 1 month", "about 2 years", "about 5 years"]),
            (25, ["about 11 months", "about 3 years", "about 6 years"]),
            (23, ["about 1 year", "about 3 years", "about 6 years"]),
            (11, ["about 2 years", "about 4 years", "about 7 years"]),
        ],
    )
    def test_missing_prior_experience_counts_in_months_said_to_the_nearest_year(
        self, direct_client_months, years
    ):
        # Steps ask for 36 months of direct client work, so 1, 11, 13 and 25 months are missing.
        role = RoleFacts(
            "r",
            "R",
            salary_levels=[
                ("Entry", 1, 2, False, 0, 2),
                ("Mid", 2, 3, False, None, 5),
                ("Top", 3, 4, True, None, None),
            ],
            steps=[StepFacts("gain", 1, "Gain experience", [experience("direct_client_months", 36)])],
        )
        answers = Answers(**PSYCHOLOGY_BACHELOR, direct_client_months=direct_client_months)
        assert [point.when for point in plan_for_role(answers, role).timeline] == years

    def test_a_single_month_in_case_management_means_holding_an_entry_job(self):
        plan = plan_for_role(Answers(cm_months=1), ROLES_BY_SLUG["case-manager"])
        assert [point.months_from_now for point in plan.timeline] == [0, 23, 59]

    def test_a_single_month_of_work_keeps_growing(self):
        verdict = certification_verdict(one_path(experience("cm_months", 24)), Answers(cm_months=1))
        assert verdict.status == "Eligible in 23 months"


class TestTimelineYears:
    def test_salary_levels_without_years_min_start_at_2_and_5_years(self):
        role = RoleFacts(
            "r",
            "R",
            salary_levels=[
                ("Entry", 30, 40, False, None, None),
                ("Mid", 40, 50, False, None, None),
                ("Top", 50, 60, True, None, None),
            ],
        )
        assert plan_for_role(Answers(**PSYCHOLOGY_BACHELOR), role).timeline == [
            ("Entry level", 0, "Entry", 30, 40, False, False),
            ("Mid level", 24, "Mid", 40, 50, False, False),
            ("Senior level", 60, "Top", 50, 60, True, False),
        ]

    def test_salary_levels_with_years_min_use_them(self):
        role = RoleFacts(
            "r",
            "R",
            salary_levels=[
                ("Entry", 30, 40, False, 0, 3),
                ("Mid", 40, 50, False, 3, 8),
                ("Top", 50, 60, True, 8, None),
            ],
        )
        answers = Answers(**PSYCHOLOGY_BACHELOR, cm_months=18)
        assert [point.months_from_now for point in plan_for_role(answers, role).timeline] == [0, 18, 78]

    def test_the_plan_names_the_role_and_its_steps(self):
        plan = plan_for_role(Answers(), ROLES_BY_SLUG["care-manager"])
        assert (plan.slug, plan.title) == ("care-manager", "Care Manager")
        assert plan.steps[0].title == "Understand the Role of a Care Manager"


class TestPathTies:
    def test_equal_waits_show_the_first_path(self):
        certification = CertificationRules(
            "cert",
            "CERT",
            "A certification",
            [
                PathRules("supervisor", "Supervisor", [experience("supervisor_months", 12)]),
                PathRules("case-management", "Case management", [experience("cm_months", 12)]),
            ],
        )
        verdict = certification_verdict(certification, Answers(supervisor_months=6, cm_months=6))
        assert (verdict.status, verdict.path.key) == ("Eligible in 6 months", "supervisor")
        verdict = certification_verdict(certification, Answers(supervisor_months=12, cm_months=12))
        assert (verdict.status, verdict.path.key) == ("Eligible now", "supervisor")
        verdict = certification_verdict(certification, Answers(supervisor_months=5, cm_months=6))
        assert (verdict.status, verdict.path.key) == ("Eligible in 6 months", "case-management")

    def test_a_path_with_nothing_to_meet_is_met_now(self):
        verdict = certification_verdict(one_path(), Answers())
        assert (verdict.status, verdict.months, verdict.missing) == ("Eligible now", None, [])

    def test_the_verdict_carries_the_certifications_code_and_name(self):
        verdict = certification_verdict(CERTIFICATIONS_BY_SLUG["ccm"], Answers())
        assert (verdict.slug, verdict.code, verdict.name) == ("ccm", "CCM", "Certified Case Manager")


class TestReasonWording:
    def fit(self, answers: Answers, *rules, specialisations=()):
        role = RoleFacts(
            "r",
            "R",
            requirements=[StatementRule("education", rule["text"], rule, "001") for rule in rules],
            specialisations=list(specialisations),
        )
        (fit,) = rank_roles(answers, [role])
        return fit

    @pytest.mark.parametrize(
        ("answers", "subject"),
        [
            ({"education": "bachelor", "field": "nursing"}, "Your nursing degree"),
            ({"education": "master", "field": "counseling"}, "Your counseling degree"),
            ({"education": "doctorate", "field": "public-health"}, "Your public health degree"),
            (
                {"education": "bachelor", "field": "other-health-human-services"},
                "Your health or human services degree",
            ),
            ({"education": "bachelor", "field": "other"}, "Your bachelor's degree"),
            ({"education": "bachelor"}, "Your bachelor's degree"),
            ({"education": "associate", "field": "nursing"}, "Your associate's degree"),
            ({"education": "rn-diploma", "field": "nursing"}, "Your RN diploma"),
        ],
    )
    def test_a_degree_reason_names_the_field_only_for_a_bachelors_or_higher(self, answers, subject):
        rule = {"kind": "degree", "text": "A degree.\n", "levels": list(EDUCATION_LEVELS)}
        fit = self.fit(Answers(**answers), rule)
        assert fit.reasons == [(f"{subject} meets what the article asks for: A degree", "001")]
        assert (fit.title, fit.score) == ("R", 3)

    def test_a_credential_reason_names_the_licence_held_or_the_exam_passed(self):
        licence = {"kind": "credential", "text": "A licence.", "licenses": ["rn", "lcsw"]}
        exam = {"kind": "credential", "text": "An exam.", "aswb_exams": ["masters"]}
        fit = self.fit(Answers(licenses={"lcsw"}, aswb_exam="masters"), licence, exam)
        assert [text for text, _ in fit.reasons] == [
            "Your LCSW licence meets what the article asks for: A licence",
            "Your pass in the ASWB master's exam meets what the article asks for: An exam",
        ]

    @pytest.mark.parametrize(
        ("answers", "rule", "subject"),
        [
            (
                {"cm_months": 1},
                experience("cm_months", 1),
                "Your 1 month of paid full-time case or care management",
            ),
            (
                {"rn_months": 24},
                experience("rn_months", 12),
                "Your 24 months of full-time practice as a registered nurse",
            ),
            (
                {"cm_nursing_hours": 2000},
                experience("cm_nursing_hours", 2000),
                "Your 2,000 hours of clinical practice in case management nursing within the last 3 years",
            ),
            (
                {"cm_ce_hours": 1},
                experience("cm_ce_hours", 1),
                "Your 1 hour of relevant continuing education",
            ),
        ],
    )
    def test_an_experience_reason_counts_months_or_hours(self, answers, rule, subject):
        fit = self.fit(Answers(**answers), rule)
        assert fit.reasons == [(f"{subject} meets what the article asks for: Experience", "001")]

    def test_an_obstacle_carries_the_rules_note(self):
        licence = {
            "kind": "credential",
            "text": "An RN licence.",
            "licenses": ["rn"],
            "note": "RNs from compact states qualify.",
        }
        plain = {"kind": "degree", "text": "A master's degree.", "levels": ["master"]}
        months = experience("cm_months", 12, "A year of case management.", note="Paid work only.")
        fit = self.fit(Answers(cm_months=4), licence, plain, months)
        assert fit.obstacles == [
            ("The article asks for: An RN licence; RNs from compact states qualify", "001"),
            ("The article asks for: A master's degree", "001"),
            (
                "The article asks for: A year of case management; "
                "you need 8 more months of paid full-time case or care management",
                "001",
            ),
        ]
        assert fit.score == -6

    def test_two_populations_in_one_specialisation_count_twice_and_are_named_together(self):
        fit = self.fit(
            Answers(populations={"older-adults", "mental-health", "substance-use"}),
            specialisations=[("Geriatric psychiatry", ["older-adults", "mental-health"], "004")],
        )
        assert fit.score == 4
        assert fit.reasons == [
            (
                "Its specialisation Geriatric psychiatry matches your interest in "
                "older adults and mental health",
                "004",
            )
        ]

    def test_the_goal_counts_alongside_met_rules(self):
        role = RoleFacts(
            "r", "R", requirements=[StatementRule("experience", "X", experience("cm_months", 1), "1")]
        )
        (fit,) = rank_roles(Answers(cm_months=1, goal="r"), [role])
        assert fit.score == 5 + 3


class TestErrorsNameTheBadValue:
    @pytest.mark.parametrize(
        ("wrong", "message"),
        [
            ({"education": "phd"}, "unknown education level 'phd'"),
            ({"field": "law"}, "unknown degree field 'law'"),
            ({"licenses": {"md", "rn", "do"}}, r"unknown licences \['do', 'md'\]"),
            ({"aswb_exam": "doctoral"}, "unknown ASWB exam 'doctoral'"),
            ({"populations": {"veterans"}}, r"unknown populations \['veterans'\]"),
            ({"cm_months": -1}, "cm_months must be a whole or half number of at least 0, not -1"),
            ({"cm_ce_hours": 2.5}, "cm_ce_hours must be a whole number of at least 0, not 2.5"),
            ({"cm_months": 6.25}, "cm_months must be a whole or half number of at least 0, not 6.25"),
        ],
    )
    def test_answers(self, wrong, message):
        with pytest.raises(ValueError, match=f"^{message}$"):
            Answers(**wrong)

    def test_an_unknown_rule_kind(self):
        with pytest.raises(ValueError, match="^unknown requirement kind 'age'$"):
            requirement_met({"kind": "age", "text": "Over 21"}, Answers())


def test_the_values_in_saved_advisor_links_never_change():
    # Shared and bookmarked advisor URLs carry these values (?education=…&field=…&licenses=…);
    # renaming one would silently drop that answer from every saved link.
    assert EDUCATION_LEVELS == ("none", "associate", "rn-diploma", "bachelor", "master", "doctorate")
    assert DEGREE_FIELDS == (
        "social-work-cswe",
        "social-work",
        "nursing",
        "psychology",
        "counseling",
        "gerontology",
        "public-health",
        "other-health-human-services",
        "other",
    )
    assert LICENSES == ("rn", "lpn", "bsw", "msw", "lcsw", "lpc", "crc", "cdms")
    assert ASWB_EXAMS == ("bachelors", "masters", "advanced-generalist", "clinical")
    assert POPULATIONS == (
        "older-adults",
        "children-families",
        "mental-health",
        "substance-use",
        "chronic-illness",
        "justice-system",
        "hospital-patients",
    )


# --- issue 16: what the advisor may claim, and inputs people understand ---------------------------


class TestTrueReasons:
    def clinical(self, **answers):
        return next(
            fit for fit in rank_roles(Answers(**answers), ROLES) if fit.slug == "clinical-case-manager"
        )

    @pytest.mark.parametrize(
        "answers",
        [{**RN, "direct_client_months": 30}, {"direct_client_months": 30}],
        ids=["an RN with a bachelor's", "no degree"],
    )
    def test_experience_counted_after_a_graduate_degree_is_not_claimed_without_one(self, answers):
        fit = self.clinical(**answers)
        everything = [text for text, _ in fit.reasons + fit.obstacles] + [
            text for route in fit.other_routes for text, _ in route.reasons + route.obstacles
        ]
        assert not any("supervised clinical experience" in text and "meets" in text for text in everything)
        assert (
            "The article asks for: At least two years (24 months) of supervised clinical experience "
            "after the graduate degree; you need 24 more months of paid full-time direct client work, "
            "counted only after a master's degree or a doctorate",
            "002",
        ) in [obstacle for route in fit.other_routes for obstacle in route.obstacles]

    def test_with_a_graduate_degree_the_unasked_parts_are_to_confirm(self):
        fit = self.clinical(**MSW, direct_client_months=24)
        assert (
            "Your 24 months of paid full-time direct client work counts toward what the article asks for: "
            "At least two years (24 months) of supervised clinical experience after the graduate degree; "
            "to confirm: the experience was supervised clinical work and came after your graduate degree",
            "002",
        ) in fit.reasons


class TestRoutesIntoARole:
    def test_a_nurse_sees_the_nursing_route_first_and_the_social_work_route_beside_it(self):
        fits = rank_roles(Answers(**RN), ROLES)
        assert fits[0].slug == "clinical-case-manager"
        assert fits[0].route == "nursing"
        assert (
            "Your RN licence meets what the article asks for: "
            "Being a nurse, since nurses usually lead case management",
            "003",
        ) in fits[0].reasons
        assert [source for _, source in fits[0].obstacles] == ["000"]  # only the master's, preferred by some
        (social_work,) = fits[0].other_routes
        assert social_work.words == "the clinical social work route"
        assert [source for _, source in social_work.obstacles] == ["002", "002", "002"]

    def test_a_clinical_social_worker_follows_the_social_work_route(self):
        fit = rank_roles(Answers(**MSW, licenses={"lcsw"}, direct_client_months=24), ROLES)[0]
        assert (fit.slug, fit.route) == ("clinical-case-manager", "social-work")
        assert [route.route for route in fit.other_routes] == ["nursing"]


class TestNearestRoute:
    def test_the_other_routes_follow_nearest_first_with_what_each_lacks(self):
        verdict = verdict_for("cmc", cm_months=60, direct_client_months=60)
        assert verdict.path.key == "criteria-iii-associate"
        assert [route.path.key for route in verdict.other_routes] == [
            "criteria-iii-rn-diploma",
            "criteria-ii",
            "criteria-iii-other-degree",
            "criteria-i",
        ]
        assert verdict.other_routes[-1].missing[0].startswith("A master's degree (or higher)")

    def test_an_associates_in_business_is_one_degree_from_criteria_ii_not_two(self):
        verdict = verdict_for("cmc", education="associate", field="other")
        assert verdict.path.key == "criteria-ii"
        assert verdict.other_routes[-1].path.key == "criteria-i"

    def test_fewer_missing_months_is_nearer_when_the_degrees_are_equal(self):
        # A psychology bachelor's: criteria II lacks 24 + 12 months, III (another field) a degree.
        verdict = verdict_for("cmc", **PSYCHOLOGY_BACHELOR)
        assert verdict.path.key == "criteria-ii"


class TestToConfirm:
    def test_eligible_now_lists_what_the_form_could_not_check_with_sources(self):
        verdict = verdict_for("cmc", education="master", field="counseling", cm_months=24)
        assert verdict.status == "Eligible now"
        assert ("It included 50 hours of supervision a year.", "ref-naccm") in verdict.to_confirm
        assert ("The care management experience came after your qualifying degree.", "ref-naccm") in (
            verdict.to_confirm
        )
        assert ("You then need to pass the CMC exam.", "004") in verdict.to_confirm

    def test_a_degree_route_to_the_ccm_asks_to_confirm_the_field_placement(self):
        verdict = verdict_for("ccm", **PSYCHOLOGY_BACHELOR, cm_months=24)
        assert verdict.to_confirm == [
            (
                "The degree is from an accredited institution and included a supervised field experience in "
                "case management, health or behavioural health.",
                "ref-ccmc",
            ),
            ("Being eligible lets you sit the CCM exam.", "000"),
        ]

    def test_ancc_asks_to_confirm_the_licence_is_active(self):
        verdict = verdict_for("ancc-cmgt", **RN, rn_months=24, cm_nursing_hours=2000, cm_nursing_ce_hours=30)
        assert (verdict.status, verdict.to_confirm) == (
            "Eligible now",
            [("The RN licence is active.", "ref-ancc")],
        )

    def test_nothing_is_to_confirm_on_a_route_not_open_yet(self):
        assert verdict_for("cmc").to_confirm == []


class TestHalfMonthsAndSupervision:
    def test_half_months_count_and_read_plainly(self):
        verdict = verdict_for("ccm", **PSYCHOLOGY_BACHELOR, cm_months=23.5)
        assert verdict.status == "Eligible in 1 month"
        assert verdict.missing[0].startswith(
            "needs 0.5 more months of paid full-time case or care management;"
        )
        assert verdict_for("ccm", **PSYCHOLOGY_BACHELOR, cm_months=24.0).status == "Eligible now"

    def test_only_the_months_a_ccm_supervised_count_on_the_ccm_supervised_path(self):
        verdict = verdict_for("ccm", **RN, cm_months=15, ccm_supervised_months=6)
        assert (verdict.status, verdict.path.key) == ("Eligible in 6 months", "licence-ccm-supervised")
        # Next nearest: the same 6 months by the nursing degree, then 9 more on the 24-month paths.
        assert [route.path.key for route in verdict.other_routes[:3]] == [
            "degree-ccm-supervised",
            "licence-24-months",
            "degree-24-months",
        ]


def test_every_condition_to_confirm_names_a_known_source():
    sources = {
        source.code
        for source in SourcesFile.model_validate(
            yaml.safe_load((FIXTURES / "sources.yaml").read_text())
        ).sources
    }
    rules = [
        requirement
        for certification in CERTIFICATIONS
        for path in certification.paths
        for requirement in path.requirements
    ]
    rules += [statement.rule for role in ROLES for statement in role.requirements if statement.rule]
    items = [item for rule in rules for item in rule.get("confirm", [])]
    assert len(items) >= 20
    assert {item["source"] for item in items} <= sources


# --- the nearest route when no path is open yet, and counts as people write them -------------------


def degree(*levels: str, text: str = "A degree.") -> dict:
    return {"kind": "degree", "text": text, "levels": list(levels)}


def licence(text: str = "A licence.") -> dict:
    return {"kind": "credential", "text": text, "licenses": ["rn"]}


def paths(**requirements) -> CertificationRules:
    """A certification whose paths, in this order, are the keyword arguments."""
    return CertificationRules(
        "cert",
        "CERT",
        "A certification",
        [PathRules(key, key.title(), list(rules)) for key, rules in requirements.items()],
    )


class TestDistanceBetweenRoutes:
    """Someone with no degree and no work under way: every path is "Not eligible yet"."""

    @pytest.mark.parametrize(
        "associate_and_licence",
        [[licence(), degree("associate")], [degree("associate"), licence()]],
        ids=["licence-first", "degree-first"],
    )
    def test_a_degree_and_a_licence_are_two_steps_like_a_bachelors(self, associate_and_licence):
        # An associate's (1 degree) and a licence (1) are as far as a bachelor's (2 degrees) from
        # nothing, so the first path in the content's order is the nearest.
        certification = paths(bachelor=[degree("bachelor")], associate=associate_and_licence)
        verdict = certification_verdict(certification, Answers())
        assert (verdict.status, verdict.path.key) == ("Not eligible yet", "bachelor")
        assert [route.path.key for route in verdict.other_routes] == ["associate"]

    def test_a_licence_is_a_step_further_than_any_months_of_work(self):
        certification = paths(licence=[licence()], experience=[experience("cm_months", 36)])
        verdict = certification_verdict(certification, Answers())
        assert verdict.path.key == "experience"
        assert verdict.missing == ["needs 36 more months of paid full-time case or care management"]
        assert [route.missing for route in verdict.other_routes] == [["A licence"]]

    def test_the_months_missing_on_a_path_add_up(self):
        # 12 + 12 months missing on one path is further than 18 on the other.
        certification = paths(
            two=[experience("cm_months", 12), experience("rn_months", 12)],
            one=[experience("supervisor_months", 18)],
        )
        verdict = certification_verdict(certification, Answers())
        assert verdict.path.key == "one"
        assert [route.path.key for route in verdict.other_routes] == ["two"]

    def test_nursing_hours_count_as_months_of_full_time_work(self):
        # 2,000 hours at 150 a month is about 13 months, nearer than 24 months of case management.
        certification = paths(
            months=[experience("cm_months", 24)], hours=[experience("cm_nursing_hours", 2000)]
        )
        verdict = certification_verdict(certification, Answers())
        assert verdict.path.key == "hours"
        assert verdict.missing == [
            "needs 2,000 more hours of clinical practice in case management nursing within the last 3 years"
        ]
        assert [route.path.key for route in verdict.other_routes] == ["months"]

    def test_a_few_hours_short_is_nearer_than_a_few_months_short(self):
        # 300 hours (2 months) against 3 months: hours are not months.
        certification = paths(
            months=[experience("cm_months", 3)], hours=[experience("cm_nursing_hours", 300)]
        )
        assert certification_verdict(certification, Answers()).path.key == "hours"


class TestCountedAfterADegree:
    RULE = experience("direct_client_months", 24, counted_after=["master", "doctorate"])

    def test_work_before_the_degree_does_not_count_toward_the_wait(self):
        verdict = certification_verdict(
            one_path(self.RULE), Answers(**PSYCHOLOGY_BACHELOR, direct_client_months=30)
        )
        assert (verdict.status, verdict.months) == ("Not eligible yet", None)
        assert verdict.missing == [
            "needs 24 more months of paid full-time direct client work, "
            "counted only after a master's degree or a doctorate"
        ]

    def test_with_the_degree_the_work_under_way_is_a_wait(self):
        answers = Answers(education="master", field="counseling", direct_client_months=12)
        verdict = certification_verdict(one_path(self.RULE), answers)
        assert (verdict.status, verdict.months) == ("Eligible in 12 months", 12)


class TestNumbersAsPeopleWriteThem:
    def test_whole_months_given_as_a_decimal_read_without_a_decimal(self):
        verdict = certification_verdict(one_path(experience("cm_months", 24)), Answers(cm_months=12.0))
        assert verdict.missing == ["needs 12 more months of paid full-time case or care management"]

    def test_half_months_keep_their_half(self):
        verdict = certification_verdict(one_path(experience("cm_months", 24)), Answers(cm_months=17.5))
        assert verdict.missing == ["needs 6.5 more months of paid full-time case or care management"]

    def test_a_reason_counts_whole_months_given_as_a_decimal_plainly(self):
        role = RoleFacts(
            "r", "R", requirements=[StatementRule("experience", "X", experience("cm_months", 12), "1")]
        )
        (fit,) = rank_roles(Answers(cm_months=2000.0), [role])
        assert fit.reasons == [
            (
                "Your 2,000 months of paid full-time case or care management "
                "meets what the article asks for: Experience",
                "1",
            )
        ]


class TestRoleRoutesAndConfirmations:
    def test_every_part_to_confirm_is_listed_after_a_semicolon(self):
        rule = experience(
            "direct_client_months",
            24,
            "Two years of supervised clinical work.",
            confirm=[
                {"text": "The work was supervised.", "source": "002"},
                {"text": "It was clinical work.", "source": "002"},
            ],
        )
        role = RoleFacts("r", "R", requirements=[StatementRule("experience", "X", rule, "002")])
        (fit,) = rank_roles(Answers(direct_client_months=24), [role])
        assert fit.reasons == [
            (
                "Your 24 months of paid full-time direct client work counts toward what the article asks "
                "for: Two years of supervised clinical work; "
                "to confirm: the work was supervised; it was clinical work",
                "002",
            )
        ]

    def test_a_role_without_routes_names_none(self):
        role = RoleFacts(
            "r", "R", requirements=[StatementRule("experience", "X", experience("cm_months", 1), "1")]
        )
        (fit,) = rank_roles(Answers(cm_months=1), [role])
        assert (fit.route, fit.route_words, fit.other_routes, fit.score) == ("", "", [], 3)

    def test_a_role_with_routes_names_the_best_one_and_counts_the_common_rules_with_it(self):
        common = experience("cm_months", 1, "Case management.")
        nursing = {**licence("An RN licence."), "route": "nursing"}
        social_work = {**degree("master", text="A master's degree."), "route": "social-work"}
        role = RoleFacts(
            "r",
            "R",
            requirements=[
                StatementRule("experience", "X", common, "1"),
                StatementRule("credential", "X", nursing, "2"),
                StatementRule("education", "X", social_work, "3"),
            ],
        )
        (fit,) = rank_roles(Answers(education="master", field="counseling", cm_months=1), [role])
        assert (fit.route, fit.route_words, fit.score) == ("social-work", "the clinical social work route", 6)
        assert [source for _, source in fit.reasons] == ["1", "3"]
        assert [(route.route, route.score) for route in fit.other_routes] == [("nursing", -2)]


class TestAlreadyInCaseManagement:
    @pytest.mark.parametrize("work", ["cm_months", "health_system_cm_months", "supervisor_months"])
    def test_half_a_month_of_case_management_work_is_holding_an_entry_job(self, work):
        plan = plan_for_role(Answers(**{work: 0.5}), ROLES_BY_SLUG["case-manager"])
        assert plan.timeline[0].months_from_now == 0
