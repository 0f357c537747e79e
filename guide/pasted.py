"""What a user pastes into a question: a crash log's lines, shown as written in the chat (``fenced_logs``) and left
out where the question is named back to the user (``prose_of``)."""

from __future__ import annotations

import re

LOG_LINE = re.compile(
    r"^(?:\t|(?:panic|fatal error|runtime error): |goroutine \d+ \[|\[signal |created by |exit status |"
    r"[\w./*()-]+\(.*\)$|$)"
)
"""A line of a pasted crash log: a frame's file line (a tab first), a frame ("main.handle(0x1)"), the message, a
goroutine's header, a signal line, "created by", or a blank between them."""
LOG_FILE = re.compile(r"^\t\S+:\d+")


def fenced_logs(text: str) -> str:
    """``text`` with each pasted crash log (a run of ``LOG_LINE`` lines holding a frame's file line) in a ``` fence,
    so that it is shown as written, in a code box (trial 74: a pasted net/http crash lost its tabs and filled the
    screen in the prose font). Text already fenced is left as it is."""
    if "```" in text:
        return text
    out: list[str] = []
    run: list[str] = []  # the lines of a log being read

    def flush() -> None:
        blanks = 0
        while run and not run[-1].strip():  # the blank lines after a log are the prose's
            run.pop()
            blanks += 1
        log = len(run) >= 3 and any(LOG_FILE.match(ln) for ln in run)
        out.extend(["```", *run, "```"] if log else run)
        out.extend([""] * blanks)
        run.clear()

    for ln in text.split("\n"):
        if LOG_LINE.match(ln) and (run or ln.strip()):
            run.append(ln)
        else:
            flush()
            out.append(ln)
    flush()
    return "\n".join(out)


def prose_of(text: str) -> str:
    """``text`` without the lines of a pasted crash log (``LOG_LINE``), when it has prose besides: what a follow-up
    says it continues ("read as a follow-up of: “… runtime 为什么不是 panic 而是直接 fatal？”", not the log's last
    frames cut mid-token: trial 75)."""
    lines = text.split("\n")
    prose = [ln for ln in lines if ln.strip() and not LOG_LINE.match(ln)]
    return "\n".join(prose) if prose and len(prose) < len([ln for ln in lines if ln.strip()]) else text


__all__ = ["LOG_FILE", "LOG_LINE", "fenced_logs", "prose_of"]
