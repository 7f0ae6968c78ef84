"""extract_claims on short sentences from several wars, and on the five seed articles."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from etl.claims import extract_claims
from etl.model import ClaimMention, CleanDocument

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "seeds"


def doc(text: str, published: date | None = date(2017, 3, 1)) -> CleanDocument:
    return CleanDocument(text, None, None, published, "explicit" if published else "unknown", "en")


def only(text: str, **kw) -> ClaimMention:
    claims = extract_claims(doc(text, **kw))
    assert len(claims) == 1, claims
    return claims[0]


def check_offsets(text: str, claims: list[ClaimMention]) -> None:
    for c in claims:
        assert text[c.quote_start:c.quote_start + len(c.quote)] == c.quote
        assert c.quote_start <= c.char_start < c.char_end <= c.quote_start + len(c.quote)


def test_territory_percent_with_directional_place_and_holder():
    text = "Iraqi forces have retaken about 60 percent of eastern Mosul, a military spokesman said."
    c = only(text)
    assert text[c.char_start:c.char_end] == "60 percent"
    assert (c.metric, c.unit, c.value, c.qualifier) == ("territory_control_pct", "percent", 60.0, "approx")
    assert (c.location, c.subject, c.modality) == ("East Mosul", "government forces", "asserted")
    assert c.attributed_to == "military spokesman"
    assert c.quote == text and c.quote_start == 0


def test_killed_and_wounded_in_one_clause_get_their_own_triggers():
    text = ("At least 21 people were killed and 40 wounded in an air strike on a market in Saada province "
            "on Saturday, health officials said.")
    killed, wounded = extract_claims(doc(text))
    assert (killed.metric, killed.value, killed.qualifier) == ("people_killed", 21.0, "at_least")
    assert (wounded.metric, wounded.value, wounded.qualifier) == ("people_injured", 40.0, "exact")
    assert killed.location == wounded.location == "Saada"
    assert killed.attributed_to == "health ministry"
    check_offsets(text, [killed, wounded])


def test_weekday_dates_the_figure():
    text = "At least 21 people were killed in an air strike on a market in Saada province on Saturday."
    assert only(text).as_of == date(2017, 2, 25)


def test_russian_control_of_mariupol():
    c = only("Russian forces control nearly 90% of Mariupol, Ukrainian officials said.")
    assert (c.metric, c.value, c.qualifier, c.location, c.subject) == (
        "territory_control_pct", 90.0, "approx", "Mariupol", "Russian forces")
    assert c.attributed_to == "Ukrainian officials"


def test_unattributed_displacement_in_millions():
    c = only("More than 1.5 million people have been displaced.")
    assert (c.metric, c.value, c.qualifier, c.attributed_to, c.location) == (
        "people_displaced", 1_500_000.0, "more_than", None, None)


def test_range_gives_low_high_and_midpoint():
    c = only("RSF fighters killed between 100 and 150 civilians in El Fasher.")
    assert (c.value, c.value_low, c.value_high, c.qualifier) == (125.0, 100.0, 150.0, "approx")
    assert (c.metric, c.subject, c.location) == ("people_killed", "civilians", "El Fasher")


def test_un_figure_is_attributed():
    c = only("The UN said 48,000 people had fled Mosul since the offensive began.")
    assert (c.metric, c.value, c.attributed_to, c.location) == ("people_displaced", 48000.0, "United Nations", "Mosul")


def test_combatant_noun_counts_fighters_unless_a_casualty_trigger():
    c = only("Some 500 militants remain holed up in Marawi, the army said.")
    assert (c.metric, c.value, c.qualifier, c.location) == ("fighters", 500.0, "approx", "Marawi")
    c = only("Government troops killed 30 militants near Marawi.")
    assert (c.metric, c.value) == ("people_killed", 30.0)


def test_including_children_and_ministry_attribution():
    text = ("Israeli strikes on Khan Younis killed 42 Palestinians, including 18 children, "
            "according to the Gaza health ministry.")
    adults, children = extract_claims(doc(text))
    assert (adults.value, children.value, children.subject) == (42.0, 18.0, "children")
    assert adults.attributed_to == children.attributed_to == "Gaza health ministry"


def test_trapped_in_old_city():
    c = only("Up to 200,000 civilians are trapped in the Old City of Mosul.")
    assert (c.metric, c.qualifier, c.location) == ("population_trapped", "at_most", "Old City of Mosul")


@pytest.mark.parametrize("text, modality", [
    ("With the capture of Marawi's centre, the army would hold 70 percent of the city.", "hypothetical"),
    ("The rebels say they want a short truce to evacuate 500 critical medical cases.", "proposed"),
    ("The militia claimed eight soldiers were killed in the ambush.", "claimed"),
    ("The ministry denied that 40 civilians were killed in the strike.", "denied"),
    ("Eight soldiers were killed in the ambush.", "asserted"),
    ("The UN said 70 civilians were killed near Baidoa.", "asserted"),
])
def test_modality(text, modality):
    assert only(text).modality == modality


@pytest.mark.parametrize("text", [
    "The five-year conflict has killed hundreds of thousands of people.",
    "For the first time in 14 years, Syria resumes oil exports with a shipment of 600,000 barrels.",
    "Resolution 2254 was adopted at 10:30 after a three-week offensive.",
    "Tens of thousands of civilians fled as the fighting spread.",
    "Council members voted on a seven-day ceasefire on Dec. 5, 2016.",
    "2 min read",
    "The aid package is worth $600,000 and £3m.",
    "The 34-year-old commander, aged 34, said the town was quiet.",
    "The broadcaster reaches an audience of over 326 million people in more than 40 languages.",
    "Seven in ten residents of Raqqa have no running water.",
])
def test_no_claim(text):
    assert extract_claims(doc(text)) == []


@pytest.mark.parametrize("text", [
    "Related coverage: Central bank holds rates at 4 percent",
    "Dozens were wounded in the shelling, two nurses told reporters.",
])
def test_no_claim_from_headlines_or_sources(text):
    assert extract_claims(doc(text)) == []


def test_a_baseline_figure_is_not_a_claim():
    c = only("Fewer than 500 civilians remain trapped in the village, down from about 3,000 before the siege.")
    assert (c.metric, c.value, c.qualifier) == ("population_trapped", 500.0, "less_than")


def test_part_of_a_whole_counts_the_part():
    c = only("Government troops have retaken 23 of the 40 villages around Kidal, the army said.")
    assert (c.metric, c.value, c.unit) == ("districts_captured", 23.0, "districts")
    assert only("Rebels now hold 12 of the 30 districts of Goma.").value == 12.0


def test_the_number_of_people_rose_to_a_figure():
    c = only("The number of people who have fled Kherson since the bridge fell has risen to at least 12,500.")
    assert (c.metric, c.value, c.qualifier) == ("people_displaced", 12500.0, "at_least")


def test_a_casualty_word_inside_the_noun_phrase_is_a_modifier():
    c = only("Medics asked for a pause to evacuate 80 wounded civilians from the besieged hospital.")
    assert (c.metric, c.modality) == ("people_evacuated", "proposed")
    claims = extract_claims(doc("Shelling killed 14 people, and 30 wounded civilians were taken to hospital."))
    assert [(c.metric, c.value) for c in claims] == [("people_killed", 14.0), ("people_injured", 30.0)]


def test_including_takes_the_metric_of_the_figure_it_details():
    text = "Some 300,000 civilians remain trapped in Gaza City, including about 90,000 in the north."
    assert [(c.metric, c.value) for c in extract_claims(doc(text))] == [
        ("population_trapped", 300000.0), ("population_trapped", 90000.0)]


def test_a_clause_of_its_own_takes_no_trigger_from_around_it():
    text = "The UN says 3 million people have been displaced in Darfur, and that 700,000 people face famine."
    assert [(c.metric, c.value) for c in extract_claims(doc(text))] == [("people_displaced", 3000000.0)]


def test_fraction_of_a_city_is_not_a_quarter_year():
    c = only("Russian forces claimed to control roughly three quarters of Severodonetsk on Sunday.")
    assert (c.metric, c.value) == ("territory_control_pct", 75.0)


@pytest.mark.parametrize("text", [
    "The militia said it controls 60 percent of Kidal, a claim the army rejected.",
    "Officials say 1,200 people have been killed in Beni, a figure that could not be independently verified.",
    "Kyiv puts the number of Russian soldiers killed near Vuhledar at 5,000, a figure Moscow disputes.",
    "The Somali army said its forces had killed 70 al-Shabaab fighters near Baidoa.",
    "The RSF said it had seized 12 villages in Gezira state.",
    "The Houthis say they still hold 40 percent of Marib.",
])
def test_a_figure_the_sentence_disputes_is_claimed(text):
    assert only(text).modality == "claimed"


def test_pronoun_source_comes_from_the_previous_sentence():
    text = ("The provincial council says the shelling has not stopped. "
            "It estimates that about 40,000 people remain trapped in Bakhmut.")
    assert only(text).attributed_to == "provincial council"


def test_source_with_an_apposition_before_the_cue():
    text = "Rebels hold 12 districts of Goma, Col. Jean Mbala, a brigade commander, told reporters."
    assert only(text).attributed_to == "brigade commander"


def test_warning_that_is_a_report_not_a_demand():
    c = only("The UN has called for a ceasefire around El Fasher, warning that 800,000 civilians are trapped there.")
    assert (c.metric, c.modality, c.attributed_to) == ("population_trapped", "asserted", "United Nations")


def test_empty_and_undated_documents():
    assert extract_claims(doc("")) == []
    c = only("Eight soldiers were killed in the ambush.", published=None)
    assert c.metric == "people_killed"


# --- the five seed articles -------------------------------------------------------------------

PUBLISHED = {"000": date(2016, 11, 20), "001": date(2016, 12, 7), "002": date(2016, 12, 8),
             "003": date(2016, 12, 6), "004": date(2016, 12, 6)}


def seed(prefix: str) -> tuple[str, list[ClaimMention]]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^.*(?:pic\.twitter\.com|read$|^— |Share this article|Read more).*$", "", text)
    claims = extract_claims(doc(text, published=PUBLISHED[prefix]))
    check_offsets(text, claims)
    return text, claims


def find(text: str, claims: list[ClaimMention], figure: str) -> ClaimMention:
    hits = [c for c in claims if text[c.char_start:c.char_end] == figure]
    assert hits, f"no claim on {figure!r}: {[text[c.char_start:c.char_end] for c in claims]}"
    return hits[0]


def test_seed_000():
    text, claims = seed("000")
    trapped, gunmen = find(text, claims, "275,000"), find(text, claims, "6,000")
    assert (trapped.metric, trapped.location, trapped.modality) == ("population_trapped", "East Aleppo", "claimed")
    assert (gunmen.metric, gunmen.modality) == ("fighters", "claimed")
    children = find(text, claims, "eight")
    assert (children.metric, children.subject, children.modality) == ("people_killed", "children", "claimed")
    c = find(text, claims, "37")
    assert (c.metric, c.qualifier) == ("people_killed", "at_least")
    assert c.attributed_to == "Syrian Observatory for Human Rights"
    assert len(claims) == 4


def test_seed_000_dates():
    text, claims = seed("000")
    c = find(text, claims, "37")
    assert (c.period_start, c.as_of) == (date(2016, 11, 19), date(2016, 11, 20))
    assert find(text, claims, "eight").as_of == date(2016, 11, 20)


def test_seed_001():
    text, claims = seed("001")
    c = find(text, claims, "31,500")
    assert (c.metric, c.qualifier, c.location) == ("people_displaced", "approx", "East Aleppo")
    assert c.attributed_to is not None
    cases = find(text, claims, "500")
    assert (cases.metric, cases.modality) == ("people_evacuated", "proposed")
    assert len(claims) == 2


def test_seed_001_dates():
    text, claims = seed("001")
    c = find(text, claims, "31,500")
    assert (c.period_start, c.as_of) == (date(2016, 11, 30), date(2016, 12, 7))


def test_seed_002():
    text, claims = seed("002")
    c = find(text, claims, "80%")
    assert (c.metric, c.value, c.qualifier, c.location, c.subject) == (
        "territory_control_pct", 80.0, "approx", "East Aleppo", "government forces")
    assert (find(text, claims, "Eleven").metric, find(text, claims, "Eleven").value) == ("people_killed", 11.0)
    c = find(text, claims, "150")
    assert (c.metric, c.qualifier) == ("people_evacuated", "approx")


def test_seed_003():
    text, claims = seed("003")
    c = find(text, claims, "two-thirds")
    assert (c.metric, c.value, c.location) == ("territory_control_pct", 66.7, "East Aleppo")
    assert c.subject == "government forces"
    c = find(text, claims, "a third")
    assert (c.value, c.qualifier, c.location) == (33.3, "approx", "Shaar")
    assert c.attributed_to == "Syrian Observatory for Human Rights"
    c = find(text, claims, "70 percent")
    assert (c.metric, c.location, c.modality) == ("territory_control_pct", "East Aleppo", "hypothetical")
    c = find(text, claims, "341")
    assert (c.metric, c.qualifier) == ("people_killed", "more_than")


def test_seed_004():
    text, claims = seed("004")
    c = find(text, claims, "81")
    assert (c.metric, c.attributed_to) == ("people_killed", "Syrian Observatory for Human Rights")
    c = find(text, claims, "five")
    assert (c.metric, c.unit, c.value, c.location) == ("districts_captured", "districts", 5.0, "East Aleppo")
    c = find(text, claims, "70 percent")
    assert (c.metric, c.qualifier, c.attributed_to) == ("territory_control_pct", "approx",
                                                        "Syrian Observatory for Human Rights")
    c = find(text, claims, "half")
    assert (c.value, c.qualifier) == (50.0, "more_than")
    c = find(text, claims, "250,000")
    assert (c.metric, c.qualifier) == ("population_trapped", "approx")
    assert len(claims) == 5


def test_seed_004_dates():
    text, claims = seed("004")
    assert find(text, claims, "five").as_of == date(2016, 12, 6)
    assert find(text, claims, "70 percent").as_of == date(2016, 12, 6)


def test_a_run_on_sentence_is_cut_so_extraction_stays_linear():
    from etl.sentences import MAX_SENTENCE_CHARS, sentences

    text = "At least 12 civilians were killed in Taiz, medics said, " * 400
    spans = sentences(text)
    assert len(spans) > 1 and all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The Central Committee of Sudan Doctors put the civilian death toll at 144.",
         "Central Committee of Sudan Doctors"),
        ("A coalition spokesman denied that its aircraft had killed 40 people at the camp.", "coalition spokesman"),
        ("China evacuated nearly 600 of its citizens on Sunday, while India said its embassy would close.", None),
        ("Nearly 600 people were evacuated on Sunday, the navy said.", "navy"),
    ],
)
def test_who_a_figure_is_attributed_to(text: str, source: str | None) -> None:
    assert only(text).attributed_to == source


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("A lawmaker said the Taliban had taken nine of the city's ten police districts.", "districts_captured", 9.0),
        ("The army said on Monday that about 400 militants had been neutralised.", "people_killed", 400.0),
        ("The toll rose to 56 on Friday, officials said.", "people_killed", 56.0),
        ("The ministry said it had bused some 600 elderly residents to camps on Sunday.", "people_evacuated", 600.0),
        ("Around 180,000 people have crossed into Turkey since the offensive began.", "people_displaced", 180000.0),
        ("Officials believe the LTTE has no more than 1,500 cadres left.", "fighters", 1500.0),
        ("The unit puts the number of IDPs in the governorate at around 1 million.", "people_displaced", 1e6),
    ],
)
def test_more_ways_of_stating_a_figure(text: str, metric: str, value: float) -> None:
    """Parts of a whole, armies' words for killing, tolls, crossings, bussing, cadres, IDPs."""
    c = only(text)
    assert (c.metric, c.value) == (metric, value)


