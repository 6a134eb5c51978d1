"""Study design of a PubMed record, from publication types and MeSH when indexed, else from text (pure)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evidence.enums import Design, design_rank


@dataclass(frozen=True)
class Signal:
    """One piece of evidence about a record's design: where it was seen and what it says."""

    source: str  # publication_type, mesh, title or abstract
    cue: str
    design: Design


@dataclass(frozen=True)
class DesignReading:
    design: Design
    signals: tuple[Signal, ...]


PUBLICATION_TYPES: dict[str, Design] = {
    "systematic review": Design.SYSTEMATIC_REVIEW,
    "meta-analysis": Design.SYSTEMATIC_REVIEW,
    "network meta-analysis": Design.SYSTEMATIC_REVIEW,
    "randomized controlled trial": Design.RCT,
    "equivalence trial": Design.RCT,
    "pragmatic clinical trial": Design.RCT,
    "controlled clinical trial": Design.CONTROLLED_TRIAL,
    "clinical trial": Design.CONTROLLED_TRIAL,
    "clinical trial, phase i": Design.CONTROLLED_TRIAL,
    "clinical trial, phase ii": Design.CONTROLLED_TRIAL,
    "clinical trial, phase iii": Design.CONTROLLED_TRIAL,
    "clinical trial, phase iv": Design.CONTROLLED_TRIAL,
    "observational study": Design.OBSERVATIONAL,
    "multicenter study": Design.OBSERVATIONAL,
    "case reports": Design.CASE_REPORT,
    "review": Design.NARRATIVE_REVIEW,
    "editorial": Design.ANECDOTAL,
    "letter": Design.ANECDOTAL,
    "comment": Design.ANECDOTAL,
    "news": Design.ANECDOTAL,
    "personal narrative": Design.ANECDOTAL,
    "clinical trial protocol": Design.OTHER,
    "practice guideline": Design.OTHER,
    "guideline": Design.OTHER,
    "published erratum": Design.OTHER,
}
# A protocol or guideline reports no results of its own, whatever else it is tagged with.
OVERRIDING_TYPES = frozenset({"clinical trial protocol", "practice guideline", "guideline", "published erratum"})

MESH_DESIGNS: dict[str, Design] = {
    "cohort studies": Design.OBSERVATIONAL,
    "prospective studies": Design.OBSERVATIONAL,
    "retrospective studies": Design.OBSERVATIONAL,
    "cross-sectional studies": Design.OBSERVATIONAL,
    "case-control studies": Design.OBSERVATIONAL,
    "surveys and questionnaires": Design.OBSERVATIONAL,
    "in vitro techniques": Design.PRECLINICAL,
}

