"""What a sentence's clause-by-clause decisions come to, read together: list labels, narrower terms, the people
a claim is for, lists of side effects, and the finding each target makes."""
from __future__ import annotations

from claims.extraction import cues as c
from claims.extraction.decisions import ADVERSE_EFFECTS, Decision, Role, SentenceContext, negated, positive_if
from claims.extraction.findings import Finding, efficacy_effect, mechanism_effect, safety_effect
from claims.extraction.precautions import CONTRAINDICATED
from claims.extraction.vocabulary import VocabularyIndex
from evidence.enums import ClaimType, Direction


def not_borne_out(f: Finding, index: VocabularyIndex) -> Finding:
    """"A modest reduction in pain, but the difference was not significant": the benefit was not shown."""
    if f.claim_type is not ClaimType.EFFICACY or f.direction is not Direction.POSITIVE or f.condition is None:
        return f
    return Finding(f.claim_type, f.condition, efficacy_effect(f.condition, index.outcomes, Direction.NEGATIVE),
                   Direction.NEGATIVE)


def labels_as_targets(
    text: str, found: list[c.Cue], decisions: list[Decision], benefits: bool
) -> list[Decision]:
    """"- Heart health: curcumin may lower cholesterol" claims a benefit for heart health too."""
    if not any(d.label for d in decisions):
        return decisions
    claimed = [d for d in decisions if d.role is Role.TARGET and d.claim_type is ClaimType.EFFICACY]
    if not (benefits or claimed or any(q.kind is c.CueKind.BENEFIT for q in found)):
        return decisions
    if not claimed and any(d.role is Role.POPULATION and not d.label for d in decisions):
        # "- Eye health: it could help people with glaucoma": the people helped are what the item claims
        return [d._replace(role=Role.NONE) if d.label else d for d in decisions]
    named = {d.mention.name for d in claimed}
    if claimed:
        direction = claimed[0].direction  # "- Prostatitis: little evidence it helps"
    else:  # "- Tinnitus: ..., but a review found no convincing evidence that it helps"
        benefit = [q for q in found if q.kind is c.CueKind.BENEFIT]
        direction = positive_if(not (benefit and negated(text[:benefit[-1].start])))
    return [d._replace(role=Role.TARGET, claim_type=ClaimType.EFFICACY, direction=direction)
            if d.label and d.role is Role.POPULATION else d
            for d in decisions if not (d.label and d.mention.name in named)]


def one_mechanism_per_target(findings: list[Finding]) -> list[Finding]:
    seen: set[str | None] = set()
    kept = []
    for f in findings:
        if f.claim_type is ClaimType.MECHANISM:
            if f.condition in seen:
                continue
            seen.add(f.condition)
        kept.append(f)
    return kept


def narrow_targets(decisions: list[Decision], index: VocabularyIndex) -> list[Decision]:
    """A claim about chronic pain made for people with fibromyalgia is a claim about fibromyalgia."""
    narrowed: list[Decision] = []
    for d in decisions:
        if d.role is Role.TARGET and d.claim_type in (ClaimType.EFFICACY, ClaimType.MECHANISM):
            name = d.mention.name
            outcome = name in index.outcomes  # "improved sleep quality in adults with insomnia" is about sleep
            groups = {o.group for o in decisions if index.is_ancestor(name, o.mention.name)}
            narrower = [o for o in decisions if o.group in groups
                        and o.mention.name != name and not index.is_ancestor(o.mention.name, name)
                        and (o.mention.name in index.targets) == (d.claim_type is ClaimType.MECHANISM)
                        and not (outcome and o.role is Role.POPULATION)]
            if narrower and _only_examples(d, narrower):
                narrowed.append(d)  # "pain relief, including menstrual pain": pain, and menstrual pain beside it
                continue
            if narrower:
                narrowed.extend(d._replace(mention=o.mention, group=o.group) for o in narrower)
                continue
        narrowed.append(d)
    return narrowed


def _only_examples(d: Decision, narrower: list[Decision]) -> bool:
    """Narrower terms listed as examples of a condition that is no class ("syndromes such as") add to it."""
    return all(o.group == d.group for o in narrower) and not c.CLASS_WORD.search(d.mention.surface)


def populations_as_targets(
    text: str, found: list[c.Cue], decisions: list[Decision], index: VocabularyIndex
) -> list[Decision]:
    """"Kratom could provide relief for individuals suffering from RLS": with no other target, RLS is it."""
    if any(d.role is Role.TARGET and d.claim_type in (ClaimType.EFFICACY, ClaimType.SAFETY) for d in decisions):
        return decisions
    benefit = next((q for q in found if q.kind in (c.CueKind.BENEFIT, c.CueKind.PROTECTIVE)), None)
    if benefit is None or c.ADVISORY.search(text):
        return decisions
    denied = negated(text[:benefit.start])  # "no more effective than placebo for X"
    if denied and benefit.text.lower().startswith("cure") and c.A_CURE_DENIED.search(text, 0, benefit.start):
        return decisions  # "not a cure for anxiety disorders": a disclaimer, no claim
    direction = positive_if(not denied)
    return [
        d._replace(role=Role.TARGET, claim_type=ClaimType.EFFICACY, direction=direction)
        if d.role is Role.POPULATION and d.mention.name not in index.populations else d
        for d in decisions
    ]


def groups_of_several(decisions: list[Decision], index: VocabularyIndex) -> set[int]:
    """Groups naming two or more symptoms, or named with "side effects": a list of side effects is one claim."""
    sizes: dict[int, int] = {}
    for d in decisions:  # diseases a remedy worsens are each a harm of their own: "may worsen lupus and RA"
        if d.claim_type is ClaimType.SAFETY and d.mention.name not in index.harms and not c.WORSENS.match(d.cue):
            sizes[d.group] = sizes.get(d.group, 0) + 1
    with_side_effects = any(d.mention.name == ADVERSE_EFFECTS for d in decisions)
    return {g for g, n in sizes.items() if n > 1 or with_side_effects}


def finding_of(d: Decision, index: VocabularyIndex, listed: bool = True) -> Finding:
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


def symptoms_of_context(
    text: str, found: list[c.Cue], decisions: list[Decision], context: SentenceContext, index: VocabularyIndex
) -> list[Finding]:
    """"Many patients have reported a reduction in their symptoms", read under a question about RLS;
    "sufferers of RLS found that kratom alleviated their symptoms"."""
    named = next((d.mention.name for d in decisions if d.role is not Role.TARGET and d.mention.name not in index.harms
                  and d.mention.name not in index.targets and d.mention.name not in index.populations), None)
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


def side_effect_list(
    text: str, decisions: list[Decision], context: SentenceContext, index: VocabularyIndex
) -> list[Finding]:
    """"These may include nausea, constipation, dizziness": the list is the side-effect claim, not new claims."""
    listed = [d for d in decisions if d.role is Role.NONE and d.mention.name not in index.targets]
    mentions_side_effects = any(d.mention.name == ADVERSE_EFFECTS for d in decisions)
    if not listed or not (mentions_side_effects or context.side_effects):
        return []
    return [Finding(ClaimType.SAFETY, ADVERSE_EFFECTS, safety_effect(Direction.NEGATIVE), Direction.NEGATIVE)]
