"""Our prose is our own: no prose field shares a run of 12 or more words with a source article.

The check reads the five articles in ``../shared/seeds/`` (beside the checkout) and skips when
that folder is absent, as in a fresh clone; nothing else in the project needs it. Run it alone with

    .venv/bin/python -m pytest tests/roles/test_copied_prose.py -q

A failure lists each offending field as ``file: path.to.field: "the shared run…"``.

What counts as prose: paragraphs, summaries, descriptions, answers, step bodies, tips' text, duty
items, notes, statements and definitions. What stays exact (issue 13, item 5) and is not checked:
names, titles, labels, FAQ questions, lists of positions and populations, and eligibility criteria
(the ``text`` of a certification's eligibility requirement, of a ``rule`` or of ``covered_when``).
A quoted definition is allowed to match its source: mark it ``quotation: true``.
"""

import os
import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

SEEDS_DIR = settings.BASE_DIR.parent / "shared" / "seeds"
RUN = 12
NAME = "<name>"  # stands for a name or an eligibility criterion, quoted exactly

# A string is prose when the nearest key above it is one of these.
PROSE_KEYS = {
    "summary",
    "what_they_do",
    "work_environment",
    "conclusion",
    "body",
    "description",
    "answer",
    "text",
    "note",
    "suits",
    "items",
}
# ... unless it is an eligibility criterion, which stays exact.
CRITERIA_PARENTS = {"rule", "covered_when", "eligibility"}
# Names of organisations and credentials, and job titles, stay exact wherever they appear. (Not the
# titles of steps, groups or tips: those are common phrases such as "case management".)
NAME_KEYS = {"name", "organization", "abbreviation", "code", "positions"}
NAME_FILES = ("sources.yaml", "certifications.yaml")


def words(text: str, names: list[tuple[str, ...]] = ()) -> list[str]:
    """Lower-case words with punctuation dropped (apostrophes inside a word kept).

    Each occurrence of one of `names` (longest first) becomes the single word NAME, and names in a
    row become one NAME: names and eligibility criteria stay exact, so quoting one, or a run of
    names, is not a copied sentence.
    """
    text = text.lower().replace("’", "'").replace("‘", "'")
    tokens = re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", text)
    if not names:
        return tokens
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        by_first.setdefault(name[0], []).append(name)
    out, i = [], 0
    while i < len(tokens):
        match = next((n for n in by_first.get(tokens[i], ()) if tuple(tokens[i : i + len(n)]) == n), None)
        if match:
            if not out or out[-1] != NAME:
                out.append(NAME)
            i += len(match)
        else:
            out.append(tokens[i])
            i += 1
    return out


