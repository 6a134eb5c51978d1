"""Reads one sentence: which conditions its subject is said to relieve, risk, bind or lower the risk of."""
from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from claims.extraction import cues as c
from claims.extraction.findings import Finding, efficacy_effect, mechanism_effect, safety_effect
from claims.extraction.vocabulary import Mention, VocabularyIndex
from evidence.enums import ClaimType, Direction

ADVERSE_EFFECTS = "adverse effects"
DRUG_INTERACTIONS = "drug interactions"
CONTRAINDICATED = "contraindicated in"


class Role(StrEnum):
    TARGET = "target"  # what the claim is about
    POPULATION = "population"  # who it is for ("individuals with RLS"); a target only when nothing else is
    NONE = "none"


@dataclass(frozen=True)
class Decision:
    mention: Mention  # offsets relative to the clause
    role: Role
    claim_type: ClaimType | None = None
    direction: Direction | None = None
    cue: str = ""
    harm_default: bool = False
    group: int = 0  # mentions joined by "and", "or", "such as" form one group
    label: bool = False  # named in a list item's label ("- Heart health: ...")


@dataclass(frozen=True)
class SentenceContext:
    """What the surrounding text lends a sentence: the FAQ question or list heading it belongs to."""

    condition: str | None = None  # for "a reduction in their symptoms"
    side_effects: bool = False  # the previous sentence or the question was about side effects


def read_conditions(
    text: str, conditions: list[Mention], interventions: list[Mention], index: VocabularyIndex,
    context: SentenceContext,
) -> list[Finding]:
    """Efficacy, safety and mechanism findings of one sentence whose subject is already known."""
    decisions: list[Decision] = []
    found = c.find_cues(text)
    for start, end in c.clause_spans(text):
        clause = text[start:end]
        if c.DESCRIPTIVE_CLAUSE.match(clause) or c.research_wanted(clause):
            continue
        inside = [_shift(m, -start) for m in conditions if start <= m.start and m.end <= end]
        if not inside:
            continue
        subjects = [_shift(m, -start) for m in interventions if start <= m.start and m.end <= end]
        cues = [c.Cue(q.start - start, q.end - start, q.kind, q.text) for q in found
                if start <= q.start and q.end <= end]
        clause_decisions = _decide_clause(clause, inside, subjects, cues, index, first_group=len(decisions))
        if text[end:end + 2] == ": " and c.words(clause) <= 6:
            clause_decisions = [_as_label(d) for d in clause_decisions]
        decisions.extend(clause_decisions)
    decisions = _labels_as_targets(found, decisions)
    decisions = _narrow_targets(decisions, index)
    decisions = _populations_as_targets(text, found, decisions)
    side_effect_groups = _groups_of_several(decisions, index)
    findings = [_finding(d, index, d.group in side_effect_groups) for d in decisions if d.role is Role.TARGET]
    findings += _symptoms_of_context(text, found, decisions, context, index)
    findings += _side_effect_list(text, decisions, context, index)
    if c.ADVISORY.search(text):
        findings = [f for f in findings if f.claim_type is not ClaimType.EFFICACY]
    return _one_mechanism_per_target(list(dict.fromkeys(findings)))


def read_interactions(text: str) -> list[Finding]:
    """"Ashwagandha may interact with thyroid medications": a drug-interaction warning without the noun."""
    folded = c.fold(text)
    if not any(hint in folded for hint in c.INTERACTION_HINTS) or not c.INTERACTS.search(text):
        return []
    return [Finding(ClaimType.SAFETY, DRUG_INTERACTIONS, safety_effect(Direction.NEGATIVE), Direction.NEGATIVE)]


def _as_label(d: Decision) -> Decision:
    """A condition named in an item's label is what the item is about, not a harm of its own."""
    if d.role is Role.NONE or d.harm_default:
        return Decision(d.mention, Role.POPULATION, group=d.group, label=True)
    return d


def _labels_as_targets(found: list[c.Cue], decisions: list[Decision]) -> list[Decision]:
    """"- Heart health: curcumin may lower cholesterol" claims a benefit for heart health too."""
    if not any(d.label for d in decisions):
        return decisions
    benefit = any(q.kind is c.CueKind.BENEFIT for q in found) or any(
        d.role is Role.TARGET and d.claim_type is ClaimType.EFFICACY for d in decisions)
    if not benefit:
        return decisions
    return [replace(d, role=Role.TARGET, claim_type=ClaimType.EFFICACY, direction=Direction.POSITIVE)
            if d.label and d.role is Role.POPULATION else d for d in decisions]


def _one_mechanism_per_target(findings: list[Finding]) -> list[Finding]:
    seen: set[str | None] = set()
    kept = []
    for f in findings:
        if f.claim_type is ClaimType.MECHANISM:
            if f.condition in seen:
                continue
            seen.add(f.condition)
        kept.append(f)
    return kept


