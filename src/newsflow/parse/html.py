"""HTML pages: trafilatura's main text and metadata, the page's own publication dates, then the
text rules."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urljoin

from newsflow.dates import date_in_url, parse_date_value
from newsflow.parse.rules import ParseRules
from newsflow.parse.text import Evidence, clean_line, split_title

if TYPE_CHECKING:
    from trafilatura.settings import Document

# <meta> names and properties that state when the article was first published (lower case).
# Modified/updated times are not publication dates, and neither are <meta http-equiv> tags:
# those restate HTTP headers (Date, Last-Modified), which say when a server sent the page.
PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "og:article:published_time",
        "og:published_time",
        "article:published",
        "article.published",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "published_date",
        "published-date",
        "date_published",
        "publication_date",
        "original-publish-date",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "citation_publication_date",
        "citation_date",
        "sailthru.date",
        "parsely-pub-date",
        "article_date_original",
        "date",
    }
)
# JSON-LD types whose datePublished is the article's: CreativeWork kinds news pages use.
_ARTICLE_TYPE = re.compile(r"(?i)(?:article|blogposting|reportagenews|report|liveblogposting)$")
_JSONLD_MAX_DEPTH = 6  # @graph > item > mainEntity > ...: deeper nodes are not the page's article
_HTTP_DATE_HEADERS = frozenset({"date", "last-modified", "expires"})
_META_URL = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")  # trafilatura's site-from-URL rule


def _canonical_url(tree: Any, page_url: str | None) -> str | None:
    """The page's canonical link (else og:url), absolute, or None."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for href in tree.xpath(xpath):
            absolute = urljoin(page_url or "", href.strip())
            if absolute.startswith(("http://", "https://")):
                return absolute
    return None


def meta_published(tree: Any) -> date | None:
    """The publication date the page's <meta> tags or microdata state, else None."""
    for element in tree.iter("meta"):
        if element.get("http-equiv") is not None:
            continue
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        if key.strip().lower() in PUBLISHED_META:
            found = parse_date_value(element.get("content"))
            if found is not None:
                return found
    for value in tree.xpath(
        '//*[@itemprop="datePublished"]/@datetime | //*[@itemprop="datePublished"]/@content'
        " | //time[@pubdate]/@datetime"
    ):
        found = parse_date_value(value)
        if found is not None:
            return found
    return None


def jsonld_published(tree: Any) -> date | None:
    """datePublished (else dateCreated) of the article a page's JSON-LD describes, else None."""
    fallback = None
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue  # CMSs do ship broken JSON-LD; the other evidence still counts
        for node in _nodes(data, 0):
            value = node.get("datePublished") or node.get("dateCreated")
            found = parse_date_value(value) if isinstance(value, str) else None
            if found is None:
                continue
            types = node.get("@type")
            names = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and _ARTICLE_TYPE.search(t) for t in names):
                return found
            fallback = fallback or found  # a WebPage's date: only if no article states one
    return fallback


def _nodes(value: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > _JSONLD_MAX_DEPTH:
        return
    if isinstance(value, dict):
        yield value
        for child in value.values():
            if isinstance(child, dict | list):
                yield from _nodes(child, depth + 1)
    elif isinstance(value, list):
        for child in value:
            yield from _nodes(child, depth + 1)


# elements whose text a reader does not see, and elements that start a new line of what they do
_HIDDEN = ("script", "style", "noscript", "template", "head", "title", "svg", "iframe")
_BLOCK_TAGS = (
    "p", "div", "li", "ul", "ol", "dd", "dt", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "br",
    "tr", "td", "th", "table", "section", "article", "header", "footer", "nav", "aside", "main",
    "blockquote", "pre", "figcaption", "form", "address", "hr",
)  # fmt: skip


def visible_text(page: str) -> str:
    """The text a reader sees in the page body, one line per block element: the body of a page
    whose main text the article extractor could not find (a section index, a one-line notice)."""
    from lxml import etree  # noqa: PLC0415 - lxml/trafilatura load only for HTML
    from lxml import html as lxml_html  # noqa: PLC0415 - lxml/trafilatura load only for HTML
    from trafilatura.utils import load_html  # noqa: PLC0415 - lxml/trafilatura load only for HTML

    tree = load_html(page)
    if tree is None:  # trafilatura refuses fragments ("<p>One line.</p>"); lxml wraps them
        try:  # as bytes: lxml refuses str with an encoding declaration
            tree = lxml_html.document_fromstring(page.encode("utf-8"))
        except (etree.ParserError, ValueError):
            return ""
    etree.strip_elements(tree, *_HIDDEN, etree.Comment, with_tail=False)
    blocks = set(_BLOCK_TAGS)
    parts: list[str] = []
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        block = element.tag in blocks
        if event == "start":
            parts.append("\n" if block else "")
            parts.append(element.text or "")
        else:
            parts.append("\n" if block else "")
            if element is not tree:
                parts.append(element.tail or "")
    text = "".join(parts)
    return "\n".join(line for line in (clean_line(x) for x in text.split("\n")) if line)


def extract_html(
    page: str, url: str | None, evidence: Evidence, rules: ParseRules
) -> tuple[str, str | None]:
    """(main text, canonical url) of an HTML page via trafilatura; page metadata goes to `evidence`.

    Dates come from the page alone (its meta tags, JSON-LD, markup and canonical link), never
    from the container's url, so a page has the same evidence in a folder, a zip or a WARC.
    """
    import trafilatura  # noqa: PLC0415 - lxml/trafilatura load only for HTML
    from trafilatura.utils import load_html  # noqa: PLC0415 - lxml/trafilatura load only for HTML

    tree = load_html(page)
    if tree is None:
        return "", None
    canonical = _canonical_url(tree, url)
    # read before trafilatura, whose cleaning may drop <script> and <meta> elements
    evidence.add_date("meta", meta_published(tree))
    evidence.add_date("jsonld", jsonld_published(tree))
    for element in tree.xpath("//meta[@http-equiv]"):
        # HTTP headers restated in the page (Date, Last-Modified, Expires): htmldate reads them
        # as dates of the page, but they say when a server sent it
        parent = element.getparent()
        if parent is not None and element.get("http-equiv").strip().lower() in _HTTP_DATE_HEADERS:
            parent.remove(element)
    # Without as_dict=True bare_extraction returns a Document (or None); its one annotation
    # for both modes also names dict.
    document = cast(
        "Document | None",
        trafilatura.bare_extraction(
            tree,
            url=canonical,  # the page's own address only: htmldate reads dates from it
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        ),
    )
    if document is None:
        return "", canonical
    if document.title:
        headline, site = split_title(html.unescape(document.title), rules, document.sitename)
        evidence.title = headline
        evidence.title_source = "html"
        evidence.add_source("title", site)
    sitename = document.sitename
    if not sitename and url and (match := _META_URL.match(url)):
        sitename = match[1]  # as trafilatura names a site from the address it is given
    evidence.add_source("site", clean_line(sitename) if sitename else None)
    # htmldate's date, when neither meta tags nor JSON-LD state one, is a date the page marks up
    # (<time>, <abbr>) or prints: text evidence, read after the text rules' own bylines. A date
    # it took from the canonical URL is the "url" evidence.
    found = parse_date_value(document.date)
    if not evidence.dates.keys() & {"meta", "jsonld"} and found != date_in_url(canonical):
        evidence.page_date = found
    if canonical is None and document.url and document.url.startswith(("http://", "https://")):
        canonical = document.url
    return document.text or "", canonical
