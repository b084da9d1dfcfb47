"""Where the quotes are: quoted stretches (:func:`analysis.quote_marks.quote_spans`), dash-introduced speech, the
speech cue next to each and the clause an indirect cue reports (rules in ``docs/quotes.md``,
"What counts as a quote"). :func:`find_quotes` gives one document's quotes; the speakers are
resolved by :mod:`analysis.quote_speakers`.
"""

from __future__ import annotations

import re

import numpy as np

from .quote_clauses import (
    _CORE,
    _SPACED_DASH,
    _apposition_end,
    _as_aside,
    _embedded_that,
    _gerund,
    _adverbs,
    _late_that,
    _next_report,
    _open_quote,
    _past_act,
    _parallel,
    _place_head,
    _reported_after,
    _that_clause,
    _writer_resumes,
)
from .quote_doc import _Doc, _words
from .quote_marks import _rstrip, quote_spans
from .quote_speakers import (
    _INTRO,
    _according_span,
    _apposed_head,
    _coordinated,
    _embedding_subject,
    _main_segment,
    _name_before_apposition,
    _participle_subject,
    _person_before_cue,
    _resolve,
    _sentence_subject,
    _speaker_after_cue,
    _with_subject,
)

MIN_WORDS = 4  # a quoted stretch of fewer words is a scare quote or a title, not speech
_MAX_SPEAKER_WORDS = 9

_DIRECT_ONLY = {"asked", "asks", "continued", "posted", "believes", "believed", "thinks",
                "reported", "reports", "demanded", "threatened", "boasted", "complained"}
# cues that report a clause without "that" ("Peskov said the talks failed"); any other cue
# needs "that" for an indirect quote ("Biden announced that ..." but not "announced a plan")
_BARE = {"said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "warned",
         "warns", "claimed", "claims", "insisted", "insists", "noted", "notes", "wrote", "writes",
         "tweeted", "explained", "argued", "asserted", "declared", "stressed", "acknowledged",
         "admitted", "confirmed", "alleged", "denied", "denies"}
# words that start an adverbial, not a reported clause: "said at a conference", "said Monday"
_NOT_CLAUSE = {"in", "at", "on", "during", "following", "after", "before", "as", "while", "when",
               "speaking", "of", "about", "to", "via", "monday", "tuesday", "wednesday",
               "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight",
               "earlier", "later", "last", "according", "once", "again", "also", "whether", "if",
               "against", "for", "with", "by", "from", "into", "over", "under", "goodbye",
               "farewell", "hello"}
# where a reported clause ends before its sentence does: another source or a new clause
_CLAUSE_END = re.compile(r"[”\"’']?,[”\"’']?\s+(?:according\s+to|reportedly|citing|which|"
                         r"while|though|although|despite|after\s+(?:it|he|she|they)\b|"
                         r"(?!including)[a-z]+ing)\b"  # a participle; "including" is none
                         r"|,\s+(?:and|but)\s+(?:it|he|she|they|the|this|there|we|i|[A-Z]\w+)\b"
                         r"|,\s+(?:the|a|an)\s+[^,]{0,60}?\b(?:who|which|whose)\b"  # an apposition
                         r"|[”\"’']?,\s+as\s+(?:[A-Z]\w*|he|she|they|it|we|the|many|some)\b"
                         r"|[”\"’']?,?\s+(?:and|but)\s+(?:also\s+|again\s+|later\s+|then\s+)?"
                         r"(?:(?:has|have|had)\s+)?"
                         r"(?:urged|called|refused|declined|echoed|reaffirm(?:ed|s)|spoke|appealed|"
                         r"pointed|"
                         r"accused|dismissed|rejected|critici[sz]ed|condemned|expressed)\b"
                         r"|[”\"’']?\s+as\s+(?:he|she)\s+\w+ed\b")  # "... as he recalled"
_DETERMINER = re.compile(r"(?:\b(?:a|an|the|his|her|its|their|such|these|those)|['’]s)\s+$", re.I)
_WAS = re.compile(r"\s*(?:was|were|is|are)\s+")
_SAID_TO = re.compile(r"\s+to\s")
_WHAT = re.compile(r"\bwhat\s+(?:[\w’'.-]+\s+){1,3}$")
_SUBORDINATE = {"while", "whereas", "although", "though"}
_PARTICIPLES = {"saying", "adding", "telling", "warning", "claiming", "insisting", "noting",
                "arguing", "stressing", "writing", "stating", "declaring", "emphasizing",
                "emphasising"}


_SCARE = re.compile(r"(?<=\w\s)“[^“”,.]{1,40}”(?=\s[a-z])")  # a scare quote inside a clause


def _clause_start(doc: _Doc, lo: int, hi: int) -> int:
    """Where the clause ending at ``hi`` starts: its sentence's start (the annotation's
    sentences know "D-Wash." is no sentence end), or after the last quote mark or ";"."""
    base = cut = max(lo, int(doc.s_start[doc.sentence_at(max(hi - 1, lo))]))
    text = _SCARE.sub(lambda m: m.group() if _words(m.group()) >= MIN_WORDS else  # '“Russian
                      f" {m.group()[1:-1]} ", doc.text[base:hi])  # aggression” even announced'
    for m in re.finditer(r"[;”\"][,.]?\s|[“\"]|(?<=[,.!?])'\s|:\s+(?=[A-Z])", text):
        cut = base + m.end()
    return cut


