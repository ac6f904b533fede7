"""Keyword lists and gazetteers for deal extraction, as data, each entry with its reason.

Every list names the CLASS of phrasing it serves (house rule 3 of DESIGN.md);
nothing here is keyed to one document, company or product.  Patterns are
plain regex fragments compiled by the modules that use them.
"""
from __future__ import annotations

__all__ = [
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS",
    "SCALE_WORDS",
    "BOUND_UP_TO",
    "BOUND_APPROX",
    "BOUND_AT_LEAST",
    "EXCHANGES",
    "ORG_SUFFIX_RE",
    "INSTITUTION_HEADS",
    "NON_PARTY_ORG_RE",
    "KIND_CUES",
    "PAYMENT_CUES",
    "ROYALTY_RATE_RE",
    "INN_STEMS",
    "DRUG_TYPE_NOUNS",
    "CONTRACT_KIND_LEXICON",
]

# Currency prefixes/codes as written before an amount -> ISO 4217.  Order matters:
# longer forms first so "US$" is not read as "$".
CURRENCY_SYMBOLS: list[tuple[str, str]] = [
    (r"U\.?S\.?\s?\$", "USD"),  # "US$60,000,000", "U.S.$ 5 million": US filings stating the currency explicitly
    (r"USD\s?", "USD"),  # ISO code prefix, common in cross-border releases
    (r"C\$|CA\$|CAD\s?", "CAD"),  # Canadian issuers
    (r"A\$|AU\$|AUD\s?", "AUD"),  # Australian issuers
    (r"HK\$|HKD\s?", "HKD"),  # Hong Kong counterparties
    (r"NZ\$|NZD\s?", "NZD"),  # New Zealand counterparties
    (r"S\$|SGD\s?", "SGD"),  # Singapore counterparties
    (r"\$", "USD"),  # bare dollar sign: US filings default to US dollars
    (r"€|EUR\s?|Euro\s", "EUR"),  # European partners' releases
    (r"£|GBP\s?", "GBP"),  # UK partners
    (r"¥|JPY\s?|JP¥", "JPY"),  # Japanese partners ("¥10 billion")
    (r"CHF\s?|SFr\.?\s?", "CHF"),  # Swiss partners (Roche, Novartis style releases)
    (r"DKK\s?", "DKK"),  # Danish partners (A/S companies)
    (r"SEK\s?", "SEK"),  # Swedish partners
    (r"NOK\s?", "NOK"),  # Norwegian partners
    (r"RMB\s?|CNY\s?|Rmb\s?", "CNY"),  # Chinese partners / VIE contracts
    (r"KRW\s?|₩", "KRW"),  # Korean partners
    (r"INR\s?|Rs\.?\s?|₹", "INR"),  # Indian partners
    (r"BRL\s?|R\$", "BRL"),  # Brazilian partners
    (r"NT\$|TWD\s?", "TWD"),  # Taiwanese partners and acquisitions
    (r"MXN\s?", "MXN"),  # Mexican partners
    (r"ILS\s?", "ILS"),  # Israeli partners
]

# Currency names written after an amount ("25 million euros", "Sixty Million U.S. Dollars").
CURRENCY_WORDS: list[tuple[str, str]] = [
    (r"U\.?S\.?\s+dollars?|United\s+States\s+dollars?|US\s+dollars?", "USD"),  # contracts spelling the currency
    (r"Canadian\s+dollars?", "CAD"),
    (r"Australian\s+dollars?", "AUD"),
    (r"Hong\s+Kong\s+dollars?", "HKD"),
    (r"euros?", "EUR"),
    (r"(?:pounds?\s+)?sterling|British\s+pounds?", "GBP"),
    (r"(?:Japanese\s+)?yen", "JPY"),
    (r"Swiss\s+francs?", "CHF"),
    (r"Danish\s+kron(?:er|e)", "DKK"),
    (r"Swedish\s+kron(?:or|a)", "SEK"),
    (r"Norwegian\s+kron(?:er|e)", "NOK"),
    (r"(?:Chinese\s+)?(?:renminbi|yuan)", "CNY"),
    (r"(?:Korean\s+)?won", "KRW"),
    (r"(?:Indian\s+)?rupees?", "INR"),
    # currencies of acquisitions and partners abroad spelled out in 8-Ks ("Four Hundred Seventy Five Million New Taiwan Dollars")
    (r"New\s+Taiwan\s+dollars?", "TWD"),
    (r"Singapore\s+dollars?", "SGD"),
    (r"New\s+Zealand\s+dollars?", "NZD"),
    (r"Mexican\s+pesos?", "MXN"),
    (r"Brazilian\s+reais|Brazilian\s+real", "BRL"),
    (r"South\s+African\s+rand", "ZAR"),
    (r"Israeli\s+(?:new\s+)?shekels?", "ILS"),
    (r"Polish\s+zloty", "PLN"),
    (r"dollars?", "USD"),  # "dollars" alone in a US filing
]

