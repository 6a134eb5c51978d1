"""Reads one sentence: which conditions its subject is said to relieve, risk, bind or lower the risk of."""
from __future__ import annotations

from claims.extraction import conclusions as then
from claims.extraction import cues as c
from claims.extraction.decisions import ADVERSE_EFFECTS, Decision, Role, SentenceContext, negated, positive_if
from claims.extraction.findings import Finding
from claims.extraction.precautions import CONTRAINDICATED, contraindicated, may_warn
from claims.extraction.tokens import fold
from claims.extraction.vocabulary import Mention, VocabularyIndex
from evidence.enums import ClaimType, Direction

__all__ = ["ADVERSE_EFFECTS", "SentenceContext", "read_conditions"]


def read_conditions(
    text: str, conditions: list[Mention], interventions: list[Mention], index: VocabularyIndex,
    context: SentenceContext, found: list[c.Cue] | None = None,
) -> list[Finding]:
    """Efficacy, safety and mechanism findings of one sentence whose subject is already known (`found`: its cues,
    when the caller has them already)."""
    found = c.find_cues(text) if found is None else found
    conditions = _without_appositions(text, conditions, index)
    decisions = _decisions(text, found, conditions, interventions, index)
    if any(d.label for d in decisions):
        decisions = then.labels_as_targets(text, found, decisions, context.benefits)
    if len(decisions) > 1:
        decisions = then.narrow_targets(decisions, index)
    if any(d.role is Role.POPULATION for d in decisions):
        decisions = then.populations_as_targets(text, found, decisions, index)
    side_effect_groups = then.groups_of_several(decisions, index)
    findings = [then.finding_of(d, index, d.group in side_effect_groups) for d in decisions if d.role is Role.TARGET]
    if found and (context.condition or any(d.role is not Role.TARGET for d in decisions)):
        findings += then.symptoms_of_context(text, found, decisions, context, index)
    if any(d.role is Role.NONE for d in decisions):
        findings += then.side_effect_list(text, decisions, context, index)
    if c.ADVISORY.search(text):
        findings = [f for f in findings if f.claim_type is not ClaimType.EFFICACY]
    if findings and c.may_call_weak(text) and (weak := c.WEAK_EVIDENCE.search(text)) and not c.CONCESSIVE_BEFORE.search(
            text, 0, weak.start()):
        findings = [then.not_borne_out(f, index) for f in findings]  # "Evidence that it helps depression is weak"
    if ("significan" in text or "placebo" in text or "differ" in text) and (
            c.NOT_SIGNIFICANT.search(text) or (len(findings) == 1 and c.NOT_SIGNIFICANT_ALONE.search(text))):
        findings = [then.not_borne_out(f, index) for f in findings]
    return then.one_mechanism_per_target(list(dict.fromkeys(findings)))


def _without_appositions(text: str, conditions: list[Mention], index: VocabularyIndex) -> list[Mention]:
    """One thing named twice is one condition: "an inflammatory overreaction known as a cytokine storm" is the
    storm; "atrial fibrillation, an irregular heartbeat," is atrial fibrillation."""
    dropped: set[int] = set()
    for first, second in zip(conditions, conditions[1:]):
        gap = text[first.end:second.start]
        if c.NAMED_AS.fullmatch(gap):
            dropped.add(first.start)
        elif c.APPOSITION.fullmatch(gap) and index.is_ancestor(second.name, first.name):
            dropped.add(second.start)
    return [m for m in conditions if m.start not in dropped] if dropped else conditions


def _decisions(
    text: str, found: list[c.Cue], conditions: list[Mention], interventions: list[Mention], index: VocabularyIndex
) -> list[Decision]:
    """What each condition is to the subject, clause by clause."""
    decisions: list[Decision] = []
    warns, wanted = may_warn(text), c.research_wanted(text)  # once per sentence: most clauses are the sentence
    for start, end in c.clause_spans(text):
        clause = text[start:end]
        if c.DESCRIPTIVE_CLAUSE.match(clause) or (wanted and c.research_wanted(clause)):
            continue
        if start == 0 and end == len(text):  # one clause, most often: nothing to shift
            inside, subjects, cues = conditions, interventions, found
        else:
            inside = [_shift(m, -start) for m in conditions if start <= m.start and m.end <= end]
            subjects = [_shift(m, -start) for m in interventions if start <= m.start and m.end <= end]
            cues = [c.Cue(q.start - start, q.end - start, q.kind, q.text) for q in found
                    if start <= q.start and q.end <= end]
        if not inside:
            continue
        clause_decisions = _decide_clause(clause, inside, subjects, cues, index, len(decisions), warns)
        if text[end:end + 2] == ": " and c.words(clause) <= 6:
            clause_decisions = [_as_label(d) for d in clause_decisions]
        decisions.extend(clause_decisions)
    return decisions


