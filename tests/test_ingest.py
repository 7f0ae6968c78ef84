import json
from pathlib import Path

from etl.ingest import InputFile, discover, read_input
from etl.model import Quarantined, RawRecord


def _read(path: Path, name: str | None = None) -> list:
    return list(read_input(InputFile(path, name or path.name)))


def test_text_file_is_one_record(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Title\n\nBody text here.\n")
    [rec] = _read(f)
    assert rec == RawRecord(source_path="a.txt", text="Title\n\nBody text here.\n", fmt="txt")


def test_csv_rows_are_numbered_from_one_and_fields_mapped_by_name(tmp_path):
    f = tmp_path / "feed.csv"
    f.write_text('unit_id,article_title,article_content,source,date\n'
                 '1,First,"Body one, with comma",Reuters,12/5/2016\n'
                 '2,Second,,AP,12/6/2016\n'
                 '3,Third,Body three,AP,12/7/2016\n')
    out = _read(f)
    assert [type(r).__name__ for r in out] == ["RawRecord", "Quarantined", "RawRecord"]
    assert out[0].source_path == "feed.csv#1" and out[0].title == "First" and out[0].text == "Body one, with comma"
    assert out[0].publisher == "Reuters" and out[0].published == "12/5/2016"
    assert out[1] == Quarantined("feed.csv#2", "no_text", out[1].detail)
    assert out[2].source_path == "feed.csv#3"


def test_headerless_csv_takes_the_longest_cell_as_text(tmp_path):
    f = tmp_path / "ag.csv"
    f.write_text('"3","Talks stall","Unions representing workers say they are disappointed after talks."\n')
    [rec] = _read(f)
    assert rec.source_path == "ag.csv#1"
    assert rec.text.startswith("Unions representing") and rec.title == "Talks stall"


def test_broken_csv_quarantines_the_rest_but_keeps_earlier_rows(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text('title,text\nOne,"fine body text"\nTwo,"broken "quote" here\n')
    out = _read(f)
    assert out[0].source_path == "bad.csv#1"
    assert isinstance(out[-1], Quarantined) and out[-1].reason == "parse_error"


def test_jsonl_and_json_array_elements(tmp_path):
    lines = tmp_path / "feed.jsonl"
    lines.write_text(json.dumps({"headline": "H1", "content": "C1"}) + "\n\n{not json\n"
                     + json.dumps({"title": "H3", "text": "C3"}) + "\n")
    out = _read(lines)
    assert [r.source_path for r in out] == ["feed.jsonl#1", "feed.jsonl#2", "feed.jsonl#3"]
    assert out[0].title == "H1" and isinstance(out[1], Quarantined) and out[2].text == "C3"
    arr = tmp_path / "arr.json"
    arr.write_text(json.dumps([{"title": "A", "body": "Body A"}, 5]))
    a, b = _read(arr)
    assert a.source_path == "arr.json#1" and a.text == "Body A"
    assert b.source_path == "arr.json#2" and b.reason == "parse_error"


def test_truncated_json_and_unsupported_and_empty_files_are_quarantined(tmp_path):
    (tmp_path / "t.json").write_text('{"title": "x", "text": "abc')
    (tmp_path / "doc.docx").write_bytes(b"PK\x03\x04 zip")
    (tmp_path / "empty.txt").write_text("  \n")
    reasons = {q.source_path: q.reason for f in sorted(tmp_path.iterdir()) for q in _read(f)}
    assert reasons == {"t.json": "parse_error", "doc.docx": "unsupported_format", "empty.txt": "empty"}


def test_discover_gives_paths_relative_to_the_argument_and_refuses_escaping_links(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "sub" / "b.txt").write_text("b")
    (inbox / "a.txt").write_text("a")
    (inbox / ".hidden.txt").write_text("h")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    (inbox / "link.txt").symlink_to(secret)
    found = list(discover(inbox))
    assert [f.source_path for f in found if not isinstance(f, Quarantined)] == ["a.txt", "sub/b.txt"]
    assert [(q.source_path, q.reason) for q in found if isinstance(q, Quarantined)] == [("link.txt", "outside_root")]
    assert [f.source_path for f in discover(inbox / "a.txt")] == ["a.txt"]
