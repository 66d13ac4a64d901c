from types import SimpleNamespace

import pytest

from roadmap.comparison import (
    choose_roles,
    compare_names,
    comparison_rows,
    entry_statement,
    glance_rows,
    normalise_name,
    salary_rows,
    same_title_different_pay,
    sources_row,
)
from roles.models import Role

KNOWN = ["clinical-case-manager", "case-manager", "care-manager"]


class TestChooseRoles:
    def test_no_roles_named_means_all(self):
        choice = choose_roles([], KNOWN)
        assert choice.slugs == KNOWN and not choice.unknown and not choice.dropped_duplicates

    def test_comma_separated_and_repeated_values_both_work_in_order(self):
        assert choose_roles(["care-manager,case-manager"], KNOWN).slugs == ["care-manager", "case-manager"]
        assert choose_roles(["care-manager", "case-manager"], KNOWN).slugs == ["care-manager", "case-manager"]

    def test_unknown_names_are_reported_and_ignored(self):
        choice = choose_roles(["astronaut,case-manager"], KNOWN)
        assert choice.slugs == ["case-manager"]
        assert choice.unknown == ["astronaut"]

    def test_duplicates_and_empty_items_are_dropped(self):
        choice = choose_roles([" case-manager,,CASE-MANAGER, ,care-manager"], KNOWN)
        assert choice.slugs == ["case-manager", "care-manager"]
        assert choice.dropped_duplicates

    def test_more_items_than_roles_exist_are_capped(self):
        choice = choose_roles([",".join(["x"] * 1000 + KNOWN)], KNOWN)
        assert choice.slugs == []
        assert choice.unknown == ["x"]

    def test_junk_is_shortened_when_shown(self):
        choice = choose_roles(["<script>" + "a" * 300], KNOWN)
        assert choice.slugs == []
        assert len(choice.unknown[0]) <= 41

    def test_the_first_20_items_count_and_the_rest_are_ignored(self):
        assert choose_roles([",".join(["x"] * 19 + ["care-manager"])], KNOWN).slugs == ["care-manager"]
        assert choose_roles([",".join(["x"] * 20 + ["care-manager"])], KNOWN).slugs == []
        assert choose_roles(["x"] * 19 + ["care-manager"], KNOWN).slugs == ["care-manager"]
        assert choose_roles(["x"] * 20 + ["care-manager"], KNOWN).slugs == []

    def test_each_value_is_read_up_to_500_characters(self):
        assert choose_roles([" " * 487 + ",care-manager"], KNOWN).slugs == ["care-manager"]
        choice = choose_roles([" " * 488 + ",care-manager"], KNOWN)
        assert (choice.slugs, choice.unknown) == ([], ["care-manage"])

    def test_unknown_names_up_to_40_characters_are_shown_whole(self):
        choice = choose_roles(["a" * 40, "b" * 41, "a" * 40], KNOWN)
        assert choice.unknown == ["a" * 40, "b" * 40 + "…"]
        assert not choice.dropped_duplicates  # only repeated known roles count as dropped


class TestNormaliseName:
    @pytest.mark.parametrize(
        ("first", "second"),
        [
            ("Problem-solving", "Problem-Solving"),
            ("Advocacy", "Client Advocacy"),
            ("Patient Advocacy", "Advocacy"),
            ("Documentation Skills", "Documentation"),
            ("Organizational Skills", "Organization"),
            ("Regulatory Compliance", "Compliance"),
            ("Coordination of Care", "Care Coordination"),
            ("Health & Safety", "health and safety"),
            ("Défense sociale", "Defense Sociale"),
            ("Case_management  (CM)", "case management cm"),
            ("Patient-Centred Care Skills", "Centred care"),
        ],
    )
    def test_names_for_the_same_thing_match(self, first, second):
        assert normalise_name(first) == normalise_name(second)

    @pytest.mark.parametrize(
        ("first", "second"),
        [
            ("Medical Knowledge", "Mental Health Knowledge"),
            ("Education", "Continuing Education"),
            ("Assessment", "Evaluation and Assessment"),
        ],
    )
    def test_different_things_stay_apart(self, first, second):
        assert normalise_name(first) != normalise_name(second)


