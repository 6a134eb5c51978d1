"""Article bytes to article text (pure): decoding, HTML to text with block structure, and the input limits."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import charset_normalizer
from lxml import etree
from lxml import html as lxml_html

MAX_ARTICLE_BYTES = 2 * 1024 * 1024  # the documented default of settings.ARTICLE_MAX_BYTES


class ArticleError(ValueError):
    """An input that cannot be read as article text; the message says why in words a person can act on."""


class EmptyArticle(ArticleError):
    """Nothing but whitespace (or, for a page, no readable text)."""


class BinaryContent(ArticleError):
    """Bytes that are not text: NUL bytes, or mostly control and undecodable characters."""


class ArticleTooLarge(ArticleError):
    """More bytes than the configured limit."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # the Python codec used, e.g. "utf-8", "utf-8-sig", "cp1252"
    replaced: int  # undecodable bytes (or sequences) replaced by U+FFFD


@dataclass(frozen=True)
class ExtractedPage:
    text: str  # one block (heading, paragraph, list item "- ...") per line
    title: str
    canonical_url: str | None


@dataclass(frozen=True)
class ArticleText:
    text: str  # quote spans index into this, exactly as stored
    title: str
    canonical_url: str | None
    encoding: str
    replaced: int


# --- decoding ---------------------------------------------------------------------------------

_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels that mean windows-1252 in practice (the WHATWG encoding standard maps them so, as browsers do).
_WINDOWS_1252_LABELS = frozenset({"ascii", "us-ascii", "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1"})
_BINARY_SHARE = 0.1  # more than this share of control or replaced characters: not text
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # category Cc except tab, newlines, form feed
_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")


def decode(raw: bytes, *, declared: str | None = None) -> DecodedText:
    """Bytes to text: BOM, then UTF-8, then a declared charset, then detection; refuse empty and binary input."""
    if not raw.strip():
        raise EmptyArticle("empty: there is no text")
    decoded = _decode_with_bom(raw)
    if decoded is None:
        if b"\x00" in raw:
            raise BinaryContent("binary content (NUL bytes), not text")
        decoded = _decode_without_bom(raw, declared)
    if _looks_binary(decoded):
        raise BinaryContent("binary content (mostly control or undecodable bytes), not text")
    if not decoded.text.strip():
        raise EmptyArticle("empty: there is no text")
    return decoded


def _decode_with_bom(raw: bytes) -> DecodedText | None:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode_replacing(raw, encoding)
    return None


