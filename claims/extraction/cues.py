"""The words that tie a subject to a condition: benefit, harm, lowered risk, mechanism; and the frames around them."""
from __future__ import annotations

import bisect
import functools
import re
from enum import StrEnum
from typing import NamedTuple

from claims.extraction.tokens import Words, contains_any, fold, tokenize

_I = re.IGNORECASE


class CueKind(StrEnum):
    PROTECTIVE = "protective"  # without, fewer, lower risk of
    HARM = "harm"  # risk of, can cause, toxic
    BENEFIT = "benefit"  # relieves, improves, treats
    MECHANISM = "mechanism"  # binds, interacts with, stimulates the release of


class Cue(NamedTuple):
    start: int
    end: int
    kind: CueKind
    text: str


_PROTECTIVE = (
    r"without(?:\s+(?:the|a|any|high|higher|many|much|significant|serious|same|as\s+many|of\s+the|level\s+of))*"
    r"|(?:lower(?:s|ed|ing)?|reduc(?:e|es|ed|ing)|low|less|lesser|fewer|minimal|little|decreas(?:e|es|ed|ing)|no"
    r"|cut(?:s|ting)?|halv(?:e|es|ed|ing))\s+(?:\w+\s+)?"
    r"(?:risks?|liability|potential|chances?|likelihood|odds|incidence|rates?)(?:\s+(?:of|for))?"
    r"|fewer|less|not\s+addictive|non-addictive|safer\s+than"
)
_HARM = (
    r"(?:increas(?:e|es|ed|ing)|rais(?:e|es|ed|ing))\s+the\s+risk\s+of|risks?(?:\s+(?:of|for))?|dangers?(?:\s+of)?|dangerous"
    r"|caus(?:es|ing)|lead(?:s|ing)?\s+to|trigger(?:s|ed|ing)?|provok\w*|spik(?:e|es|ed|ing)"
    # "can cause", "does not cause" (the cue is "cause": its auxiliary says it is a verb, not "the cause of")
    r"|(?:(?<=can\s)|(?<=may\s)|(?<=could\s)|(?<=might\s)|(?<=to\s)|(?<=will\s)|(?<=often\s)|(?<=also\s)"
    r"|(?<=which\s)|(?<=that\s)|(?<=not\s)|(?<=never\s)|(?<=n't\s)|(?<=and\s))cause"
    r"|toxic\w*|damag\w*|harm(?:s|ful)?|injur\w*|concerns?(?:\s+(?:about|over|regarding))?"
    r"|warnings?(?:\s+about)?|possibility\s+of|potential\s+for|likelihood\s+of|worsen\w*|exacerbat\w*"
    r"|aggravat\w*|impair\w*|minimi[sz]\w*|carr(?:y|ies)\s+(?:a\s+)?(?:risk|potential)\s+of"
    r"|(?:broke|break|breaks|breaking)\s+out\s+in|came\s+down\s+with"
    # "Heavy kava drinkers can develop a scaly skin rash"
    r"|(?:(?<=can\s)|(?<=may\s)|(?<=could\s)|(?<=might\s)|(?<=often\s)|(?<=sometimes\s)|(?<=occasionally\s))develop"
    # "The tea can make you drowsy" (of a good, a benefit: "makes you feel energetic")
    r"|mak(?:e|es|ing)\s+(?:you|people|some\s+people|users|them|me)\s+(?:feel\s+)?"
    # "can leave you groggy the next morning", "won't leave you hungover"
    r"|leav(?:e|es|ing)\s+(?:you|people|some\s+people|users|them|me)\s+(?:feeling\s+)?"
    # "a woman who developed high blood pressure after taking maca"
    r"|develop(?:ed|s)?(?=\s[^.;]{0,60}\bafter\s+(?:taking|using|eating|drinking|starting|swallowing))"
    r"|more\s+likely\s+to\s+(?:get|develop|have|experience|suffer(?:\s+from)?|report)"
    r"|linked\s+(?:[\w'’-]+\s+){0,3}?to"  # "has been linked to liver damage", "a study linked probiotic use to brain fog"
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
    r"|shorten\w*(?:\s+the\s+(?:duration|length)\s+of)?|speed(?:s|ed|ing)?\s+up|accelerat\w*|hasten\w*"
    r"|works?\s+(?:well\s+|best\s+)?(?:for|against)|worked\s+(?:well\s+|best\s+)?(?:for|against)|works?\s+as\s+well\s+as"
    r"|(?:performed|perform|performs|did|worked)\s+(?:about\s+|just\s+|nearly\s+|almost\s+|roughly\s+)?as\s+well\s+as"
    r"|settl(?:e|es|ed|ing)"
    r"|used\s+(?:\w+\s+){1,5}?(?:for|to\s+(?:treat|relieve|ease|manage|reduce|prevent))"
    r"|(?:essential|important|vital|good|great|useful|helpful)\s+for|(?:supplements?|herbs?|choices?)\s+for"
    r"|go-to\s+(?:\w+\s+)?for|giv(?:e|es|ing)|provid(?:e|es|ed|ing)|ward(?:s|ed|ing)?\s+off|stave\w*\s+off"
    r"|guard\w*\s+against|defend\w*\s+against|strengthen\w*|stabili[sz]\w*|normali[sz]\w*|maintain\w*"
    r"|slow(?:s|ed|ing)?(?:\s+(?:down|the\s+progression\s+of))?|delay(?:s|ed|ing)?\s+the\s+onset\s+of"
    r"|revers(?:e|es|ed|ing)|kill(?:s|ed|ing)?|lessen\w*|diminish\w*|(?:drop|fall|declin\w*|dip)s?\s+in"
    # "no meaningful change in testosterone levels": only ever read denied
    r"|(?<=no\s)(?:changes?|differences?)\s+in|(?<=no\s)(?:meaningful|significant|real|measurable|noticeable|clear)"
    r"\s+(?:changes?|differences?)\s+in"
    r"|heal(?:s|ed|ing)?|curb(?:s|ed|ing)?|(?:worth\s+a\s+try|worth\s+trying)\s+for|(?<=little\s)for|(?<=nothing\s)for"
    r"|(?:needed|necessary|required|crucial|critical|key)\s+for|fix(?:es|ed|ing)?\b|offset(?:s|ting)?"
    r"|tak(?:e|es|ing)\s+the\s+edge\s+off|knock(?:s|ed|ing)?\s+out"
    r"|(?:stop|keep|prevent)(?:s|ped|ping|ing|ed)?\s+(?:you|people|them|kids|children|us)(?:\s+from)?(?=\s+(?:catching"
    r"|getting|developing))|stop(?:s|ped|ping)?(?=\s+(?:the\s+|a\s+)?[\w-]+(?:\s+[\w-]+)?\s+from\b)"
    r"|shav(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,5}?off(?:\s+(?:the\s+)?(?:time|minutes|hours|days)(?:\s+(?:it\s+took|needed))?(?:\s+to)?)?"
    r"|(?:beat|beats|outperformed|outperforms|bested)\s+(?:a\s+|the\s+)?(?:placebo|dummy\s+pills?|sugar\s+pills?)"
    r"(?:\s+(?:\w+\s+)?(?:for|in|at|on))?|history\s+of\s+(?:\w+\s+)?use\s+(?:for|in|against|as\s+a\s+(?:remedy|treatment)\s+for)"
)
_MECHANISM = (
    r"interact\w*(?:\s+with)?|bind\w*(?:\s+to)?|engag\w*(?:\s+with)?|acts?\s+(?:on|as)|acting\s+on"
    r"|activat\w*|agonis\w*|antagonis\w*|target\w*|modulat\w*|influenc\w*(?:\s+on)?"
    r"|stimulat\w*(?:\s+the\s+release\s+of)?|releas\w*(?:\s+of)?|inhibit\w*|block\w*|effects?\s+on"
    r"|affinity\s+for|mediat\w*|(?:rise|rises|rising|spike|spikes|jump|jumps)\s+in|increas\w*(?:\s+(?:the\s+)?levels\s+of)?|rais(?:e|es|ed|ing)|suppress\w*|elevat\w*"
)
# Run on fold(text): a lower-case pattern without IGNORECASE is several times faster on long alternations.
CUES = re.compile(
    rf"\b(?:(?P<protective>{_PROTECTIVE})|(?P<harm>{_HARM})|(?P<benefit>{_BENEFIT})|(?P<mechanism>{_MECHANISM}))\b"
)


