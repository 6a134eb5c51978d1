"""PubMed records as frozen dataclasses, parsed from efetch PubmedArticleSet XML."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

# Entities and DTDs stay unresolved and the network stays closed: this defuses XML bombs and
# external-entity tricks, and keeps parsing fast (NCBI's DOCTYPE points at a remote DTD).
_PARSER_OPTIONS = dict(
    resolve_entities=False,
    load_dtd=False,
    dtd_validation=False,
    no_network=True,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_PARAPHRASE = re.compile(r"\bparaphrase\b", re.IGNORECASE)
_RETRACTED_TYPE = "retracted publication"


@dataclass(frozen=True)
class MeshTerm:
    descriptor: str
    major: bool


@dataclass(frozen=True)
class Article:
    pmid: str
    title: str
    abstract: str
    journal: str
    year: int | None
    pub_date: datetime.date | None
    entrez_date: datetime.date | None
    authors: tuple[str, ...]
    publication_types: tuple[str, ...]
    mesh_terms: tuple[MeshTerm, ...]
    keywords: tuple[str, ...]
    doi: str | None
    retracted: bool
    abstract_is_paraphrase: bool
    source: str

    @property
    def indexed(self) -> bool:
        """Whether NLM indexing is visible: a telling publication type or any MeSH heading."""
        informative = [t for t in self.publication_types if t.lower() != "journal article"]
        return bool(informative or self.mesh_terms)


def parse_articles(xml: bytes, *, source: str = "entrez") -> list[Article]:
    """Parse an efetch PubmedArticleSet document; invalid XML raises ValueError."""
    if not xml or not xml.strip():
        raise ValueError("PubMed XML is empty")
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"PubMed XML is not well-formed: {exc}") from exc
    if root.tag != "PubmedArticleSet":
        raise ValueError(f"expected a PubmedArticleSet document, got <{root.tag}>")
    # PubmedBookArticle (NCBI Bookshelf) entries are not journal articles; they are skipped.
    return [_article(node, source) for node in root.iterfind("PubmedArticle")]


def _article(node: etree._Element, source: str) -> Article:
    citation = node.find("MedlineCitation")
    if citation is None:
        raise ValueError("PubmedArticle without MedlineCitation")
    pmid = _leaf(citation, "PMID")
    if not pmid.isdigit():
        raise ValueError(f"PubmedArticle with a non-numeric PMID {pmid!r}")
    article = citation.find("Article")
    if article is None:
        raise ValueError(f"PMID {pmid} has no Article element")
    title = _text(article.find("ArticleTitle"))
    publication_types = _texts(article.iterfind("PublicationTypeList/PublicationType"))
    abstract = article.find("Abstract")
    year, pub_date = _pub_date(article.find("Journal/JournalIssue/PubDate"))
    return Article(
        pmid=pmid,
        title=title,
        abstract=_abstract(abstract),
        journal=_journal(article, citation),
        year=year,
        pub_date=pub_date,
        entrez_date=_entrez_date(node),
        authors=_authors(article),
        publication_types=publication_types,
        mesh_terms=_mesh_terms(citation),
        keywords=_texts(citation.iterfind("KeywordList/Keyword")),
        doi=_doi(node, article),
        retracted=_retracted(title, publication_types, citation),
        abstract_is_paraphrase=_is_paraphrase(abstract),
        source=source,
    )


def _text(node: etree._Element | None) -> str:
    """All text inside an element (titles carry <i>, <sup> ...), whitespace collapsed."""
    if node is None:
        return ""
    # Most elements hold plain text: walking itertext() only for those with children is
    # part of what keeps parsing ahead of NCBI's fastest delivery (bench/pubmed_parse.py).
    text = "".join(node.itertext()) if len(node) else node.text
    return " ".join(text.split()) if text else ""


def _leaf(parent: etree._Element, path: str) -> str:
    """The collapsed text of the first element at `path`, for elements of plain text (PMID, Year ...)."""
    text = parent.findtext(path)
    return " ".join(text.split()) if text else ""


def _texts(nodes: Iterable[etree._Element]) -> tuple[str, ...]:
    values = (_text(n) for n in nodes)
    return tuple(v for v in values if v)


def _abstract(abstract: etree._Element | None) -> str:
    if abstract is None:
        return ""
    paragraphs = []
    for section in abstract.iterfind("AbstractText"):
        text = _text(section)
        if not text:
            continue
        label = (section.get("Label") or "").strip()
        paragraphs.append(f"{label}: {text}" if label else text)
    return "\n".join(paragraphs)


def _is_paraphrase(abstract: etree._Element | None) -> bool:
    if abstract is None:
        return False
    return bool(_PARAPHRASE.search(_leaf(abstract, "CopyrightInformation")))


def _journal(article: etree._Element, citation: etree._Element) -> str:
    return (
        _leaf(article, "Journal/ISOAbbreviation")
        or _leaf(article, "Journal/Title")
        or _leaf(citation, "MedlineJournalInfo/MedlineTA")
    )


def _pub_date(pub_date: etree._Element | None) -> tuple[int | None, datetime.date | None]:
    """The issue's year and date; a missing month or day counts as the first, a MedlineDate as its first year."""
    if pub_date is None:
        return None, None
    year_text = _leaf(pub_date, "Year")
    if year_text.isdigit():
        year = int(year_text)
    elif found := _YEAR.search(_leaf(pub_date, "MedlineDate")):
        year = int(found.group(1))
    else:
        return None, None
    if pub_date.find("Year") is None:
        return year, datetime.date(year, 1, 1)
    return year, _date(year, _leaf(pub_date, "Month"), _leaf(pub_date, "Day"))


