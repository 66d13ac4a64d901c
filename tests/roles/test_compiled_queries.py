"""The guide's compiled queries must give exactly what Django's own prefetching gives."""

import pytest
from django.db.models import Count, prefetch_related_objects

from roles.compiled_query import CompiledQuery
from roles.models import Certification, Faq, RoadmapStep, Role, Source, Statistic
from roles.querysets import (
    GUIDE_SECTIONS,
    SourceMap,
    all_guides,
    all_roles,
    guide_section_lookups,
    load_guide_sections,
    role_with_steps,
)

ROLE_SLUGS = ["case-manager", "clinical-case-manager", "care-manager"]


def _row(obj) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def _sections(role) -> dict:
    """Every section's rows, and their children's, as plain values, in the order the page shows."""
    shown = {}
    for section in GUIDE_SECTIONS:
        rows = list(getattr(role, section.name).all())
        shown[section.name] = [_row(row) for row in rows]
        if section.children:
            shown[section.name] += [
                [_row(child) for child in getattr(row, section.children.name).all()] for row in rows
            ]
    return shown


@pytest.mark.parametrize("slug", ROLE_SLUGS)
def test_a_guide_loads_the_same_rows_as_prefetching(content, slug, django_assert_num_queries):
    prefetched = Role.objects.get(slug=slug)
    prefetch_related_objects([prefetched], *guide_section_lookups(SourceMap()))
    compiled = Role.objects.get(slug=slug)
    load_guide_sections(compiled, SourceMap())

    # Read one relation at a time, each in its model's own default order.
    plain = Role.objects.get(slug=slug)

    assert _sections(compiled) == _sections(prefetched) == _sections(plain)
    assert any(_sections(compiled).values())


def test_a_loaded_guide_answers_every_read_from_memory(case_manager, django_assert_num_queries):
    # One query per section and per child level, and one for the sources.
    with django_assert_num_queries(len(GUIDE_SECTIONS) + 2 + 1):
        load_guide_sections(case_manager, SourceMap())
        for section in GUIDE_SECTIONS:
            for row in getattr(case_manager, section.name).all():
                assert row.source.title
                if section.children:
                    parent_field = section.model._meta.get_field(section.children.name).field.name
                    for child in getattr(row, section.children.name).all():
                        assert getattr(child, parent_field) is row
        for faq in case_manager.faqs.all():
            assert faq.role is case_manager
        for certification in case_manager.certifications.all():
            assert certification.organization.name
        assert case_manager.requirements_by_aspect()


def test_a_section_is_not_a_way_to_reach_other_roles_rows(case_manager):
    load_guide_sections(case_manager, SourceMap())
    other_faq = Faq.objects.exclude(role=case_manager).first()

    assert list(case_manager.faqs.filter(pk=other_faq.pk)) == []


def test_role_with_steps_gives_its_steps_in_order(content, django_assert_num_queries):
    with django_assert_num_queries(3):  # role, steps, sources
        role = role_with_steps("care-manager", SourceMap())
        steps = list(role.steps.all())
        assert [step.source.code for step in steps]
        assert all(step.role is role for step in steps)

    assert role.slug == "care-manager" and role.source.title
    assert [step.number for step in steps] == list(range(1, 11))
    assert [_row(step) for step in steps] == [_row(step) for step in RoadmapStep.objects.filter(role=role)]


def test_role_with_steps_gives_none_for_an_unknown_slug(content):
    assert role_with_steps("no-such-role", SourceMap()) is None
    assert role_with_steps("case-manager' OR '1'='1", SourceMap()) is None


def test_a_compiled_query_converts_values_like_the_orm(content):
    steps = CompiledQuery(lambda pk: RoadmapStep.objects.filter(role_id=pk).order_by("number"), example=(0,))
    role = Role.objects.get(slug="case-manager")

    rows = steps.rows(role.pk)

    assert isinstance(rows[0].body, list) and rows[0].body  # a JSON field, decoded
    assert [_row(step) for step in rows] == [_row(step) for step in role.steps.order_by("number")]
    assert steps.rows(-1) == []


def test_a_compiled_query_fills_select_related(content):
    query = CompiledQuery(
        lambda code: Certification.objects.filter(code=code).select_related("organization"), example=("",)
    )

    (certification,) = query.rows("CCM")

    assert certification.organization == Certification.objects.get(code="CCM").organization


def test_a_compiled_query_reads_a_null_foreign_key_as_none(content):
    query = CompiledQuery(lambda: Statistic.objects.select_related("role").order_by("pk"), example=())

    roles = [statistic.role for statistic in query.rows()]

    assert None in roles and any(roles)
    assert roles == [statistic.role for statistic in Statistic.objects.select_related("role").order_by("pk")]


def test_a_compiled_query_takes_as_many_arguments_as_its_example(content):
    with pytest.raises(TypeError):
        CompiledQuery(lambda pk: Faq.objects.filter(role_id=pk), example=(0,)).rows()


@pytest.mark.parametrize(
    "build, example",
    [
        (lambda pk: Faq.objects.filter(role_id=pk, order__gt=1), (0,)),  # a parameter it was not given
        (lambda pk: Faq.objects.filter(role_id=pk).only("question"), (0,)),
        (lambda pk: Role.objects.filter(pk=pk).annotate(faq_count=Count("faqs")), (0,)),
        (lambda pk: Faq.objects.filter(role_id=pk).select_related(), (0,)),
        (lambda pk: Faq.objects.filter(role_id=pk).select_related("role__source"), (0,)),
    ],
)
def test_a_compiled_query_refuses_what_it_cannot_run_faithfully(content, build, example):
    with pytest.raises(ValueError):
        CompiledQuery(build, example).rows(1)


def test_all_roles_come_in_the_sites_order(content, role_factory):
    role_factory(title="Aaa first by title", order=0)

    assert [_row(role) for role in all_roles()] == [_row(role) for role in Role.objects.all()]
    assert all_roles()[0].title == "Aaa first by title"


def test_a_source_map_holds_every_source(content):
    assert {pk: _row(source) for pk, source in SourceMap().items()} == {
        source.pk: _row(source) for source in Source.objects.all()
    }


def test_all_guides_load_every_role_as_prefetching_would(content, django_assert_num_queries):
    prefetched = list(Role.objects.for_guide())

    # Roles, sources, steps, each section (certifications also read their link table), children.
    with django_assert_num_queries(2 + 1 + len(GUIDE_SECTIONS) + 1 + 2):
        compiled = all_guides(SourceMap())
        shown = [_sections(role) | {"steps": [_row(step) for step in role.steps.all()]} for role in compiled]
        assert all(role.source.title for role in compiled)

    assert [role.slug for role in compiled] == [role.slug for role in prefetched]
    assert shown == [
        _sections(role) | {"steps": [_row(step) for step in role.steps.all()]} for role in prefetched
    ]
    assert all(shown_role["certifications"] and shown_role["steps"] for shown_role in shown)
