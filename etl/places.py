"""Places beyond the project's lexicon: GeoNames towns and villages, unlisted places, and each place's record.

The lexicon (etl/data/lexicons/places.csv, etl.gazetteer) stays the overlay: city sectors, regions, camps, crossings
and the war places it spells its own way. This module adds, for one document:
- GeoNames places (etl.geonames) named in capitalised words the lexicon does not cover, in the countries the
  sentence or else the document is about (`document_countries`: the countries of the lexicon places it names, most
  named first). Only a document about no known country may name a place elsewhere, and then only a city of at least
  FOREIGN_POPULATION after a locative cue ('in', 'near', 'the town of').
- unlisted places: 'the town of X', 'X village', 'in X, a suburb of Damascus', 'the X neighbourhood' name a place
  even when no list has it: kind `unlisted`, under the parent the text gives (else the document's country), no
  coordinates.
- the same name in two countries: a lexicon city whose country the document is not about yields to the GeoNames
  place of that name in a country it is about ('Tripoli' in an article about Lebanon).

Every place found is registered in the process's gazetteer under a unique canonical name (a GeoNames name that
another place already bears gets its country: 'Tripoli (Lebanon)'), so containment, anaphora and deduplication
treat it like a lexicon place; `record(name)` gives the row of the `places` view.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from etl import lexicon
from etl.geonames import GeoPlace, fold, geonames, place_key
from etl.ids import content_id

FOREIGN_POPULATION = 100_000
_PARTICLE = r"(?:al|el|Al|El|ad|ar|as|an|ash|at|az|bin|ibn|Abu|abu|Umm|umm|Bab|Bani|Beit|Deir|Tel|Tal|Ras|Kafr|Ain)"
_WORD = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Za-z][a-zà-ÿ'’]+)*"
_NAME = rf"(?:(?:al|el|Al|El|an|ad|ar|as|ash)-)?{_WORD}(?:[ -](?:(?:al|el|an|ad|ar|as|ash)[- ])?{_WORD}){{0,3}}"
_CAPITALISED = re.compile(rf"(?<![\w'’-]){_NAME}(?![\w-])")
_CUE = re.compile(r"(?:\b(?:in|near|at|from|outside|around|into|to|towards|toward|of|across|inside|between|and|"
                  r"besieged|shelled|captured|retook|seized|entered|took|reached|hit|struck)|,)\s+(?:the\s+)?$")
_UNLISTED_NOUNS = r"(?:town|village|city|hamlet|neighbou?rhood|district|suburb|camp|settlement|locality)"
# 'in X, a suburb of Damascus', 'X village near Aleppo', 'the town of X in Idlib province': the parent the text gives
_PARENT_AFTER = re.compile(rf"^(?:,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}{_UNLISTED_NOUNS}\s*)?"
                           r"(?:\s*(?:village|town|camp|neighbou?rhood|district))?,?\s+"
                           r"(?:of|near|in|outside|north of|south of|east of|west of)\s+(?:the\s+)?"
                           r"(?:(?:northern|southern|eastern|western|central)\s+)?$")
_NOT_NAMES = frozenset({"The", "This", "That", "These", "Those", "A", "An", "Its", "His", "Her", "Their", "Our",
                        "Which", "What", "Some", "Many", "One", "Another", "Every", "Each", "Old", "New", "Same",
                        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                        "January", "February", "March", "April", "May", "June", "July", "August", "September",
                        "October", "November", "December", "In", "At", "On", "From", "Near", "And", "But", "For",
                        "With", "After", "Before", "As", "By", "When", "While", "Since", "During", "Outside", "Inside",
                        "Around", "Across", "Into", "Residents", "Officials", "Activists", "Mr", "Mrs", "Ms", "Dr"})
_ORG_AFTER = re.compile(r"\s+(?:[A-Z][\w'’-]*\s+){0,2}?(?:Media|Centre|Center|Council|Committee|Observatory|"
                        r"Directorate|Coordination|Network|Agency|Office|Union|Association|Authority|Ministry|Brigades?|"
                        r"Battalion|Front|Forces|Army|Police|Times|News|Post|Radio|TV|Today|Tribune|Herald|Journal|"
                        r"University|Governor|Province\s+Council)\b")


def names_an_organisation(text: str, end: int) -> bool:
    """A place name followed by an organisation's noun ('the Aleppo Media Centre', 'Idlib Health Directorate')
    qualifies an actor: it is not where anything happens."""
    return bool(_ORG_AFTER.match(text, end))

# 'the al-Salam hospital', 'Tishreen dam': a named building or site, not a populated place of that name
_FACILITY_AFTER = re.compile(r"\s+(?:hospital|school|mosque|church|university|airport|airbase|air base|prison|stadium|"
                             r"complex|bridge|road|highway|street|square|market|checkpoint|base|dam|factory|"
                             r"refinery|mountain|mount|river|valley|plain|hill|crossing)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PlaceRecord:
    """One row of the `places` view."""

    place_id: str
    name: str
    kind: str
    country_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    parent: str | None
    coordinates_basis: str | None  # 'geonames', 'natural_earth', 'lexicon', 'children', 'parent' or None
    aliases: tuple[str, ...] = field(default=())


def place_id(name: str | None) -> str | None:
    """The id of the place of canonical name `name` (names are unique, so the id is derived from it)."""
    return None if name is None else content_id("place", name)


def ascii_name(name: str) -> str:
    """A GeoNames name without diacritics, its ayn/hamza written as an apostrophe ('Dā‘il' -> "Da'il")."""
    text = re.sub(r"[‘’ʿʾ`´]", "'", name)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class Registry:
    """Places known to this process: the lexicon's with their GeoNames match, and those documents added."""

    def __init__(self, gaz) -> None:  # gaz: etl.gazetteer.Gazetteer (not imported: it imports this module)
        self.gaz = gaz
        self.geo = geonames()
        self.records: dict[str, PlaceRecord] = {}
        self._iso_of_country: dict[str, str] = {}
        self._country_of_iso: dict[str, str] = {}
        self._region_of_admin1: dict[tuple[str, str], str] = {}
        self._name_of_geo: dict[int, str] = {}
        self._lexicon_keys: dict[str, str] = {}
        for name in gaz.places:
            self._lexicon_keys.setdefault(place_key(name), name)
        for name, forms in gaz.aliases.items():
            for form in forms:
                self._lexicon_keys.setdefault(place_key(form), name)
        self._link_lexicon()

    # --- the lexicon overlay -------------------------------------------------------------------------------
    def _link_lexicon(self) -> None:
        """Countries get their ISO code, other lexicon places their GeoNames match in their country (coordinates,
        admin1); a place with none takes the mean of its children's coordinates, else its parent's."""
        by_name = {fold(c["name"]): iso for iso, c in self.geo.countries.items()}
        for name, place in self.gaz.places.items():
            if place.kind == "country":
                for form in (name, *self.gaz.aliases.get(name, ())):
                    # exact, else the one GeoNames country starting alike ('Palestinian territories')
                    iso = by_name.get(fold(form)) or _only([i for n, i in by_name.items() if n[:11] == fold(form)[:11]])
                    if iso and iso not in self._country_of_iso:
                        self._iso_of_country[name], self._country_of_iso[iso] = iso, name
                        break
        overrides = {r["name"]: r for r in lexicon.load("places.csv") if r.get("latitude")}
        linked: dict[str, PlaceRecord] = {}
        for name, place in self.gaz.places.items():
            iso = self.country_of(name)
            geo, basis, lat, lon = None, None, None, None
            if name in overrides:
                lat, lon, basis = float(overrides[name]["latitude"]), float(overrides[name]["longitude"]), "lexicon"
            elif place.kind == "country":
                if iso and (label := self.geo.countries.get(iso, {}).get("label")):
                    lat, lon = label
                    basis = "natural_earth"
            elif iso:
                geo = self._geonames_match(name, place.kind, iso)
                if geo:
                    lat, lon, basis = geo.latitude, geo.longitude, "geonames"
            if geo and place.kind == "region" and geo.admin1:
                self._region_of_admin1.setdefault((iso, geo.admin1), name)
            if geo and place.kind != "region":
                self._name_of_geo.setdefault(geo.geonames_id, name)
            admin1 = self.admin1_of(name) or (f"{iso}.{geo.admin1}" if geo and geo.admin1 else None)
            linked[name] = PlaceRecord(place_id(name), name, place.kind, iso, admin1, lat, lon,
                                       geo.geonames_id if geo and place.kind != "region" else None, place.parent,
                                       basis, tuple(self.gaz.aliases.get(name, ())))
        self.records.update(linked)
        for _ in range(3):  # children's mean, then parents', for what GeoNames does not have
            for name, rec in list(self.records.items()):
                if rec.latitude is None:
                    self.records[name] = self._fill(rec)

    def _geonames_match(self, name: str, kind: str, iso: str) -> GeoPlace | None:
        bare = re.sub(r"\s+(?:province|governorate|region|district|city|camp|refugee camp|countryside|strip)$", "",
                      name, flags=re.IGNORECASE)
        found = [g for form in (name, bare, *self.gaz.aliases.get(name, ())) for g in self.geo.lookup(form)
                 if g.country_code == iso]
        return max(found, key=lambda g: g.population) if found else None

    def _fill(self, rec: PlaceRecord) -> PlaceRecord:
        children = [r for r in self.records.values() if r.parent == rec.name and r.latitude is not None
                    and r.coordinates_basis in ("geonames", "lexicon")]
        if children:
            lat = sum(c.latitude for c in children) / len(children)
            lon = sum(c.longitude for c in children) / len(children)
            return _replace(rec, latitude=lat, longitude=lon, coordinates_basis="children")
        parent = self.records.get(rec.parent or "")
        if parent and parent.latitude is not None and rec.kind != "unlisted":
            return _replace(rec, latitude=parent.latitude, longitude=parent.longitude, coordinates_basis="parent")
        return rec

    def country_of(self, name: str | None) -> str | None:
        """ISO code of the country a place lies in (None when unknown)."""
        for ancestor in self.gaz.ancestors(name) if name else ():
            if ancestor in self._iso_of_country:
                return self._iso_of_country[ancestor]
            rec = self.records.get(ancestor)
            if rec and rec.country_code:
                return rec.country_code
        return None

    # --- places documents add ------------------------------------------------------------------------------
    def add_geonames(self, geo: GeoPlace, surface: str) -> str:
        """Register a GeoNames place; returns its canonical name (unique in this process)."""
        if geo.geonames_id in self._name_of_geo:
            return self._alias(self._name_of_geo[geo.geonames_id], surface)
        plain = ascii_name(geo.name)
        name = plain
        same = [g for g in self.geo.lookup(plain) if ascii_name(g.name) == plain]
        if name in self.gaz.places or (same and same[0].geonames_id != geo.geonames_id):
            country = self.geo.countries.get(geo.country_code, {}).get("name", geo.country_code)
            name = f"{plain} ({country})"
            if name in self.gaz.places or any(g.country_code == geo.country_code for g in same
                                               if g.population > geo.population):
                name = f"{plain} ({country}, {geo.geonames_id})"
        parent = (self._region_of_admin1.get((geo.country_code, geo.admin1))
                  or self._country_of_iso.get(geo.country_code))
        self._name_of_geo[geo.geonames_id] = name
        self.gaz.add(name, parent, "city")
        self.records[name] = PlaceRecord(place_id(name), name, "city", geo.country_code,
                                         self._admin1_name(geo), geo.latitude, geo.longitude, geo.geonames_id,
                                         parent, "geonames", tuple(dict.fromkeys((plain, geo.name))))
        return self._alias(name, surface)

    def _admin1_name(self, geo: GeoPlace) -> str | None:
        region = self._region_of_admin1.get((geo.country_code, geo.admin1))
        return region or (f"{geo.country_code}.{geo.admin1}" if geo.admin1 else None)

    def add_unlisted(self, name: str, parent: str | None) -> str:
        """Register a place no list has, under `parent`; returns its canonical name (with its parent's when a
        listed place elsewhere bears the name, so that one name is one place)."""
        if name in self.gaz.places and self.gaz.places[name].kind != "unlisted" or any(
                ascii_name(g.name) == name for g in self.geo.lookup(name)):
            name = f"{name} ({parent})"
        if name not in self.records:
            self.gaz.add(name, parent, "unlisted")
            self.records[name] = PlaceRecord(place_id(name), name, "unlisted", self.country_of(parent),
                                             self.records[parent].admin1 if parent in self.records else None,
                                             None, None, None, parent, None, ())
        return name

    def _alias(self, name: str, surface: str) -> str:
        rec = self.records[name]
        if surface not in rec.aliases and surface != name:
            self.records[name] = _replace(rec, aliases=(*rec.aliases, surface))
        return name

    def country_name(self, iso: str) -> str | None:
        """The lexicon country of an ISO code."""
        return self._country_of_iso.get(iso)

    def record(self, name: str) -> PlaceRecord | None:
        """The record of a place; a part of a place the gazetteer added ('North Syria') gets its parent's
        country, region and coordinates."""
        if name not in self.records and (place := self.gaz.places.get(name)) and place.parent in self.records:
            parent = self.records[place.parent]
            self.records[name] = _replace(parent, place_id=place_id(name), name=name, kind=place.kind,
                                          admin1=parent.admin1 if parent.kind != "region" else parent.name,
                                          geonames_id=None, parent=parent.name, aliases=(),
                                          coordinates_basis="parent" if parent.latitude is not None else None)
        return self.records.get(name)

    def admin1_of(self, name: str) -> str | None:
        """The region a place lies in, from the lexicon hierarchy."""
        for ancestor in self.gaz.ancestors(name)[1:]:
            if self.gaz.places.get(ancestor) and self.gaz.places[ancestor].kind == "region":
                return ancestor
        return None