class TestCompareNames:
    def test_shared_unique_and_partly_shared_skills(self, content):
        roles = Role.objects.for_guide()
        result = compare_names(roles, lambda role: [(s.name, s.source) for s in role.skills.all()])
        shared = {group.key for group in result.shared}
        assert {"problem solving", "advocacy", "cultural competency"} <= shared
        clinical = next(role for role in roles if role.slug == "clinical-case-manager")
        unique = {item.name for item in result.unique[clinical.pk]}
        assert "Ethical Decision Making" in unique
        assert "Problem-solving" not in unique
        partly = {item.name for item in result.partly_shared[clinical.pk]}
        assert "Medical Knowledge" in partly  # the care manager lists it too, the case manager does not

    def test_a_single_role_has_nothing_shared(self, content):
        roles = [role for role in Role.objects.for_guide() if role.slug == "care-manager"]
        result = compare_names(roles, lambda role: [(s.name, s.source) for s in role.skills.all()])
        assert result.shared == []
        assert len(result.unique[roles[0].pk]) == 15


# --- the comparison table, over plain stand-ins for fetched roles (no database) -------------------


class Related(list):
    """Stands in for a prefetched relation: `.all()` gives its rows in order."""

    def all(self):
        return self


ARTICLE_001 = SimpleNamespace(code="001", title="Case manager article")
ARTICLE_003 = SimpleNamespace(code="003", title="Hospital case manager article")
ARTICLE_004 = SimpleNamespace(code="004", title="Care manager article")


def requirement(aspect: str, text: str, source=ARTICLE_001):
    return SimpleNamespace(aspect=aspect, text=text, source=source)


def salary_level(title: str, span: str, experience: str, source=ARTICLE_001):
    return SimpleNamespace(title=title, span=span, experience=experience, source=source)


def fake_role(pk: int, slug: str, source, **related):
    lists = ("requirements", "faqs", "certifications", "career_stages", "salary_levels", "steps", "skills")
    return SimpleNamespace(
        pk=pk,
        slug=slug,
        source=source,
        summary=related.pop("summary", f"{slug} summary"),
        work_environment=related.pop("work_environment", []),
        **{name: Related(related.pop(name, [])) for name in lists},
    )


def case_manager_role():
    return fake_role(
        1,
        "case-manager",
        ARTICLE_001,
        summary="Coordinates services for clients.",
        work_environment=["Offices and clients' homes.", "Some travel."],
        requirements=[
            requirement("education", "A bachelor's degree."),
            requirement("experience", "One year in human services."),
            requirement("licensing", "Licensing varies by state."),
            requirement("duration", "Four to five years in all."),
            requirement("education", "A master's helps.", ARTICLE_003),
        ],
        faqs=[
            SimpleNamespace(topic="duration", answer=["It takes", "about five years."], source=ARTICLE_001),
            SimpleNamespace(topic="salary", answer=["About $50,000."], source=ARTICLE_001),
        ],
        certifications=[SimpleNamespace(code="CCM", name="Certified Case Manager", source=ARTICLE_001)],
        career_stages=[
            SimpleNamespace(label="Entry", positions=["Case aide", "Case worker"], source=ARTICLE_001),
            SimpleNamespace(label="Senior", positions=["Lead case manager"], source=ARTICLE_001),
        ],
        salary_levels=[
            salary_level("Entry-Level", "$35,000–$45,000", "0-2 years"),
            salary_level("Mid-Level", "$45,000–$60,000", ""),
            salary_level("Senior", "$60,000–$80,000", "5+ years", ARTICLE_003),
        ],
        steps=[SimpleNamespace(source=ARTICLE_003)],
        skills=[SimpleNamespace(source=ARTICLE_001)],
    )


