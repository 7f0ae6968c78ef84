"""Places: find them in text, resolve directional and old-city forms, and test containment.

Data: etl/data/lexicons/places.csv (name, aliases, parent, kind). Names and aliases match
case-sensitively (place names are proper nouns). Generic forms, for any place X of the gazetteer:
"east Aleppo" / "eastern Aleppo" / "Aleppo's (rebel-held) east" / "the east of Aleppo" / "the
eastern part of the city" resolve to the place "East X" when the gazetteer has it (its parent
being X), else to X; "X's Old City" / "the Old City" resolve to "Old City of X" likewise. "the
city" / "the district" and similar refer to the last place of that kind mentioned before them
("the city" falls back on the document's main city).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from etl import lexicon
from etl.actors import actor_index
from etl.places import (
    Found,
    Registry,
    dateline_place,
    document_countries,
    geonames_places,
    names_an_organisation,
    place_id,
    repeated,
    unlisted_places,
)
from etl.regex_trie import trie_alternation

_DIR = r"(?P<dir>(?:north|south)(?:[- ]?(?:east|west))?|east|west)(?:ern)?"
_SECTOR_NOUNS = (r"(?:\s+(?:part|parts|sector|side|half|districts|neighbou?rhoods|suburbs|areas|enclave|"
                 r"outskirts|section))?")
_BEFORE = re.compile(rf"\b(?:the\s+)?(?:(?:besieged|rebel-held|opposition-held|government-held)\s+)?"
                     rf"{_DIR}{_SECTOR_NOUNS}\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)
_AFTER = re.compile(rf"^['’]s\s+(?:[\w-]+\s+){{0,2}}?{_DIR}\b", re.IGNORECASE)
_OLD_CITY_BEFORE = re.compile(r"\b(?:the\s+)?old\s+city\s+of\s+$", re.IGNORECASE)
_OLD_CITY_AFTER = re.compile(r"^['’]s\s+old\s+city\b", re.IGNORECASE)
_ANAPHOR = re.compile(
    rf"\b(?:the\s+)?(?:(?P<dirpart>{_DIR}{_SECTOR_NOUNS})\s+of\s+)?the\s+(?P<kind>city|town|district|neighbou?rhood|enclave|province|region|country|camp)\b"
    rf"|\b(?P<oldcity>the\s+Old\s+City)\b"
    rf"|\b(?P<nation>nationwide|countrywide|nationally)\b",
    re.IGNORECASE,
)
# 'Turkey-backed', 'Britain-based', 'UN-brokered': a place named as an adjective is not where things happen
_ADJECTIVE_SUFFIX = r"-(?:backed|based|led|brokered|born|sponsored|funded|supported|aligned|allied|made)\b"
_NAME_REACH = 60  # how far an actor's name may run on either side of a place inside it
_CAPITAL_BEFORE = re.compile(r"\b[A-Z][\w'’-]*\s+$")
_CAPITAL_AFTER = re.compile(r"\s+(?:[A-Z]|al-|of\s+[A-Z]|for\s+[A-Z])")
_NAMED_NEXT = re.compile(r"\s+of\s+[A-Z]")
_KINDS = {"city": "city", "town": "city", "district": "district", "neighbourhood": "district",
          "neighborhood": "district", "enclave": "sector", "province": "region", "region": "region",
          "country": "country", "camp": "camp"}


def _direction(word: str) -> str:
    """'north', 'North-East', 'northeast', 'south west' -> 'North', 'North-east', 'North-east', 'South-west'."""
    return re.sub(r"^(north|south)[- ]?(east|west)$", r"\1-\2", word.lower()).capitalize()


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    name: str
    parent: str | None
    kind: str


@dataclass(frozen=True)
class PlaceMention:
    """A place named in text: text[start:end] refers to `place`."""

    start: int
    end: int
    place: str


class Gazetteer:
    """Place lookup built from the places lexicon rows."""

    def __init__(self, rows: tuple[dict[str, str], ...]) -> None:
        self.places = {r["name"]: Place(r["name"], r.get("parent") or None, r.get("kind", "")) for r in rows}
        self._forms = {r["name"]: r["name"] for r in rows}
        self.aliases: dict[str, list[str]] = {}
        for r in rows:
            for alias in lexicon.split_list(r.get("aliases", "")):
                self._forms.setdefault(alias, r["name"])
                self.aliases.setdefault(r["name"], []).append(alias)
        self._pattern = re.compile(
            rf"(?<![\w-])(?P<form>{trie_alternation(re.escape(f) for f in self._forms)})"
            rf"(?:s(?=\s+[a-z]))?(?!\w|{_ADJECTIVE_SUFFIX})")  # 'Syrias second city': a possessive, apostrophe lost
        self._sectors = {}
        for place in self.places.values():
            m = re.match(r"(East|West|North|South) (.+)$", place.name)
            if m and place.parent == m.group(2):
                self._sectors[(m.group(1), place.parent)] = place.name

    def form(self, surface: str) -> str | None:
        """The place a name or alias spells exactly, else None."""
        return self._forms.get(surface)

    def add(self, name: str, parent: str | None, kind: str) -> None:
        """Register a place a document named that the lexicon lacks (etl.places: GeoNames, unlisted)."""
        self.places.setdefault(name, Place(name, parent, kind))

    def ancestors(self, name: str) -> list[str]:
        """The place and every place containing it, innermost first (a name not in the gazetteer: itself)."""
        chain = [name]
        place = self.places.get(name)
        while place and place.parent and len(chain) < 20:
            chain.append(place.parent)
            place = self.places.get(place.parent)
        return chain

    def depth(self, name: str) -> int:
        """How many ancestors a place has (more = more specific)."""
        return len(self.ancestors(name)) - 1

    def is_within(self, inner: str, outer: str) -> bool:
        """True when place `inner` is `outer` or lies inside it."""
        return outer in self.ancestors(inner)

    def _refine(self, text: str, m_start: int, m_end: int, name: str) -> tuple[int, int, str]:
        """Widen a plain mention of X to 'eastern X', "X's east" or "X's Old City" when written so."""
        before = _BEFORE.search(text, max(0, m_start - 60), m_start)
        after = _AFTER.match(text[m_end:m_end + 40])
        for hit, start, end in ((before, before.start() if before else 0, m_end),
                                (after, m_start, m_end + after.end() if after else 0)):
            if hit and (sector := self._sectors.get((_direction(hit.group("dir")), name))
                        or self._part(hit, name)):
                return start, end, sector
        old = f"Old City of {name}"
        if old in self.places:
            if (b := _OLD_CITY_BEFORE.search(text, max(0, m_start - 20), m_start)):
                return b.start(), m_end, old
            if (a := _OLD_CITY_AFTER.match(text[m_end:m_end + 20])):
                return m_start, m_end + a.end(), old
        return m_start, m_end, name

    def _part(self, hit: re.Match, name: str) -> str | None:
        """'northern Syria', 'the north-west of Syria', "Gaza's north": a part of a place no list names, kept as a
        sector of it ('North Syria', 'North-west Syria'); 'east of Hama' (outside it) is not one."""
        said = hit.group().lower()
        if re.search(r"\bof\b", said) and not said.startswith("the ") or re.match(r"(?:North|South|East|West)\b", name):
            return None  # 'east of Hama' lies outside it; 'eastern Ghouta' is East Ghouta itself
        part = f"{_direction(hit.group('dir'))} {name}"
        self.add(part, name, "sector")
        return part

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
        """Places named in text[start:end] (not anaphora), in order, directional forms resolved."""
        end = len(text) if end is None else end
        found = []
        for m in self._pattern.finditer(text, start, end):
            if m.end() - m.start() > len(m.group("form")) and _names_an_actor(m.group()):
                continue  # 'Hamas militants' is no possessive of Hama: the longer word is a name of its own
            found.append(PlaceMention(*self._refine(text, m.start(), m.end(), self._forms[m.group("form")])))
        return found

    def main_place(self, mentions: list[PlaceMention]) -> str | None:
        """The document's dominant place: most mentioned (a mention counts for its ancestors too),
        regions and countries only when nothing finer is named; ties go to the more specific place."""
        counts: Counter[str] = Counter()
        for mention in mentions:
            name: str | None = mention.place
            for _ in range(20):
                if not name or name not in self.places:
                    break
                counts[name] += 1
                name = self.places[name].parent
        def rank(n: str) -> tuple[bool, bool, int, int]:  # a region is main only when no city is named
            return self.places[n].kind != "country", self.places[n].kind != "region", counts[n], self.depth(n)

        ranked = sorted(counts, key=rank, reverse=True)
        return ranked[0] if ranked else None

    def main_of_kind(self, main: str | None, kind: str) -> str | None:
        """`main` or its nearest ancestor of `kind` (the city a document is about)."""
        name = main
        for _ in range(20):
            if name is None or name not in self.places:
                return None
            if self.places[name].kind == kind:
                return name
            name = self.places[name].parent
        return None

    def anaphora(self, text: str, mentions: list[PlaceMention], main: str | None,
                 start: int = 0, end: int | None = None) -> list[PlaceMention]:
        """'the city', 'the district', 'the eastern part of the city', 'the Old City', 'nationwide' in
        text[start:end], resolved to the last earlier mention of that kind or the main place."""
        end = len(text) if end is None else end
        found = []
        for m in _ANAPHOR.finditer(text, start, end):
            if _NAMED_NEXT.match(text, m.end()):  # "the district of Al-Shaar" names its place
                continue
            if m.group("nation"):
                name = self._antecedent(mentions, "country", m.start(), main)
            elif m.group("oldcity"):
                city = self.main_of_kind(main, "city")
                name = f"Old City of {city}" if city and f"Old City of {city}" in self.places else None
            else:
                name = self._antecedent(mentions, _KINDS[m.group("kind").lower()], m.start(), main)
                if name and m.group("dirpart"):
                    name = self._sectors.get((_direction(m.group("dir")), name), name)
            if name:
                found.append(PlaceMention(m.start(), m.end(), name))
        return found

    def _antecedent(self, mentions: list[PlaceMention], kind: str, before: int, main: str | None) -> str | None:
        for mention in reversed(mentions):
            if mention.start < before and self.places[mention.place].kind == kind:
                return mention.place
            if mention.start < before and kind == "city" and self.main_of_kind(mention.place, "city"):
                return self.main_of_kind(mention.place, "city")
        return self.main_of_kind(main, kind) if kind in ("city", "region", "country") else None

    def most_specific(self, mentions: list[PlaceMention]) -> str | None:
        """The deepest place among `mentions` (first one on a tie)."""
        best = None
        for mention in mentions:
            if best is None or self.depth(mention.place) > self.depth(best):
                best = mention.place
        return best


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer built from places.csv (bundled rows plus analysts' additions)."""
    return Gazetteer(lexicon.load("places.csv"))


