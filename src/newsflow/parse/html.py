"""HTML pages: trafilatura's main text and metadata, then the text rules."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urljoin

from newsflow.dates import parse_date_value
from newsflow.parse.rules import ParseRules
from newsflow.parse.text import Evidence, clean_line, split_title


def _canonical_url(tree: Any, page_url: str | None) -> str | None:
    """The page's canonical link (else og:url), absolute, or None."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for href in tree.xpath(xpath):
            absolute = urljoin(page_url or "", href.strip())
            if absolute.startswith(("http://", "https://")):
                return absolute
    return None


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
    from lxml import etree
    from lxml import html as lxml_html
    from trafilatura.utils import load_html

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
    """(main text, canonical url) of an HTML page via trafilatura; page metadata goes to `evidence`."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(page)
    if tree is None:
        return "", None
    canonical = _canonical_url(tree, url)
    document = trafilatura.bare_extraction(
        tree,
        url=canonical or url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return "", canonical
    if document.title:
        headline, site = split_title(html.unescape(document.title), rules, document.sitename)
        evidence.title = headline
        evidence.title_source = "html"
        evidence.add_source("title", site)
    evidence.add_source("site", clean_line(document.sitename) if document.sitename else None)
    evidence.add_date("meta", parse_date_value(document.date))
    if canonical is None and document.url and document.url.startswith(("http://", "https://")):
        canonical = document.url
    return document.text or "", canonical