def cue_kind(match: re.Match[str]) -> CueKind:
    return CueKind((match.lastgroup or "").partition("_")[0])


# "placebo-controlled", "a controlled trial", "randomized controlled study": a word of study design, no benefit.
_DESIGN_AFTER = re.compile(r"\s+(?:clinical\s+)?(?:trials?|stud(?:y|ies)|experiments?|conditions)\b")


def _design_word(folded: str, match: re.Match[str]) -> bool:
    if not match.group().startswith("controlled"):
        return False
    return folded[match.start() - 1:match.start()] == "-" or bool(_DESIGN_AFTER.match(folded, match.end()))


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern ("a|b(?:c|d)" -> ["a", "b(?:c|d)"])."""
    parts, depth, start, escaped = [], 0, 0, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return [*parts, pattern[start:]]


def _expanded(alternative: str) -> list[str]:
    """"(?:can|may)\\s+cause" -> ["can\\s+cause", "may\\s+cause"], so that every alternative starts with a letter."""
    if not alternative.startswith("(?:"):
        return [alternative]
    depth = 0
    for i, ch in enumerate(alternative):
        depth += ch == "(" and alternative[i - 1:i] != "\\"
        depth -= ch == ")" and alternative[i - 1:i] != "\\"
        if depth == 0:
            inner, rest = alternative[3:i], alternative[i + 1:]
            break
    if rest[:1] in ("?", "*", "+", "{"):
        raise ValueError(f"cannot expand {alternative!r}")
    return [e for part in _alternatives(inner) for e in _expanded(part + rest)]


def _expanded_after_lookbehind(alternative: str) -> list[str]:
    """"(?<=no\\s)(?:changes?|differences?)\\s+in" -> one alternative per word after the lookbehind, each keeping
    it, so that each has letters it surely starts with."""
    lookbehind = re.match(r"(?:\(\?<=[^()]*\))+", alternative)
    if lookbehind is None:
        return _expanded(alternative)
    return [lookbehind.group() + rest for rest in _expanded(alternative[lookbehind.end():])]


def _stem(alternative: str) -> str:
    """The letters an alternative surely starts with: "risks?\\s+of" -> "risk", "(?<=can\\s)cause" -> "cause"."""
    alternative = re.sub(r"^(?:\(\?<=[^()]*\))+", "", alternative)
    letters = re.match(r"[a-z]*", alternative).group()  # type: ignore[union-attr]
    optional = alternative[len(letters):len(letters) + 1] in ("?", "*", "{")
    return letters[:-1] if optional else letters


# Every alternative of the cue pattern in its order (the first that matches wins), with the letters it surely
# starts with ("relie", "eas", "lower"): only a word starting so can start that cue.
_ORDERED = tuple(
    (kind, alternative, _stem(alternative))
    for kind, pattern in ((CueKind.PROTECTIVE, _PROTECTIVE), (CueKind.HARM, _HARM), (CueKind.BENEFIT, _BENEFIT),
                          (CueKind.MECHANISM, _MECHANISM))
    for part in _alternatives(pattern) for alternative in _expanded_after_lookbehind(part)
)
_STEMS = tuple(sorted({stem for _, _, stem in _ORDERED}))


@functools.lru_cache(maxsize=65536)
def _starts_a_cue(word: str) -> bool:
    """Whether a cue can start with the word (cached: articles share most of their words)."""
    return word.startswith(_STEMS)


@functools.lru_cache(maxsize=8192)
def _cue_pattern_for(word: str) -> re.Pattern[str]:
    """CUES cut down to the alternatives that can start with this word, in the same order: the same match,
    without trying two hundred alternatives that cannot."""
    chosen = [(kind, alternative) for kind, alternative, stem in _ORDERED if word.startswith(stem)]
    groups = "|".join(f"(?P<{kind.value}_{n}>{alternative})" for n, (kind, alternative) in enumerate(chosen))
    return re.compile(rf"\b(?:{groups})\b")


# Words inside a condition's own name that already say "benefit": "pain relief", "analgesic", "mood-lifting".
SELF_BENEFIT = re.compile(
    r"relie(?:f|ving)|analges|\banti-?[a-z]|management|treatment|enhancement|lifting|\b(?:better|faster|longer)$"
    r"|boost(?:er|ers|ing)\b|remed(?:y|ies)$"
    r"|regulation|painkilling|stress relief",
    _I,
)
# What may follow a condition and make it the thing treated: "RLS treatment", "fibromyalgia support".
# The three "..._AFTER" patterns are used as pattern.match(text, pos): no "^", which would only match at 0.
BENEFIT_AFTER = re.compile(
    r"[\s-]*(?:symptoms?\s+)?(?:(?:that|which)\s+(?:were|was|are|is|became|got)\s+)?(?:relief|management|treatment|support|reduction|relieving|improvement|therapy"
    r"|remedy|regimens?|protocols?|strateg(?:y|ies)|plans?|care|control|shorter|milder|less\s+(?:severe|frequent"
    r"|intense|painful)|(?:levels?\s+)?(?:drop(?:ped)?|fell|declined|decreased)\s+by|improved|improves?"
    r"|(?:got|get|gets|getting)\s+better|eased|lessened|subsided|went\s+away|disappeared|cleared\s+up"
    r"|respond(?:s|ed)?\s+(?:well\s+|best\s+|quickly\s+)?to"
    r"|(?:became|become|becomes|got|grew|were|are)\s+(?:much\s+|far\s+|a\s+lot\s+)?(?:less\s+(?:frequent|severe|intense"
    r"|painful|common|bad|noticeable|bothersome)|milder|rarer|fewer|shorter))\b",
    _I,
)
# "HIV medicines", "diabetes medications": a class of drugs named after the disease it treats, no condition here.
DRUG_AFTER = re.compile(r"[\s-]*(?:medicines?|medications?|drugs?|meds|pills)\b", _I)
HARM_AFTER = re.compile(
    r"[\s-]*(?:risks?|dangers?|liability|potential|concerns?|warnings?|worse"
    r"|more\s+(?:vivid|intense|frequent|severe|painful|noticeable))\b", _I)
RAISING = re.compile(r"increas|rais|ris[ei]|boost|enhanc|stimulat|promot|elevat", _I)
LOWERING = re.compile(r"inhibit|block|suppress", _I)
# A harm met on taking the remedy: "report vivid dreams when they take it", "hospitalized with kidney failure
# after taking supplements", and one named as a complaint: "Itchy skin is the most common complaint."
AFTER_TAKING = re.compile(
    r"\s+(?:when|after|while|once|soon\s+after|shortly\s+after)\s+(?:they\s+|people\s+|you\s+|he\s+|she\s+|first\s+)?"
    r"(?:take|takes|took|taking|use|uses|used|using|drink|drinks|drank|drinking|start\w*|began|begin\w*|swallow\w*)\b", _I)
SUFFERED_BEFORE = re.compile(
    r"\b(?:report\w*|experienc\w*|develop\w*|get|gets|got|notic\w*|suffer\w*|had|have|has|complain\w*\s+of"
    r"|hospitali[sz]ed\s+with|admitted\s+(?:to\s+\w+\s+)?with|treated\s+for)\s+(?:[\w-]+\s+){0,3}$", _I)
COMPLAINTS_AFTER = re.compile(
    r"(?:\s*,?\s+(?:and|or)\s+[\w\s'-]{0,40}?)?\s+(?:are|is|were|was)\s+(?:among\s+)?(?:the\s+)?(?:most\s+|two\s+|three\s+)?"
    r"(?:common(?:ly\s+reported)?|frequent(?:ly\s+reported)?|usual|main|typical|reported)\s+(?:\w+\s+)?"
    r"(?:complaints?|side[- ]effects?|adverse\s+(?:effects?|events?|reactions?)|problems?|reactions?)\b", _I)
# "For jet lag, melatonin is worth a try": a condition named first, then a verdict on the remedy for it.
FOR_LEAD_BEFORE = re.compile(r"^\W*for\s+(?:[\w'’-]+\s+){0,3}$", _I)
FAVOURABLE_VERDICT = re.compile(
    r"\b(?:worth\s+(?:a\s+try|trying|a\s+shot|considering)|(?:a\s+)?(?:good|reasonable|sensible|decent|useful|solid"
    r"|safe)\s+(?:option|choice|bet|thing\s+to\s+try|first\s+step)|(?:is|are|seems?|looks?)\s+(?:\w+\s+)?(?:helpful"
    r"|effective|promising)|works?\s+(?:well|best)|(?:can|may|might|does|do)\s+help)\b", _I)
# "The evidence for sleep is limited", "Research on turmeric for anxiety is mixed": the condition the evidence is
# about, and the sentence's verdict on that evidence.
EVIDENCE_FOR_BEFORE = re.compile(
    r"\b(?:evidence|research|data|proof|science|studies|support)\s+(?:for|on|in)\s+(?:[\w'’-]+\s+){0,3}$", _I)
_WEAK_WORDS = ("weak", "thin", "limited", "lacking", "poor", "scant", "sparse", "inconclusive", "insufficient",
               "unconvincing", "slim", "shaky", "flimsy", "scarce", "meagre", "meager", "sketchy", "disappointing",
               "negative", "unimpressive")
WEAK_EVIDENCE = re.compile(
    r"\b(?:evidence|research|data|proof|science|support|studies|trials|results|findings)\b[^.;]{0,80}?"
    r"\b(?:is|are|was|were|remains?|looks?|seems?|has\s+been|have\s+been)"
    r"\s+(?:still\s+|very\s+|quite\s+|rather\s+|pretty\s+|too\s+|fairly\s+|also\s+|far\s+too\s+|largely\s+|mostly\s+)?"
    rf"(?:{'|'.join(_WEAK_WORDS)})\b",
    _I,
)
MAKES_YOU = re.compile(r"mak(?:e|es|ing)\s", _I)
TOXIC_TO = re.compile(r"\s+(?:to|against)\s+(?:\w+\s+){0,2}", _I)
_COMPARE_HINTS = ("than", "compared", "versus", "vs", " as ")


def may_call_weak(text: str) -> bool:
    """Whether the sentence has a word WEAK_EVIDENCE needs: the cheap test before the regex."""
    return contains_any(text.lower(), _WEAK_WORDS)


def may_compare(text: str) -> bool:
    return contains_any(text.lower(), _COMPARE_HINTS)


# "..., though the evidence is weak": a qualifier trailing a finding, not the sentence's verdict.
CONCESSIVE_BEFORE = re.compile(r"\b(?:though|although|but|while|yet|even\s+if|even\s+though|albeit)\b[^;]*$", _I)
# A list lead-in naming what people take the remedy for: "People take moringa for many reasons, including:".
PURPOSE_INTRO = re.compile(
    r"\b(?:take|takes|taken|taking|use|uses|used|using|try|tried|turn\s+to|reach\s+for)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:for|to)\s+(?:(?:many|several|a\s+(?:few|number\s+of|range\s+of|variety\s+of)|various|different|lots\s+of)\s+)?"
    r"(?:reasons|purposes|things|conditions|problems|complaints|ailments|uses)\b"
    r"|\b(?:benefits|uses|claims)\s+(?:include|are|range\s+from)\b|\b(?:is|are)\s+(?:said|claimed|promoted|marketed"
    r"|sold|touted)\s+(?:to|for|as)\b",
    _I,
)
# A question answered yes or no ("Can 5-HTP make you drowsy?"), and the first words of such an answer.
YES_NO_QUESTION = re.compile(
    r"^\s*(?:q\s*[:.]\s*)?(?P<verb>can|could|does|do|did|is|are|will|would|may|might|has|have)\b", _I)
QUESTION_PRONOUN = re.compile(r"\s*(?:it|they|this|these\s+\w+|the\s+\w+)\b", _I)
YES_ANSWER = re.compile(
    r"^\s*(?:a\s*[:.]\s*)?(?:yes\b|yep\b|absolutely\b|definitely\b|often\b|sometimes\b|possibly\b|probably\b(?!\s+not)"
    r"|it\s+(?:often\s+|sometimes\s+|certainly\s+)?(?:can(?!['’]t|not)|may(?!\s+not)|might(?!\s+not)|could(?!n['’]t|\s+not)"
    r"|does(?!n['’]t|\s+not)|will(?!\s+not)|seems\s+to|appears\s+to)\b"
    r"|they\s+(?:can(?!['’]t|not)|may(?!\s+not)|might(?!\s+not)|do(?!n['’]t|\s+not))\b"
    r"|in\s+some\s+(?:people|cases)\b|for\s+some\s+people\b|[^.;?!]{0,50},\s*yes\b)", _I)
NO_ANSWER = re.compile(
    r"^\s*(?:a\s*[:.]\s*)?(?:no\b|nope\b|probably\s+not\b|unlikely\b"
    r"|not\s+(?:usually|really|likely|generally|necessarily|much|at\s+all|according\s+to)\b"
    r"|it\s+(?:probably\s+)?(?:doesn['’]t|does\s+not|can['’]t|cannot|won['’]t|will\s+not|isn['’]t|is\s+not)\b"
    r"|they\s+(?:probably\s+)?(?:don['’]t|do\s+not|can['’]t|cannot|won['’]t)\b"
    r"|there\s+is\s+no\s+(?:good\s+|solid\s+|strong\s+|real\s+)?evidence\b"
    r"|there['’]s\s+no\s+(?:good\s+|solid\s+|strong\s+|real\s+)?evidence\b)", _I)
# A trial's groups set side by side: "than the placebo group", "than those given a placebo", "compared with
# placebo", "than training alone".
AGAINST_CONTROL = re.compile(
    r"\bthan\s+(?:(?:those|the|people|patients|participants|women|men|children|adults|subjects|volunteers|users"
    r"|controls?|a|an)\b[^.;]{0,40}?\b(?:placebo|control|dummy|sham|untreated|not\s+(?:taking|given|receiving)"
    r"|did\s+not|didn't|alone|without|only)\b"
    r"|(?:a\s+)?(?:placebo|sham|dummy)\b|(?:[\w-]+\s+){1,2}alone\b)"
    r"|\b(?:compared\s+(?:with|to)|versus|vs\.?)\s+(?:a\s+|the\s+)?(?:placebo|control|sham|dummy)\b"
    r"|\bas\s+(?:those|the|people|patients|participants)\b[^.;]{0,40}?\b(?:placebo|control|sham|dummy|untreated)\b",
    _I,
)
# What the treated group had more of, or shed more of, or half as much of, just before the condition.
MORE_BEFORE = re.compile(
    r"\b(?:more|greater|bigger|larger|higher|stronger|increased|improved|better)\s+(?:[\w-]+\s+){0,2}$", _I)
SHED_MORE_BEFORE = re.compile(
    r"\b(?:lost|lose|losing|shed|dropped|burned|cut)\s+(?:significantly\s+|much\s+|slightly\s+)?"
    r"(?:more|greater)\s+(?:[\w-]+\s+)?$", _I)
HALF_AS_MANY_BEFORE = re.compile(
    r"\b(?:half|a\s+third|a\s+quarter|two-thirds|a\s+fraction)\s+(?:as\s+(?:many|much|often)|the\s+(?:number|rate|risk)"
    r"\s+of)\s+(?:[\w-]+\s+){0,2}$", _I)
# Lowering what people want more of harms ("reduce alertness", "lower libido"), unless the name itself says the
# lack ("sleep disturbances", "brain fog", "low mood").
LOWERING_BENEFIT = re.compile(r"reduc|lower|decreas|diminish|lessen", _I)
LACK_SURFACE = re.compile(
    r"disturb|problem|issue|fog|declin|impair|loss|\blow|poor|swing|infertil|dysfunction|deficien|difficult|trouble"
    r"|lack|suppression|weakness|fatigue|disorder|time|latency|onset|exertion",
    _I,
)
LACK_BEFORE = re.compile(
    r"\b(?:negative|bad|poor|low|lower|depressed|worse|reduced)\s+$|\b(?:time|takes|long|delay)\b[\w\s]{0,14}$", _I
)
# "It is not known whether it is safe", "there is no safety information", "nobody has studied it in nursing babies",
# "ask your pharmacist to make sure it is safe with your other medicines": no reassurance.
SAFETY_UNKNOWN = re.compile(
    r"\b(?:not|n't)\s+(?:\w+\s+)?(?:known|clear|certain|established|been\s+(?:studied|tested|shown))\b|\bunknown\b"
    r"|\bno\s+(?:good\s+|reliable\s+)?(?:safety\s+)?(?:data|information|research|studies|evidence)\b"
    r"|\b(?:nobody|no\s+one)\s+(?:has|have)\s+(?:\w+\s+)?(?:studied|tested)\b"
    r"|\b(?:little|not\s+much|isn't\s+much|limited|not\s+enough)\s+(?:\w+\s+)?(?:research|data|information|evidence)\b"
    r"|\b(?:make\s+sure|check\s+(?:that|whether|if)|ask\s+(?:\w+\s+){1,3}(?:whether|if))\b",  # "make sure it is safe"
    _I,
)
# "It is not a cure", "no magic bullet", "not a quick fix": a disclaimer beside the claims; the second reader
# (learned.py) reads no claim in it.
DISCLAIMER = re.compile(
    r"\b(?:(?:not|n't|never)\s+(?:a|an|the)|no)\s+(?:\w+\s+)?(?:cure|magic\s+bullet|miracle|quick\s+fix|panacea)\b", _I
)
# "It is not a cure for anxiety": a disclaimer beside the claims, not a claim that it does not help; "it does
# not cure liver disease" is one.
A_CURE_DENIED = re.compile(r"\b(?:(?:not|n't)\s+(?:a|an|the)|no)\s+(?:\w+\s+)?$", _I)
WORSENS = re.compile(r"worsen|exacerbat|aggravat", _I)
WORSENING = re.compile(r"increas|rais|ris[ei]|elevat", _I)  # raising a disease measure ("raise blood pressure") harms
# Names of what people want more of, whatever the condition's name: "insulin sensitivity", "HDL cholesterol".
FAVOURABLE = re.compile(
    r"\b(?:sensitivity|density|control|mass|strength|health|function|quality|performance|count|motility|flow"
    r"|weight\s+loss|fat\s+(?:loss|burning)"
    r"|circulation|growth|healing|production|secretion|hdl|good\s+cholesterol|tolerance|threshold|immunity|energy"
    r"|libido|mood|well-?being|fertility)\b",
    _I,
)
EFFECT_ON = re.compile(r"effects?\s+on", _I)
GOOD_EFFECT = re.compile(r"\b(?:positive|beneficial|favou?rable|protective|significant|calming|soothing)\s+$", _I)
# "the FDA has not approved it to treat diabetes": a regulator's decision, not a claim about what it does.
APPROVED_BEFORE = re.compile(r"\b(?:approv\w*|licen[cs]ed|authori[sz]ed|cleared)\s+(?:\w+\s+){0,2}(?:to|for)\s+$")
NEGATED_CUE = re.compile(r"\b(?:not|never|n't)\s+$", _I)
NOT_BEFORE = re.compile(
    r"\b(?:not|non|never|(?:is|are|wo|does|do|ca|would)n['’]t|no(?:\s+(?:serious|major|significant|severe|notable"
    r"|known))?)[\s-]*$", _I
)
# After a receptor or system, "that helps regulate mood, sleep and pain" describes the target, not the subject.
DESCRIBES_TARGET = re.compile(  # used with .match(text, pos): no "^", which would only match at 0
    r"\s*(?:,\s*(?:a|an|the)\s+[\w-]+(?:\s+of\s+[\w-]+)?\s*)?,?\s*(?:that|which)\s+(?:helps?|regulates?|controls?"
    r"|is|are|plays?|modulates?|governs?|influences?|mediates?)\b",
    _I,
)
OTHER_ACTOR = re.compile(
    r"\b(?:medications?|medicines?|treatments?|drugs?|pharmaceuticals?|painkillers?|therap(?:y|ies)|surgery)\b", _I
)
# A name that says the harm itself: "upset your stomach", "thin the blood", "erode tooth enamel".
HARM_IN_NAME = re.compile(
    r"^(?:upset|thin|damag|irritat|harm|erod|burn|stain|impair)\w*\s+(?:your|the|their|tooth|teeth|driving)\b", _I)
HARM_SURFACE = re.compile(r"side[- ]effects?|adverse|toxicity", _I)

LIABILITY = re.compile(r"liabilit|risk|potential", _I)


class SurfaceReading(NamedTuple):
    benefit: bool  # "pain relief", "anti-inflammatory"
    harm: bool  # "sexual side effects"
    liability: bool  # "abuse liability", "addictive potential"


@functools.lru_cache(maxsize=8192)
def surface_reading(surface: str) -> SurfaceReading:
    """What a condition's own words say, read once per spelling: names recur on every page."""
    return SurfaceReading(bool(SELF_BENEFIT.search(surface)), bool(HARM_SURFACE.search(surface)),
                          bool(LIABILITY.search(surface)))


