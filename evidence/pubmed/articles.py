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
    pmid = _text(citation.find("PMID"))
    if not pmid.isdigit():
        raise ValueError(f"PubmedArticle with a non-numeric PMID {pmid!r}")
    article = citation.find("Article")
    if article is None:
        raise ValueError(f"PMID {pmid} has no Article element")
    title = _text(article.find("ArticleTitle"))
    publication_types = _texts(article.iterfind("PublicationTypeList/PublicationType"))
    pub_date = article.find("Journal/JournalIssue/PubDate")
    return Article(
        pmid=pmid,
        title=title,
        abstract=_abstract(article.find("Abstract")),
        journal=_journal(article, citation),
        year=_year(pub_date),
        pub_date=_pub_date(pub_date),
        entrez_date=_entrez_date(node),
        authors=_authors(article),
        publication_types=publication_types,
        mesh_terms=_mesh_terms(citation),
        keywords=_texts(citation.iterfind("KeywordList/Keyword")),
        doi=_doi(node, article),
        retracted=_retracted(title, publication_types, citation),
        abstract_is_paraphrase=_is_paraphrase(article.find("Abstract")),
        source=source,
    )


def _text(node: etree._Element | None) -> str:
    """All text inside an element (titles carry <i>, <sup> ...), whitespace collapsed."""
    if node is None:
        return ""
    return " ".join("".join(node.itertext()).split())


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
    return bool(_PARAPHRASE.search(_text(abstract.find("CopyrightInformation"))))


def _journal(article: etree._Element, citation: etree._Element) -> str:
    for node in (
        article.find("Journal/ISOAbbreviation"),
        article.find("Journal/Title"),
        citation.find("MedlineJournalInfo/MedlineTA"),
    ):
        if text := _text(node):
            return text
    return ""


def _year(pub_date: etree._Element | None) -> int | None:
    if pub_date is None:
        return None
    year = _text(pub_date.find("Year"))
    if year.isdigit():
        return int(year)
    found = _YEAR.search(_text(pub_date.find("MedlineDate")))
    return int(found.group(1)) if found else None


def _pub_date(pub_date: etree._Element | None) -> datetime.date | None:
    """The issue date; a missing month or day counts as the first, a MedlineDate as its first year."""
    year = _year(pub_date)
    if pub_date is None or year is None:
        return None
    if pub_date.find("Year") is None:
        return datetime.date(year, 1, 1)
    return _date(year, _text(pub_date.find("Month")), _text(pub_date.find("Day")))


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
        year = _text(history_date.find("Year"))
        if year.isdigit():
            return _date(int(year), _text(history_date.find("Month")), _text(history_date.find("Day")))
    return None


def _authors(article: etree._Element) -> tuple[str, ...]:
    names = []
    for author in article.iterfind("AuthorList/Author"):
        collective = _text(author.find("CollectiveName"))
        last = _text(author.find("LastName"))
        initials = _text(author.find("Initials"))
        name = f"{last} {initials}".strip() if last else collective
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
        flags = [descriptor.get("MajorTopicYN")] + [q.get("MajorTopicYN") for q in heading.iterfind("QualifierName")]
        terms.append(MeshTerm(descriptor=name, major="Y" in flags))
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