def test_households_are_not_people():
    assert extract_claims(doc("More than 20,000 families have fled Lashkar Gah.")) == []
    c = only("IOM recorded 1,392 households (approximately 8,900 people) newly displaced.")
    assert (c.metric, c.value) == ("people_displaced", 8900.0)


# published Wednesday 1 March 2017
@pytest.mark.parametrize("text, kind, period_start, as_of", [
    ("At least 23 people were killed in air strikes on Idlib in the past 24 hours, the Observatory said.",
     "period", date(2017, 2, 28), date(2017, 3, 1)),
    ("Some 900 people have fled Kherson since Saturday, officials said.", "period", date(2017, 2, 25),
     date(2017, 3, 1)),
    ("Rebels killed 14 soldiers near Marawi on Tuesday.", "period", date(2017, 2, 28), date(2017, 2, 28)),
    ("Overnight shelling killed 7 civilians in Donetsk.", "period", None, date(2017, 3, 1)),
    ("The death toll in Gaza has risen to 1,200 since the war began on October 7.", "cumulative",
     date(2016, 10, 7), date(2017, 3, 1)),
    ("More than 3,000 civilians have been killed so far in Tigray, officials said.", "cumulative", None,
     date(2017, 3, 1)),
    ("About 250,000 people have fled Darfur since 2015.", "cumulative", date(2015, 1, 1), date(2017, 3, 1)),
    ("About 20,000 people remain trapped in Mariupol.", "level", None, date(2017, 3, 1)),
    ("Government forces now control 60 percent of Aleppo.", "level", None, date(2017, 3, 1)),
    ("Some 40,000 people are still displaced in Marawi.", "level", None, date(2017, 3, 1)),
])
def test_what_a_figure_counts_and_its_period(text, kind, period_start, as_of):
    c = only(text)
    assert (c.count_kind, c.period_start, c.as_of) == (kind, period_start, as_of)