def _names_an_actor(word: str) -> bool:
    """True when the whole of `word` is an actor's name or alias."""
    return any(m.start == 0 and m.end == len(word) for m in actor_index().find(word))


def _inside_a_longer_name(text: str, place: PlaceMention) -> bool:
    """'Tahrir' inside 'Hayat Tahrir al-Sham': part of an actor's longer name, not a place (looked up only
    where a capitalised word runs on either side, as inside a name)."""
    if not (_CAPITAL_BEFORE.search(text, max(0, place.start - 30), place.start)
            or _CAPITAL_AFTER.match(text, place.end)):
        return False
    around = actor_index().find(text, max(0, place.start - _NAME_REACH), place.end + _NAME_REACH)
    return any(m.start <= place.start and place.end <= m.end and m.end - m.start > place.end - place.start
               for m in around)


@cache
def registry() -> Registry:
    """The places of this process: lexicon ones linked to GeoNames, and those documents add (etl.places)."""
    return Registry(gazetteer())


@lru_cache(maxsize=1)
def document_places(text: str) -> tuple[tuple[PlaceMention, ...], str | None]:
    """All place mentions of a document (lexicon places, GeoNames places, unlisted places, and resolved anaphora
    such as 'the city'), in order, and the document's main place; a place inside a longer actor's name is none.
    The last document's answer is kept: its claims and events, extracted one after the other, share it."""
    gaz, reg = gazetteer(), registry()
    named = [p for p in gaz.find(text) if not _inside_a_longer_name(text, p) and not names_an_organisation(text, p.end)]
    countries = document_countries(reg, [p.place for p in named])
    named = [PlaceMention(p.start, p.end, _other_country(reg, text, p, countries)) for p in named]

    def in_actor_name(start: int, end: int) -> bool:
        return _inside_a_longer_name(text, PlaceMention(start, end, ""))

    listed = [Found(p.start, p.end, p.place) for p in named]
    dateline = dateline_place(reg, text, countries)
    added = [dateline] if dateline and not any(p.start < dateline.end and dateline.start < p.end for p in named) else []
    added += geonames_places(reg, text, listed + added, countries, in_actor_name)
    home = reg.records.get(gaz.main_place(named) or "")
    country = next((n for n in gaz.ancestors(home.name) if gaz.places[n].kind == "country"), None) if home else None
    if country is None and countries:
        country = reg.country_name(countries.most_common(1)[0][0])
    added += unlisted_places(reg, text, listed + added, country, in_actor_name)
    found = listed + added + repeated(text, added, listed)
    named = sorted((PlaceMention(f.start, f.end, f.place) for f in found), key=lambda p: p.start)
    main = gaz.main_place(named)
    referred = [a for a in gaz.anaphora(text, named, main)
                if not any(n.start < a.end and a.start < n.end for n in named)]
    return tuple(sorted(named + referred, key=lambda p: p.start)), main


