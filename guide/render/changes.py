"""One line of plain text per structured change (``guide.history.summary``) and per timeline event
(``guide.history.timeline``): the words every renderer uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from guide.language import ENGLISH, Lang

CALLS_SHOWN = 6
"""Calls named per side of a ``calls_changed``; the rest are counted."""


def names(items: Sequence[str], shown: int = CALLS_SHOWN) -> str:
    """``a, b, c`` — the first ``shown`` of ``items``, then how many more ("… +3")."""
    more = len(items) - shown
    return ", ".join(items[:shown]) + (f" … +{more}" if more > 0 else "")


def describe(change: dict) -> str:
    """One human-readable line for a change dict."""
    c = change.get("change", "")
    if c == "unchanged":
        return "unchanged (identical text)"
    if c in ("field_added", "field_removed"):
        verb = "added" if c == "field_added" else "removed"
        return f"field {change['name']} {change.get('type', '')} {verb}".replace("  ", " ")
    if c == "field_type_changed":
        return f"field {change['name']}: type {change['old_type']} -> {change['new_type']}"
    if c in ("method_added", "method_removed"):
        return f"method {change['name']}{change.get('signature', '')} {c.split('_')[1]}"
    if c == "method_changed":
        return f"method {change['name']}: {change['old_signature']} -> {change['new_signature']}"
    if c.endswith("_reordered"):
        return f"{c.split('_')[0]}s reordered"
    if c == "value_changed":
        return f"value of {change['name']}: {change['old'] or '(implicit)'} -> {change['new'] or '(implicit)'}"
    if c == "const_type_changed":
        return f"type of {change['name']}: {change['old_type'] or '(untyped)'} -> {change['new_type'] or '(untyped)'}"
    if c in ("signature_changed", "type_changed"):
        return f"{c.split('_')[0]} changed: {change['old']} -> {change['new']}"
    if c in ("body_changed", "text_changed", "comments_changed"):
        what = {"body_changed": "body", "text_changed": "text", "comments_changed": "comments/layout only"}[c]
        return f"{what} changed: +{change['lines_added']} -{change['lines_removed']} lines"
    if c == "body_removed":
        return f"now declared without a body ({change['lines']} lines before): implemented elsewhere"
    if c == "body_added":
        return f"now has a body ({change['lines']} lines): declared without one before"
    if c == "calls_changed":
        verbs = (("added", "calls added"), ("removed", "calls removed"))
        return "; ".join(f"{verb}: {names(change[key])}" for key, verb in verbs if change.get(key))
    if c == "file_moved":
        return f"file moved: {change['old_path']} -> {change['new_path']}"
    if c == "package_moved":
        return f"package moved: {change['old_package']} -> {change['new_package']} ({change['new_path']})"
    if c == "renamed":
        return f"renamed: {change['old']} -> {change['new']}"
    if c == "removed":
        succ = change.get("successor")
        return f"removed: {change.get('symbol', '')}" + (f" (successor: {', '.join(succ)})" if succ else "")
    if c == "added":
        pred = change.get("predecessor")
        return f"added: {change.get('symbol', '')}" + (f" (predecessor: {pred})" if pred else "")
    if c == "not_found":
        return f"{change.get('name', '')} not found in the indexed releases"
    return c


def _releases(tags: Sequence[str]) -> str:
    """Releases named in a sentence: all of a few, the first and the last of many."""
    tags = list(tags)
    return ", ".join(tags) if len(tags) <= 3 else f"{tags[0]} … {tags[-1]} ({len(tags)})"


def event_text(event: str, tag: str, previous: str | None, details: dict[str, Any], lang: Lang = ENGLISH) -> str:
    """One timeline event in ``lang``, from its structured fields (``details`` as ``guide.history.timeline`` fills
    them). A first appearance is worded as what the index knows: present in its oldest release (introduced then or
    before), or absent from the indexed releases before it."""
    t = lang.text
    if event == "first_seen":
        before = details.get("absent_in") or []
        if details.get("oldest"):
            return t("tl_oldest", tag=tag)
        if not before:
            return t("tl_first_compared", tag=tag)
        return t("tl_first_seen", tag=tag, before=_releases(before))
    if event == "reappeared":
        return t("tl_reappeared", tag=tag)
    if event == "removed":
        text = t("tl_removed", tag=tag, previous=previous)
        if details.get("successor"):
            text += t("tl_successor", new=", ".join(details["successor"]), since=details.get("since", ""))
        return text
    if event == "moved":
        key = "tl_moved_package" if details.get("what") == "package" else "tl_moved_file"
        return t(key, tag=tag, old=details.get("old_path"), new=details.get("new_path"))
    if event == "renamed":
        return t("tl_renamed", tag=tag, old=details.get("old"), new=details.get("new"))
    if event == "changed":
        summary = details.get("summary")
        if summary is None:  # a file: its text differs
            return t("tl_file_changed", tag=tag, previous=previous)
        return t("tl_changed", tag=tag, previous=previous, what="; ".join(describe(c) for c in summary[:4]))
    return f"{event} {tag}"


__all__ = ["CALLS_SHOWN", "describe", "event_text", "names"]