# Scale words after a figure -> multiplier ("$3 million", "$1.2bn", "$5MM", "$500K").
SCALE_WORDS: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mm": 10**6,  # finance shorthand "$5mm"
    "m": 10**6,  # "$5M", "€25m" in headlines and tables
    "mn": 10**6,
    "mio": 10**6,  # European releases "EUR 25 mio"
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,  # "$1.2B" headline shorthand
    "trillion": 10**12,
    # Indian numbering ("Rs. 4.5 crore" = 45 million, "Rs. 80 lakh" = 8 million)
    "crore": 10**7,
    "crores": 10**7,
    "lakh": 10**5,
    "lakhs": 10**5,
    "lac": 10**5,
    "lacs": 10**5,
}

# Bound cues read just before an amount ("up to nearly $40 million" -> up-to wins).
BOUND_UP_TO = r"\bup\s+to\b|\bmaximum\s+of\b|\bnot\s+to\s+exceed\b|\bcapped\s+at\b|\bas\s+much\s+as\b"
BOUND_APPROX = r"\bapproximately\b|\babout\b|\bnearly\b|\broughly\b|\balmost\b|\baround\b|~|\bapprox\.|\ban\s+estimated\b|\bsome\b"
BOUND_AT_LEAST = (
    r"\bat\s+least\b|\bmore\s+than\b|\bin\s+excess\s+of\b|\bover\b|\bexceeding\b|\bexceeds?\b"
    r"|\bgreater\s+than\b|\bminimum\s+of\b|\bno\s+less\s+than\b|\bnot\s+less\s+than\b"
)

# Exchange labels in ticker parentheticals "(Nasdaq: IMGN)" -> the exchange's usual name.
EXCHANGES: list[tuple[str, str]] = [
    (r"NASDAQ(?:\s+Global(?:\s+Select)?\s+Market|\s+GS|\s+GM|\s+CM|\s+Capital\s+Market)?|Nasdaq", "Nasdaq"),
    (r"NYSE\s+(?:MKT|American|Amex)", "NYSE MKT"),  # small-cap US exchange, renamed over time
    (r"NYSE|New\s+York\s+Stock\s+Exchange|N\.Y\.S\.E\.", "NYSE"),
    (r"AMEX|American\s+Stock\s+Exchange", "AMEX"),
    (r"Tokyo(?:\s+Stock\s+Exchange)?|TSE|TYO", "Tokyo Stock Exchange"),  # Japanese partners "(Tokyo: 4503)"
    (r"LSE|London(?:\s+Stock\s+Exchange)?|AIM", "London Stock Exchange"),
    (r"SIX(?:\s+Swiss\s+Exchange)?|SWX", "SIX Swiss Exchange"),
    (r"Euronext(?:\s+\w+)?", "Euronext"),
    (r"TSX(?:-V)?|Toronto(?:\s+Stock\s+Exchange)?", "Toronto Stock Exchange"),
    (r"ASX", "ASX"),
    (r"HKEX|SEHK|HKSE", "Hong Kong Stock Exchange"),
    (r"KOSDAQ|KRX|KOSPI", "Korea Exchange"),
    (r"Frankfurt|FSE|Xetra", "Frankfurt Stock Exchange"),
    (r"OTC(?:QB|QX|BB)?|OTC\s+Markets", "OTC"),
]

