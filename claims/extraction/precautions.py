"""Precautions: who should not take the subject (contraindications) and what not to take it with (interactions)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from claims.extraction.findings import Finding, safety_effect
from claims.extraction.tokens import contains_any, fold
from claims.extraction.vocabulary import Mention, VocabularyIndex
from evidence.enums import ClaimType, Direction

DRUG_INTERACTIONS = "drug interactions"
CONTRAINDICATED = "contraindicated in"

_I = re.IGNORECASE
# "People with kidney stones should avoid ...", "If you have liver disease, avoid ...".
_AFTER = re.compile(
    r"(?:\s*\([^()]{1,30}\))?(?:\s*(?:,|or|and)\s+[\w\s'-]{0,40}?)?[\s,]*(?:\w+\s+){0,2}?(?:should|must)\s+(?:also\s+|probably\s+|generally"
    r"\s+|first\s+)?(?:not\b(?!\s+(?:take|use|have|exceed|consume)\s+(?:more|over))|never\b|avoid\b|stay\s+away"
    r"|steer\s+clear|(?:use|exercise)\s+caution|be\s+(?:more\s+)?(?:cautious|careful)"
    # "people with a shellfish allergy should check with their doctor before use"
    r"|(?:check|talk|speak|consult|ask|see)\s+(?:with\s+|to\s+)?(?:a|an|their|your|his|her)\s+(?:own\s+)?(?:doctor"
    r"|physician|pharmacist|provider|gp|midwife|health\s*care\s+(?:provider|professional)|clinician|specialist)"
    r"\s+(?:first\s+)?before)"
    r"|[\s,]*(?:\w+\s+){0,2}?(?:may|might)\s+(?:\w+\s+)?want\s+to\s+(?:be\s+(?:careful|cautious)|avoid|skip|steer\s+clear)"
    r"|[\s,]*(?:[\w,]+\s+){0,8}?(?:are|is)\s+(?:\w+\s+)?(?:advised|urged|warned|told)\s+(?:to\s+avoid|not\s+to)\b"
    r"|\s*,\s*(?:(?:though|however),\s*)?(?:avoid|skip|do\s+not\s+(?:take|use)|don't\s+(?:take|use))\b",
    _I,
)
# "not recommended for pregnant women", "avoid it if you have liver disease", "contraindicated in epilepsy".
_BEFORE = re.compile(
    r"\b(?:not\s+(?:be\s+)?(?:recommended|advised|suitable|appropriate)|(?:not\s+(?:be\s+)?safe|unsafe)"
    r"|(?<!to\s)(?<!help\s)(?<!helps\s)avoid(?:ed)?(?:\s+(?:it|them|this\s+\w+))?"
    r"(?:\s+if\s+you\s+(?:have|are|suffer\s+from))?|contraindicated"
    r"|should\s+not\s+be\s+(?:used|taken|given|consumed)(?:\s+if\s+you\s+have)?|should\s+be\s+avoided"
    r"|(?:use|exercise)\s+caution(?:\s+if\s+you\s+have)?)"
    r"(?:\s+(?:by|for|during|in|with|among))?\s+(?:\w+\s+){0,3}$",
    _I,
)
_HOLDERS_AFTER = re.compile(r"[\s-]*(?:patients|sufferers|survivors)\b", _I)
_PEOPLE_WITH = re.compile(r"\b(?:with|have|had|suffer(?:ing)?\s+from)\s+(?:\w+\s+){0,2}$", _I)
# "People with sarcoidosis, certain lymphomas or a history of kidney stones": the people the warning names.
_PEOPLE_NAMED = re.compile(r"\b(?:with|have|had|suffer(?:ing)?\s+from|history\s+of|diagnosed)\b[^.;:]{0,60}$", _I)
# "It is not recommended to take ginseng if you have high blood pressure."
_IF_YOU_HAVE = re.compile(
    r"\b(?:not\s+(?:be\s+)?recommended|avoid\w*|should\s+not|shouldn't|don't|do\s+not|never|not\s+(?:be\s+)?safe"
    r"|unsafe|skip)\b[^.;]{0,60}?\bif\s+you\s+(?:have|are|suffer\s+from|had)\s+(?:\w+\s+){0,2}$",
    _I,
)
# Said of pregnancy, breastfeeding or children, any warning in the clause is about them.
_POPULATION_WARNING = re.compile(
    r"\b(?:avoid\w*|unsafe|contraindicated|stay\s+away|steer\s+clear"
    r"|not\s+(?:be\s+)?(?:recommended|advised|safe|suitable|appropriate)"
    r"|(?:should|must)\s+not\b(?!\s+(?:take|use|have|exceed|consume)\s+(?:more|over))|shouldn't"
    r"|(?:never|don't|do\s+not|would\s+not|wouldn't)\s+(?:take|use|give)\b(?!\s+(?:more|over))"
    r"|(?:not|\w+n't)\s+(?:enough|sufficient)\s+(?:\w+\s+)?(?:evidence|information|data|research|studies)\b"
    r"|(?:nobody|no\s+one)\s+has\s+(?:\w+\s+)?studied"
    r"|stop\s+(?:taking|using)\b"
    r"|(?:not|\w+n't)\s+(?:been\s+)?(?:well|adequately|properly|sufficiently)\s+(?:studied|tested)"
    r"|(?:not|\w+n't)\s+been\s+(?:studied|tested)"
    r"|(?:do\s+not|don't|don’t|wouldn't|would\s+not|never|can't|cannot)\s+recommend"
    r"|\bnot\s+(?:considered|thought|known|believed|deemed)\s+(?:to\s+be\s+)?safe"
    r"|\bnot\s+to\s+(?:give|take|use)\b|(?:should|must)\s+never\b|\bskip\b[^.;]{0,40}\bif\s+you\b"
    r"|(?:should|must)\s+only\s+(?:take|use|be\s+given|be\s+used)|under\s+(?:a\s+)?(?:doctor|physician|pediatrician"
    r"|medical|specialist)['’]?s?\s+(?:supervision|care|guidance))",
    _I,
)
_HINTS = ("careful", "cautious", "should", "must", "supervision", "guidance", "recommend", "safe", "avoid",
          "contraindicat", "caution", "advised", "urged", "warned",
          "stay away", "steer", "stop", "don't", "do not", "never", "skip", "would not", "wouldn't", "studied",
          "not to", "told", "enough", "nobody", "no one", "considered", "tested")

_DRUGS = (
    r"(?:(?:other|certain|some|many|prescription|common|several|any|these)\s+)*(?:[\w-]+,?\s+(?:an?\s+)?){0,2}?"
    r"(?:medications?"
    r"|medicines?|drugs?|sedatives?|antidepressants?|antibiotics?|blood\s+thinners?|anticoagulants?"
    r"|immunosuppressants?|contraceptives?|birth\s+control|supplements?|substances?|alcohol|prescriptions?|meds)\b"
)
# Each way of saying "do not take it with other drugs", with words it cannot do without (lower case, run on
# folded text): a pattern runs only on a sentence that has one of its words.
_INTERACTION_PATTERNS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("interact", "interfer"), r"\b(?:interact|interfer\w*)(?:s|ed|ing)?\s+(?:\w+\s+)?with\s+" + _DRUGS),
    (("absorption", "effectiv", "efficacy", "effect", "level", "metabolism", "action"),
     r"\b(?:reduc\w*|decreas\w*|increas\w*|rais\w*|lower\w*|affect\w*|alter\w*|interfer\w*\s+with|enhanc\w*|amplif\w*"
     r"|potentiat\w*"
     r"|intensif\w*|weaken\w*|counteract\w*|block\w*)\s+(?:the\s+)?(?:\w+\s+)?(?:absorption|effectiveness|efficacy"
     r"|effects?|levels?|metabolism|action)\s+of\s+" + _DRUGS),
    (("less", "more"), r"\b(?:mak\w*|made)\s+" + _DRUGS + r"\s+(?:less|more)\s+(?:effective|potent)"),
    (("how well",), r"\b(?:decreas|reduc|increas|affect|lower|chang|alter)\w*\s+how\s+well\s+" + _DRUGS
     + r"\s+works?\b"),
    # "People taking blood thinners should talk to their doctor before using ginger."
    (("should", "must", "need to", "ought"),
     r"\b(?:people|those|anyone|patients|individuals|you|users|women|men)\s+(?:who\s+(?:are\s+)?)?(?:taking|take"
     r"|on|using|use|prescribed)\s+" + _DRUGS + r"[^.;]{0,80}?\b(?:should|must|need\s+to|ought\s+to)\b"),
    # "people taking warfarin who developed bleeding after drinking cranberry juice"
    (("develop", "experienc", "suffer", "had "),
     r"\b(?:people|patients|those|someone|anyone|users|a\s+(?:man|woman|patient))\s+(?:who\s+(?:were|are|was)\s+)?"
     r"(?:taking|on|using)\s+" + _DRUGS + r"[^.;]{0,40}?\b(?:developed|experienced|suffered|had)\b"),
    # "Do not combine kava with alcohol", "should not be mixed with sedatives".
    (("not", "n't", "never", "avoid"),
     r"\b(?:do\s+not|don't|never|avoid|should\s+not|shouldn't|not\s+be)\s+(?:\w+\s+)?(?:tak\w*|combin\w*|mix\w*"
     r"|us(?:e|ed|ing)|pair\w*)\s+(?:\w+\s+){0,5}?(?:with|alongside|together\s+with)\s+" + _DRUGS),
    # "Kava and alcohol don't mix."
    (("mix",), r"\b(?:and|with)\s+" + _DRUGS + r"\s+(?:don't|don’t|do\s+not|doesn't|does\s+not|shouldn't|should\s+not)"
     r"\s+(?:be\s+)?mix"),
    # "Avoid St. John's wort if you take antidepressants."
    (("if you",), r"\bif\s+you(?:\s+are|'re|’re)?\s+(?:take|taking|use|using|on)\s+" + _DRUGS),
    # "Goldenseal can affect how your body processes certain drugs."
    (("how your", "how the"), r"\b(?:affect|change|alter|slow|speed)\w*\s+(?:up\s+|down\s+)?how\s+(?:your\s+|the\s+)?"
     r"(?:body|liver)\s+(?:processes|breaks\s+down|metaboli[sz]es|absorbs|handles|clears)\s+" + _DRUGS),
)
_INTERACTS = tuple((hints, re.compile(pattern)) for hints, pattern in _INTERACTION_PATTERNS)
_DRUG_HINTS = ("medic", "mix", "drug", "sedativ", "antidepress", "antibiot", "thinner", "anticoag", "immunosup", "contracept",
               "birth control", "supplement", "substance", "alcohol", "prescription", "meds")


# "when taken with diabetes medications", "Combining ginseng with warfarin": taken together, with a harm named.
_TOGETHER = re.compile(
    r"\b(?:when\s+(?:taken|used|combined|mixed)|combin\w*|mix\w*|in\s+combination|together)\s+(?:\w+\s+){0,3}?"
    r"with\s+" + _DRUGS,
    _I,
)
_TOGETHER_HARM = re.compile(
    r"\b(?:risk|danger\w*|harm\w*|bleed\w*|toxic\w*|linked\s+to|caus\w*|lead\w*\s+to|too\s+(?:much|low|high|far)|serotonin\s+syndrome|side\s+effects"
    r"|adverse|caution|careful|avoid|not\s+recommended|excessive\w*|drows\w*|sedat\w*|bad\s+idea|unwise|risky)",
    _I,
)


# "doctors advise people with autoimmune diseases such as lupus ... to stay away from it"
_ADVISED_OFF = re.compile(
    r"\b(?:advis|tell|told|urg|warn|recommend|caution)\w*\s+(?:people|those|anyone|patients|women|men|individuals"
    r"|adults|persons)\b[^.;]{0,120}?\bto\s+(?:avoid|stay\s+away|steer\s+clear|not\s+(?:take|use))\b",
    _I,
)


def may_warn(clause: str) -> bool:
    """Whether the clause has any word a contraindication needs ("should", "avoid", "not recommended", ...)."""
    folded = fold(clause)
    return contains_any(folded, _HINTS)


def contraindicated(clause: str, m: Mention, index: VocabularyIndex) -> bool:
    """Whether the clause (one that `may_warn`) warns people with the condition, or pregnant women, or children,
    off the subject."""
    if m.name in index.targets:
        return False
    if m.name in index.harms:  # "people with liver problems should not take it"; never "avoid liver damage"
        return bool(_AFTER.match(clause, m.end)) and bool(_PEOPLE_WITH.search(clause, max(0, m.start - 40), m.start))
    if m.name in index.populations and _POPULATION_WARNING.search(clause):
        return True
    # "Because it may stimulate the immune system, people with lupus should avoid it": only those with it are warned
    people = _PEOPLE_NAMED.search(clause, max(0, m.start - 70), m.start) or _HOLDERS_AFTER.match(clause, m.end)
    if people and any(a.start() < m.start and m.end < a.end() for a in _ADVISED_OFF.finditer(clause)):
        return True
    return bool((people and _AFTER.match(clause, m.end)) or _BEFORE.search(clause, 0, m.start)
                or _IF_YOU_HAVE.search(clause, 0, m.start))


# "There is no known interaction between elderberry and the flu vaccine": an interaction it does not have.
_NO_INTERACTION = re.compile(
    r"\b(?:no|not\s+any)\s+(?:known|reported|significant|major|documented|meaningful|important|serious"
    r"|clinically\s+(?:significant|relevant|important))\s+(?:drug\s+)?interactions?\b"
    r"|\b(?:does|do)\s+not\s+(?:appear\s+to\s+|seem\s+to\s+)?interact\b"
    r"|\bno\s+(?:drug\s+)?interactions?\s+(?:with\s+(?:[\w'’-]+\s+){1,3})?(?:have|has)\s+(?:yet\s+)?been\s+(?:reported|found|documented|seen|observed)"
    r"|\b(?:did|do|does|have|has)\s+not\s+(?:find|found|show|shown)\s+(?:a|any)\s+(?:\w+\s+)?interaction"
    r"|\bfound\s+no\s+(?:\w+\s+)?interaction"
)


def read_interactions(text: str, others: Sequence[Mention] = ()) -> list[Finding]:
    """"Ashwagandha may interact with thyroid medications", "Do not combine kava with alcohol": a warning
    about taking the subject with other drugs. `others` are the other interventions named (relative spans)."""
    folded = fold(text)
    if "interact" in folded and _NO_INTERACTION.search(folded):
        return [Finding(ClaimType.SAFETY, DRUG_INTERACTIONS, safety_effect(Direction.POSITIVE), Direction.POSITIVE)]
    if not others and not contains_any(folded, _DRUG_HINTS):
        return []
    for m in sorted(others, key=lambda o: o.start, reverse=True):
        text = text[:m.start] + "medications" + text[m.end:]
    folded = fold(text)
    interacts = any(pattern.search(folded) for hints, pattern in _INTERACTS if contains_any(folded, hints))
    if not interacts and not ("with" in folded and _TOGETHER.search(text) and _TOGETHER_HARM.search(text)):
        return []
    return [Finding(ClaimType.SAFETY, DRUG_INTERACTIONS, safety_effect(Direction.NEGATIVE), Direction.NEGATIVE)]