PROTECTIVE_BEFORE = re.compile(
    r"\b(?:without|lower\w*|reduc\w*|decreas\w*|minimi[sz]\w*|less|fewer|low|no|avoid\w*|prevent\w*)\b")
NEGATION_BEFORE = re.compile(
    r"\b(?:not|no|never|cannot|can't|doesn't|don't|didn't|won't|isn't|aren't|unable\s+to|unlikely\s+to"
    r"|fail(?:s|ed)?\s+to)(?:\s+\w+){0,2}\s*$"
    # "There are no well-designed trials of CBD for sleep"
    r"|\b(?:no|few|hardly\s+any|not\s+any)\s+(?:[\w-]+\s+){0,2}(?:trials?|studies|research|evidence)\s+(?:of|on|with|using)"
    r"\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+\s*$"
    # "Don't expect turmeric to fix your joint pain"
    r"|\b(?:don't|don’t|do\s+not|never)\s+expect\s+(?:[\w'’-]+\s+){0,3}?to\s+$"
    # "the pills do little for bones", "no supplement has been shown to prevent cancer"
    r"|\b(?:do|does|did)\s+(?:\w+\s+)?(?:little|nothing)\s+$"
    r"|\bno\s+(?:[\w-]+\s+){0,2}(?:has|have)\s+(?:ever\s+)?been\s+(?:shown|proven|found)\s+to\s+$"
    # "trials have generally not found that ginkgo improves memory", "failed to show that it helps"
    r"|\b(?:not|never|n't|fail(?:s|ed)?\s+to)\s+(?:\w+\s+)?(?:found|find|shown|show|demonstrated|demonstrate"
    r"|proven|prove|proved|established|confirmed|confirm)\s+(?:that\s+)?(?:[\w'’-]+\s+){0,4}$"
    r"|\b(?:does|do|did)\s+not\s+support\s+(?:(?:the\s+)?(?:use|idea|claims?)\s+(?:of|that)|using)\s+(?:[\w'’-]+\s+){0,5}$"
    r"|\b(?:no|little|scant|insufficient|weak|not\s+enough|\w+n't\s+enough)\s+(?:\w+\s+)?(?:evidence|proof)\s+to\s+$"
    r"|\b(?:no|little|scant|insufficient|not\s+enough|not\s+much|weak|limited"
    r"|no\s+(?:good|strong|reliable|solid|scientific|clinical|convincing|real|hard))"
    r"\s+(?:evidence|proof|data|support)\s+(?:that|to\s+(?:suggest|show|say)\s+(?:for\s+sure\s+|with\s+confidence\s+)?that)"
    r"\s+(?:[\w'’-]+\s+){0,4}$"
    r"|\b(?:is|are|was|were)n't\s+(?:enough|sufficient|much|any|good)\s+evidence\s+(?:that|to\s+(?:suggest|show|say)"
    r"\s+(?:for\s+sure\s+|with\s+confidence\s+)?that)\s+(?:[\w'’-]+\s+){0,4}$")