def _as_label(d: Decision) -> Decision:
    """A condition named in an item's label is what the item is about, not a harm of its own."""
    if d.role is Role.NONE or d.harm_default:
        return Decision(d.mention, Role.POPULATION, group=d.group, label=True)
    return d


def _shift(m: Mention, by: int) -> Mention:
    return Mention(m.start + by, m.end + by, m.kind, m.name, m.surface)


def _decide_clause(
    clause: str, mentions: list[Mention], interventions: list[Mention], cues: list[c.Cue], index: VocabularyIndex,
    first_group: int, warns: bool,
) -> list[Decision]:
    found = _without_compounds(cues, mentions) + _intervention_for(clause, interventions)
    found = _outside_target_descriptions(clause, mentions, found, index)
    found.sort(key=lambda cue: cue.start)
    decisions: list[Decision] = []
    for n, m in enumerate(mentions):
        previous = decisions[-1] if decisions else None
        gap = clause[mentions[n - 1].end:m.start] if n else ""
        warned = _contraindication(clause, m, index) if warns else None
        if warned and not (previous and previous.cue == CONTRAINDICATED):
            decisions.append(Decision(*warned[:6], first_group + n, warned.label))
        elif previous and previous.mention.name == m.name and gap.strip() == "(":  # "premenstrual syndrome (PMS)"
            decisions.append(Decision(m, *previous[1:]))
        elif previous and c.SEPARATOR.search(gap) and _can_share(previous, m, index) and (
                c.COORDINATION.match(gap) or _unknown_harms_between(previous, gap)):
            decision = Decision(m, *previous[1:])
            if previous.role is Role.NONE:  # "made colds and flu less severe": the last item says what all are
                own = _decide(clause, m, mentions, found, index)
                if own.role is Role.TARGET and own.claim_type is not ClaimType.MECHANISM:
                    decision = Decision(*own[:6], previous.group, own.label)
                    _backfill(decisions, decision)
            decisions.append(decision)
        elif previous and c.EXAMPLES.match(gap):
            decisions.append(_example(decisions, m, index))
        else:
            decision = warned or _decide(clause, m, mentions, found, index)
            decisions.append(Decision(*decision[:6], first_group + n, decision.label))
    return decisions


def _backfill(decisions: list[Decision], decision: Decision) -> None:
    """Give the items before it in its group, read as nothing on their own, the reading of the last item."""
    for k in range(len(decisions) - 1, -1, -1):
        d = decisions[k]
        if d.group != decision.group or d.role is not Role.NONE:
            break
        decisions[k] = decision._replace(mention=d.mention)


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
    if contraindicated(clause, m, index):
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
        return m.name in index.harms or (previous.direction is Direction.NEGATIVE
                                         and (not previous.harm_default or m.name not in index.outcomes))
    if previous.role is Role.NONE and m.name in index.harms:
        return False  # "nausea, dizziness, or potential addiction": the harm is read on its own
    return m.name not in index.targets


def _unknown_harms_between(previous: Decision, gap: str) -> bool:
    """"can cause heartburn, gas and diarrhea", "increase muscle mass, strength and exercise performance": a list
    goes on past items the vocabulary lacks."""
    return (previous.role is Role.TARGET and previous.claim_type in (ClaimType.SAFETY, ClaimType.EFFICACY)
            and not previous.harm_default and c.LIST_GAP.match(gap) is not None)


def _example(decisions: list[Decision], m: Mention, index: VocabularyIndex) -> Decision:
    """Items after "such as": instances of a class share its predicate; symptoms of a condition do not."""
    head = decisions[-1]
    if index.is_ancestor(head.mention.name, m.name) or c.CLASS_WORD.search(head.mention.surface):
        return head._replace(mention=m)
    return Decision(m, Role.NONE, group=-1 - head.group)