# Text rules, strongest first: (design, pattern for the title, pattern for the abstract or None).
# The first rule that matches decides. Negations live in the patterns ("non-randomized" is not
# randomized); analytical methods, protocols and guidelines are named in titles, not abstracts.
_NOT_NEGATED = r"(?<!non-)(?<!non )(?<!not )(?<!no )(?<!quasi-)"
_SYSTEMATIC = re.compile(
    r"\bsystematic(?:ally)?\s+(?:literature\s+)?review|\bmeta-?analys[ie]s\b|\bmeta-?regression\b"
    r"|\bpooled (?:analysis|data)\b|\bdata (?:were|was) pooled\b"
    r"|\bfindings from (?:\w+ )?(?:randomi[sz]ed,? )?(?:controlled,? )?trials\b|\b(?:scoping|umbrella) review\b",
    re.I,
)
_OTHER_TITLE = re.compile(
    r"\bprotocol\b|\bguidelines?\b|\bconsensus\b|\bdelphi\b|\brationale and design\b|\bdesign and rationale\b"
    r"|^(?:erratum|corrigendum|correction)\b|\bcost-effectiveness\b|\bqualitative\b|\b(?:LC|GC|HPLC)-MS\b|\banalysis of \w+ and (?:its )?metabolites\b"
    r"|\bmethod (?:for|to) (?:the )?(?:detect|determin|quantif)|\bdetecting the use\b|\bvalidation of\b",
    re.I,
)
_RCT = re.compile(
    _NOT_NEGATED + r"\brandomi[sz]ed\b(?![^.]{0,40}\b(?:trials?|studies)\b[^.]{0,20}\b(?:are|were) "
    r"(?:needed|lacking|required))|\brandomly (?:assigned|allocated)\b",
    re.I,
)
_CONTROLLED = re.compile(
    r"\bnon-?randomi[sz]ed\b|\bopen-label\b|\bsingle-arm\b|\bphase (?:I{1,3}|[123])\b|\bclinical trial\b"
    r"|\bhealthy (?:adult )?(?:volunteers|participants|adults|subjects)\b|\bcrossover\b"
    r"|\bprospective study enrolled\b|\bpharmacokinetics? (?:of \w+ )?in (?:man|humans)\b"
    r"|\bplacebo-controlled\b|\bdouble-blind\b",
    re.I,
)
_CASE = re.compile(
    r"\bcase reports?\b|\bcase series\b|\bwe (?:report|present|describe) an?\b|\ba \d+-year-old\b"
    r"|\b(?:we|authors?) (?:report|present|describe) (?:an?|the|two|three) (?:[\w-]+ ){0,3}"
    r"(?:man|woman|patient|infant|neonate|child|boy|girl|cases?)\b|\bfirst report of\b"
    r"|\bfatality case\b|\b(?:two|three|four|five|ten|\d+) (?:fatalities|deaths|cases)\b"
    r"|\breport describes an?\b|\bcase summary\b",
    re.I,
)
_REVIEW_TITLE = re.compile(r"\breview\b|\bsurvey of the literature\b", re.I)
_REVIEW_ABSTRACT = re.compile(
    r"\b(?:this|our|the present|the) review\b|\b(?:we|authors?|to) review(?:ed)?\b|\breview(?:ed|s)? the literature\b"
    r"|\bliterature review\b",
    re.I,
)
_OBSERVATIONAL = re.compile(
    r"\bcohort\b|\bcross-sectional\b|\bcase-control\b|\bsurveys?\b|\bquestionnaire\b|\bretrospective\b"
    r"|\bprospective\b|\bregistry\b|\bpoison (?:control|centre|center)\b|\binterviews?\b|\bprevalence\b"
    r"|\bregular (?:kratom )?users\b|\bconvenience sample\b|\btest-retest\b|\bcompared\b[^.]*\bnon-users\b",
    re.I,
)
_PRECLINICAL = re.compile(
    r"\bmice\b|\bmouse\b|\brats?\b|\brodents?\b|\bin vitro\b|\bex vivo\b|\bin vivo\b|\bcell lines?\b"
    r"|\banimals?\b|\bzebrafish\b|\bguinea[- ]pigs?\b|\bbioassay|\bHEK ?293\b|\bCHO cells\b"
    r"|\breceptor (?:binding|affinity)\b|\bbinding assays?\b|\bantinocicepti",
    re.I,
)
_ANECDOTAL = re.compile(r"^(?:editorial|letter|comment|commentary|reply|in reply|response to|re:)\b|\bopinion\b", re.I)
# Designs whose wording would otherwise be read as a stronger design: named before the stronger rules.
_NOT_A_TRIAL = re.compile(
    r"\bmendelian randomi[sz]ation\b|\btarget trial emulation\b|\b(?:retrospective|chart|record|institutional) "
    r"(?:\w+ )?review\b|\breview of (?:our|the) (?:institutional|hospital|clinic)",
    re.I,
)
_ANIMAL = re.compile(r"\b(?:mice|mouse|rats?|rodents?|animals?|dogs|pigs|piglets|rabbits|zebrafish|primates)\b", re.I)
_HUMAN = re.compile(
    r"\b(?:patients?|participants?|adults?|children|infants|volunteers?|women|men|subjects|people|humans?)\b", re.I
)

