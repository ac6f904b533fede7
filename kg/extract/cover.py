"""Cover page and header facts of a filing (``lic:Filing``).

Sources, most to least authoritative for each field: iXBRL ``dei:`` cover
facts (``Document.xbrl``), the printed cover page of the primary document
(Form 8-K / 10-K cover: "Date of Report", "(Exact name of registrant as
specified in its charter)", the jurisdiction / Commission File Number / IRS
Employer Identification No. row, "(Address of principal executive offices)",
"Registrant's telephone number"), the EDGAR ``<SEC-HEADER>`` (FilerInfo),
and for documents with no cover (press releases, EX-10 contracts, 10-K
excerpts) their own heading, dateline or the EDGAR "Source:" footer that
CUAD-style exhibit texts carry.

8-K items follow both numbering schemes (Form 8-K General Instructions:
items 1-12 before 2004-08-23, then 1.01 ... 9.01); exhibits are the
Regulation S-K Item 601 numbers filed with the report (ones "incorporated
by reference" from earlier filings are not part of this filing).
"""
from __future__ import annotations

import html
import re

from kg.document import Document, Filing
from kg.extract.contract import contract_date
from kg.extract.dates import find_dates, parse_date
from kg.extract.sentences import make_evidence
from kg.facts import FilingFacts
from kg.names import normalize_org_name

__all__ = ["extract_filing_facts", "prefer_mixed_case", "parse_items_fallback", "parse_exhibits"]

# --- patterns (each names the class of documents it handles) -------------------------------

# Form heading of a cover page: "FORM 8-K", "FORM 10-K", "Form 6-K" (all SEC periodic/current reports).
_FORM_HEADING = re.compile(r"^\s*FORM\s+(8-K|10-K|10-Q|6-K|20-F|40-F|10-KSB|10-QSB|8-K/A|S-1|F-1|S-4|S-11)\b", re.I | re.M)
# "ANNUAL REPORT ON FORM 10-K" / "QUARTERLY REPORT ON FORM 10-Q" (10-K/10-Q excerpts without a cover).
_REPORT_ON_FORM = re.compile(r"^\s*(?:ANNUAL|QUARTERLY|TRANSITION)\s+REPORT\s+ON\s+FORM\s+(10-K|10-Q|20-F|40-F|10-KSB)\b", re.I | re.M)
# "Exhibit 99.1" / "EXHIBIT 10.16" heading at the top of an exhibit document.
_EXHIBIT_HEADING = re.compile(r"^\s*(?:EX-|Exhibit\s+(?:No\.?\s*)?)(\d{1,3}(?:\.[\dA-Za-z]{1,3}){0,2})\b", re.I | re.M)
# EDGAR/CUAD exhibit file names: "..._EX-10.09_436630_EX-10.09_Content License Agreement3.txt".
_FILENAME_EXHIBIT = re.compile(r"(?:^|[_\s-])EX-(\d{1,3}(?:\.\d{1,3}){0,2})(?=[_\s.]|$)", re.I)
# CUAD-style footer of exhibit texts: "Source: GLU MOBILE INC, S-1/A, 3/19/2007".
_SOURCE_FOOTER = re.compile(r"^\s*Source:\s*(?P<name>[^,\n]+(?:,\s*(?:INC|LTD|LLC|CORP|CO|L\.?P|N\.?V|S\.?A|PLC|AG)\.?)?),\s*(?P<form>[^,\n]+),\s*(?P<date>\d{1,2}/\d{1,2}/\d{2,4})", re.M | re.I)
# Cover-page captions (Form 8-K / 10-K / 10-Q cover, all eras).
_CAP_NAME = re.compile(r"\(?\s*Exact\s+name\s+of\s+(?:the\s+)?registrant", re.I)
_CAP_ADDRESS = re.compile(r"\(?\s*Address(?:es)?\s+of\s+principal\s+executive\s+offices?", re.I)
_CAP_PHONE = re.compile(r"telephone\s+number", re.I)
_DATE_OF_REPORT = re.compile(r"Date\s+of\s+(?:Report|earliest\s+event)", re.I)
_CAPTION_WORDS = re.compile(
    r"jurisdiction|incorporation|organization|commission|file\s+n|employer|identification|i\.?\s*r\.?\s*s\.?\b|"
    r"registrant|address|zip\s+code|telephone|former\s+name|not\s+applicable|\bnumber\b|\bno\.\)",
    re.I,
)
# IRS Employer Identification Number: two digits, hyphen, seven digits (IRS EIN format).
_EIN = re.compile(r"(?<![\d-])\d{2}-\d{7}(?![\d-])")
# SEC Commission File Number: "0-17999", "000-23186", "001-37553", "1-4300", "333-123456".
_FILE_NO = re.compile(r"(?<![\d()/.-])(?:\d{1,3}-\d{4,6})(?![\d-])")
# North American phone numbers as printed on covers and contacts: "(781) 769-4242", "914-345-7800".
_PHONE = re.compile(r"(?<!\d)(?:\+?1[\s.-]?)?\(?(\d{3})\)?[\s.-]*(\d{3})[\s.-](\d{4})(?!\d)")
# Item headings: "ITEM 5. OTHER EVENTS", "Item 1.01 Entry into ...", "Items 1.01 and 2.03".
_ITEM_HEADING = re.compile(r"^\s*ITEMS?\s+(\d{1,2}(?:\.\d{2})?)\.?(?:\s*(?:and|&|,)\s*(\d{1,2}(?:\.\d{2})?))*", re.I | re.M)
# Press-release cues (standalone releases and EX-99 exhibits).
_PRESS_RELEASE = re.compile(r"FOR\s+IMMEDIATE\s+RELEASE|/PRNewswire/|Business\s*Wire|GLOBE\s*NEWSWIRE|\btoday\s+(?:announced|said|reported)", re.I)
_DASHES = re.compile(r"^[\s\-_=*.]*$")