def _decide(clause: str, m: Mention, mentions: list[Mention], found: list[c.Cue], index: VocabularyIndex) -> Decision:
    if m.name in index.targets:
        return _mechanism(clause, m, mentions, found, index)
    surface = c.surface_reading(m.surface)
    harm = m.name in index.harms or surface.harm  # "fewer sexual side effects"
    if m.name in index.populations:
        return Decision(m, Role.POPULATION)
    if c.DRUG_AFTER.match(clause, m.end):
        return Decision(m, Role.NONE)
    # "CBD is not addictive", "there is no evidence that it is habit-forming"
    if harm and (c.NOT_BEFORE.search(clause, max(0, m.start - 16), m.start)
                 or (not c.AFTER.match(clause, m.end) and _denied_before(clause, m, found))):
        return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.POSITIVE, "not")
    if surface.benefit and not harm:
        return Decision(m, Role.TARGET, ClaimType.EFFICACY, Direction.POSITIVE, m.surface)
    after = c.AFTER.match(clause, m.end)
    said_after = after.lastgroup if after else None  # "RLS treatment", "addiction risk", "can be reduced with"
    if said_after == "harm" or (harm and surface.liability):
        lowered = c.PROTECTIVE_BEFORE.search(fold(_last_words(clause[max(0, m.start - 80):m.start], 6)))
        return Decision(m, Role.TARGET, ClaimType.SAFETY, positive_if(bool(lowered)), m.surface)
    if not harm and said_after == "benefit" and after is not None:
        return Decision(m, Role.TARGET, ClaimType.EFFICACY, Direction.POSITIVE, after.group().split()[0])
    if said_after == "passive":  # "Anxiety can be reduced with lavender"
        kind = ClaimType.SAFETY if harm else ClaimType.EFFICACY
        return Decision(m, Role.TARGET, kind, Direction.POSITIVE, "treated with")
    cue = _nearest_before(clause, m, mentions, found)
    if cue is not None and cue.kind is c.CueKind.HARM and (
            (m.name in index.outcomes and c.MAKES_YOU.match(cue.text))  # "makes you feel more energetic"
            or (cue.text.lower().startswith("toxic") and c.TOXIC_TO.fullmatch(clause, cue.end, m.start))):
        cue = c.Cue(cue.start, cue.end, c.CueKind.BENEFIT, cue.text)  # "toxic to cancer cells": it kills them
    if (cue is None or cue.kind is c.CueKind.MECHANISM) and (compared := _against_a_control(clause, m, harm, index)):
        return compared
    if cue is None and "for " in clause.lower() and (  # "The evidence for sleep is ...", "For jet lag, it is ..."
            c.before(c.EVIDENCE_FOR_BEFORE, clause, m.start, 48)
            or (c.FOR_LEAD_BEFORE.match(clause[:m.start]) and c.FAVOURABLE_VERDICT.search(clause, m.end))):
        return Decision(m, Role.TARGET, ClaimType.EFFICACY, Direction.POSITIVE, "relieves")
    if cue is None and m.name not in index.outcomes and (
            c.COMPLAINTS_AFTER.match(clause, m.end)
            or ((taker := c.PARTICIPANTS_SUFFERED.match(clause)) and taker.end() <= m.start
                and c.words(clause[taker.end():m.start]) <= 3)
            or (c.AFTER_TAKING.match(clause, m.end) and c.SUFFERED_BEFORE.search(clause, max(0, m.start - 40), m.start))):
        # "Some people report vivid dreams when they take it", "itchy skin is the most common complaint"
        return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.NEGATIVE, "risk of")
    if cue is not None and cue.kind is c.CueKind.MECHANISM:
        cue = _reread(clause, m, cue, index)
    elif cue is not None and cue.kind is c.CueKind.BENEFIT and (_lowers_a_good(clause, m, cue, index)
                                                                or _raises_a_bad(clause, m, cue, index)):
        cue = c.Cue(cue.start, cue.end, c.CueKind.HARM, cue.text)  # "higher doses seemed to reduce alertness"
    if cue is None or cue.kind is c.CueKind.MECHANISM:
        if said_after == "population" or c.before(c.POPULATION_BEFORE, clause, m.start, 80):
            return Decision(m, Role.POPULATION)
        if m.name in index.plain_harms or c.HARM_IN_NAME.search(m.surface):  # "may upset your stomach"
            return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.NEGATIVE, harm_default=True)
        return Decision(m, Role.NONE)
    return _by_cue(clause, m, cue, harm, index.plain_harms, index.outcomes)


