"""Decoding a document's bytes to clean text: BOMs, declared and detected charsets, mojibake."""

from __future__ import annotations

import codecs
import re

import charset_normalizer
import ftfy
import ftfy.badness

from newsflow.ingest.inputs import Doc, NotText

_HTML_SNIFF_TEXT = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?")
_SURROGATES = re.compile("[\ud800-\udfff]")
_ASCII_BYTES = bytes(range(128))
_DECLARED_CHARSET = re.compile(
    rb"""(?:<meta[^>]{0,300}?charset|<\?xml[^>]{0,100}?encoding)\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""",
    re.IGNORECASE,
)
_NOT_CONTROL_BYTES = bytes(
    b for b in range(256) if not (b < 32 and b not in b"\t\n\x0c\r" or b == 127)
)
_MULTIBYTE_TAGS = (
    "jis",
    "jp",
    "gb",
    "big5",
    "kr",
    "932",
    "936",
    "949",
    "950",
    "johab",
    "hz",
    "2022",
)
# UTF-8 read as cp1252/latin-1 always shows a lead byte (Â..ô) followed by what was a
# continuation byte (0x80-0xBF as latin-1 or cp1252): a cheap gate before ftfy's slower check.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6"
    "\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc"
    "\u2122\u0161\u203a\u0153\u017e\u0178]"
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes: (text with \\n newlines and clear mojibake repaired, encoding name).

    Raises ValueError (reason, detail) for binary or empty input; the encoding names are Python's
    normalised codec names with hyphens: "utf-8", "utf-8-sig", "utf-16", "cp1252", "iso8859-1"...
    """
    try:
        text, encoding = decode(data)
        return clean_text(text), encoding
    except NotText as exc:
        raise ValueError(exc.reason, exc.detail) from None


def no_surrogates(text: str) -> str:
    """`text` as valid Unicode: OS/tar names with undecodable bytes, lone JSON surrogates fixed."""
    if _SURROGATES.search(text) is None:
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")  # file names the OS could not decode
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def finish(doc: Doc) -> tuple[str, str, str]:
    """(text, encoding, content_type) of a document, or NotText."""
    if isinstance(doc.data, str):  # JSON strings may hold lone surrogates ("\ud800")
        text, encoding = clean_text(no_surrogates(doc.data)), doc.encoding or "utf-8"
    else:
        text, encoding = decode(doc.data)
        text = clean_text(text)
    if not text.strip():
        raise NotText("empty document", "only whitespace after decoding")
    content_type = doc.content_type or (
        "html" if _HTML_SNIFF_TEXT.search(text, 0, 4096) else "text"
    )
    return text, encoding, content_type


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a document's bytes, or NotText when they are empty or binary."""
    if not data:
        raise NotText("empty document", "0 bytes")
    text, encoding = _decode_text(data)
    if encoding.startswith(("utf-16", "utf-32")):
        controls = len(_CONTROL_CHARS.findall(text, 0, 65536))
    else:  # 8-bit and UTF-8 text: the control characters are the control bytes (C speed)
        controls = len(data[:65536].translate(None, _NOT_CONTROL_BYTES))
    if controls > max(2, min(len(text), 65536) // 100):
        raise NotText("binary file", f"{controls} control characters in the first 64 KiB")
    return text, encoding


def _decode_text(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise NotText("binary file", f"{codec} byte order mark but {exc.reason}") from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise NotText("binary file", "contains NUL bytes")
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            raise NotText("binary file", "contains NUL bytes") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared is not None:
        try:
            return data.decode(declared), codec_name(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration: detect from the bytes
    return _detect(data)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML page declares in its first 4 KiB (WHATWG: latin-1 means cp1252)."""
    match = _DECLARED_CHARSET.search(data, 0, 4096)
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    return (
        "cp1252"
        if name in {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}
        else name
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL bytes sit where UTF-16 puts them for Latin text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    if odd_nuls >= 0.9 * len(odd) and even_nuls <= 0.1 * len(even):
        return "utf-16-le"
    if even_nuls >= 0.9 * len(even) and odd_nuls <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def _detect(data: bytes) -> tuple[str, str]:
    """Legacy 8-bit or CJK text: charset-normalizer's best guess, corrected for two known slips."""
    ranked = list(charset_normalizer.from_bytes(data))
    if not ranked:
        raise NotText("binary file", "not decodable as text in any known encoding")
    # Mostly-ASCII text with a stray high byte (a BBC "\xa3" for the pound sign) is scored as
    # Japanese or Chinese with "no chaos"; real CJK text is mostly high bytes.
    high_bytes = len(data.translate(None, _ASCII_BYTES))
    if _is_multibyte(ranked[0].encoding) and high_bytes < 0.05 * len(data):
        ranked = [m for m in ranked if not _is_multibyte(m.encoding)] or ranked
    best = ranked[0]
    # Windows code pages are far more common in web text than their DOS, Mac and ISO siblings,
    # which charset-normalizer often ranks first on short samples where they score the same
    # (cp1250 for cp1252, mac-cyrillic for cp1251).
    tied = [m for m in ranked if m.chaos <= best.chaos + 0.001]
    windows = [m for m in tied if codec_name(m.encoding).startswith("cp125")]
    windows.sort(key=lambda m: codec_name(m.encoding) != "cp1252")
    chosen = windows[0] if windows else best
    encoding, text = codec_name(chosen.encoding), str(chosen)
    if encoding != "cp1252":
        try:
            as_cp1252 = data.decode("cp1252")
        except UnicodeDecodeError:
            as_cp1252 = None
        if as_cp1252 == text:  # the same text: name it by the common code page
            return text, "cp1252"
    return text, encoding


def _is_multibyte(name: str) -> bool:
    codec = codec_name(name)
    return any(tag in codec for tag in _MULTIBYTE_TAGS)


def codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name.replace("_", "-")
    except LookupError:
        return name.lower().replace("_", "-")


def clean_text(text: str) -> str:
    """Newlines as \\n, NUL characters removed, mojibake repaired where ftfy finds it clearly."""
    if text.startswith("\ufeff"):  # a BOM that survived decoding (a header named the charset)
        text = text[1:]
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text.isascii() and _MOJIBAKE_HINT.search(text) and ftfy.badness.is_bad(text):
        text = ftfy.fix_encoding(text)
    return text