def _cells(line: str) -> list[str]:
    """A text line split into table cells (tabs or runs of 2+ spaces)."""
    return [c.strip() for c in re.split(r"\t|\s{2,}", line) if c.strip()]


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = " ".join(html.unescape(s).replace("\xa0", " ").split())
    return s or None


def prefer_mixed_case(name: str, text: str) -> str:
    """The mixed-case spelling of an all-caps ``name`` found in ``text`` with the same normalized name.

    "IMMUNOGEN, INC." -> "ImmunoGen, Inc." when the signature block or body
    writes it so; the name as given when the text has no such spelling.
    """
    if not name or re.search(r"[a-z]", name):
        return name
    words = re.findall(r"[A-Za-z0-9]+", name)
    if not words:
        return name
    pat = re.compile(r"(?<![A-Za-z0-9])" + r"[\s,.'&-]*".join(re.escape(w) for w in words) + r"\.?(?![A-Za-z0-9])", re.I)
    key = normalize_org_name(name)
    for m in pat.finditer(text):
        cand = " ".join(m.group(0).split()).strip(" ,")
        if re.search(r"[a-z]", cand) and normalize_org_name(cand) == key:
            return cand
    return name


def _cover_region(text: str) -> str:
    """Text of the cover page: up to the first Item heading (at most 8,000 characters)."""
    m = _ITEM_HEADING.search(text)
    end = m.start() if m and m.start() > 200 else min(len(text), 8000)
    return text[: min(end, 8000)]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _trailing_legal_name(text: str) -> str | None:
    """The organization name (with its legal form) that ends ``text``, or None."""
    from kg.extract.organizations import find_organizations  # the organization layer, read once per cover

    tail = text[-200:]
    ends = [e for e in find_organizations([tail]).entries if e.evidence and e.evidence.end >= len(tail.rstrip(" ,")) - 1]
    return ends[-1].name if ends else None