def care_manager_role():
    return fake_role(
        2,
        "care-manager",
        ARTICLE_004,
        summary="Plans care for older adults.",
        work_environment=["Offices and clients' homes.", "Some travel."],
        requirements=[
            requirement("education", "A bachelor's degree.", ARTICLE_004),
            requirement("experience", "Two years with older adults.", ARTICLE_004),
        ],
        certifications=[
            SimpleNamespace(code="CMC", name="Care Manager Certified", source=ARTICLE_004),
            SimpleNamespace(code="CCM", name="Certified Case Manager", source=ARTICLE_001),
        ],
        salary_levels=[salary_level("Care manager", "$40,000–$70,000", "", ARTICLE_004)],
        skills=[SimpleNamespace(source=ARTICLE_004)],
    )


def hospital_role():
    return fake_role(
        3,
        "hospital-case-manager",
        ARTICLE_003,
        summary="Plans discharges.",
        requirements=[
            requirement("licensing", "An RN licence.", ARTICLE_003),
            requirement("duration", "Six years.", ARTICLE_003),
        ],
        faqs=[SimpleNamespace(topic="duration", answer=["Up to six years."], source=ARTICLE_003)],
        salary_levels=[
            salary_level("Staff", "$70,000–$85,000", "", ARTICLE_003),
            salary_level("Lead", "$85,000+", "3+ years", ARTICLE_003),
        ],
    )


def table(rows) -> list[tuple]:
    return [(row.key, row.label, row.cells, row.same) for row in rows]


class TestComparisonRows:
    def test_two_roles_side_by_side(self):
        case, care = case_manager_role(), care_manager_role()
        assert table(comparison_rows([case, care])) == [
            (
                "summary",
                "Summary",
                [
                    [("Coordinates services for clients.", ARTICLE_001)],
                    [("Plans care for older adults.", ARTICLE_004)],
                ],
                False,
            ),
            (
                "education",
                "Education required",
                [
                    [("A bachelor's degree.", ARTICLE_001), ("A master's helps.", ARTICLE_003)],
                    [("A bachelor's degree.", ARTICLE_004)],
                ],
                False,
            ),
            (
                "experience",
                "Experience needed",
                [
                    [("One year in human services.", ARTICLE_001)],
                    [("Two years with older adults.", ARTICLE_004)],
                ],
                False,
            ),
            (
                "duration",
                "How long it takes",
                [
                    [
                        ("It takes about five years.", ARTICLE_001),
                        ("Four to five years in all.", ARTICLE_001),
                    ],
                    [],
                ],
                False,
            ),
            ("licensing", "Licensing", [[("Licensing varies by state.", ARTICLE_001)], []], False),
            (
                "ladder",
                "Career ladder, first to top position",
                [
                    [
                        ("Entry: Case aide or Case worker", ARTICLE_001),
                        ("Senior: Lead case manager", ARTICLE_001),
                    ],
                    [],
                ],
                False,
            ),
            (
                "work-environment",
                "Work environment",
                [
                    [("Offices and clients' homes.", ARTICLE_001), ("Some travel.", ARTICLE_001)],
                    [("Offices and clients' homes.", ARTICLE_004), ("Some travel.", ARTICLE_004)],
                ],
                True,  # the same words, though each from its own article
            ),
        ]

    def test_three_roles_side_by_side(self):
        rows = {
            row.key: row
            for row in comparison_rows([case_manager_role(), care_manager_role(), hospital_role()])
        }
        assert [(key, row.cells[2], row.same) for key, row in rows.items()] == [
            ("summary", [("Plans discharges.", ARTICLE_003)], False),
            ("education", [], False),
            ("experience", [], False),
            ("duration", [("Up to six years.", ARTICLE_003), ("Six years.", ARTICLE_003)], False),
            ("licensing", [("An RN licence.", ARTICLE_003)], False),
            ("ladder", [], False),
            ("work-environment", [], False),
        ]
        assert rows["licensing"].cells[:2] == [[("Licensing varies by state.", ARTICLE_001)], []]
        assert rows["experience"].cells[:2] == [
            [("One year in human services.", ARTICLE_001)],
            [("Two years with older adults.", ARTICLE_004)],
        ]

    def test_a_row_is_the_same_only_when_every_role_says_the_same(self):
        one, two, three = case_manager_role(), care_manager_role(), hospital_role()
        for role in (two, three):
            role.work_environment = list(one.work_environment)
        assert next(row for row in comparison_rows([one, two, three]) if row.key == "work-environment").same
        three.work_environment = ["Hospitals."]
        assert not next(
            row for row in comparison_rows([one, two, three]) if row.key == "work-environment"
        ).same
        # nothing to say in either role is nothing that differs
        assert next(row for row in comparison_rows([two, three]) if row.key == "ladder").same

    def test_one_role_alone_is_never_the_same_as_anything(self):
        assert not any(row.same for row in comparison_rows([case_manager_role()]))


