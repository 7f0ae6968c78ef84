"""Generate the hostile-input corpus for tests/test_robustness.py (nothing large is committed).

make_corpus(dest) writes every input under `dest` and returns the expected fate of each input,
keyed by source_path as the contract names it (`file#N` for CSV/JSON/JSONL rows): 'document'
or the quarantine reason. Hidden files are written too but are not inputs, so they are absent
from the map (and must be absent from the warehouse). Run as a script to write a corpus to look at:
`python -m tests.robustness.make_corpus /tmp/hostile`.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import sys
from pathlib import Path

DOCUMENT = "document"
BIG_PAGE_BYTES = 15 * 1024 * 1024
LONG_LINE_CHARS = 2_000_000

SAME_ARTICLE = ("Truce talks in Geneva\n\nDelegates met in Geneva on Tuesday, December 6, 2016, "
                "to discuss a “humanitarian pause” – the café near the Palais des Nations stayed open. "
                "About 200 families left the eastern districts, officials said.\n")
UNICODE_ARTICLE = ("Shelling in Mosul\n\nIraqi forces said on Sunday, November 13, 2016, that they had "
                   "retaken the Gogjali district; a spokesman quoted in Zürich called it “decisive”. "
                   "At least 12 civilians were killed in the fighting, the UN said.\n")
LATIN1_ARTICLE = ("Convoy reaches Raqqa\n\nA convoy from the Señor Aid foundation reached Raqqa on "
                  "Friday, June 9, 2017, carrying food for the café owners and bakers of the old city.\n")
HTML_ARTICLE = """<!DOCTYPE html><html><head><title>Aid convoy enters Aleppo</title>
<style>body { font: 12px serif } .ad::after { content: "500 people killed" }</style>
<script>var tracker = "3,000 fighters were killed"; document.write("<p>90 percent held</p>");</script>
</head><body><nav><ul><li>Home</li><li>World</li><li>Middle East</li></ul></nav>
<iframe src="https://ads.example/frame"><p>Injected: 4,000 people displaced</p></iframe>
<article><h1>Aid convoy enters Aleppo</h1><time datetime="2016-12-08">8 December 2016</time>
<p>A United Nations aid convoy entered eastern Aleppo on Thursday, officials said.</p>
<p>About 8,000 people have fled the eastern districts since Saturday, the monitor said.</p>
<noscript><p>Enable JavaScript: 70 percent of readers do.</p></noscript>
</article><footer>Copyright 2016</footer></body></html>
"""
FRENCH = ("Combats à Alep\n\nLes forces du gouvernement syrien ont repris le contrôle de la vieille ville "
          "d'Alep, selon l'Observatoire. Plus de 30 000 civils ont fui les quartiers de l'est dans la nuit, "
          "et les combats se poursuivent dans le sud de la ville, a indiqué un porte-parole de l'ONU.\n")
ARABIC = ("معارك في حلب\n\nقال المرصد السوري إن قوات الحكومة سيطرت على أحياء في شرق حلب، وإن أكثر من "
          "ثلاثين ألف مدني فروا من المدينة خلال الليل. وقال متحدث باسم الأمم المتحدة إن الوضع في هذه "
          "الأحياء كان صعبا جدا على المدنيين الذين بقوا في منازلهم.\n")
RUSSIAN = ("Бои в Алеппо\n\nПравительственные войска Сирии взяли под контроль старый город Алеппо, "
           "сообщил представитель ООН. По его словам, более 30 тысяч мирных жителей покинули восточные "
           "районы за ночь, и это не последняя волна беженцев из города.\n")
UNDATED = ("Fighting near Raqqa\n\nAt least 40 civilians were killed in air strikes on Raqqa, "
           "the monitor said. About 3,000 people have fled the city.\n")
JUNK_NUMBERS = (
    "Council session on Syria\n\n"
    "The Security Council recalled Resolution 2254 and its call for a political settlement. "
    "Reporters can call the press office on +1 202 555 0143 before 10:30 for accreditation. "
    "The council approved $600,000 for the mission office. "
    "Oil output at the field fell to 1,200 barrels a day. "
    "The envoy, aged 35, has worked on the file since the 2011 uprising. "
    "His memoir was rated 4.5 out of 5 by readers; its ISBN is 978-3-16-148410-0. "
    "Letters go to the mission at 405 East 42nd Street, New York, NY 10017. "
    "Room 2450 hosts the meeting at 3 p.m.\n"
)


def _article(topic: str, n: int) -> str:
    return (f"{topic}\n\nOfficials said on Monday, March {n}, 2017, that talks on {topic.lower()} "
            f"would continue in Geneva next week.\n")


def _write(dest: Path, name: str, data: bytes | str) -> Path:
    path = dest / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _empty_and_noise(dest: Path) -> dict[str, str]:
    noise = random.Random(10).randbytes(8192)
    _write(dest, "junk/empty.txt", b"")
    _write(dest, "junk/whitespace.txt", " \t\r\n\n   \u00a0\n".encode())
    _write(dest, "junk/noise.txt", noise)
    _write(dest, "junk/noise.html", noise.replace(b"\x00", b"\x01"))
    _write(dest, "junk/png-named.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise[:512])
    return {"junk/empty.txt": "empty", "junk/whitespace.txt": "empty", "junk/noise.txt": "binary",
            "junk/noise.html": "binary", "junk/png-named.txt": "binary"}


def _encodings(dest: Path) -> dict[str, str]:
    crlf = UNICODE_ARTICLE.replace("\n", "\r\n")
    files = {
        "encodings/same-article.utf8.txt": SAME_ARTICLE.encode("utf-8"),
        "encodings/same-article.cp1252.txt": SAME_ARTICLE.replace("\n", "\r\n").encode("cp1252"),
        "encodings/utf16le-bom.txt": codecs.BOM_UTF16_LE + UNICODE_ARTICLE.encode("utf-16-le"),
        "encodings/utf16be-bom.txt": codecs.BOM_UTF16_BE + crlf.encode("utf-16-be"),
        "encodings/utf16le-nobom.txt": crlf.encode("utf-16-le"),
        "encodings/utf16be-nobom.txt": UNICODE_ARTICLE.encode("utf-16-be"),
        "encodings/utf8-bom.txt": codecs.BOM_UTF8 + UNICODE_ARTICLE.encode("utf-8"),
        "encodings/latin1.txt": LATIN1_ARTICLE.encode("latin-1"),
        "encodings/bad-utf16.txt": codecs.BOM_UTF16_LE + "Broken text".encode("utf-16-le") + b"\x00\xd8",
    }
    for name, data in files.items():
        _write(dest, name, data)
    return {name: "undecodable" if "bad" in name else DOCUMENT for name in files}


def _html(dest: Path) -> dict[str, str]:
    _write(dest, "html/scripts-and-article.html", HTML_ARTICLE)
    _write(dest, "html/scripts-only.html", "<html><head><script>var x = 1;</script></head><body></body></html>")
    _write(dest, "html/big-page.html", big_page(BIG_PAGE_BYTES))
    _write(dest, "html/one-line.txt", long_line(LONG_LINE_CHARS))
    return {"html/scripts-and-article.html": DOCUMENT, "html/scripts-only.html": DOCUMENT,
            "html/big-page.html": DOCUMENT, "html/one-line.txt": DOCUMENT}


def big_page(size: int) -> str:
    """A heavy modern page of about `size` bytes: hydration JSON, inline CSS and SVG, menus, reader comments
    in an aside, and one short article. Measured in docs/robustness.md."""
    style = "".join(f".c{i} {{ margin: {i % 40}px; color: #{i % 4096:03x} }}\n" for i in range(40_000))
    svg = "<svg>" + "".join(f"<path d='M{i} {i} L{i + 5} {i + 9}'/>" for i in range(20_000)) + "</svg>"
    menu = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(2000))
    comments = "".join(f"<div class='comment'><p>Reader {i}: thanks for reporting.</p></div>" for i in range(20_000))
    article = ("<article><h1>Mosul offensive</h1><time datetime='2016-11-09'>9 November 2016</time>"
               "<p>Iraqi troops now hold seven neighbourhoods of eastern Mosul, officers said on Wednesday.</p>"
               "<p>About 34,000 people have been displaced since the offensive began, the UN said.</p></article>")
    page = [f"<!DOCTYPE html><html><head><title>Mosul offensive</title><style>{style}</style></head><body>",
            f"<nav><ul>{menu}</ul></nav>{svg}{article}<aside>{comments}</aside><script>window.__STATE__ = "]
    filler = size - sum(map(len, page)) - 40
    item = json.dumps({"id": 0, "headline": "Story", "body": "x" * 400}) + ","
    return "".join(page) + "[" + item * (filler // len(item)) + "{}];</script></body></html>"


def long_line(chars: int) -> str:
    """A text file that is one line of prose (no newline at all) with one figure near its start."""
    opening = "Sirte report: at least 12 civilians were killed in Sirte on Friday, officials said. "
    sentence = "The road from the port to the old market was quiet again in the morning. "
    return opening + sentence * ((chars - len(opening)) // len(sentence))


def _structured(dest: Path) -> dict[str, str]:
    _write(dest, "feeds/truncated.json", '{"title": "Cut", "text": "The convoy reached')
    _write(dest, "feeds/scalar.json", "42")
    _write(dest, "feeds/string.json", '"just a string"')
    _write(dest, "feeds/deep.json", "[" * 100_000 + "]" * 100_000)
    _write(dest, "feeds/array.json", json.dumps([
        {"headline": "Array story", "content": _article("Array story", 3)}, 7, {"title": "No body here"},
    ]))
    lines = [json.dumps({"title": "Line one", "text": _article("Line one", 4)}), "", "{not json",
             "[1, 2]", json.dumps({"title": "No text"}), "[" * 50_000,
             json.dumps({"headline": "Line six", "body": _article("Line six", 6)})]
    _write(dest, "feeds/feed.jsonl", "\n".join(lines) + "\n")
    _write(dest, "feeds/broken-quotes.csv", "title,text\n"
           f'Good row,"{_article("Good row", 7)}"\n'
           'Broken row,"the quote "never" closes properly\n'
           f'After the break,"{_article("After the break", 8)}"\n')
    _write(dest, "feeds/no-text-column.csv", "title,date,source\nTalks resume,2017-03-09,Reuters\n"
           "Convoy delayed,2017-03-10,AP\n")
    _write(dest, "feeds/empty-text.csv", "\ufefftitle,text,date\n"
           f'Has text,"{_article("Has text", 11)}",2017-03-11\nBlank text,"  ",2017-03-12\nNo text,,2017-03-13\n')
    return {
        "feeds/truncated.json": "parse_error", "feeds/scalar.json": "parse_error",
        "feeds/string.json": "parse_error", "feeds/deep.json": "parse_error",
        "feeds/array.json#1": DOCUMENT, "feeds/array.json#2": "parse_error", "feeds/array.json#3": "no_text",
        "feeds/feed.jsonl#1": DOCUMENT, "feeds/feed.jsonl#2": "parse_error", "feeds/feed.jsonl#3": "parse_error",
        "feeds/feed.jsonl#4": "no_text", "feeds/feed.jsonl#5": "parse_error", "feeds/feed.jsonl#6": DOCUMENT,
        "feeds/broken-quotes.csv#1": DOCUMENT, "feeds/broken-quotes.csv#2": "parse_error",
        "feeds/no-text-column.csv#1": "no_text", "feeds/no-text-column.csv#2": "no_text",
        "feeds/empty-text.csv#1": DOCUMENT, "feeds/empty-text.csv#2": "no_text", "feeds/empty-text.csv#3": "no_text",
    }


def _formats(dest: Path) -> dict[str, str]:
    zip_header = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"
    _write(dest, "formats/report.docx", zip_header + bytes(200))
    _write(dest, "formats/report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n")
    _write(dest, "formats/map.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    _write(dest, "formats/README", "An article without an extension is not read.\n")
    return {"formats/report.docx": "unsupported_format", "formats/report.pdf": "unsupported_format",
            "formats/map.png": "unsupported_format", "formats/README": "unsupported_format"}


def _articles(dest: Path) -> dict[str, str]:
    files = {
        "lang/french.txt": FRENCH, "lang/arabic.txt": ARABIC, "lang/russian.txt": RUSSIAN,
        "undated.txt": UNDATED, "junk-numbers.txt": JUNK_NUMBERS,
        "names/Aleppo report 7 déc.txt": _article("Aleppo report", 27),
        "names/تقرير حلب.txt": _article("Aleppo summary", 28),
        "names/日本語 ニュース/記事.html": f"<html><body><p>{_article('Tokyo talks', 29)}</p></body></html>",
    }
    for name, text in files.items():
        _write(dest, name, text)
    _write(dest, ".DS_Store", b"\x00\x00\x00\x01Bud1")
    _write(dest, ".cache/hidden.txt", "Hidden folders are not inputs.")
    return dict.fromkeys(files, DOCUMENT)


def _links(dest: Path) -> dict[str, str]:
    outside = dest.parent / f"{dest.name}-outside"
    (outside / "folder").mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text("Secret outside the inbox: 500 fighters were killed.\n")
    (outside / "folder" / "inner.txt").write_text("Also outside the inbox.\n")
    links = {
        "links/secret.txt": outside / "secret.txt",
        "links/folder": outside / "folder",
        "links/dangling.txt": dest / "links" / "missing.txt",
        "links/inside.txt": dest / "undated.txt",
    }
    (dest / "links").mkdir(exist_ok=True)
    for name, target in links.items():
        (dest / name).symlink_to(target)
    os.mkfifo(dest / "links" / "pipe.txt")
    return {"links/secret.txt": "outside_root", "links/folder": "outside_root", "links/dangling.txt": "unreadable",
            "links/inside.txt": DOCUMENT, "links/pipe.txt": "unreadable"}


NESTED_DIVS = 200_000
DIGIT_GROUPS = ("Aleppo toll\n\nOn December 1, 2016, the monitor said 10\u00a0000 people had fled Aleppo, "
                "that 12 500 people were trapped in its east and that 1\u200b200 civilians were killed there.\n")
STRAY_CP1252 = "Convoy in Idlib\n\nOn March 3, 2017, the café owners said 40 families had left Idlib’s old city.\n"


def _attack(dest: Path) -> dict[str, str]:
    """The cases of issue 17 (an outside attack): each once; what happens to each is in docs/robustness.md."""
    folder = dest / "attack"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    _write(dest, "attack/big-int.jsonl", '{"title": "Huge", "text": "x", "n": ' + "9" * 5000 + "}\n"
           + json.dumps({"title": "Next line", "text": _article("Next line", 12)}) + "\n")
    _write(dest, "attack/surrogate.json", '{"title": "Lone surrogate", "text": "Aleppo \\ud83d report on the talks"}')
    with open(os.fsencode(folder) + b"/caf\xe9 report.txt", "wb") as handle:
        handle.write(_article("Latin-1 file name", 13).encode())
    _write(dest, "attack/issue#12.txt", _article("Hash in the name", 14))
    _write(dest, "attack/digit-groups.txt", DIGIT_GROUPS)
    # UTF-8, but for one apostrophe written as the cp1252 byte 0x92
    _write(dest, "attack/stray-cp1252.txt", STRAY_CP1252.encode("utf-8").replace("’".encode(), b"\x92"))
    _write(dest, "attack/unquoted-commas.csv", "title,text,date\n"
           f'Good row,"{_article("Good row", 15)}",2017-03-15\n'
           "Cut row,Talks resumed in Geneva, officials said on Monday,2017-03-16\n"
           f'Last row,"{_article("Last row", 17)}",2017-03-17\n')
    _write(dest, "attack/semicolons.csv", "title;text\nSemicolon feed;Officials said on Monday, March 18, 2017, "
           "that talks on the semicolon feed would continue in Geneva.\n")
    _write(dest, "attack/late-nul.txt", _article("Late NUL", 19) + "x" * 30_000 + "\x00tail\n")
    _write(dest, "attack/nested.html", "<html><body>" + "<div>" * NESTED_DIVS
           + "<p>About 500 people fled Aleppo on December 2, 2016, officials said.</p>" + "</div>" * NESTED_DIVS
           + "</body></html>")
    return {"attack/loop-a.txt": "unreadable", "attack/loop-b.txt": "unreadable",
            "attack/big-int.jsonl#1": "parse_error", "attack/big-int.jsonl#2": DOCUMENT,
            "attack/surrogate.json": "undecodable", "attack/caf\\xe9 report.txt": DOCUMENT,
            "attack/issue%2312.txt": DOCUMENT, "attack/digit-groups.txt": DOCUMENT,
            "attack/stray-cp1252.txt": DOCUMENT, "attack/unquoted-commas.csv#1": DOCUMENT,
            "attack/unquoted-commas.csv#2": "parse_error", "attack/unquoted-commas.csv#3": DOCUMENT,
            "attack/semicolons.csv#1": DOCUMENT, "attack/late-nul.txt": "binary", "attack/nested.html": DOCUMENT}


def make_corpus(dest: Path) -> dict[str, str]:
    """Write the hostile corpus under `dest` (created); return source_path -> 'document' | quarantine reason."""
    dest.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    for part in (_empty_and_noise, _encodings, _html, _structured, _formats, _articles, _links, _attack):
        expected.update(part(dest))
    return expected


if __name__ == "__main__":
    for path, fate in sorted(make_corpus(Path(sys.argv[1])).items()):
        print(f"{fate:20} {path}")
