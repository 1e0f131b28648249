"""A plain keyword-rule labeller: what an analyst might write in an afternoon.

It shows what learning buys: the rules catch the textbook sentence of each label
and miss the rest.
"""

from __future__ import annotations

import re

ATTENDANCE = re.compile(
    r"\b(presided over|chaired|attended|were present|was present|took part|participated|"
    r"sat in on|delivered a speech|made a speech|gave a speech|spoke at|on the rostrum)\b", re.I)
PRAISE = re.compile(
    r"\b(fully affirmed|affirmed|remarkable|historic achievements?|great achievements?|"
    r"highly praised|commended|outstanding|significant progress|notable results|"
    r"marked progress|congratulat\w+)\b", re.I)
DIRECTIVE = re.compile(
    r"\b(must|should|need to|needs to|have to|has to|shall|will|urged?|called for|calls for|"
    r"stressed|emphasized|emphasised|demanded|required|ordered|efforts will|it is necessary|"
    r"it is imperative|strive to|ensure)\b", re.I)


def keyword_label(sentence: str) -> str:
    """The label the first matching rule gives: attendance, praise, directive, else context."""
    if ATTENDANCE.search(sentence):
        return "attendance"
    if PRAISE.search(sentence):
        return "praise"
    if DIRECTIVE.search(sentence):
        return "directive"
    return "context"