class TestGlanceRows:
    def test_pay_entry_route_settings_and_certifications_side_by_side(self):
        case, care = case_manager_role(), care_manager_role()
        case.salary_span, care.salary_span = "$35,000 – $80,000", "$40,000 – $70,000"
        cmc, ccm = care.certifications.all()
        assert table(glance_rows([case, care])) == [
            (
                "pay",
                "Pay, entry to top level",
                [[("$35,000 – $80,000", ARTICLE_001)], [("$40,000 – $70,000", ARTICLE_004)]],
                False,
            ),
            (
                "entry",
                "Typical entry route",
                [[("A bachelor's degree.", ARTICLE_001)], [("A bachelor's degree.", ARTICLE_004)]],
                True,
            ),
            (
                "settings",
                "Where they work",
                [
                    [("Offices and clients' homes.", ARTICLE_001)],
                    [("Offices and clients' homes.", ARTICLE_004)],
                ],
                True,
            ),
            (
                "certifications",
                "Certifications that apply",
                [[("CCM", case.certifications.all()[0])], [("CMC", cmc), ("CCM", ccm)]],
                False,
            ),
        ]

    def test_a_role_with_nothing_to_say_has_empty_cells(self):
        hospital = hospital_role()
        hospital.salary_levels = Related([])
        assert [row.cells for row in glance_rows([hospital])] == [[[]], [[]], [[]], [[]]]


class TestEntryStatement:
    def test_the_roles_own_article_comes_first(self):
        role = fake_role(
            1,
            "a",
            ARTICLE_004,
            requirements=[
                requirement("education", "Any degree.", ARTICLE_001),
                requirement("experience", "Two years.", ARTICLE_004),
                requirement("education", "A degree in social work.", ARTICLE_004),
            ],
        )
        assert entry_statement(role).text == "A degree in social work."

    def test_another_source_when_the_own_article_says_nothing_and_none_when_nobody_does(self):
        role = fake_role(
            1, "a", ARTICLE_004, requirements=[requirement("education", "Any degree.", ARTICLE_001)]
        )
        assert entry_statement(role).text == "Any degree."
        assert entry_statement(fake_role(2, "b", ARTICLE_004)) is None


class TestSalaryRows:
    def test_roles_with_different_numbers_of_levels(self):
        case, care, hospital = case_manager_role(), care_manager_role(), hospital_role()
        assert table(salary_rows([care, hospital, case])) == [
            (
                "salary-1",
                "Salary, level 1",
                [
                    [("Care manager: $40,000–$70,000", ARTICLE_004)],
                    [("Staff: $70,000–$85,000", ARTICLE_003)],
                    [("Entry-Level: $35,000–$45,000 · 0-2 years", ARTICLE_001)],
                ],
                False,
            ),
            (
                "salary-2",
                "Salary, level 2",
                [
                    [],
                    [("Lead: $85,000+ · 3+ years", ARTICLE_003)],
                    [("Mid-Level: $45,000–$60,000", ARTICLE_001)],
                ],
                False,
            ),
            (
                "salary-3",
                "Salary, level 3",
                [[], [], [("Senior: $60,000–$80,000 · 5+ years", ARTICLE_003)]],
                False,
            ),
        ]

    def test_no_roles_or_no_levels_means_no_rows(self):
        assert salary_rows([]) == []
        assert salary_rows([fake_role(9, "empty", ARTICLE_001)]) == []


