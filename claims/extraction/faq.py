"""FAQ questions: what a yes/no question asks, and what the answer that says yes or no to it claims."""
from __future__ import annotations

from dataclasses import dataclass

from claims.extraction import cues as c
from claims.extraction.conclusions import not_borne_out
from claims.extraction.findings import Finding, safety_effect
from claims.extraction.reading import SentenceContext, read_conditions
from claims.extraction.tokens import fold, tokenize
from claims.extraction.tolerability import read_tolerability
from claims.extraction.vocabulary import Mention, VocabularyIndex
from evidence.enums import ClaimType, Direction


@dataclass
class Question:
    """An open FAQ question: whom and what it asks about, and what its answer has said so far."""

    intervention: str | None
    condition: str | None
    side_effects: bool
    avoid: bool  # "Who should not take ashwagandha?": the people the answer names should not
    asked: tuple[Finding, ...] = ()  # what a yes/no question would claim: "Can 5-HTP make you drowsy?"
    answered: bool = False  # the answer's first sentence, the one that says yes or no, has been read
    bare: bool | None = None  # the answer began with a bare "Yes." (True) or "No." (False): the next sentence says it


def asked(quote: str, interventions: list[Mention], index: VocabularyIndex) -> tuple[Finding, ...]:
    """What a yes/no question would claim if it were a statement ("Can 5-HTP cause nausea?", "Is it safe?");
    `interventions`: the remedies it names, relative to the question."""
    statement = _as_statement(quote, interventions)
    if statement is None:
        return ()
    mentions = [Mention(*m) for m in zip(*index.mention_columns(statement, tokenize(fold(statement))))]
    conditions = [m for m in mentions if m.kind == "condition"]
    found = read_conditions(statement, conditions, [m for m in mentions if m.kind == "intervention"], index,
                            SentenceContext()) if conditions else []
    return tuple(f for f in found if f.claim_type in (ClaimType.EFFICACY, ClaimType.SAFETY)) + tuple(
        read_tolerability(statement))


def answered(
    question: Question, quote: str, findings: list[tuple[str, Finding]], index: VocabularyIndex
) -> list[tuple[str, Finding]]:
    """The first sentence of an answer that says yes or no to a yes/no question claims what was asked
    ("Can 5-HTP make you drowsy?" "It can, especially at higher doses"), or its denial ("No, ...")."""
    if question.answered or question.intervention is None:
        return []
    yes, no = bool(c.YES_ANSWER.match(quote)), bool(c.NO_ANSWER.match(quote))
    if (yes or no) and c.words(quote) <= 3 and question.bare is None:  # "Yes." is not labelled on its own
        question.bare = yes
        return []
    question.answered = True
    if question.bare is not None:
        yes, no = question.bare, not question.bare
    if not (yes or no):
        return []
    said = {(f.claim_type, f.condition) for _, f in findings}
    return [(question.intervention, f if yes else _denied(f, index)) for f in question.asked
            if (f.claim_type, f.condition) not in said]


def _as_statement(quote: str, interventions: list[Mention]) -> str | None:
    """"Can 5-HTP cause nausea?" as "5-HTP can cause nausea.", to be read as a claim would be."""
    question = c.YES_NO_QUESTION.match(quote)
    if question is None:
        return None
    verb, rest = question.group("verb").lower(), quote[question.end():]
    if interventions and 0 < interventions[0].end - question.end() and interventions[0].start - question.end() <= 12:
        subject_end = interventions[0].end - question.end()  # "Does taking 5-HTP help ...": to the remedy's name
    elif pronoun := c.QUESTION_PRONOUN.match(rest):
        subject_end = pronoun.end()
    else:
        return None
    return f"{rest[:subject_end].strip()} {verb}{rest[subject_end:].rstrip().rstrip('?')}."


def _denied(f: Finding, index: VocabularyIndex) -> Finding:
    """"No" to what a question asked: the benefit not shown, the harm not caused, the safety not given."""
    if f.claim_type is ClaimType.EFFICACY:
        return not_borne_out(f, index)
    flipped = Direction.POSITIVE if f.direction is Direction.NEGATIVE else Direction.NEGATIVE
    return Finding(f.claim_type, f.condition, safety_effect(flipped), flipped)
