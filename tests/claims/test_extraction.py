"""Claim extraction on the sample articles and on single sentences; pure, so no database."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from claims.extraction import Candidate, ExtractedClaim, Term, Vocabulary, extract_claims, find_candidates
from evidence.enums import AssertedEvidence, ClaimType, Direction

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "fixtures" / "articles"
LABELLED = ROOT / "tests" / "data" / "claims-labelled.json"
NAMES = sorted(p.name for p in ARTICLES.glob("*.txt"))

RLS = "kratom-restless-legs.txt"
FIBRO = "kratom-fibromyalgia.txt"
NEURO = "kratom-neuropathic-pain-sleep.txt"
CHRONIC = "kratom-chronic-pain.txt"
WITHDRAWAL = "kratom-pain-opioid-withdrawal.txt"

PAIN = "efficacy:kratom:relieves:positive:pain"
LOWER_DEPENDENCE = "safety:kratom:lower-risk-of:positive:addiction"


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary.from_json(json.loads((ROOT / "fixtures" / "vocabulary.json").read_text(encoding="utf-8")))


@cache
def text_of(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


@cache
def claims_of(name: str) -> dict[str, ExtractedClaim]:
    return {claim.key: claim for claim in extract_claims(text_of(name), vocabulary())}


def claims_in(text: str) -> dict[str, ExtractedClaim]:
    return {claim.key: claim for claim in extract_claims(text, vocabulary())}


def only(text: str) -> ExtractedClaim:
    claims = extract_claims(text, vocabulary())
    assert len(claims) == 1, [c.key for c in claims]
    return claims[0]


def quoted(claim: ExtractedClaim, words: str) -> bool:
    return any(words in appearance.quote for appearance in claim.appearances)


# --- the claims the articles are about ---------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "key", "claim_type", "condition"),
    [
        (RLS, "efficacy:kratom:relieves:positive:restless-legs-syndrome", ClaimType.EFFICACY, "restless legs syndrome"),
        (FIBRO, "efficacy:kratom:relieves:positive:fibromyalgia", ClaimType.EFFICACY, "fibromyalgia"),
        (NEURO, "efficacy:kratom:relieves:positive:neuropathic-pain", ClaimType.EFFICACY, "neuropathic pain"),
        (NEURO, "efficacy:kratom:improves:positive:sleep-quality", ClaimType.EFFICACY, "sleep quality"),
        (RLS, "efficacy:kratom:improves:positive:sleep-quality", ClaimType.EFFICACY, "sleep quality"),
        (CHRONIC, "efficacy:kratom:relieves:positive:chronic-pain", ClaimType.EFFICACY, "chronic pain"),
        (WITHDRAWAL, "efficacy:kratom:relieves:positive:chronic-pain", ClaimType.EFFICACY, "chronic pain"),
        (WITHDRAWAL, "efficacy:kratom:relieves:positive:opioid-withdrawal", ClaimType.EFFICACY, "opioid withdrawal"),
        (RLS, PAIN, ClaimType.EFFICACY, "pain"),
        (WITHDRAWAL, PAIN, ClaimType.EFFICACY, "pain"),
        (RLS, "mechanism:kratom:binds:neutral:mu-opioid-receptor", ClaimType.MECHANISM, "mu-opioid receptor"),
        (WITHDRAWAL, "mechanism:kratom:binds:neutral:opioid-receptor", ClaimType.MECHANISM, "opioid receptor"),
        (RLS, "safety:kratom:risk-of:negative:addiction", ClaimType.SAFETY, "addiction"),
        (CHRONIC, "safety:kratom:risk-of:negative:liver-injury", ClaimType.SAFETY, "liver injury"),
        (RLS, "safety:kratom:risk-of:negative:adverse-effects", ClaimType.SAFETY, "adverse effects"),
        (RLS, "epidemiology:kratom:affects-up-to-10-percent-of-people:neutral:restless-legs-syndrome",
         ClaimType.EPIDEMIOLOGY, "restless legs syndrome"),
        (CHRONIC, "dosage:kratom:dose-4-10-g:neutral:pain", ClaimType.DOSAGE, "pain"),
        (CHRONIC, "dosage:kratom:red-vein-strains-at-night:neutral:-", ClaimType.DOSAGE, None),
        (RLS, "legal:kratom:banned-in-alabama-arkansas-indiana-rhode-island-vermont-wisconsin:negative:-",
         ClaimType.LEGAL, None),
    ],
)
def test_the_claims_a_reader_expects_are_found_with_their_type_condition_and_key(
    article: str, key: str, claim_type: ClaimType, condition: str | None
) -> None:
    claim = claims_of(article).get(key)
    assert claim is not None, sorted(claims_of(article))
    assert claim.claim_type is claim_type
    assert claim.condition == condition
    assert claim.intervention == "kratom"
    assert claim.appearances


def test_claims_come_from_all_five_articles() -> None:
    assert len(NAMES) == 5
    for name in NAMES:
        kinds = {claim.claim_type for claim in claims_of(name).values()}
        assert ClaimType.EFFICACY in kinds, name


def test_every_article_has_one_entry_per_key_in_order_of_first_appearance() -> None:
    for name in NAMES:
        claims = extract_claims(text_of(name), vocabulary())
        assert len({c.key for c in claims}) == len(claims)
        firsts = [c.appearances[0].start for c in claims]
        assert firsts == sorted(firsts)


def test_opioid_like_pain_relief_with_lower_dependence_risk_is_two_claims_shared_across_articles() -> None:
    makers = {RLS: "lower risk of dependence", WITHDRAWAL: "lower risk of dependence and addiction",
              CHRONIC: "without the risk of addiction typically associated with prescription opioids"}
    for article, words in makers.items():
        claims = claims_of(article)
        assert quoted(claims[PAIN], words), article
        assert quoted(claims[LOWER_DEPENDENCE], words), article
        assert claims[PAIN].condition == "pain"
        assert claims[LOWER_DEPENDENCE].claim_type is ClaimType.SAFETY
        assert claims[LOWER_DEPENDENCE].direction is Direction.POSITIVE


def test_the_same_claim_keeps_its_key_and_statement_in_every_article() -> None:
    shared = [claims_of(name)[PAIN] for name in NAMES if PAIN in claims_of(name)]
    assert len(shared) == 5
    assert {c.statement for c in shared} == {"Kratom relieves pain"}


def test_every_quote_is_exactly_its_span_in_the_article() -> None:
    for name in NAMES:
        text = text_of(name)
        for claim in claims_of(name).values():
            for appearance in claim.appearances:
                assert text[appearance.start:appearance.end] == appearance.quote
                assert appearance.quote == appearance.quote.strip()
            starts = [a.start for a in claim.appearances]
            assert starts == sorted(set(starts)), claim.key  # text order, one per sentence


def test_headings_and_questions_alone_make_no_claims() -> None:
    text = "Kratom for Restless Legs Syndrome\nQ: Can kratom relieve restless legs syndrome?\n"
    assert extract_claims(text, vocabulary()) == []


def test_an_empty_text_yields_no_claims() -> None:
    assert extract_claims("", vocabulary()) == []
    assert extract_claims(" \n\t\n", vocabulary()) == []


# --- matching: one key whatever the wording ------------------------------------------------------


def test_rls_abbreviation_and_singular_leg_match_restless_legs_syndrome() -> None:
    sentences = [
        "Kratom relieves RLS.",
        "Kratom may ease the symptoms of restless legs syndrome.",
        "Many sufferers of Restless Leg Syndrome found that kratom alleviated their symptoms.",
        "For people with RLS, kratom provides relief.",
    ]
    keys = {only(s).key for s in sentences}
    assert keys == {"efficacy:kratom:relieves:positive:restless-legs-syndrome"}


def test_synonyms_inflection_and_word_order_share_a_key() -> None:
    assert only("Mitragynine eased fibromyalgia.").key == only("Fibromyalgia relief with kratom is possible.").key
    assert only("Kratom improves sleep quality.").key == only("Better sleep was reported with ketum.").key
    assert (only("7-OH binds to mu-opioid receptors.").key
            == only("Kratom alkaloids act on the μ-opioid receptor.").key
            == "mechanism:kratom:binds:neutral:mu-opioid-receptor")


def test_a_comparative_sentence_yields_each_of_its_claims() -> None:
    claims = claims_in("Kratom provides pain relief similar to opioids but with fewer side effects.")
    assert set(claims) == {PAIN, "safety:kratom:lower-risk-of:positive:adverse-effects"}
    assert claims[PAIN].intervention == "kratom"  # opioids are the comparator, not the subject


# --- the genre: what articles about any remedy say, in the words they use --------------------------


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        ("Chamomile helps with anxiety.", {"efficacy:chamomile:relieves:positive:anxiety"}),
        ("Zinc supports immune function.", {"efficacy:zinc:improves:positive:immune-function"}),
        ("Peppermint oil eases IBS symptoms.", {"efficacy:peppermint-oil:relieves:positive:irritable-bowel-syndrome"}),
        ("Garlic reduces blood pressure.", {"efficacy:garlic:relieves:positive:hypertension"}),
        ("Creatine boosts muscle strength.", {"efficacy:creatine:improves:positive:muscle-strength"}),
        ("Lavender promotes sleep.", {"efficacy:lavender:improves:positive:sleep-quality"}),
        ("Vitamin C protects against the common cold.", {"efficacy:vitamin-c:relieves:positive:common-cold"}),
        ("Cinnamon lowers blood sugar.", {"efficacy:cinnamon:relieves:positive:high-blood-sugar"}),
        ("Melatonin is effective for jet lag.", {"efficacy:melatonin:relieves:positive:jet-lag"}),
        ("Tea tree oil can treat acne.", {"efficacy:tea-tree-oil:relieves:positive:acne"}),
        ("Green tea fights inflammation.", {"efficacy:green-tea:relieves:positive:inflammation"}),
        ("Zinc lozenges shorten the duration of colds.", {"efficacy:zinc:relieves:positive:common-cold"}),
        ("Aloe vera gel speeds up wound healing.", {"efficacy:aloe-vera:improves:positive:wound-healing"}),
        ("Kava appears to work for anxiety.", {"efficacy:kava:relieves:positive:anxiety"}),
        ("Zinc is essential for immune health.", {"efficacy:zinc:improves:positive:immune-function"}),
        ("Garlic has antibacterial properties.", {"efficacy:garlic:relieves:positive:bacterial-infections"}),
        ("Ginger may have powerful anti-diabetic properties.", {"efficacy:ginger:relieves:positive:type-2-diabetes"}),
        ("Curcumin may inhibit the growth of cancer cells.", {"efficacy:turmeric:relieves:positive:cancer"}),
        ("Astragalus is used in traditional Chinese medicine for allergies.",
         {"efficacy:astragalus:relieves:positive:allergies"}),
        ("Magnesium is one of the best supplements for sleep.", {"efficacy:magnesium:improves:positive:sleep-quality"}),
        ("Higher intakes of magnesium are linked to a lower risk of type 2 diabetes.",
         {"efficacy:magnesium:relieves:positive:type-2-diabetes"}),
        ("Garlic is as effective as medication for high blood pressure.",
         {"efficacy:garlic:relieves:positive:hypertension"}),
        ("Saffron might be as effective as some antidepressants for mild depression.",
         {"efficacy:saffron:relieves:positive:depression"}),
        ("Rhodiola is less effective than sertraline for depression.",
         {"efficacy:rhodiola:relieves:positive:depression"}),
    ],
)
def test_generic_claim_verbs_and_outcome_nouns_make_efficacy_claims(sentence: str, keys: set[str]) -> None:
    assert set(claims_in(sentence)) == keys


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("Milk thistle does not cure liver disease.", "efficacy:milk-thistle:does-not-relieve:negative:liver-disease"),
        ("There is no evidence that chamomile treats insomnia.",
         "efficacy:chamomile:does-not-relieve:negative:insomnia"),
        ("Chamomile did not improve sleep quality in a 2019 trial.",
         "efficacy:chamomile:does-not-improve:negative:sleep-quality"),
        ("Echinacea pills failed to prevent colds in a large trial.",
         "efficacy:echinacea:does-not-relieve:negative:common-cold"),
        ("Cinnamon was no more effective than placebo for blood sugar control.",
         "efficacy:cinnamon:does-not-relieve:negative:high-blood-sugar"),
        ("Evidence does not support the use of garlic for preventing colds.",
         "efficacy:garlic:does-not-relieve:negative:common-cold"),
        ("Ginger had no effect on vomiting episodes.", "efficacy:ginger:does-not-relieve:negative:vomiting"),
        ("Tart cherry juice does not seem to have a meaningful effect on cholesterol levels.",
         "efficacy:tart-cherry:does-not-relieve:negative:high-cholesterol"),
        ("There is little evidence that saw palmetto helps chronic prostatitis.",
         "efficacy:saw-palmetto:does-not-relieve:negative:prostatitis"),
        ("Well-run trials have not found that valerian improves sleep quality in older adults.",
         "efficacy:valerian:does-not-improve:negative:sleep-quality"),
        ("A placebo-controlled trial found that echinacea was no better than placebo for colds.",
         "efficacy:echinacea:does-not-relieve:negative:common-cold"),
        ("People with knee osteoarthritis who drank tart cherry juice reported a modest reduction in pain, but the "
         "difference compared with placebo was not statistically significant.",
         "efficacy:tart-cherry:does-not-relieve:negative:osteoarthritis"),
    ],
)
def test_negation_and_results_that_did_not_hold_make_negative_claims(sentence: str, key: str) -> None:
    claims = claims_in(sentence)
    assert key in claims, sorted(claims)
    assert not any(k.startswith(key.split(":")[0] + ":") and ":positive:" in k and k.endswith(key.rsplit(":", 1)[1])
                   for k in claims)


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        ("Side effects of zinc include nausea and a metallic taste.", {"safety:zinc:risk-of:negative:adverse-effects"}),
        ("Ginger is generally safe, but high doses can cause heartburn, gas and diarrhea.",
         {"safety:ginger:is-generally-safe:positive:adverse-effects", "safety:ginger:risk-of:negative:adverse-effects"}),
        ("High doses of vitamin A can cause liver damage.", {"safety:vitamin-a:risk-of:negative:liver-injury"}),
        ("High doses of niacin can be toxic to the liver.", {"safety:niacin:risk-of:negative:liver-injury"}),
        ("Licorice root can raise blood pressure.", {"safety:licorice-root:risk-of:negative:hypertension"}),
        ("Licorice can make high blood pressure worse.", {"safety:licorice-root:risk-of:negative:hypertension"}),
        ("Peppermint tea may worsen heartburn.", {"safety:peppermint-oil:risk-of:negative:acid-reflux"}),
        ("Green tea extract has been linked to rare cases of liver toxicity.",
         {"safety:green-tea:risk-of:negative:liver-injury"}),
        ("Saw palmetto has been linked to case reports of liver damage and pancreatitis.",
         {"safety:saw-palmetto:risk-of:negative:liver-injury", "safety:saw-palmetto:risk-of:negative:pancreatitis"}),
        ("Unlike caffeine, rhodiola does not cause jitters.", {"safety:rhodiola:lower-risk-of:positive:jitteriness"}),
        ("L-theanine may promote relaxation without drowsiness.",
         {"safety:l-theanine:lower-risk-of:positive:drowsiness"}),
        ("Saw palmetto improved urinary symptoms with fewer sexual side effects than finasteride.",
         {"efficacy:saw-palmetto:relieves:positive:lower-urinary-tract-symptoms",
          "safety:saw-palmetto:lower-risk-of:positive:sexual-dysfunction"}),
    ],
)
def test_side_effects_harms_and_spared_harms_are_safety_claims(sentence: str, keys: set[str]) -> None:
    assert set(claims_in(sentence)) == keys


@pytest.mark.parametrize(
    ("sentence", "condition"),
    [
        ("Black cohosh should not be taken during pregnancy.", "pregnancy"),
        ("Don't use black cohosh if you're pregnant.", "pregnancy"),
        ("Lavender oil is not recommended for children under 6.", "children"),
        ("Lavender oil may not be safe for people with epilepsy.", "epilepsy"),
        ("People with gallstones should also avoid large amounts of ginger.", "gallstones"),
        ("Rhodiola is not recommended for people with bipolar disorder.", "bipolar disorder"),
        ("If you have high blood pressure, avoid licorice root.", "hypertension"),
        ("Ginkgo is popular. There is not enough safety information on rhodiola during pregnancy, so it is best "
         "avoided.", "pregnancy"),
        ("Stop taking saw palmetto at least two weeks before surgery.", "surgery"),
    ],
)
def test_contraindications_are_safety_claims_about_who_should_not_take_it(sentence: str, condition: str) -> None:
    contraindications = [c for c in claims_in(sentence).values() if c.effect == "contraindicated in"]
    assert [c.condition for c in contraindications] == [condition]
    assert contraindications[0].direction is Direction.NEGATIVE


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("Anxiety can be reduced with lavender oil.", "efficacy:lavender:relieves:positive:anxiety"),
        ("Symptoms of IBS were relieved by peppermint oil in several trials.",
         "efficacy:peppermint-oil:relieves:positive:irritable-bowel-syndrome"),
        ("Insomnia is often treated with melatonin.", "efficacy:melatonin:relieves:positive:insomnia"),
    ],
)
def test_a_claim_in_the_passive_names_the_remedy_after_with_or_by(sentence: str, key: str) -> None:
    assert set(claims_in(sentence)) == {key}


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("Lemon balm calms. However, higher doses seemed to reduce alertness.",
         "safety:lemon-balm:risk-of:negative:alertness"),
        ("Alcohol can boost anxiety the next day.", "safety:alcohol:risk-of:negative:anxiety"),
    ],
)
def test_lowering_a_good_or_raising_a_bad_is_a_harm(sentence: str, key: str) -> None:
    assert key in claims_in(sentence)


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        ("Valerian is generally well tolerated.", {"safety:valerian:is-generally-safe:positive:adverse-effects"}),
        ("Chamomile appears to be safe for most adults.", {"safety:chamomile:is-generally-safe:positive:adverse-effects"}),
        ("Zinc lozenges are cheap and usually well-tolerated.",
         {"safety:zinc:is-generally-safe:positive:adverse-effects"}),
        ("Creatine is considered safe, and no serious side effects were reported in the trials.",
         {"safety:creatine:is-generally-safe:positive:adverse-effects"}),
        ("Taking it on an empty stomach can cause problems:", set()),  # no subject named: nothing to attach it to
        ("Garlic is safe in food amounts, but garlic pills can cause problems for some people.",
         {"safety:garlic:is-generally-safe:positive:adverse-effects", "safety:garlic:risk-of:negative:adverse-effects"}),
    ],
)
def test_saying_a_remedy_is_safe_or_can_cause_problems_is_a_safety_claim(sentence: str, keys: set[str]) -> None:
    assert set(claims_in(sentence)) == keys


@pytest.mark.parametrize(
    "sentence",
    [
        "It is not known whether chamomile is safe during pregnancy.",
        "Up to 5 grams of creatine a day is considered safe.",
        "Ask your pharmacist to make sure garlic is safe with your other medicines.",
    ],
)
def test_doubt_about_safety_or_a_safe_dose_claims_no_tolerability(sentence: str) -> None:
    assert not [k for k in claims_in(sentence) if "is-generally-safe" in k]


def test_no_known_interaction_is_a_favourable_safety_claim() -> None:
    assert "safety:echinacea:lower-risk-of:positive:drug-interactions" in claims_in(
        "There is no known interaction between echinacea and the flu vaccine.")


@pytest.mark.parametrize(
    "sentence",
    ["Zinc may interfere with antibiotics taken at the same time.",
     "Goldenseal can raise blood levels of drugs such as cyclosporine."],
)
def test_interfering_with_drugs_or_raising_their_levels_is_an_interaction(sentence: str) -> None:
    assert any(k.endswith(":risk-of:negative:drug-interactions") for k in claims_in(sentence))


def test_a_condition_named_as_another_is_one_condition() -> None:
    keys = set(claims_in("Fish oil may raise the risk of atrial fibrillation, an irregular heartbeat, in older adults."))
    assert keys == {"safety:omega-3-fatty-acids:risk-of:negative:atrial-fibrillation"}


def test_a_drug_class_named_after_a_disease_is_no_claim_about_the_disease() -> None:
    keys = claims_in("Goldenseal can reduce the effectiveness of HIV medicines and blood thinners.")
    assert not [k for k in keys if k.endswith(":hiv")]


def test_a_regulator_not_approving_a_use_is_no_efficacy_claim() -> None:
    keys = claims_in("The FDA has not approved berberine to treat diabetes.")
    assert not [k for k in keys if k.startswith("efficacy:")]


def test_only_people_with_a_condition_are_warned_off_not_what_the_remedy_does() -> None:
    keys = set(claims_in("Because echinacea may stimulate the immune system, people with lupus should not take it."))
    assert "safety:echinacea:contraindicated-in:negative:lupus" in keys
    assert not [k for k in keys if "contraindicated-in:negative:immune" in k or k.endswith(":positive:lupus")]


def test_a_disease_the_condition_is_linked_to_is_described_not_claimed() -> None:
    keys = claims_in("Turmeric may reduce inflammation in the brain, which is increasingly linked to depression.")
    assert not [k for k in keys if k.endswith(":depression")]


def test_an_abbreviation_in_brackets_and_a_modifier_do_not_break_a_list_of_conditions() -> None:
    keys = set(claims_in("Black cohosh may help with anxiety, premenstrual syndrome (PMS) and nighttime hot flashes."))
    assert {"efficacy:black-cohosh:relieves:positive:anxiety", "efficacy:black-cohosh:relieves:positive:premenstrual-syndrome",
            "efficacy:black-cohosh:relieves:positive:menopausal-symptoms"} <= keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Peppermint oil eases IBS. IBS affects an estimated 10–15% of adults worldwide.",
         "epidemiology:peppermint-oil:affects-an-estimated-10-15-percent-of-people:neutral:irritable-bowel-syndrome"),
        ("Cinnamon may lower blood sugar. More than 38 million Americans have diabetes.",
         "epidemiology:cinnamon:affects-more-than-38-million-people:neutral:type-2-diabetes"),
        # the drug named in passing is not what the article is about: the prevalence belongs to its remedy
        ("Saffron may lift mood. Depression affects 280 million people, and many want alternatives to antidepressants.",
         "epidemiology:saffron:affects-280-million-people:neutral:depression"),
    ],
)
def test_prevalence_in_ranges_and_head_counts_is_an_epidemiology_claim_of_the_article_remedy(text: str, key: str) -> None:
    assert key in claims_in(text)


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("St. John's wort lifts mood, and hyperforin appears to inhibit the reuptake of serotonin.",
         "mechanism:st-john-s-wort:inhibits:neutral:serotonin"),
        ("Goldenseal blocks CYP3A4, a liver enzyme that breaks down many medications.",
         "mechanism:goldenseal:inhibits:neutral:drug-metabolizing-enzymes"),
    ],
)
def test_constituents_and_enzymes_make_mechanism_claims(sentence: str, key: str) -> None:
    assert key in claims_in(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["In the lab, lion's mane stimulated the production of nerve growth factor.",
     "Rat studies show that cinnamon can lower cholesterol."],
)
def test_lab_and_rat_studies_assert_preclinical_evidence(sentence: str) -> None:
    levels = {a.asserted_evidence for c in claims_in(sentence).values() for a in c.appearances}
    assert levels == {AssertedEvidence.PRECLINICAL}


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        ("Observational studies link garlic to a lower risk of stomach and colorectal cancer.",
         {"efficacy:garlic:relieves:positive:stomach-cancer", "efficacy:garlic:relieves:positive:colorectal-cancer"}),
        ("Green tea has been linked to lower rates of breast, prostate and colorectal cancer.",
         {"efficacy:green-tea:relieves:positive:breast-cancer", "efficacy:green-tea:relieves:positive:prostate-cancer",
          "efficacy:green-tea:relieves:positive:colorectal-cancer"}),
        ("A trial found that echinacea made colds and flu less severe.",
         {"efficacy:echinacea:relieves:positive:common-cold", "efficacy:echinacea:relieves:positive:influenza"}),
    ],
)
def test_conditions_sharing_a_head_word_or_a_predicate_after_them_are_each_claimed(sentence: str, keys: set[str]) -> None:
    assert keys <= set(claims_in(sentence))


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("For healthy adults, however, the pills do surprisingly little for bone fractures.",
         "efficacy:vitamin-d:does-not-relieve:negative:bone-fractures"),
        ("No supplement has been shown to prevent cancer, and that includes green tea.",
         "efficacy:green-tea:does-not-relieve:negative:cancer"),
        ("There isn't enough evidence to say for sure that garlic prevents colds.",
         "efficacy:garlic:does-not-relieve:negative:common-cold"),
        ("Adults who took vitamin D for five years were no less likely to become depressed.",
         "efficacy:vitamin-d:does-not-relieve:negative:depression"),
        ("A trial found that green tea lowered body weight, but the difference was small and not statistically significant.",
         "efficacy:green-tea:does-not-relieve:negative:obesity"),
        ("Chamomile is unlikely to fix true insomnia.", "efficacy:chamomile:does-not-relieve:negative:insomnia"),
    ],
)
def test_benefits_denied_in_everyday_words_are_negative_claims(sentence: str, key: str) -> None:
    text = "Vitamin D and green tea are popular. " + sentence if "pills" in sentence else sentence
    assert key in claims_in(text), sorted(claims_in(text))


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("People with sarcoidosis or a history of kidney stones should avoid high-dose vitamin D.",
         "safety:vitamin-d:contraindicated-in:negative:kidney-stones"),
        ("If you already have kidney disease, though, skip creatine.",
         "safety:creatine:contraindicated-in:negative:kidney-disease"),
        ("There isn't enough research to say whether milk thistle is safe during pregnancy.",
         "safety:milk-thistle:contraindicated-in:negative:pregnancy"),
        ("I would not give chamomile to babies under six months.", "safety:chamomile:contraindicated-in:negative:children"),
        ("Creatine is one of the safest supplements ever studied.",
         "safety:creatine:is-generally-safe:positive:adverse-effects"),
        ("Creatine builds strength. Creatine is cheap. Studies found no meaningful interaction with caffeine.",
         "safety:creatine:lower-risk-of:positive:drug-interactions"),
        ("Garlic also reduces blood levels of saquinavir, an HIV drug.", "safety:garlic:risk-of:negative:drug-interactions"),
        ("Milk thistle might lower blood sugar, so if you're on diabetes medication, check your levels.",
         "safety:milk-thistle:risk-of:negative:drug-interactions"),
        ("Drinking green tea has not been linked to liver problems.", "safety:green-tea:lower-risk-of:positive:liver-disease"),
    ],
)
def test_warnings_interactions_and_reassurances_in_everyday_words(sentence: str, key: str) -> None:
    assert key in claims_in(sentence), sorted(claims_in(sentence))


def test_an_outcome_measured_in_the_blood_is_not_the_remedy() -> None:
    keys = claims_in("Very high doses of vitamin D can lead to toxicity, which raises blood calcium.")
    assert not [k for k in keys if ":calcium:" in k]


def test_a_night_without_sleep_spares_no_side_effect() -> None:
    keys = claims_in("A dose of creatine offset some of the mental fatigue caused by a night without sleep.")
    assert "efficacy:creatine:relieves:positive:fatigue" in keys
    assert not [k for k in keys if k.endswith(":sleep-quality")]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Zinc shortens colds. A: Zinc is safe during pregnancy at normal doses.",
         "safety:zinc:is-generally-safe:positive:pregnancy"),
        ("Echinacea is a daisy. Plains tribes used it for centuries to treat wounds, snakebites and sore throats.",
         "efficacy:echinacea:relieves:positive:sore-throat"),
        ("Glucosamine is popular. Many of our customers tell us it helps with their back pain too.",
         "efficacy:glucosamine:relieves:positive:back-pain"),
        ("Echinacea is popular. My daughter broke out in hives after a week of echinacea gummies.",
         "safety:echinacea:risk-of:negative:hives"),
        ("A trial found echinacea did not shorten colds, and kids who took echinacea were more likely to get a rash.",
         "safety:echinacea:risk-of:negative:skin-rash"),
        ("Echinacea is popular.\n- It hasn't been well studied in pregnancy.",
         "safety:echinacea:contraindicated-in:negative:pregnancy"),
        ("Echinacea products carry a warning not to give them to children under 12.",
         "safety:echinacea:contraindicated-in:negative:children"),
        ("Peppermint oil should never be applied to the chest of babies and young children.",
         "safety:peppermint-oil:contraindicated-in:negative:children"),
        ("Glucosamine is not recommended for nursing women.", "safety:glucosamine:contraindicated-in:negative:breastfeeding"),
        ("People with lupus or multiple sclerosis are often told to avoid echinacea.",
         "safety:echinacea:contraindicated-in:negative:multiple-sclerosis"),
    ],
)
def test_what_readers_are_told_of_remedies_in_passing_is_claimed(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


def test_two_remedies_named_as_one_subject_each_make_the_claim() -> None:
    keys = set(claims_in("Combined vitamin D and calcium supplements appear to reduce hip fractures in older people."))
    assert {"efficacy:vitamin-d:relieves:positive:bone-fractures", "efficacy:calcium:relieves:positive:bone-fractures"} <= keys


def test_the_two_sides_of_a_comparison_are_not_one_subject() -> None:
    keys = set(claims_in("Saw palmetto worked as well as finasteride and relieved urinary symptoms."))
    assert not [k for k in keys if k.startswith("efficacy:finasteride:")]


def test_items_under_a_warning_lead_in_are_contraindications() -> None:
    text = "Collagen is popular for skin.\nA few groups should be more careful:\n- Pregnant women\n- People with gout\n"
    keys = set(claims_in(text))
    assert {"safety:collagen:contraindicated-in:negative:pregnancy", "safety:collagen:contraindicated-in:negative:gout"} <= keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Maca may raise energy. Most human studies have found no meaningful change in testosterone levels.",
         "efficacy:maca:does-not-improve:negative:testosterone-levels"),
        ("Black cohosh eases hot flashes. Many women also tell me their mood swings and irritability improve.",
         "efficacy:black-cohosh:relieves:positive:irritability"),
        ("Black cohosh eases hot flashes. Native American healers used the root for menstrual cramps.",
         "efficacy:black-cohosh:relieves:positive:menstrual-pain"),
        ("Saffron may lift mood. A trial found that saffron improved sleep quality in adults who had trouble sleeping.",
         "efficacy:saffron:improves:positive:sleep-quality"),
        ("There is not enough research on L-theanine during pregnancy, so skip it.",
         "safety:l-theanine:contraindicated-in:negative:pregnancy"),
        ("Maca is a root. People with thyroid problems may want to be careful with large amounts of maca.",
         "safety:maca:contraindicated-in:negative:thyroid-disorders"),
        ("Saffron is a spice. High doses might cause a miscarriage, so skip saffron supplements if you are pregnant.",
         "safety:saffron:contraindicated-in:negative:pregnancy"),
        ("Coenzyme Q10 may add to the effect of blood pressure drugs and cause low blood pressure.",
         "safety:coenzyme-q10:risk-of:negative:hypotension"),
        ("Ginseng may help fatigue. American ginseng made the blood thinner less effective in a small study.",
         "safety:ginseng:risk-of:negative:drug-interactions"),
        ("There are case reports of people taking warfarin who developed bleeding after drinking cranberry juice.",
         "safety:cranberry:risk-of:negative:drug-interactions"),
    ],
)
def test_more_ways_articles_state_benefits_denials_and_warnings(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("L-theanine calms. L-theanine has a good safety record.",
         "safety:l-theanine:is-generally-safe:positive:adverse-effects"),
        ("Taken by mouth, NAC is in general well tolerated.",
         "safety:n-acetylcysteine:is-generally-safe:positive:adverse-effects"),
        ("CoQ10 might make warfarin less effective, raising the risk of blood clots.",
         "safety:coenzyme-q10:risk-of:negative:blood-clots"),
        ("A review concluded that there is not enough evidence to support cinnamon for people with diabetes.",
         "efficacy:cinnamon:does-not-relieve:negative:type-2-diabetes"),
        ("The evidence does not support using L-theanine in place of treatment for anxiety.",
         "efficacy:l-theanine:does-not-relieve:negative:anxiety"),
        ("Maca is a root. A: No interactions with maca have been reported so far.",
         "safety:maca:lower-risk-of:positive:drug-interactions"),
        ("Cranberry is popular. Later controlled studies did not find a meaningful interaction at usual amounts.",
         "safety:cranberry:lower-risk-of:positive:drug-interactions"),
    ],
)
def test_reassurances_denials_and_raised_risks_in_other_words(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


def test_a_drug_named_as_a_list_label_is_not_the_subject_of_the_item() -> None:
    text = "L-theanine may calm anxiety.\nInteractions:\n- Sedatives: Taking it with sleeping pills may increase drowsiness.\n"
    keys = set(claims_in(text))
    assert "safety:l-theanine:risk-of:negative:drowsiness" in keys
    assert not [k for k in keys if k.startswith("safety:sedatives:")]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Maca is a root.\nQ: Is maca safe while breastfeeding?\nA: There isn't enough research on maca during "
         "breastfeeding, so I waited.", "safety:maca:contraindicated-in:negative:breastfeeding"),
        ("Ginseng boosts energy. It's also not considered safe during pregnancy.",
         "safety:ginseng:contraindicated-in:negative:pregnancy"),
        ("NAC helps lungs. For depression the results are mixed; a 2016 review found a small improvement of depressive "
         "symptoms.", "efficacy:n-acetylcysteine:relieves:positive:depression"),
        ("Some men who take ginseng notice a racing heart or a rise in blood pressure.",
         "safety:ginseng:risk-of:negative:hypertension"),
        ("There is one case report of a woman who developed high blood pressure after taking maca.",
         "safety:maca:risk-of:negative:hypertension"),
    ],
)
def test_still_more_ways_of_warning_and_reporting(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Spirulina contains phenylalanine, so people with phenylketonuria (PKU) must avoid it.",
         "safety:spirulina:contraindicated-in:negative:phenylketonuria"),
        ("Spirulina stimulates immunity. Doctors advise people with autoimmune diseases such as lupus, multiple "
         "sclerosis and rheumatoid arthritis to stay away from it.", "safety:spirulina:contraindicated-in:negative:lupus"),
        ("Our glucosamine is made from shellfish shells, so people with a shellfish allergy should check with their "
         "doctor before use.", "safety:glucosamine:contraindicated-in:negative:allergies"),
        ("Ginseng lowers blood sugar, which could push your levels too low.", "safety:ginseng:risk-of:negative:hypoglycemia"),
        ("Garlic adds to blood pressure pills, so combining them could make your blood pressure drop too low.",
         "safety:garlic:risk-of:negative:hypotension"),
        ("Psyllium is not habit-forming.", "safety:dietary-fiber:lower-risk-of:positive:addiction"),
    ],
)
def test_warnings_with_a_bracketed_name_a_doctor_to_ask_or_levels_too_low(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("In a 2011 trial the fenugreek group reported a bigger jump in libido than the placebo group.",
         "efficacy:fenugreek:improves:positive:libido"),
        ("Overweight women taking 5-HTP ate fewer calories and lost more weight than those taking a placebo.",
         "efficacy:5-hydroxytryptophan:relieves:positive:obesity"),
        ("After two years, the coenzyme Q10 group had half as many major cardiovascular events as the placebo group.",
         "efficacy:coenzyme-q10:relieves:positive:cardiovascular-disease"),
    ],
)
def test_a_trial_group_with_more_of_a_good_or_less_of_a_bad_than_placebo_is_a_benefit(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))



@pytest.mark.parametrize(
    "sentence",
    ["Oregano oil is completely natural and very safe when used properly.", "Quercetin is incredibly safe."],
)
def test_any_adverb_before_safe_still_says_safe(sentence: str) -> None:
    assert any(k.endswith(":is-generally-safe:positive:adverse-effects") for k in claims_in(sentence))


def test_the_people_listed_after_do_not_take_it_if_you_are_warned_off() -> None:
    text = "5-HTP lifts mood.\nDo not take 5-HTP if you:\n- are pregnant\n- have bipolar disorder\n"
    keys = set(claims_in(text))
    assert {"safety:5-hydroxytryptophan:contraindicated-in:negative:pregnancy",
            "safety:5-hydroxytryptophan:contraindicated-in:negative:bipolar-disorder"} <= keys


def test_items_after_a_side_effect_lead_in_are_side_effects() -> None:
    text = "Psyllium eases constipation.\nWhen you first start, you may notice:\n- Extra bloating\n- Mild stomach cramps\n"
    claim = claims_in(text)["safety:dietary-fiber:risk-of:negative:adverse-effects"]
    assert [a.quote for a in claim.appearances] == ["Extra bloating", "Mild stomach cramps"]


def test_it_is_not_recommended_if_you_have_a_condition() -> None:
    claims = claims_in("It is not recommended to take ginseng if you have high blood pressure.")
    assert set(claims) == {"safety:ginseng:contraindicated-in:negative:hypertension"}


def test_not_a_cure_is_a_disclaimer_but_does_not_cure_is_a_negative_claim() -> None:
    assert claims_in("Saw palmetto is not a cure for prostatitis.") == {}
    assert set(claims_in("Saw palmetto does not cure prostatitis.")) == {
        "efficacy:saw-palmetto:does-not-relieve:negative:prostatitis"}


def test_lowering_the_time_it_takes_to_fall_asleep_is_a_benefit() -> None:
    assert set(claims_in("Melatonin reduces the time it takes to fall asleep.")) == {
        "efficacy:melatonin:improves:positive:sleep-quality"}


def test_a_dose_limit_is_not_a_contraindication() -> None:
    claims = claims_in("Up to 4 grams of ginger per day is safe, but pregnant women should not take more than 1 gram.")
    assert not any(c.effect == "contraindicated in" for c in claims.values())


def test_avoiding_a_side_effect_is_not_a_contraindication() -> None:
    claims = claims_in("Take ashwagandha with food to avoid stomach upset.")
    assert not any(c.effect == "contraindicated in" for c in claims.values())


@pytest.mark.parametrize(
    "sentence",
    [
        "St John's wort interacts with birth control pills.",
        "Zinc can interfere with the absorption of antibiotics.",
        "Valerian may increase the effects of sedatives.",
        "Melatonin can reduce the effectiveness of birth control pills.",
        "Do not take valerian with alcohol.",
        "Do not combine kava with alcohol, and avoid it if you have liver disease.",
        "Avoid St. John's wort if you take antidepressants.",
        "Goldenseal can affect how your body processes certain drugs.",
        "Fenugreek might lower blood sugar too much when taken with diabetes medications.",
        "Ginger is safe, but people taking blood thinners such as warfarin should talk to their doctor before "
        "using it.",
    ],
)
def test_interaction_warnings_are_drug_interaction_claims(sentence: str) -> None:
    keys = set(claims_in(sentence))
    assert any(key.endswith(":risk-of:negative:drug-interactions") for key in keys), keys


def test_a_remedy_taken_together_with_another_for_a_benefit_is_no_interaction() -> None:
    keys = set(claims_in("Glucosamine is often combined with chondroitin to reduce joint pain from osteoarthritis."))
    assert not any("drug-interactions" in key for key in keys)


def test_the_drug_people_take_is_not_the_subject_of_the_warning() -> None:
    claims = claims_in("Garlic is popular. People taking blood thinners should avoid garlic supplements.")
    assert {c.intervention for c in claims.values()} == {"garlic"}


def test_a_faq_answer_without_markers_is_read_with_its_question() -> None:
    text = "Hibiscus tea\nCan hibiscus tea lower blood pressure?\nYes. Several trials have found that it lowers " \
           "systolic blood pressure.\n"
    claim = claims_in(text)["efficacy:hibiscus:relieves:positive:hypertension"]
    assert claim.appearances[0].asserted_evidence is AssertedEvidence.CONTROLLED_TRIAL  # "Several trials"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("5-HTP may lift mood.\nWill 5-HTP cause nausea?\nIt might, for some people.\n",
         "safety:5-hydroxytryptophan:risk-of:negative:nausea"),
        ("5-HTP may lift mood.\nDoes it relieve anxiety?\nIt may, a little, in some people.\n",
         "efficacy:5-hydroxytryptophan:relieves:positive:anxiety"),
        ("5-HTP may lift mood.\nQ: Does 5-HTP help with migraine?\nA: No. Two small trials came to nothing.\n",
         "efficacy:5-hydroxytryptophan:does-not-relieve:negative:migraine"),
    ],
)
def test_a_yes_or_no_answer_claims_what_its_question_asked_or_its_denial(text: str, key: str) -> None:
    claims = claims_in(text)
    assert key in claims, sorted(claims)
    assert all(not a.quote.startswith("Q") for a in claims[key].appearances)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Rhodiola is an herb.\nQ: Is rhodiola safe?\nA: For most healthy adults, yes.\n",
         "safety:rhodiola:is-generally-safe:positive:adverse-effects"),
        ("Rhodiola is an herb.\nQ: Can I take it with antidepressants?\nA: No. It may raise the risk of serotonin "
         "syndrome.\n", "safety:rhodiola:risk-of:negative:serotonin-syndrome"),
        ("Rhodiola is an herb.\nIs rhodiola addictive?\nNo, there is no evidence that it is habit-forming.\n",
         "safety:rhodiola:lower-risk-of:positive:addiction"),
    ],
)
def test_faq_answers_on_safety_are_read_with_their_question(text: str, key: str) -> None:
    claims = claims_in(text)
    assert key in claims, sorted(claims)
    assert len([k for k in claims if k.rpartition(":")[2] == key.rpartition(":")[2]]) == 1, sorted(claims)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Moringa is a plant. Small studies in breastfeeding women have not found any problems, but ask your midwife "
         "first.", "safety:moringa:is-generally-safe:positive:breastfeeding"),
        ("Moringa is a plant. Trials have not found any safety problems.",
         "safety:moringa:is-generally-safe:positive:adverse-effects"),
        ("Moringa supplements have not been tested in children.", "safety:moringa:contraindicated-in:negative:children"),
        ("Oregano oil is strong. A: We don't recommend it for children under six.",
         "safety:oregano-oil:contraindicated-in:negative:children"),
    ],
)
def test_studies_that_found_no_problems_and_people_it_was_never_tested_in(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


def test_a_number_sign_is_no_answer() -> None:
    from claims.extraction.sentences import split_sentences
    text = "Q: Which formula?\nA: No. 5 is the one. No. It is not.\n"
    assert [text[s.start:s.end] for s in split_sentences(text)][1:] == ["No. 5 is the one.", "No.", "It is not."]


def test_an_answer_that_neither_agrees_nor_denies_claims_nothing_from_its_question() -> None:
    text = "5-HTP may lift mood.\nWill 5-HTP cause nausea?\nThe research on that is thin.\n"
    assert not [k for k in claims_in(text) if k.endswith(":nausea")]


def test_items_under_a_lead_in_naming_what_people_take_it_for_are_benefits() -> None:
    text = "Moringa is a plant.\nPeople take moringa for many reasons, including:\n- to have more energy\n" \
           "- to lower blood sugar\nMoringa may help with:\n- breast milk supply\n"
    keys = set(claims_in(text))
    assert {"efficacy:moringa:improves:positive:energy", "efficacy:moringa:relieves:positive:high-blood-sugar",
            "efficacy:moringa:relieves:positive:breast-milk-supply"} <= keys, sorted(keys)


def test_items_under_a_lead_in_that_promises_nothing_are_no_benefits() -> None:
    text = "Moringa is a plant.\nThe leaves contain:\n- iron\n- fibre\nIn this guide:\n- energy\n"
    assert not [k for k in claims_in(text) if k.startswith("efficacy:")]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Some people report vivid dreams when they take lion's mane at night.",
         "safety:lion-s-mane:risk-of:negative:nightmares"),
        ("Case reports describe people hospitalized with kidney failure after taking vitamin D supplements.",
         "safety:vitamin-d:risk-of:negative:kidney-disease"),
    ],
)
def test_a_harm_met_after_taking_the_remedy_is_a_safety_claim(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


def test_better_sleep_reported_after_taking_it_stays_a_benefit() -> None:
    keys = set(claims_in("Users report better sleep when they take lion's mane."))
    assert keys == {"efficacy:lion-s-mane:improves:positive:sleep-quality"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Turmeric is popular. The evidence for arthritis is thin.", "efficacy:turmeric:does-not-relieve:negative:arthritis"),
        ("Turmeric is popular. The evidence for arthritis is strong.", "efficacy:turmeric:relieves:positive:arthritis"),
        ("Evidence that turmeric helps depression is weak.", "efficacy:turmeric:does-not-relieve:negative:depression"),
        ("There is little proof that turmeric prevents cancer.", "efficacy:turmeric:does-not-relieve:negative:cancer"),
        ("Don't expect turmeric to fix your joint pain.", "efficacy:turmeric:does-not-relieve:negative:joint-pain"),
        ("Turmeric beat placebo for knee pain in two trials.", "efficacy:turmeric:relieves:positive:knee-pain"),
        ("Turmeric has a long history of use for wounds.", "efficacy:turmeric:improves:positive:wound-healing"),
        ("Turmeric may upset your stomach.", "safety:turmeric:risk-of:negative:stomach-upset"),
        ("Turmeric can thin your blood.", "safety:turmeric:risk-of:negative:bleeding"),
        ("Turmeric is popular. Some users experienced headaches.", "safety:turmeric:risk-of:negative:headache"),
    ],
)
def test_what_the_evidence_is_said_to_be_and_harms_in_everyday_words(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ashwagandha is generally well tolerated, though some people get drowsy.",
         "safety:ashwagandha:risk-of:negative:drowsiness"),
        ("Participants fell asleep faster on ashwagandha.", "efficacy:ashwagandha:improves:positive:sleep-quality"),
        ("People who took ashwagandha slept longer.", "efficacy:ashwagandha:improves:positive:sleep-quality"),
        ("Ashwagandha is popular. It did nothing for my sleep.", "efficacy:ashwagandha:does-not-improve:negative:sleep-quality"),
    ],
)
def test_sleep_and_drowsiness_in_the_words_people_use(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Melatonin can leave you groggy the next morning.", "safety:melatonin:risk-of:negative:drowsiness"),
        ("Unlike sleeping pills, melatonin won't leave you hungover.", "safety:melatonin:lower-risk-of:positive:hangover"),
        ("Children should only take melatonin under a doctor's supervision.",
         "safety:melatonin:contraindicated-in:negative:children"),
        ("Jet lag responds well to melatonin.", "efficacy:melatonin:relieves:positive:jet-lag"),
        ("For jet lag, melatonin is worth a try.", "efficacy:melatonin:relieves:positive:jet-lag"),
        ("Melatonin shaved about seven minutes off the time it took to fall asleep.",
         "efficacy:melatonin:improves:positive:sleep-quality"),
        ("Melatonin helps some. It can make nightmares more vivid.", "safety:melatonin:risk-of:negative:nightmares"),
    ],
)
def test_more_ways_a_sleep_aid_article_states_benefits_and_harms(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Magnesium glycinate is gentler on the stomach than magnesium oxide.",
         "safety:magnesium:lower-risk-of:positive:stomach-upset"),
        ("Taking magnesium before bed could help you unwind.", "efficacy:magnesium:relieves:positive:stress"),
        ("Magnesium is essential for healthy bones.", "efficacy:magnesium:relieves:positive:osteoporosis"),
    ],
)
def test_a_mineral_article_in_its_own_words(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("CBD is non-intoxicating, so it won't get you high.", "safety:cannabidiol:lower-risk-of:positive:intoxication"),
        ("CBD can get you high at large doses.", "safety:cannabidiol:risk-of:negative:intoxication"),
        ("High doses of CBD raised liver enzymes in some trial participants.",
         "safety:cannabidiol:risk-of:negative:liver-injury"),
        ("There are no well-designed trials of CBD for sleep.", "efficacy:cannabidiol:does-not-improve:negative:sleep-quality"),
    ],
)
def test_a_cannabidiol_article_in_its_own_words(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Travelers who took elderberry had colds that were shorter and milder.",
         "efficacy:elderberry:relieves:positive:common-cold"),
        ("Elderberry syrup is a popular cold remedy.", "efficacy:elderberry:relieves:positive:common-cold"),
        ("Elderberry won't stop you catching a cold.", "efficacy:elderberry:does-not-relieve:negative:common-cold"),
        ("In test tubes, elderberry extract stopped the flu virus from replicating.",
         "efficacy:elderberry:relieves:positive:influenza"),
        ("Elderberry gummies are marketed as immune boosters.", "efficacy:elderberry:improves:positive:immune-function"),
    ],
)
def test_a_cold_remedy_article_in_its_own_words(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


def test_stopping_a_remedy_before_surgery_is_no_benefit_for_surgery() -> None:
    keys = set(claims_in("Stop taking elderberry two weeks before surgery."))
    assert keys == {"safety:elderberry:contraindicated-in:negative:surgery"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ginger tea settles an upset stomach.", "efficacy:ginger:relieves:positive:stomach-upset"),
        ("Studies of ginger for arthritis have been disappointing.", "efficacy:ginger:does-not-relieve:negative:arthritis"),
        ("Ginger may also help lower cholesterol, though the evidence is weak.",
         "efficacy:ginger:relieves:positive:high-cholesterol"),
        ("Ginger is on the FDA's list of foods generally recognized as safe.",
         "safety:ginger:is-generally-safe:positive:adverse-effects"),
        ("I can't recommend ginger for migraines.", "efficacy:ginger:does-not-relieve:negative:migraine"),
        ("Ginger seems to work best for nausea after surgery.",
         "efficacy:ginger:relieves:positive:postoperative-nausea-and-vomiting"),
    ],
)
def test_a_digestive_remedy_article_in_its_own_words(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Kava is a root. The tea can make you drowsy.", "safety:kava:risk-of:negative:drowsiness"),
        ("Like alcohol, kava can impair driving.", "safety:kava:risk-of:negative:impaired-driving"),
        ("Mixing kava with alcohol is a bad idea.", "safety:kava:risk-of:negative:drug-interactions"),
        ("Kava and alcohol don't mix.", "safety:kava:risk-of:negative:drug-interactions"),
        ("Kava may make you less anxious.", "efficacy:kava:relieves:positive:anxiety"),
    ],
)
def test_a_relaxing_herb_article_in_its_own_words(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("In people with depression, saffron performed as well as fluoxetine.",
         "efficacy:saffron:relieves:positive:depression"),
        ("Saffron is a spice. Doses above 5 grams can be toxic.", "safety:saffron:risk-of:negative:adverse-effects"),
        ("Raw elderberries are poisonous.", "safety:elderberry:risk-of:negative:adverse-effects"),
        ("Saffron is toxic to cancer cells in the lab.", "efficacy:saffron:relieves:positive:cancer"),
    ],
)
def test_toxic_to_the_reader_or_to_the_disease(text: str, key: str) -> None:
    assert key in claims_in(text), sorted(claims_in(text))


def test_toxic_to_an_organ_names_its_harm_only() -> None:
    assert set(claims_in("Saffron can be toxic to the liver.")) == {"safety:saffron:risk-of:negative:liver-injury"}


def test_patients_reporting_a_benefit_or_naming_their_illness_report_no_harm() -> None:
    text = "Kratom is popular. RLS patients have reported improved sleep. Some people have arthritis."
    assert not [k for k in claims_in(text) if k.startswith("safety:")], sorted(claims_in(text))


def test_who_should_avoid_it_is_answered_with_contraindications() -> None:
    text = "Who should not take ashwagandha?\nPeople with thyroid disorders, pregnant women and those scheduled for " \
           "surgery.\n"
    conditions = {c.condition for c in claims_in(text).values() if c.effect == "contraindicated in"}
    assert conditions == {"thyroid disorders", "pregnancy", "surgery"}


def test_bullets_under_a_benefits_line_are_claims_even_without_full_stops() -> None:
    text = "Garlic benefits:\n- Lowers cholesterol\n- Reduces blood pressure\n- Fights colds\n"
    assert set(claims_in(text)) == {"efficacy:garlic:relieves:positive:high-cholesterol",
                                    "efficacy:garlic:relieves:positive:hypertension",
                                    "efficacy:garlic:relieves:positive:common-cold"}


def test_bullets_under_an_evidence_line_keep_its_level() -> None:
    text = ("Here is what clinical trials have found so far:\n"
            "- Mild depression: A small trial found that rhodiola reduced symptoms of depression.\n")
    claim = claims_in(text)["efficacy:rhodiola:relieves:positive:depression"]
    assert claim.appearances[0].asserted_evidence is AssertedEvidence.CONTROLLED_TRIAL


def test_a_label_under_a_helpful_for_line_is_what_the_item_claims() -> None:
    text = ("Melatonin appears to be most helpful for:\n- Delayed sleep phase: In teenagers who cannot fall asleep "
            "until very late, melatonin can shift sleep timing earlier.\n")
    assert "efficacy:melatonin:relieves:positive:delayed-sleep-phase-disorder" in claims_in(text)


def test_it_after_a_sentence_about_a_condition_is_the_condition() -> None:
    text = ("Saw palmetto is popular. Benign prostatic hyperplasia affects half of men in their 50s. It can cause "
            "frequent urination.")
    assert not any(c.claim_type is ClaimType.SAFETY for c in claims_in(text).values())


def test_a_trial_result_without_the_remedy_named_is_about_the_article_subject() -> None:
    text = ("Saw palmetto is sold for an enlarged prostate. The large STEP trial also found no benefit for lower "
            "urinary tract symptoms.")
    assert "efficacy:saw-palmetto:does-not-relieve:negative:lower-urinary-tract-symptoms" in claims_in(text)


# --- one predicate, several conditions; lists that stay one claim ---------------------------------


def test_one_predicate_over_several_conditions_yields_one_claim_per_condition() -> None:
    sentence = ("explore the potential of kratom as a natural remedy for chronic pain syndromes such as "
                "fibromyalgia, arthritis, and neuropathy.")
    claims = claims_of(CHRONIC)
    for condition in ("fibromyalgia", "arthritis", "peripheral-neuropathy"):
        assert quoted(claims[f"efficacy:kratom:relieves:positive:{condition}"], sentence)
    assert set(claims_in(sentence)) == {
        "efficacy:kratom:relieves:positive:fibromyalgia",
        "efficacy:kratom:relieves:positive:arthritis",
        "efficacy:kratom:relieves:positive:peripheral-neuropathy",
    }


def test_a_list_of_places_stays_one_legal_claim() -> None:
    claim = only("It is currently banned in several states, including Alabama, Arkansas, Indiana, Rhode Island, "
                 "Vermont, and Wisconsin, kratom advocates say.")
    assert claim.claim_type is ClaimType.LEGAL
    assert claim.direction is Direction.NEGATIVE
    assert claim.effect == "banned in Alabama, Arkansas, Indiana, Rhode Island, Vermont, Wisconsin"


def test_a_list_of_side_effects_stays_one_safety_claim() -> None:
    text = ("As with any treatment, there are potential risks and side effects associated with kratom use. "
            "These may include nausea, constipation, or dizziness.")
    claim = only(text)
    assert claim.key == "safety:kratom:risk-of:negative:adverse-effects"
    assert len(claim.appearances) == 2


def test_a_dose_range_stays_one_dosage_claim() -> None:
    claim = only("The most commonly used kratom dosages fall between 4 to 10 grams.")
    assert claim.claim_type is ClaimType.DOSAGE
    assert claim.effect == "dose 4-10 g"


def test_each_strain_is_paired_with_its_time_of_day() -> None:
    keys = set(claims_of(CHRONIC))
    assert {"dosage:kratom:red-vein-strains-at-night:neutral:-",
            "dosage:kratom:white-vein-strains-in-the-daytime:neutral:-",
            "dosage:kratom:green-vein-strains-all-day:neutral:-"} <= keys


def test_legal_status_statements_are_legal_claims() -> None:
    keys = set(claims_of(RLS))
    assert "legal:kratom:legal-in-california-florida-new-york-texas:positive:-" in keys
    assert "legal:kratom:controlled-substance-in-malaysia-thailand:negative:-" in keys
    assert "legal:kratom:legal-status-varies-by-jurisdiction:neutral:-" in keys
    assert "legal:kratom:schedule-i-controlled-substance-in-united-states:negative:-" in set(claims_of(WITHDRAWAL))


def test_a_mechanism_claim_names_its_target() -> None:
    claim = claims_of(WITHDRAWAL)["mechanism:kratom:increases:neutral:endorphins"]
    assert claim.statement == "Kratom increases endorphins"
    assert claim.appearances[0].asserted_evidence is AssertedEvidence.PRECLINICAL


# --- asserted evidence and hedging ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "level", "cue"),
    [
        ("Clinical trials have reported that kratom reduces pain intensity.", AssertedEvidence.CONTROLLED_TRIAL,
         "Clinical trials"),
        ("A randomized, placebo-controlled study found that kratom reduced pain.", AssertedEvidence.RCT,
         "randomized"),
        ("A meta-analysis showed that kratom relieves pain.", AssertedEvidence.SYSTEMATIC_REVIEW, "meta-analysis"),
        ("Studies indicate that kratom relieves pain.", AssertedEvidence.STUDIES_UNSPECIFIED, "Studies indicate"),
        ("Research suggests that kratom relieves pain.", AssertedEvidence.STUDIES_UNSPECIFIED, "Research suggests"),
        ("A study found that kratom relieves pain.", AssertedEvidence.STUDIES_UNSPECIFIED, "study found"),
        ("Scientific research indicates that kratom relieves pain.", AssertedEvidence.STUDIES_UNSPECIFIED,
         "research indicates"),
        ("Preclinical research has suggested that kratom relieves pain.", AssertedEvidence.PRECLINICAL,
         "Preclinical"),
        ("In mice, kratom relieved pain.", AssertedEvidence.PRECLINICAL, "In mice"),
        ("Users report that kratom relieves their pain.", AssertedEvidence.ANECDOTAL, "Users report"),
        ("Anecdotal evidence suggests that kratom relieves pain.", AssertedEvidence.ANECDOTAL, "Anecdotal"),
        ("Many patients have reported that kratom relieves pain.", AssertedEvidence.ANECDOTAL,
         "patients have reported"),
        ("Kratom is being studied for its potential to relieve pain.", AssertedEvidence.NONE, "is being studied"),
        ("Kratom has been traditionally used to relieve pain.", AssertedEvidence.NONE, "traditionally used"),
        ("The FDA has issued warnings about kratom, including the risk of addiction.", AssertedEvidence.NONE,
         "FDA has issued warnings"),
        ("Kratom relieves pain, but more robust clinical trials are necessary.", AssertedEvidence.NONE, None),
        ("Kratom relieves pain.", AssertedEvidence.NONE, None),
    ],
)
def test_each_appearance_records_the_evidence_its_sentence_asserts(
    sentence: str, level: AssertedEvidence, cue: str | None
) -> None:
    appearance = only(sentence).appearances[0]
    assert appearance.asserted_evidence is level
    if cue is None:
        assert appearance.cue_words == ()
    else:
        assert cue in appearance.cue_words


def test_a_list_under_an_evidence_heading_inherits_its_level() -> None:
    claims = claims_of(RLS)
    sleep = claims["efficacy:kratom:improves:positive:sleep-quality"]
    item = next(a for a in sleep.appearances if a.quote.startswith("Participants reported better quality sleep"))
    assert item.asserted_evidence is AssertedEvidence.CONTROLLED_TRIAL
    assert "clinical studies" in item.cue_words


def test_faq_answers_are_read_with_their_question_and_keep_their_own_evidence() -> None:
    rls = claims_of(RLS)["efficacy:kratom:relieves:positive:restless-legs-syndrome"]
    by_quote = {a.quote: a for a in rls.appearances}
    early = by_quote["Early studies suggest that Kratom may be effective in reducing symptoms associated with "
                     "Restless Legs Syndrome."]
    assert early.asserted_evidence is AssertedEvidence.STUDIES_UNSPECIFIED and early.hedged
    patients = by_quote["Many patients have reported a reduction in their symptoms and improved overall quality "
                        "of life."]  # "their symptoms" are RLS symptoms because the question says so
    assert patients.asserted_evidence is AssertedEvidence.ANECDOTAL
    side_effects = claims_of(RLS)["safety:kratom:risk-of:negative:adverse-effects"]
    assert quoted(side_effects, "These may include nausea, constipation, dizziness")
    assert not any(c.condition in ("nausea", "constipation", "dizziness") for c in claims_of(RLS).values())


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("Kratom may relieve pain.", True),
        ("Kratom might relieve pain.", True),
        ("Kratom could potentially relieve pain.", True),
        ("Kratom is believed to relieve pain.", True),
        ("Preliminary studies show that kratom relieves pain.", True),
        ("Research suggests that kratom relieves pain.", True),
        ("Kratom relieves pain.", False),
        ("Clinical trials have shown that kratom relieves pain.", False),
    ],
)
def test_hedging_is_recorded_per_appearance_and_the_claim_is_still_a_claim(sentence: str, hedged: bool) -> None:
    claim = only(sentence)
    assert claim.key == PAIN
    assert claim.appearances[0].hedged is hedged


def test_a_negated_benefit_is_a_negative_claim() -> None:
    claim = only("Kratom does not relieve fibromyalgia.")
    assert claim.direction is Direction.NEGATIVE
    assert claim.key == "efficacy:kratom:does-not-relieve:negative:fibromyalgia"


def test_research_wanted_and_advice_alone_are_not_efficacy_claims() -> None:
    assert extract_claims("Further research is needed to determine the effectiveness of kratom in treating "
                          "fibromyalgia.", vocabulary()) == []
    assert extract_claims("Users should consult a doctor before using kratom for fibromyalgia.", vocabulary()) == []


# --- candidate terms: what the vocabulary lacks is proposed, never silently dropped -----------------


def candidates_in(text: str, vocab: Vocabulary | None = None) -> set[tuple[str, str]]:
    return {(c.term, c.kind) for c in find_candidates(text, vocab or vocabulary())}


def test_a_remedy_and_a_condition_the_vocabulary_lacks_are_both_proposed() -> None:
    tiny = Vocabulary(interventions=(Term("kratom"),), conditions=(Term("pain"),))
    sentence = "Mullein tea relieves bronchitis."
    assert find_candidates(sentence, tiny) == [Candidate("mullein", "intervention", sentence),
                                               Candidate("bronchitis", "condition", sentence)]
    assert candidates_in("Mullein may help soothe croup.") == {("mullein", "intervention"), ("croup", "condition")}


def test_a_known_remedy_with_an_unknown_condition_proposes_the_condition() -> None:
    assert candidates_in("Ginger relieves hiccups.") == {("hiccups", "condition")}
    assert candidates_in("Mumijo boosts testosterone levels.") == set()  # the vocabulary knows it: shilajit
    assert candidates_in("Chagaroot boosts testosterone levels.") == {("chagaroot", "intervention")}


def test_every_item_of_a_list_the_vocabulary_lacks_is_proposed() -> None:
    assert candidates_in("Drinking mullein tea may help soothe croup, laryngitis and coughs.") == {
        ("mullein", "intervention"), ("croup", "condition"), ("laryngitis", "condition")}


def test_candidates_are_proposed_once_per_term_with_the_first_sentence() -> None:
    text = "Mullein relieves croup. Mullein also eases croup in children."
    found = find_candidates(text, vocabulary())
    assert [(c.term, c.kind) for c in found] == [("mullein", "intervention"), ("croup", "condition")]
    assert all(c.quote == "Mullein relieves croup." for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "Kratom relieves pain.",  # everything known
        "It may also help with various other problems.",  # ordinary words
        "Studies show that it reduces symptoms.",
        "Mullein is a plant that grows in Europe.",  # no claim
        "Mullein for croup",  # a heading
        "Does mullein relieve croup?",  # a question
        "Further research is needed to show whether mullein relieves croup.",
        "High-dose supplements can cause stomach upset.",
        "Magnesium helps muscles relax after they contract.",
    ],
)
def test_ordinary_words_known_terms_and_non_claims_propose_nothing(text: str) -> None:
    assert candidates_in(text) == set()


def test_the_sample_articles_propose_few_candidates() -> None:
    for name in NAMES:
        assert len(find_candidates(text_of(name), vocabulary())) <= 3, name


# --- the vocabulary fixture ---------------------------------------------------------------------


def test_broader_chains_decide_directness() -> None:
    index = vocabulary().index
    assert index.ancestors["fibromyalgia"] >= {"chronic pain", "pain"}
    assert index.ancestors["neuropathic pain"] >= {"chronic pain", "pain"}
    assert "pain" not in index.ancestors["restless legs syndrome"]
    assert "sleep disorders" in index.ancestors["restless legs syndrome"]
    assert index.ancestors["pain"] == frozenset()


def test_vocabulary_fixture_is_consistent() -> None:
    data = json.loads((ROOT / "fixtures" / "vocabulary.json").read_text(encoding="utf-8"))
    names = {entry["name"] for entry in data["conditions"]}
    seen: dict[str, str] = {}
    for kind in ("interventions", "conditions"):
        for entry in data[kind]:
            assert set(entry) == {"name", "synonyms", "mesh", "broader"}
            assert entry["name"] == entry["name"].lower()
            assert set(entry["broader"]) <= names
            for surface in (entry["name"], *entry["synonyms"]):
                assert seen.setdefault(surface.lower(), entry["name"]) == entry["name"], surface
    fibromyalgia = next(e for e in data["conditions"] if e["name"] == "fibromyalgia")
    assert "pain" not in fibromyalgia["synonyms"]


def test_the_vocabulary_covers_the_genre_with_a_broader_graph_and_no_cycles() -> None:
    data = json.loads((ROOT / "fixtures" / "vocabulary.json").read_text(encoding="utf-8"))
    assert len(data["interventions"]) >= 150
    assert len(data["conditions"]) >= 300
    names = {entry["name"] for entry in data["conditions"]}
    broader = {entry["name"]: entry["broader"] for entry in data["conditions"]}
    for entry in data["conditions"]:
        assert set(entry["broader"]) <= names, entry["name"]
    for name in broader:  # a cycle would make a condition its own broader term
        assert name not in vocabulary().index.ancestors[name], name
    for entry in data["interventions"]:
        assert entry["broader"] == [], entry["name"]


def test_synonyms_are_specific_enough_for_a_literature_search() -> None:
    """A bare "withdrawal" or "tolerance" would find every paper on any withdrawal or on drug tolerance."""
    data = json.loads((ROOT / "fixtures" / "vocabulary.json").read_text(encoding="utf-8"))
    too_broad = {"withdrawal", "tolerance", "detox", "detoxification", "symptoms", "health", "disease", "effects",
                 "treatment", "the pill", "gas", "ulcers", "concentration"}
    for kind in ("interventions", "conditions"):
        for entry in data[kind]:
            assert not too_broad & {s.lower() for s in (entry["name"], *entry["synonyms"])}, entry["name"]


def test_the_vocabulary_file_keeps_one_entry_per_line() -> None:
    lines = (ROOT / "fixtures" / "vocabulary.json").read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if line.strip().startswith("{\"name\"")]
    data = json.loads("\n".join(lines))
    assert len(entries) == len(data["interventions"]) + len(data["conditions"])
    for line in entries:
        json.loads(line.strip().rstrip(","))


@pytest.mark.parametrize(
    ("narrower", "broader"),
    [
        ("fibromyalgia", "chronic pain"), ("fibromyalgia", "pain"), ("neuropathic pain", "chronic pain"),
        ("chemotherapy-induced peripheral neuropathy", "neuropathic pain"), ("sciatica", "back pain"),
        ("migraine", "headache"), ("osteoarthritis", "arthritis"), ("insomnia", "sleep disorders"),
        ("generalized anxiety disorder", "anxiety"), ("postpartum depression", "depression"),
        ("gallstones", "gallbladder disease"), ("fatty liver disease", "liver disease"),
        ("hashimoto's thyroiditis", "hypothyroidism"), ("high triglycerides", "hyperlipidemia"),
        ("postoperative nausea and vomiting", "nausea"), ("burnout", "stress"), ("prediabetes", "high blood sugar"),
    ],
)
def test_narrower_conditions_sit_under_their_broader_terms(narrower: str, broader: str) -> None:
    assert broader in vocabulary().index.ancestors[narrower]


@pytest.mark.parametrize(
    ("condition", "not_under"),
    [("restless legs syndrome", "pain"), ("neuropathic pain", "peripheral neuropathy"),
     ("erectile dysfunction", "libido"), ("insomnia", "anxiety")],
)
def test_conditions_are_not_filed_under_terms_they_do_not_belong_to(condition: str, not_under: str) -> None:
    assert not_under not in vocabulary().index.ancestors[condition]


def test_the_matcher_is_built_once_per_vocabulary() -> None:
    assert vocabulary().index is vocabulary().index


# --- against a careful reader's list ------------------------------------------------------------


def _same_sentence(quote: str, sentence: str) -> bool:
    """A labelled list item keeps its bullet ("- diarrhea"); a quote is the item's text."""
    quote, sentence = (" ".join(BULLET.sub("", text, count=1).split()) for text in (quote, sentence))
    return quote == sentence or (len(sentence) > 20 and sentence in quote) or (len(quote) > 20 and quote in sentence)