_STOP = re.compile(r"(?<!\b[A-Z])(?<!\b[MD]r)(?<!\bMs|\bSt)(?<!\bMrs)[.!?]\s")  # not "P. Kluge"


def _cue_after(doc: _Doc, q_end: int, limit: int, lex: dict):
    """``(cue, speaker span)`` written right after a quote: ``"...," Peskov said``."""
    after = doc.text[q_end:limit].lstrip(" \"”’'")
    if doc.text[q_end - 2:q_end - 1] in (".", "!", "?") and after[:1].isupper() \
            and not after.startswith(("He ", "She ")):
        return None  # the quote ended its sentence: a cue after it starts the next one
    m = lex["cue_re"].search(doc.text, q_end, limit)
    if m is None or _STOP.search(doc.text[q_end:m.start()]) or re.match(
            r"[\s,”\"’']*(?:which|who|that)\b", doc.text[q_end:m.start()]):
        return None  # (not '“...,” which he claimed makes ...': a relative clause)
    between = (q_end, m.start())
    if m.group().lower().startswith("according"):  # '“...” and now includes him, according to'
        return "according to", _according_span(doc.text, m.end(), limit), m.start()
    if _words(doc.text[q_end:m.start()]) > _MAX_SPEAKER_WORDS:
        head = _noun_phrase(doc, q_end, m.start())  # "the owner of a shop in the city of X"
        head = head if head is not None else _apposed_head(doc.text, q_end, m.start())
        head = head if head is not None else _name_before_apposition(doc, q_end, m.start())
        if head is None:
            return None
        between = (q_end, head)
    if not doc.text[q_end:m.start()].strip(" \t\n,—–-\"”’"):
        between = _speaker_after_cue(doc.text, m.end(), limit)
    return m.group().lower(), between, m.start()


_PP_TAG = re.compile(r"^(DT|JJ.?|NN.*|POS|CD|PRP\$|HYPH|IN|TO)$")
_NOT_PREPOSITION = {"that", "because", "if", "whether", "while", "although", "though", "since",
                    "as", "after", "before", "until", "unless", "once", "so", "than"}


def _noun_phrase(doc: _Doc, lo: int, hi: int) -> int | None:
    """Where the head of ``doc.text[lo:hi]`` and its first prepositional phrase end ("the
    owner of a flower shop" in "the owner of a flower shop in the southern city of Mykolaiv")
    when the whole is one noun phrase, with no verb, clause or comma; else None. A speaker
    phrase longer than ``_MAX_SPEAKER_WORDS`` counts only if it is one."""
    k0, k1 = np.searchsorted(doc.t_start, lo), np.searchsorted(doc.t_start, hi)
    words = [(doc.text[a:b].lower(), t, a) for a, b, t in
             zip(doc.t_start[k0:k1], doc.t_end[k0:k1], doc.t_pos[k0:k1])
             if doc.text[a:b] not in ("\"", "”", "’", "'", ",", "—", "–", "-")]
    if "," in doc.text[lo:hi].lstrip(" ,\"”’'—–-") or _words(doc.text[lo:hi]) > 20 \
            or not words or words[0][1] in ("IN", "TO"):
        return None
    if not all(_PP_TAG.match(t) and w not in _NOT_PREPOSITION for w, t, _ in words):
        return None
    pp = [k for k, (_, t, _) in enumerate(words) if t in ("IN", "TO")]
    return None if not pp else int(words[pp[1]][2]) if len(pp) > 1 else hi


_MODAL = re.compile(r"\b(?:should|would|could|might|may|will|can|must)(?:\s+not)?\s+$")


def _cue_before(doc: _Doc, lo: int, q_start: int, lex: dict):
    """``(cue, speaker span)`` written before a quote: ``Peskov said: "..."``."""
    found = None
    for m in lex["cue_re"].finditer(doc.text, lo, q_start):
        if not _MODAL.search(doc.text, max(lo, m.start() - 16), m.start()):
            found = m  # not 'the world should tell the Russians: “...”'
    if found is None:
        return None
    cue, at = found.group().lower(), found.start()
    if cue.startswith("according"):
        return cue, _according_span(doc.text, found.end(), q_start), at
    start = _clause_start(doc, lo, found.start())
    dash = list(re.finditer(r"\s[–—-]\s", doc.text[start:at]))  # "... pushed - a western
    start += dash[-1].end() if dash and doc.text[start + dash[-1].end():at].strip() else 0
    if start >= found.start() and _words(doc.text[found.end():q_start]) <= 4:  # "said X: ..."
        return cue, _speaker_after_cue(doc.text, found.end(), q_start), at
    if cue in _PARTICIPLES or _coordinated(doc.text[start:at]):  # '..., adding: “...”'
        s0 = int(doc.s_start[doc.sentence_at(at)])  # ('“...,” he said, adding': he)
        with_ = _with_subject(doc, start, at) if cue in _PARTICIPLES else None
        return cue, with_ or _sentence_subject(doc, start, at) or _sentence_subject(
            doc, s0, at) or (start, at), at  # ("a clip showed an official telling")
    return cue, (start, found.start()), at


