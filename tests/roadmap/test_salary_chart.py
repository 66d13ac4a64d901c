import itertools

from roadmap.salary_chart import MAX_AXIS_INTERVALS, TICK_STEP, salary_chart, tick_step
from roles.models import Role
from tests import factories


def test_the_axis_never_has_more_than_five_labelled_intervals(content):
    for role in Role.objects.for_listing():
        chart = salary_chart([role])
        assert len(chart.ticks) - 1 <= MAX_AXIS_INTERVALS
        assert chart.ticks[-1] == chart.axis_max >= max(level.high for level in role.salary_levels.all())
        steps = {later - earlier for earlier, later in itertools.pairwise(chart.ticks)}
        assert len(steps) == 1  # evenly spaced
    compared = salary_chart(Role.objects.for_listing())
    assert len(compared.ticks) - 1 <= MAX_AXIS_INTERVALS


def test_the_tick_step_doubles_only_when_the_axis_needs_it():
    assert tick_step(5 * TICK_STEP) == TICK_STEP
    assert tick_step(5 * TICK_STEP + 1) == 2 * TICK_STEP
    assert tick_step(216_000) == 50_000
    assert tick_step(1_000_000) == 200_000


def test_a_small_range_keeps_the_finest_ticks(role_factory):
    role = role_factory()
    factories.SalaryLevelFactory(role=role, source=role.source, low=20_000, high=40_000)
    chart = salary_chart([role])
    assert chart.ticks == [0, 25_000, 50_000]
    assert [cell for cell in chart.axis_cells] == [("$0k", ""), ("$25k", "$50k")]