def _other_country(reg: Registry, text: str, p: PlaceMention, countries) -> str:
    """A lexicon city named in a document about other countries, when GeoNames has a place of that name in one of
    them: that place ('Tripoli' in an article about Lebanon)."""
    place = gazetteer().places[p.place]
    iso = reg.country_of(p.place)
    if place.kind != "city" or not countries:
        return p.place
    others = [g for g in reg.geo.lookup(text[p.start:p.end])
              if g.country_code != iso and countries[g.country_code] > countries.get(iso, 0)]
    if not others:
        return p.place
    return reg.add_geonames(max(others, key=lambda g: (countries[g.country_code], g.population)), text[p.start:p.end])


_OF_PLACE = re.compile(r"\s+(?:of|in|from|inside|across|into|on|at|near)\s+[\s\w'’-]*$")


_SPEAKER_AFTER = re.compile(r"\s*,?\s+(?:said|say|says|told|reported|confirmed)\b", re.I)  # 'officials in Misrata said'


def _sector_named_before(text: str, places: Sequence[PlaceMention], p: PlaceMention, sentence: tuple[int, int]) -> str:
    """'the city' after 'five districts in eastern Aleppo' in the same sentence is that sector of it."""
    if not text.startswith("the ", p.start):
        return p.place
    gaz = gazetteer()
    sectors = [q.place for q in places if sentence[0] <= q.start < p.start and q.place in gaz.places
               and gaz.places[q.place].kind == "sector" and gaz.places[q.place].parent == p.place]
    return sectors[-1] if sectors else p.place


