"""The words that tie a subject to a condition: benefit, harm, lowered risk, mechanism; and the frames around them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_I = re.IGNORECASE


class CueKind(StrEnum):
    PROTECTIVE = "protective"  # without, fewer, lower risk of
    HARM = "harm"  # risk of, can cause, toxic
    BENEFIT = "benefit"  # relieves, improves, treats
    MECHANISM = "mechanism"  # binds, interacts with, stimulates the release of


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: CueKind
    text: str


_PROTECTIVE = (
    r"without(?:\s+(?:the|a|any|high|higher|many|much|significant|serious|same|as\s+many|of\s+the|level\s+of))*"
    r"|(?:lower|reduced|low|less|lesser|fewer|minimal|little|decreased|no)\s+(?:\w+\s+)?"
    r"(?:risks?|liability|potential|chance|likelihood|incidence|rates?)(?:\s+(?:of|for))?"
    r"|fewer|less|not\s+addictive|non-addictive|safer\s+than"
)
_HARM = (
    r"(?:increase[sd]?|rais(?:e|es|ed))\s+the\s+risk\s+of|risks?(?:\s+(?:of|for))?|dangers?(?:\s+of)?|dangerous"
    r"|(?:can|may|could|might|to|will|often|also|which|that)\s+cause|caus(?:es|ing)|lead(?:s|ing)?\s+to"
    r"|toxic\w*|damag\w*|harm(?:s|ful)?|injur\w*|concerns?(?:\s+(?:about|over|regarding))?"
    r"|warnings?(?:\s+about)?|possibility\s+of|potential\s+for|likelihood\s+of|worsen\w*|exacerbat\w*"
    r"|aggravat\w*|impair\w*|minimi[sz]\w*|carr(?:y|ies)\s+(?:a\s+)?(?:risk|potential)\s+of"
)
_BENEFIT = (
    r"relie(?:f|ve|ves|ved|ving)(?:\s+(?:from|of|for))?|alleviat\w*(?:\s+of)?|eas(?:e|es|ed|ing)\b|sooth\w*"
    r"|reduc(?:e|es|ed|ing|tion|tions)(?:\s+(?:in|of))?|decreas(?:e|es|ed|ing)(?:\s+(?:in|of))?"
    r"|lower(?:s|ed|ing)?\b|mitigat\w*|manag(?:e|es|ed|ing|ement)(?:\s+of)?"
    r"|treat(?:s|ed|ing|ment|ments)?(?:\s+(?:of|for))?|therap(?:y|ies|eutic)(?:\s+(?:for|in))?"
    r"|remed(?:y|ies)(?:\s+for)?|cur(?:e|es|ed|ing)\b|help(?:s|ed|ing|ful)?(?:\s+(?:with|to|in|against|for))?"
    r"|aid(?:s|ed|ing)?(?:\s+(?:in|for|with))?|support(?:s|ed|ing)?(?:\s+for)?"
    r"|benefi(?:t|ts|cial|tted)(?:\s+(?:for|in|to))?|improv(?:e|es|ed|ing|ement|ements)(?:\s+(?:in|of))?"
    r"|enhanc(?:e|es|ed|ing|ement)(?:\s+(?:of|in))?|boost(?:s|ed|ing)?(?:\s+(?:in|to))?|lift\w*"
    r"|promot(?:e|es|ed|ing)|regulat(?:e|es|ed|ing|ion)(?:\s+of)?|counteract\w*|combat\w*|fight\w*"
    r"|prevent\w*|protect\w*(?:\s+against)?|effective(?:ness|ly)?(?:\s+(?:in|for|against|at))?"
    r"|efficacy(?:\s+(?:in|for|of))?|alternative\s+(?:for|in)|options?\s+for|solution\s+for"
    r"|address(?:es|ed|ing)?|tackl\w*|calm(?:s|ed|ing)?|restor\w*|role\s+in|potential\s+(?:in|for)"
    r"|promise\s+(?:in|for)|recommended\s+(?:for|to\s+treat)|suitable\s+for|ideal\s+for|used\s+(?:for|to\s+treat)|break\s+free\s+from"
    r"|cop(?:e|ing)\s+with|control(?:s|led|ling)?\b|overcom\w*|recover\w*\s+from|achiev\w*|obtain\w*"
    r"|find\s+(?=\w+\s+sleep)|better|easier|faster|quicker|deeper|longer|positive(?:ly)?\s+impact\w*(?:\s+on)?"
)
_MECHANISM = (
    r"interact\w*(?:\s+with)?|bind\w*(?:\s+to)?|engag\w*(?:\s+with)?|acts?\s+(?:on|as)|acting\s+on"
    r"|activat\w*|agonis\w*|antagonis\w*|target\w*|modulat\w*|influenc\w*(?:\s+on)?"
    r"|stimulat\w*(?:\s+the\s+release\s+of)?|releas\w*(?:\s+of)?|inhibit\w*|block\w*|effects?\s+on"
    r"|affinity\s+for|mediat\w*|increas\w*(?:\s+(?:the\s+)?levels\s+of)?|rais(?:e|es|ed|ing)|suppress\w*"
)
# Run on fold(text): a lower-case pattern without IGNORECASE is several times faster on long alternations.
CUES = re.compile(
    rf"\b(?:(?P<protective>{_PROTECTIVE})|(?P<harm>{_HARM})|(?P<benefit>{_BENEFIT})|(?P<mechanism>{_MECHANISM}))\b"
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """Lower case with every index kept in place (a few non-ASCII letters grow under str.lower)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)
# Words inside a condition's own name that already say "benefit": "pain relief", "analgesic", "mood-lifting".
SELF_BENEFIT = re.compile(
    r"relie(?:f|ving)|analges|antinocicept|anti-inflammatory|management|treatment|enhancement|lifting"
    r"|regulation|painkilling|stress relief",
    _I,
)
# What may follow a condition and make it the thing treated: "RLS treatment", "fibromyalgia support".
BENEFIT_AFTER = re.compile(
    r"^[\s-]*(?:symptoms?\s+)?(?:relief|management|treatment|support|reduction|relieving|improvement|therapy"
    r"|remedy|regimens?|protocols?|strateg(?:y|ies)|plans?|care|control)\b",
    _I,
)
HARM_AFTER = re.compile(r"^[\s-]*(?:risks?|dangers?|liability|potential|concerns?|warnings?)\b", _I)
RAISING = re.compile(r"increas|rais|boost|enhanc|stimulat|promot", _I)
NOT_BEFORE = re.compile(r"\b(?:not|non|never|isn't|aren't)[\s-]*$", _I)
# After a receptor or system, "that helps regulate mood, sleep and pain" describes the target, not the subject.
DESCRIBES_TARGET = re.compile(  # used with .match(text, pos): no "^", which would only match at 0
    r"\s*(?:,\s*(?:a|an|the)\s+[\w-]+(?:\s+of\s+[\w-]+)?\s*)?,?\s*(?:that|which)\s+(?:helps?|regulates?|controls?"
    r"|is|are|plays?|modulates?|governs?|influences?|mediates?)\b",
    _I,
)
# "People with kidney stones should avoid ...", "not recommended for pregnant women".
CONTRAINDICATED_AFTER = re.compile(
    r"(?:\s*(?:,|or|and)\s+[\w\s'-]{0,40}?)?[\s,]*(?:\w+\s+){0,2}?(?:should|must)\s+(?:not\b|never\b|avoid\b"
    r"|stay\s+away)",
    _I,
)
CONTRAINDICATED_BEFORE = re.compile(
    r"\b(?:not\s+(?:be\s+)?recommended\s+(?:for|during)|(?:not\s+safe|unsafe)\s+(?:for|during)"
    r"|avoid(?:ed)?\s+(?:it\s+)?(?:by|if\s+you\s+have|during)|contraindicated\s+(?:in|for|during)"
    r"|should\s+not\s+be\s+(?:used|taken)\s+(?:by|during|in))\s+(?:\w+\s+){0,3}$",
    _I,
)
_INTERACTING_DRUGS = (
    r"(?:(?:other|certain|some|many|prescription|common|several)\s+)*(?:[\w-]+\s+){0,2}?(?:medications?|medicines?"
    r"|drugs?|sedatives?|antidepressants?|antibiotics?|blood\s+thinners?|anticoagulants?|immunosuppressants?"
    r"|contraceptives?|birth\s+control|supplements?|substances?|alcohol|prescriptions?)\b"
)
INTERACTION_HINTS = ("interact", "interfer", "absorption", "effectiveness of", "levels of", "metabolism of",
                     "effects of", "effect of")