# Legal-form suffixes that end an organization's legal name (US, UK, EU, Asia).
ORG_SUFFIX_RE = (
    r"(?:Incorporated|Inc\.?|Corporation|Corp\.?|Company|Co\.,?\s+Ltd\.?|Co\.?|Limited|Ltd\.?|L\.?L\.?C\.?"
    r"|L\.?P\.?|LLP|N\.A\.|plc|PLC|P\.L\.C\.|AG|SE|S\.A\.S?\.?|SA|N\.V\.?|NV|B\.V\.?|BV|GmbH(?:\s+&\s+Co\.\s+KG)?|KGaA|KG"
    r"|S\.p\.A\.?|SpA|S\.r\.l\.?|A/S|AB(?:\s+\(publ\))?|ASA|Oyj|K\.K\.|Pty\.?\s+Ltd\.?|Pte\.?\s+Ltd\.?"
    r"|L\.C\.|Ltda\.?|S\.L\.|S\.A\.\s+de\s+C\.V\.|Sdn\.?\s+Bhd\.?|Bhd\.?|ApS|Oy|Pvt\.?\s+Ltd\.?|PLLC|LLLP|Limitada"  # Latin America, Spain, Malaysia, Nordics, India
    r"|Kabushiki[\s-]+Kaisha|Yugen[\s-]+Kaisha|Godo[\s-]+Kaisha|Aktiengesellschaft|Aktiebolag|Aktieselskab"  # long forms
    r"|Holdings?|Group)"  # "L.C.": limited companies of Iowa/Florida/Virginia ("PresGar Imaging, L.C.")
)

# Head nouns of non-company institutions that license technology (university tech transfer,
# hospital and research-institute licences in 10-K notes and press releases).
INSTITUTION_HEADS = (
    r"University|College|Hospital|Institute|Institutes|Foundation|Center|Centre|Clinic|School"
    r"|Laboratory|Laboratories|Trustees|Regents|Council|Society|Trust"
)

# Organizations that appear in deal filings but are not deal parties: regulators,
# exchanges, agencies, underwriters' roles (GOLD_SCHEMA: only parties plus the filer).
NON_PARTY_ORG_RE = (
    r"^(?:the\s+)?(?:Securities\s+and\s+Exchange\s+Commission|SEC|Food\s+and\s+Drug\s+Administration|FDA"
    r"|European\s+Medicines\s+Agency|EMA|Federal\s+Trade\s+Commission|FTC|Department\s+of\s+Justice|DOJ"
    r"|Nasdaq(?:\s+Stock\s+Market)?|New\s+York\s+Stock\s+Exchange|NYSE|Internal\s+Revenue\s+Service|IRS"
    r"|United\s+States\s+Patent\s+and\s+Trademark\s+Office|USPTO|Hart-Scott-Rodino.*|Private\s+Securities.*"
    # role phrases of merger and financing documents, never a party's name ("Interim Surviving Corporation",
    # "the Initial Purchasers", "the Holding Company", "the Bank"); a jurisdiction plus a company noun
    r"|(?:Interim\s+)?Surviving\s+(?:Corporation|Company|Entity|Subsidiary)|Initial\s+Purchasers?|Underwriters?"
    r"|Holding\s+Company|Bank|Lenders?|Administrative\s+Agent|Collateral\s+Agent|Merger\s+Sub(?:sidiary)?|Acquisition\s+Sub"
    r"|(?:British\s+Virgin\s+Islands|Cayman\s+Islands|Delaware|Nevada|Bermuda)\s+(?:Company|Corporation)|Private\s+Limited|Rule)$"
)

# Deal nouns -> agreement kind.  Checked most specific first; the phrase is the
# agreement's own name ("License and Collaboration Agreement") or the deal noun.
KIND_CUES: list[tuple[str, str]] = [
    (r"settlement|settle[sd]?\b|resolv\w+\s+all\s+(?:claims|disputes)", "settlement"),  # litigation settlements
    # "Sale Agreement" / "Asset Purchase Agreement" / "Purchase and Sale Agreement": a business or asset sale (GOLD_SCHEMA deal)
    # a patent purchase or assignment transfers the patents: an asset sale (GOLD_SCHEMA), kind acquisition
    (r"merger|acquisition\s+of|acquire[sd]?\b|tender\s+offer|stock\s+purchase\s+of\s+all|\bsale\s+agreement|asset\s+purchase"
     r"|patent\s+(?:purchase|assignment)|assignment\s+agreement", "acquisition"),
    (r"co-?development|co-?develop|jointly\s+develop", "co-development"),  # joint development/commercialization
    (r"co-?promot", "co-promotion"),
    (r"supply|manufactur\w+\s+agreement", "supply"),
    # a spin-off's "Separation and Distribution Agreement" distributes shares, not products (GOLD_SCHEMA: kind other)
    (r"separation\s+(?:and|&)\s+distribution", "other"),
    (r"distribut\w+\s+agreement|distributorship|reseller", "distribution"),
    (r"option(?:\s+(?:and|&)\s+licen[cs]e)?\s+agreement", "option"),  # "Option and License Agreement": an option deal, named first
    (r"sponsored\s+research|research\s+agreement|research\s+and\s+license", "research"),
    (r"collaborat|alliance|partnership|memorandum\s+of\s+understanding|work\s+together", "collaboration"),
    (r"licen[cs]", "license"),
]

