"""A visitor's marks and notes on a role's steps, kept in their session, and shareable as a signed token.

Marks are keyed by each step's stable key, never its number, so an admin reordering or
renumbering steps never scrambles anyone's progress. Nothing here touches the content tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SESSION_KEY = "progress"
SHARE_SALT = "careerpath.progress.share"
NOTE_MAX_LENGTH = 500
DONE = "done"
IN_PROGRESS = "in-progress"
NOT_STARTED = ""
STATUSES = (DONE, IN_PROGRESS, NOT_STARTED)

Marks = dict[str, dict[str, str]]  # step key -> {"status": ..., "note": ...}


@dataclass
class StepProgress:
    step: object
    status: str
    note: str
    is_next: bool

    @property
    def is_done(self) -> bool:
        return self.status == DONE

    @property
    def is_in_progress(self) -> bool:
        return self.status == IN_PROGRESS


@dataclass
class RoadmapProgress:
    steps: list[StepProgress]

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.steps if item.is_done)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 0

    @property
    def next_step(self) -> StepProgress | None:
        return next((item for item in self.steps if item.is_next), None)

    @property
    def has_marks(self) -> bool:
        return any(item.status or item.note for item in self.steps)


def marks_in_session(session, role_slug: str) -> Marks:
    """Give the visitor's marks for one role (empty if they have none)."""
    return clean_marks(session.get(SESSION_KEY, {}).get(role_slug, {}))


def has_any_marks(session) -> bool:
    """Whether the visitor has marks or notes on any role."""
    return any(clean_marks(marks) for marks in session.get(SESSION_KEY, {}).values())


def roadmap_progress(steps, marks: Marks) -> RoadmapProgress:
    """Give each step with its mark and note, the first step not done flagged as next."""
    items = []
    next_found = False
    for step in steps:
        mark = marks.get(step.key, {})
        status = mark.get("status", NOT_STARTED)
        is_next = not next_found and status != DONE
        next_found = next_found or is_next
        items.append(StepProgress(step=step, status=status, note=mark.get("note", ""), is_next=is_next))
    return RoadmapProgress(items)


def _save(session, role_slug: str, marks: Marks) -> None:
    everything = dict(session.get(SESSION_KEY, {}))
    if marks:
        everything[role_slug] = marks
    else:
        everything.pop(role_slug, None)
    session[SESSION_KEY] = everything


def set_status(session, role_slug: str, step_key: str, status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    marks = marks_in_session(session, role_slug)
    mark = dict(marks.get(step_key, {}))
    mark["status"] = status
    marks[step_key] = _without_empty(mark)
    _save(session, role_slug, {key: value for key, value in marks.items() if value})


def set_note(session, role_slug: str, step_key: str, note: str) -> None:
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValueError(f"A note can be at most {NOTE_MAX_LENGTH} characters.")
    marks = marks_in_session(session, role_slug)
    mark = dict(marks.get(step_key, {}))
    mark["note"] = note
    marks[step_key] = _without_empty(mark)
    _save(session, role_slug, {key: value for key, value in marks.items() if value})


def reset(session, role_slug: str) -> None:
    if role_slug in session.get(SESSION_KEY, {}):
        _save(session, role_slug, {})


def replace(session, role_slug: str, marks: Marks) -> None:
    _save(session, role_slug, clean_marks(marks))


def share_token(role_slug: str, marks: Marks) -> str:
    """Give a signed, URL-safe token holding these marks for this role."""
    return signing.dumps({"role": role_slug, "marks": marks}, salt=SHARE_SALT, compress=True)


def read_share_token(token: str, role_slug: str) -> Marks | None:
    """Give the marks a share token holds, or None if it is forged, broken or for another role."""
    if len(token) > 20_000:
        return None
    try:
        payload = signing.loads(token, salt=SHARE_SALT)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict) or payload.get("role") != role_slug:
        return None
    return clean_marks(payload.get("marks"))


def clean_marks(raw) -> Marks:
    """Keep only well-formed marks, so a damaged session or token can never break a page."""
    if not isinstance(raw, dict):
        return {}
    cleaned: Marks = {}
    for key, mark in raw.items():
        if not isinstance(key, str) or not isinstance(mark, dict) or len(key) > 80:
            continue
        status = mark.get("status", NOT_STARTED)
        note = mark.get("note", "")
        if status not in STATUSES or not isinstance(note, str):
            continue
        tidy = _without_empty({"status": status, "note": note[:NOTE_MAX_LENGTH]})
        if tidy:
            cleaned[key] = tidy
    return cleaned


def _without_empty(mark: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in mark.items() if value}
