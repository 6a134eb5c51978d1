"""From article text to claims: each sentence read in the light of its list heading or FAQ question."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from claims.extraction import cues as c
from claims.extraction.dosage import read_dosage
from claims.extraction.evidence import NO_EVIDENCE, Asserted, asserted_evidence, is_hedged
from claims.extraction.findings import Finding
from claims.extraction.legal import read_legal
from claims.extraction.prevalence import read_prevalence
from claims.extraction.reading import (
    ADVERSE_EFFECTS, CONTRAINDICATED, SentenceContext, read_conditions, read_interactions,
)
from claims.extraction.sentences import Kind, Sentence, split_sentences
from claims.extraction.vocabulary import Mention, Vocabulary, VocabularyIndex
from evidence.enums import AssertedEvidence, ClaimType, Direction

_SIDE_EFFECT_WORDS = re.compile(r"\b(?:side[- ]effects?|adverse|risks?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ExtractedAppearance:
    quote: str  # exactly text[start:end]
    start: int
    end: int
    asserted_evidence: AssertedEvidence
    cue_words: tuple[str, ...]
    hedged: bool


@dataclass(frozen=True)
class ExtractedClaim:
    key: str  # canonical: type:intervention:effect:direction:condition, the same in every article
    statement: str
    intervention: str
    condition: str | None
    effect: str
    direction: Direction
    claim_type: ClaimType
    appearances: tuple[ExtractedAppearance, ...]  # in text order, one per sentence


def extract_claims(text: str, vocabulary: Vocabulary) -> list[ExtractedClaim]:
    """One entry per claim key, in order of first appearance."""
    if not text.strip():
        return []
    reader = _ArticleReader(text, vocabulary.index)
    gathered: dict[str, tuple[ExtractedClaim, list[ExtractedAppearance]]] = {}
    for sentence in split_sentences(text):
        for intervention, finding, appearance in reader.read(sentence):
            key = claim_key(finding, intervention)
            if key not in gathered:
                gathered[key] = (_claim(key, intervention, finding), [])
            appearances = gathered[key][1]
            if not appearances or appearances[-1].start != appearance.start:
                appearances.append(appearance)
    return [_with_appearances(claim, appearances) for claim, appearances in gathered.values()]


def claim_key(finding: Finding, intervention: str) -> str:
    parts = (finding.claim_type.value, intervention, finding.effect, finding.direction.value, finding.condition or "-")
    return ":".join(_slug(p) for p in parts)


@lru_cache(maxsize=4096)
def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", value.lower().replace("%", " percent")).strip("-") or "-"


def _claim(key: str, intervention: str, finding: Finding) -> ExtractedClaim:
    return ExtractedClaim(key, statement(finding, intervention), intervention, finding.condition, finding.effect,
                          finding.direction, finding.claim_type, ())


def _with_appearances(claim: ExtractedClaim, appearances: list[ExtractedAppearance]) -> ExtractedClaim:
    return ExtractedClaim(claim.key, claim.statement, claim.intervention, claim.condition, claim.effect,
                          claim.direction, claim.claim_type, tuple(appearances))


def statement(finding: Finding, intervention: str) -> str:
    """A readable sentence made from the key's parts only, so a key always reads the same."""
    effect, condition = finding.effect, finding.condition or ""
    match finding.claim_type:
        case ClaimType.EFFICACY:
            text = f"{intervention} {effect} {condition}"
        case ClaimType.SAFETY if effect == CONTRAINDICATED:
            text = f"{intervention} is {effect} {condition}"
        case ClaimType.SAFETY:
            text = f"{intervention} carries a {effect.replace('risk of', 'risk of ' + condition)}"
        case ClaimType.MECHANISM:
            text = f"{intervention} {effect} {'the ' if 'receptor' in condition else ''}{condition}"
        case ClaimType.EPIDEMIOLOGY:
            text = f"{condition} {effect}"
        case ClaimType.LEGAL:
            text = _legal_statement(intervention, effect)
        case _:
            text = _dosage_statement(intervention, effect, condition)
    return text[:1].upper() + text[1:]


def _legal_statement(intervention: str, effect: str) -> str:
    if effect.startswith("legal status"):
        return f"{intervention}'s {effect}"
    if "controlled substance" in effect:
        return f"{intervention} is a {effect}"
    return f"{intervention} is {effect}"