def _matches(claim: ExtractedClaim, label: dict[str, object]) -> bool:
    """The issue's measure: the claim's type matches the label's and one of its quotes is a sentence listed for it."""
    return (claim.claim_type.value == label["claim_type"]
            and any(_same_sentence(a.quote, s) for a in claim.appearances for s in label["sentences"]))  # type: ignore[attr-defined]


def _matches_exactly(claim: ExtractedClaim, label: dict[str, object]) -> bool:
    """Stricter: remedy, condition and direction must be the label's too (what a fact-checker would not correct)."""
    return (_matches(claim, label) and claim.intervention == label["intervention"]
            and claim.condition == label["condition"] and claim.direction.value == label["direction"])


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float
    listed: int
    extracted: int


BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
CLAIM_TYPES = ("efficacy", "safety", "mechanism", "epidemiology", "legal", "dosage")
GENRE = ROOT / "tests" / "data" / "genre-articles"
GENRE_LABELLED = ROOT / "tests" / "data" / "genre-claims-labelled.json"
HELDOUT = ROOT / "tests" / "data" / "heldout-articles"
HELDOUT_LABELLED = ROOT / "tests" / "data" / "heldout-claims-labelled.json"
BLIND = ROOT / "tests" / "data" / "blind5-articles"
BLIND_LABELLED = ROOT / "tests" / "data" / "blind5-claims-labelled.json"
BLIND6 = ROOT / "tests" / "data" / "blind6-articles"
BLIND6_LABELLED = ROOT / "tests" / "data" / "blind6-claims-labelled.json"
BLIND7 = ROOT / "tests" / "data" / "blind7-articles"
BLIND7_LABELLED = ROOT / "tests" / "data" / "blind7-claims-labelled.json"
BLIND8 = ROOT / "tests" / "data" / "blind8-articles"
BLIND8_LABELLED = ROOT / "tests" / "data" / "blind8-claims-labelled.json"
BLIND9 = ROOT / "tests" / "data" / "blind9-articles"
BLIND9_LABELLED = ROOT / "tests" / "data" / "blind9-claims-labelled.json"