# Payment keywords -> payment kind, most specific first (searched in a window around an amount).
PAYMENT_CUES: list[tuple[str, str]] = [
    (r"termination\s+fee|break-?up\s+fee|deal\s+value|transaction\s+value|in\s+cash\s*,?\s*without\s+interest|right\s+to\s+receive", "other"),  # merger consideration, fees
    (r"amendment\s+fee", "other"),  # a fee for amending an existing agreement (GOLD_SCHEMA: not an annual licence fee)
    (r"(?:option\s+)?exercise\s+fee", "other"),  # paid to exercise an option: neither upfront nor an annual licence fee
    (r"\bloan|\blend\b|\blending\b|credit\s+facility|bridge\s+(?:loan|facility)|promissory\s+note|borrow", "loan"),
    (r"reimburs", "reimbursement"),
    # "fund research at X of $3 million a year", "is funding our development activities ... up to $3.5 million per year"
    (r"research\s+funding|fund(?:s|ing|ed)?\s+(?:a\s+|the\s+|our\s+|its\s+|their\s+)?(?:research|development|R&D)\b"
     r"|sponsored\s+research\s+payments", "research-funding"),
    # a one-time licence issue fee is paid when the deal is made (GOLD_SCHEMA: license-fee is annual/maintenance):
    # "a one-time, non-refundable license issue fee", "an initial license issuance fee"
    (r"(?:initial|one-time|one\s+time|non-?refundable)[\w\s,-]{0,30}?licen[cs]e\s+(?:issuance|issue)\s+fee", "upfront"),
    # university/hospital licence fees named like royalties or issue fees ("an issue royalty of $25", "license issuance fee")
    (r"issue\s+royalty|licen[cs]e\s+(?:issuance|issue)\s+fee|maintenance\s+fees?|annual\s+licen[cs]e\s+fees?", "license-fee"),
    # "$12 million at signing", "payable upon execution of the agreement": paid when the deal is made
    (r"up-?\s?front|initial\s+payment|signing\s+fee|technology\s+access\s+fee|access\s+fee|at\s+closing"
     r"|(?:at|on|upon)\s+(?:the\s+)?(?:signing|execution)\b", "upfront"),
    # "up to £35 million on the achievement of regulatory and sales milestones / specified events";
    # payments on an event: "a further Rs. 2 crore when HydraGuard cotton is approved", "upon first approval"
    (r"milestone|(?:up)?on\s+(?:the\s+)?achievement\s+of"
     r"|(?:up)?on\s+(?:the\s+)?(?:first\s+)?(?:regulatory\s+|marketing\s+)?approval\b"
     r"|\bwhen\s+[^.;,$€£¥]{0,60}?\bis\s+approved\b|(?:up)?on\s+(?:the\s+)?first\s+commercial\s+sale", "milestone"),
    # layer 7, payment by its event: an amount due on a later event is a milestone ("$3 million upon acceptance of
    # the first batch", "upon the start of a pivotal trial", "following completion of Phase 2"); signing,
    # execution and closing are read as upfront above
    (r"\b(?:upon|on|following|after|at)\s+(?:the\s+)?(?:start|initiation|commencement|completion|acceptance|achievement"
     r"|receipt|filing|submission|approval|launch|dosing|enrol?lment|first(?!\s+anniversary)|successful|delivery|issuance|grant|clearance)\b", "milestone"),
    (r"royalt", "royalty"),
    (r"licen[cs]e\s+fee|annual\s+(?:licen[cs]e\s+)?payments?|sublicens", "license-fee"),
    (r"common\s+stock|\bstock\b|shares|equity\s+investment|stock\s+purchase|invest\s+\S+\s+in|purchase\s+\S+\s+of\s+\S+\s+stock", "equity"),
]

# Royalty rate phrases ("low double-digit", "mid-teens", "tiered", "1.5%", "up to the mid-teens").
ROYALTY_RATE_RE = (
    r"(?:tiered|stepped|escalating|graduated)?[\s,]*(?:(?:royalt\w+\s+)?(?:ranging\s+)?(?:from\s+)?(?:the\s+)?)?"
    r"(?:up\s+to\s+(?:the\s+)?|at\s+least\s+|from\s+the\s+)?"
    r"(?:(?:low|mid|high|low-to-mid|mid-to-high|single|double|high\s+single)[- ]?"
    r"(?:single|double|teens?|twenties|digits?)(?:[- ]digits?)?(?:\s+to\s+(?:the\s+)?(?:low|mid|high)?[- ]?(?:single|double|teens|twenties)[- ]?(?:digits?)?)?"
    r"(?:\s+percentages?)?|\d+(?:\.\d+)?\s?(?:%|percent))"
)