_DASH_OPEN = re.compile(r"\s*[-–—]\s+(?=[A-Z“\"«‘])")
_DASH_CLOSE = re.compile(r"[,.!?…]?\s+[-–—]\s+")


def dash_spans(text: str, start: int, end: int, lex: dict, *,
               after_speech: bool = False) -> list[tuple[int, int]]:
    """Direct speech set off by dashes in the paragraph ``text[start:end]`` (translated and
    European copy): ``- We were ... - he emphasized.`` gives the words between the dashes.
    A dash paragraph without a cue is speech only after a colon or after dash speech (the
    speaker goes on); otherwise it is a list item.

    Examples
    --------
    >>> from analysis.quote_speakers import lexicon
    >>> t = "- We will not give up our land - the president said."
    >>> [t[b:e] for b, e in dash_spans(t, 0, len(t), lexicon())]
    ['We will not give up our land']
    """
    m = _DASH_OPEN.match(text, start, end)
    if m is None:
        return []
    b = m.end()
    for close in _DASH_CLOSE.finditer(text, b, end):
        cue = lex["cue_re"].search(text, close.end(), min(end, close.end() + 80))
        if cue and _words(text[close.end():cue.start()]) <= 5 \
                and not re.search(r"[.!?]\s", text[close.end():cue.start()]):
            return [(b, _rstrip(text, b, close.start() + (text[close.start()] == " ")))]
    before = text[max(0, start - 3):start].strip()
    if after_speech or before.endswith(":"):
        return [(b, _rstrip(text, b, end))]
    return []


def _direct_spans(doc: _Doc, lex: dict) -> list[tuple[int, int, int, int, int]]:
    """``(paragraph_id, paragraph start, paragraph end, begin, end)`` of every quoted stretch;
    the entities inside them are marked (a name inside a quote is not its speaker)."""
    spans, dashed = [], False
    for pid, p0, p1 in doc.paragraphs():
        marks = [(pid, p0, p1, b, e) for b, e, _ in quote_spans(doc.text, p0, p1)]
        dash = [] if marks else dash_spans(doc.text, p0, p1, lex, after_speech=dashed)
        dashed = bool(dash)
        spans += marks or [(pid, p0, p1, b, e) for b, e in dash]
    for _, _, _, b, e in spans:
        doc.quoted[doc.entities_in(b, e)] = True
    return spans


def _direct(doc: _Doc, spans: list, lex: dict) -> list[dict]:
    """Direct quotes of one document (quoted stretches of MIN_WORDS words or more), attributed
    in reading order."""
    rows = []
    for k, (pid, p0, p1, b, e) in enumerate(spans):
        if _words(doc.text[b:e]) < MIN_WORDS and not _short_with_cue(doc, b, e, p1, lex):
            continue
        nxt = spans[k + 1][3] - 1 if k + 1 < len(spans) and spans[k + 1][0] == pid else p1
        last = max((e0 for _, _, _, b0, e0 in spans[:k] if _words(doc.text[b0:e0]) >= MIN_WORDS
                    or doc.text[e0:e0 + 2].strip("”\"’'")[:1] in (",", ".")), default=-1)
        lo = max(int(doc.s_start[doc.sentence_at(b)]), last + 1, p0)  # (not after a scare quote)
        found = _cue_after(doc, e + 1, min(nxt, e + 160), lex)
        if found and not doc.text[slice(*found[1])].strip(" ,"):
            found = None  # '“...”, adding that ...': the cue before the quote tells
        same = found is not None and _same_subject(doc.text, *found[1])
        after = found
        if found is None or same \
                or found[0] == "according to":  # '“...,” but added'; 'X said "...", according to'
            before = _cue_before(doc, lo, max(b - 1, lo), lex)
            found = before if before and (found is None or before[0] != "according to") and (
                found is None or found[0] != "according to" or _reports(doc, before)) \
                else found or before
        who, cue = None, ""
        if found and not (same and found is after):
            cue, (s_lo, s_hi), at = found
            who = (*(doc.dep_subject(at) or (s_lo, s_hi)), p0)
        else:  # no cue: 'Guterres called the deal “...”', 'A Russian woman vocalised: “...”'
            who = _embedding_subject(doc, lo, b, p0)
        rows.append({"paragraph_id": pid, "sent_id": int(doc.s_id[doc.sentence_at(b)]),
                     "kind": "direct", "speaker": "", "speaker_label": "",
                     "cue": cue, "start": b, "end": e, "_who": who})
    return rows


def _reports(doc: _Doc, found: tuple) -> bool:
    """Whether a cue before a quote reports it: a cue of bare speech ("said") or one followed
    by "that", a colon or the quote ('X concluded with a trip to “...”, according to Reuters':
    Reuters)."""
    end = found[2] + len(found[0])
    return found[0] in _BARE or found[0] in _PARTICIPLES or bool(
        re.match(r"\s*(?:that\b|:|,?\s*[“\"‘'])", doc.text[end:end + 8]))