def _only(items: list[str]) -> str | None:
    return items[0] if len(items) == 1 else None


def _replace(rec: PlaceRecord, **changes) -> PlaceRecord:
    return PlaceRecord(**{**vars(rec), **changes})


# --- finding places in one document ------------------------------------------------------------------------
@dataclass(frozen=True)
class Found:
    """A place this module found: text[start:end] names canonical place `place`."""

    start: int
    end: int
    place: str


def document_countries(registry: Registry, names: list[str]) -> Counter[str]:
    """ISO codes of the countries the lexicon places of a document lie in, with how often each is named."""
    return Counter(iso for n in names if (iso := registry.country_of(n)))


def _sentence_countries(registry: Registry, text: str, start: int, named: list[Found]) -> set[str]:
    """Countries of the lexicon places named in the sentence around text[start]."""
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), 0)
    hi = min((i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0), default=len(text))
    return {iso for p in named if lo <= p.start < hi and (iso := registry.country_of(p.place))}


class Taken:
    """Which characters of a text a place mention already covers."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self._mask = bytearray(len(text) + 1)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return self._mask.find(1, start, end) < 0


def _candidates(text: str, start: int, end: int, taken: Taken) -> list[tuple[int, int]]:
    """Sub-spans of a capitalised run worth looking up, longest first, left to right (at most four words)."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\s-]+(?:-[^\s-]+)*", text[start:end])]
    spans = []
    for n in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            # a lone word inside a capitalised run is part of a longer name, unless a place precedes it
            if i == 0 or n > 1 or not taken.free(words[i - 1][0], words[i - 1][1]):
                spans.append((words[i][0], words[i + n - 1][1]))
    return spans