def test_a_part_of_an_earlier_figure_is_dated_by_that_report():
    text = ("The UNHCR said on Monday that 70,000 people had fled Raqqa since the offensive began. "
            "About 12,000 of them have fled since mid-February.")
    part = extract_claims(doc(text))[-1]
    assert (part.value, part.count_kind, part.period_start, part.as_of) == (
        12000.0, "period", date(2017, 2, 15), date(2017, 2, 27))


def test_a_running_total_since_the_start_of_the_war_takes_the_start_its_document_states():
    text = ("The civil war began in early 2013 when the army cracked down on protests. "
            "More than 50,000 people have fled the province since the start of the war, the UN said.")
    c = extract_claims(doc(text))[-1]
    assert (c.count_kind, c.period_start) == ("cumulative", date(2013, 1, 1))


@pytest.mark.parametrize("text, kind", [
    ("At least 43 people have been killed by government shelling in Douma.", "period"),  # an incident
    ("The conflict has killed more than 280,000 people.", "cumulative"),  # the war itself counted
    ("Seven children were among 71 civilians killed in opposition-held areas on Tuesday and Wednesday.", "period"),
])
def test_a_perfect_tense_is_a_running_total_only_when_the_war_is_counted(text, kind):
    assert extract_claims(doc(text))[-1].count_kind == kind


