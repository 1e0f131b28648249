"""Reading readouts: encodings, binary files, directories."""

from __future__ import annotations

import codecs

import pytest

from directive_clf import InputError
from directive_clf.textio import decode, expand_paths, read_text

SENTENCE = "会议强调，要坚决扛起政治责任。The meeting stressed unity."


@pytest.mark.parametrize("data", [
    SENTENCE.encode("utf-8"),
    codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
    SENTENCE.encode("utf-16"),
    codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"),
    SENTENCE.encode("gb18030"),
    "会议强调，要坚决扛起政治责任。".encode("gbk"),
], ids=["utf8", "utf8-bom", "utf16", "utf16-be", "gb18030", "gbk"])
def test_common_encodings_decode(data):
    assert decode(data).startswith("会议强调，要坚决扛起政治责任。")


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
    (bytes(range(256)) * 4, "binary data"),
])
def test_binary_files_are_refused_with_their_name(tmp_path, data, kind):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=rf"report.txt: is {kind}, not a text file"):
        read_text(path)


def test_missing_file_names_itself(tmp_path):
    with pytest.raises(InputError, match="nope.txt: no such file"):
        read_text(tmp_path / "nope.txt")


def test_directories_expand_to_sorted_txt_files(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "a.txt", "b/notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])] == ["a.txt", "b/2.txt"]
