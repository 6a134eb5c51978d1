"""Article text cut into sentences with exact spans: headings, list items, FAQ questions and answers."""
from __future__ import annotations

import re
from enum import StrEnum
from collections.abc import Iterator
from typing import NamedTuple


class Kind(StrEnum):
    TEXT = "text"
    HEADING = "heading"
    QUESTION = "question"
    ANSWER = "answer"
    ITEM = "item"


class Sentence(NamedTuple):
    start: int
    end: int  # exclusive; text[start:end] is the quote
    kind: Kind
    line: int  # index of the line (paragraph, list item, FAQ entry) it belongs to
    first_in_line: bool
    intro: bool  # ends with ":" and so introduces the list that follows


_LINE = re.compile(r"[^\r\n]+")
_QUESTION_MARK = re.compile(r"^(?:Q|Question)\s*:\s*")
_ANSWER_MARK = re.compile(r"^(?:A|Answer)\s*:\s*")
_BULLET = re.compile(r"^(?:(?:[-*•·▪◦‣–—]|\d{1,2}[.)]|[a-z][)])\s+|[✓✔✅☑★☆➤►▶→●○■□♦◆]\s*)")
# A sentence ends at . ! ? (with closing quotes or brackets) before a space and a capital, digit or quote.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|\s*$)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|U\.S|U\.K|Dr|Mr|Mrs|Ms|St|vs|etc|approx|Fig|al|Inc|Ltd|Jr|Sr|Prof|Mt|a\.m|p\.m|ca)\.)$"
)
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")


def split_sentences(text: str) -> Iterator[Sentence]:
    """Every sentence of every line, in text order; spans never include list markers or "Q:"/"A:". Yielded one
    by one: a long article then never holds them all at once.

    A line after a question line answers it (until the next heading or question), and a short item without
    closing punctuation is a list item ("- Lowers cholesterol"), not a heading, under a line ending in ":" or
    under a heading when it is not written in title case (a table of contents is)."""
    answering = False
    listing: str | None = None  # "intro" after a line ending in ":", "heading" after a heading
    for line_no, line in enumerate(_LINE.finditer(text)):
        start, end = _strip(text, line.start(), line.end())
        if start >= end:
            continue
        kind, start = _line_kind(text, start, end, listing)
        if kind is Kind.TEXT and answering:
            kind = Kind.ANSWER
        pieces = _pieces(text, start, end)
        for n, (s, e) in enumerate(pieces):
            sentence_kind = Kind.QUESTION if text[e - 1] == "?" and kind is not Kind.HEADING else kind
            yield Sentence(s, e, sentence_kind, line_no, n == 0, text[e - 1] == ":")
        last = text[end - 1]
        answering = (last == "?" and kind is not Kind.HEADING) or (answering and kind in (Kind.ANSWER, Kind.ITEM))
        if last == ":" or kind is Kind.HEADING:
            listing = "intro" if last == ":" else "heading"
        elif kind is Kind.ITEM and listing == "heading":
            listing = "items"  # a list under a heading: "- Pregnant women", then "- Children" is an item too
        elif kind is not Kind.ITEM:
            listing = None


def _line_kind(text: str, start: int, end: int, listing: str | None) -> tuple[Kind, int]:
    content = text[start:end]
    for pattern, kind in ((_QUESTION_MARK, Kind.QUESTION), (_ANSWER_MARK, Kind.ANSWER), (_BULLET, Kind.ITEM)):
        marker = pattern.match(content)
        if marker:
            start += marker.end()
            break
    else:
        kind = Kind.TEXT
    content = text[start:end]
    if kind is Kind.ITEM and (listing in ("intro", "items") or (listing == "heading" and not _title_case(content))):
        return kind, start
    if kind in (Kind.TEXT, Kind.ITEM) and _is_heading(content):
        kind = Kind.HEADING
    return kind, start


def _title_case(content: str) -> bool:
    """"Understanding Fibromyalgia and Its Impact" (a table of contents), not "Reduced anxiety and nervousness"."""
    long_words = [word for word in content.split() if len(word) >= 4]
    return bool(long_words) and sum(word[0].isupper() for word in long_words) >= 0.6 * len(long_words)


_NUMBER_SIGN = re.compile(r"\bNo\.$")
_DIGIT_NEXT = re.compile(r"\s*\d")


def _is_heading(content: str) -> bool:
    """Titles, section names and table-of-contents entries: short and without closing punctuation."""
    return not _TERMINAL.search(content) and len(content.split()) <= 25


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if _ABBREVIATION.search(text, max(cursor, match.start() - 8), match.start() + 1):
            continue
        if _NUMBER_SIGN.search(text, max(cursor, match.start() - 3), match.start() + 1) and _DIGIT_NEXT.match(
                text, match.end()):
            continue  # "No. 5", not the answer "No."
        s, e = _strip(text, cursor, match.end())
        if s < e:
            pieces.append((s, e))
        cursor = match.end()
    s, e = _strip(text, cursor, end)
    if s < e:
        pieces.append((s, e))
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