def locate(text: str, places: Sequence[PlaceMention], main: str | None, after: int,
           clause: tuple[int, int], sentence: tuple[int, int]) -> str | None:
    """Where something stated at text[..after] happens: a place right after it ("70 percent of
    east Aleppo", "withdrew from the Old City"), else the most specific place of its clause, else
    of its sentence, else the nearest place named earlier in its paragraph, else the document's main place.
    Where a speaker is ('officials in Misrata said') is not where the figure is."""
    for p in places:
        if after <= p.start <= after + 40 and _OF_PLACE.match(text, after, p.start):
            return _sector_named_before(text, places, p, sentence)
    for start, end in (clause, sentence):
        inside = [p for p in places if start <= p.start < end and not _SPEAKER_AFTER.match(text, p.end)]
        if inside:
            return gazetteer().most_specific(inside)
    paragraph = text.rfind("\n", 0, sentence[0]) + 1
    earlier = [p for p in places if paragraph <= p.start < sentence[0] and not _SPEAKER_AFTER.match(text, p.end)]
    if len(earlier) > 1 and earlier[-1].start - earlier[-2].end <= 2 \
            and is_within(earlier[-2].place, earlier[-1].place):
        return earlier[-2].place  # 'BAGHDAD, Iraq -': the country only says where the city is
    return earlier[-1].place if earlier else main


def place_rows(doc_id: str, names: Iterable[str | None]) -> list[dict]:
    """Rows of place_store for the places a document's mentions use and every place containing them."""
    gaz, reg = gazetteer(), registry()
    rows = []
    for name in dict.fromkeys(a for n in names if n for a in gaz.ancestors(n)):
        if (rec := reg.record(name)) is not None:
            row = {k: v for k, v in vars(rec).items() if k != "parent"}
            rows.append({**row, "doc_id": doc_id, "parent_id": place_id(rec.parent), "aliases": list(rec.aliases)})
    return rows


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """Places named in text[start:end]; see Gazetteer.find."""
    return gazetteer().find(text, start, end)


def is_within(inner: str, outer: str) -> bool:
    """True when place `inner` is `outer` or lies inside it (Shaar within Syria)."""
    return gazetteer().is_within(inner, outer)