def _decode_without_bom(raw: bytes, declared: str | None) -> DecodedText:
    try:
        return DecodedText(raw.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    as_utf8 = _decode_replacing(raw, "utf-8")
    if as_utf8.replaced <= _valid_non_ascii(as_utf8.text):
        return as_utf8  # valid multi-byte sequences outnumber the bad bytes: UTF-8 with a few stray bytes
    encoding = _known_codec(declared) or _detected_codec(raw)
    return _decode_replacing(raw, encoding) if encoding else as_utf8


def _decode_replacing(raw: bytes, encoding: str) -> DecodedText:
    text = raw.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - raw.decode(encoding, errors="ignore").count("\ufffd")
    return DecodedText(text, encoding, replaced)


def _valid_non_ascii(text: str) -> int:
    return len(_NON_ASCII.findall(text))


def _known_codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _detected_codec(raw: bytes) -> str | None:
    """charset-normalizer's best guess; among equally good guesses, windows-1252 (the Western default)."""
    matches = list(charset_normalizer.from_bytes(raw))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if (match.chaos, match.coherence) == (best.chaos, best.coherence) and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return _known_codec(best.encoding)


def _looks_binary(decoded: DecodedText) -> bool:
    control = len(_CONTROL.findall(decoded.text))
    return control + decoded.replaced > _BINARY_SHARE * len(decoded.text)


# --- HTML ---------------------------------------------------------------------------------------

_DROPPED = frozenset({
    "script", "style", "noscript", "nav", "aside", "form", "template", "iframe", "object", "embed",
    "svg", "canvas", "button", "select", "textarea", "head", "title",
})  # fmt: skip
_PAGE_CHROME = frozenset({"header", "footer"})  # dropped unless inside <article> or <main> (an article's own header)
_BLOCKS = frozenset({
    "address", "article", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
    "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "br",
})  # fmt: skip
_CELLS = frozenset({"td", "th"})
_SPACE = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero-width characters
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def html_to_text(html: str, *, base_url: str = "") -> ExtractedPage:
    """The readable text of a page, one block per line, without scripts, styles, navigation and page chrome."""
    try:
        document = lxml_html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except etree.ParserError:  # "Document is empty"
        return ExtractedPage("", "", None)
    title = _title(document)
    canonical = _canonical_url(document, base_url)
    return ExtractedPage(_BlockText().render(document), title, canonical)


def _title(document: lxml_html.HtmlElement) -> str:
    for xpath in ("//head/title", "//meta[@property='og:title']/@content", "//h1"):
        for found in document.xpath(xpath):
            text = found if isinstance(found, str) else found.text_content()
            title = _SPACE.sub(" ", str(text).translate(_INVISIBLE)).strip()
            if title:
                return title
    return ""


def _canonical_url(document: lxml_html.HtmlElement, base_url: str) -> str | None:
    for link in document.xpath("//link[@rel and @href]"):
        if "canonical" in link.get("rel", "").lower().split():
            url = urljoin(base_url, str(link.get("href", "")).strip())
            if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname:
                return url
    return None


def _dropped(element: lxml_html.HtmlElement, tag: str) -> bool:
    if tag in _DROPPED or element.get("hidden") is not None:
        return True
    if "navigation" in element.get("role", "").lower().split():
        return True
    return tag in _PAGE_CHROME and not any(a.tag in ("article", "main") for a in element.iterancestors())


class _BlockText:
    """Walks the tree once; each block element starts and ends a line, list items start with "- "."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.pre_depth = 0

    def render(self, document: lxml_html.HtmlElement) -> str:
        walker = etree.iterwalk(document, events=("start", "end", "comment", "pi"))
        skipped = False  # after skip_subtree() the next event is the skipped element's own "end"
        for event, element in walker:
            if event in ("comment", "pi"):
                self._write(element.tail)
            elif event == "start":
                tag = element.tag.lower()
                if _dropped(element, tag):
                    walker.skip_subtree()
                    skipped = True
                else:
                    self._open(element, tag)
            else:
                if not skipped:
                    self._close(element.tag.lower())
                skipped = False
                self._write(element.tail)
        self._break()
        return "\n".join(self.lines)

    def _open(self, element: lxml_html.HtmlElement, tag: str) -> None:
        if tag in _BLOCKS:
            self._break()
        if tag == "pre":
            self.pre_depth += 1
        if tag == "li":
            self.current.append("- ")
        if tag in _CELLS and element.getprevious() is not None:
            self.current.append(" | ")
        self._write(element.text)

    def _close(self, tag: str) -> None:
        if tag == "pre":
            self.pre_depth -= 1
        if tag in _BLOCKS:
            self._break()

    def _write(self, text: str | None) -> None:
        if not text:
            return
        if self.pre_depth:
            first, *rest = text.split("\n")
            self.current.append(first)
            for line in rest:
                self._break()
                self.current.append(line)
        else:
            self.current.append(text)

    def _break(self) -> None:
        line = _SPACE.sub(" ", "".join(self.current).translate(_INVISIBLE)).strip()
        if line and line != "-":
            self.lines.append(line)
        self.current = []


# --- choosing the reader ------------------------------------------------------------------------

_HTML_START_PATTERN = r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b"
_HTML_START = re.compile(_HTML_START_PATTERN, re.IGNORECASE | re.DOTALL)
_HTML_START_BYTES = re.compile(_HTML_START_PATTERN.encode("ascii"), re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_article(
    raw: bytes, *, filename_or_content_type: str, max_bytes: int = MAX_ARTICLE_BYTES, base_url: str = ""
) -> ArticleText:
    """File or response bytes to the text to store: HTML by name, content type or its first tag; else plain text."""
    if len(raw) > max_bytes:
        raise ArticleTooLarge(f"larger than the limit of {_size(max_bytes)}")
    hint = filename_or_content_type.strip().lower()
    media_type, _, parameters = hint.partition(";")
    html_hint = hint.endswith((".html", ".htm", ".xhtml")) or media_type.strip() in _HTML_TYPES
    declared = _charset_parameter(parameters)
    if declared is None and (html_hint or _HTML_START_BYTES.match(raw[:1024])):
        meta = _META_CHARSET.search(raw[:4096])
        declared = meta.group(1).decode("ascii") if meta else None
    decoded = decode(raw, declared=declared)
    if not (html_hint or _HTML_START.match(decoded.text[:1024])):
        return ArticleText(decoded.text, "", None, decoded.encoding, decoded.replaced)
    page = html_to_text(decoded.text, base_url=base_url)
    if not page.text.strip():
        raise EmptyArticle("empty: the page has no readable text")
    return ArticleText(page.text, page.title, page.canonical_url, decoded.encoding, decoded.replaced)


def _charset_parameter(parameters: str) -> str | None:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n} bytes"