def test_two_days_joined_by_and_are_one_window():
    c = extract_claims(doc("Air strikes killed 71 civilians in Idlib on Monday and Tuesday."))[-1]
    assert (c.count_kind, c.period_start, c.as_of) == ("period", date(2017, 2, 27), date(2017, 2, 28))


def test_a_photo_credit_ends_a_caption_run_into_the_text():
    text = "Rebels hold a checkpoint near Aleppo June 6 2015 (Reuters) Two people were killed in Avanli village."
    assert only(text).as_of == date(2017, 3, 1)


@pytest.mark.parametrize("text", [
    "Islamic State was pushed back. Counter-Terrorism Service units now control about a quarter of the city of Mosul.",
    "Rebels retreated from the ruins. The Tiger Forces hold 40 percent of Palmyra, a military source said.",
    "Regime loyalists control about 70 percent of Aleppo's old city, the Observatory said.",
    "Taliban fighters fled as the Afghan National Army took control of 60 percent of Kunduz.",
])
def test_a_unit_or_alias_of_a_side_holds_ground_for_that_side(text):
    assert extract_claims(doc(text))[-1].subject == "government forces"


@pytest.mark.parametrize("text, source", [
    ("Iraq's Ministry of Migration and Displacement said on Wednesday that about 76,000 people have been displaced "
     "since the campaign began, a higher figure than the one given by the UN migration agency.",
     "Iraq's Ministry of Migration and Displacement"),
    ("Yemen's Health Ministry said 40 people were killed in Taiz, while the UN gave no figure.", "health ministry"),
    ("At least 30 civilians were killed in Bakhmut, according to the UN, as Russian forces shelled the town.",
     "United Nations"),
])
def test_a_figure_is_attributed_to_its_own_reporting_cue(text, source):
    assert extract_claims(doc(text))[0].attributed_to == source