# WHO INN stems that end the generic names of drug candidates ("nusinersen",
# "zilebesiran", "fostamatinib"); used to recognise product names in deal text.
INN_STEMS = (
    "mab", "cept", "nib", "tinib", "ciclib", "rafenib", "parib", "lisib", "rsen", "ersen", "siran", "meran",
    "gene", "vec", "tide", "relin", "stat", "vir", "navir", "previr", "buvir", "prazole", "sartan", "pril",
    "olol", "dipine", "gliptin", "gliflozin", "glutide", "parin", "plase", "kinra", "ast", "lukast", "zomib",
    "degib", "fenib", "metinib", "tinib", "racetam", "setron", "triptan", "oxacin", "cycline", "mycin",
)

# Head nouns that close a descriptive product name ("Herceptin TAP conjugate", "XYZ vaccine").
DRUG_TYPE_NOUNS = r"conjugate|vaccine|antibody|antibodies|therapy|therapeutic|inhibitor|biosimilar|formulation|compound"


# Contract title words -> GOLD_SCHEMA agreement kind, in precedence order (the first entry whose
# pattern occurs in the title decides).  The order is the one GOLD_SCHEMA's CUAD mapping uses
# (shared/eval/cuad-dev/README.md): collaboration words first, then licence, development,
# promotion, supply, distribution, research; then the contract types that name no such word.
# Each entry: (regex fragment, kind value, reason).  Covers CUAD's 25 contract types.
CONTRACT_KIND_LEXICON: list[tuple[str, str, str]] = [
    (r"\bcollaborat|\bco-?operat", "collaboration", "collaboration / cooperation agreements are collaborations, whatever else they name"),
    (r"\blicen[cs]", "license", "any licence wording ('Development and License', 'Licensed Products') makes a licence"),
    (r"\bdevelop|\bco-?develop", "co-development", "development agreements (CUAD Development) are co-development"),
    (r"\bco-?promot|\bpromot", "co-promotion", "promotion agreements (CUAD Promotion) are co-promotion"),
    (r"\bsuppl(?:y|ier)\b|\bmanufactur", "supply", "supply and manufacturing agreements (CUAD Supply, Manufacturing)"),
    (r"\bdistribut|\bresell|\bre-sell", "distribution", "distributor and reseller agreements (CUAD Distributor, Reseller)"),
    (r"\bresearch\b", "research", "sponsored research agreements"),
    (r"\bstrategic\s+alliance|\balliance\b", "collaboration", "CUAD Strategic Alliance maps to collaboration"),
    (r"\boption\b", "option", "option agreements"),
    (r"\bsettlement\b", "settlement", "settlement agreements"),
    (r"\bmerger\b|\bacquisition\b|\bstock\s+purchase\b|\basset\s+purchase\b", "acquisition", "M&A agreements"),
    # the remaining CUAD types are 'other' in GOLD_SCHEMA; listed so the choice is explicit
    (r"\bjoint\s+venture\b", "other", "CUAD Joint Venture: other"),
    (r"\bsponsor", "other", "CUAD Sponsorship: other"),
    (r"\bendorse", "other", "CUAD Endorsement: other"),
    (r"\bhosting\b", "other", "CUAD Hosting: other"),
    (r"\bmaintenance\b|\bsupport\b", "other", "CUAD Maintenance: other"),
    (r"\bfranchis", "other", "CUAD Franchise: other"),
    (r"\bagency\b|\bagent\b", "other", "CUAD Agency: other (sales agency, not distribution)"),
    (r"\bconsult", "other", "CUAD Consulting: other"),
    (r"\bservices?\b", "other", "CUAD Service: other"),
    (r"\boutsourc", "other", "CUAD Outsourcing: other"),
    (r"\btransport|\bcarriage\b|\bshipping\b", "other", "CUAD Transportation: other"),
    (r"\bmarketing\b|\badvertis", "other", "CUAD Marketing: other"),
    (r"\bco-?branding\b", "other", "CUAD Co-Branding: other"),
    (r"\baffiliate\b", "other", "CUAD Affiliate: other"),
    (r"\bnon-?compet|\bnon-?solicit", "other", "CUAD Non-Compete: other"),
    (r"\bintellectual\s+property\b", "other", "CUAD IP: a licence only when the text grants one (see contract_title)"),
]