def _same_subject(text: str, lo: int, hi: int) -> bool:
    """Whether a speaker phrase is only a conjunction ('“...,” but added', '“...” and
    said', '“...” while warning') or ends with one ('“...” to Royal's remarks and said'): the
    cue goes on the sentence's subject, written before the quote."""
    return text[lo:hi].strip(" \t\n,—–-\"”’'").lower() in (
        "but", "and", "but also", "and also", "but later", "while", "before", "after",
        "when", "without") \
        or _coordinated(text[lo:hi])  # '“...” to Royal's remarks and said'


def _short_with_cue(doc: _Doc, b: int, e: int, p1: int, lex: dict) -> bool:
    """A quote of one to three words that is speech, not a scare quote: it starts its
    sentence, ends with a comma, "!" or "?" inside its marks and a cue follows
    (`"Ukraine will win," he said`; not `were "highly vulnerable," it said`)."""
    text = doc.text
    if not text[b:e].rstrip().endswith((",", "!", "?")) or e + 1 >= p1 \
            or text[int(doc.s_start[doc.sentence_at(b)]):b - 1].strip(" “\"‘'\n—–-"):
        return False
    m = lex["cue_re"].search(text, e + 1, min(p1, e + 60))
    return m is not None and _words(text[e + 1:m.start()]) <= 3 \
        and not re.search(r"[.;:!?]", text[e + 1:m.start()])


_DAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend|night|month|"
        r"morning|evening|afternoon|today|yesterday|tonight|overnight|earlier|later|recently|"
        r"again|also|previously)")
_ADVERBIAL = re.compile(
    rf"\s*,?\s*(?:(?:on|late|early|last|this|earlier|on\s+\w+)\s+)?(?i:{_DAY})\b"
    rf"(?:\s+(?i:{_DAY})\b)?"
    r"|\s*,?\s*(?:on|via)\s+(?:Telegram|Twitter|Facebook|Instagram|YouTube|X|social\s+media)\b"
    r"|\s*,?\s*in\s+(?:reality|fact|effect|private|public)\b,?"
    r"|\s*,?\s*(?:in|on|at|during|via|through)\s+(?:a|an|the|his|her|its|their)\s+"
    r"(?:[\w’'-]+\s+){0,4}?(?:statement|tweet|interview|video|address|speech|post|briefing|"
    r"update|message|conference|meeting|report|call|remarks|letter|op-ed|column|email)s?\b"
    r"(?:\s+(?:on|to|with)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?")


def _mixed(text: str, lo: int, hi: int) -> bool:
    """Whether the quote opening at ``lo`` closes and the reported clause goes on after it
    (`said “there was no doubt” Putin had been planning ...`)."""
    close = re.compile(r"[”\"]").search(text, text.index(text[lo:hi].lstrip()[0], lo) + 1, hi)
    return close is not None and _words(text[close.end():hi]) >= 3 \
        and not text[close.end():hi].lstrip()[:1] in (",", ".") \
        and not _CUE_NEXT.match(text, close.end(), hi)  # '“...,” the ministry said'


_CUE_NEXT = re.compile(r"\s*(?:[\w’'.-]+\s+){0,4}(?:said|says|added|told|wrote|stated)\b")


def _content_after(text: str, lo: int, hi: int, cue: str) -> int | None:
    """Start of the reported clause after a cue: after "that" when it comes soon, after a
    listener ("told reporters") and time or place words ("said on Friday in a statement")."""
    if text[lo:hi].lstrip().startswith(":") or (text[lo:hi].lstrip().startswith(("“", '"'))
                                                 and not _mixed(text, lo, hi)):
        return None  # introduces a direct quote
    if re.match(r"(?:[^.:;“\"]|\.(?=\w)){0,40}:\s*[“\"‘']", text[lo:hi]):  # "told wp.pl:"
        return None  # 'told local media: "..."': a direct quote's introduction
    if cue in ("told", "tells", "telling"):  # skip the listener: "told reporters", "told the BBC"
        m = _LISTENER.match(text[lo:hi])
        lo = lo + m.end() if m else lo
        if text[lo:hi].lstrip().startswith((",", ":")):
            return None  # "told journalists, referring to ...": no reported clause
    for _ in range(3):
        m = _ADVERBIAL.match(text, lo, hi)
        if not m or m.end() == lo:
            break
        lo = m.end()
    m = _THAT.match(_first_runs(text, lo, hi, 7))
    if m and (re.search(r"\b(?:and|but)\s+that$", m.group()) or _embedded_that(m.group())):
        m = None  # "said exports had doubled and that ...": the first of two clauses starts here
    if m:  # 'warned that “...,” the ministry said': the quote is direct, the report the cue's
        quote = text[lo + m.end():hi].lstrip().startswith(("“", '"'))
        return None if quote and not _mixed(text, lo + m.end(), hi) else lo + m.end()
    if text[lo:hi].lstrip().startswith(","):
        return None  # '"...," she said, wide eyed and ...': no reported clause
    if cue not in _BARE and re.match(r"\s*(?:he|she|they|we|i|it)\b(?!\s+(?:was|is)\s+\w+ed\b)",
                                      text[lo:hi], re.IGNORECASE) and cue != "telling":
        return lo  # "Guterres announced he'll visit ..." (a subject pronoun starts a clause)
    first = re.match(r"\W*([\w’']+)", text[lo:hi])
    quantity = re.match(r"\W*at\s+(?:least|most)\b", text[lo:hi], re.I)  # "at least four"
    return None if first is None or first.group(1).lower() in _NOT_CLAUSE and not quantity \
        else lo


