"""The second reader: claims the rules have no sentence form for, read by a model trained on the labelled articles."""
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.extraction import Vocabulary, extract_claims
from claims.extraction.extractor import sentence_views
from claims.extraction.learned import MODEL_FILE, LearnedReader, bundled_reader, features

ROOT = Path(__file__).resolve().parents[2]


def vocabulary() -> Vocabulary:
    return Vocabulary.from_json(json.loads((ROOT / "fixtures" / "vocabulary.json").read_text(encoding="utf-8")))


def keys(text: str, **options: object) -> set[str]:
    return {claim.key for claim in extract_claims(text, vocabulary(), **options)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ginger is popular for nausea. It has been a game changer for my morning sickness, says one reader.",
         "efficacy:ginger:relieves:positive:morning-sickness"),
        ("Feverfew is a daisy-like plant. Many migraine sufferers swear it has cut their attacks in half.",
         "efficacy:feverfew:relieves:positive:migraine"),
        ("Hawthorn is a shrub. In one trial, people with heart failure who took hawthorn could walk farther on a "
         "treadmill.", "efficacy:hawthorn:relieves:positive:heart-failure"),
    ],
)
def test_a_claim_in_words_no_rule_knows_is_read_by_the_second_reader(text: str, key: str) -> None:
    assert key in keys(text)
    assert key not in keys(text, learned=None)  # the rules alone miss it


def test_a_sentence_that_goes_on_about_the_last_benefit_is_another_quote_of_it() -> None:
    text = "Rhodiola may improve athletic performance. We see it with our own athletes too."
    (claim,) = extract_claims(text, vocabulary())
    assert claim.key == "efficacy:rhodiola:improves:positive:athletic-performance"
    assert [a.quote for a in claim.appearances] == ["Rhodiola may improve athletic performance.",
                                                    "We see it with our own athletes too."]
    (ruled,) = extract_claims(text, vocabulary(), learned=None)
    assert len(ruled.appearances) == 1


def test_a_sentence_that_names_no_condition_is_about_its_sections_condition() -> None:
    text = ("Ashwagandha is an ancient herb.\n\nBetter Sleep\n\n"
            "This is the big one. Most of our readers notice it within the first week.")
    claims = extract_claims(text, vocabulary())
    assert [c.key for c in claims] == ["efficacy:ashwagandha:improves:positive:sleep-quality"]
    quotes = [a.quote for a in claims[0].appearances]
    assert quotes and set(quotes) <= {"This is the big one.", "Most of our readers notice it within the first week."}
    assert keys(text, learned=None) == set()


def test_people_warned_off_are_a_contraindication_and_no_benefit() -> None:
    text = "Colostrum is a milk. Because it comes from cow's milk, colostrum isn't right for anyone with a milk allergy."
    assert keys(text) == {"safety:colostrum:contraindicated-in:negative:allergies"}
    assert keys(text, learned=None) == set()


def test_taking_it_without_problems_is_a_reassurance_about_side_effects() -> None:
    text = "Hawthorn is a shrub. Some of our patients take it alongside their usual treatment without problems."
    assert keys(text) == {"safety:hawthorn:is-generally-safe:positive:adverse-effects"}


def test_a_disclaimer_is_no_claim_for_either_reader() -> None:
    assert keys("Saw palmetto is not a cure for prostatitis.") == set()
    assert keys("Ashwagandha is popular. Still, it is no miracle for insomnia.") == set()


def test_a_sentence_with_no_remedy_in_the_article_claims_nothing() -> None:
    assert keys("Many migraine sufferers swear it has cut their attacks in half.") == set()


def test_the_fast_sums_are_the_models_sums_over_the_features() -> None:
    reader = bundled_reader()
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt")))
    views = [view for _, view in sentence_views(text, vocabulary())]
    assert len(views) > 200
    for view in views:
        efficacy, safety = reader.claim_probabilities(view)
        assert efficacy == pytest.approx(reader.probability("efficacy", features(view)), abs=1e-12)
        assert safety == pytest.approx(reader.probability("safety", features(view)), abs=1e-12)


def test_the_bundled_model_is_the_one_training_on_the_labelled_sets_gives(tmp_path: Path) -> None:
    """fixtures/claim-reader.json is never edited by hand: `make claim-reader` writes it, and this retrains it."""
    output = tmp_path / "reader.json"
    out = io.StringIO()
    call_command("train_claim_reader", "--output", str(output), stdout=out)
    trained = json.loads(output.read_text(encoding="utf-8"))
    bundled = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert (trained["about"], trained["threshold"]) == (bundled["about"], bundled["threshold"])
    for target, weights in bundled["weights"].items():  # the same up to the last rounding digit of the fit
        assert trained["bias"][target] == pytest.approx(bundled["bias"][target], abs=2e-3)
        for name in set(weights) | set(trained["weights"][target]):
            assert trained["weights"][target].get(name, 0.0) == pytest.approx(weights.get(name, 0.0), abs=2e-2)
    assert "sentences of 104 articles" in out.getvalue()


def test_training_refuses_a_labelled_set_that_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such"):
        call_command("train_claim_reader", "--labelled", "tests/data/nothing.json:fixtures/articles",
                     "--output", str(tmp_path / "reader.json"))
    with pytest.raises(CommandError, match="LABELS:DIR"):
        call_command("train_claim_reader", "--labelled", "tests/data/claims-labelled.json",
                     "--output", str(tmp_path / "reader.json"))
    assert not (tmp_path / "reader.json").exists()


def test_a_model_without_one_of_its_targets_is_refused() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    del data["weights"]["safety_positive"]
    with pytest.raises(ValueError, match="safety_positive"):
        LearnedReader.from_json(data)
