"""A stack trace pasted into a question: where it starts, and which of its frames are the program's own code.

A crash's output names Go's code (``runtime.throw``, ``sync.(*WaitGroup).Wait``) and the program's
(``main.(*Server).Start``, ``/home/user/app/server.go:23``); only the first is what the guide can cite."""

from __future__ import annotations

import re

_TRACE = re.compile(r"\b(?:goroutine \d+ \[[^\]]*\]|runtime stack):.*$", re.DOTALL)
"""Where a pasted crash's stack trace starts (``goroutine 1 [running]:``, ``runtime stack:``): its frames are where
the program was (``main.main()``), not what the question is about."""


def without_trace(text: str) -> str:
    """``text`` up to a pasted stack trace (``_TRACE``)."""
    return _TRACE.sub("", text)


_FRAME = re.compile(
    r"(?<!\S)(?:created by )?(?P<func>[^\s(]+(?:\([^()]*\)[^\s(]*)*)(?: in goroutine \d+)?"
    r"\s+\S+\.(?:go|s):\d+(?: \+0x[0-9a-fA-F]+)?"
)
"""A frame of a pasted stack trace: the function (``main.(*Server).Start(0x0)``, ``created by main.main``) and where
it was (``/home/user/app/server.go:23 +0x22``), on the next line or, the question's lines joined, after a space."""


def without_user_frames(text: str) -> str:
    """``text`` with the frames of a pasted stack trace that are the program's own code blanked (``_FRAME`` whose
    package is ``main`` or has a domain in its import path, ``github.com/...``; positions kept): their names and
    files are the user's (``main.(*Server).Start`` had cited ``runtime/trace.(*FlightRecorder).Start``, and
    ``server.go`` was reported as defined in no indexed release), and so is ``go run``'s ``exit status 2``
    (``_EXIT``). The standard library's frames stay (``sync.(*WaitGroup).Wait``)."""

    def blank(m: re.Match[str]) -> str:
        func = m.group("func")
        if "." not in func:  # no package-qualified function: no frame ("see proc.go:400")
            return m.group(0)
        pkg = func[: func.find(".", func.rfind("/") + 1)]  # the import path: up to the first dot of its last element
        own = pkg == "main" or "." in pkg.split("/", 1)[0]
        return _blanked(m) if own else m.group(0)

    return _EXIT.sub(_blanked, _FRAME.sub(blank, text))


def _blanked(m: re.Match[str]) -> str:
    """The match as spaces, its line breaks kept (positions do not move)."""
    return re.sub(r"[^\n]", " ", m.group(0))


_EXIT = re.compile(r"(?<![^\s])exit status \d+[ \t]*$", re.MULTILINE)
"""The go command's last line after a crash (``go run``'s ``exit status 2``, ending a line): the program's exit,
no word of Go's runtime (its "exit" had cited ``runtime.Goexit`` for "panic: assignment to entry in nil map",
trial 14)."""


__all__ = ["without_trace", "without_user_frames"]
