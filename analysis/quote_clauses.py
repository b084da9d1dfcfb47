"""Where a reported clause starts and ends: the writer taking over after an unpaired spaced
dash or before a closing apposition, parallel "that" clauses ("said that A and that B") and a
second report in the sentence, a "that" that is no complementiser, place words after a cue,
and asides ("which, as she said, ..."). Used by :mod:`analysis.quote_rules` (rules in
``docs/quotes.md``, "What counts as a quote").
"""

from __future__ import annotations

import re

import numpy as np

from .quote_doc import _Doc, _words

_SPACED_DASH = re.compile(r"\s[–—-]\s")

# participles that report a clause without "that", like their finite forms ("..., saying
# the talks had failed"); "warning"/"claiming" are followed by objects too often
_BARE_PARTICIPLES = {"saying", "adding", "insisting", "arguing", "stressing", "noting"}
# cues whose object is a clause more often than a noun; any other needs "that" or a verb
# soon after (not "denied repeated requests by Kyiv", "wrote an open letter")
_CORE = {"said", "says", "say", "told", "tells", "added", "adds", "insisted", "insists",
         "argued", "stressed", "explained", "claimed", "claims", "stated", "states", "noted",
         "notes", "tweeted", *_BARE_PARTICIPLES}


def _writer_resumes(doc: _Doc, c0: int, c1: int) -> int:
    """Where the writer's words follow a reported clause ``[c0, c1)`` with a finite verb: a
    spaced dash no second dash closes ("... 'a nice man' - in defiance of the Kremlin
    line"; a pair of dashes is an aside inside the report). Returns the new end, or ``c1``."""
    rows = np.arange(*np.searchsorted(doc.t_start, [c0, c1]))
    finite = [r for r in rows if doc.t_pos[r] in ("VBD", "VBZ", "VBP", "MD")]
    dash = _SPACED_DASH.search(doc.text, doc.t_end[finite[0]], c1) if finite else None
    if dash is None or _SPACED_DASH.search(doc.text, dash.end(), c1) \
            or len(_SPACED_DASH.findall(doc.text, c0, dash.start())) % 2:
        return c1  # a second dash, or the dash closes a pair opened before the verb
    before = doc.text[c0:dash.start()]  # a dash inside a quoted fragment is the speaker's
    if before.count("“") > before.count("”") or before.count('"') % 2:
        return c1
    return dash.start()


_AND_THAT = re.compile(r",?\s+and\s+that\s+(?!(?:is|was|’s|'s|of|in|one)\b)")


def _parallel(text: str, cue_end: int, c0: int, c1: int) -> list[tuple[int, int]]:
    """The reported clause ``[c0, c1)`` as the parallel "that" clauses it is made of: a
    report opened by "that" ("said that A and that B") is two reports, one row each;
    without the first "that" ("said A and that B") it stays one.

    >>> t = "He said that prices rose and that wages fell."
    >>> [t[a:b] for a, b in _parallel(t, 7, 13, 44)]
    ['prices rose', 'wages fell']
    """
    if not re.search(r"\bthat\W*$", text[cue_end:c0]):
        return [(c0, c1)]
    parts = []
    for m in _AND_THAT.finditer(text, c0, c1):
        parts.append((c0, m.start()))
        c0 = m.end()
    return parts + [(c0, c1)]


_FINITE = ("VBD", "VBZ", "VBP", "MD")
_APPOSITION = re.compile(r",[”\"]?\s+(?:a|an|the)\s+([^,]*?)"
                         r"(?:,\s+(?:where|which|who|whose|when)\b[^,]*)?$")


def _apposition_end(doc: _Doc, c0: int, c1: int) -> int:
    """Where a reported clause ``[c0, c1)`` after its cue ends before an apposition that
    closes the sentence, with a relative clause of its own or without one ("... had retaken
    Kupiansk, a vital supply hub"; "... gains in the city, the easternmost held by Kyiv,
    where fighting has been concentrated"): the apposition has no finite verb of its own.
    Returns the new end, or ``c1``."""
    last = _APPOSITION.search(doc.text, c0, c1)
    if last is None or _words(doc.text[c0:last.start()]) < 4:
        return c1
    rows = range(*np.searchsorted(doc.t_start, [last.start(), last.end(1)]))
    return c1 if any(doc.t_pos[r] in _FINITE for r in rows) else last.start()


_PRONOUN_CLAUSE = re.compile(r"\W*(?:it|they|he|she|we|i|there)\s+[\w’'-]+\b", re.I)


