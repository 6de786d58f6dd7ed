"""Parse: raw documents (text pages or HTML) into clean articles with trustworthy metadata.

`parse_batch` turns every RAW_DOCS row into exactly one PARSED row or one QUARANTINE row.

Text pages are split into blocks (paragraphs) and read top-down:

1. a leading crawl stamp (`date 2024-01-15`) becomes `crawl_date`, unless the container gave a
   capture time (a WARC record's WARC-Date, `crawled_at`), which is the crawl date;
2. the headline is a headline-shaped block (2-25 words, no final full stop, one sentence) above
   the first paragraph of prose, within the first `_HEAD_BLOCKS` blocks: the first line when it
   has 3+ words (BBC, seeds), else a page title with a site suffix, else the last one of 4+ words
   (navigation and link lists come first; a 10+ word one right under a shorter one is a
   standfirst, not the headline). Everything above the headline is page chrome: site labels
   (`| Welcome to Global Village Space` -> source), section labels, navigation, the site's "today"
   date. Below it, bylines, dates and labels in the next `_BYLINE_BLOCKS` blocks are removed (a
   standfirst stays). A text that opens with prose has no title (null): we never invent one from
   the first sentence. With a metadata title (JSON lines, HTML) the text's copy of it is removed;
3. the lead (one of the first `_LEAD_BLOCKS` blocks, a standfirst may come first) loses its agency
   tag (`(MENAFN- Khaama Press)`) and dateline (`ISLAMABAD (Reuters) -`); the dateline's place goes
   to `dateline` as printed ("ISLAMABAD", "ALBUQUERQUE, N.M.", "Islamabad, Pakistan");
4. cross-links and furniture blocks (`Read more: ...`, copyright, share/subscribe) are dropped; a
   footer such as `Published in Dawn, January 16th, 2024` ends the article: it and everything after
   it are cut, its outlet and date kept as evidence; wire signatures (` REUTER`) are stripped.

HTML pages go through trafilatura (body without navigation, link lists, banners, comments) and its
metadata (og:title, og:site_name, canonical link), their publication meta tags and JSON-LD are read
directly, then the text goes through the same block rules as text pages.

`published_date` is the first plausible date in this order of evidence (`date_source`), all of it
from the document itself:
  meta        - container metadata (JSON lines `date`) or the page's publication meta tags
                (article:published_time, itemprop=datePublished, DC.date.issued, ...);
  jsonld      - datePublished of the article the page's JSON-LD describes;
  footer      - a publication footer of the article (`Published in Dawn, January 16th, 2024`);
  dateline    - the date in the dateline (`KABUL, Jan 15 -`), its year taken from the other evidence;
  text        - a byline or labelled date near the top (`Published: 12 March 2024`, `Updated 16
                May, 2024`), a date block between headline and text, else a date htmldate finds in
                the HTML page's markup or text;
  url         - a date in the URL path (`/2024/01/18/`): the canonical link, else the container's url;
  crawl_stamp - the crawl stamp printed in the text, when nothing above exists;
  none        - nothing found.
A capture time (WARC-Date) and HTTP Date/Last-Modified headers (also as <meta http-equiv>) are
never evidence: the capture only bounds what is plausible (`crawl_date`).
A date is plausible when it is in or after `min_published_year`, not after the crawl date plus
`max_days_after_crawl` and not after today (the one clock read). Dates in the page chrome above the headline (the
"Saturday, May 18, 2024" of a site's top bar) and relative phrases ("on Monday") are never used.

`source_name` is taken from, in order: container metadata, the page's site name (HTML), a footer,
a site label or title suffix, an agency tag, the dateline's agency, a wire signature.

The rules are data (`data/parse/rules.toml`, explained in `data/parse/README.md`).
"""

from newsflow.parse.batch import detect_language, parse_batch
from newsflow.parse.rules import ParseRules, load_rules
from newsflow.parse.text import DATE_SOURCES, STAGE, split_blocks, split_title

__all__ = [
    "DATE_SOURCES",
    "STAGE",
    "ParseRules",
    "detect_language",
    "load_rules",
    "parse_batch",
    "split_blocks",
    "split_title",
]