def _cover_name(cover: str) -> str | None:
    """Registrant name: the non-empty line(s) above the "(Exact name of registrant" caption."""
    m = _CAP_NAME.search(cover)
    if not m:
        return None
    line_start = cover.rfind("\n", 0, m.start()) + 1
    before = cover[line_start:m.start()].strip()
    if len(before) > 3:  # a cover flattened onto one line: the legal name that ends right before the caption
        return _trailing_legal_name(before)
    above = [ln for ln in _lines(cover[: m.start()])]
    for ln in reversed(above):
        if _DASHES.match(ln):
            continue
        cand = _cells(ln)
        if not cand:
            continue
        name = cand[0]
        if _DATE_OF_REPORT.search(name) or find_dates(name):
            return None
        return name
    return None


# Reporting period of annual/quarterly/foreign-issuer covers: "For the fiscal year ended December 31, 2014",
# "For the quarterly period ended June 30, 2020", 6-K "For the month of May 2021".
_PERIOD = re.compile(r"(?:(?:FISCAL\s+YEAR|QUARTER(?:LY\s+PERIOD)?|PERIOD)\s+ENDED|FOR\s+THE\s+MONTH\s+OF)\s*:?\s*", re.I)


def _period(text: str) -> str | None:
    m = _PERIOD.search(text)
    return parse_date(text[m.end(): m.end() + 40]) if m else None


def _date_of_report(cover: str) -> str | None:
    """Date of Report (Form 8-K cover): on the caption's line, else the nearest dated line around it."""
    m = _DATE_OF_REPORT.search(cover)
    if not m:
        return None
    line_start = cover.rfind("\n", 0, m.start()) + 1
    line_end = cover.find("\n", m.end())
    line_end = len(cover) if line_end < 0 else line_end
    found = find_dates(cover[line_start:line_end])
    if found:
        return found[0][2]
    lines = _lines(cover)
    idx = cover.count("\n", 0, m.start())
    for off in (1, -1, 2, -2, 3, -3, 4, -4):
        j = idx + off
        if 0 <= j < len(lines):
            f = find_dates(lines[j])
            if f and len(lines[j].strip()) < 80:
                return f[0][2]
    return None


def _id_region(cover: str) -> str:
    """Between the registrant-name caption and the address caption: the identification row."""
    a = _CAP_NAME.search(cover)
    b = _CAP_ADDRESS.search(cover, a.end() if a else 0)
    start = cover.find("\n", a.end()) if a else 0
    return cover[max(start, 0): b.start() if b else len(cover)]


def _jurisdiction(region: str) -> str | None:
    for ln in _lines(region):
        for cell in _cells(ln):
            cap = cell.find("(")
            if cap > 0 and _CAPTION_WORDS.search(cell[cap:]):
                cell = cell[:cap].strip()  # "Delaware (State or other jurisdiction of incorporation)" in one cell
            if cell.startswith("(") or _CAPTION_WORDS.search(cell) or not re.fullmatch(r"[A-Za-z][A-Za-z .,'()-]*", cell):
                continue
            if len(cell) > 40:
                continue
            return cell.title() if cell.isupper() else cell
    return None


def _address(cover: str) -> str | None:
    """Address of principal executive offices: up to three lines above its caption, joined."""
    m = _CAP_ADDRESS.search(cover)
    if not m:
        return None
    before = cover[: cover.rfind("\n", 0, m.start()) + 1] if "\n" in cover[: m.start()] else ""
    same_line = cover[before and len(before) or 0: m.start()].strip()
    parts: list[str] = []
    if same_line and not same_line.startswith("("):
        parts.append(same_line)
    for ln in reversed(_lines(before)):
        if len(parts) >= 3:
            break
        s = ln.strip()
        if not s:
            if parts and len(parts) >= 2:
                break
            continue
        if _DASHES.match(s):
            continue
        if s.startswith("(") or s.endswith(")") or _CAPTION_WORDS.search(s) or _EIN.search(s) or not re.search(r"[A-Za-z]", s):
            break
        parts.insert(0, " ".join(_cells(s)))
    if not parts:
        return None
    return ", ".join(p.strip(" ,") for p in parts)


def _format_phone(s: str) -> str:
    m = _PHONE.search(s)
    return f"({m.group(1)}) {m.group(2)}-{m.group(3)}" if m else s.strip()


