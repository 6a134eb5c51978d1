"""Folding and word tokens: lower case that keeps every index, and each word with its span."""
from __future__ import annotations

import re
from itertools import accumulate

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
TOKEN = re.compile(r"[^\W_]+")
_TOKEN_SPLIT = re.compile(r"([^\W_]+)")
_BELOW = 0x530  # Latin, Greek and Cyrillic letters come before this code point
# Text in those scripts, with the punctuation of the web ("’", "“", "—", "…"), none of which is a letter.
_OTHER_SCRIPTS = re.compile("[^\x00-\u052f\u2000-\u206f]")


def _ranges(stop: int) -> str:
    """The letters and digits below `stop` as a character class, range by range."""
    ranges: list[list[int]] = []
    for code in range(stop):
        if chr(code).isalnum():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


# The same words for a text written in Latin, Greek or Cyrillic letters, as explicit ranges, which the regex
# engine checks faster than the Unicode category behind [^\W_]: splitting is the first step for every article.
_TOKEN_SPLIT_BELOW = re.compile(f"([{_ranges(_BELOW)}]+)")


def fold(text: str) -> str:
    """Lower case with every index kept in place (a few non-ASCII letters grow under str.lower)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


Words = tuple[list[str], list[int]]


def tokenize(folded: str) -> Words:
    """The words of a text and their bounds: word i spans bounds[2 * i]:bounds[2 * i + 1]. Done with one split
    and one running sum, both in C, instead of a match object per word."""
    splitter = _TOKEN_SPLIT if _OTHER_SCRIPTS.search(folded) else _TOKEN_SPLIT_BELOW
    parts = splitter.split(folded)  # separator, word, separator, word, ..., separator
    return parts[1::2], list(accumulate(map(len, parts)))


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of the words occurs in the text: the cheap test that spares a sentence the regex that needs one."""
    for word in words:
        if word in text:
            return True
    return False
