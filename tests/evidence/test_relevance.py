"""Whether a record bears on a claim, and whether directly."""
from evidence.concepts import ClaimConcepts, Concept
from evidence.enums import ClaimType, Direction, Stance
from evidence.relevance import RecordText, assess

KRATOM = Concept("kratom", ("mitragynine",))
PAIN = Concept("pain", ("analgesia", "pain relief"))
CHRONIC = Concept("chronic pain")
FIBRO = Concept("fibromyalgia")
RCT = RecordText(
    title="Kratom and Pain Tolerance: A Randomized, Placebo-Controlled, Double-Blind Study",
    abstract="CONCLUSIONS: The kratom decoction produced a substantial, statistically significant increase in pain tolerance.",
)


def _claim(condition, broader=(), narrower=()):
    return ClaimConcepts(ClaimType.EFFICACY, Direction.POSITIVE, KRATOM, condition, broader, narrower)


def test_the_pain_tolerance_trial_is_direct_for_pain():
    judged = assess(RCT, _claim(PAIN, narrower=(CHRONIC, FIBRO)))
    assert judged.relevant and judged.direct
    assert judged.stance is Stance.SUPPORTS


def test_the_pain_tolerance_trial_is_only_indirect_for_chronic_pain_and_fibromyalgia():
    assert assess(RCT, _claim(CHRONIC, broader=(PAIN,))) .direct is False
    judged = assess(RCT, _claim(FIBRO, broader=(CHRONIC, PAIN)))
    assert judged.relevant and not judged.direct
    assert judged.stance is Stance.UNCLEAR


def test_a_record_about_the_condition_but_not_the_intervention_is_not_relevant():
    record = RecordText(title="Pregabalin for fibromyalgia pain", abstract="Pregabalin relieved pain.")
    assert assess(record, _claim(FIBRO, broader=(PAIN,))).relevant is False


def test_a_narrower_condition_counts_as_direct():
    record = RecordText(title="Kratom use among people with fibromyalgia", abstract="")
    assert assess(record, _claim(PAIN, narrower=(FIBRO,))).direct is True


def test_no_effect_in_the_conclusion_contradicts_a_benefit_claim():
    record = RecordText(title="Kratom for pain", abstract="CONCLUSIONS: Kratom had no significant effect on pain.")
    assert assess(record, _claim(PAIN)).stance is Stance.CONTRADICTS


def test_a_harm_report_supports_a_harm_claim():
    liver = Concept("liver injury", ("cholestasis",))
    claim = ClaimConcepts(ClaimType.SAFETY, Direction.NEGATIVE, KRATOM, liver)
    record = RecordText(title="Kratom-induced cholestasis", abstract="A case of cholestatic liver injury.")
    assert assess(record, claim).stance is Stance.SUPPORTS


def test_an_epidemiology_record_need_not_mention_the_remedy():
    rls = Concept("restless legs syndrome", ("RLS",))
    claim = ClaimConcepts(ClaimType.EPIDEMIOLOGY, Direction.NEUTRAL, KRATOM, rls)
    survey = RecordText(title="Prevalence of restless legs syndrome in adults", abstract="")
    trial = RecordText(title="Gabapentin for restless legs syndrome", abstract="")
    assert assess(survey, claim).direct is True
    assert assess(trial, claim).relevant is False


def test_a_patient_who_improved_after_a_harm_does_not_support_a_benefit():
    record = RecordText(
        title="Kratom-induced cholestatic liver injury in a man using kratom for back pain",
        abstract="CONCLUSIONS: Jaundice resolved and liver tests improved within weeks of stopping kratom.",
    )
    assert assess(record, _claim(PAIN)).stance is Stance.UNCLEAR


def test_a_benefit_in_a_sentence_without_the_intervention_is_not_read_as_support():
    record = RecordText(
        title="Kratom use among people with chronic pain",
        abstract="CONCLUSIONS: Opioid tapering improved pain in this cohort; kratom users were older.",
    )
    assert assess(record, _claim(PAIN)).stance is Stance.UNCLEAR