def _choose(matches: list[GeoPlace], countries: Counter[str], sentence_countries: set[str],
            cued: bool) -> GeoPlace | None:
    """The GeoNames place a name means here: one in a country the sentence or the document is about (most named
    country first, then population); in a document about no known country, a large city named with a locative
    cue; else none."""
    if sentence_countries:
        inside = [g for g in matches if g.country_code in sentence_countries]
        return inside[0] if inside else None
    inside = [g for g in matches if g.country_code in countries]
    if inside:
        return max(inside, key=lambda g: (countries[g.country_code], g.population))
    big = [g for g in matches if g.population >= FOREIGN_POPULATION]
    return big[0] if cued and big and not countries else None


def geonames_places(registry: Registry, text: str, named: list[Found], countries: Counter[str],
                    in_actor_name: Callable[[int, int], bool]) -> list[Found]:
    """GeoNames places named in capitalised words outside lexicon mentions and actors' names."""
    taken = Taken(text, [(p.start, p.end) for p in named])
    found: list[Found] = []
    for run in _CAPITALISED.finditer(text):
        if text[run.end():run.end() + 1] == "-" or names_an_organisation(text, run.end()):
            continue
        for s, e in _candidates(text, run.start(), run.end(), taken):
            surface = text[s:e]
            if surface in _NOT_NAMES or not taken.free(s, e) or names_an_organisation(text, e) \
                    or _FACILITY_AFTER.match(text, e):
                continue
            before = text[max(0, s - 40):s]
            cued = bool(_CUE.search(before))
            at_sentence_start = not before.strip() or before.rstrip()[-1:] in ".!?\n\"“"
            if not cued and at_sentence_start and " " not in surface:
                continue  # a lone capitalised word opening a sentence with no locative cue: likely a name
            matches = registry.geo.lookup(surface)
            if not matches:
                continue
            geo = _choose(matches, countries, _sentence_countries(registry, text, s, named), cued)
            if geo is None or in_actor_name(s, e):
                continue
            taken.add(s, e)
            found.append(Found(s, e, registry.add_geonames(geo, surface)))
    return found


