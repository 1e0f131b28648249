"""`report`: headline, date, attendance and numbered directives per readout, and what recurs across readouts."""

from __future__ import annotations

import json
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from directive_clf.cli import app
from directive_clf.report import (
    Directive,
    ReadoutReport,
    build_report,
    readout_report,
    recurring_directives,
    to_html,
    to_json,
    to_markdown,
)

CHROMIUM = Path("/usr/bin/chromium")



def records(*labelled: tuple[str, str]) -> list[dict]:
    return [{"position": i, "text": text, "label": label, "confidence": 0.9}
            for i, (text, label) in enumerate(labelled)]


def directives_of(source: str, *texts: str) -> ReadoutReport:
    found = [Directive(n, text, 0.9, n) for n, text in enumerate(texts, 1)]
    return ReadoutReport(source, None, None, [], found, len(texts), {"directive": len(texts)})


def test_report_lists_the_attendance_and_numbered_directives_of_a_readout(runner, small_model, small_model_file,
                                                                           readout_path):
    labelled = small_model.classify(readout_path.read_text(encoding="utf-8"))
    result = runner.invoke(app, ["report", str(readout_path), "-m", str(small_model_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    (readout,) = json.loads(result.stdout)["readouts"]
    assert readout["source"] == str(readout_path)
    assert readout["attendance"] == [" ".join(r["text"].split()) for r in labelled if r["label"] == "attendance"]
    expected = [(" ".join(r["text"].split()), r["position"]) for r in labelled if r["label"] == "directive"]
    assert expected and [(d["text"], d["position"]) for d in readout["directives"]] == expected
    assert [d["number"] for d in readout["directives"]] == list(range(1, len(expected) + 1))
    assert readout["sentences"] == len(labelled) == sum(readout["label_counts"].values())


def test_markdown_report(runner, small_model_file, readout_path):
    result = runner.invoke(app, ["report", str(readout_path), "-m", str(small_model_file)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# Readout report")
    assert "### Presided and attended" in text and "### Directives" in text
    assert "\n1. " in text and f"Source: `{readout_path}`" in text


def test_headline_dateline_and_page_chrome():
    report = readout_report("r.txt", records(
        ("Source: Xinhua | 2020-12-08", "context"),
        ("Xi chairs leadership meeting on flood control", "attendance"),
        ("BEIJING, Dec. 8 (Xinhua) -- The meeting was held on Tuesday.", "context"),
        ("Xi Jinping presided over the meeting.", "attendance"),
        ("The meeting stressed that we must strengthen flood control.", "directive"),
        ("Pay close attention to dikes.", "directive"),
    ))
    assert report.headline == "Xi chairs leadership meeting on flood control"
    assert report.dateline == "BEIJING, Dec. 8 (Xinhua)"
    assert report.attendance == ["Xi chairs leadership meeting on flood control",
                                 "Xi Jinping presided over the meeting."]
    assert [(d.number, d.text) for d in report.directives] == [
        (1, "The meeting stressed that we must strengthen flood control."), (2, "Pay close attention to dikes.")]


def test_a_date_sentence_and_no_headline():
    report = readout_report("r.txt", records(
        ("The standing committee met.", "context"),
        ("On September 10, the committee held a meeting.", "context"),
    ))
    assert report.headline is None
    assert report.dateline == "On September 10, the committee held a meeting."


def test_recurring_directives_are_grouped_across_readouts():
    readouts = [
        directives_of("a.txt", "We must ensure rural drinking water safety.", "Keep prices stable."),
        directives_of("b.txt", "It is necessary to extend rural drinking water projects before the rainy season."),
        directives_of("c.txt", "Efforts should be made to repair rural drinking water pipes in villages.",
                      "Officials must keep prices stable."),
    ]
    groups = recurring_directives(readouts)
    assert groups[0].ngram == "rural drinking water"
    assert (groups[0].readouts, groups[0].sentences, groups[0].sources) == (3, 3, ["a.txt", "b.txt", "c.txt"])
    assert groups[0].example in {d.text for r in readouts for d in r.directives}
    assert all(g.readouts >= 2 for g in groups)
    assert not any("the meeting stressed" in g.ngram or "it is necessary" in g.ngram for g in groups)
    assert recurring_directives(readouts[:1]) == []


def test_summary_over_several_readouts(runner, small_model_file, readout_path, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Li Ming presided over the meeting.\nWe must strengthen flood control.\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(readout_path), str(other), "-m", str(small_model_file), "-f", "json"])
    data = json.loads(result.stdout)
    summary = data["summary"]
    assert summary["readouts"] == 2 and summary["sentences"] == sum(r["sentences"] for r in data["readouts"])
    assert list(summary["label_shares"]) == ["directive", "praise", "attendance", "context"]
    assert sum(summary["label_shares"].values()) == pytest.approx(1, abs=0.001)
    markdown = runner.invoke(app, ["report", str(readout_path), str(other), "-m", str(small_model_file)]).stdout
    assert "| readouts | sentences | directive | praise | attendance | context |" in markdown
    assert "| 2 |" in markdown


def nasty_report():
    return build_report([readout_report("<a&b>.txt", records(
        ("Meeting on <script>alert('x')</script> & \"quotes\"", "context"),
        ("Li Ming presided over the <b>meeting</b>.", "attendance"),
        ("We must act & <i>win</i> [now] | *fast*.", "directive"),
    ))])


def test_html_is_self_contained_and_escapes_all_text():
    page = to_html(nasty_report())
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script" not in page and "<b>meeting" not in page and "<i>win" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;" in page
    assert "We must act &amp; &lt;i&gt;win&lt;/i&gt;" in page and "&lt;a&amp;b&gt;.txt" in page
    for external in ("<link", "src=", "href=", "@import", "url(", "http://", "https://"):
        assert external not in page


def test_markdown_and_json_keep_the_text():
    report = nasty_report()
    markdown = to_markdown(report)
    assert r"1. We must act & \<i\>win\</i\> \[now\] \| \*fast\*." in markdown
    data = json.loads(to_json(report))
    assert data["readouts"][0]["directives"][0]["text"] == "We must act & <i>win</i> [now] | *fast*."
    assert data["readouts"][0]["headline"] == "Meeting on <script>alert('x')</script> & \"quotes\""


def test_bad_file_is_reported_and_the_others_kept(runner, small_model_file, readout_path, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(readout_path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_bytes(b"%PDF-1.4 binary \x00\x01")
    (folder / "c.txt").write_text("We must strengthen flood control.\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(folder), "-m", str(small_model_file), "-f", "json"])
    assert result.exit_code == 1
    reported = [r["source"] for r in json.loads(result.stdout)["readouts"]]
    assert reported == [str(folder / "a.txt"), str(folder / "c.txt")]
    assert f"error: {folder / 'b.txt'}: is a PDF, not a text file" in result.stderr
    assert result.stderr.strip().endswith("error: 1 of 3 inputs could not be read; the others are in the report")
    assert "Traceback" not in result.output


def test_out_writes_atomically_and_keeps_the_old_file_on_failure(runner, small_model_file, readout_path, tmp_path):
    out = tmp_path / "report.html"
    args = ["report", str(readout_path), "-f", "html", "-o", str(out)]
    result = runner.invoke(app, [*args, "-m", str(small_model_file)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    bad_model = tmp_path / "bad.skops"
    bad_model.write_text("not a model", encoding="utf-8")
    failed = runner.invoke(app, [*args, "-m", str(bad_model)])
    assert failed.exit_code == 1 and failed.stderr.startswith("error: ")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_no_progress_bar_in_piped_output(runner, small_model_file, readout_path):
    result = runner.invoke(app, ["report", str(readout_path), str(readout_path), "-m", str(small_model_file)])
    assert result.exit_code == 0 and result.stderr == ""
    assert "\x1b[" not in result.stdout


def png_pixels(data: bytes) -> tuple[int, int, set[bytes]]:
    """Width, height and the distinct pixels of an 8-bit RGB or RGBA PNG (every 7th row)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = {}, 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        chunks.setdefault(kind, []).append(data[offset + 8:offset + 8 + length])
        offset += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][0][:10])
    assert depth == 8 and colour in (2, 6)
    channels = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks[b"IDAT"])), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):  # undo the PNG filters so that pixels are real colours
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up, corner = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    pixels = {row[x:x + channels] for row in rows[::7] for x in range(0, stride, channels * 3)}
    return width, height, pixels


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium for a headless screenshot")
def test_html_report_renders_in_a_browser(small_model, readout_path, tmp_path):
    report = build_report([readout_report(str(readout_path), small_model.classify(readout_path.read_text("utf-8")))])
    page = tmp_path / "report.html"
    page.write_text(to_html(report), encoding="utf-8")
    png = tmp_path / "report.png"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1200,1600",
                    page.as_uri()], capture_output=True, timeout=120, check=False)
    assert png.is_file() and png.stat().st_size > 20_000
    width, height, pixels = png_pixels(png.read_bytes())
    assert (width, height) == (1200, 1600)
    assert len(pixels) > 50  # text, badges and bars, not a blank page