def _dosage_statement(intervention: str, effect: str, condition: str) -> str:
    if effect.startswith("dose "):
        amount, per_day, _ = effect.removeprefix("dose ").partition(" per day")
        return (f"take {amount} of {intervention}" + (" per day" if per_day else "")
                + (f" for {condition}" if condition else ""))
    return f"use {effect.replace('strains', intervention + ' strains')}"


def _relative(m: Mention, offset: int) -> Mention:
    return Mention(m.start - offset, m.end - offset, m.kind, m.name, m.surface)


@dataclass
class _ListContext:
    asserted: Asserted
    intervention: str | None
    condition: str | None


@dataclass
class _QuestionContext:
    intervention: str | None
    condition: str | None
    side_effects: bool


@dataclass
class _ArticleReader:
    """Keeps what earlier sentences established: the last subject, the open list, the open FAQ question."""

    text: str
    index: VocabularyIndex
    mentions: list[Mention] = field(init=False)
    starts: list[int] = field(init=False)
    topic: str | None = field(init=False)
    not_treated: frozenset[str] = field(init=False)  # targets and harms: never what a dose is "for"
    last_subject: str | None = None
    open_list: _ListContext | None = None
    open_question: _QuestionContext | None = None
    previous: tuple[int, bool] = (-1, False)  # line of the previous sentence, whether it named side effects

    def __post_init__(self) -> None:
        self.not_treated = self.index.targets | self.index.harms
        self.mentions = self.index.mentions(self.text)
        self.starts = [m.start for m in self.mentions]
        counts = Counter(m.name for m in self.mentions if m.kind == "intervention")
        self.topic = counts.most_common(1)[0][0] if counts else None

    def read(self, sentence: Sentence) -> list[tuple[str, Finding, ExtractedAppearance]]:
        quote = self.text[sentence.start:sentence.end]
        found = self._mentions(sentence)
        interventions = [m for m in found if m.kind == "intervention"]
        conditions = [m for m in found if m.kind == "condition"]
        self._close_contexts(sentence)
        if sentence.kind is Kind.QUESTION:
            self._open_question(quote, interventions, conditions)
            return []
        if sentence.kind is Kind.HEADING:
            return []
        subject = self._subject(sentence, quote, interventions)
        findings = self._findings(sentence, quote, subject, conditions, interventions)
        asserted = NO_EVIDENCE
        if findings or sentence.intro:  # reading the evidence is the costly part; most sentences claim nothing
            asserted = asserted_evidence(quote)
            if sentence.kind is Kind.ITEM and self.open_list is not None:
                asserted = asserted.combine(self.open_list.asserted)
        self._remember(sentence, subject, conditions, asserted, findings)
        if not findings:
            return []
        appearance = ExtractedAppearance(quote, sentence.start, sentence.end, asserted.level, asserted.cues,
                                         is_hedged(quote))
        return [(intervention, finding, appearance) for intervention, finding in findings]

    def _mentions(self, sentence: Sentence) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, sentence.start)
        hi = bisect.bisect_left(self.starts, sentence.end)
        return [m for m in self.mentions[lo:hi] if m.end <= sentence.end]

    def _close_contexts(self, sentence: Sentence) -> None:
        if sentence.kind is not Kind.ITEM and sentence.line != self.previous[0]:
            self.open_list = None
        if sentence.kind not in (Kind.ANSWER, Kind.QUESTION):
            self.open_question = None

    def _open_question(self, quote: str, interventions: list[Mention], conditions: list[Mention]) -> None:
        named = [m.name for m in interventions]
        intervention = self.topic if self.topic in named else (named[0] if named else self.last_subject)
        condition = next((m.name for m in conditions if m.name not in self.index.targets), None)
        side_effects = any(m.name == ADVERSE_EFFECTS for m in conditions) or bool(_SIDE_EFFECT_WORDS.search(quote))
        self.open_question = _QuestionContext(intervention, condition, side_effects)

    def _subject(self, sentence: Sentence, quote: str, interventions: list[Mention]) -> str | None:
        """The intervention the sentence is about: the article's topic if named, else the first one that is
        not a comparator ("than opioids"), else what an "it"/"these alkaloids"/"participants" refers back to."""
        names = [m.name for m in interventions]
        if self.topic in names:
            return self.topic
        if self.last_subject is not None and c.ANAPHOR.match(quote) and (not interventions or interventions[0].start
                                                                        - sentence.start > 3):
            return self.last_subject  # "It was as effective as amitriptyline": "it", not amitriptyline
        for m in interventions:
            before = self.text[max(sentence.start, m.start - 40):m.start]
            if c.DEFICIENCY_BEFORE.search(before):
                return None  # "Low magnesium is linked to depression" speaks of a deficiency, not of magnesium
            if not c.COMPARATOR_BEFORE.search(before):
                return m.name
        anaphor = bool(c.ANAPHOR.match(quote))
        participants = bool(c.PARTICIPANTS.match(quote))
        if sentence.kind is Kind.ITEM and (anaphor or participants or sentence.first_in_line):
            return (self.open_list.intervention if self.open_list else None) or self.last_subject
        if sentence.kind is Kind.ANSWER and (anaphor or participants):
            return (self.open_question.intervention if self.open_question else None) or self.last_subject
        if anaphor or (participants and asserted_evidence(quote).level is AssertedEvidence.ANECDOTAL):
            return self.last_subject  # "Users report relief from ..." speaks of the last subject
        return None

    def _findings(
        self, sentence: Sentence, quote: str, subject: str | None, conditions: list[Mention],
        interventions: list[Mention],
    ) -> list[tuple[str, Finding]]:
        local = [_relative(m, sentence.start) for m in conditions]
        subjects = [_relative(m, sentence.start) for m in interventions]
        context = self._context(sentence, quote)
        named = next((m.name for m in local if m.name not in self.not_treated), None)
        findings: list[tuple[str, Finding]] = []
        if subject is not None:
            wanted = local or (context.condition and c.GENERIC_SYMPTOMS.search(quote))
            read = read_conditions(quote, local, subjects, self.index, context) if wanted else []
            treated = next((f.condition for f in read if f.claim_type is ClaimType.EFFICACY), None)
            read += read_interactions(quote) + read_legal(quote) + read_dosage(quote, treated or named)
            findings += [(subject, f) for f in read]
        elif self.last_subject is not None and not c.OTHER_ACTOR.search(quote):
            findings += [(self.last_subject, f) for f in self._warnings_and_doses(quote, local, subjects, context)]
        about = subject or self.topic
        first = next((m.name for m in local if m.name not in self.index.targets), None)
        if about is not None:
            findings += [(about, f) for f in read_prevalence(quote, first)]
        return findings

    def _warnings_and_doses(
        self, quote: str, local: list[Mention], subjects: list[Mention], context: SentenceContext
    ) -> list[Finding]:
        """"The most common side effects include drowsiness", "Red vein strains suit the evening": a sentence
        without a subject still warns or doses for the article's subject, but asserts no benefit."""
        read = read_conditions(quote, local, subjects, self.index, context) if local else []
        if local and local[0].name not in self.index.harms and c.words(quote[:local[0].start]) <= 2:
            read = []  # "RLS may disrupt sleep, leading to fatigue": the disease, not the subject, does harm
        warnings = [f for f in read + read_interactions(quote) if f.claim_type is ClaimType.SAFETY
                    and (f.condition in self.index.harms or f.effect == CONTRAINDICATED)]
        named = next((m.name for m in local if m.name not in self.not_treated), None)
        return warnings + read_dosage(quote, named)

    def _context(self, sentence: Sentence, quote: str) -> SentenceContext:
        side_effects = self.previous == (sentence.line, True) and bool(c.ANAPHOR.match(quote))
        if sentence.kind is Kind.ANSWER and self.open_question is not None:
            return SentenceContext(self.open_question.condition, side_effects or self.open_question.side_effects)
        if sentence.kind is Kind.ITEM and self.open_list is not None:
            return SentenceContext(self.open_list.condition, side_effects)
        return SentenceContext(None, side_effects)

    def _remember(
        self, sentence: Sentence, subject: str | None, conditions: list[Mention], asserted: Asserted,
        findings: list[tuple[str, Finding]],
    ) -> None:
        if subject is not None:
            self.last_subject = subject
        if sentence.intro:
            treated = next((f.condition for _, f in findings if f.claim_type is ClaimType.EFFICACY), None)
            named = next((m.name for m in conditions if m.name not in self.index.targets), None)
            level = asserted if asserted.level is not AssertedEvidence.NONE else NO_EVIDENCE
            self.open_list = _ListContext(level, subject, treated or named)
        names_side_effects = any(m.name == ADVERSE_EFFECTS for m in conditions)
        self.previous = (sentence.line, names_side_effects)