_UNLISTED_NOUN = re.compile(rf"\b(?:{_UNLISTED_NOUNS}|refugee camp|area)\b")  # 'the X area', not 'the area of X'
_NAME_AFTER_OF = re.compile(rf"\s+of\s+(?P<name>{_NAME})")
_THE_BEFORE = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}$")
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|an|i)$")  # 'the Syrian city', 'a Damascan suburb town'

_NAME_BEFORE = re.compile(rf"(?<![\w-])(?P<name>{_NAME})(?:,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}|\s+)$")


def unlisted_places(registry: Registry, text: str, known: list[Found], main_country: str | None,
                    in_actor_name: Callable[[int, int], bool]) -> list[Found]:
    """Places the text names as such ('the town of X', 'X village', 'X, a suburb of Y') that no list has."""
    taken = Taken(text, [(p.start, p.end) for p in known])
    found: list[Found] = []
    for noun in _UNLISTED_NOUN.finditer(text):
        options = []
        if noun.group() != "area" and (m := _NAME_AFTER_OF.match(text, noun.end())) \
                and _THE_BEFORE.search(text, max(0, noun.start() - 40), noun.start()):
            options.append((m.start("name"), m.end("name"), m.end()))  # 'the town of X'
        if (m := _NAME_BEFORE.search(text, max(0, noun.start() - 60), noun.start())) \
                and not _DEMONYM.fullmatch(m.group("name")):
            options.append((m.start("name"), m.end("name"), noun.end()))  # 'X village', 'X, a suburb'
        for s, e, after in options:
            while " " in text[s:e] and text[s:e].split()[0] in _NOT_NAMES:  # 'In Beit Sawa, a suburb of ...'
                s += len(text[s:e].split()[0]) + 1
            if text[s:e].split()[0] in _NOT_NAMES or not taken.free(s, e) or in_actor_name(s, e):
                continue
            taken.add(s, e)
            parent = _given_parent(text, after, known) or main_country
            found.append(Found(s, e, registry.add_unlisted(text[s:e], parent)))
            break
    return found