_NAMES = r"(?:[A-Z@][\w’'.-]*(?:\s+|(?=[:,]))){1,4}"
_LISTENER = re.compile(  # "told reporters", "told the BBC", "tells NBC News correspondent X"
    rf"\s*(?:(?:the|a|an)\s+)?{_NAMES}(?:(?:[a-z]+\s+){{0,3}}?(?:correspondent|reporter|host|"
    rf"anchor|presenter|journalist|editor)\s+{_NAMES})?"
    r"(?:(?:news\s+agency|newspaper|broadcaster|channel|television|radio|network)\s+)?"
    r"|\s*(?:(?:the|a|an|his|her|their)\s+)?\w+(?=[\s,])")


def _finite_soon(doc: _Doc, lo: int, hi: int) -> bool:
    """Whether a clause starts at ``lo``: a finite verb after its first word, within eight
    words and before a comma ("announced all four regions voted ...")."""
    comma = doc.text.find(",", lo, hi)
    rows = np.arange(*np.searchsorted(doc.t_start, [lo, comma if comma > 0 else hi]))[:9]
    return any(doc.t_pos[r] in ("VBZ", "VBP", "MD") or doc.t_pos[r] == "VBD" and not re.match(
        r"\s+(?:of|by|for|as)\b", doc.text[doc.t_end[r]:doc.t_end[r] + 5]) for r in rows[1:])


_THAT = re.compile(r"(?:\W*[\w’'.-]+){0,6}?\s*,?\s*\bthat\b")
_RUN = re.compile(r"[\w’'.-]*\w[\w’'.-]*")  # a run _THAT's \W* cannot skip


def _first_runs(text: str, lo: int, hi: int, n: int) -> str:
    """``text[lo:hi]`` up to the end of its ``n``-th run with a letter or digit, or "" when no
    "that" is in it: all :data:`_THAT` can reach (six words and "that"), found without
    its backtracking over the whole sentence."""
    end = lo
    for k, run in enumerate(_RUN.finditer(text, lo, hi)):
        end = run.end()
        if k + 1 == n:
            break
    part = text[lo:end]
    return part if "that" in part else ""


_RELATIVE = re.compile(r",\s+(?:which|who)\b")
_PARENTHETICAL = re.compile(r"\s*(?:(?:on|last|this)\s+\w+day\s*)?,\s*")
_TAIL_STOP = re.compile(r"\s[–—-]\s|;|\s\(")


def _indirect_one(doc: _Doc, s0: int, s1: int, m, lex: dict):
    """``(cue, speaker span, content span)`` of one cue in sentence ``[s0, s1)``, or None."""
    text, cue = doc.text, re.sub(r"\s+", " ", m.group().lower())
    end = s1
    while end > s0 and text[end - 1] in " .!?\"”’\n":
        end -= 1
    left = text[s0:m.start()]
    if cue == "according to":
        return _according(text, s0, m, end, left)
    aside = _PARENTHETICAL.match(text, m.end(), end)
    if aside and "," in left and _words(left[left.rfind(",") + 1:]) <= 3 \
            and not re.match(r"(?:and|but|while)\b", text[aside.end():end]) \
            and _words(text[aside.end():end]) >= 3 \
            and not re.match(r"[a-z]+ing\b|with\b", text[aside.end():end]) \
            and not left[left.rfind(",") + 1:].lstrip()[:1] in "'’\"”":
        cut = s0 + left.rfind(",")  # "At the same time, he said, Israel needed ..."
        said_as = _as_aside(text, s0, cut, m.start())  # "which, as she said, was cut"
        if said_as:
            return cue, said_as, (aside.end(), end)
        if _fronted(doc, s0, cut, aside.end()) and text[aside.end()] not in "“\"‘'" \
                and not re.match(
                r"\s*(?:[a-z]+ing|[a-z]+ed)\b", text[cut + 1:m.start()]):
            return cue, (cut + 1, m.start()), (s0, end)  # "The three threats, he said, are"
        if _words(left[:left.rfind(",")]) <= 6:
            return cue, (cut + 1, m.start()), (aside.end(), end)
    tail = _TAIL_STOP.search(text, m.end(), end)  # "..., Medvedev said Sunday – the latest"
    stop = tail.start() if tail else end
    head = text[m.end():stop].split(",")[0]  # "..., Putin said, pointing out ..."
    heard = _LISTENER.match(head + ",") if cue in ("told", "tells") else None  # "told the BBC"
    place = _place_head(doc, m.end(), head) or heard is not None and (
        not head[heard.end():].strip() or _place_head(doc, m.end() + heard.end(),
                                                      head[heard.end():]))  # "said at the"
    appos, parts = _apposition_subject(left, head), left.split(",")
    if "," in left and (_words(head) <= 6 or place) and "that" not in head and ":" not in head \
            and not _introductory(left) \
            and not re.match(r"[\s,:]*[“\"‘']", text[m.end() + len(head):stop]) \
            and not re.match(r"\s*:?\s*[“\"‘']", text[m.end():stop]) \
            and (not appos or place and len(parts) >= 4) and _no_object(doc, m, head, cue):
        # "<content>, Peskov said." / "<content>, X, a veteran analyst, wrote in ..."
        named = len(parts) >= 4 and not parts[-1].strip() and re.match(
            r"\s*(?:a|an|the)\s", parts[-2]) and parts[-3].split()[-1:][0][:1].isupper()
        cut = s0 + (len(",".join(parts[:-3])) if appos or named else left.rfind(","))
        if re.match(r"\s*(?:was|were|is|are|has been|have been)\b", text[cut + 1:m.start()]):
            lo = _clause_start(doc, s0, cut)  # '"...," the FSB, the agency, was cited as'
            return cue, (lo, cut), (s0, lo)
        speaker = (cut + 1, m.start()) if text[cut + 1:m.start()].strip() else \
            _speaker_after_cue(text, m.end(), end)
        return cue, speaker, (s0, cut)
    speaker = _participle_subject(doc, s0, m.start()) if cue in _PARTICIPLES \
        else _speaker_before(doc, s0, m.start())
    if _words(text[speaker[0]:speaker[1]]) > 12:
        return None
    start = _start_after(doc, m, end, cue, left)
    return None if start is None else (cue, speaker, (start, end))