class TestSameTitleDifferentPay:
    @staticmethod
    def role(slug, *levels):
        return SimpleNamespace(
            slug=slug,
            salary_levels=SimpleNamespace(
                all=lambda: [
                    SimpleNamespace(title=t, low=low, high=high, open_ended=True) for t, low, high in levels
                ]
            ),
        )

    def test_a_title_two_articles_pay_differently_is_pointed_out(self):
        # Director of Case Management: $100,000-$150,000+ in 000, $80,000-$100,000+ in 001.
        clinical = self.role("clinical", ("Director of Case Management", 100000, 150000))
        case = self.role(
            "case",
            ("Case Management Supervisor / Director of Case Management", 80000, 100000),
            ("Executive Director of Case Management", 100000, 150000),
        )
        (clash,) = same_title_different_pay([clinical, case])
        assert clash.title == "Director of Case Management"
        assert [(role.slug, level.low) for role, level in clash.levels] == [
            ("clinical", 100000),
            ("case", 80000),
        ]

    def test_the_same_pay_or_a_single_role_is_no_clash(self):
        same = self.role("a", ("Director", 1, 2)), self.role("b", ("Director", 1, 2))
        assert same_title_different_pay(list(same)) == []
        assert same_title_different_pay([self.role("a", ("Director", 1, 2), ("Director", 3, 4))]) == []


class TestSourcesRow:
    def test_each_role_lists_every_article_it_draws_on_once_in_code_order(self):
        row = sources_row([case_manager_role(), care_manager_role(), hospital_role()])
        assert (row.key, row.label) == ("sources", "Where the data came from")
        assert row.cells == [
            [("001: Case manager article", ARTICLE_001), ("003: Hospital case manager article", ARTICLE_003)],
            [("004: Care manager article", ARTICLE_004)],
            [("003: Hospital case manager article", ARTICLE_003)],
        ]


def named(pk: int, *names: str):
    return SimpleNamespace(pk=pk, names=names)


def names_of(role):
    return [(name, f"source of {name}") for name in role.names]


class TestCompareNamesGroups:
    def test_two_roles_share_what_both_name_in_either_wording(self):
        first = named(1, "Problem-solving", "Advocacy", "Budgeting")
        second = named(2, "Problem-Solving", "Client Advocacy", "Advocacy", "Scheduling")
        result = compare_names([first, second], names_of)
        assert [(group.key, group.names) for group in result.shared] == [
            ("problem solving", ["Problem-solving", "Problem-Solving"]),
            ("advocacy", ["Advocacy", "Client Advocacy"]),
        ]
        # A reader sees one name for a matched pair: the first role's wording, without the workings.
        assert [group.name for group in result.shared] == ["Problem-solving", "Advocacy"]
        assert [(item.name, item.role, item.source) for item in result.shared[0].items] == [
            ("Problem-solving", first, "source of Problem-solving"),
            ("Problem-Solving", second, "source of Problem-Solving"),
        ]
        assert {pk: [item.name for item in items] for pk, items in result.unique.items()} == {
            1: ["Budgeting"],
            2: ["Scheduling"],
        }
        assert result.partly_shared == {1: [], 2: []}
        assert result.differs

    def test_with_three_roles_a_name_two_of_them_have_is_partly_shared(self):
        roles = [
            named(1, "Advocacy", "Triage"),
            named(2, "Advocacy", "Triage"),
            named(3, "Advocacy", "Budgeting"),
        ]
        result = compare_names(roles, names_of)
        assert [group.key for group in result.shared] == ["advocacy"]
        assert {pk: [item.name for item in items] for pk, items in result.partly_shared.items()} == {
            1: ["Triage"],
            2: ["Triage"],
            3: [],
        }
        assert {pk: [item.name for item in items] for pk, items in result.unique.items()} == {
            1: [],
            2: [],
            3: ["Budgeting"],
        }

    def test_roles_naming_the_same_things_do_not_differ(self):
        result = compare_names([named(1, "Advocacy"), named(2, "Client Advocacy")], names_of)
        assert not result.differs
        assert compare_names([named(1, "Advocacy"), named(2, "Triage")], names_of).differs
        partly_only = compare_names([named(1, "A", "B"), named(2, "A", "B"), named(3, "A")], names_of)
        assert not any(partly_only.unique.values()) and partly_only.differs