def _phone(cover: str) -> str | None:
    lines = _lines(cover)
    for i, ln in enumerate(lines):
        if not _CAP_PHONE.search(ln):
            continue
        for j in (i, i - 1, i + 1, i - 2, i + 2):
            if 0 <= j < len(lines):
                m = _PHONE.search(lines[j])
                if m:
                    return _format_phone(m.group(0))
    return None


def _ticker_exchange(cover: str) -> tuple[str | None, str | None]:
    """First row of the Section 12(b) table ("Title of each class | Trading Symbol(s) | Name of each exchange")."""
    lines = _lines(cover)
    for i, ln in enumerate(lines):
        if re.search(r"Trading\s+Symbol", ln, re.I):
            for row in lines[i + 1: i + 6]:
                cells = _cells(row)
                if len(cells) >= 3 and re.fullmatch(r"[A-Z.]{1,6}", cells[1]):
                    return cells[1], cells[2]
            return None, None
    return None, None


def parse_items_fallback(text: str) -> list[str]:
    """8-K item numbers from Item headings (both schemes), in order, without duplicates.

    Lines such as "Items 1 through 4, 6 and 8 Not Applicable." are not items reported.
    """
    out: list[str] = []
    for m in _ITEM_HEADING.finditer(text):
        line_end = text.find("\n", m.start(1))
        line = text[m.start(1): line_end if line_end >= 0 else len(text)]
        if re.search(r"not\s+applicable|through", line, re.I):
            continue
        for num in re.findall(r"\d{1,2}(?:\.\d{2})?", m.group(0)):
            if num not in out:
                out.append(num)
    return out


def _items(text: str) -> list[str]:
    try:  # the readers' parser, when it is installed (kg.sources.items)
        from kg.sources.items import parse_items  # type: ignore

        return list(parse_items(text))
    except ImportError:
        return parse_items_fallback(text)


# An exhibit-list entry: "99.1  Press release ...", "104\tCover Page ...", "99.1." (Reg. S-K Item 601 numbers).
_EXHIBIT_LINE = re.compile(r"^\s*(?:Exhibit\s+)?(\d{1,3}(?:\.\d{1,3})?)\.?(?=\s|$)(.*)$", re.I)
_INCORPORATED = re.compile(r"incorporated\s+(?:herein\s+)?by\s+reference\s+(?:from|to)", re.I)


def parse_exhibits(text: str) -> list[str]:
    """Exhibit numbers listed under "Exhibits" / the exhibit index, minus ones incorporated by reference."""
    out: list[str] = []
    starts = [m.end() for m in re.finditer(r"\(\s*[cd]\s*\)\s*Exhibits?\b|^\s*(?:INDEX\s+TO\s+EXHIBITS|EXHIBIT\s+INDEX)\b", text, re.I | re.M)]
    # the list ends at the signature block, the next Item, or an all-caps heading (financial statements)
    stop_re = re.compile(r"^\s*SIGNATURES?\s*$|^\s*Item\s+\d|^\s*[A-Z][A-Z'&,]+(?:\s+[A-Z][A-Z'&,]+)+\s*$", re.M)
    for start in starts:
        stop = stop_re.search(text, start + 1)
        block = text[start: stop.start() if stop else len(text)][:3000]
        # inline list: "(d) Exhibits: 3.1 Certificate ...; 104 Cover Page ..."
        first = block.split("\n", 1)[0]
        entries = re.split(r";\s*", first.lstrip(" .:")) if re.match(r"\s*[:.]?\s*\d", first) else []
        lines = [ln for ln in block.split("\n")]
        for k, ln in enumerate(lines):
            m = _EXHIBIT_LINE.match(ln)
            if not m:
                continue
            desc = m.group(2).strip(" \t.")
            follow = []
            for nxt in lines[k + 1: k + 8]:
                if _EXHIBIT_LINE.match(nxt):
                    break
                follow.append(nxt)
            if not desc:
                nxt = next((x.strip() for x in follow if x.strip()), "")
                if not re.match(r"[A-Za-z]", nxt) or re.fullmatch(r"[A-Z\s]+", nxt):
                    continue
            entries.append(m.group(1) + " " + desc + " " + " ".join(follow))
        for e in entries:
            m = re.match(r"\s*(\d{1,3}(?:\.\d{1,3})?)\.?\s", e + " ")
            if not m or _INCORPORATED.search(e.split("\n\n")[0]):
                continue
            num = m.group(1)
            if num not in out:
                out.append(num)
    return out


