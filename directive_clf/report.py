"""Readout reports: headline, date, who attended and the numbered directives, and what recurs across readouts.

`readout_report` digests one readout's labelled sentences, `build_report` gathers many and
finds the directives that recur across them; `to_markdown`, `to_html` and `to_json` render
the result as a string.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .labels import LABELS

# Page furniture that scraped readouts keep above the headline.
_CHROME = re.compile(
    r"^\s*(?:home\s*>|(?:source|updated|date|editor|editors|author|reporter|responsible editor|share to|print|"
    r"published|release time)\s*[:：]|\(?photo\b)"
    r"|^\s*\d{4}-\d{1,2}-\d{1,2}\b|\b(?:reads|views|clicks)\s*[:：]\s*\d",
    re.IGNORECASE,
)
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# "BEIJING, Dec. 8 (Xinhua) --", and "Xinhua News Agency, Beijing, April 19th."
_AGENCY_DATELINE = re.compile(
    rf"^[A-Z][A-Z .'-]+,\s+{_MONTH}\.?\s+{_DAY}(?:,\s*\d{{4}})?\s+\([^)]{{1,40}}\)\s*(?:--|—|–)")
_NEWS_AGENCY_LINE = re.compile(rf"^Xinhua News Agency\b[^.]{{0,40}}\b{_MONTH}\.?\s+{_DAY}\b", re.IGNORECASE)
_DATE = re.compile(rf"\b{_MONTH}\.?\s+{_DAY}\b|\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\bon the {_DAY}\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]）」』》]*$")
# How far into a readout to look for its headline and date.
_LEAD = 6
_HEADLINE_MAX_CHARS = 300

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Words that make up the formulas of every readout; a recurring directive is about something else.
_COMMON = frozenset("""
a about above across after again against all also an and any are as at be been being both but by can could do
does doing each for from further had has have having he her here his how i if in into is it its itself more most
no nor not of off on once only or other our ours out over own same she should so some such than that the their
them then there these they this those through to too under until up very was we were what when where which while
who whom why will with would you your must need needs necessary shall strive continue further make efforts
meeting meetings conference session stressed emphasized emphasised pointed noted called urged required demanded
requirements requirement put forward held said added work works good well effectively earnestly resolutely
firmly fully strictly vigorously actively deeply solidly comprehensively thoroughly important importance
one two three four five first second third fourth fifth level levels various relevant new
province provincial municipal county city party committee committees government departments department
comrade comrades secretary general xi jinping central cpc china chinese country national state
take lead soon possible end before ensure do job carry promote strengthen improve implement implementation
effort efforts solid play role give full keep focus adhere grasp accelerate advance deepen build things aspects
areas key major basis way ways everything whole year years time times people better best high officials told
""".split())


@dataclass
class Directive:
    """One directive of a readout: its number in the report, where it stands, and the model's confidence."""

    number: int
    text: str
    confidence: float
    position: int


@dataclass
class ReadoutReport:
    """What one readout says: headline, date, who presided and attended, and its numbered directives."""

    source: str
    headline: str | None
    dateline: str | None
    attendance: list[str]
    directives: list[Directive]
    sentences: int
    label_counts: dict[str, int]