def _date(year: int, month_text: str, day_text: str) -> datetime.date:
    month = _month(month_text)
    day = int(day_text) if day_text.isdigit() else 1
    try:
        return datetime.date(year, month, day)
    except ValueError:  # e.g. "Feb 30" in a source record: keep the month
        return datetime.date(year, month, 1)


def _month(text: str) -> int:
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.get(text[:3].lower(), 1)


def _entrez_date(node: etree._Element) -> datetime.date | None:
    for history_date in node.iterfind("PubmedData/History/PubMedPubDate"):
        if history_date.get("PubStatus") != "entrez":
            continue
        year = _leaf(history_date, "Year")
        if year.isdigit():
            return _date(int(year), _leaf(history_date, "Month"), _leaf(history_date, "Day"))
    return None


def _authors(article: etree._Element) -> tuple[str, ...]:
    names = []
    for author in article.iterfind("AuthorList/Author"):
        # One pass over the few children beats a lookup per field (authors are the bulk of a record).
        parts = {child.tag: child for child in author}
        last = _text(parts.get("LastName"))
        name = f"{last} {_text(parts.get('Initials'))}".strip() if last else _text(parts.get("CollectiveName"))
        if name:
            names.append(name)
    return tuple(names)


def _mesh_terms(citation: etree._Element) -> tuple[MeshTerm, ...]:
    terms = []
    for heading in citation.iterfind("MeshHeadingList/MeshHeading"):
        descriptor = heading.find("DescriptorName")
        name = _text(descriptor)
        if descriptor is None or not name:
            continue
        # PubMed counts a heading as a major topic when the descriptor or any of its
        # qualifiers is starred, which is what [majr] searches.
        major = descriptor.get("MajorTopicYN") == "Y" or any(
            q.get("MajorTopicYN") == "Y" for q in heading.iterfind("QualifierName")
        )
        terms.append(MeshTerm(descriptor=name, major=major))
    return tuple(terms)


def _doi(node: etree._Element, article: etree._Element) -> str | None:
    for article_id in node.iterfind("PubmedData/ArticleIdList/ArticleId"):
        if article_id.get("IdType") == "doi" and (doi := _text(article_id)):
            return doi
    for location in article.iterfind("ELocationID"):
        if location.get("EIdType") == "doi" and (doi := _text(location)):
            return doi
    return None


def _retracted(title: str, publication_types: tuple[str, ...], citation: etree._Element) -> bool:
    if any(t.lower() == _RETRACTED_TYPE for t in publication_types):
        return True
    if title.upper().startswith("RETRACTED:"):
        return True
    return any(
        c.get("RefType") == "RetractionIn" for c in citation.iterfind("CommentsCorrectionsList/CommentsCorrections")
    )
