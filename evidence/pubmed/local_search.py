"""PubMed search syntax evaluated locally over parsed records (the offline snapshot's search engine).

Supported: AND, OR, NOT (binary, PubMed style: equal precedence, left to right, parentheses
group), quoted phrases, bare words, field tags [tiab] [ti] [ab] [mh] [majr] [pt] [kw] (and their
long PubMed spellings), and trailing `*` truncation. Operators are upper case, as PubMed asks;
adjacent terms without an operator are ANDed; words before a tag form one phrase, as in
`randomized controlled trial[pt]`.

Text matching is case- and accent-insensitive, on word boundaries, with hyphens and punctuation
as separators ("7-hydroxymitragynine" matches "7 hydroxymitragynine") and a trailing plural "s"
ignored. [mh]/[majr]/[pt] match a whole heading or type, not words inside it; there is no MeSH
tree here, so a heading does not explode to its narrower headings and entry terms are not
mapped, which is why the query builder ORs every heading with free-text synonyms.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .articles import Article

_FIELD_TAGS = {
    "tiab": "tiab", "title/abstract": "tiab",
    "ti": "ti", "title": "ti",
    "ab": "ab", "abstract": "ab",
    "mh": "mh", "mesh": "mh", "mesh terms": "mh", "mh:noexp": "mh", "mesh terms:noexp": "mh",
    "majr": "majr", "mesh major topic": "majr", "majr:noexp": "majr",
    "pt": "pt", "publication type": "pt",
    "kw": "kw", "ot": "kw", "keyword": "kw", "other term": "kw",
    "all": "all", "all fields": "all", "tw": "all", "text word": "all",
}  # fmt: skip
_OPERATORS = ("AND", "OR", "NOT")
_MAX_DEPTH = 50
_LEXEME = re.compile(
    r'\s*(?:(?P<open>\()|(?P<close>\))|"(?P<phrase>[^"]*)"|\[(?P<tag>[^\]]*)\]|(?P<word>[^\s()"\[\]]+))'
)
_WORD = re.compile(r"[^\W_]+")


def words_of(text: str) -> list[str]:
    """Lower-case, accent-free words; every other character separates words."""
    folded = unicodedata.normalize("NFKD", text.lower())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


def _stem(word: str) -> str:
    # A plural "s" is dropped so "legs" finds "leg"; "ss", "us", "is" endings are not plurals.
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Term:
    """A word or phrase searched in one field; with truncation the last word is a prefix."""

    words: tuple[str, ...]
    field: str = "all"
    truncated: bool = False


@dataclass(frozen=True)
class Operation:
    operator: str  # AND, OR or NOT (NOT is binary: left and not right)
    left: Query
    right: Query


Query = Term | Operation


@dataclass(frozen=True)
class _Lexeme:
    kind: str  # open, close, phrase, tag, word, operator
    text: str
    position: int


def parse_query(text: str) -> Query:
    """Parse a PubMed search term; a malformed one raises ValueError saying where and why."""
    lexemes = _lex(text)
    if not lexemes:
        raise ValueError("empty PubMed query")
    parser = _Parser(lexemes)
    query = parser.expression(depth=0)
    if not parser.done():
        lexeme = parser.peek()
        raise ValueError(f"unexpected {lexeme.text!r} at position {lexeme.position} in PubMed query")
    return query


def _lex(text: str) -> list[_Lexeme]:
    lexemes, position = [], 0
    while position < len(text):
        if not text[position:].strip():
            break
        match = _LEXEME.match(text, position)
        if match is None:
            raise ValueError(_unlexable(text, position))
        kind = match.lastgroup or ""
        value, start = match.group(kind), match.start(kind)
        if kind == "word" and value in _OPERATORS:
            kind = "operator"
        lexemes.append(_Lexeme(kind, value, start))
        position = match.end()
    return lexemes


def _unlexable(text: str, position: int) -> str:
    rest = text[position:].lstrip()
    where = len(text) - len(rest)
    if rest.startswith('"'):
        return f"unterminated quote at position {where} in PubMed query"
    if rest.startswith("["):
        return f"unterminated field tag at position {where} in PubMed query"
    return f"unexpected {rest[:1]!r} at position {where} in PubMed query"


class _Parser:
    """Recursive descent over lexemes: expression := operand ((operator)? operand)*."""

    def __init__(self, lexemes: list[_Lexeme]) -> None:
        self._lexemes = lexemes
        self._index = 0

    def done(self) -> bool:
        return self._index >= len(self._lexemes)

    def peek(self) -> _Lexeme:
        return self._lexemes[self._index]

    def _take(self) -> _Lexeme:
        lexeme = self._lexemes[self._index]
        self._index += 1
        return lexeme

    def expression(self, depth: int) -> Query:
        query = self._operand(depth)
        while not self.done() and self.peek().kind != "close":
            operator = self._take().text if self.peek().kind == "operator" else "AND"
            if self.done() or self.peek().kind == "close":
                raise ValueError(f"{operator} has no right-hand term in PubMed query")
            query = Operation(operator, query, self._operand(depth))
        return query

    def _operand(self, depth: int) -> Query:
        lexeme = self._take()
        if lexeme.kind == "open":
            if depth >= _MAX_DEPTH:
                raise ValueError("PubMed query nests parentheses too deeply")
            if self.done() or self.peek().kind == "close":
                raise ValueError(f"empty parentheses at position {lexeme.position} in PubMed query")
            query = self.expression(depth + 1)
            if self.done():
                raise ValueError(f"unbalanced parenthesis at position {lexeme.position} in PubMed query")
            self._take()
            self._refuse_tag("a closing parenthesis")
            return query
        if lexeme.kind in ("phrase", "word"):
            return self._term(lexeme)
        if lexeme.kind == "operator":
            raise ValueError(f"{lexeme.text} at position {lexeme.position} has no left-hand term in PubMed query")
        raise ValueError(f"unexpected {lexeme.text!r} at position {lexeme.position} in PubMed query")

    def _term(self, first: _Lexeme) -> Query:
        texts = [first.text]
        if first.kind == "word":
            while not self.done() and self.peek().kind == "word":
                texts.append(self._take().text)
        if not self.done() and self.peek().kind == "tag":
            tag = self._take()
            return _make_term(" ".join(texts), _field(tag), first.position)
        self._refuse_tag("a term")
        terms = [_make_term(text, "all", first.position) for text in texts]
        query: Query = terms[0]
        for term in terms[1:]:  # untagged adjacent words: PubMed ANDs them
            query = Operation("AND", query, term)
        return query

    def _refuse_tag(self, after: str) -> None:
        if not self.done() and self.peek().kind == "tag":
            tag = self.peek()
            raise ValueError(f"field tag [{tag.text}] at position {tag.position} cannot follow {after}")


def _field(tag: _Lexeme) -> str:
    field = _FIELD_TAGS.get(" ".join(tag.text.lower().split()))
    if field is None:
        raise ValueError(f"unsupported field tag [{tag.text}] at position {tag.position} in PubMed query")
    return field


def _make_term(text: str, field: str, position: int) -> Term:
    stripped = text.strip()
    truncated = stripped.endswith("*")
    if "*" in stripped.rstrip("*") or stripped.endswith("**"):
        raise ValueError(f"'*' truncation only at the end of a term (position {position}) in PubMed query")
    words = tuple(words_of(stripped))
    if not words:
        raise ValueError(f"term at position {position} has no searchable words in PubMed query")
    return Term(words=words, field=field, truncated=truncated)


class SearchableRecord:
    """An article's searchable text, split into word sequences per field, computed once."""

    def __init__(self, article: Article) -> None:
        self.article = article

    @cached_property
    def fields(self) -> dict[str, list[tuple[str, ...]]]:
        a = self.article
        title, abstract = [_words(a.title)], [_words(a.abstract)]
        keywords = [_words(k) for k in a.keywords]
        headings = [_words(m.descriptor) for m in a.mesh_terms]
        types = [_words(t) for t in a.publication_types]
        return {
            "ti": title, "ab": abstract, "tiab": title + abstract, "kw": keywords,
            "mh": headings, "majr": [_words(m.descriptor) for m in a.mesh_terms if m.major], "pt": types,
            "all": title + abstract + keywords + headings + types,
        }  # fmt: skip

    @cached_property
    def stems(self) -> dict[str, frozenset[str]]:
        """Every stemmed word per field: most terms are ruled out here without scanning a sequence."""
        return {field: frozenset(_stem(w) for seq in seqs for w in seq) for field, seqs in self.fields.items()}


