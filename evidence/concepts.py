"""The words a claim's intervention and condition go by: plain data shared by queries and relevance."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from evidence.enums import ClaimType, Direction


@dataclass(frozen=True)
class Concept:
    """A vocabulary term as the literature may name it."""

    name: str
    synonyms: tuple[str, ...] = ()
    mesh: tuple[str, ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        """Free-text phrases, canonical name first, without duplicates."""
        seen: dict[str, None] = {}
        for phrase in (self.name, *self.synonyms):
            seen.setdefault(phrase.strip(), None)
        return tuple(p for p in seen if p)


@dataclass(frozen=True)
class ClaimConcepts:
    """What a claim is about, with the neighbouring concepts that decide directness."""

    claim_type: ClaimType
    direction: Direction
    intervention: Concept
    condition: Concept | None
    broader: tuple[Concept, ...] = ()   # e.g. chronic pain and pain, for fibromyalgia
    narrower: tuple[Concept, ...] = ()  # e.g. fibromyalgia, for chronic pain
    effect: str = ""

    @cached_property
    def direct_concepts(self) -> tuple[Concept, ...]:
        return () if self.condition is None else (self.condition, *self.narrower)


def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any phrase on word boundaries; hyphens match spaces."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s\-]+", phrase.strip()) if w]
        if words:
            parts.append(r"[\s\-]+".join(words))
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?:s|es)?(?![\w])", re.IGNORECASE)