def _according(text: str, s0: int, m, end: int, left: str):
    """``(cue, speaker span, content span)`` of "According to X, ..." or "..., according to
    X", or None."""
    comma = text.find(",", m.end(), end)
    if comma > 0 and not left.strip():
        return "according to", (m.end(), comma), (comma + 1, end)
    if left.rstrip().endswith(","):
        return "according to", _according_span(text, m.end(), end), \
            (s0, s0 + left.rstrip().rfind(","))
    return None


def _start_after(doc: _Doc, m, end: int, cue: str, left: str) -> int | None:
    """Where the report after cue ``m`` starts (``left``: the sentence before the cue), or
    None when the words after it are no clause."""
    text = doc.text
    start = _content_after(text, m.end(), end, cue)
    late = _late_that(doc, m.end(), end, cue)  # "warned the Council on the anniversary that"
    start = late if late is not None and (start is None or start < late) else start
    start = _that_clause(doc, m.end(), start)  # "on the storm that reached": relative
    was = _WAS.match(text, start or 0) if _WHAT.search(left) else None
    start = was.end() if was else start  # "what he said was [a naive view]"
    if start is None or (cue not in _CORE and not re.search(r"\bthat\W*$", text[m.end():start])
                         and (not _finite_soon(doc, start, end) or _gerund(doc, start))):
        return None  # "denied targeting the facility and insisted ...": an object
    return start


_DISCOURSE = {"but", "and", "however", "meanwhile", "still", "yet", "so", "now", "instead",
              "also", "moreover", "furthermore", "overall", "previously", "separately",
              "earlier", "later", "then", "nevertheless", "nonetheless", "indeed", "thus"}


def _fronted(doc: _Doc, s0: int, cut: int, rest: int) -> bool:
    """Whether the words before an aside cue (``A, he said, B``) belong to the reported
    clause: more than a linking word or a short adverbial ("But", "At the same time"), and
    ``B`` goes on with a verb or "that" ("The three main adversaries, he said, are ...").
    The report is then the whole sentence."""
    words = doc.text[s0:cut].split()
    if not words or words[0].lower().strip(",") in _DISCOURSE or words[0].lower() in _INTRO:
        return False
    k = int(np.searchsorted(doc.t_start, rest))
    first = doc.t_pos[k] if k < len(doc.t_start) else ""
    return len(words) >= 4 or first.startswith(("VB", "MD")) or \
        doc.text[rest:rest + 5].lower().startswith("that ")


def _speaker_before(doc: _Doc, s0: int, at: int) -> tuple[int, int]:
    """The speaker phrase of a cue at ``at`` that reports what follows: its clause's words
    before it, cut to the subject."""
    text = doc.text
    speaker = (_clause_start(doc, s0, at), at)
    words = text[speaker[0]:at].lstrip(" ,;:").split()
    if words and words[0].lower() in _SUBORDINATE and len(words) > 1:
        after = text.index(words[0], speaker[0]) + len(words[0])
        speaker = (text.index(words[1], after), at)  # "..., while X said"
    elif words and words[0].lower() in _INTRO | {"and"} and len(words) <= 2:
        speaker = _participle_subject(doc, s0, at)  # '“...” and claimed': the subject
    elif words and words[0].lower() in _INTRO and speaker[0] > s0:
        speaker = (s0, at)  # "... “hysterically” to the strike, but said": the subject
    elif _coordinated(text[speaker[0]:at]):  # "X accused Russia of ... tactics, and said"
        speaker = _sentence_subject(doc, int(doc.s_start[doc.sentence_at(at)]), at) or speaker
    if (named := _person_before_cue(doc, speaker[0], at)) is not None:
        return named, at  # "Royal, who ..., after which Zelensky [claimed]"
    rel = _RELATIVE.search(text, speaker[0], at)  # "Bulgaria, which ..., said"
    if rel and _words(text[speaker[0]:rel.start()]) <= 6:
        speaker = (speaker[0], rel.start())
    if _words(text[speaker[0]:speaker[1]]) > 12:  # "Asked about X, Y said"
        part = _main_segment(doc, *speaker)  # "Y, a professor at ..., said": Y
        comma = text.rfind(",", speaker[0], at)
        speaker = part if part != speaker else ((comma + 1, at) if comma > 0 else speaker)
    return speaker