TEXT_RULES: list[tuple[Design, re.Pattern[str], re.Pattern[str] | None]] = [
    (Design.ANECDOTAL, _ANECDOTAL, None),
    (Design.OTHER, _OTHER_TITLE, None),
    (Design.SYSTEMATIC_REVIEW, _SYSTEMATIC, _SYSTEMATIC),
    (Design.OBSERVATIONAL, _NOT_A_TRIAL, _NOT_A_TRIAL),
    (Design.NARRATIVE_REVIEW, _REVIEW_TITLE, None),  # a review's abstract names the trials it reviews
    (Design.RCT, _RCT, _RCT),
    (Design.CONTROLLED_TRIAL, _CONTROLLED, _CONTROLLED),
    (Design.CASE_REPORT, _CASE, _CASE),
    (Design.NARRATIVE_REVIEW, _REVIEW_TITLE, _REVIEW_ABSTRACT),
    (Design.OBSERVATIONAL, _OBSERVATIONAL, _OBSERVATIONAL),
    (Design.PRECLINICAL, _PRECLINICAL, _PRECLINICAL),
]


def classify(
    *,
    publication_types: Sequence[str] = (),
    mesh_terms: Sequence[str] = (),
    title: str = "",
    abstract: str = "",
    use_types: bool = True,
    use_text: bool = True,
) -> DesignReading:
    """Publication types and MeSH decide when they say anything; text decides for unindexed records."""
    if use_types:
        indexed = from_types(publication_types, mesh_terms)
        if indexed is not None:
            return indexed
    if use_text:
        reading = from_text(title=title, abstract=abstract)
        if reading is not None:
            return reading
    return DesignReading(Design.OTHER, ())


def from_types(publication_types: Sequence[str], mesh_terms: Sequence[str]) -> DesignReading | None:
    signals = [
        Signal("publication_type", pt, PUBLICATION_TYPES[pt.lower()])
        for pt in publication_types
        if pt.lower() in PUBLICATION_TYPES
    ]
    overriding = [s for s in signals if s.cue.lower() in OVERRIDING_TYPES]
    if overriding:
        return DesignReading(Design.OTHER, tuple(overriding))
    if not signals:  # MeSH study-type headings speak only when publication types are silent
        signals = _mesh_signals(mesh_terms)
    if not signals:
        return None
    best = max(signals, key=lambda s: design_rank(s.design))
    return DesignReading(best.design, tuple(signals))


def _mesh_signals(mesh_terms: Iterable[str]) -> list[Signal]:
    lowered = {m.lower().rstrip("*") for m in mesh_terms}
    signals = [Signal("mesh", m, MESH_DESIGNS[m]) for m in sorted(lowered) if m in MESH_DESIGNS]
    if "animals" in lowered and "humans" not in lowered:
        signals.append(Signal("mesh", "Animals", Design.PRECLINICAL))
    return signals


def from_text(*, title: str, abstract: str) -> DesignReading | None:
    """The strongest rule that matches the title or the abstract decides; trial words in a study of
    animals only ("mice were randomized") make it preclinical."""
    for design, title_pattern, abstract_pattern in TEXT_RULES:
        for source, text, pattern in (("title", title, title_pattern), ("abstract", abstract, abstract_pattern)):
            match = pattern.search(text) if text and pattern is not None else None
            if match:
                signal = Signal(source, match.group(0).strip(), design)
                return _animals_only(title, abstract, signal) or DesignReading(design, (signal,))
    return None


def _animals_only(title: str, abstract: str, signal: Signal) -> DesignReading | None:
    if signal.design not in (Design.RCT, Design.CONTROLLED_TRIAL):
        return None
    text = f"{title} {abstract}"
    animal = _ANIMAL.search(text)
    if animal is None or _HUMAN.search(text):
        return None
    return DesignReading(Design.PRECLINICAL, (signal, Signal("abstract", animal.group(0), Design.PRECLINICAL)))
