"""The page-load event's guard: sessions that have asked keep their answer's cards."""

from __future__ import annotations

from webui.sessions import AskedSessions


def test_a_session_that_asked_is_remembered_and_others_are_not() -> None:
    s = AskedSessions()
    assert not s.has_asked("a") and not s.has_asked(None) and not s.has_asked("")
    s.asked("a")
    s.asked(None)
    assert s.has_asked("a") and not s.has_asked("b") and not s.has_asked(None)


def test_the_oldest_sessions_are_forgotten_first() -> None:
    s = AskedSessions(limit=2)
    for name in ("a", "b", "a", "c"):  # asking again makes "a" the newest
        s.asked(name)
    assert s.has_asked("a") and s.has_asked("c") and not s.has_asked("b")