def _header_filer(filing: Filing):
    if not filing.header or not filing.header.filers:
        return None
    for f in filing.header.filers:
        if f.role == "filer":
            return f
    return filing.header.filers[0]


def _pr_filer_and_date(text: str) -> tuple[str | None, str | None, int | None]:
    """Press-release dateline: "CITY, State, Month D, YYYY -- Acme, Inc. (Nasdaq: ACME) today announced"."""
    head = text[:6000]
    m = re.search(r"^\s*DATE:\s*(.+)$", head, re.M)  # "DATE: August 22, 2001" header block of releases
    for d_start, d_end, iso in find_dates(head):
        after = head[d_end: d_end + 600]
        if not re.match(r"\s*(?:/[^/\n]{2,30}/)?\s*(?:--|—|–|-|\)|:)", after) and not (m and m.start() <= d_start <= m.end()):
            continue
        org = re.search(
            r"([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,5},?\s+(?:Inc|Corp|Corporation|Ltd|Limited|LLC|plc|AG|N\.V|S\.A|Co|Company)\.?)\s*(?:\(|,)",
            after,
        )
        return (org.group(1) if org else None), iso, d_start
    return None, None, None


def _form(filing: Filing, doc: Document, text: str) -> str | None:
    if filing.header and filing.header.form_type:
        return filing.header.form_type
    if doc.doc_type:
        return doc.doc_type
    if doc.xbrl.get("DocumentType"):
        return _clean(doc.xbrl["DocumentType"])
    head = text[:3000]
    m = _FORM_HEADING.search(head)
    if m and _CAP_NAME.search(text[:8000]):
        return m.group(1).upper()
    m = _REPORT_ON_FORM.search(head[:1000])
    if m:
        return m.group(1).upper()
    m = _EXHIBIT_HEADING.search(text[:400])
    if m:
        return f"EX-{m.group(1)}"
    m = _FILENAME_EXHIBIT.search(doc.filename or "")
    if m:
        return f"EX-{m.group(1)}"
    if _PRESS_RELEASE.search(text[:6000]):
        return "press release"
    return None


