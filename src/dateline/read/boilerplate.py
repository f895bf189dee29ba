"""Drop the lines of a scraped page that are not the article (rules in ``boilerplate.toml``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.read.data import ReadingData


@dataclass
class Cleaned:
    """Paragraphs that survived, and what was removed by which rule (for debugging)."""

    paragraphs: list[str]
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule id, line)


def strip_boilerplate(paragraphs: list[str], data: ReadingData) -> Cleaned:
    """Remove boilerplate paragraphs.

    A "drop" rule removes the paragraph it matches; a "cut" rule (a comment form, a footer)
    removes it and everything after it, but only once some article text has been kept, so a
    "Leave a comment" link above the story cannot delete the story.
    """
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    for index, paragraph in enumerate(paragraphs):
        rule = next((r for r in data.rules if r.matches(paragraph)), None)
        if rule is None:
            kept.append(paragraph)
            continue
        if rule.action == "cut" and kept:
            removed.extend((rule.id, p) for p in paragraphs[index:])
            break
        removed.append((rule.id, paragraph))
    return Cleaned(kept, removed)
