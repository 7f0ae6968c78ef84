"""Modality of a figure or event from cue words before it in its clause.

- denied: "denied that ... were killed", "rejected claims that";
- proposed: a demand, plan, call or aim ("want a truce to evacuate 500", "called for", "plans to",
  "an offensive to retake", "a ceasefire to allow the wounded to be evacuated");
- hypothetical: a conditional or future ("would hold 70 percent", "could", "might", "if",
  "unless", "will", "threatened to", "risk", "on the verge of", "talk of", "willing to", "once");
- claimed: a party's own unverified claim ("the regime claimed", "claiming that", "alleged"), or a
  speaker reporting its own side's gains ("the military said its forces had killed", "said it had
  seized", "say they still hold");
- asserted otherwise.
The first matching rule in that order wins; cues are searched between the clause start and the
figure (or event trigger), so "said it would" far before a figure in another clause is ignored.
A figure the sentence itself then disputes ("..., a claim Kyiv rejected", "a figure that could not
be verified") is claimed.
"""

from __future__ import annotations

import re

_RULES = (
    ("denied", re.compile(r"\b(?:den(?:y|ies|ied|ying)|rejected (?:reports|claims|allegations) that)\b", re.I)),
    ("proposed", re.compile(
        r"\b(?:wants?|wanted|wanting|call(?:s|ed|ing)? for|demand(?:s|ed|ing)?|propos(?:e|es|ed|al|ing)|"
        r"plan(?:s|ned|ning)? to|seek(?:s|ing)? to|sought to|aim(?:s|ed|ing)? to|urg(?:e|es|ed|ing)|"
        r"request(?:s|ed|ing)?|appeal(?:s|ed|ing)? for|ask(?:s|ed|ing)? for|press(?:es|ed|ing)? for|"
        r"in order to|so as to|offer(?:s|ed)? to|to (?:allow|enable|let|permit|facilitate)|"
        r"(?:operation|offensive|campaign|push|bid|effort|attempt|drive) to)\b", re.I)),
    ("hypothetical", re.compile(
        r"\b(?:would|could|might|if|unless|will|shall|[\w]+'ll|expected to|likely to|risks?|"
        r"threaten(?:s|ed)? to|warn(?:s|ed)? that|talk (?:of|by|about)|idea of|prospect of|possibility of|"
        r"on the verge of|poised to|about to|willing to|ready to|prepared to|once)\b|\bwon't\b|\bwouldn't\b", re.I)),
    ("claimed", re.compile(r"\b(?:claim(?:s|ed|ing)?|alleg(?:e|es|ed|edly)|boast(?:s|ed|ing)?)\b", re.I)),
    ("claimed", re.compile(
        r"\b(?:said|says|say|announced|reported)\s+(?:that\s+)?"
        r"(?:(?:its|his|their|our)\s+(?:own\s+)?(?:forces|troops|fighters|army|units|men|soldiers)|it|they|we|troops)\s+"
        r"(?:(?:had|has|have|now|still|also|already)\s+){0,2}"
        r"(?:killed|seized|captured|taken|took|controll?(?:ed|s)?|hold|holds|held|liberated|retaken|retook|"
        r"destroyed|neutrali[sz]ed)\b", re.I)),
)


_DISPUTED_AFTER = re.compile(
    r"\b(?:a|an|the) (?:claim|assertion|allegation)\b|\b(?:could|can)(?:not| not) (?:be )?(?:independently )?"
    r"(?:verified|confirmed)\b|\bunverified\b|\bnot (?:be )?independently (?:verified|confirmed)\b"
    r"|\b(?:a|the) (?:figure|number|toll|account) [\w' -]{1,40}?disput(?:es|ed)\b",
    re.I,
)


def modality(text: str, clause_start: int, anchor: int, sentence_end: int | None = None) -> str:
    """Modality of whatever starts at `anchor`, from cues in text[clause_start:anchor] (and disputes
    after it up to `sentence_end`)."""
    for name, pattern in _RULES:
        if pattern.search(text, clause_start, anchor):
            return name
    if sentence_end is not None and _DISPUTED_AFTER.search(text, anchor, sentence_end):
        return "claimed"
    return "asserted"
