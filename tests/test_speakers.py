"""Bare quotes closed by 'he said' / 'she added': statements of the person named before them."""

from __future__ import annotations

from datetime import date

from tests.test_events import events

INTERVIEW = ("In comments published Thursday in the al-Watan newspaper, Assad said he would no longer consider "
             "truce offers.\n")


def statements(text: str) -> list[tuple[tuple[str, ...], str, date | None]]:
    return [(e.actors, e.quote, e.event_date) for e in events(text, date(2016, 12, 9)) if e.event_type == "statement"]


def test_pronoun_quote_continues_the_interview_of_the_person_named_before():
    quote = "\u201cThe decision to liberate all of Syria has been taken, and that includes Aleppo\u201d, he said."
    text = INTERVIEW + "Rebels shelled the west of the city on Friday.\n" + quote
    assert statements(text) == [(("Syrian government",), quote, date(2016, 12, 8))]


def test_a_multi_sentence_quote_is_taken_whole():
    quote = '"We will not stop. The decision has been taken," he added.'
    assert [s[1] for s in statements(INTERVIEW + quote)] == [quote]


def test_the_pronoun_must_agree_with_the_person():
    assert statements(INTERVIEW + "\u201cIt must have been terrifying for them\u201d, she said.") == []


def test_the_last_agreeing_person_speaks():
    quote = "\u201cThe West chose to walk away from the table,\u201d she said."
    text = ("Russian Foreign Ministry spokeswoman Maria Zakharova said in a statement that the talks had failed.\n"
            + INTERVIEW + quote)
    assert statements(text)[-1][:2] == (("Russia",), quote)


def test_a_person_who_did_not_speak_gets_no_quote():
    text = ("Protesters in Idlib burned pictures of Assad and of Putin.\n"
            "\u201cWe have nothing left to eat,\u201d he said.")
    assert statements(text) == []


def test_a_quote_far_from_the_speaker_is_left_alone():
    filler = "".join(f"Shelling hit district number {n} overnight.\n" for n in range(10))
    assert statements(INTERVIEW + filler + "\u201cWe will win,\u201d he said.") == []


def test_a_quote_inside_a_sentence_is_not_a_pronoun_quote():
    text = INTERVIEW + "Residents quoted a commander as saying \u201cwe will win\u201d, he said."
    assert statements(text) == []