# published Wednesday 1 March 2017, in the several ways unseen outlets date a figure
@pytest.mark.parametrize("text, kind, period_start, as_of", [
    ("Air strikes killed 30 people in Aleppo last week, the Observatory said.", "period", date(2017, 2, 20),
     date(2017, 2, 26)),
    ("At least 120 civilians were killed in the past 48 hours, medics said.", "period", date(2017, 2, 27),
     date(2017, 3, 1)),
    ("Government forces captured 5 districts of Sirte earlier this month.", "period", date(2017, 3, 1),
     date(2017, 3, 1)),
    ("Rebels said on Monday that 40 fighters were killed near Marib.", "period", date(2017, 2, 27), date(2017, 2, 27)),
    ("About 8,000 people fled Mosul last month, the IOM said.", "period", date(2017, 2, 1), date(2017, 2, 28)),
    ("ERBIL, Iraq, Feb 26 (Reuters) - Air strikes killed 12 people in Mosul.", "period", date(2017, 2, 26),
     date(2017, 2, 26)),
    ("Residents flee Aleppo, 25 February (AFP) Some 2,000 people fled the city in the past day.", "period",
     date(2017, 2, 28), date(2017, 3, 1)),
])
def test_dating_that_travels(text, kind, period_start, as_of):
    c = extract_claims(doc(text))[-1]
    assert (c.count_kind, c.period_start, c.as_of) == (kind, period_start, as_of)