# "It does not seem to have a meaningful effect on cholesterol", "had little effect on".
NEGATED_EFFECT = re.compile(r"\b(?:no|not|never|n't|little|without)\b[\w\s'’-]{0,40}$")
# "..., but the difference compared with placebo was not statistically significant": the finding did not hold.
NOT_SIGNIFICANT = re.compile(
    r"\b(?:but|however|although|though|yet)\b[^.;]{0,80}?\b(?:not\s+(?:statistically\s+)?significant"
    r"|no\s+(?:statistically\s+)?significant\s+difference|no\s+better\s+than\s+(?:a\s+)?placebo"
    r"|did\s+not\s+differ)",
    _I,
)
# "The weight loss seen was small and not statistically significant": said of a sentence's only finding.
NOT_SIGNIFICANT_ALONE = re.compile(
    r"\b(?:not\s+(?:statistically\s+)?significant|no\s+(?:statistically\s+)?significant\s+(?:difference|effect"
    r"|improvement|benefit|change|reduction))\b",
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
    r"\s+(?:the\s+|their\s+|this\s+|a\s+)?(?:\w+\s+)?$"
    # "in adults who had trouble sleeping"
    r"|\b(?:in|among|for)\s+(?:\w+\s+){1,2}(?:who|that)\s+(?:had|have|has|suffer\w*|experienc\w*|report\w*)\s+$")
