"""Bytes to text: sniff binary payloads and choose a codec, never silently.

Order (DESIGN.md "Encodings"): a byte-order mark (UTF-8, UTF-16, UTF-32);
strict UTF-8; *mixed* UTF-8 with stray Windows-1252 bytes; a charset the
document declares (HTML ``<meta charset>``, XML prolog); charset-normalizer's
guess when it names a non-Western codec; strict cp1252; latin-1.  Nothing is
decoded with ``errors="replace"``: when every candidate leaves control
characters in the text the bytes are called undecodable (SourceError).

Mixed files (rule, recorded as ``"utf-8+cp1252"``): when the bytes hold at
least one well-formed multi-byte UTF-8 sequence *and* some bytes that are not
UTF-8, every well-formed UTF-8 sequence is read as UTF-8 and every other byte
as Windows-1252.  This is what editing a UTF-8 filing in a cp1252 tool does
(smart quotes pasted in), and reading the whole file as cp1252 would turn the
real UTF-8 characters into mojibake.
"""
from __future__ import annotations

import codecs
import re

from kg.errors import SourceError

__all__ = ["decode_bytes", "sniff_binary", "MIXED_CODEC"]

MIXED_CODEC = "utf-8+cp1252"

# Magic numbers of binary formats that reach EDGAR folders next to filings
# (exhibit graphics, zipped XBRL, PDF courtesy copies, Office files).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"PK\x05\x06", "empty ZIP archive"),
    (b"\x1f\x8b", "GZIP archive"),
    (b"BZh", "BZIP2 archive"),
    (b"\xfd7zXZ\x00", "XZ archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 file (DOC/XLS)"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ\x90\x00", "Windows executable"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: shares its first 2 bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that never occur in a filing's text: C0 except TAB, LF,
# VT, FF, CR and SUB (DOS end-of-file marker in 1990s EDGAR text), DEL, and C1
# (what latin-1 makes of bytes 0x80-0x9F that are not Windows-1252 letters).
_CONTROL = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")

# Declared charset in HTML/XHTML/iXBRL: <meta charset=...>, <meta http-equiv
# ... content="text/html; charset=...">, <?xml ... encoding="..."?>.
_DECLARED = re.compile(
    rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)

# charset-normalizer names for the single-byte Western family: for these the
# EDGAR-typical cp1252 is the better reading (it is latin-1 plus smart quotes).
_WESTERN = {"ascii", "latin_1", "iso8859_1", "iso8859_15", "cp1252", "windows_1252", "cp850", "cp437", "mac_roman", "iso8859_2", "cp1250"}


def sniff_binary(head: bytes) -> str | None:
    """Name the binary format ``head`` (the first bytes of a file) starts with, else None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head[:8192] and _utf16_without_bom(head) is None:
        return "binary data (NUL bytes)"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit in every other byte (ASCII text as UTF-16)."""
    sample = head[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the offending bytes as Windows-1252 (latin-1 where undefined)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    out = []
    for b in bad:
        byte = bytes([b])
        try:
            out.append(byte.decode("cp1252"))
        except UnicodeDecodeError:
            out.append(byte.decode("latin-1"))  # a C1 control: rejected by the control check
    return "".join(out), exc.end


codecs.register_error("dealgraph-cp1252", _cp1252_fallback)


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _clean(text: str) -> bool:
    return _CONTROL.search(text) is None


# U+0080-U+009F in UTF-8 text are cp1252 punctuation that went through a
# latin-1 -> UTF-8 conversion (a common EDGAR artefact: U+0092 for an apostrophe).
_C1_TO_CP1252 = {
    c: bytes([c]).decode("cp1252") for c in range(0x80, 0xA0) if c not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _repair_c1(text: str) -> str:
    """Map C1 controls to their Windows-1252 characters (same length: offsets unchanged)."""
    if not re.search("[\x80-\x9f]", text):
        return text
    return text.translate(_C1_TO_CP1252)


def _declared(raw: bytes) -> str | None:
    m = _DECLARED.search(raw[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _normalizer_guess(raw: bytes) -> str | None:
    """charset-normalizer's best codec for the non-ASCII part of ``raw`` (sampled)."""
    from charset_normalizer import from_bytes

    # Sample the neighbourhoods of non-ASCII bytes: the ASCII bulk says nothing
    # about the codec and would make detection of a 50 MB file slow.  (A
    # simple class run, so the scan stays linear even on one-line files.)
    sample = bytearray()
    last = 0
    for m in re.finditer(rb"[\x80-\xff]+", raw):
        start = max(last, m.start() - 80)
        sample += raw[start : m.end() + 80]
        last = m.end() + 80
        if len(sample) > 65536:
            break
    # A Western file has a few non-ASCII bytes per line (smart quotes, accents);
    # Cyrillic, Greek or CJK text is mostly non-ASCII.  Only trust a non-Western
    # guess in the second case, where cp1252 would certainly be wrong.
    high = sum(1 for b in sample if b >= 0x80)
    if not sample or high < 0.2 * len(sample):
        return None
    best = from_bytes(bytes(sample)).best()
    return best.encoding if best is not None else None


def decode_bytes(raw: bytes, path: str) -> tuple[str, str]:
    """Decode a filing's bytes; return ``(text, codec)`` or raise SourceError naming ``path``."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = _strict(raw[len(bom) :], codec.replace("-sig", ""))
            if text is not None:
                text = text.lstrip("\ufeff")
            if text is None or not _clean(text):
                raise SourceError(f"undecodable bytes: not valid {codec} after its byte-order mark", path=path)
            return text, codec
    guessed16 = _utf16_without_bom(raw[:4096])
    if guessed16:
        text = _strict(raw, guessed16)
        if text is not None and _clean(text):
            return text, guessed16
    text = _strict(raw, "utf-8")
    if text is not None:
        text = _repair_c1(text)
        if not _clean(text):
            raise SourceError("undecodable bytes: control characters in UTF-8 text", path=path)
        return text, "utf-8"
    # Not UTF-8.  Mixed UTF-8 + cp1252 when real multi-byte sequences are present.
    if re.search(rb"[\xc2-\xf4][\x80-\xbf]", raw):
        mixed = raw.decode("utf-8", errors="dealgraph-cp1252")
        strict_part = _count_utf8_sequences(raw)
        if strict_part and _clean(mixed):
            return mixed, MIXED_CODEC
    candidates: list[str] = []
    declared = _declared(raw)
    if declared and declared not in ("utf-8",):
        candidates.append(declared)
    guess = _normalizer_guess(raw)
    if guess and guess.replace("-", "_") not in _WESTERN:
        candidates.append(guess)
    candidates += ["cp1252", "latin-1"]
    for codec in candidates:
        text = _strict(raw, codec)
        if text is not None and _clean(text) and (codec in ("cp1252", "latin-1") or _letters(text)):
            return text, codecs.lookup(codec).name
    raise SourceError(
        "undecodable bytes: neither UTF-8, UTF-16 nor a single-byte codec gives text free of control characters",
        path=path,
    )


def _letters(text: str) -> bool:
    """True when most non-ASCII characters of ``text`` are letters (a plausible decoding)."""
    high = [c for c in text[:200000] if ord(c) > 127]
    return bool(high) and sum(c.isalpha() for c in high) >= 0.7 * len(high)


def _count_utf8_sequences(raw: bytes) -> int:
    """How many well-formed 2-4 byte UTF-8 sequences ``raw`` holds."""
    return len(
        re.findall(
            rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}",
            raw,
        )
    )
