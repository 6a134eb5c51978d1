"""From article text to claims: each sentence read in the light of its list heading or FAQ question."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from claims.extraction import cues as c
from claims.extraction.dosage import read_dosage
from claims.extraction.evidence import NO_EVIDENCE, Asserted, asserted_evidence, is_hedged
from claims.extraction import faq
from claims.extraction.faq import Question
from claims.extraction.findings import Finding, efficacy_effect
from claims.extraction import second_reading as second
from claims.extraction.learned import LearnedReader, SentenceView, bundled_reader, features
from claims.extraction.legal import read_legal
from claims.extraction.precautions import CONTRAINDICATED, DRUG_INTERACTIONS, read_interactions
from claims.extraction.prevalence import read_prevalence
from claims.extraction.reading import ADVERSE_EFFECTS, SentenceContext, read_conditions
from claims.extraction.sentences import Kind, Sentence, split_sentences
from claims.extraction.tokens import fold, tokenize
from claims.extraction.tolerability import SAFE, read_tolerability
from claims.extraction.vocabulary import Mention, MentionColumns, Vocabulary, VocabularyIndex
from evidence.enums import AssertedEvidence, ClaimType, Direction

# A question about these is answered with side effects: "Is it safe?", "Can zinc be harmful?".
_SIDE_EFFECT_WORDS = re.compile(
    r"\b(?:side[- ]effects?|adverse|risks?|safe|safety|harm\w*|dangers?|dangerous|toxic\w*)\b", re.IGNORECASE
)


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


def extract_claims(
    text: str, vocabulary: Vocabulary, learned: LearnedReader | None | _Bundled = "bundled"
) -> list[ExtractedClaim]:
    """One entry per claim key, in order of first appearance. `learned` is the second reader (learned.py):
    the bundled model by default, None for the rules alone."""
    if not text.strip():
        return []
    reader = _ArticleReader(text, vocabulary.index, bundled_reader() if learned == "bundled" else learned)
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


def sentence_views(text: str, vocabulary: Vocabulary) -> list[tuple[Sentence, SentenceView]]:
    """What the second reader sees of each sentence it could read, with the rules alone: its training data."""
    reader = _ArticleReader(text, vocabulary.index, None, trace=[])
    for sentence in split_sentences(text):
        reader.read(sentence)
    return reader.trace or []


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
        case ClaimType.SAFETY if effect == SAFE:
            text = f"{intervention} {effect}"
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


_Bundled = Literal["bundled"]


def _relative(m: Mention, offset: int) -> Mention:
    return Mention(m.start - offset, m.end - offset, m.kind, m.name, m.surface)


@dataclass
class _ListContext:
    asserted: Asserted
    intervention: str | None
    condition: str | None
    benefits: bool  # the intro promises benefits: "It appears to be most helpful for:"
    warns: bool = False  # the intro warns: "A few groups should be more careful:"
    side_effects: bool = False  # the intro announces side effects: "When you first start, you may notice:"


@dataclass
class _ArticleReader:
    """Keeps what earlier sentences established: the last subject, the open list, the open FAQ question."""

    text: str
    index: VocabularyIndex
    learned: LearnedReader | None
    trace: list[tuple[Sentence, SentenceView]] | None = None  # every view the second reader would weigh
    folded: str = field(init=False)
    words: list[str] = field(init=False)  # the folded text's words and where each starts
    word_starts: list[int] = field(init=False)
    mentions: MentionColumns = field(init=False)
    cues: c.ArticleCues = field(init=False)
    starts: list[int] = field(init=False)
    topic: str | None = field(init=False)
    not_treated: frozenset[str] = field(init=False)  # targets and harms: never what a dose is "for"
    last_subject: str | None = None
    open_list: _ListContext | None = None
    open_question: Question | None = None
    previous: tuple[int, bool] = (-1, False)  # line of the previous sentence, whether it named side effects
    condition_led: bool = False  # the previous sentence was about a condition: "BPH affects half of men. It ..."
    side_effect_section: bool = False  # under a heading about side effects, safety or risks
    ruled_before: frozenset[str] = frozenset()  # the claim types the rules read in the previous sentence
    after_question: bool = False  # the previous sentence was a question
    last_treated: tuple[int, str] | None = None  # line and condition of the last efficacy claim read
    section_condition: str | None = None  # the condition the last heading named ("Better sleep")

    def __post_init__(self) -> None:
        self.not_treated = self.index.targets | self.index.harms
        self.folded = fold(self.text)
        words = tokenize(self.folded)
        self.words, self.word_starts = words[0], words[1][0::2]
        self.mentions = self.index.mention_columns(self.text, words)
        self.cues = c.ArticleCues(self.text, words)
        self.starts = self.mentions[0]
        named = [Mention(*m) for m in zip(*self.mentions) if m[2] == "intervention"]
        # The remedy named most often, preferring those not named as a comparator ("Unlike caffeine, rhodiola ...").
        counts = Counter(m.name for m in named
                         if not c.COMPARATOR_BEFORE.search(self.folded, max(0, m.start - 40), m.start))
        counts = counts or Counter(m.name for m in named)
        self.topic = counts.most_common(1)[0][0] if counts else None

    def read(self, sentence: Sentence) -> list[tuple[str, Finding, ExtractedAppearance]]:
        quote = self.text[sentence.start:sentence.end]
        found = self._mentions(sentence)
        interventions = [m for m in found if m.kind == "intervention"]
        conditions = [m for m in found if m.kind == "condition"]
        self._close_contexts(sentence)
        if sentence.kind is Kind.QUESTION:
            self._open_question(sentence, quote, interventions, conditions)
            self.after_question, self.ruled_before = True, frozenset()
            return []
        if sentence.kind is Kind.HEADING:  # "Side Effects and Precautions": its symptoms are side effects
            self.side_effect_section = bool(_SIDE_EFFECT_WORDS.search(quote))
            # "3. Stronger bones": what the section's sentences are about when they do not say
            self.section_condition = next((m.name for m in conditions if m.name not in self.not_treated
                                           and m.name not in self.index.populations), None)
            if c.WARNING_INTRO.search(quote):  # "Who should not take hawthorn": the items after it are warned off
                who = self._subject(sentence, quote, interventions) or self.last_subject or self.topic
                self.open_list = _ListContext(NO_EVIDENCE, who, None, False, warns=True)
            self.after_question = quote.rstrip().endswith("?")
            self.ruled_before = frozenset()
            return []
        subject = self._subject(sentence, quote, interventions)
        findings = self._findings(sentence, quote, subject, conditions, interventions)
        ruled = frozenset(f.claim_type.value for _, f in findings)
        if self.learned is not None or self.trace is not None:
            findings += self._second_reading(sentence, quote, subject, found, ruled)
        self.ruled_before, self.after_question = ruled, False
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

    def _second_reading(
        self, sentence: Sentence, quote: str, subject: str | None, found: list[Mention], ruled: frozenset[str]
    ) -> list[tuple[str, Finding]]:
        """The learned reader's claims in a sentence the rules read no efficacy or safety claim in, about the
        sentence's subject, else the one before (second_reading.py, learned.py)."""
        skipped = bool(ruled & {"efficacy", "safety"})
        if skipped and self.trace is None:
            return []
        words = self.words[bisect.bisect_left(self.word_starts, sentence.start):
                           bisect.bisect_left(self.word_starts, sentence.end)]
        view = SentenceView(words, sentence.kind.value, second.mention_kinds(found, self.topic, self.index),
                            ruled, self.ruled_before, self.after_question or sentence.kind is Kind.ANSWER,
                            self.side_effect_section, sentence.first_in_line)
        if self.trace is not None:
            self.trace.append((sentence, view))
        who = subject or self.last_subject or self.topic
        if skipped or self.learned is None or who is None or c.DISCLAIMER.search(quote):
            return []
        efficacy, safety = self.learned.claim_probabilities(view)
        if max(efficacy, safety) < self.learned.threshold:
            return []
        names = features(view)  # what the direction models weigh
        read: list[Finding] = []
        if safety >= self.learned.threshold:
            positive = self.learned.probability("safety_positive", names) >= 0.5
            local = [_relative(m, sentence.start) for m in found if m.kind == "condition"]
            read += second.harms(quote, local, positive, self.index, self.not_treated)
        if efficacy >= self.learned.threshold:
            negative = self.learned.probability("efficacy_negative", names) >= 0.5
            warned = {f.condition for f in read if f.effect == CONTRAINDICATED}  # "not right for anyone with X"
            conditions = [m.name for m in found if m.kind == "condition" and m.name not in warned]
            read += second.benefits(self._treated(sentence, quote, conditions), negative, self.index)
        return [(who, finding) for finding in read]

    def _treated(self, sentence: Sentence, quote: str, conditions: list[str]) -> list[str]:
        """What a benefit the learned reader found is for: the conditions the sentence names, else its context's."""
        named = [name for name in dict.fromkeys(conditions) if name not in self.not_treated
                 and name not in self.index.populations]
        if named:
            return named
        context = self._context(sentence, quote)
        asked_harm = sentence.kind is Kind.ANSWER and self.open_question is not None and any(
            f.claim_type is ClaimType.SAFETY for f in self.open_question.asked)  # "Will 5-HTP cause nausea?"
        if context.condition is not None and not (context.side_effects or asked_harm):
            return [context.condition]
        if self.last_treated is not None and self.last_treated[0] >= sentence.line - 1:
            return [self.last_treated[1]]  # "We see it with our own athletes too."
        if self.section_condition is not None and not context.side_effects:
            return [self.section_condition]  # "This is the big one." under "1. Better sleep"
        return []

    def _cues(self, sentence: Sentence) -> list[c.Cue]:
        return self.cues.within(sentence.start, sentence.end)

    def _mentions(self, sentence: Sentence) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, sentence.start)
        hi = bisect.bisect_left(self.starts, sentence.end)
        starts, ends, kinds, names, surfaces = self.mentions
        return [Mention(starts[k], ends[k], kinds[k], names[k], surfaces[k]) for k in range(lo, hi)
                if ends[k] <= sentence.end]

    def _close_contexts(self, sentence: Sentence) -> None:
        if sentence.kind is not Kind.ITEM and sentence.line != self.previous[0]:
            self.open_list = None
        if sentence.kind not in (Kind.ANSWER, Kind.QUESTION):
            self.open_question = None

    def _open_question(
        self, sentence: Sentence, quote: str, interventions: list[Mention], conditions: list[Mention]
    ) -> None:
        # "Can I take it with antidepressants?": the drug taken with it is not what the question is about
        named = [m.name for m in interventions
                 if not c.COMPARATOR_BEFORE.search(self.folded, max(sentence.start, m.start - 40), m.start)]
        intervention = self.topic if self.topic in named else (named[0] if named else self.last_subject)
        self.last_subject = intervention or self.last_subject  # "Does ginger help with colds?" sets the subject
        condition = next((m.name for m in conditions if m.name not in self.index.targets), None)
        side_effects = any(m.name == ADVERSE_EFFECTS for m in conditions) or bool(_SIDE_EFFECT_WORDS.search(quote))
        avoid = bool(c.AVOID_QUESTION.search(quote))
        asked = faq.asked(quote, [_relative(m, sentence.start) for m in interventions], self.index) if (
            intervention is not None) else ()
        self.open_question = Question(intervention, condition, side_effects, avoid, asked)

    def _subject(self, sentence: Sentence, quote: str, interventions: list[Mention]) -> str | None:
        """The intervention the sentence is about: the article's topic if named, else the first one that is
        not a comparator ("than opioids"), else what an "it"/"these alkaloids"/"participants" refers back to."""
        names = [m.name for m in interventions]
        if self.topic in names:
            return self.topic
        if self.condition_led and not interventions and c.PRONOUN.match(quote):
            return None  # "Gout is a painful form of arthritis. It can cause ...": "it" is the condition
        named_late = not interventions or interventions[0].start - sentence.start > 3
        anaphor = bool(c.ANAPHOR.match(quote, 0, 160))
        if self.last_subject is not None and anaphor and named_late:
            return self.last_subject  # "It was as effective as amitriptyline": "it", not amitriptyline
        named = self._named_subject(sentence, interventions)
        if named is not None:
            return named or None
        participants = bool(c.PARTICIPANTS.match(quote))
        if sentence.kind is Kind.ITEM and (anaphor or participants or sentence.first_in_line):
            return (self.open_list.intervention if self.open_list else None) or self.last_subject or self.topic
        if sentence.kind is Kind.ANSWER and (anaphor or participants):
            return (self.open_question.intervention if self.open_question else None) or self.last_subject or self.topic
        if anaphor or (participants and (asserted_evidence(quote).level is AssertedEvidence.ANECDOTAL
                                         or c.PARTICIPANTS_SUFFERED.match(quote))):
            return self.last_subject  # "Users report relief from ...", "Some users experienced headaches"
        if not interventions and c.EVIDENCE_LEAD.match(quote):
            return self.last_subject or self.topic  # "The evidence for sleep is limited."
        if not interventions and c.OBJECT_ANAPHOR.search(quote):
            return self.last_subject  # "Plains tribes used it to treat wounds"
        return None

    def _named_subject(self, sentence: Sentence, interventions: list[Mention]) -> str | None:
        """The first intervention named that is no comparator ("than opioids"); one that people are said to be
        taking already ("people taking blood thinners should avoid garlic") only if there is no other.
        "" when the sentence speaks of a deficiency ("Low magnesium is linked to depression")."""
        candidates = []
        for m in interventions:
            before = self.folded[max(sentence.start, m.start - 40):m.start]
            if c.MEASURED_BEFORE.search(before) or c.MEASURED_AFTER.match(self.folded, m.end):
                continue  # "raises blood calcium", "zinc levels": a measurement, not what is taken
            if sentence.kind is Kind.ITEM and m.start - sentence.start <= 3 and self.folded.startswith(":", m.end):
                continue  # "- Sedatives: taking it with sleeping pills ...": the label names the other drug
            if c.DEFICIENCY_BEFORE.search(before):
                return ""
            if c.AGENT_BEFORE.search(before) or not c.COMPARATOR_BEFORE.search(before):  # "treated with melatonin"
                candidates.append((bool(c.TAKER_BEFORE.search(before)), m.name))
        return min(candidates, key=lambda taker_name: taker_name[0])[1] if candidates else None

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
            read = read_conditions(quote, local, subjects, self.index, context, self._cues(sentence)) if wanted else []
            treated = next((f.condition for f in read if f.claim_type is ClaimType.EFFICACY), None)
            others = [m for m in subjects if m.name != subject]
            read += read_interactions(quote, others) + read_legal(quote) + read_dosage(quote, treated or named)
            if sentence.kind is Kind.ITEM and context.benefits and not any(
                    f.claim_type is ClaimType.EFFICACY for f in read):  # "It may help with:" / "- low energy"
                read += self._listed_benefits(local)
            tolerability = read_tolerability(quote)
            if any(f.effect == SAFE for f in tolerability):  # "safe, and no serious side effects were reported"
                read = [f for f in read if not (f.condition == ADVERSE_EFFECTS and f.direction is Direction.POSITIVE)]
            read += tolerability
            findings += [(subject, f) for f in read]
            for partner in self._partners(quote, subject, subjects):  # "vitamin D and calcium supplements reduce ..."
                findings += [(partner, f) for f in read if f.claim_type in (ClaimType.EFFICACY, ClaimType.SAFETY)
                             and f.condition != DRUG_INTERACTIONS]
        elif self.last_subject is not None and not c.OTHER_ACTOR.search(quote):
            findings += [(self.last_subject, f) for f in self._warnings_and_doses(sentence, local, subjects, context)]
        if sentence.kind is Kind.ANSWER and self.open_question is not None and self.open_question.asked:
            findings += faq.answered(self.open_question, quote, findings, self.index)
        if sentence.kind is Kind.ANSWER and self.open_question is not None and self.open_question.avoid:
            findings += self._who_should_avoid(quote, local)
        elif sentence.kind is Kind.ITEM and self.open_list is not None and self.open_list.warns:
            findings += self._who_should_avoid(quote, local, self.open_list.intervention)  # "- People with gout"
        about = self.topic or subject  # a prevalence is the article's context, not a claim about a drug it names
        first = next((m.name for m in local if m.name not in self.index.targets), None)
        if about is not None:
            findings += [(about, f) for f in read_prevalence(quote, first, bool(interventions))]
        return findings

    def _listed_benefits(self, local: list[Mention]) -> list[Finding]:
        """The conditions an item names under a lead-in that promises benefits, each a benefit."""
        named = dict.fromkeys(m.name for m in local if m.name not in self.not_treated
                              and m.name not in self.index.populations)
        return [Finding(ClaimType.EFFICACY, name, efficacy_effect(name, self.index.outcomes, Direction.POSITIVE),
                        Direction.POSITIVE) for name in named]

    def _partners(self, quote: str, subject: str, subjects: list[Mention]) -> list[str]:
        """Remedies named together with the subject as one subject ("glucosamine and chondroitin"), not as the
        two sides of an interaction or a comparison."""
        partners = []
        for first, second in zip(subjects, subjects[1:]):
            if subject not in (first.name, second.name) or first.name == second.name:
                continue
            if c.PAIRED.fullmatch(quote[first.end:second.start]) and not c.PAIR_APART.search(quote, 0, first.start):
                partners.append(second.name if first.name == subject else first.name)
        return partners

    def _who_should_avoid(
        self, quote: str, local: list[Mention], intervention: str | None = None
    ) -> list[tuple[str, Finding]]:
        """"Who should not take ashwagandha? People with thyroid disorders, pregnant women ...": each one named."""
        who = intervention or (self.open_question.intervention if self.open_question else None) or self.last_subject
        if who is None:
            return []
        named = [m.name for m in local if m.name not in self.not_treated and (
            m.name in self.index.populations or c.before(c.POPULATION_BEFORE, quote, m.start, 80)
            or (intervention is not None and c.HOLDER_ITEM.match(quote)))]  # "Do not take it if you: - have gout"
        return [(who, Finding(ClaimType.SAFETY, name, CONTRAINDICATED, Direction.NEGATIVE)) for name in named]

    def _warnings_and_doses(
        self, sentence: Sentence, local: list[Mention], subjects: list[Mention], context: SentenceContext
    ) -> list[Finding]:
        """"The most common side effects include drowsiness", "Red vein strains suit the evening": a sentence
        without a subject still warns or doses for the article's subject, and asserts a benefit only when it
        reports what a study found ("The large STEP trial found no benefit for urinary symptoms")."""
        quote = self.text[sentence.start:sentence.end]
        read = read_conditions(quote, local, subjects, self.index, context, self._cues(sentence)) if local else []
        if local and local[0].name not in self.index.harms and c.words(quote[:local[0].start]) <= 2 and not (
                c.FOR_WHAT.match(quote)):  # "For depression the results are mixed" names no actor
            # "RLS may disrupt sleep, leading to fatigue": the disease, not the subject, does harm
            read = [f for f in read if f.effect == CONTRAINDICATED]
        others = [m for m in subjects if m.name != self.last_subject]
        read += read_interactions(quote, others)
        harmful = any(f.condition in self.index.harms for f in read)  # "reports of liver damage and pancreatitis"
        study = bool(c.STUDY_FINDING.search(quote))
        harmful = harmful or bool(c.COMPLAINTS_AFTER.search(quote))  # "Drowsiness is the most common side effect."
        kept = [f for f in read if (f.claim_type is ClaimType.SAFETY and (
            f.condition in self.index.harms or f.effect == CONTRAINDICATED
            or (harmful and f.direction is Direction.NEGATIVE))) or (study and f.claim_type is ClaimType.EFFICACY)]
        named = next((m.name for m in local if m.name not in self.not_treated), None)
        doses = read_dosage(quote, named)
        tolerability = read_tolerability(quote) if study or doses else []
        if study:  # "Small studies in breastfeeding women have not found any problems"
            kept += [f for f in tolerability if f.direction is Direction.POSITIVE]
        if doses:  # "Doses above 5 grams can be toxic"
            kept += [f for f in tolerability if f.direction is Direction.NEGATIVE]
        return kept + doses

    def _context(self, sentence: Sentence, quote: str) -> SentenceContext:
        side_effects = self.side_effect_section or (
            self.previous == (sentence.line, True) and bool(c.ANAPHOR.match(quote, 0, 160)))
        if sentence.kind is Kind.ANSWER and self.open_question is not None:
            return SentenceContext(self.open_question.condition, side_effects or self.open_question.side_effects)
        if sentence.kind is Kind.ITEM and self.open_list is not None:
            return SentenceContext(self.open_list.condition, side_effects or self.open_list.side_effects,
                                   self.open_list.benefits)
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
            benefits = any(q.kind is c.CueKind.BENEFIT for q in self._cues(sentence)) or bool(
                c.PURPOSE_INTRO.search(self.text, sentence.start, sentence.end))
            warns = bool(c.WARNING_INTRO.search(self.text, sentence.start, sentence.end))
            harms = bool(c.SIDE_EFFECT_INTRO.search(self.text, sentence.start, sentence.end))
            self.open_list = _ListContext(level, (subject or self.last_subject) if warns or harms else subject,
                                          treated or named, benefits and not (warns or harms), warns, harms)
        names_side_effects = any(m.name == ADVERSE_EFFECTS for m in conditions)
        self.previous = (sentence.line, names_side_effects)
        treated = next((f.condition for _, f in findings if f.claim_type is ClaimType.EFFICACY), None)
        if treated is not None:
            self.last_treated = (sentence.line, treated)
        self.condition_led = subject is None and bool(conditions) and conditions[0].start - sentence.start <= 4
