"""A visitor's marks and notes (roadmap/progress.py), on a plain dict standing in for the session."""

import random
import string
from types import SimpleNamespace

import pytest
from django.core import signing

from roadmap.progress import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    clean_marks,
    has_any_marks,
    marks_in_session,
    read_share_token,
    replace,
    reset,
    roadmap_progress,
    set_note,
    set_status,
    share_token,
)

CASE = "case-manager"
CARE = "care-manager"


def steps(*keys: str) -> list:
    return [SimpleNamespace(key=key, number=number) for number, key in enumerate(keys, start=1)]


class TestSavingKeepsEverythingElse:
    def test_marks_in_two_roles_are_both_kept(self):
        session = {"_auth_user_id": "7"}
        set_status(session, CASE, "understand-the-role", DONE)
        set_status(session, CARE, "get-certified", IN_PROGRESS)
        set_note(session, CASE, "gain-experience", "Ask Dana about the hospital job")
        assert session == {
            "_auth_user_id": "7",
            "progress": {
                CASE: {
                    "understand-the-role": {"status": "done"},
                    "gain-experience": {"note": "Ask Dana about the hospital job"},
                },
                CARE: {"get-certified": {"status": "in-progress"}},
            },
        }

    def test_any_marks_in_any_role_count_and_damaged_ones_do_not(self):
        assert not has_any_marks({})
        assert not has_any_marks({"progress": {}})
        assert not has_any_marks({"progress": {CASE: {"a": "done"}, CARE: {"b": {"status": "finished"}}}})
        assert has_any_marks({"progress": {CASE: {"a": "done"}, CARE: {"b": {"note": "Call"}}}})
        session = {}
        set_status(session, CARE, "b", DONE)
        assert has_any_marks(session)
        set_status(session, CARE, "b", NOT_STARTED)
        assert not has_any_marks(session)

    def test_resetting_one_role_keeps_the_other(self):
        session = {}
        set_status(session, CASE, "a", DONE)
        set_status(session, CARE, "b", DONE)
        reset(session, CASE)
        assert session == {"progress": {CARE: {"b": {"status": "done"}}}}

    def test_resetting_a_role_without_marks_changes_nothing(self):
        session = {}
        reset(session, CASE)
        assert session == {}
        set_status(session, CARE, "b", DONE)
        reset(session, CASE)
        assert session == {"progress": {CARE: {"b": {"status": "done"}}}}

    def test_replacing_one_roles_marks_keeps_the_other(self):
        session = {}
        set_status(session, CASE, "a", DONE)
        set_status(session, CARE, "b", DONE)
        replace(session, CASE, {"c": {"status": "in-progress", "note": "Half way"}, "junk": "done"})
        assert session == {
            "progress": {
                CASE: {"c": {"status": "in-progress", "note": "Half way"}},
                CARE: {"b": {"status": "done"}},
            }
        }
        replace(session, CARE, {})
        assert session == {"progress": {CASE: {"c": {"status": "in-progress", "note": "Half way"}}}}


class TestStatusAndNoteOnOneStep:
    def test_a_status_then_a_note_keeps_both(self):
        session = {}
        set_status(session, CASE, "a", IN_PROGRESS)
        set_note(session, CASE, "a", "Booked the exam")
        assert marks_in_session(session, CASE) == {"a": {"status": "in-progress", "note": "Booked the exam"}}

    def test_a_note_then_a_status_keeps_both(self):
        session = {}
        set_note(session, CASE, "a", "Booked the exam")
        set_status(session, CASE, "a", DONE)
        assert marks_in_session(session, CASE) == {"a": {"status": "done", "note": "Booked the exam"}}

    def test_clearing_one_keeps_the_other_and_clearing_both_forgets_the_step(self):
        session = {}
        set_status(session, CASE, "a", DONE)
        set_note(session, CASE, "a", "Passed")
        set_status(session, CASE, "b", DONE)
        set_status(session, CASE, "a", NOT_STARTED)
        assert marks_in_session(session, CASE) == {"a": {"note": "Passed"}, "b": {"status": "done"}}
        set_note(session, CASE, "a", "   ")
        assert session == {"progress": {CASE: {"b": {"status": "done"}}}}
        set_status(session, CASE, "b", NOT_STARTED)
        assert session == {"progress": {}}

    def test_clearing_a_step_that_was_never_marked_is_harmless(self):
        session = {}
        set_status(session, CASE, "a", NOT_STARTED)
        set_note(session, CASE, "a", "")
        assert session == {"progress": {}}

    def test_notes_are_trimmed_and_limited_to_500_characters(self):
        session = {}
        set_note(session, CASE, "a", "  " + "x" * 500 + "\n")
        assert marks_in_session(session, CASE) == {"a": {"note": "x" * 500}}
        with pytest.raises(ValueError, match="at most 500 characters"):
            set_note(session, CASE, "a", "x" * 501)
        assert marks_in_session(session, CASE) == {"a": {"note": "x" * 500}}

    def test_an_unknown_status_is_refused_and_nothing_is_saved(self):
        session = {}
        with pytest.raises(ValueError, match="unknown status 'finished'"):
            set_status(session, CASE, "a", "finished")
        assert session == {}