@cache
def extracted_from(directory: Path, name: str) -> tuple[ExtractedClaim, ...]:
    return tuple(extract_claims((directory / name).read_text(encoding="utf-8"), vocabulary()))


def score_set(labelled_file: Path, directory: Path, types: set[str], exactly: bool = False) -> Score:
    """Recall over the labels of those types, precision over every claim of those types the extractor gives."""
    matches = _matches_exactly if exactly else _matches
    labelled = json.loads(labelled_file.read_text(encoding="utf-8"))["articles"]
    found = listed = correct = extracted = 0
    for name, labels in labelled.items():
        claims = [c for c in extracted_from(directory, name) if c.claim_type.value in types]
        labels = [label for label in labels if label["claim_type"] in types]
        listed += len(labels)
        found += sum(any(matches(c, label) for c in claims) for label in labels)
        extracted += len(claims)
        correct += sum(any(matches(c, label) for label in labels) for c in claims)
    return Score(found / max(1, listed), correct / max(1, extracted), listed, extracted)


def report(title: str, labelled_file: Path, directory: Path) -> tuple[Score, Score]:
    """Prints efficacy+safety and each claim type's figures (run pytest with -s to see them): the issue's measure,
    and the exact one that also asks for the label's remedy, condition and direction."""
    both = score_set(labelled_file, directory, {"efficacy", "safety"})
    exact = score_set(labelled_file, directory, {"efficacy", "safety"}, exactly=True)
    print(f"\n{title}, efficacy+safety: recall {both.recall:.3f} of {both.listed} listed, "
          f"precision {both.precision:.3f} of {both.extracted} extracted; "
          f"with remedy, condition and direction exact: {exact.recall:.3f} / {exact.precision:.3f}")
    for kind in CLAIM_TYPES:
        one = score_set(labelled_file, directory, {kind})
        print(f"  {kind:<13} recall {one.recall:.2f} ({one.listed:>3} listed)   "
              f"precision {one.precision:.2f} ({one.extracted:>3} extracted)")
    return both, exact


