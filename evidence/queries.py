"""From a claim's concepts to the PubMed query a librarian would write (pure)."""
from __future__ import annotations

import re

from evidence.concepts import ClaimConcepts, Concept
from evidence.enums import ClaimType

# Free text that PubMed would misread without quotes: several words, hyphens, digits, brackets.
_NEEDS_QUOTES = re.compile(r"[^A-Za-z]")


EPIDEMIOLOGY = Concept(
    "prevalence",
    ("incidence", "epidemiology", "epidemiological", "population-based"),
    ("Prevalence", "Incidence", "Epidemiology"),
)


def build_query(concepts: ClaimConcepts) -> str:
    """Intervention AND (condition, its narrower and broader terms); broader ones find indirect evidence.

    Every MeSH heading is ORed with the free-text synonyms, so a wrong heading cannot hide records.
    """
    if concepts.claim_type is ClaimType.EPIDEMIOLOGY and concepts.condition is not None:
        # How common a condition is does not depend on the remedy an article sells for it.
        return f"{concept_block([concepts.condition, *concepts.narrower])} AND {concept_block([EPIDEMIOLOGY])}"
    intervention = concept_block([concepts.intervention])
    if concepts.condition is None:
        return intervention
    condition = concept_block([concepts.condition, *concepts.narrower, *concepts.broader])
    return f"{intervention} AND {condition}"


def concept_block(concepts: list[Concept]) -> str:
    terms: dict[str, None] = {}
    for concept in concepts:
        for phrase in concept.phrases:
            terms.setdefault(f"{quote(phrase)}[tiab]", None)
        for heading in concept.mesh:
            terms.setdefault(f"{quote(heading, always=True)}[mh]", None)
    return "(" + " OR ".join(terms) + ")"


def quote(phrase: str, *, always: bool = False) -> str:
    phrase = phrase.replace('"', "").strip()
    return f'"{phrase}"' if always or _NEEDS_QUOTES.search(phrase) else phrase
