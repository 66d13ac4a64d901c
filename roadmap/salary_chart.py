"""The salary ladder as chart geometry: one range bar per role and level on a shared dollar axis.

Templates draw it as SVG rectangles (attributes, not inline styles, so a strict CSP allows it).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

TICK_STEP = 25_000
# At most this many intervals between labelled ticks: on a 390 px phone each label then has
# about 65 px to itself, so "$150k" and "$175k" never run together.
MAX_AXIS_INTERVALS = 5
OPEN_TAIL = 0.06  # share of the axis drawn beyond an open-ended top


@dataclass
class SalaryBar:
    role: object
    level: object
    series: int
    x: float  # left edge, 0..1000
    width: float
    tail_width: float

    @property
    def tail_x(self) -> float:
        return self.x + self.width


@dataclass
class SalaryGroup:
    position: int
    bars: list[SalaryBar] = field(default_factory=list)


@dataclass
class SalaryChart:
    axis_max: int
    ticks: list[int]
    groups: list[SalaryGroup]
    roles: list

    @functools.cached_property
    def grid_path(self) -> str:
        """Give the SVG path of the vertical grid lines, one per tick, for each bar's 0..1000 box."""
        return "".join(f"M{1000 * tick / self.axis_max:g} 0V20" for tick in self.ticks)

    @property
    def axis_cells(self) -> list[tuple[str, str]]:
        """Give one (start label, end label) cell per interval; only the last cell has an end label."""
        labels = [f"${tick // 1000}k" for tick in self.ticks]
        cells = [(label, "") for label in labels[:-1]]
        if cells:
            cells[-1] = (cells[-1][0], labels[-1])
        return cells

    @functools.cached_property
    def sources(self) -> list:
        """Give the distinct sources of the levels drawn, in order of first appearance."""
        seen = []
        for group in self.groups:
            for bar in group.bars:
                if bar.level.source not in seen:
                    seen.append(bar.level.source)
        return seen


def tick_step(top: float) -> int:
    """Give the gap between labelled ticks: 25k, doubled until the axis needs at most
    MAX_AXIS_INTERVALS of them to reach `top`."""
    step = TICK_STEP
    while math.ceil(top / step) > MAX_AXIS_INTERVALS:
        step *= 2
    return step


def salary_chart(roles) -> SalaryChart | None:
    """Give the chart for these roles' salary levels (grouped by position on the ladder), or None."""
    roles = list(roles)
    levels_by_role = [(index, role, list(role.salary_levels.all())) for index, role in enumerate(roles)]
    tops = [level.high for _, _, levels in levels_by_role for level in levels]
    if not tops:
        return None
    top = max(tops) * (1 + OPEN_TAIL + 0.02)
    step = tick_step(top)
    axis_max = max(step, math.ceil(top / step) * step)
    groups: dict[int, SalaryGroup] = {}
    for series, role, levels in levels_by_role:
        for position, level in enumerate(levels, start=1):
            x = 1000 * level.low / axis_max
            width = max(1000 * (level.high - level.low) / axis_max, 4)
            groups.setdefault(position, SalaryGroup(position)).bars.append(
                SalaryBar(
                    role=role,
                    level=level,
                    series=series,
                    x=round(x, 1),
                    width=round(width, 1),
                    tail_width=round(1000 * OPEN_TAIL, 1) if level.open_ended else 0,
                )
            )
    ticks = list(range(0, axis_max + 1, step))
    return SalaryChart(
        axis_max=axis_max, ticks=ticks, groups=[groups[key] for key in sorted(groups)], roles=roles
    )