def _shift(m: Mention, by: int) -> Mention:
    return Mention(m.start + by, m.end + by, m.kind, m.name, m.surface)


def _decide_clause(
    clause: str, mentions: list[Mention], interventions: list[Mention], cues: list[c.Cue], index: VocabularyIndex,
    first_group: int,
) -> list[Decision]:
    found = _without_compounds(cues, mentions) + _intervention_for(clause, interventions)
    found = _outside_target_descriptions(clause, mentions, found, index)
    found.sort(key=lambda cue: cue.start)
    decisions: list[Decision] = []
    for n, m in enumerate(mentions):
        previous = decisions[-1] if decisions else None
        gap = clause[mentions[n - 1].end:m.start] if n else ""
        if previous and c.COORDINATION.match(gap) and c.SEPARATOR.search(gap) and _can_share(previous, m, index):
            decisions.append(replace(previous, mention=m))
        elif previous and c.EXAMPLES.match(gap):
            decisions.append(_example(decisions, m, index))
        else:
            decision = _contraindication(clause, m, index) or _decide(clause, m, mentions, found, index)
            decisions.append(replace(decision, group=first_group + n))
    return decisions


def _outside_target_descriptions(
    clause: str, mentions: list[Mention], found: list[c.Cue], index: VocabularyIndex
) -> list[c.Cue]:
    """"CBD acts on the endocannabinoid system, a network of receptors that helps regulate mood and pain":
    the benefit words after "that helps" describe the system, so they claim nothing for the subject."""
    for m in mentions:
        if m.name in index.targets:
            described = c.DESCRIBES_TARGET.match(clause, m.end)
            if described:
                return [q for q in found if q.kind is not c.CueKind.BENEFIT or q.start < described.start()]
    return found


def _contraindication(clause: str, m: Mention, index: VocabularyIndex) -> Decision | None:
    if m.name in index.targets or m.name in index.harms:
        return None
    folded = c.fold(clause)
    if not any(hint in folded for hint in c.CONTRAINDICATION_HINTS):
        return None
    if c.CONTRAINDICATED_AFTER.match(clause, m.end) or c.CONTRAINDICATED_BEFORE.search(clause, 0, m.start):
        return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.NEGATIVE, CONTRAINDICATED)
    return None


def _intervention_for(clause: str, interventions: list[Mention]) -> list[c.Cue]:
    """"kratom for fibromyalgia", "kratom use for RLS": the "for" after an intervention names what it treats."""
    cues = []
    for m in interventions:
        match = c.FOR_AFTER_INTERVENTION.match(clause, m.end)
        if match:
            cues.append(c.Cue(match.start(), match.end(), c.CueKind.BENEFIT, match.group().strip()))
    return cues


def _can_share(previous: Decision, m: Mention, index: VocabularyIndex) -> bool:
    """"fibromyalgia, arthritis, and neuropathy" share one predicate; a harm's risk passes only to harms."""
    if previous.claim_type is ClaimType.MECHANISM:
        return m.name in index.targets
    if previous.claim_type is ClaimType.SAFETY:  # "can cause diarrhea, cramps and nausea" is one list of harms
        return m.name in index.harms or (previous.direction is Direction.NEGATIVE and not previous.harm_default)
    if previous.role is Role.NONE and m.name in index.harms:
        return False  # "nausea, dizziness, or potential addiction": the harm is read on its own
    return m.name not in index.targets


def _example(decisions: list[Decision], m: Mention, index: VocabularyIndex) -> Decision:
    """Items after "such as": instances of a class share its predicate; symptoms of a condition do not."""
    head = decisions[-1]
    if index.is_ancestor(head.mention.name, m.name) or c.CLASS_WORD.search(head.mention.surface):
        return replace(head, mention=m)
    return Decision(m, Role.NONE, group=-1 - head.group)