@dataclass
class RecurringDirective:
    """Directives of several readouts that share a distinctive word 3-gram."""

    ngram: str
    readouts: int
    sentences: int
    example: str
    example_source: str
    sources: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Reports of many readouts, their label totals, and the directives that recur across them."""

    readouts: list[ReadoutReport]
    labels: list[str]
    recurring: list[RecurringDirective]

    @property
    def sentences(self) -> int:
        return sum(r.sentences for r in self.readouts)

    @property
    def label_counts(self) -> dict[str, int]:
        return {label: sum(r.label_counts.get(label, 0) for r in self.readouts) for label in self.labels}

    @property
    def label_shares(self) -> dict[str, float]:
        total = self.sentences
        return {label: round(count / total, 4) if total else 0.0 for label, count in self.label_counts.items()}

    def to_dict(self) -> dict[str, Any]:
        """Everything in the report, JSON-ready."""
        return {
            "summary": {"readouts": len(self.readouts), "sentences": self.sentences,
                        "label_counts": self.label_counts, "label_shares": self.label_shares},
            "readouts": [asdict(r) for r in self.readouts],
            "recurring_directives": [asdict(r) for r in self.recurring],
        }


def readout_report(source: str, records: Sequence[dict[str, Any]], labels: Sequence[str] = LABELS) -> ReadoutReport:
    """Digest the labelled sentences of one readout (the records of `classify_paths` or `classify`).

    >>> records = load_model().classify(open("readout.txt").read())  # doctest: +SKIP
    >>> [d.text for d in readout_report("readout.txt", records).directives]  # doctest: +SKIP
    """
    labels = _ordered(labels)
    texts = [_tidy(r["text"]) for r in records]
    lead = [i for i, text in enumerate(texts[:_LEAD * 2]) if not _CHROME.search(text)][:_LEAD]
    headline = None
    if lead and not _SENTENCE_END.search(texts[lead[0]]) and len(texts[lead[0]]) <= _HEADLINE_MAX_CHARS:
        headline = texts[lead[0]]
    body = [i for i in lead if texts[i] != headline]
    directives = [Directive(number, texts[i], float(records[i]["confidence"]), int(records[i]["position"]))
                  for number, i in enumerate((i for i, r in enumerate(records) if r["label"] == "directive"), 1)]
    counts = {label: 0 for label in labels}
    for r in records:
        counts[r["label"]] = counts.get(r["label"], 0) + 1
    return ReadoutReport(
        source=source,
        headline=headline,
        dateline=_dateline([texts[i] for i in body]),
        attendance=[texts[i] for i, r in enumerate(records) if r["label"] == "attendance"],
        directives=directives,
        sentences=len(records),
        label_counts=counts,
    )


def build_report(readouts: Iterable[ReadoutReport], labels: Sequence[str] = LABELS, recurring: int = 10) -> Report:
    """Gather readout reports and find the `recurring` directive themes shared by most readouts."""
    readouts = list(readouts)
    return Report(readouts, _ordered(labels), recurring_directives(readouts, limit=recurring))


def _ordered(labels: Iterable[str]) -> list[str]:
    """The labels in the order of LABELS (directive first), any others after them."""
    labels = [str(label) for label in labels]
    return [label for label in LABELS if label in labels] + [label for label in labels if label not in LABELS]


def recurring_directives(readouts: Sequence[ReadoutReport], limit: int = 10) -> list[RecurringDirective]:
    """Directives that recur across readouts, grouped by a shared distinctive word 3-gram.

    A 3-gram is distinctive when it opens and closes with a word that is no readout formula
    or common verb ("the meeting stressed", "take the lead" are not). The 3-gram found in most readouts makes
    the first group; its sentences are then set aside, so one sentence counts in one group.
    """
    sentences = [(r.source, d.text, d.confidence) for r in readouts for d in r.directives]
    grams_of = [_distinctive_trigrams(text) for _, text, _ in sentences]
    unused = set(range(len(sentences)))
    groups: list[RecurringDirective] = []
    while len(groups) < limit:
        where: dict[str, set[int]] = {}
        for i in unused:
            for gram in grams_of[i]:
                where.setdefault(gram, set()).add(i)
        if not where:
            break
        spread = {gram: len({sentences[i][0] for i in members}) for gram, members in where.items()}
        best = min(where, key=lambda gram: (-spread[gram], -len(where[gram]), gram))
        if spread[best] < 2:
            break
        members = sorted(where[best])
        example = max(members, key=lambda i: (sentences[i][2], -len(sentences[i][1])))
        groups.append(RecurringDirective(
            ngram=best, readouts=spread[best], sentences=len(members),
            example=sentences[example][1], example_source=sentences[example][0],
            sources=sorted({sentences[i][0] for i in members}),
        ))
        unused -= set(members)
    return groups


def _distinctive_trigrams(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + 3]) for i in range(len(words) - 2) if _content(words[i]) and _content(words[i + 2])}


def _content(word: str) -> bool:
    return word not in _COMMON and len(word) > 2 and not word.isdigit()


def _dateline(sentences: Sequence[str]) -> str | None:
    for text in sentences:
        match = _AGENCY_DATELINE.match(text)
        if match:
            return match.group(0).rstrip(" -—–")
        if _NEWS_AGENCY_LINE.match(text) and len(text) <= 80:
            return text
    return next((text for text in sentences if _DATE.search(text)), None)


def _tidy(text: str) -> str:
    """One line: hard-wrapped sentences joined."""
    return " ".join(text.split())


# Rendering ------------------------------------------------------------------------------------------------------

def to_json(report: Report) -> str:
    """The report as one indented JSON document."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def to_markdown(report: Report) -> str:
    """The report as Markdown: a summary and the recurring directives (for several readouts), then each readout."""
    lines = ["# Readout report", ""]
    if len(report.readouts) > 1:
        lines += _md_summary(report)
    else:
        lines.append(f"{len(report.readouts)} readout, {report.sentences} sentences")
    if report.recurring:
        lines += ["", "## Recurring directives", "",
                  "| shared words | readouts | sentences | example |", "|---|---:|---:|---|"]
        lines += [f"| {_md(g.ngram)} | {g.readouts} | {g.sentences} | {_md(g.example)} ({_md(g.example_source)}) |"
                  for g in report.recurring]
    for readout in report.readouts:
        lines += ["", f"## {_md(readout.headline or readout.source)}", ""]
        if readout.headline:
            lines.append(f"Source: `{readout.source}`  ")
        if readout.dateline:
            lines.append(f"Date: {_md(readout.dateline)}  ")
        lines.append(f"{readout.sentences} sentences: " + ", ".join(
            f"{count} {label}" for label, count in readout.label_counts.items()))
        lines += ["", "### Presided and attended", ""]
        lines += [f"- {_md(text)}" for text in readout.attendance] or ["_None found._"]
        lines += ["", "### Directives", ""]
        lines += [f"{d.number}. {_md(d.text)} _({d.confidence:.2f})_" for d in readout.directives] or ["_None found._"]
    return "\n".join(lines) + "\n"