def _denied_before(clause: str, m: Mention, found: list[c.Cue]) -> bool:
    """"There is no evidence that it is habit-forming": a harm named with no cue of its own, after a denial."""
    if any(cue.end <= m.start and c.words(clause[cue.end:m.start]) <= 4 for cue in found):
        return False
    return negated(clause[:m.start])


def _against_a_control(clause: str, m: Mention, harm: bool, index: VocabularyIndex) -> Decision | None:
    """A trial's groups compared: "the fenugreek group reported a bigger jump in libido than the placebo group"
    (more of a good: a benefit), "dropped more body fat than those on placebo" (shed more of a bad: a benefit),
    "had more headaches than the placebo group" (more of a harm: a side effect)."""
    if not (c.may_compare(clause) and c.AGAINST_CONTROL.search(clause)):
        return None
    before = clause[max(0, m.start - 40):m.start]
    if m.name not in index.outcomes and (c.SHED_MORE_BEFORE.search(before) or c.HALF_AS_MANY_BEFORE.search(before)):
        return Decision(m, Role.TARGET, ClaimType.SAFETY if harm else ClaimType.EFFICACY, Direction.POSITIVE, "reduces")
    if c.MORE_BEFORE.search(before):
        if m.name in index.outcomes:
            return Decision(m, Role.TARGET, ClaimType.EFFICACY, Direction.POSITIVE, "improves")
        if harm or m.name in index.plain_harms:
            return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.NEGATIVE, "risk of")
    return None


def _raises_a_bad(clause: str, m: Mention, cue: c.Cue, index: VocabularyIndex) -> bool:
    """"promotes inflammation", "boosts anxiety": raising a disease or symptom is a harm, not a benefit."""
    return (m.name not in index.outcomes and bool(c.RAISING.match(cue.text))
            and not c.FAVOURABLE.search(clause, max(0, m.start - 12), m.end))


def _lowers_a_good(clause: str, m: Mention, cue: c.Cue, index: VocabularyIndex) -> bool:
    return (m.name in index.outcomes and m.name != "appetite" and bool(c.LOWERING_BENEFIT.match(cue.text))
            and not c.LACK_SURFACE.search(m.surface)
            and not c.LACK_BEFORE.search(clause, max(0, m.start - 24), m.start))


def _reread(clause: str, m: Mention, cue: c.Cue, index: VocabularyIndex) -> c.Cue:
    """A raising or "effect on" word before a condition that is no receptor or messenger: "increase energy
    levels" is a benefit, "can raise blood pressure" a harm, "had no effect on vomiting" a negated benefit."""
    if c.RAISING.match(cue.text):
        if m.name in index.outcomes or c.FAVOURABLE.search(clause, max(0, m.start - 12), m.end):
            return c.Cue(cue.start, cue.end, c.CueKind.BENEFIT, cue.text)
        if c.WORSENING.match(cue.text):
            return c.Cue(cue.start, cue.end, c.CueKind.HARM, cue.text)
    elif c.LOWERING.match(cue.text) and m.name not in index.outcomes:  # "inhibit the growth of cancer cells"
        return c.Cue(cue.start, cue.end, c.CueKind.BENEFIT, cue.text)
    elif c.EFFECT_ON.match(cue.text) and (c.before(c.NEGATED_EFFECT, clause, cue.start, 48)
                                          or c.GOOD_EFFECT.search(clause, 0, cue.start)):
        return c.Cue(cue.start, cue.end, c.CueKind.BENEFIT, cue.text)
    return cue


