"""The messages a Go program shows its user, as the code says them: a panic's, a fatal error's, a throw's or a
compiler diagnostic's string literal (read by the answers' statements and by the search for the message a question
describes)."""

from __future__ import annotations

import re

MESSAGE_CALL = re.compile(
    r'\b(?:panic|fatal|throw|plainError|errorString|WarnfAt|ErrorfAt|print(?=\("runtime: ))\((?:[^"()]*\()?[^"()]*"'
    r'(?P<text>[^"\\]*(?:\\.[^"\\]*)*)"'
)
"""A message the program shows its user: a panic's or a fatal error's (``panic(plainError("close of closed
channel"))``, ``fatal("concurrent map writes")``; ``fatal`` is "used when user code is expected to be at fault",
runtime/panic.go), the runtime's own failure (``throw("stack overflow")``: what a program that recurses forever
prints, "fatal error: stack overflow"; most throws are the runtime's invariants, which no question's words fit, see
``message_fits``, and which say nothing of what changed, see ``runtime_failure``), or a compiler diagnostic
(``base.WarnfAt(n.Pos(), "moved to heap: %v", n)``), or one of the runtime's diagnostics, printed before it fails
(``print("runtime: goroutine stack exceeds ", maxstacksize, "-byte limit\\n")``)."""


__all__ = ["MESSAGE_CALL"]