def test_a_window_of_another_clauses_figure_does_not_date_this_one():
    text = ("Aid groups said more than 84,000 people had fled Fallujah since the offensive began on May 23, "
            "including some 30,000 in the past 48 hours alone.")
    total, part = extract_claims(doc(text, published=date(2016, 6, 18)))
    assert (total.count_kind, total.period_start) == ("cumulative", date(2016, 5, 23))
    assert (part.count_kind, part.period_start) == ("period", date(2016, 6, 16))


def test_since_the_war_began_takes_the_date_another_sentence_gives_it():
    text = ("The health ministry said 28,000 people had been killed since Oct. 7, 2023, when gunmen stormed "
            "the south. Some 1.7 million people have been displaced since the war began, the UN said.")
    displaced = extract_claims(doc(text, published=date(2024, 2, 12)))[-1]
    assert (displaced.count_kind, displaced.period_start) == ("cumulative", date(2023, 10, 7))


def test_a_later_window_gives_no_start_to_a_running_total_since_the_start_of_an_operation():
    text = ("The UN said on Monday that some 50,000 people had been displaced since the start of the operation. "
            "About 9,000 of them have fled since mid-February, when fighting spread into the old city.")
    total = extract_claims(doc(text))[0]
    assert (total.count_kind, total.period_start) == ("cumulative", None)