def _no_object(doc: _Doc, m, head: str, cue: str) -> bool:
    """Whether the words after a cue, up to a comma, leave the clause before it as the
    report: no finite verb ("which Matsuno said violated the convention" reports what
    follows), and for a cue other than say/tell/add..., no object ("Beijing and Moscow
    announced a partnership": only a speaker or time and place words may follow)."""
    rows = range(*np.searchsorted(doc.t_start, [m.end(), m.end() + len(head)]))
    if any(doc.t_pos[r] in ("VBD", "VBZ", "VBP", "MD") for r in rows):
        return False
    words = head.split()
    named = words and (words[0][:1].isupper() or words[0].lower() == "the" and len(words) > 1
                       and words[1][:1].isupper())  # "..., reported the Times"
    return cue in _CORE or not words or named \
        or bool(_ADVERBIAL.match(head)) or words[0].lower() in _NOT_CLAUSE


def _apposition_subject(left: str, head: str) -> bool:
    """Whether the cue's last comma closes an apposition of its subject and no speaker
    follows the cue ("Rogozin, a close Putin ally, said almost 50 missiles ...")."""
    parts = left.split(",")
    return len(parts) >= 3 and not parts[-1].strip() and bool(re.match(
        r"\s*(?:a|an|the)\s", parts[-2])) and _words(parts[-2]) <= 8 \
        and parts[-3].rstrip()[-1:].isalpha() and parts[-3].split()[-1][:1].isupper() \
        and not head.split()[:1] == [] and head.split()[0][:1].islower()


def _introductory(left: str) -> bool:
    """Whether the words before the cue's only comma are a short participle phrase, not a
    reported clause ("Speaking in Kyiv on Monday, the minister said ...")."""
    head = left[:left.rfind(",")]
    first = head.split()[:1]
    return bool(first) and "," not in head and _words(head) <= 8 and first[0][:1].isupper() \
        and first[0].endswith(("ing", "ed")) and first[0].lower() != "united"


def _indirect(doc: _Doc, lex: dict, spans: list) -> list[dict]:
    """Indirect quotes: at most one per sentence, outside the direct quotes."""
    long = [(b, e) for _, _, _, b, e in spans if _words(doc.text[b:e]) >= MIN_WORDS]
    starts = np.array([b for b, _ in long], dtype=np.int64)
    ends = np.array([e for _, e in long], dtype=np.int64)

    def quoted_chars(lo: int, hi: int) -> int:  # characters of [lo, hi) inside direct quotes
        k = int(np.searchsorted(ends, lo, side="right"))
        total = 0
        while k < len(starts) and starts[k] < hi:
            total += max(0, min(hi, ends[k]) - max(lo, starts[k]))
            k += 1
        return total

    rows = []
    for i in range(len(doc.s_start)):
        s0, s1 = int(doc.s_start[i]), int(doc.s_end[i])
        after, who = s0, None  # a second report in the sentence starts after the first
        for m in lex["cue_re"].finditer(doc.text, s0, s1):
            if m.start() < after or quoted_chars(m.start(), m.start() + 1) \
                    or _no_cue(doc, s0, m):
                continue
            got = _indirect_one(doc, after, s1, m, lex)
            if got is None:
                continue
            cue, (a, b), (c0, c1) = got
            a, b = doc.dep_subject(m.start()) or (a, b)
            if who is not None and (_adverbs(doc.text[a:b].split()) or cue in _PARTICIPLES
                                    and _with_subject(doc, after, m.start()) is None):
                a, b = who[:2]  # "The Kremlin denies ... and argues that ...": the same subject
            while c0 < c1 and doc.text[c0] in " ,:\n":
                c0 += 1
            c1, tail, second = _bounds(doc, m, s1, c0, c1, lex)
            par0 = doc.paragraph_start(i)
            for p0, p1 in _parallel(doc.text, m.end(), c0, c1):  # "said that A and that B"
                quoted = quoted_chars(p0, p1)
                own = len(re.match(r"[^“\"‘']*", doc.text[p0:p1]).group().rstrip())
                own = own and not quoted_chars(p0, p0 + own)  # words of its own before a quote
                speaker, label = ("", "") if _words(doc.text[p0:p1]) < MIN_WORDS \
                    or quoted > 0.85 * (p1 - p0) and not own \
                    else _resolve(doc, a, b, par0, lex)
                if speaker:  # else too short, all the words of a direct quote, or nobody speaks
                    doc.add_speaker(p1, speaker, label)  # provisional: find_quotes resolves again
                    rows.append({"paragraph_id": int(doc.s_par[i]), "sent_id": int(doc.s_id[i]),
                                 "kind": "indirect", "speaker": speaker, "speaker_label": label,
                                 "cue": cue, "start": p0, "end": p1, "_who": (a, b, par0)})
            if not second and tail is not None and _participle_cue(doc.text, tail, lex):
                second = (c1, tail.start() + 1)  # "..., saying": the same speaker goes on
            if not second:
                if speaker:
                    break
                who = (a, b) if c1 <= m.start() else who  # '"...," he said, adding that'
                continue
            after, who = second[1], (a, b)
    return rows