def test_efficacy_and_safety_claims_match_a_careful_readers_list() -> None:
    both, exact = report("kratom articles", LABELLED, ARTICLES)
    assert both.recall >= 0.9 and exact.recall >= 0.9
    assert both.precision >= 0.85 and exact.precision >= 0.85


def test_labelled_sentences_are_sentences_of_the_articles() -> None:
    for labelled_file, directory in ((LABELLED, ARTICLES), (GENRE_LABELLED, GENRE), (HELDOUT_LABELLED, HELDOUT),
                                    (BLIND_LABELLED, BLIND), (BLIND6_LABELLED, BLIND6),
                                    (BLIND7_LABELLED, BLIND7), (BLIND8_LABELLED, BLIND8),
                                    (BLIND9_LABELLED, BLIND9)):
        labelled = json.loads(labelled_file.read_text(encoding="utf-8"))["articles"]
        assert sorted(labelled) == sorted(p.name for p in directory.glob("*.txt"))
        for name, labels in labelled.items():
            text = " ".join((directory / name).read_text(encoding="utf-8").split())
            for label in labels:
                for sentence in label["sentences"]:
                    assert " ".join(sentence.split()) in text, sentence


def test_articles_about_other_remedies_are_read_as_well() -> None:
    """Thirty-nine articles in the genre about other remedies (tests/data/genre-articles), each labelled by hand
    before the extractor first ran on it. First-run (held-out) efficacy+safety figures, recall / precision:
    ashwagandha, CBD, turmeric 0.62 / 0.80; melatonin, magnesium 0.62 / 0.80; kava and valerian 0.75 / 1.00;
    ginger and rhodiola 0.60 / 0.87; tart cherry and saw palmetto 0.62 / 0.83; lemon balm 0.79 / 0.94; the first
    blind set of eight (St John's wort ... probiotics, written by someone who never saw the extractor) 0.63 / 0.79;
    the second blind set of ten (garlic ... glucosamine) 0.45 / 0.81; the third (collagen ... NAC) 0.47 / 0.77.
    Every one has been used for tuning since, so
    the figures printed here are in-sample and the floors below guard against regressions; the held-out test
    below is the honest estimate. Label corrections after a first run are listed in the JSON's "about"."""
    both, exact = report("other remedies", GENRE_LABELLED, GENRE)
    assert both.recall >= GENRE_RECALL_FLOOR and exact.recall >= GENRE_EXACT_RECALL_FLOOR
    assert both.precision >= GENRE_PRECISION_FLOOR and exact.precision >= GENRE_EXACT_PRECISION_FLOOR