CONTRAINDICATION_HINTS = ("should", "must", "recommended", "safe", "avoid", "contraindicated")
INTERACTS = re.compile(
    r"\binteract(?:s|ed|ing)?\s+(?:\w+\s+)?with\s+" + _INTERACTING_DRUGS
    + r"|\b(?:reduc\w*|decreas\w*|increas\w*|affect\w*|alter\w*|interfer\w*\s+with)\s+(?:the\s+)?(?:absorption"
    r"|effectiveness|effects?|levels?|metabolism)\s+of\s+" + _INTERACTING_DRUGS,
    _I,
)
OTHER_ACTOR = re.compile(
    r"\b(?:medications?|medicines?|treatments?|drugs?|pharmaceuticals?|painkillers?|therap(?:y|ies)|surgery)\b", _I
)
LIABILITY = re.compile(r"liabilit|risk|potential", _I)
PROTECTIVE_BEFORE = re.compile(
    r"\b(?:without|lower\w*|reduc\w*|decreas\w*|minimi[sz]\w*|less|fewer|low|no|avoid\w*|prevent\w*)\b", _I
)
NEGATION_BEFORE = re.compile(
    r"\b(?:not|no|never|cannot|can't|doesn't|don't|didn't|won't|isn't|aren't|unable\s+to|unlikely\s+to"
    r"|fail(?:s|ed)?\s+to|no\s+evidence\s+that)\s+(?:\w+\s+){0,2}$",
    _I,
)
# Between a cue and a condition, these make the condition the population, not the thing treated:
# "relief from the discomfort experienced by individuals with RLS".
POPULATION_GAP = re.compile(
    r"\b(?:in|among|with|for|from|by|due|caused|associated|related|suffering|experiencing|grappling|affected"
    r"|living|accompanying)\b",
    _I,
)
POPULATION_BEFORE = re.compile(
    r"\b(?:with|suffering\s+from|experiencing|grappling\s+with|affected\s+by|living\s+with|diagnosed\s+with"
    r"|due\s+to|caused\s+by|associated\s+with|related\s+to|accompanying|among|in|for\s+those\s+with"
    r"|context\s+of|realm\s+of|area\s+of|field\s+of)"
    r"\s+(?:the\s+|their\s+|this\s+|a\s+)?(?:\w+\s+)?$",
    _I,
)
POPULATION_AFTER = re.compile(r"^[\s-]*(?:patients|sufferers|populations?|communities)\b", _I)
COORDINATION = re.compile(
    r"^(?:[\s,;/&]|\b(?:and|or|as\s+well\s+as|nor|plus|the|its|their|overall|general|other|associated|related"
    r"|chronic|severe|potential|improved|reduced|better|even|also|both|either)\b)*$",
    _I,
)
SEPARATOR = re.compile(r"[,/&]|\b(?:and|or|nor|plus)\b", _I)
EXAMPLES = re.compile(
    r"^[\s,]*(?:such\s+as|like|including|especially|particularly|notably|namely|primarily|mainly|mostly"
    r"|specifically|e\.g\.,?)[\s:]*(?:the\s+)?$",
    _I,
)
CLASS_WORD = re.compile(r"\b(?:conditions?|syndromes?|disorders?|ailments?|diseases?|issues|problems)$", _I)
# Clause boundaries: a benefit cue does not reach across "but", ";" or a list label's colon.
CLAUSE_BREAK = re.compile(
    r";|:\s|\s[–—]\s|\s-\s|,\s+(?=(?:but|while|whereas|though|although|yet|however|which|who)\b)"
    r"|\s(?=(?:but|whereas|although|though|however)\b)",
    _I,
)
# A relative clause that only describes a receptor or messenger, not what the subject does.
DESCRIPTIVE_CLAUSE = re.compile(
    r"^\W*(?:which|that)\s+(?:play|plays|are|is)\s+(?:also\s+)?(?:a\s+|an\s+)?(?:crucial\s+|key\s+|important\s+"
    r"|central\s+|significant\s+)?(?:role|involved|responsible|important)\b",
    _I,
)
ADVISORY = re.compile(
    r"^\W*(?:(?:however|additionally|therefore|thus|as\s+such|also|moreover|furthermore),?\s+)?"
    r"(?:it(?:'s|’s|\s+is)\s+(?:also\s+)?(?:important|crucial|essential|imperative|advisable|vital|recommended"
    r"|wise|prudent|necessary|paramount)\b"
    r"|(?:users|individuals|patients|people|those|anyone|readers|providers|healthcare\s+providers|you"
    r"|prospective\s+patients)\b[^.]{0,80}?\b(?:should|must|need\s+to|ought\s+to)\b"
    r"|(?:always\s+)?consult\b|before\s+(?:using|taking|adding|incorporating|trying|considering)"
    r"|when\s+considering)",
    _I,
)
RESEARCH_WANTED = re.compile(
    r"\b(?:more|further|additional|future|rigorous)\s+(?:\w+\s+){0,2}(?:research|studies|investigation|trials"
    r"|exploration|evidence)\b[^.]{0,30}?\b(?:is|are|will)?\s*(?:needed|necessary|required|warranted|essential"
    r"|crucial|hopefully)\b|\bneed\s+for\s+(?:\w+\s+){0,3}(?:research|studies|trials|investigation)\b",
    _I,
)
def research_wanted(sentence: str) -> bool:
    """"More research is needed to ...": such a sentence asks a question instead of making a claim."""
    folded = fold(sentence)
    return ("need" in folded or "necess" in folded or "requir" in folded or "warrant" in folded
            or "essential" in folded or "crucial" in folded or "hopefully" in folded) and bool(
        RESEARCH_WANTED.search(sentence))