def grams(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def shared_runs(tokens: list[str], article: set[tuple[str, ...]]) -> list[str]:
    """Each maximal run of RUN or more consecutive words of `tokens` that the article also has."""
    covered = [False] * len(tokens)
    for i in range(len(tokens) - RUN + 1):
        if tuple(tokens[i : i + RUN]) in article:
            covered[i : i + RUN] = [True] * RUN
    runs, start = [], None
    for i, inside in enumerate([*covered, False]):
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            runs.append(" ".join(tokens[start:i]))
            start = None
    return runs


def prose_fields(node, path: str = "", keys: tuple[str, ...] = (), quoted: bool = False):
    """Yield (path, text) for every prose string in a loaded YAML document."""
    if isinstance(node, dict):
        quoted = quoted or bool(node.get("quotation"))
        for key, value in node.items():
            yield from prose_fields(value, f"{path}.{key}" if path else str(key), (*keys, str(key)), quoted)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from prose_fields(value, f"{path}[{index}]", keys, quoted)
    elif isinstance(node, str) and keys and not quoted:
        key = keys[-1]
        if key in PROSE_KEYS and not (key == "text" and CRITERIA_PARENTS & set(keys[:-1])):
            yield path, node


def name_strings(node, keys: set[str], key: str = "", parents: tuple[str, ...] = ()):
    """Names under `keys`, and eligibility criteria (the `text` of a rule, covered_when or eligibility)."""
    if isinstance(node, dict):
        for k, value in node.items():
            yield from name_strings(value, keys, str(k), (*parents, key))
    elif isinstance(node, list):
        for value in node:
            yield from name_strings(value, keys, key, parents)
    elif isinstance(node, str) and key == "text" and CRITERIA_PARENTS & set(parents):
        yield node
    elif isinstance(node, str) and key in keys:
        yield node
        # "Certified Case Manager (CCM)" also names "Certified Case Manager" and "CCM".
        yield from re.findall(r"\(([^)]+)\)", node)
        yield re.sub(r"\s*\([^)]*\)", "", node)


def known_names(documents: dict[str, object]) -> list[tuple[str, ...]]:
    """Multi-word names and criteria, and one-word codes in capitals (CCM, NACCM), longest first."""
    names = set()
    for file, document in documents.items():
        keys = NAME_KEYS if file.endswith(NAME_FILES) else {"positions"}
        for text in name_strings(document, keys):
            tokens = tuple(words(text))
            if len(tokens) >= 2 or (len(tokens) == 1 and text.strip().isupper() and len(text.strip()) > 1):
                names.add(tokens)
    return sorted(names, key=len, reverse=True)


def articles(names) -> dict[str, set[tuple[str, ...]]]:
    found = {}
    for number in range(5):
        (path,) = SEEDS_DIR.glob(f"{number:03d}_*.txt")
        found[f"{number:03d}"] = grams(words(path.read_text(encoding="utf-8"), names))
    return found


def content_files() -> list[Path]:
    return sorted(Path(settings.CONTENT_DIR).rglob("*.yaml"))


def copied_passages() -> list[str]:
    documents = {
        os.path.relpath(file, settings.BASE_DIR): yaml.safe_load(file.read_text(encoding="utf-8"))
        for file in content_files()
    }
    names = known_names(documents)
    texts = articles(names)
    found = []
    for name, document in documents.items():
        for path, text in prose_fields(document):
            tokens = words(text, names)
            for code, article in texts.items():
                for run in shared_runs(tokens, article):
                    found.append(f'{name}: {path}: "{run}" (article {code})')
    return found


@pytest.mark.skipif(
    not SEEDS_DIR.is_dir(),
    reason=f"the source articles are not beside this checkout ({SEEDS_DIR} is absent); "
    "the copied-prose check needs their text and runs in a checkout that has them beside it",
)
def test_no_prose_field_copies_a_run_of_words_from_an_article():
    copied = copied_passages()
    assert not copied, (
        f"{len(copied)} prose field(s) share a run of {RUN}+ words with an article; rewrite them "
        "in our own words (or mark a quoted definition `quotation: true`):\n" + "\n".join(copied)
    )


class TestTheCheckItself:
    """The matching logic, without the articles."""

    def test_normalises_case_and_punctuation(self):
        assert words("The Client’s needs — met, quickly!") == ["the", "client's", "needs", "met", "quickly"]

    def test_finds_a_run_of_twelve_and_not_eleven(self):
        article = grams(words("a b c d e f g h i j k l m n o p"))
        assert shared_runs(words("x a b c d e f g h i j k l y"), article) == ["a b c d e f g h i j k l"]
        assert shared_runs(words("x a b c d e f g h i j k y"), article) == []

    def test_reports_a_longer_run_once(self):
        article = grams(words("a b c d e f g h i j k l m n o p"))
        assert shared_runs(words("a b c d e f g h i j k l m n"), article) == ["a b c d e f g h i j k l m n"]

    def test_a_run_of_names_counts_as_one_word(self):
        names = known_names(
            {
                "sources.yaml": {"name": "Case Management Society of America (CMSA)"},
                "x/certifications.yaml": {"code": "CCM"},
            }
        )
        assert words("join the Case Management Society of America (CMSA) or get the CCM", names) == [
            "join",
            "the",
            NAME,
            "or",
            "get",
            "the",
            NAME,
        ]

    def test_names_and_criteria_are_not_prose(self):
        document = {
            "role": {
                "title": "T",
                "summary": "S",
                "steps": [{"title": "T", "body": ["B"], "covered_when": [{"text": "C"}]}],
                "faqs": [{"question": "Q", "answer": ["A"]}],
                "career_ladder": [{"positions": ["P"], "tips": [{"title": "T", "text": "X"}]}],
            },
            "certifications": [{"eligibility": [{"requirements": [{"text": "C", "note": "N"}]}]}],
            "definitions": [{"term": "T", "text": ["Q"], "quotation": True}],
        }
        assert dict(prose_fields(document)) == {
            "role.summary": "S",
            "role.steps[0].body[0]": "B",
            "role.faqs[0].answer[0]": "A",
            "role.career_ladder[0].tips[0].text": "X",
            "certifications[0].eligibility[0].requirements[0].note": "N",
        }