# --- the blind set: articles nobody on the team tuned on ---------------------------------------------

# What the in-sample and blind sets measured, rounded down to 0.05 (the figures and dates are in docs/extraction.md):
# the measure (type and sentence), and the exact one (also remedy, condition and direction).
GENRE_RECALL_FLOOR = 0.85  # measured 0.897 of 766 listed on 2026-12-03 (rules); 0.977 with the second reader
GENRE_PRECISION_FLOOR = 0.90  # measured 0.945 of 711 extracted; 0.950 of 786
GENRE_EXACT_RECALL_FLOOR = 0.80  # 0.816; 0.866
GENRE_EXACT_PRECISION_FLOOR = 0.80  # 0.885; 0.849: the second reader's conditions and directions are its weak part
HELDOUT_RECALL_FLOOR = 0.75  # the fourth blind set on 2026-12-03, no longer blind: 0.796 of 230 listed; 0.957
HELDOUT_PRECISION_FLOOR = 0.90  # 0.955 of 176 extracted; 0.966 of 207
HELDOUT_EXACT_RECALL_FLOOR = 0.50  # 0.548 (its first run on 2026-12-02: 0.370); 0.596
HELDOUT_EXACT_PRECISION_FLOOR = 0.60  # 0.716 (first run 0.708); 0.662
# The fifth and sixth sets are in the second reader's training data since their first runs (docs/extraction.md):
# first runs 0.645 / 0.923 (fifth, rules), 0.690 / 0.873 (sixth, with the second reader); now in-sample.
BLIND_RECALL_FLOOR = 0.90  # 0.965 of 259 listed
BLIND_PRECISION_FLOOR = 0.90  # 0.944 of 234 extracted
BLIND_EXACT_RECALL_FLOOR = 0.70  # 0.734 (first run 0.506)
BLIND_EXACT_PRECISION_FLOOR = 0.75  # 0.812 (first run 0.840)
BLIND6_RECALL_FLOOR = 0.90  # 0.943 of 300 listed
BLIND6_PRECISION_FLOOR = 0.90  # 0.948 of 269 extracted
BLIND6_EXACT_RECALL_FLOOR = 0.50  # 0.567 (first run 0.337)
BLIND6_EXACT_PRECISION_FLOOR = 0.60  # 0.639 (first run 0.584)
# The seventh set's first run on 2026-12-03 (the second reader trained on the 74 articles before it): 0.804 / 0.880
# (rules alone 0.542 / 0.877), exact 0.422 / 0.564; in the training data since.
BLIND7_RECALL_FLOOR = 0.90  # 0.922 of 332 listed
BLIND7_PRECISION_FLOOR = 0.90  # 0.938 of 275 extracted
BLIND7_EXACT_RECALL_FLOOR = 0.45  # 0.491
BLIND7_EXACT_PRECISION_FLOOR = 0.55  # 0.600
# The eighth set's first run on 2026-12-03 (the second reader trained on the 84 articles before it): 0.836 / 0.832
# (rules alone 0.522 / 0.876), exact 0.416 / 0.526; in the training data since.
BLIND8_RECALL_FLOOR = 0.90  # 0.942 of 293 listed
BLIND8_PRECISION_FLOOR = 0.90  # 0.940 of 234 extracted
BLIND8_EXACT_RECALL_FLOOR = 0.45  # 0.491
BLIND8_EXACT_PRECISION_FLOOR = 0.55  # 0.603
# The ninth set's first run on 2026-12-03 (the second reader trained on the 94 articles before it): 0.860 / 0.914
# (rules alone 0.614 / 0.948), exact 0.491 / 0.598; in the training data since.
BLIND9_RECALL_FLOOR = 0.90  # 0.942 of 293 listed
BLIND9_PRECISION_FLOOR = 0.90  # 0.959 of 243 extracted
BLIND9_EXACT_RECALL_FLOOR = 0.50  # 0.536
BLIND9_EXACT_PRECISION_FLOOR = 0.60  # 0.654