def _md_summary(report: Report) -> list[str]:
    header = "| readouts | sentences | " + " | ".join(report.labels) + " |"
    rule = "|---:|---:|" + "---:|" * len(report.labels)
    shares = report.label_shares
    row = (f"| {len(report.readouts)} | {report.sentences} | "
           + " | ".join(_percent(shares[label]) for label in report.labels) + " |")
    return [header, rule, row]


_CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --paper: #ffffff; --tint: #f6f8fa;
  --directive: #1a7f37; --praise: #8250df; --attendance: #0969da; --context: #8c959f; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--tint); color: var(--ink);
  font: 15px/1.55 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
.lede { color: var(--muted); margin: 0 0 24px; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  padding: 20px 24px; margin: 0 0 20px; }
h2 { font-size: 19px; line-height: 1.35; margin: 0 0 6px; }
h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
  margin: 20px 0 8px; }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 12px; }
.meta code { font-size: 12px; background: var(--tint); padding: 1px 5px; border-radius: 4px; }
.dateline { color: var(--muted); font-style: italic; margin: 0 0 6px; }
h3 .hint { float: right; text-transform: none; letter-spacing: 0; font-weight: normal; }
.bar { display: flex; height: 10px; border-radius: 5px; overflow: hidden; background: var(--tint); margin: 8px 0 6px; }
.bar span { display: block; height: 100%; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; color: var(--muted); }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px;
  vertical-align: -1px; }
.directive { background: var(--directive); } .praise { background: var(--praise); }
.attendance { background: var(--attendance); } .context { background: var(--context); }
ul.people { margin: 0; padding-left: 20px; }
ul.people li { margin: 2px 0; }
ol.directives { list-style: none; margin: 0; padding: 0; }
ol.directives li { display: grid; grid-template-columns: 34px 1fr 52px; gap: 10px; align-items: baseline;
  padding: 8px 0; border-top: 1px solid var(--tint); }