def _embedded_that(part: str) -> bool:
    """Whether the "that" within the first words after a cue belongs to the reported clause,
    not to the cue: a subject pronoun and a verb come before it ("said it was interesting
    that ...", "have said they see no signs that ...": the report starts at the pronoun)."""
    return bool(_PRONOUN_CLAUSE.match(part)) and not re.match(r"\W*\w+\s+that\b", part)


_AS_ASIDE = re.compile(r"\b(?:which|that|who)\s*$", re.I)


def _as_aside(text: str, s0: int, cut: int, cue_at: int) -> tuple[int, int] | None:
    """The speaker span of an aside "as X said" set off by commas after a relative pronoun
    ("her remarks which, as she said, was cut ..."; "the incident that, as local
    authorities claimed, killed three people"): the report is the rest of the relative
    clause after it, not the sentence. None for any other aside."""
    lead = re.match(r"\s*as\s+", text[cut + 1:cue_at])
    if lead is None or not _AS_ASIDE.search(text, s0, cut):
        return None
    return cut + 1 + lead.end(), cue_at


_PLACE = {"in", "at", "on", "during", "to", "via", "from", "after", "before", "ahead"}


def _place_head(doc: _Doc, lo: int, head: str) -> bool:
    """Whether the words after a cue up to a comma are only place and time words (a
    prepositional phrase without a finite verb, up to twelve words, after names if any):
    "..., Poland's prime minister said at the World Economic Forum in Davos." reports the
    clause before."""
    words = head.split()
    rows = range(*np.searchsorted(doc.t_start, [lo, lo + len(head)]))
    first = next((w for w in words if not (w[:1].isupper() or w == "and")), "")  # "CBC and CTV in"
    return 0 < len(words) <= 12 and first.lower() in _PLACE \
        and "that" not in words and not any(doc.t_pos[r] in _FINITE for r in rows)


_AGENCY_AFTER = re.compile(r"\s*(?:[,.;]|(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
                           r"\s*(?:[,.;]|$))")


def _reported_after(text: str, s0: int, at: int, end: int) -> bool:
    """Whether "reported"/"reports" (otherwise a cue of direct quotes only: "reported an
    attack") closes a report before it: a comma at most six words before the cue, and
    after it only the end of the clause or a name ("..., Ukraine's Interfax reported,
    citing ...", "..., reports CNN.")."""
    left = text[s0:at]
    comma = left.rfind(",")
    return text[at:end].lower() in ("reported", "reports") and comma >= 0 \
        and _words(left[comma + 1:]) <= 6 and bool(_AGENCY_AFTER.match(text[end:end + 80]))


_PREPOSITION = re.compile(r"\b(?:in|on|at|during|without|with|after|before|via|through|by|"
                          r"ahead|following)\b", re.I)
_LISTENER_CUES = {"warned", "warns", "told", "tells", "assured", "assures", "reminded",
                  "informed"}


def _late_that(doc: _Doc, lo: int, hi: int, cue: str) -> int | None:
    """Start of a report after a "that" further than six words from its cue, past a
    listener and a prepositional phrase without a finite verb or punctuation ("warned the
    Security Council on the anniversary of the invasion that ...", "warned in a bulletin
    obtained by ABC News that ..."): the words after "that", unless a verb or a quotation
    follows it (a relative "that"; a direct quote's introduction). None otherwise."""
    text = doc.text
    m = re.compile(r"\bthat\b").search(text, lo, min(hi, lo + 200))
    between = text[lo:m.start()] if m else ""
    if m is None or re.search(r"[,;:“\"‘(]", between) or _words(between) > 16 \
            or not (_PREPOSITION.match(between.lstrip()) or cue in _LISTENER_CUES
                    and _PREPOSITION.search(between)):
        return None
    rows = range(*np.searchsorted(doc.t_start, [lo, m.end()]))
    k = int(np.searchsorted(doc.t_start, m.end()))
    if any(doc.t_pos[r] in _FINITE for r in rows) or k >= len(doc.t_pos) \
            or doc.t_pos[k] in _FINITE or text[m.end():m.end() + 3].lstrip()[:1] in "“\"‘'":
        return None
    return m.end()


_NEXT_REPORT = re.compile(r"[,;]?\s+(?:and|but|while|whereas|after|before|when|since|because)"
                          r"\s+((?:[\w’'.-]+\s+){0,5}?)$")