def test_the_fourth_blind_set_keeps_what_tuning_on_it_gained() -> None:
    """Articles written and labelled by writers who never saw the extractor (tests/data/heldout-articles; their
    about says who and how): blind for their first run on 2026-12-02 (exact 0.370 / 0.708), tuned on since, so
    the floors guard what that tuning gained; the fifth set below is the honest estimate."""
    both, exact = report("held-out articles", HELDOUT_LABELLED, HELDOUT)
    assert both.recall >= HELDOUT_RECALL_FLOOR and exact.recall >= HELDOUT_EXACT_RECALL_FLOOR
    assert both.precision >= HELDOUT_PRECISION_FLOOR and exact.precision >= HELDOUT_EXACT_PRECISION_FLOOR


# Each blind set from the fifth on: ten articles written and labelled by writers who never saw the extractor (the
# JSON's about says who and how), its first run recorded in docs/extraction.md (from the seventh on, each met the
# bar for other remedies: 0.804 / 0.880, 0.836 / 0.832, 0.860 / 0.914), then added to the second reader's
# training data. The floors guard what that training gained; a new blind set is the honest estimate.
BLIND_SETS = {
    "fifth": (BLIND_LABELLED, BLIND, (BLIND_RECALL_FLOOR, BLIND_PRECISION_FLOOR, BLIND_EXACT_RECALL_FLOOR,
                                      BLIND_EXACT_PRECISION_FLOOR)),
    "sixth": (BLIND6_LABELLED, BLIND6, (BLIND6_RECALL_FLOOR, BLIND6_PRECISION_FLOOR, BLIND6_EXACT_RECALL_FLOOR,
                                        BLIND6_EXACT_PRECISION_FLOOR)),
    "seventh": (BLIND7_LABELLED, BLIND7, (BLIND7_RECALL_FLOOR, BLIND7_PRECISION_FLOOR, BLIND7_EXACT_RECALL_FLOOR,
                                          BLIND7_EXACT_PRECISION_FLOOR)),
    "eighth": (BLIND8_LABELLED, BLIND8, (BLIND8_RECALL_FLOOR, BLIND8_PRECISION_FLOOR, BLIND8_EXACT_RECALL_FLOOR,
                                         BLIND8_EXACT_PRECISION_FLOOR)),
    "ninth": (BLIND9_LABELLED, BLIND9, (BLIND9_RECALL_FLOOR, BLIND9_PRECISION_FLOOR, BLIND9_EXACT_RECALL_FLOOR,
                                        BLIND9_EXACT_PRECISION_FLOOR)),
}


@pytest.mark.parametrize("name", list(BLIND_SETS))
def test_each_blind_set_keeps_what_training_on_it_gained(name: str) -> None:
    labelled, directory, (recall, precision, exact_recall, exact_precision) = BLIND_SETS[name]
    both, exact = report(f"{name} blind set", labelled, directory)
    assert both.recall >= recall and exact.recall >= exact_recall
    assert both.precision >= precision and exact.precision >= exact_precision


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Beetroot juice is popular. The side effect everyone notices is beeturia, pink or red urine.", "beeturia"),
        ("In 1989, hundreds of people developed eosinophilia-myalgia syndrome after taking tryptophan.",
         "eosinophilia-myalgia syndrome"),
        ("Moringa is a plant. People with hypophosphatasia should not take it.", "hypophosphatasia"),
    ],
)
def test_a_harm_named_without_a_claim_verb_is_proposed_as_a_candidate(text: str, term: str) -> None:
    assert term in {c.term for c in find_candidates(text, vocabulary())}


def test_how_common_side_effects_are_is_no_candidate_term() -> None:
    text = "Side effects are uncommon, but they can include drowsiness."
    assert not [c for c in find_candidates(text, vocabulary()) if c.term == "uncommon"]