def _by_cue(
    clause: str, m: Mention, cue: c.Cue, harm: bool, plain_harms: frozenset[str], outcomes: frozenset[str]
) -> Decision:
    gap = clause[cue.end:m.start]
    if cue.kind is c.CueKind.PROTECTIVE:  # "without drowsiness" spares a side effect; "fewer colds" is a benefit
        without = cue.text.lower().startswith("without")
        if without and not harm and m.name in outcomes:
            return Decision(m, Role.NONE)  # "the fatigue of a night without sleep": no claim about sleep
        kind = ClaimType.SAFETY if harm or without else ClaimType.EFFICACY
        # "were no less likely to become depressed": the protection was not found
        return Decision(m, Role.TARGET, kind, positive_if(not negated(clause[:cue.start])), cue.text)
    if cue.kind is c.CueKind.HARM:
        if cue.text.lower() == "cause" and c.NEGATED_CUE.search(clause, max(0, cue.start - 8), cue.start):
            # "does not cause jitters": a side effect it spares, whatever else the condition may be
            return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.POSITIVE, cue.text)
        linked = cue.text.lower().startswith(("linked", "leav"))  # "won't leave you hungover": a side effect spared
        lowered = c.PROTECTIVE_BEFORE.search(fold(_last_words(clause[:cue.start].rpartition(",")[2], 6)))
        if lowered or negated(clause[:cue.start]):  # "less effective, raising the risk": the comma parts them
            # "lowers the risk of colds" is a benefit; "has not been linked to liver problems" spares a harm
            kind = ClaimType.SAFETY if harm or linked else ClaimType.EFFICACY
            return Decision(m, Role.TARGET, kind, Direction.POSITIVE, cue.text)
        return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.NEGATIVE, cue.text)
    if c.POPULATION_GAP.search(gap) or c.POPULATION_AFTER.match(clause, m.end):
        return Decision(m, Role.POPULATION)
    if harm and c.LIABILITY.search(m.surface):
        return Decision(m, Role.TARGET, ClaimType.SAFETY, Direction.POSITIVE, cue.text)
    # "assess its efficacy and identify any potential adverse effects": too far apart to be one claim
    if harm and c.words(c.TRANSPARENT.sub(" ", gap)) > 2:
        plain = m.name in plain_harms
        return Decision(m, Role.TARGET if plain else Role.NONE, ClaimType.SAFETY if plain else None,
                        Direction.NEGATIVE if plain else None, harm_default=plain)
    if c.before(c.APPROVED_BEFORE, clause, cue.start, 40):
        return Decision(m, Role.NONE)
    denied = negated(clause[:cue.start]) or bool(
        c.EFFECT_ON.match(cue.text) and c.before(c.NEGATED_EFFECT, clause, cue.start, 48))
    if denied and cue.text.lower().startswith("cure") and c.A_CURE_DENIED.search(clause, 0, cue.start):
        return Decision(m, Role.NONE)  # "it is not a cure for anxiety disorders" claims nothing either way
    return Decision(m, Role.TARGET, ClaimType.EFFICACY, positive_if(not denied), cue.text)


def _mechanism(
    clause: str, m: Mention, mentions: list[Mention], found: list[c.Cue], index: VocabularyIndex
) -> Decision:
    """The nearest binding, raising or blocking word names what the subject does to the target, unless another
    target stands between them ("block 5-alpha-reductase, the enzyme that converts testosterone into DHT")."""
    targets = [o.start for o in mentions if o is not m and o.name in index.targets]
    near = [
        cue for cue in found
        if cue.kind in (c.CueKind.MECHANISM, c.CueKind.BENEFIT)
        and c.words(clause[min(cue.end, m.end):max(cue.start, m.start)]) <= 10
        and not any(min(cue.end, m.end) <= start < max(cue.start, m.start) for start in targets)
    ]
    if not near:
        return Decision(m, Role.NONE)
    cue = min(near, key=lambda q: abs((q.start + q.end) / 2 - (m.start + m.end) / 2))
    return Decision(m, Role.TARGET, ClaimType.MECHANISM, Direction.NEUTRAL, cue.text)


def _nearest_before(clause: str, m: Mention, mentions: list[Mention], found: list[c.Cue]) -> c.Cue | None:
    """The last cue before the condition, unless another condition stands between them and took it."""
    cue = None
    for candidate in found:  # in text order: the last one before the condition is the nearest
        if candidate.end <= m.start:
            cue = candidate
    if cue is None or c.words(clause[cue.end:m.start]) > 8:
        return None
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
