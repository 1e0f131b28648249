"""Text to sentences, with character offsets into the original text.

The rules are those of docs/annotation.md ("Sentences"): a sentence ends at
`.`, `!` or `?` before a space, a closing quote or bracket or the end of the
text (not after an abbreviation or inside a number), at `。！？`, at a blank
line, and at a single line break unless the text is hard-wrapped there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """A sentence and its span: `text[start:end] == sentence.text`."""

    text: str
    start: int
    end: int


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CLOSERS = "\"'”’)]）」』》"
# A sentence end: Western punctuation needs white space or the end after it, Chinese does not.
# Scraped text also drops the space: after a closing quote ('act."The') or between two words
# ("percent.The") a capital letter still starts a new sentence.
_CLOSER_CLASS = "[" + re.escape(_CLOSERS) + "]"
# Every alternative opens with the stop itself, so the scan only stops at punctuation (ten times faster).
_END = re.compile(rf"[.!?。！？](?:(?<=[.!?])[.!?]*{_CLOSER_CLASS}*(?=\s|$)"
                  rf"|(?<=[.!?])[.!?]*{_CLOSER_CLASS}+(?=[A-Z])"
                  rf"|(?<=[a-z]{{2}}[.!?])(?=[A-Z][a-z])"
                  rf"|(?<=[。！？])[。！？]*{_CLOSER_CLASS}*)")
# Bullets that may stand mid-line in scraped text: each starts a sentence of its own.
_INLINE_BULLET = re.compile(r"(?<=\s)[·•●▪■◆](?=\s)")
_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Sgt Adm Rep Sen Gov Rev St Jr Sr Co Corp Inc Ltd "
    "No Nos Art Vol Fig vs e.g i.e cf approx".split()
)
# A month is abbreviated before a day or year ("Jun. 5"); "Jun." before a word ends a name ("Lei Jun.").
_MONTHS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")  # U.S, U.K, P.R.C, a.m
# A line stops mid-sentence when it does not end in one of these.
_LINE_FINAL = ".!?;:。！？；：—–-" + _CLOSERS
_LIST_NUMBER = re.compile(r"\s*\(?\d{1,3}$")  # "1." or "(2." opening a numbered line
_WORD_START = re.compile(r"[\s(\[\"'“‘]")
_LOOK_BACK = 64


def split_sentences(text: str) -> list[Sentence]:
    """Split a readout into sentences with offsets into `text`.

    >>> [s.text for s in split_sentences("Li Ming presided. The meeting stressed unity.")]
    ['Li Ming presided.', 'The meeting stressed unity.']
    """
    sentences = []
    for block_start, block_end in _blocks(text):
        sentences.extend(_split_block(text, block_start, block_end))
    return sentences


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of `text`, line breaks excluded."""
    spans, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans of runs of non-blank lines that form one paragraph (hard-wrapped lines joined)."""
    blocks: list[tuple[int, int]] = []
    previous = ""
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip():
            previous = ""
            continue
        if previous and _continues(previous, line):
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
        previous = line
    return blocks


def _continues(previous: str, line: str) -> bool:
    """Whether `line` goes on with the sentence that `previous` left unfinished (hard wrap)."""
    tail = previous.rstrip()
    head = line.lstrip()
    return tail[-1] not in _LINE_FINAL and head[0].islower()


def _split_block(text: str, start: int, end: int) -> list[Sentence]:
    block = text[start:end]
    cuts = [0]
    for match in _END.finditer(block):
        if not _is_abbreviation_or_list_number(block, match):
            cuts.append(match.end())
    cuts.extend(match.start() for match in _INLINE_BULLET.finditer(block))
    cuts.append(len(block))
    sentences = []
    for left, right in zip(sorted(cuts), sorted(cuts)[1:]):
        piece = block[left:right]
        stripped = piece.strip()
        if stripped:
            offset = start + left + (len(piece) - len(piece.lstrip()))
            sentences.append(Sentence(stripped, offset, offset + len(stripped)))
    return sentences


def _is_abbreviation_or_list_number(block: str, match: re.Match[str]) -> bool:
    if match.group()[0] != "." or len(match.group().rstrip(_CLOSERS)) > 1:
        return False
    # Only the last few characters matter: the word before the stop, or a list number at a line start.
    window = max(0, match.start() - _LOOK_BACK)
    before = block[window: match.start()]
    word = _WORD_START.split(before)[-1]
    if word.lower() in ("a.m", "p.m"):  # ends a sentence when a capital follows: "by 4 p.m. The ..."
        return not block[match.end():].lstrip()[:1].isupper()
    if word in _ABBREVIATIONS or _DOTTED_ACRONYM.search(word):
        return True
    if word in _MONTHS:
        return not block[match.end():].lstrip()[:1].isupper()
    if word.isdigit() and block[match.end():].lstrip()[:1].islower():  # an ordinal date: "27. august"
        return True
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    if line_start == 0 and window > 0:
        return False  # the line began before the window: far too long for a list number
    return bool(_LIST_NUMBER.fullmatch(before[line_start:]))


def split_lines(text: str) -> list[Sentence]:
    """Take each non-blank line of `text` as one sentence (for text split already)."""
    sentences, offset = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            sentences.append(Sentence(stripped, start, start + len(stripped)))
        offset += len(line)
    return sentences