class TestRoadmapProgress:
    def test_only_the_first_step_not_done_is_next(self):
        marks = {"one": {"status": "done"}, "two": {"status": "in-progress"}, "four": {"status": "done"}}
        result = roadmap_progress(steps("one", "two", "three", "four", "five"), marks)
        assert [item.is_next for item in result.steps] == [False, True, False, False, False]
        assert result.next_step.step.key == "two"
        assert [item.status for item in result.steps] == ["done", "in-progress", "", "done", ""]
        assert [item.is_done for item in result.steps] == [True, False, False, True, False]
        assert [item.is_in_progress for item in result.steps] == [False, True, False, False, False]
        assert (result.done_count, result.total, result.percent) == (2, 5, 40)

    def test_notes_come_with_their_steps(self):
        result = roadmap_progress(steps("one", "two"), {"two": {"note": "Call the board"}})
        assert [item.note for item in result.steps] == ["", "Call the board"]
        assert result.has_marks

    def test_all_done_has_no_next_step_and_is_100_percent(self):
        result = roadmap_progress(steps("one", "two"), {"one": {"status": "done"}, "two": {"status": "done"}})
        assert result.next_step is None
        assert not any(item.is_next for item in result.steps)
        assert result.percent == 100

    @pytest.mark.parametrize(("done", "total", "percent"), [(1, 3, 33), (2, 3, 67), (0, 4, 0), (1, 8, 12)])
    def test_the_percentage_is_rounded_to_a_whole_number(self, done, total, percent):
        keys = [f"step-{number}" for number in range(total)]
        marks = {key: {"status": "done"} for key in keys[:done]}
        assert roadmap_progress(steps(*keys), marks).percent == percent

    def test_a_role_without_steps_is_0_percent_with_no_next_step(self):
        result = roadmap_progress([], {})
        assert (result.percent, result.total, result.next_step, result.has_marks) == (0, 0, None, False)

    def test_no_marks_means_nothing_to_reset(self):
        result = roadmap_progress(steps("one", "two"), {})
        assert not result.has_marks
        assert result.next_step.step.key == "one"


class TestDamagedMarks:
    def test_a_damaged_session_shows_as_no_marks_instead_of_breaking(self):
        assert marks_in_session({"progress": {CASE: "done"}}, CASE) == {}
        assert marks_in_session({"progress": {CASE: {"a": "done", "b": {"status": "done"}}}}, CASE) == {
            "b": {"status": "done"}
        }
        assert marks_in_session({}, CASE) == {}

    @pytest.mark.parametrize("raw", [None, "done", ["a"], 3])
    def test_anything_but_a_dict_is_no_marks(self, raw):
        assert clean_marks(raw) == {}

    def test_bad_entries_are_dropped_and_the_good_ones_after_them_kept(self):
        raw = {
            "not-a-dict": "done",
            "unknown-status": {"status": "finished"},
            "note-not-text": {"status": "done", "note": 42},
            "k" * 81: {"status": "done"},
            7: {"status": "done"},
            "empty": {"status": "", "note": ""},
            "k" * 80: {"status": "done"},
            "good": {"status": "in-progress", "note": "Fine"},
            "note-only": {"note": "Remember"},
        }
        assert clean_marks(raw) == {
            "k" * 80: {"status": "done"},
            "good": {"status": "in-progress", "note": "Fine"},
            "note-only": {"note": "Remember"},
        }

    def test_overlong_notes_are_cut_to_500_characters(self):
        assert clean_marks({"a": {"note": "y" * 900}}) == {"a": {"note": "y" * 500}}


class TestShareTokens:
    MARKS = {"understand-the-role": {"status": "done"}, "get-certified": {"note": "In June"}}

    def test_a_token_gives_back_the_marks_for_its_own_role_only(self):
        token = share_token(CASE, self.MARKS)
        assert read_share_token(token, CASE) == self.MARKS
        assert read_share_token(token, CARE) is None

    def test_a_forged_or_broken_token_gives_nothing(self):
        token = share_token(CASE, self.MARKS)
        assert read_share_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), CASE) is None
        assert read_share_token("not-a-token", CASE) is None
        assert read_share_token("", CASE) is None
        other_salt = signing.dumps({"role": CASE, "marks": self.MARKS}, salt="something-else", compress=True)
        assert read_share_token(other_salt, CASE) is None

    def test_a_signed_token_with_damaged_marks_keeps_only_the_good_ones(self):
        def signed(payload) -> str:
            return signing.dumps(payload, salt="careerpath.progress.share", compress=True)

        damaged = {"role": CASE, "marks": {"a": {"status": "finished"}, "b": {"status": "done"}}}
        assert read_share_token(signed(damaged), CASE) == {"b": {"status": "done"}}
        assert read_share_token(signed({"role": CASE}), CASE) == {}
        assert read_share_token(signed([CASE, self.MARKS]), CASE) is None

    def test_a_token_of_up_to_20000_characters_is_read_and_a_longer_one_refused(self):
        at_limit, marks = token_of_length(20_000)
        assert read_share_token(at_limit, CASE) == marks
        over_limit, _ = token_of_length(20_002)  # no token is 20,001 characters long
        assert read_share_token(over_limit, CASE) is None


RANDOM_TEXT = "".join(random.Random(19).choices(string.ascii_letters + string.digits, k=30_000))


def token_of_length(length: int) -> tuple[str, dict]:
    """Give a genuine share token exactly `length` characters long, and the marks it holds."""

    def token_for(size: int) -> tuple[str, dict]:
        text = RANDOM_TEXT[:size]
        marks = {f"k{start}": {"note": text[start : start + 400]} for start in range(0, size, 400)}
        return share_token(CASE, marks), marks

    low, high = 0, len(RANDOM_TEXT)
    while low < high:  # the smallest size whose token reaches the length; compression makes it uneven
        middle = (low + high) // 2
        low, high = (middle + 1, high) if len(token_for(middle)[0]) < length else (low, middle)
    for size in range(low - 50, low + 50):
        token, marks = token_for(size)
        if len(token) == length:
            return token, marks
    raise AssertionError(f"no token of {length} characters near {low} characters of notes")