POPULATION_AFTER = re.compile(r"[\s-]*(?:patients|sufferers|populations?|communities)\b", _I)
COORDINATION = re.compile(
    r"^(?:[\s,;/&()]|\b(?:and|or|as\s+well\s+as|nor|plus|the|its|their|overall|general|other|associated|related"
    r"|symptoms\s+of|signs\s+of"
    r"|chronic|severe|potential|improved|reduced|better|even|also|both|either)\b)*$",
    _I,
)
LIST_GAP = re.compile(
    r"^\s*,\s*(?:[\w'-]+\s+){0,2}[\w'-]+\s*(?:,\s*)?(?:(?:and|or)\s+)?$"
    r"|^\)?\s*,?\s*(?:and|or)\s+[\w'-]+\s+$",  # "PMS and menopausal hot flashes": one word the vocabulary lacks
    _I,
)
# Words between a benefit and a harm that do not part them: "eases the symptoms of opioid withdrawal".
TRANSPARENT = re.compile(
    r"\b(?:the|a|an|its|their|your|symptoms?|signs?|severity|frequency|intensity|duration|effects?|burden|of|from)\b",
    _I,
)
SEPARATOR = re.compile(r"[,/&]|\b(?:and|or|nor|plus)\b", _I)
EXAMPLES = re.compile(
    r"^[\s,]*(?:such\s+as|like|including|especially|particularly|notably|namely|primarily|mainly|mostly"
    r"|specifically|e\.g\.,?)[\s:]*(?:the\s+)?$",
    _I,
)
# Between two conditions that are one: "overreaction known as a cytokine storm", "fibrillation, an irregular".
NAMED_AS = re.compile(r"[\s\w-]{0,20}?,?\s+(?:also\s+)?(?:known\s+as|called|termed|referred\s+to\s+as)\s+(?:an?\s+|the\s+)?", _I)
APPOSITION = re.compile(r"\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}", _I)
CLASS_WORD = re.compile(r"\b(?:conditions?|syndromes?|disorders?|ailments?|diseases?|issues|problems)$", _I)
# Clause boundaries: a benefit cue does not reach across "but", ";" or a list label's colon.
CLAUSE_BREAK = re.compile(
    r";|:\s|\s[–—]\s|\s-\s|,\s+(?=(?:but|while|whereas|though|although|yet|however|which|who)\b(?!,))"
    r"|\s(?=(?:but|whereas|although|though|however)\b(?!,))")
