"""A run-on without full stops is read in pieces (issue 19): each piece bounded, none lost.

The pathological inputs themselves are extracted under a hang guard in
``tests/reliability/test_extraction_time.py`` and timed in ``bench/pathological.py``.
Every text here is SYNTHETIC.
"""

from __future__ import annotations

from itertools import pairwise

from bench.pathological import run_on
from timeline.extract.articles import MAX_SENTENCE, split_sentences


def test_a_run_on_is_read_in_pieces_that_cover_it() -> None:
    text = run_on(20_000)
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(s.end - s.start <= MAX_SENTENCE for s in pieces)
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    for left, right in pairwise(pieces):
        assert text[left.end:right.start].strip() == ""  # nothing between pieces is lost
        assert text[left.end - 1] == "," or text[left.end - 1].isalnum()


def test_an_ordinary_sentence_is_not_cut() -> None:
    text = "Iraqi forces retook al-Yarmouk on Monday, the military said. " * 3
    assert [(s.end - s.start) for s in split_sentences(text)] == [60, 60, 60]
