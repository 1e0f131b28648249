"""Sentence splitting: the rules of docs/annotation.md, on cases a reader would check by eye."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directive_clf import split_sentences
from directive_clf.segment import split_lines


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("The meeting was held. Li Ming presided.", ["The meeting was held.", "Li Ming presided."]),
    ("Mr. Li met Gen. Wang on Dec. 10. They spoke.", ["Mr. Li met Gen. Wang on Dec. 10.", "They spoke."]),
    # a month abbreviates before a date, but "Jun" also ends Chinese names
    ("Xiaomi's Lei Jun spoke after Chen Jun. The six entrepreneurs met on Jun. 5.",
     ["Xiaomi's Lei Jun spoke after Chen Jun.", "The six entrepreneurs met on Jun. 5."]),
    ("The U.S. side attended. The meeting ended.", ["The U.S. side attended.", "The meeting ended."]),
    ("Document No. 1 was studied. It matters.", ["Document No. 1 was studied.", "It matters."]),
    ("Growth reached 5.2 percent. Prices rose 0.8 percent.", ["Growth reached 5.2 percent.", "Prices rose 0.8 percent."]),
    ('He said "spirit is strength." The meeting ended.', ['He said "spirit is strength."', "The meeting ended."]),
    ("We must act (as required.) Then report.", ["We must act (as required.)", "Then report."]),
    ("Report by 4 p.m. daily. Meet at 5 p.m. The end.", ["Report by 4 p.m. daily.", "Meet at 5 p.m.", "The end."]),
    ("Why wait? Act now! We will.", ["Why wait?", "Act now!", "We will."]),
    ("会议强调。要加强领导！能做到吗？", ["会议强调。", "要加强领导！", "能做到吗？"]),
    ("First, unify thinking; second, act.", ["First, unify thinking; second, act."]),
    # scraped text that lost the space after a full stop
    ('He said "We must act."The meeting ended.', ['He said "We must act."', "The meeting ended."]),
    ("Output grew 3.5 percent.The meeting was held.", ["Output grew 3.5 percent.", "The meeting was held."]),
    ("See english.news.cn. Mr.Li spoke.", ["See english.news.cn.", "Mr.Li spoke."]),
    ("Posted Tuesday 27. august 2024", ["Posted Tuesday 27. august 2024"]),
])
def test_sentence_ends(text, expected):
    assert texts(text) == expected


def test_headline_without_full_stop_is_its_own_sentence():
    text = "Xi chairs leadership meeting on flood control\n\nThe meeting was held on Monday."
    assert texts(text) == ["Xi chairs leadership meeting on flood control", "The meeting was held on Monday."]


def test_bullets_each_make_a_sentence_and_keep_their_marker():
    text = ("The meeting required:\n· Strengthen monitoring;\n- Evacuate residents\n(1) Report daily.\n"
            "2. Keep records\n3. Check dikes")
    assert texts(text) == ["The meeting required:", "· Strengthen monitoring;", "- Evacuate residents",
                           "(1) Report daily.", "2. Keep records", "3. Check dikes"]


def test_inline_bullets_split():
    assert texts("Tasks: · Build dikes · Train staff") == ["Tasks:", "· Build dikes", "· Train staff"]


def test_hard_wrapped_lines_join_but_lines_starting_in_capitals_do_not():
    text = "The meeting called on all departments to\nstrengthen coordination.\nLi Ming presided"
    assert texts(text) == ["The meeting called on all departments to\nstrengthen coordination.", "Li Ming presided"]


def test_crlf_and_lone_cr_end_lines_and_offsets_point_into_the_original():
    text = "Headline\r\n\r\nFirst sentence.\rSecond one"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Headline", "First sentence.", "Second one"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "\r\n"])
def test_empty_text_has_no_sentences(text):
    assert split_sentences(text) == []


def test_machine_translation_capitals_after_commas_do_not_split():
    text = "It was emphasized that, In the face of the flood, The whole province must act. Zhou bo attended."
    assert texts(text) == ["It was emphasized that, In the face of the flood, The whole province must act.",
                           "Zhou bo attended."]


def test_split_lines_takes_each_line_as_it_is():
    text = "We must act. Now.\n\n  Li presided  \n"
    assert [(s.text, text[s.start:s.end]) for s in split_lines(text)] == [
        ("We must act. Now.", "We must act. Now."), ("Li presided", "Li presided")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.text(alphabet=" .!?。\n\r\t\"')(·-aA1", max_size=200))
def test_spans_are_ordered_exact_and_lose_no_visible_character(text):
    sentences = split_sentences(text)
    previous_end = 0
    for s in sentences:
        assert previous_end <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
        previous_end = s.end
    covered = "".join(s.text for s in sentences)
    assert [c for c in covered if not c.isspace()] == [c for c in text if not c.isspace()]
