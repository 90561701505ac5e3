"""The adaptive follow-up: a stage's missing rubric item, asked once, with its reason."""

from __future__ import annotations

import pytest

from app.errors import DebriefError
from app.interviewer.chooser import Coverage, choose_followup
from app.prompts.followups import load_followups
from app.prompts.rubric import known_rubric
from app.stages import STAGE_IDS
from app.transcript import INTERVIEWER, Segment

BANK = load_followups()
RUBRIC = ("idempotency", "webhooks", "error-handling", "concurrency")
PROMPT = "messaging-scheduled-messages"
TECHNICAL = 600.0  # a ten-minute technical stage

SO_FAR = [
    Segment(0.0, 8.0, "The developer is a backend engineer at a clinic booking company."),
    Segment(600.0, 610.0, "The create call takes a send at timestamp and returns a schedule id."),
    Segment(700.0, 712.0, "When it fires we post a status callback to their webhook URL."),
    Segment(800.0, 815.0, "A bad timestamp gets a 400 with error code 21606 in the body."),
    Segment(900.0, 905.0, "Two workers racing on the same schedule is a concurrency problem."),
]


def choose(segments, elapsed, **kw):
    args = {"stage": "technical", "budget": TECHNICAL, "rubric": RUBRIC, "bank": BANK,
            "prompt_id": PROMPT, **kw}
    return choose_followup(segments, elapsed=elapsed, **args)


def test_idempotency_missing_by_minute_six_of_technical_is_asked_with_its_reason():
    followup = choose(SO_FAR, 360.0)
    assert followup is not None and followup.item == "idempotency"
    assert followup.text in BANK["idempotency"].questions_for(PROMPT)
    assert followup.reason == "Idempotency not mentioned by 6:00 of Technical considerations"


def test_this_prompts_own_question_comes_before_the_general_ones():
    own = BANK["idempotency"].questions_for(PROMPT)[0]
    assert own not in BANK["idempotency"].questions
    assert choose(SO_FAR, 360.0).text == own
    assert choose(SO_FAR, 360.0, prompt_id="another-prompt").text == BANK[
        "idempotency"].questions[0]


def test_nothing_before_the_items_point_in_the_stage_budget():
    point = BANK["idempotency"].after * TECHNICAL
    assert choose(SO_FAR, point - 1) is None
    assert choose(SO_FAR, point) is not None


def test_once_the_candidate_has_said_it_it_is_not_asked():
    said = [*SO_FAR, Segment(950.0, 960.0, "Each create call carries an idempotency key.")]
    assert choose(said, 360.0) is None


def test_the_recognizers_spelling_counts_as_said():
    said = [*SO_FAR, Segment(950.0, 960.0, "Each create call carries an item potency key.")]
    assert choose(said, 360.0) is None


def test_the_interviewers_own_words_do_not_count_as_the_candidates():
    asked = Segment(950.0, 955.0, "Where does the idempotency key live?", speaker=INTERVIEWER)
    assert choose([*SO_FAR, asked], 360.0).item == "idempotency"


def test_an_item_asked_about_is_not_asked_again_and_no_question_repeats():
    first = choose(SO_FAR, 360.0)
    assert choose(SO_FAR, 360.0, asked_items={"idempotency"}) is None
    again = choose(SO_FAR, 360.0, asked={first.text})
    assert again.item == "idempotency" and again.text != first.text


def test_the_prompts_rubric_order_decides_between_missing_items():
    bare = SO_FAR[:2]
    assert choose(bare, 360.0).item == "idempotency"
    assert choose(bare, 360.0, asked_items={"idempotency"}).item == "webhooks"


def test_items_of_another_stage_are_not_asked_here():
    assert choose([], 200.0, stage="metrics", budget=300.0, rubric=("idempotency",)) is None
    followup = choose([], 200.0, stage="metrics", budget=300.0, rubric=("api-adoption",))
    assert followup.item == "api-adoption"
    assert followup.reason == "API adoption not mentioned by 3:20 of Metrics"


def test_the_bank_covers_every_rubric_item_with_three_to_five_questions():
    assert set(BANK) == set(known_rubric())
    for item in BANK.values():
        assert 3 <= len(item.questions) <= 5, item.id
        assert set(item.stages) <= set(STAGE_IDS)
        assert all(q.endswith("?") for q in item.questions_for(PROMPT)), item.id
    every = [q for item in BANK.values() for q in item.questions_for(PROMPT)]
    assert len(every) == len(set(every)), "a question appears twice in the bank"


@pytest.mark.parametrize(("body", "fault"), [
    ('[[item]]\nstages = ["technical"]\nquestions = ["Why?"]\n', "has no id"),
    ('[[item]]\nid = "x"\nstages = ["lunch"]\nquestions = ["Why?"]\n', "stages must name"),
    ('[[item]]\nid = "x"\nstages = ["technical"]\nafter = 2\nquestions = ["Why?"]\n',
     "after must be"),
    ('[[item]]\nid = "x"\nstages = ["technical"]\nquestions = []\n', "list of questions"),
    ('[[item]\n', "not valid TOML"),
])
def test_a_bad_bank_is_one_error_naming_the_file(tmp_path, body, fault):
    path = tmp_path / "followups.toml"
    path.write_text(body)
    with pytest.raises(DebriefError) as error:
        load_followups(path)
    assert fault in str(error.value) and str(path) in str(error.value)


def test_the_remembered_coverage_agrees_with_matching_afresh():
    coverage = Coverage(RUBRIC)
    asked = Segment(950.0, 955.0, "Where does the idempotency key live?", speaker=INTERVIEWER)
    assert coverage.covered([*SO_FAR, asked]) == {"webhooks", "error-handling", "concurrency"}
    said = Segment(960.0, 965.0, "Each create call carries an idempotency key.")
    covered = coverage.covered([*SO_FAR, asked, said])
    assert "idempotency" in covered
    assert choose(SO_FAR, 360.0, covered=covered) is None
