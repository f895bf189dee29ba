"""Drop the lines of a scraped page that are not the article (rules in ``boilerplate.toml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dateline.read.data import BoilerplateRule, ReadingData

# A list item ("- link", "• link") right after a "Related"/"Read more" heading is a link.
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*·▪►]|\d{1,2}[.)])\s+\S")
_LIST_RULE_ID = "related.list-item"
# The publisher a copyright line names: "© 2026 Reuters.", "Copyright 2026 The Associated Press."
_COPYRIGHT_OWNER = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)\s+"
    r"(?P<owner>[A-Z][\w&.'’\- ]{1,60}?)\s*(?:[.,;|]|$)",
    re.IGNORECASE,
)
_COMPANY_SUFFIX = re.compile(r"\s+(?:Ltd|Limited|Inc|LLC|GmbH|plc|S\.A)\.?$", re.IGNORECASE)


@dataclass
class Cleaned:
    """Paragraphs that survived, and what was removed by which rule (for debugging)."""

    paragraphs: list[str]
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule id, line)

    def copyright_owner(self) -> str | None:
        """The publisher named by a removed copyright line ("© 2026 Reuters." → "Reuters")."""
        for rule_id, line in self.removed:
            if not rule_id.startswith("copyright."):
                continue
            match = _COPYRIGHT_OWNER.match(" ".join(line.split()))
            if match and match.group("owner")[:1].isupper():
                return _COMPANY_SUFFIX.sub("", match.group("owner").strip())
        return None


def _rule_for(line: str, data: ReadingData) -> BoilerplateRule | None:
    return next((r for r in data.rules if r.matches(line)), None)


def strip_boilerplate(paragraphs: list[str], data: ReadingData) -> Cleaned:
    """Remove boilerplate paragraphs, and boilerplate lines inside multi-line paragraphs.

    A "drop" rule removes the line it matches; a "cut" rule (a comment form, a footer)
    removes it and everything after it, but only once some article text has been kept, so a
    "Leave a comment" link above the story cannot delete the story. List items that follow a
    "related" heading are links, and are dropped with it. The lines left of a paragraph are
    kept together, in order; a paragraph split by a removed line becomes two.
    """
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    for index, paragraph in enumerate(paragraphs):
        lines = paragraph.split("\n")
        whole = _rule_for(" ".join(paragraph.split()), data) if len(lines) > 1 else None
        if whole is not None:
            lines = [" ".join(paragraph.split())]
        run: list[str] = []
        in_related = False
        for number, line in enumerate(lines):
            rule = whole or _rule_for(line, data)
            if rule is None and in_related and _LIST_ITEM.match(line):
                removed.append((_LIST_RULE_ID, line))
                continue
            if rule is None:
                in_related = False
                run.append(line)
                continue
            if run:
                kept.append("\n".join(run))
                run = []
            if rule.action == "cut" and kept:
                removed.extend((rule.id, rest) for rest in lines[number:])
                removed.extend((rule.id, rest) for rest in paragraphs[index + 1 :])
                return Cleaned(kept, removed)
            in_related = rule.kind == "related"
            removed.append((rule.id, line))
        if run:
            kept.append("\n".join(run))
    return Cleaned(kept, removed)
