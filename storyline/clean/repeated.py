"""Corpus level: short lines that recur across documents of one outlet are that outlet's furniture
(newsletter prompts, slogans, section labels). Syndicated copies count once, so a story printed
twice is not mistaken for boilerplate."""

from __future__ import annotations

from collections import defaultdict

from storyline.models import Document


def remove_repeated_lines(docs: list[Document], min_docs: int = 2, max_words: int = 25) -> int:
    """Mark kept short lines seen in `min_docs` distinct stories of the same outlet. Returns lines marked."""
    stories_with_line: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc in docs:
        if not doc.source:
            continue
        story = doc.duplicate_of or doc.id
        for line in doc.lines:
            if line.removed is None and len(line.text.split()) <= max_words:
                stories_with_line[(doc.source, line.text.casefold())].add(story)
    marked = 0
    for doc in docs:
        if not doc.source:
            continue
        for line in doc.lines:
            if line.removed is None and len(stories_with_line.get((doc.source, line.text.casefold()), ())) >= min_docs:
                line.removed = "repeated-in-outlet"
                marked += 1
    return marked
