import pytest

from etl.decode import DecodeError, decode
from etl.ids import doc_id

TEXT = "Iraqi forces retook “Gogjali” – about 40 percent of the east, officials said.\nCafé closed."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_decode_to_the_same_text(encoding):
    assert decode(TEXT.encode(encoding)) == TEXT


def test_cp1252_bytes_fall_back_to_cp1252():
    assert decode(TEXT.encode("cp1252")) == TEXT


def test_latin1_bytes_undefined_in_cp1252_still_decode():
    assert decode(b"caf\xe9 \x81 ok") == "café \x81 ok"


def test_newlines_and_unicode_forms_are_normalised_so_ids_agree():
    decomposed = "Cafe\u0301 closed.\r\nSecond line.\rThird."
    assert decode(decomposed.encode("utf-8")) == "Café closed.\nSecond line.\nThird."
    assert doc_id(decode(TEXT.encode("utf-16"))) == doc_id(decode(TEXT.replace("\n", "\r\n").encode("cp1252")))


def test_binary_noise_is_refused_with_a_reason():
    with pytest.raises(DecodeError) as err:
        decode(bytes(range(256)) * 40)
    assert err.value.reason == "binary"
