"""Candidate terms: remedies and conditions the vocabulary lacks, named where a sentence otherwise reads as a claim."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from claims.extraction import cues as c
from claims.extraction.sentences import Kind, split_sentences
from claims.extraction.vocabulary import Mention, Vocabulary

CandidateKind = Literal["intervention", "condition"]


@dataclass(frozen=True)
class Candidate:
    """A term to add to the vocabulary: "mullein" (intervention) from "Mullein tea relieves bronchitis."."""

    term: str
    kind: str  # "intervention" | "condition"
    quote: str  # the sentence it came from, exactly as in the text


_CLAIM_CUES = (c.CueKind.BENEFIT, c.CueKind.HARM, c.CueKind.PROTECTIVE)
# Claim verbs, not nouns: "relieves", "can cause"; not "relief", "treatment", "risk", "benefits".
_VERB_CUE = re.compile(
    r"(?:relie(?:ve|ves|ved)|alleviat(?:e|es|ed)|eas(?:e|es|ed)|sooth(?:e|es|ed)|reduc(?:e|es|ed)|decreas(?:e|es|ed)"
    r"|lower(?:s|ed)?|mitigat(?:e|es|ed)|treat(?:s|ed)?|cur(?:e|es|ed)|help(?:s|ed)?|aid(?:s|ed)?|support(?:s|ed)?"
    r"|improv(?:e|es|ed)|enhanc(?:e|es|ed)|boost(?:s|ed)?|promot(?:e|es|ed)|prevent(?:s|ed)?|protect(?:s|ed)?"
    r"|fight(?:s)?|combat(?:s|ed)?|counteract(?:s|ed)?|calm(?:s|ed)?|restor(?:e|es|ed)|regulat(?:e|es|ed)"
    r"|(?:can|may|could|might|to|will|often|also|which|that)\s+cause|caus(?:es|ed)|trigger(?:s|ed)?|worsen(?:s|ed)?"
    r"|aggravat(?:e|es|ed)|exacerbat(?:e|es|ed)|shorten(?:s|ed)?|speed(?:s)?\s+up|ward(?:s)?\s+off"
    r"|strengthen(?:s|ed)?|stabili[sz](?:e|es|ed)|kill(?:s|ed)?|lessen(?:s|ed)?|tackl(?:e|es|ed)|address(?:es|ed)?"
    r"|manag(?:e|es|ed)|overcom(?:e|es)|heal(?:s|ed)?)$",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset(
    """and or but nor the a an of to in on for with as at by from into onto about up down out off over under again
    is are was were be been being has have had do does did it its they them their you your we our us he she his her
    this that these those which who whom whose what when where why how than then so such not no very more most less
    all any both each few own same too can will just should now may might must could would also per via while during
    before after above below between through because until against among there here once""".split()
)
_ADJECTIVES = frozenset(
    """mild moderate severe chronic acute calmer calm focused better worse healthy healthier happier good bad great
    normal regular daily high low higher lower significant overall general natural common rare serious herbal
    dietary organic pure raw fresh dried uncommon infrequent minor minimal temporary transient possible reported
    few""".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Where the subject starts: after a leading clause, "that", "who", or a reporting verb.
_SUBJECT_START = re.compile(
    r".*(?:[,;:()]|\b(?:that|which|who|whether|because|since|if|when|while|and|but|so|say|says|said|claim|claims"
    r"|believe|believes|found|shows?|suggests?))\s+",
    re.IGNORECASE | re.DOTALL,
)
_VERB_TAIL = re.compile(
    r"(?:\s+(?:may|might|can|could|will|would|should|must|does|do|did|is|are|was|were|has|have|had|been|be|also|even"
    r"|often|usually|reportedly|significantly|greatly|really|actually|truly|naturally|effectively|not|appears?|seems?"
    r"|tends?|is\s+said|thought|believed|known|shown|proven|used|helps?|to))+\s*$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:(?:the|a|an|some|many|most|regular|daily|taking|using|drinking|eating|consuming|applying|adding|your"
    r"|their|its|this|these|symptoms\s+of|signs\s+of|the\s+symptoms\s+of|mild|moderate|severe|occasional|common"
    r"|certain|various|other|more|less|fewer|risk\s+of|the\s+risk\s+of|chances\s+of|incidence\s+of)\s+)+",
    re.IGNORECASE,
)
_PRODUCT = re.compile(
    r"\s+(?:tea|teas|extract|extracts|supplements?|supplementation|oil|oils|powder|capsules?|tinctures?|gummies"
    r"|pills?|tablets?|juice|root|roots|leaf|leaves|seeds?|berries|flowers?|syrup|lozenges?|drops)$",
    re.IGNORECASE,
)
# Where the noun phrase after the claim verb ends.
_OBJECT_END = re.compile(
    r"[.;:!?()\[\]\"“”]|\s(?:in|for|among|with|by|during|after|before|when|while|than|because|which|that|who"
    r"|without|compared|at|from|to|on|over|within|if|since|so)\s",
    re.IGNORECASE,
)
_LIST_SEPARATOR = re.compile(r",\s*|\s+(?:and|or|as\s+well\s+as)\s+", re.IGNORECASE)
# Ordinary words a term cannot be made of alone.
_GENERIC = frozenset(
    """it its they them this that these those he she you we people person patients participants users adults men
    women children kids individuals subjects researchers scientists studies study research evidence experts doctors
    body system health life quality effect effects benefit benefits result results risk risks problem problems issue
    issues condition conditions disease diseases disorder disorders symptom symptoms sign signs level levels function
    functions way ways time times day days week weeks use uses amount amounts dose doses dosage product products
    supplement supplements herb herbs plant plants remedy remedies compound compounds ingredient ingredients
    medication medications medicine medicines drug drugs treatment treatments therapy therapies option options food
    foods diet water work works something anything everything many some most several other others more less
    overall general natural various certain such much one two three first also even only very well often may
    might can could will would should must does do did is are was were has have had been be being make makes
    feel feeling feelings thing things kind type types part parts lot lots area areas case cases rate rates chance
    chances number numbers percent group groups range form forms changes improvements reductions increases
    decreases difference differences interactions properties alkaloids findings duration discomfort landscape
    framework substance substances factors markers aspects components elements approach approaches frequency
    severity intensity length absorption herbalists americans healers practitioners physicians athletes students
    mothers consumers customers""".split()
)
# Words that make a phrase a clause, not a name: "muscles relax", "individuals experience relief".
_NOT_IN_NAMES = frozenset(
    """relax sleep feel feels fall stay get gets become becomes work works function recover cope manage lose gain
    keep make take live think focus wake contribute contributes experience experiences report reports say says
    find finds show shows seem seems appear appears include includes involve involves individuals people users
    patients participants quiet calm soothe ease reduce lower improve boost increase decrease support promote
    relieve treat prevent fight balance regulate restore strengthen protect maintain enhance stimulate block
    inhibit control stop slow speed clear heal repair""".split()
)


# -ing words that are conditions, not verbs: "bloating", "swelling".
_NOUNS_IN_ING = frozenset("bloating swelling bleeding itching snoring bruising scarring wheezing vomiting".split())


def find_candidates(text: str, vocabulary: Vocabulary) -> list[Candidate]:
    """One candidate per term (its first sentence), in text order."""
    index = vocabulary.index
    mentions = index.mentions(text)
    starts = [m.start for m in mentions]
    found: dict[str, Candidate] = {}
    for sentence in split_sentences(text):
        if sentence.kind in (Kind.HEADING, Kind.QUESTION):
            continue
        lo, hi = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
        quote = text[sentence.start:sentence.end]
        local = [Mention(m.start - sentence.start, m.end - sentence.start, m.kind, m.name, m.surface)
                 for m in mentions[lo:hi]]
        for candidate in _in_sentence(quote, local):
            found.setdefault(candidate.term.lower(), candidate)
    return list(found.values())


# Frames that name a harm or a condition without a claim verb before it: "The side effect everyone notices is
# beeturia", "developed eosinophilia-myalgia syndrome after taking", "people with phenylketonuria should avoid it",
# "a handful of cases of EMS have been reported".
_PHRASE = r"(?P<term>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3}?)"
_BRACKET = r"\s*(?:\([^)]*\)\s*)?,?\s+"  # "eosinophilia-myalgia syndrome (EMS) after"
_FRAMES = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\bside[- ]effects?\b[^.;:]{0,40}?\b(?:is|are|was|were|include|includes|including)\s+" + _PHRASE
    + r"(?=\s*[,.;:(]|\s+(?:and|or|which|that)\b)",
    r"\b(?:developed|develop|develops|suffered|experienced)\s+" + _PHRASE + rf"(?={_BRACKET}(?:after|while|when|from"
    r"|in\s+people)\b)",
    r"\b(?:cases|reports)\s+of\s+" + _PHRASE + r"(?=\s+(?:have|has|were|was|in|among|after|linked|associated)\b)",
    r"\b(?:people|those|anyone|patients|women|men|children)\s+with\s+" + _PHRASE + rf"(?={_BRACKET}(?:should|must"
    r"|need|ought|are\s+advised)\b)",
))


def _in_frames(quote: str, mentions: list[Mention]) -> list[Candidate]:
    found = []
    for frame in _FRAMES:
        for match in frame.finditer(quote):
            start, end = match.span("term")
            if any(m.start < end and m.end > start and not _in_compound(quote, m) for m in mentions):
                continue  # the vocabulary knows it ("myalgia" inside "eosinophilia-myalgia" is no mention of it)
            term = _term(_LEADING.sub("", match.group("term")))
            if term:
                found.append(Candidate(term, "condition", quote))
    return found


def _in_compound(quote: str, m: Mention) -> bool:
    return quote[m.start - 1:m.start] == "-" or quote[m.end:m.end + 1] == "-"


def _in_sentence(quote: str, mentions: list[Mention]) -> list[Candidate]:
    return _after_claim_verb(quote, mentions) + _in_frames(quote, mentions)


def _after_claim_verb(quote: str, mentions: list[Mention]) -> list[Candidate]:
    ends = {m.end + gap for m in mentions if m.kind == "condition" for gap in (0, 1)}
    cue = next((q for q in c.find_cues(quote) if q.kind in _CLAIM_CUES and _VERB_CUE.match(q.text)
                and quote[q.start - 1:q.start] != "-" and q.start not in ends), None)  # not "fibromyalgia support"
    if cue is None or c.research_wanted(quote):
        return []
    subject = _subject(quote, cue.start, mentions)
    conditions = _objects(quote, cue.end, mentions)
    known_subject = any(m.kind == "intervention" and m.end <= cue.start for m in mentions)
    known_object = any(m.kind == "condition" and m.start >= cue.end for m in mentions)
    if not (subject or known_subject) or not (conditions or known_object):
        return []  # half a claim: nothing is said of anything, or of nothing
    found = [Candidate(subject, "intervention", quote)] if subject else []
    return found + [Candidate(term, "condition", quote) for term in conditions]


def _subject(quote: str, end: int, mentions: list[Mention]) -> str | None:
    """The noun phrase before the claim verb, when the vocabulary does not know it: "Mullein tea"."""
    before = _VERB_TAIL.sub("", quote[:end])
    lead = _SUBJECT_START.match(before)
    start = lead.end() if lead else 0
    if any(m.start < len(before) and m.end > start for m in mentions):
        return None  # a known intervention, or a condition ("RLS may disrupt sleep")
    phrase = _LEADING.sub("", before[start:].strip())
    name = _PRODUCT.sub("", phrase)
    if name != phrase and (name.lower() in _ADJECTIVES or "dose" in name.lower()):
        return None  # "high-dose supplements": no name at all
    return _term(name)


def _objects(quote: str, start: int, mentions: list[Mention]) -> list[str]:
    """Noun phrases after the claim verb the vocabulary does not know: "bronchitis", "croup and hiccups"."""
    stop = _OBJECT_END.search(quote, start)
    end = stop.start() if stop else len(quote)
    terms = []
    cursor = start
    for separator in [*_LIST_SEPARATOR.finditer(quote, start, end), None]:
        piece_end = separator.start() if separator else end
        if not any(m.start < piece_end and m.end > cursor for m in mentions):
            term = _term(_LEADING.sub("", _without_cue(quote[cursor:piece_end].strip())))
            if term:
                terms.append(term)
        cursor = separator.end() if separator else end
    return terms[:4]


def _without_cue(phrase: str) -> str:
    """"soothe croup" after "may help": the claim verbs of a chain ("help soothe", "and prevent goiter") go."""
    while (cue := next(iter(c.find_cues(phrase)), None)) is not None and cue.start == 0:
        phrase = phrase[cue.end:].lstrip()
    return phrase


def _term(phrase: str) -> str | None:
    words = _WORD.findall(phrase)
    if not words or len(words) > 4 or len(" ".join(words)) < 3:
        return None
    lowered = [w.lower() for w in words]
    if any(w in _FUNCTION_WORDS or w in _NOT_IN_NAMES or w.endswith(("ly", "-")) for w in lowered):
        return None
    if lowered[-1] in _GENERIC or all(w in _GENERIC for w in lowered) or any(w.endswith("ed") for w in lowered[1:]):
        return None
    if len(words) == 1 and (lowered[0] in _ADJECTIVES or lowered[0].endswith(("ly", "ed")) or len(lowered[0]) < 4):
        return None
    if any(w.endswith("ing") and w not in _NOUNS_IN_ING for w in lowered[:-1]) or lowered[0].endswith("ing") and (
            len(words) > 1 or lowered[0] not in _NOUNS_IN_ING):
        return None
    return " ".join(w if sum(ch.isupper() for ch in w) >= 2 else w.lower() for w in words)