ol.directives li:first-child { border-top: 0; }
.num { color: var(--muted); font-variant-numeric: tabular-nums; text-align: right; font-weight: 600; }
.conf { justify-self: end; font-size: 12px; font-variant-numeric: tabular-nums; padding: 1px 7px;
  border-radius: 10px; color: #fff; background: var(--directive); }
.conf.mid { background: #9a6700; } .conf.low { background: #cf222e; }
.none { color: var(--muted); font-style: italic; margin: 0; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.gram { font-weight: 600; white-space: nowrap; }
.src { color: var(--muted); font-size: 12px; }
footer { color: var(--muted); font-size: 12px; text-align: center; }
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def to_html(report: Report, title: str = "Readout report") -> str:
    """The report as one self-contained HTML page: inline CSS, no scripts, no external resources."""
    shares = report.label_shares
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>", "<main>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="lede">{len(report.readouts)} readout{"s" if len(report.readouts) != 1 else ""}, '
        f"{report.sentences} sentences, {sum(len(r.directives) for r in report.readouts)} directives</p>",
    ]
    if len(report.readouts) > 1:
        parts.append(
            '<section><h2>Summary</h2><table><thead><tr><th class="n">readouts</th><th class="n">sentences</th>'
            + "".join(f'<th class="n">{_e(label)}</th>' for label in report.labels) + "</tr></thead><tbody><tr>"
            + f'<td class="n">{len(report.readouts)}</td><td class="n">{report.sentences}</td>'
            + "".join(f'<td class="n">{_percent(shares[label])}</td>' for label in report.labels)
            + "</tr></tbody></table>" + _html_bar(report.label_counts) + "</section>")
    if report.recurring:
        parts += ['<section><h2>Recurring directives</h2>',
                  '<p class="meta">Directives of different readouts that share a distinctive three-word phrase.</p>',
                  '<table><thead><tr><th>shared words</th><th class="n">readouts</th><th class="n">sentences</th>'
                  "<th>example</th></tr></thead><tbody>"]
        parts += [f'<tr><td class="gram">{_e(g.ngram)}</td><td class="n">{g.readouts}</td>'
                  f'<td class="n">{g.sentences}</td><td>{_e(g.example)}<div class="src">{_e(g.example_source)}</div>'
                  "</td></tr>" for g in report.recurring]
        parts.append("</tbody></table></section>")
    for readout in report.readouts:
        parts.append(_html_readout(readout))
    parts += ["<footer>Made by directive-clf. Labels are a model's predictions: check them against the "
              "readout.</footer>", "</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _html_bar(counts: dict[str, int]) -> str:
    total = sum(counts.values()) or 1
    spans = "".join(f'<span class="{_e(label)}" style="width:{count / total * 100:.2f}%" '
                    f'title="{_e(label)}: {count}"></span>' for label, count in counts.items() if count)
    legend = "".join(f'<span><i class="{_e(label)}"></i>{_e(label)} {count}</span>' for label, count in counts.items())
    return f'<div class="bar">{spans}</div><div class="legend">{legend}</div>'


def _html_readout(readout: ReadoutReport) -> str:
    parts = ["<section>", f"<h2>{_e(readout.headline or readout.source)}</h2>"]
    if readout.dateline:
        parts.append(f'<p class="dateline">{_e(readout.dateline)}</p>')
    if readout.headline:
        parts.append(f'<p class="meta"><code>{_e(readout.source)}</code></p>')
    parts += [_html_bar(readout.label_counts), "<h3>Presided and attended</h3>"]
    if readout.attendance:
        parts.append('<ul class="people">' + "".join(f"<li>{_e(t)}</li>" for t in readout.attendance) + "</ul>")
    else:
        parts.append('<p class="none">None found.</p>')
    parts.append(f'<h3>Directives ({len(readout.directives)})<span class="hint">model confidence</span></h3>')
    if readout.directives:
        items = []
        for d in readout.directives:
            level = "" if d.confidence >= 0.8 else " mid" if d.confidence >= 0.6 else " low"
            items.append(f'<li><span class="num">{d.number}.</span><span>{_e(d.text)}</span>'
                         f'<span class="conf{level}" title="model confidence">{d.confidence:.2f}</span></li>')
        parts.append('<ol class="directives">' + "".join(items) + "</ol>")
    else:
        parts.append('<p class="none">None found.</p>')
    parts.append("</section>")
    return "\n".join(parts)