def extract_filing_facts(filing: Filing) -> FilingFacts:
    """Form, filer, CIK, date, items, exhibits and cover-page details of ``filing`` (``lic:Filing``)."""
    doc = filing.primary
    if doc is None:
        return FilingFacts()
    idx = filing.documents.index(doc)
    text = doc.text
    x = {k: _clean(v) for k, v in doc.xbrl.items()}
    hdr = _header_filer(filing)
    cover = _cover_region(text)
    has_cover = bool(_CAP_NAME.search(cover))
    facts = FilingFacts()
    facts.form = _form(filing, doc, text)
    if filing.header:
        facts.accession_number = filing.header.accession_number

    # filer: dei name, cover name, header name, "Source:" footer, press-release dateline, report heading
    src = _SOURCE_FOOTER.search(text)
    pr_org, pr_date, pr_pos = _pr_filer_and_date(text) if not has_cover else (None, None, None)
    name = x.get("EntityRegistrantName") or (_cover_name(cover) if has_cover else None)
    if not name and hdr and hdr.name:
        name = hdr.name
    if not name and src:
        name = src.group("name").strip()
    if not name and pr_org:
        name = pr_org
    if not name:
        m = _REPORT_ON_FORM.search(text[:1000])
        if m:
            first = next((ln.strip() for ln in text[: m.start()].split("\n") if ln.strip()), None)
            name = first
    if name:
        whole = "\n".join(d.text for d in filing.documents)
        facts.filer = prefer_mixed_case(" ".join(name.split()), whole)
        pos = text.find(name)
        if pos >= 0:
            facts.evidence = make_evidence(idx, text, pos, pos + len(name))

    # CIK: only when the document states it (dei or SEC header)
    cik = x.get("EntityCentralIndexKey") or (hdr.cik if hdr else None)
    if cik and re.fullmatch(r"\d{1,10}", cik):
        facts.cik = cik.zfill(10)

    # date: dei period; a cover's Date of Report or period ("fiscal year ended", 6-K "month of");
    # else the dated header of a release, its dateline, a contract's own date, the "Source:" footer
    date = parse_date(x.get("DocumentPeriodEndDate")) if x.get("DocumentPeriodEndDate") else None
    if not date and has_cover:
        date = _date_of_report(cover) or _period(cover)
    if not date and not has_cover:
        m = re.search(r"^\s*DATE:\s*(.+)$", text[:3000], re.M)
        date = (parse_date(m.group(1)) if m else None) or pr_date or contract_date(text)
        if not date and src:
            date = parse_date(src.group("date"))
        date = date or _period(text[:3000])
    if not date and filing.header:
        date = filing.header.period_of_report or filing.header.filed_date
    facts.date = date

    # items and exhibits
    if facts.form and facts.form.upper().startswith("8-K") or has_cover:
        facts.items = _items(text)
        if not facts.items and filing.header and filing.header.items:
            facts.items = [i for i in filing.header.items if re.fullmatch(r"\d{1,2}(?:\.\d{2})?", i)]
        exhibits = parse_exhibits(text)
        for d in filing.documents:
            m = re.match(r"EX-(\d{1,3}(?:\.\d{1,3})?)", d.doc_type or "", re.I)
            if m and m.group(1) not in exhibits:
                exhibits.append(m.group(1))
        facts.exhibits = exhibits
    elif facts.form and facts.form.upper().startswith("EX-"):
        facts.exhibits = [facts.form[3:]]

    # cover-page details
    if has_cover:
        region = _id_region(cover)
        ein = _EIN.search(region)
        facts.irs_ein = ein.group(0) if ein else None
        fno = None
        for m in _FILE_NO.finditer(region):
            if ein and m.start() >= ein.start() and m.end() <= ein.end():
                continue
            fno = m.group(0)
            break
        inline = re.search(r"Commission\s+File\s+(?:No\.?|Number)\s*:?\s*(\d{1,3}-\d{4,6})", cover, re.I)
        facts.commission_file_number = fno or (inline.group(1) if inline else None)
        facts.jurisdiction = _jurisdiction(region)
        facts.address = _address(cover)
        facts.phone = _phone(cover)
        facts.ticker, facts.exchange = _ticker_exchange(cover)
    # dei facts win where stated
    facts.jurisdiction = x.get("EntityIncorporationStateCountryCode") or facts.jurisdiction
    facts.commission_file_number = x.get("EntityFileNumber") or facts.commission_file_number
    facts.irs_ein = x.get("EntityTaxIdentificationNumber") or facts.irs_ein
    facts.ticker = x.get("TradingSymbol") or facts.ticker
    facts.exchange = x.get("SecurityExchangeName") or facts.exchange
    if x.get("LocalPhoneNumber") and not facts.phone:
        facts.phone = _format_phone(f"{x.get('CityAreaCode') or ''} {x['LocalPhoneNumber']}")
    if not facts.address and x.get("EntityAddressAddressLine1"):
        city = ", ".join(v for v in (x.get("EntityAddressCityOrTown"), x.get("EntityAddressStateOrProvince")) if v)
        facts.address = ", ".join(v for v in (x.get("EntityAddressAddressLine1"), city) if v) + (
            f" {x['EntityAddressPostalZipCode']}" if x.get("EntityAddressPostalZipCode") else ""
        )
    # SEC header as the last resort for identification numbers
    if hdr and has_cover:
        if not facts.irs_ein and hdr.irs_number and re.fullmatch(r"\d{9}", hdr.irs_number):
            facts.irs_ein = f"{hdr.irs_number[:2]}-{hdr.irs_number[2:]}"
        if not facts.commission_file_number and hdr.file_number:
            facts.commission_file_number = hdr.file_number
    return facts
