"""Mutation testing for the domain logic: each module against its own tests, with a score per module.

    make mutants                              # every module below
    make mutants ONLY=roadmap/progress.py     # one module; the last line is `score: N%`

For each module this lays out a scratch project in mutants/<name>/ (the apps, the tests and
fixtures/, plus a pytest.ini and a conftest.py of its own), runs mutmut 3 there on that module
alone with only its own test file, and reads the verdicts back. Score = mutants the tests caught
(killed or timed out) / every mutant. Each survivor is printed with its diff.

Why the scratch project rather than mutmut in the repository root:
- pytest-django must not find the real manage.py above mutmut's copy, or it would put the
  unmutated apps on sys.path (`django_find_project = false`);
- the tests read fixtures/, which mutmut does not copy by itself;
- mutmut runs pytest several times in one process, which trips Hypothesis's
  `differing_executors` health check; the scratch conftest.py turns it off and derandomises
  Hypothesis so a mutant's verdict does not depend on the examples drawn.
Not part of `make test` or CI: a tool a person runs when changing the domain logic or its tests.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "mutants"

# module -> the tests that are its own
MODULES: dict[str, list[str]] = {
    "roadmap/progress.py": ["tests/roadmap/test_progress.py"],
    "roadmap/comparison.py": ["tests/roadmap/test_comparison.py"],
    "roadmap/advisor.py": ["tests/roadmap/test_advisor_engine.py", "tests/roadmap/test_advisor_personas.py"],
}
APPS = ("careerpath", "roles", "roadmap")
ALSO_COPY = ("fixtures", "templates", "static", "pytest.ini", "conftest.py")
CAUGHT = {"killed", "timeout", "caught by type check"}

PYTEST_INI = """\
[pytest]
DJANGO_SETTINGS_MODULE = careerpath.settings
django_find_project = false
python_files = test_*.py
addopts = -p no:cacheprovider
markers = browser: drives Chromium through Playwright
filterwarnings =
    ignore::DeprecationWarning:playwright.*
    ignore:No directory at:UserWarning
"""

CONFTEST = """\
from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutants",
    suppress_health_check=[HealthCheck.differing_executors],
    derandomize=True,
    database=None,
)
settings.load_profile("mutants")
"""


def setup_cfg(module: str, tests: list[str]) -> str:
    def listed(values) -> str:
        return "".join(f"\n    {value}" for value in values)

    return (
        "[mutmut]\n"
        f"source_paths ={listed(APPS)}\n"
        f"only_mutate ={listed([module])}\n"
        f"pytest_add_cli_args_test_selection ={listed(tests)}\n"
        f"also_copy ={listed(ALSO_COPY)}\n"
        "use_git_change_detection = false\n"
    )


def lay_out(module: str, tests: list[str]) -> Path:
    """Give a fresh scratch project for one module (any earlier run's results are dropped)."""
    work = WORK / Path(module).stem
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "browser")
    for name in (*APPS, "tests", "fixtures", "templates", "static"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, work / name, ignore=ignore)
    (work / "pytest.ini").write_text(PYTEST_INI)
    (work / "conftest.py").write_text(CONFTEST)
    (work / "setup.cfg").write_text(setup_cfg(module, tests))
    return work


def verdicts(work: Path, module: str) -> dict[str, str]:
    """Give each mutant's status, read from mutmut's record of the run."""
    from mutmut.stats import status_by_exit_code

    meta = json.loads((work / "mutants" / f"{module}.meta").read_text())
    return {name: status_by_exit_code[code] for name, code in meta["exit_code_by_key"].items()}


def run_module(module: str, tests: list[str], *, show_diffs: bool) -> tuple[int, int, list[str]]:
    print(f"== {module} against {' '.join(tests)}", flush=True)
    work = lay_out(module, tests)
    mutmut = [sys.executable, "-m", "mutmut"]
    completed = subprocess.run([*mutmut, "run"], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = work / "mutmut-run.log"
    log.write_bytes(completed.stdout)
    if completed.returncode != 0:
        sys.stdout.write(completed.stdout.decode(errors="replace")[-4000:])
        raise SystemExit(f"mutmut failed on {module} (exit {completed.returncode}); full output in {log}")
    statuses = verdicts(work, module)
    caught = sum(status in CAUGHT for status in statuses.values())
    survivors = sorted(name for name, status in statuses.items() if status not in CAUGHT)
    for name in survivors:
        print(f"-- {statuses[name]}: {name}")
        if show_diffs:
            diff = subprocess.run([*mutmut, "show", name], cwd=work, capture_output=True, text=True).stdout
            print("\n".join(diff.splitlines()[1:]))  # the first line repeats the name
    return caught, len(statuses), survivors


def percent(caught: int, total: int) -> int:
    return 100 * caught // total if total else 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("only", nargs="?", help="one module, e.g. roadmap/progress.py")
    parser.add_argument("--no-diffs", action="store_true", help="list survivors without their diffs")
    args = parser.parse_args()
    if args.only and args.only not in MODULES:
        parser.error(f"{args.only} is not one of {', '.join(MODULES)}")
    chosen = [args.only] if args.only else list(MODULES)
    scores = []
    for module in chosen:
        caught, total, survivors = run_module(module, MODULES[module], show_diffs=not args.no_diffs)
        scores.append((module, caught, total, len(survivors)))
        print(f"{module}: {caught} of {total} mutants caught, {len(survivors)} survived")
        print(f"score: {percent(caught, total)}%", flush=True)
    if len(scores) > 1:
        print("\n== scores")
        for module, caught, total, survived in scores:
            print(f"{module}: {percent(caught, total)}% ({caught}/{total}, {survived} survived)")


if __name__ == "__main__":
    main()
