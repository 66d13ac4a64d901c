"""What the attack suite tried, for the summary printed at the end of a test run.

Tests call `record(area, count, detail)`; tests/careerpath/conftest.py prints the totals.
"""

from collections import defaultdict

tried: dict[str, int] = defaultdict(int)
details: dict[str, list[str]] = defaultdict(list)


def record(area: str, count: int = 1, detail: str = "") -> None:
    tried[area] += count
    if detail and detail not in details[area]:
        details[area].append(detail)