def _decide(clause: str, m: Mention, mentions: list[Mention], found: list[c.Cue], index: VocabularyIndex) -> Decision:
    if m.name in index.targets:
        return _mechanism(clause, m, found)
    harm = m.name in index.harms
    before, after = clause[:m.start], clause[m.end:]
    if m.name in index.populations:
        return Decision(m, Role.POPULATION)
    if harm and c.NOT_BEFORE.search(before[-16:]):  # "CBD is not addictive"
        return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.POSITIVE, "not")
    if c.SELF_BENEFIT.search(m.surface) and not harm:
        return Decision(m, Role.TARGET, ClaimType.EFFICACY, Direction.POSITIVE, m.surface)
    if c.HARM_AFTER.match(after) or (harm and c.LIABILITY.search(m.surface)):
        lowered = c.PROTECTIVE_BEFORE.search(_last_words(before, 6))
        return Decision(m, Role.TARGET, ClaimType.SAFETY, _positive_if(bool(lowered)), m.surface)
    if c.BENEFIT_AFTER.match(after) and not harm:
        return Decision(m, Role.TARGET, ClaimType.EFFICACY, Direction.POSITIVE, after.split()[0])
    cue = _nearest_before(clause, m, mentions, found)
    if cue is not None and cue.kind is c.CueKind.MECHANISM and m.name in index.outcomes and c.RAISING.match(cue.text):
        cue = c.Cue(cue.start, cue.end, c.CueKind.BENEFIT, cue.text)  # "increase energy levels"
    if cue is None or cue.kind is c.CueKind.MECHANISM:
        if c.POPULATION_BEFORE.search(before) or c.POPULATION_AFTER.match(after):
            return Decision(m, Role.POPULATION)
        if m.name in index.plain_harms:
            return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.NEGATIVE, harm_default=True)
        return Decision(m, Role.NONE)
    return _by_cue(clause, m, cue, harm, index.plain_harms)


def _by_cue(clause: str, m: Mention, cue: c.Cue, harm: bool, plain_harms: frozenset[str]) -> Decision:
    gap = clause[cue.end:m.start]
    if cue.kind is c.CueKind.PROTECTIVE:
        kind = ClaimType.SAFETY if harm else ClaimType.EFFICACY
        return Decision(m, Role.TARGET, kind, Direction.POSITIVE, cue.text)
    if cue.kind is c.CueKind.HARM:
        if c.PROTECTIVE_BEFORE.search(_last_words(clause[:cue.start], 6)) or _negated(clause[:cue.start]):
            kind = ClaimType.SAFETY if harm else ClaimType.EFFICACY
            return Decision(m, Role.TARGET, kind, Direction.POSITIVE, cue.text)
        return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.NEGATIVE, cue.text)
    if c.POPULATION_GAP.search(gap) or c.POPULATION_AFTER.match(clause[m.end:]):
        return Decision(m, Role.POPULATION)
    if harm and c.LIABILITY.search(m.surface):
        return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.POSITIVE, cue.text)
    if harm and c.words(gap) > 2:  # "assess its efficacy and identify any potential adverse effects"
        plain = m.name in plain_harms
        return Decision(m, Role.TARGET if plain else Role.NONE, ClaimType.SAFETY if plain else None,
                        Direction.NEGATIVE if plain else None, harm_default=plain)
    negated = _negated(clause[:cue.start])
    return Decision(m, Role.TARGET, ClaimType.EFFICACY, _positive_if(not negated), cue.text)


def _mechanism(clause: str, m: Mention, found: list[c.Cue]) -> Decision:
    near = [
        cue for cue in found
        if cue.kind in (c.CueKind.MECHANISM, c.CueKind.BENEFIT)
        and c.words(clause[min(cue.end, m.end):max(cue.start, m.start)]) <= 10
    ]
    if not near:
        return Decision(m, Role.NONE)
    cue = min(near, key=lambda q: abs((q.start + q.end) / 2 - (m.start + m.end) / 2))
    return Decision(m, Role.TARGET, ClaimType.MECHANISM, Direction.NEUTRAL, cue.text)


def _nearest_before(clause: str, m: Mention, mentions: list[Mention], found: list[c.Cue]) -> c.Cue | None:
    """The last cue before the condition, unless another condition stands between them and took it."""
    before = [cue for cue in found if cue.end <= m.start and c.words(clause[cue.end:m.start]) <= 8]
    if not before:
        return None
    cue = before[-1]
    for other in mentions:  # "relieves pain and X": pain took it; "helps people with insomnia fall asleep": not
        if other is not m and cue.end <= other.start and other.end <= m.start:
            if not c.POPULATION_GAP.search(clause, cue.end, other.start):
                return None
            cue = c.Cue(cue.start, other.end, cue.kind, cue.text)  # the gap to check starts after "insomnia"
    return cue


def _without_compounds(found: list[c.Cue], mentions: list[Mention]) -> list[c.Cue]:
    """"pain management" names pain as the thing managed; its "management" governs nothing after it, and
    the words inside a name ("interactions with other medications") govern nothing at all."""
    ends = {m.end for m in mentions} | {m.end + 1 for m in mentions}
    return [cue for cue in found
            if not (cue.start in ends and cue.kind is c.CueKind.BENEFIT and c.BENEFIT_AFTER.match(cue.text))
            and not any(m.start <= cue.start and cue.end <= m.end for m in mentions)]


def _last_words(text: str, n: int) -> str:
    return " ".join(text.split()[-n:])


def _negated(before_cue: str) -> bool:
    match = c.NEGATION_BEFORE.search(before_cue[-40:])
    return match is not None and not match.group().lower().startswith("not only")


