"""One line of plain text per structured change (``guide.history.summary``): the words every renderer uses."""

from __future__ import annotations


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


__all__ = ["describe"]
