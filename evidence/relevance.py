"""Whether a PubMed record bears on a claim, whether directly, and which way it points (pure)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidence.concepts import ClaimConcepts, Concept, phrase_pattern
from evidence.enums import ClaimType, Direction, Stance
from evidence.queries import EPIDEMIOLOGY


@dataclass(frozen=True)
class RecordText:
    """The parts of a record relevance reads."""

    title: str
    abstract: str
    mesh: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    direct: bool
    score: float
    stance: Stance
    matched: tuple[str, ...]  # the concept names that matched, for the curator


def assess(record: RecordText, claim: ClaimConcepts) -> Relevance:
    """Relevant when the intervention and the condition (or a broader one) appear; direct when the
    condition itself or a narrower one does. Records without the intervention never count."""
    if claim.claim_type is ClaimType.EPIDEMIOLOGY:
        return _assess_epidemiology(record, claim)
    if not _mentions(record, claim.intervention):
        return Relevance(False, False, 0.0, Stance.UNCLEAR, ())
    if claim.condition is None:
        return Relevance(True, True, 0.5, suggest_stance(record, claim), (claim.intervention.name,))
    direct = [c.name for c in claim.direct_concepts if _mentions(record, c)]
    broader = [c.name for c in claim.broader if _mentions(record, c)]
    if not direct and not broader:
        return Relevance(False, False, 0.0, Stance.UNCLEAR, ())
    in_title = any(_mentions_in(record.title, c) for c in (*claim.direct_concepts, *claim.broader))
    score = round((1.0 if direct else 0.5) * (1.0 if in_title else 0.7), 2)
    stance = suggest_stance(record, claim) if direct else Stance.UNCLEAR
    return Relevance(True, bool(direct), score, stance, (claim.intervention.name, *direct, *broader))


def _assess_epidemiology(record: RecordText, claim: ClaimConcepts) -> Relevance:
    """How common a condition is: the condition and a measure of frequency, whatever the intervention."""
    direct = [c.name for c in claim.direct_concepts if _mentions(record, c)]
    if not direct or not _mentions(record, EPIDEMIOLOGY):
        return Relevance(False, False, 0.0, Stance.UNCLEAR, ())
    return Relevance(True, True, 0.7, Stance.UNCLEAR, tuple(direct))


def _mentions(record: RecordText, concept: Concept) -> bool:
    studied = f"{record.title}\n{study_text(record.abstract)}\n" + "\n".join(record.keywords)
    if _mentions_in(studied, concept):
        return True
    headings = {h.lower().rstrip("*").split(" / ")[0] for h in record.mesh}
    return any(m.lower() in headings for m in concept.mesh)


def _mentions_in(text: str, concept: Concept) -> bool:
    return bool(text) and bool(_pattern(concept.phrases).search(text))


@lru_cache(maxsize=4096)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return phrase_pattern(phrases)


_CONTEXT_LABEL = re.compile(
    r"^(?:BACKGROUND|INTRODUCTION|CONTEXT|RATIONALE|ETHNOPHARMACOLOGICAL RELEVANCE)(?: AND [A-Z ]+)?\s*:", re.I
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def study_text(abstract: str) -> str:
    """The abstract without its background: a condition named only as context is not what was studied.
    Labelled background sections go; an unlabelled abstract of three or more sentences loses its first."""
    sections = [line for line in abstract.split("\n") if line.strip()]
    if len(sections) > 1 or (sections and _CONTEXT_LABEL.match(sections[0])):
        return "\n".join(line for line in sections if not _CONTEXT_LABEL.match(line))
    sentences = _SENTENCE_END.split(abstract.strip())
    return " ".join(sentences[1:]) if len(sentences) >= 3 else abstract


# Conclusion cues; `unclear` is preferred to a wrong guess.
_BENEFIT = re.compile(
    r"\b(?:significant(?:ly)? (?:increase|improve|reduc|decreas|relie)\w*|effective(?:ly)?|relie(?:f|ved|ves)"
    r"|alleviat\w+|improv(?:ed|es|ement)|produced (?:a )?(?:substantial|significant)|antinociceptive effects?"
    r"|analgesic (?:effects?|properties|activity)|reversed|attenuated)\b",
    re.I,
)
_NO_BENEFIT = re.compile(
    r"\b(?:no (?:significant )?(?:effect|difference|improvement|benefit)|did not (?:improve|reduce|relieve|differ)"
    r"|not (?:effective|superior)|ineffective|failed to)\b",
    re.I,
)
_HARM = re.compile(
    r"\b(?:injur\w+|toxicit\w+|fatal\w*|deaths?|died|overdose|poisoning|seizures?|coma|dependence|addiction"
    r"|withdrawal (?:symptoms|signs)|use disorder|adverse (?:effects?|events?)|cholesta\w+|hepatitis)\b",
    re.I,
)
_BINDING = re.compile(r"\b(?:agonis\w+|bind\w*|affinity|activat\w+|mediated)\b", re.I)


def suggest_stance(record: RecordText, claim: ClaimConcepts) -> Stance:
    """Read from the conclusion sentences (and the title) that name both the intervention and the claim's
    condition: a patient who "improved" after a liver injury says nothing about pain relief."""
    sentences = [
        sentence for sentence in (record.title, *_SENTENCE_SPLIT.split(_conclusion(record.abstract)))
        if _mentions_in(sentence, claim.intervention) and _names_condition(sentence, claim)
    ]
    text = " ".join(sentences)
    if not text:
        return Stance.UNCLEAR
    if claim.claim_type is ClaimType.SAFETY:
        harm = bool(_HARM.search(text))
        if claim.direction is Direction.NEGATIVE and harm:
            return Stance.SUPPORTS
        return Stance.UNCLEAR  # "lower risk than X" needs a comparison this reading cannot make
    if claim.claim_type is ClaimType.MECHANISM:
        return Stance.SUPPORTS if _BINDING.search(text) else Stance.UNCLEAR
    if _NO_BENEFIT.search(text):
        return Stance.CONTRADICTS if claim.direction is Direction.POSITIVE else Stance.SUPPORTS
    if _BENEFIT.search(text):
        return Stance.SUPPORTS if claim.direction is Direction.POSITIVE else Stance.CONTRADICTS
    return Stance.UNCLEAR


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+")  # clauses joined by a semicolon are read apart


def _names_condition(sentence: str, claim: ClaimConcepts) -> bool:
    if claim.condition is None:
        return True
    return any(_mentions_in(sentence, concept) for concept in claim.direct_concepts)


def _conclusion(abstract: str) -> str:
    """The labelled conclusion when there is one, else the last two sentences."""
    match = re.search(r"(?:^|\n)\s*(?:CONCLUSIONS?|INTERPRETATION|FINDINGS)\s*:\s*(.+)", abstract, re.S | re.I)
    if match:
        return match.group(1)
    sentences = re.split(r"(?<=[.!?])\s+", abstract.strip())
    return " ".join(sentences[-2:])