def repeated(text: str, found: list[Found], known: list[Found]) -> list[Found]:
    """Later (or earlier) bare mentions of a name first found by its context ('the Sheikh Maqsoud neighbourhood',
    then 'Sheikh Maqsoud has been under bombardment')."""
    taken = Taken(text, [(p.start, p.end) for p in known + found])
    more = []
    for name, place in {text[f.start:f.end]: f.place for f in found}.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if taken.free(m.start(), m.end()):
                taken.add(m.start(), m.end())
                more.append(Found(m.start(), m.end(), place))
    return more


_DATELINE = re.compile(r"\A\s*(?P<name>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})\s*(?:,|\(|—|–|--?\s)")


def dateline_place(registry: Registry, text: str, countries: Counter[str]) -> Found | None:
    """The place of a wire dateline written in capitals ('BAGHDAD, Iraq (AP) -', 'BEIRUT (Reuters) -')."""
    m = _DATELINE.match(text)
    if not m:
        return None
    name = m.group("name").title()
    if (place := registry.gaz.form(name)) is not None:
        return Found(m.start("name"), m.end("name"), place)
    matches = registry.geo.lookup(name)
    geo = _choose(matches, countries, set(), cued=True) if matches else None
    return Found(m.start("name"), m.end("name"), registry.add_geonames(geo, name)) if geo else None


def _given_parent(text: str, after: int, known: list[Found]) -> str | None:
    for p in known:
        if after <= p.start <= after + 60 and _PARENT_AFTER.match(text[after:p.start]):
            return p.place
    return None
