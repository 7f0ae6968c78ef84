"""A cheap language guess from stopword ratios: enough to flag non-English input, no model needed."""

from __future__ import annotations

import re
from collections import Counter

_STOPWORD_TEXT = {
    "en": "the of and to in a is that for on with was as by it at from he said have has are were",
    "fr": "le la les de des et est en une un du que qui dans pour pas sur au par avec il",
    "de": "der die das und ist nicht mit von den zu ein eine im dem sich auf auch es für",
    "es": "el la los las de y que en un una por con para es del se su al como más",
    "it": "il di che la e per un una sono non con del della le gli si nel è da",
    "pt": "o a os as de que e do da em um uma para com não por se na no dos",
    "nl": "de het een en van is dat op te in niet met zijn voor die er ook",
    "ru": "и в не на что с по он как это к но из за от для о его",
    "uk": "і в не на що з до як та це за від для у його але про",
    "ar": "في من على أن إلى التي الذي عن مع هذا هذه كان قال و ما بين",
    "tr": "ve bir bu da de ile için olarak çok daha gibi ama en olan",
}
STOPWORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORD_TEXT.items()}
_WORD_RE = re.compile(r"\w+")
SAMPLE_CHARS = 20_000
MIN_WORDS = 5
MIN_RATIO = 0.08


def guess_language(text: str) -> str:
    """ISO 639-1 code of the language whose stopwords cover most words, or 'und' when unsure."""
    words = _WORD_RE.findall(text[:SAMPLE_CHARS].lower())
    if len(words) < MIN_WORDS:
        return "und"
    counts = Counter(words)  # each distinct word looked up once per language, not each occurrence
    scores = {lang: sum(n for w, n in counts.items() if w in stops) / len(words) for lang, stops in STOPWORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= MIN_RATIO else "und"