def _next_report(text: str, c0: int, c1: int, lex: dict) -> tuple[int, int] | None:
    """Where a reported clause gives way to a second report in its sentence ("Macron has
    said he would ... and Cameron said it was up to Kyiv", "... and argues that"):
    ``(end of the first clause, start of the second report's subject)``, or None."""
    for m in lex["cue_re"].finditer(text, c0, c1):
        joint = _NEXT_REPORT.search(text, c0, m.start())
        if joint is None:
            continue
        subject = joint.group(1).split()
        named = subject and (subject[0][:1].isupper() or subject[0].lower() in (
            "he", "she", "they", "it", "the", "his", "her", "their", "a", "an", "another",
            "some", "other", "its"))  # a noun phrase: "..., and a third told reporters"
        same = _adverbs(subject) and not re.match(  # "that while he ..., he did"
            r"\W*(?:while|although|though|if|because|when|as)\b", text[c0:c0 + 12], re.I)
        if named or same and (re.match(r"\s*(?:that\b|:)", text[m.end():c1])
                              or m.group().lower() in _CORE):
            return joint.start(), joint.start(1)
    return None


def _adverbs(words: list[str]) -> bool:
    """Whether a report's subject is no subject: nothing, or adverbs ("..., and reportedly
    said Moscow had ...": the subject of the sentence goes on)."""
    return all(w.strip(" ,;").endswith("ly") or w.strip(" ,;") in ("", "also", "again",
                                                                    "later", "then")
               for w in words)


def _that_clause(doc: _Doc, cue_end: int, start: int | None) -> int | None:
    """A report's start checked after a "that": a "that" followed by a finite verb is no
    complementiser. Right after the cue it is the report's subject ("said that was a
    mistake": the report starts at "that"); after a noun it is a relative pronoun and the
    report starts after the cue ("has said a missile blast that killed two people appears
    to have been an accident"). With a preposition before it ("told the BBC in an interview
    that aired ...") the start is kept."""
    if start is None or not re.search(r"\bthat\W*$", doc.text[cue_end:start]):
        return start
    lead = doc.text[start:start + 9]
    word = start + len(lead) - len(lead.lstrip(" “\"‘'"))
    k = int(np.searchsorted(doc.t_start, word))  # the first word, past a quotation mark
    if k >= len(doc.t_pos) or doc.t_pos[k] not in _FINITE:
        return start
    that = doc.text.rindex("that", cue_end, start)
    first = re.match(r"\s*([\w’'-]+)", doc.text[cue_end:that])
    if first is None:
        return that if not doc.text[cue_end:that].strip(" ,\n") else start
    return start if _PREPOSITION.search(doc.text, cue_end, that) else cue_end + first.start(1)


def _open_quote(text: str, lo: int, hi: int) -> bool:
    """Whether a quotation opened in ``text[lo:hi]`` is still open at ``hi``: a clause end
    there is the speaker's words, not the writer's."""
    part = text[lo:hi]
    return part.count("“") > part.count("”") or part.count('"') % 2 == 1



_AND_ACT = re.compile(r",?\s+(?:and|but)\s+(?:(?:also|later|then)\s+)?(?=[a-z])")


def _past_act(doc: _Doc, m, c0: int, c1: int) -> int:
    """Where a reported clause ``[c0, c1)`` in the present tense gives way to another act of
    the cue's subject in the cue's past tense ("He also noted climate change is making the
    Arctic more accessible and welcomed Canada's announcement"): "and" + a past-tense verb
    after a cue in the past tense and a report whose verbs are all present. Returns the new
    end, or ``c1``."""
    k = int(np.searchsorted(doc.t_start, m.start()))
    if k >= len(doc.t_pos) or doc.t_pos[k] != "VBD":
        return c1
    for joint in _AND_ACT.finditer(doc.text, c0, c1):
        v = int(np.searchsorted(doc.t_start, joint.end()))
        rows = range(*np.searchsorted(doc.t_start, [c0, joint.start()]))
        verbs = [doc.t_pos[r] for r in rows if doc.t_pos[r] in _FINITE]
        if v < len(doc.t_pos) and doc.t_pos[v] == "VBD" and verbs \
                and all(t in ("VBZ", "VBP", "MD") for t in verbs) \
                and not _open_quote(doc.text, c0, joint.start()):
            return joint.start()
    return c1


def _gerund(doc: _Doc, at: int) -> bool:
    """Whether the words at ``at`` start with a gerund (an object, not a clause)."""
    k = int(np.searchsorted(doc.t_start, at))
    return k < len(doc.t_pos) and doc.t_pos[k] == "VBG"