def _bounds(doc: _Doc, m, s1: int, c0: int, c1: int, lex: dict):
    """``(end, clause end, second report)`` of the reported clause ``[c0, c1)`` of cue ``m``.
    A clause after its cue ends at a new clause (", which", ", while", ", killing") or a
    second report ("... and Cameron said"). A clause before its cue ends at it ("Russia
    turned to Iran, seeking drones, according to X"); a participle cue after the cue goes
    on with the same speaker ("..., it said, adding that ...")."""
    text = doc.text
    if c0 > m.start():
        second = _next_report(text, c0, c1, lex)
        c1 = second[0] if second else c1
        tail = _CLAUSE_END.search(text, c0, c1)
        if tail and tail.group().startswith(", ") and tail.group().endswith(("who", "which",
                                                                             "whose")) \
                and "," in text[tail.end():c1]:
            tail = None  # "Kirill, a close ally of Putin who ..., at an event": it goes on
        if tail and _open_quote(text, c0, tail.end()):
            tail = None  # 'said “... challenges, the scope of which ...”': the speaker's words
        c1 = tail.start() if tail else c1
        cut = _writer_resumes(doc, c0, c1)
        if cut < c1 and not second and lex["cue_re"].search(text, cut, c1):
            second = (cut, _SPACED_DASH.match(text, cut).end())  # "- although Biden said"
        c1 = _past_act(doc, m, c0, cut)  # "noted X is Y and welcomed Z"
        return _apposition_end(doc, c0, c1), tail, second  # "..., a vital supply hub."
    tail = _CLAUSE_END.search(text, m.end(), s1)  # "..., X said, and Y told Reuters ..."
    relative = tail and tail.group().rstrip().endswith("which") \
        and lex["cue_re"].search(text, tail.end(), s1)  # ", which quoted X saying ..."
    return c1, None, ((c1, tail.start() + 1) if tail and (
        _participle_cue(text, tail, lex) or relative) else _next_report(text, m.end(), s1, lex))


def _no_cue(doc: _Doc, s0: int, m) -> bool:
    """Whether a cue word reports nothing here: a cue of direct quotes only, "in what he
    said and ...", "are said to be", or a noun ("the Baltic states.", "the claims of")."""
    text, at, end = doc.text, m.start(), m.end()
    if m.group().lower() in _DIRECT_ONLY and not _reported_after(text, s0, at, end) \
            or _DETERMINER.search(text, max(s0, at - 8), at):
        return True  # "an estimated 7 million", "Putin's stated aims": an adjective
    if _WHAT.search(text, max(s0, at - 60), at) and not _WAS.match(text, end):
        return True
    if _SAID_TO.match(text, end) and re.search(r"\b(?:is|are|was|were|been)\s+$",
                                               text[max(s0, at - 8):at]):
        return True
    k = int(np.searchsorted(doc.t_start, at))
    return k < len(doc.t_start) and doc.t_start[k] == at and doc.t_pos[k].startswith("NN") \
        and bool(re.match(r"\s*(?:[,.;:)]|of\b)", text[end:end + 4]))


def _participle_cue(text: str, tail, lex: dict) -> bool:
    """Whether a reported clause was cut before a participle cue (", saying", ", adding")."""
    at = tail.start() + 1
    at += len(text[at:tail.end()]) - len(text[at:tail.end()].lstrip())
    m = lex["cue_re"].match(text, at)
    return m is not None and m.group().lower() in _PARTICIPLES


def find_quotes(doc: _Doc, lex: dict) -> list[dict]:
    """The quotes of one document (dicts without ``text``), in document order; speakers
    are resolved in reading order, so that "he said" can point back to any quote before."""
    spans = _direct_spans(doc, lex)
    found = sorted(_indirect(doc, lex, spans) + _direct(doc, spans, lex),
                   key=lambda r: r["start"])
    doc.speakers.clear()
    out, prev = [], None
    for r in found:
        who = r.pop("_who")
        if who is not None:
            speaker, label = _resolve(doc, who[0], who[1], who[2], lex)
            if not speaker and r["kind"] == "indirect":
                speaker, label = r["speaker"], r["speaker_label"]  # as first resolved
        elif prev and prev[2] in (r["paragraph_id"], r["paragraph_id"] - 1) \
                and r["start"] - prev[3] < 400:
            speaker, label = prev[0], prev[1]  # a quote of several sentences or paragraphs
        else:
            speaker, label = "", ""
        if r["kind"] == "indirect":  # a name in reported words is not who speaks next
            doc.quoted[doc.entities_in(r["start"], r["end"])] = True
        if speaker:
            doc.add_speaker(r["end"], speaker, label)
            if r["kind"] == "direct" or label == "PERSON":  # also "X said Y. “...”": X
                prev = (speaker, label, r["paragraph_id"], r["end"])
        out.append({**r, "speaker": speaker, "speaker_label": label})
    return out