# A relative clause that only describes a receptor or messenger, not what the subject does.
DESCRIPTIVE_CLAUSE = re.compile(
    r"^\W*(?:which|that)\s+(?:play|plays|are|is)\s+(?:also\s+)?(?:a\s+|an\s+)?(?:crucial\s+|key\s+|important\s+"
    r"|central\s+|significant\s+)?(?:role|involved|responsible|important)\b"
    # "..., which is increasingly linked to depression": the condition named before is described, not the subject
    r"|^\W*(?:which|that)\s+(?:is|are|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:linked|tied|associated|connected"
    r"|related)\s+(?:to|with)\b",
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
def before(pattern: re.Pattern[str], text: str, end: int, width: int) -> re.Match[str] | None:
    """A lower-case pattern anchored at "$", matched on the `width` characters of `text` before `end`, folded:
    cheaper than a case-blind search of the whole text."""
    return pattern.search(fold(text[max(0, end - width):end]))


def research_wanted(sentence: str) -> bool:
    """"More research is needed to ...": such a sentence asks a question instead of making a claim."""
    folded = fold(sentence)
    return ("need" in folded or "necess" in folded or "requir" in folded or "warrant" in folded
            or "essential" in folded or "crucial" in folded or "hopefully" in folded) and bool(
        RESEARCH_WANTED.search(sentence))


ANAPHOR = re.compile(
    r"^\W*(?:[\w’']+(?:\s+[\w’']+){0,9}(?:,|\s+that|\s+(?:says?|said|claims?|claimed|believes?|reports?|suggests?"
    r"|shows?|found|thinks?|swears?|notices?|noticed|finds?|feels?|felt|(?:tell|tells|told)\s+(?:us|me|them)))\s+"
    r"|(?:today|now|also|still|thus|therefore|moreover|furthermore|additionally"
    r"|traditionally|historically|overall|so|and|but)\s+|.{0,60}?(?=\bits\s+(?:potential|ability|use|effects?|role"
    r"|benefits?|efficacy|effectiveness|capacity|power|properties)\b))?"
    r"(?:(?:however|though|also|still|instead|meanwhile|in\s+fact|of\s+course|in\s+theory),\s+)?"
    r"(?:it|its|they|their|such"
    r"|(?:this|these)(?!\s+(?:conditions?|disorders?|syndromes?|diseases?|symptoms?|sensations?|dysregulation"
    r"|findings|studies|people|individuals|patients|improvements?|reductions?|increases?|decreases?))"
    r"|supplements?|supplementation|(?:very\s+)?(?:high|higher|large|larger|excessive)\s+(?:doses|amounts|intakes)"
    r"|(?:the|this)\s+(?:plant|herb|leaf|leaves|alkaloids?|compounds?|substance|supplements?|botanical|extract|remedy"
    r"|tree|mineral|vitamin|hormone|spice|oil|root|mushroom|juice|tea|powder|capsules?|pills?|tablets?|tincture|drink"
    r"|seeds?|berry"
    r"|berries|fruit|flower|bark|gummies|product|active\s+(?:compounds?|components?|ingredients?|alkaloids?)))\b",
    _I,
)
# A list lead-in that warns: "A few groups should be more careful:", "Talk to a doctor first if you have:".
WARNING_INTRO = re.compile(
    r"\b(?:should|must|need\s+to)\s+(?:\w+\s+)?(?:be\s+(?:more\s+|extra\s+)?(?:careful|cautious)|avoid|not\s+(?:take|use)"
    r"|talk|speak|check|consult|ask|stay\s+away|steer\s+clear)\b|\bavoid\s+(?:it|this|taking|using)\b"
    r"|\bnot\s+(?:recommended|suitable|advised)\s+for\b|\bwho\s+should\s+(?:avoid|not|skip|be\s+careful)\b"
    r"|\b(?:be\s+careful|use\s+caution|caution\s+is\s+advised)\b|\bshould\s+(?:skip|pass)\b"
    r"|\b(?:do\s+not|don't|never)\s+(?:take|use|give)\b|\b(?:is\s+not|isn't|are\s+not|aren't)\s+for\s*:",
    _I,
)
# A list lead-in announcing side effects: "When you first start, you may notice:", "Side effects can include:".
SIDE_EFFECT_INTRO = re.compile(
    r"\b(?:may|might|could|can|will|often|sometimes)\s+(?:\w+\s+)?(?:notice|experience|get|feel|develop|have)\s*:\s*$"
    r"|\bside[- ]effects?\b[^:]{0,40}:\s*$|\b(?:common|reported|possible)\s+complaints\b[^:]{0,30}:\s*$"
    r"|\b(?:can|may|might|could)\s+(?:also\s+)?cause\s*:\s*$",
    _I,
)
AVOID_QUESTION = re.compile(
    r"\bwho\s+(?:should|must|needs?\s+to)\s*(?:n't|\s+not|\s+avoid|\s+never|\s+stay\s+away)|\bwho\s+(?:can't|cannot)"
    r"|\bshould\s+(?:i|you|anyone)\s+avoid|\bwhen\s+(?:to|should\s+you)\s+avoid",
    _I,
)
# "Plains tribes used it to treat wounds": the remedy spoken of before, as the object.
OBJECT_ANAPHOR = re.compile(
    r"\b(?:used|use|uses|using|take|takes|took|taking|give|gave|giving|tried|try|trying|recommends?|recommended"
    r"|prescribes?|prescribed|drink|drinks|drank|drinking)\s+(?:it|them|the\s+(?:root|roots|plant|herb|leaf|leaves"
    r"|berries|bark|flowers?|seeds?|oil|extract|powder|mushroom|spice|tea|juice))\b",
    _I,
)
# "glucosamine and chondroitin", "vitamin D plus calcium": one subject of two remedies ...
PAIRED = re.compile(r"\s*(?:and|plus|&)\s+(?:the\s+)?", _I)
# ... unless the two are set apart: "an interaction between warfarin and garlic", "compared with".
PAIR_APART = re.compile(r"\b(?:between|than|versus|vs\.?|compared\s+(?:to|with)|unlike|like|instead\s+of)\s+(?:\w+\s+){0,3}$",
                        _I)
HOLDER_ITEM = re.compile(r"\W*(?:(?:you\s+)?(?:have|had|are|suffer|live)\b|(?:a\s+)?history\s+of\b)", _I)
FOR_WHAT = re.compile(r"\W*(?:for|in|against|with)\s", _I)
PRONOUN = re.compile(r"^\W*(?:it|they)\b", _I)
PARTICIPANTS = re.compile(
    r"^\W*(?:(?:many|some|most|several|these|the)\s+)?(?:\w+\s+)?(?:participants|patients|users|individuals"
    r"|people|subjects|sufferers|consumers)\b",
    _I,
)
EVIDENCE_LEAD = re.compile(
    r"^\W*(?:but\s+|still,?\s+|however,?\s+|and\s+)?(?:the\s+)?(?:\w+\s+)?(?:evidence|research|data|science|proof)"
    r"\s+(?:for|on)\b", _I)
PARTICIPANTS_SUFFERED = re.compile(
    r"^\W*(?:(?:though|although|but|and|while|yet|however),?\s+)?"
    r"(?:(?:many|some|most|several|these|the|a\s+few|a\s+handful\s+of|a\s+small\s+number\s+of)\s+)?(?:\w+\s+)?"
    r"(?:participants|patients|users|individuals|people|subjects|volunteers|women|men|takers)\s+(?:\w+\s+)?"
    r"(?:experienced|reported|developed|noticed|complained\s+of|had|get|got|became|become|feel|felt)\s+"
    r"(?!improve|better|less|fewer|relief|lower|reduc|calm|relax|rest)",
    _I,
)
FOR_AFTER_INTERVENTION = re.compile(r"['’]?s?\s+(?:(?:use|supplementation|products?|strains?|leaf|tea)\s+)?for\b", _I)
GENERIC_SYMPTOMS = re.compile(r"\b(?:symptoms|their\s+symptoms|the\s+burden)\b", _I)
# A sentence reporting what a trial found is about the article's subject even when it does not name it.
STUDY_FINDING = re.compile(
    r"\b(?:trials?|stud(?:y|ies)|review|meta-analys[ie]s|analysis|experiments?)\b[^.;]{0,60}?\b(?:found|finds?"
    r"|show(?:s|ed|n)?|suggest(?:s|ed)?|report(?:s|ed)?|conclud\w*|demonstrat\w*|indicat\w*|reveal\w*)\b"
    # "In a 12-week placebo-controlled trial of 146 volunteers, people taking it caught fewer colds"
    r"|^\W*in\s+(?:a|an|one|the|two|three|several|this|that)\s+[^.;]{0,60}?\b(?:trials?|stud(?:y|ies)|experiments?)\b",
    _I,
)
# "Insomnia is often treated with melatonin", "relieved by peppermint oil": the remedy is the agent, no comparator.
_PASSIVE_BENEFIT = (
    r"(?:reduced|relieved|treated|managed|eased|improved|alleviated|prevented|controlled|lowered|soothed|helped"
    r"|cured|remedied)"
)
AGENT_BEFORE = re.compile(_PASSIVE_BENEFIT + r"\s+(?:\w+\s+)?(?:with|by|using|through)\s+(?:[\w-]+\s+){0,2}$")
# A condition followed by such a passive: "Anxiety can be reduced with lavender" (run with pattern.match(text, pos)).
PASSIVE_AFTER = re.compile(
    r"\s+(?:symptoms\s+)?(?:(?:can|may|could|might|will|is|are|was|were|be|been|being|often|commonly|widely|usually"
    r"|effectively|successfully|significantly|also|sometimes|traditionally)\s+){1,4}" + _PASSIVE_BENEFIT
    + r"\s+(?:\w+\s+)?(?:with|by|using|through)\b",
    _I,
)
# What may follow a condition, in one pattern tried once per condition (run as AFTER.match(text, end)).
AFTER = re.compile(
    f"(?P<harm>{HARM_AFTER.pattern})|(?P<benefit>{BENEFIT_AFTER.pattern})|(?P<passive>{PASSIVE_AFTER.pattern})"
    f"|(?P<population>{POPULATION_AFTER.pattern})",
    _I,
)
# "blood calcium", "serum zinc", "vitamin D levels": an intervention's name used for what is measured.
MEASURED_BEFORE = re.compile(r"\b(?:blood|serum|plasma|urine|urinary)\s+$")
MEASURED_AFTER = re.compile(r"\s+(?:levels?|status|concentrations?|deficienc(?:y|ies)|toxicity)\b")
TAKER_BEFORE = re.compile(r"\b(?:taking|takes?|on|using|uses?|prescribed)\s+(?:[\w-]+\s+){0,2}$")
DEFICIENCY_BEFORE = re.compile(
    r"\b(?:low|lack\s+of|insufficient|inadequate|deficien\w*\s+in|not\s+enough|too\s+little)\s+$")
COMPARATOR_BEFORE = re.compile(
    r"\b(?:than|similar\s+to|to\s+that\s+of|as\s+\w+\s+as|like|unlike|compared\s+(?:to|with)|versus|vs\.?"
    r"|alternative\s+to"
    r"|substitute\s+for|instead\s+of|associated\s+with|of|from|over|with|including|replac\w*|absence\s+of)"
    r"\s+(?:[\w-]+\s+){0,3}$")


class ArticleCues:
    """Every cue of an article, found once; each sentence takes its own, relative to its start.

    A regex scan of the whole text tries the long cue pattern at every character; trying it only where a word
    starts with a cue's first letters ("relie", "lower") finds the same cues several times faster."""

    def __init__(self, text: str, tokens: Words | None = None) -> None:
        self.text = text
        folded = fold(text)
        words, bounds = tokens or tokenize(folded)
        starting = {word for word in set(words) if _starts_a_cue(word)}
        # Three flat lists, not a tuple per cue: a long article would give the garbage collector thousands more
        # objects to walk through again and again.
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.kinds: list[CueKind] = []
        after = 0
        patterns = {word: _cue_pattern_for(word) for word in starting}
        for i in [i for i, word in enumerate(words) if word in starting]:
            start = bounds[2 * i]
            match = patterns[words[i]].match(folded, start) if start >= after else None
            if match and not _design_word(folded, match):
                after = match.end()
                self.starts.append(start)
                self.ends.append(after)
                self.kinds.append(cue_kind(match))

    @property
    def found(self) -> list[tuple[int, int, CueKind]]:
        return list(zip(self.starts, self.ends, self.kinds))

    def within(self, start: int, end: int) -> list[Cue]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [Cue(s - start, e - start, kind, self.text[s:e])
                for s, e, kind in zip(self.starts[lo:hi], self.ends[lo:hi], self.kinds[lo:hi]) if e <= end]


def find_cues(clause: str) -> list[Cue]:
    cues = []
    folded = fold(clause)
    for match in CUES.finditer(folded):
        if _design_word(folded, match):
            continue
        kind = cue_kind(match)
        cues.append(Cue(match.start(), match.end(), kind, clause[match.start():match.end()]))
    return cues


_BREAK_HINTS = (";", ": ", " – ", " — ", " - ", "but", "while", "whereas", "though", "yet", "however", "which", "who")


@functools.lru_cache(maxsize=256)
def clause_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """The clauses of a sentence (cached: the claim readers and the legal reader both cut every sentence)."""
    folded = fold(sentence)
    if not contains_any(folded, _BREAK_HINTS):
        return ((0, len(sentence)),) if sentence else ()
    spans, cursor = [], 0
    for match in CLAUSE_BREAK.finditer(folded):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(sentence)))
    return tuple((s, e) for s, e in spans if e > s)


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> int:
    return len(_WORD.findall(text))