ANAPHOR = re.compile(
    r"^\W*(?:[\w’']+(?:\s+[\w’']+){0,6},\s+)?(?:it|its|they|their|such"
    r"|(?:this|these)(?!\s+(?:conditions?|disorders?|syndromes?|diseases?|symptoms?|sensations?|dysregulation"
    r"|findings|studies|people|individuals|patients|improvements?|reductions?|increases?|decreases?))"
    r"|supplements?|supplementation"
    r"|(?:the|this)\s+(?:plant|herb|leaf|leaves|alkaloids?|compounds?|substance|supplements?|botanical|extract|remedy"
    r"|tree|mineral|vitamin|hormone|spice|oil|root|mushroom|active\s+(?:compounds?|components?|ingredients?|alkaloids?)))\b",
    _I,
)
PARTICIPANTS = re.compile(
    r"^\W*(?:(?:many|some|most|several|these|the)\s+)?(?:\w+\s+)?(?:participants|patients|users|individuals"
    r"|people|subjects|sufferers|consumers)\b",
    _I,
)
FOR_AFTER_INTERVENTION = re.compile(r"['’]?s?\s+(?:(?:use|supplementation|products?|strains?|leaf|tea)\s+)?for\b", _I)
GENERIC_SYMPTOMS = re.compile(r"\b(?:symptoms|their\s+symptoms|the\s+burden)\b", _I)
DEFICIENCY_BEFORE = re.compile(
    r"\b(?:low|lack\s+of|insufficient|inadequate|deficien\w*\s+in|not\s+enough|too\s+little)\s+$", _I
)
COMPARATOR_BEFORE = re.compile(
    r"\b(?:than|similar\s+to|to\s+that\s+of|as\s+\w+\s+as|like|unlike|compared\s+(?:to|with)|versus|vs\.?|alternative\s+to"
    r"|substitute\s+for|instead\s+of|associated\s+with|of|from|over|with|including|replac\w*|absence\s+of)"
    r"\s+(?:[\w-]+\s+){0,3}$",
    _I,
)


def find_cues(clause: str) -> list[Cue]:
    cues = []
    for match in CUES.finditer(fold(clause)):
        kind = CueKind(match.lastgroup or "")
        cues.append(Cue(match.start(), match.end(), kind, clause[match.start():match.end()]))
    return cues


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for match in CLAUSE_BREAK.finditer(sentence):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(sentence)))
    return [(s, e) for s, e in spans if e > s]


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> int:
    return len(_WORD.findall(text))