def _positive_if(flag: bool) -> Direction:
    return Direction.POSITIVE if flag else Direction.NEGATIVE


def _narrow_targets(decisions: list[Decision], index: VocabularyIndex) -> list[Decision]:
    """A claim about chronic pain made for people with fibromyalgia is a claim about fibromyalgia."""
    narrowed: list[Decision] = []
    for d in decisions:
        if d.role is Role.TARGET and d.claim_type in (ClaimType.EFFICACY, ClaimType.MECHANISM):
            name = d.mention.name
            groups = {o.group for o in decisions if index.is_ancestor(name, o.mention.name)}
            narrower = [o for o in decisions if o.group in groups
                        and o.mention.name != name and not index.is_ancestor(o.mention.name, name)
                        and (o.mention.name in index.targets) == (d.claim_type is ClaimType.MECHANISM)]
            if narrower:
                narrowed.extend(replace(d, mention=o.mention, group=o.group) for o in narrower)
                continue
        narrowed.append(d)
    return narrowed


def _populations_as_targets(text: str, found: list[c.Cue], decisions: list[Decision]) -> list[Decision]:
    """"Kratom could provide relief for individuals suffering from RLS": with no other target, RLS is it."""
    if any(d.role is Role.TARGET and d.claim_type in (ClaimType.EFFICACY, ClaimType.SAFETY) for d in decisions):
        return decisions
    if not any(q.kind is c.CueKind.BENEFIT for q in found) or c.ADVISORY.search(text):
        return decisions
    return [
        replace(d, role=Role.TARGET, claim_type=ClaimType.EFFICACY, direction=Direction.POSITIVE)
        if d.role is Role.POPULATION else d
        for d in decisions
    ]


def _groups_of_several(decisions: list[Decision], index: VocabularyIndex) -> set[int]:
    """Groups naming two or more symptoms, or named with "side effects": a list of side effects is one claim."""
    sizes: dict[int, int] = {}
    for d in decisions:
        if d.claim_type is ClaimType.SAFETY and d.mention.name not in index.harms:
            sizes[d.group] = sizes.get(d.group, 0) + 1
    with_side_effects = any(d.mention.name == ADVERSE_EFFECTS for d in decisions)
    return {g for g, n in sizes.items() if n > 1 or with_side_effects}


def _finding(d: Decision, index: VocabularyIndex, listed: bool = True) -> Finding:
    name = d.mention.name
    assert d.claim_type is not None and d.direction is not None
    if d.claim_type is ClaimType.EFFICACY:
        effect = efficacy_effect(name, index.outcomes, d.direction)
    elif d.claim_type is ClaimType.SAFETY:
        if d.cue == CONTRAINDICATED:
            return Finding(ClaimType.SAFETY, name, CONTRAINDICATED, Direction.NEGATIVE)
        if d.direction is Direction.NEGATIVE and name not in index.harms and listed:
            name = ADVERSE_EFFECTS  # "can cause nausea and diarrhea" is the side-effect claim
        effect = safety_effect(d.direction)
    else:
        effect = mechanism_effect(name, d.cue)
    return Finding(d.claim_type, name, effect, d.direction)


def _symptoms_of_context(
    text: str, found: list[c.Cue], decisions: list[Decision], context: SentenceContext, index: VocabularyIndex
) -> list[Finding]:
    """"Many patients have reported a reduction in their symptoms", read under a question about RLS;
    "sufferers of RLS found that kratom alleviated their symptoms"."""
    named = next((d.mention.name for d in decisions if d.role is not Role.TARGET
                  and d.mention.name not in index.harms and d.mention.name not in index.targets), None)
    condition = named or context.condition
    if condition is None:
        return []
    for cue in found:
        following = text[cue.end:cue.end + 40]
        if cue.kind is c.CueKind.BENEFIT and c.GENERIC_SYMPTOMS.match(following.lstrip()) is not None:
            direction = Direction.POSITIVE
            return [Finding(ClaimType.EFFICACY, condition, efficacy_effect(condition, index.outcomes, direction),
                            direction)]
    return []


def _side_effect_list(
    text: str, decisions: list[Decision], context: SentenceContext, index: VocabularyIndex
) -> list[Finding]:
    """"These may include nausea, constipation, dizziness": the list is the side-effect claim, not new claims."""
    listed = [d for d in decisions if d.role is Role.NONE and d.mention.name not in index.targets]
    mentions_side_effects = any(d.mention.name == ADVERSE_EFFECTS for d in decisions)
    if not listed or not (mentions_side_effects or context.side_effects):
        return []
    return [Finding(ClaimType.SAFETY, ADVERSE_EFFECTS, safety_effect(Direction.NEGATIVE), Direction.NEGATIVE)]