def _words(text: str) -> tuple[str, ...]:
    return tuple(words_of(text))


def matches(query: Query, record: SearchableRecord) -> bool:
    """Whether a record satisfies a parsed query."""
    # Long OR lists nest to the left; walking that spine in a loop keeps recursion shallow.
    spine: list[Operation] = []
    while isinstance(query, Operation):
        spine.append(query)
        query = query.left
    result = _term_matches(query, record.fields[query.field], record.stems[query.field])
    for operation in reversed(spine):
        if operation.operator == "AND":
            result = result and matches(operation.right, record)
        elif operation.operator == "OR":
            result = result or matches(operation.right, record)
        else:
            result = result and not matches(operation.right, record)
    return result


def _term_matches(term: Term, sequences: list[tuple[str, ...]], stems: frozenset[str]) -> bool:
    required = term.words[:-1] if term.truncated else term.words
    if any(_stem(word) not in stems for word in required):
        return False
    whole = term.field in ("mh", "majr", "pt")  # a heading or type matches as a whole
    for words in sequences:
        if whole:
            candidates = [words[: len(term.words)]] if term.truncated else [words]
        else:
            candidates = [words[i : i + len(term.words)] for i in range(len(words) - len(term.words) + 1)]
        if any(_same_words(term, candidate) for candidate in candidates):
            return True
    return False


def _same_words(term: Term, candidate: tuple[str, ...]) -> bool:
    if len(candidate) != len(term.words):
        return False
    *head, last = term.words
    if any(_stem(q) != _stem(w) for q, w in zip(head, candidate)):
        return False
    return candidate[-1].startswith(last) if term.truncated else _stem(last) == _stem(candidate[-1])


def search_records(
    term: str,
    records: Iterable[SearchableRecord],
    *,
    mindate: datetime.date | None = None,
    maxdate: datetime.date | None = None,
    date_of: Callable[[Article], datetime.date | None] = lambda article: article.pub_date,
) -> list[str]:
    """PMIDs of the records matching a query within a date range, newest PMID first.

    A record with no date is left out whenever a date bound is given.
    """
    query = parse_query(term)
    pmids = []
    for record in records:
        if (mindate or maxdate) and not _in_range(date_of(record.article), mindate, maxdate):
            continue
        if matches(query, record):
            pmids.append(record.article.pmid)
    return sorted(set(pmids), key=int, reverse=True)


def _in_range(day: datetime.date | None, mindate: datetime.date | None, maxdate: datetime.date | None) -> bool:
    if day is None:
        return False
    return (mindate is None or day >= mindate) and (maxdate is None or day <= maxdate)


def searchable(articles: Sequence[Article]) -> list[SearchableRecord]:
    """Wrap articles for searching (their word sequences are computed lazily and kept)."""
    return [SearchableRecord(article) for article in articles]
