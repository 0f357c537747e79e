"""A three-step tour in an answer, for tests of how tours are composed: the first tour's title and summary, steps of
its own (a stack step, then two on the network poller), cited at go1.27.3 in one made-up file."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer
    from guide.citation import Citation


def three_step_tour() -> tuple[TourInAnswer, list[tuple[Citation, str]]]:
    """The tour and its (citation, annotation) steps."""
    from guide.answering.tour import TourInAnswer
    from guide.citation import Citation
    from guide.knowledge.tours import tours

    def cit(n: int, symbol: str) -> Citation:
        return Citation("go1.27.3", "src/runtime/a.go", n * 10, n * 10 + 5, symbol, "func", "u", "func f() {}", n=n)

    steps = [
        (cit(1, "runtime.newstack"), "A goroutine's stack grows by copying it to one twice as large."),
        (cit(2, "internal/poll.(*FD).Read"), "A network read waits in the network poller when no data is there."),
        (cit(3, "runtime.netpoll"), "The network poller asks epoll which descriptors are ready."),
    ]  # fmt: skip
    return TourInAnswer(tours()[0], "go1.27.3", steps, []), steps
