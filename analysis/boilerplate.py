"""Boilerplate found by its shape, for outlets no lexicon knows.

``data/lexicons/boilerplate.txt`` lists patterns of the outlets seen so far, and the
``recurring`` step of :func:`~analysis.loading.load_corpus` finds what one outlet repeats.
Neither helps with the first articles of a new outlet. The rules here describe the *kinds*
of junk every news site carries, by their shape rather than by any outlet's wording:

- ``signup``: newsletter and e-mail sign-up blocks ("Sign up to our free ... newsletter",
  "Subscribe to ... briefing ... inbox") and the privacy-notice sentence that goes with them;
- ``link_list``: a link-list marker ("Related:", "Read more:", "More on this story",
  "Other Topics of Interest", "See also") with the headlines after it up to the end of the
  paragraph when they carry no sentence; on input with real line breaks, a run of three or
  more short title-like lines (no sentence punctuation) or such lines after a marker line;
- ``caption``: image-viewer and caption litter ("View image in fullscreen", "Image caption",
  "Media caption", "Image source, Getty Images", "(Image: ...)", "Photograph: Name/Agency",
  "Credit...Agency", an "Image" placeholder line) and wire credit lines ("Source: Al Jazeera
  and news agencies");
- ``prompt``: share, follow, read-elsewhere, app and support prompts ("Follow us on Twitter",
  "Share this article", runs of share-button labels, "Click here to read more", "You can
  read more about ... here", "Download the ... app", "Support independent journalism") and
  site furniture ("Advertisement", "Read 312 Comments", the print-edition note).

Each rule is bounded (it never runs on for more than a few hundred characters) and stops at a
sentence end, a gap (``\\u2003``: two or more spaces in the input, a line break the scraper lost)
or the end of the paragraph, so that most scrapes, which are one long line, lose the junk and
keep the sentence after it. What every rule removed is counted per document in the cleaning
ledger under the class's name (see ``docs/loading.md``).
"""

from __future__ import annotations

import re

GAP = "\u2003"
# in the order they run: site furniture goes before the link lists are read off by their lines
CLASSES = ("signup", "caption", "prompt", "link_list")

# the start of a sentence: the start of the paragraph, after a gap, or after a sentence end
_START = r"(?:^|(?<=\u2003)|(?<=[.!?]\s)|(?<=[.!?][”\"’']\s)|(?<=[•|]\s)|(?<=___\s))"
# the end of a span: a sentence end (kept out of the next sentence), a gap or the paragraph end
_END = r"(?:[.!?]+[”\"’']?|(?=\u2003)|$)"
_SOCIAL = (r"(?:Facebook|Twitter|X|Instagram|Telegram|TikTok|YouTube|LinkedIn|Threads|"
           r"WhatsApp|Flipboard|Google News|Apple News|Bluesky|Mastodon|Reddit|Snapchat|VK|"
           r"VKontakte|Viber|Odnoklassniki|Weibo|WeChat|Rumble|Truth Social|Gab)")
_LETTERS = (r"(?:newsletters?|e-?mails?|bulletins?|briefings?|inbox|alerts?|roundups?|digests?|"
            r"updates)")
# markers of a list of links; the one-word ones ("Related", "Trending") only with a colon
_LINK_MARKERS = (r"(?:(?:Related|RELATED|Trending|Recommended|Latest|More|Watch|WATCH)\s*:|"
                 r"Related (?:Topics|Stories|Coverage|Articles|Content|Links|Reading)|"
                 r"Other Topics of Interest|More on this story|MORE ON THIS STORY|"
                 r"More (?:from|on) [A-Z][\w’']*(?: [A-Z][\w’']*){0,3}|Read more|Read More|"
                 r"READ MORE|See also|Most read|Most Read|Top stories|Top Stories|"
                 r"Recommended (?:Stories|Reading)|You may also like|Further reading|"
                 r"Latest (?:news|stories)|Explore more|"
                 r"[A-Z][\w’']*(?: [\w’']+){0,2} latest:)")
# up to eight words of a name or an agency, capitalised ("Martin Godwin", "The New York Times")
_CAPWORDS = r"(?-i:[A-Z][\w.’'&-]*(?: (?:[A-Z][\w.’'&-]*|of|for|and|the|de|von|van)){0,7})"
# after a newsletter word: lower-case words only, up to a sentence end, a capital (the next
# sentence of a one-line scrape), a gap or the end ("... newsletter, free every morning.")
_STOP = r"(?:[.!]|(?=\s+(?-i:[A-Z“\"‘]))|(?=\u2003)|$)"
_TAIL = rf"(?-i:[^.!?\n\u2003A-Z“\"‘]){{0,160}}?{_STOP}"
# the same, where a short quoted name may follow ('and select "The Note" as an item of interest.')
_TAIL_QUOTED = (r"(?:[“\"][^”\"\n]{1,40}[”\"]|(?-i:[^.!?\n\u2003A-Z“\"‘])){0,160}?"
                r"(?:[.!]|(?=\s+(?-i:[A-Z‘]))|(?=\u2003)|$)")
# the same, where social networks and @handles may follow ("..., or on Twitter @BBCNewsEnts.")
_TAIL_SOCIAL = (rf"(?:{_SOCIAL}\b|@\w+|(?-i:[^.!?\n\u2003A-Z“\"‘])){{0,160}}?"
                rf"(?:[.!]|(?=\s+(?!{_SOCIAL}\b)(?-i:[A-Z“\"‘]))|(?=\u2003)|$)")



def _opens(first: str) -> str:
    """A pattern for ``first`` at the start of a sentence. It looks ahead for ``first`` before it
    looks back for the sentence end: four times faster on long lines than the other way round."""
    return rf"(?=(?:{first})){_START}(?:{first})"


_INLINE = {
    "signup": [
        # "Sign up to our free Morning Briefing newsletter.", "Subscribe here for ... alerts"
        _opens(r"(?:[•▶►]\s*)?(?:Sign up|Subscribe|Register)") + r"(?: now| here| today| free)?"
        rf"(?: to| for)\b[^.!?\n\u2003]{{0,160}}?\b{_LETTERS}\b{_TAIL}",
        # "Sign up here for a weekly roundup ..." without a newsletter word: "sign up here"
        _opens("Sign up|Subscribe") + rf" (?:here|now|today)\b[^.!?\n\u2003]{{0,200}}?{_END}",
        # "Get our free ... newsletter", "Want the best ... in your inbox?"
        _opens("Get|Want|Receive") + r" [^.!?\n\u2003]{0,80}?\b(?:in|to|straight to) your inbox\b"
        rf"[^.!?\n\u2003]{{0,80}}?{_END}",
        # the privacy-notice sentence of a sign-up form
        # (addressed to the reader: "Meta changed its privacy policy" is news and stays)
        rf"{_START}(?=[^.!?\n\u2003]{{0,200}}?\b(?:you|your|please|we|our)\b)"
        rf"[^.!?\n\u2003]{{0,200}}?\b(?:privacy (?:notice|policy)|terms (?:of service|"
        rf"& conditions|and conditions))\b[^.!?\n\u2003]{{0,160}}?{_END}",
        _opens("Thank you for subscribing|You can unsubscribe at any time|Invalid email"
               "|Please check your (?:spam|inbox)") + rf"\b[^.!?\n\u2003]{{0,200}}?{_END}",
    ],
    "link_list": [
        # a marker, then headlines without a sentence up to the end of the paragraph
        rf"(?-i:{_START}(?:{_LINK_MARKERS}))\s*:?\s*(?:[^.!\n\u2003]|\.(?=\S)){{0,400}}$",
        # a marker between gaps (a line of its own in the input)
        rf"(?-i:(?:^|(?<=\u2003))\s*(?:{_LINK_MARKERS})\s*:?\s*(?=\u2003|$))",
    ],
    "caption": [
        r"\bView (?:image|picture|photo|gallery) in full ?screen\b",
        r"(?-i:\b(?:Image|Media|Video|Photo) caption)\s*[,:]?\s*",
        rf"\b(?:Image|Picture|Photo|Video) (?:source|credit)s?\s*[,:]\s*{_CAPWORDS}(?:/{_CAPWORDS})?",
        r"\((?:Image|Images|Picture|Pictures|Photo|Photos|Pic|Pics|Credit|Photograph|Video)"
        r"\s*:\s*[^()\n]{1,100}\)",
        # "Photograph: Name Name/Agency", "Credit...Name/Agency", "Photo by Name/Agency"
        rf"(?-i:\b(?:Photograph|Photo|Picture|Illustration|Composite|Credit)(?::\s*|\.\.\.|…| by ))"
        rf"{_CAPWORDS}(?:\s*/\s*{_CAPWORDS}){{1,3}}",
        rf"(?-i:\bCredit(?:\.\.\.|…)){_CAPWORDS}",
        r"\((?:Getty Images|Shutterstock|Alamy|AFP via Getty Images|Getty)\)",
        r"(?:^|(?<=\u2003))(?:Image|Images|Photo|Photos|Video|Gallery)(?=\u2003|$)",
        # a wire credit line: "Source: Al Jazeera and news agencies"
        rf"\bSource:\s*(?:{_CAPWORDS} and )?(?:news |wire )?(?:agencies|services)\b\.?",
    ],
    "prompt": [
        _opens(rf"(?:[•▶►]\s*)?(?:(?:Follow|Find) (?:us|me|@\w+|(?:the )?{_CAPWORDS})|Like us)")
        + rf" (?:on|at) {_SOCIAL}\b{_TAIL_SOCIAL}",
        _opens("Follow|Join") + rf" (?:us|our \w+(?: \w+)?) (?:on|at) {_SOCIAL}\b"
        rf"[^.!?\n\u2003]{{0,80}}?{_END}",
        rf"\bShare (?:this (?:article|story|page|post)|on {_SOCIAL}|via (?:e-?mail|{_SOCIAL}))\b"
        rf"(?:[^.!?\n\u2003]{{0,40}}?{_END})?",
        # a run of share-button labels: "Share Facebook Twitter WhatsApp Email Copy link"
        rf"(?-i:(?=[A-Z])(?<!\w)(?:(?:Share|Tweet|Email|Print|Copy link|Comments?|Save|{_SOCIAL})"
        rf"(?:\s+|$)){{3,12}})",
        _opens("(?:You can )?(?:Click|Tap)") + rf" (?:here|the link)\b[^.!?\n\u2003]{{0,120}}?{_END}",
        _opens("(?:You can |Please )?(?:read|watch|listen to) more")
        + r"\b[^.!?\n\u2003]{0,120}?"
        rf"\bhere\b[^.!?\n\u2003]{{0,60}}?{_END}",
        # site furniture on a line of its own: "Advertisement", "Share full article", "Copy link"
        r"(?:^|(?<=\u2003))(?:Advertisement|Supported by|Share (?:full |this )?(?:article|story|page)|"
        r"Copy link|Show comments|Leave a comment|Comments|[\d,]+ comments?)(?=\u2003|$)",
        r"(?-i:\b(?:Read|View|See|Show) (?:all )?[\d,]+ [Cc]omments\b)",
        # "Follow all AP stories on the war at", "Follow AP's coverage of ... at": a prompt to
        # the agency's topic page (the address itself is gone with the URLs)
        _opens("Follow") + r" (?:all (?:of )?)?(?:the )?[\w’'´ ]{0,40}?\b(?:coverage|stories|"
        r"developments|updates|reporting)\b[^.!?\n\u2003]{0,120}?\bat\b(?:\s*https?[;:]//\S*)?"
        rf"(?:\s*{_END})?",
        # "Follow Al Jazeera English:" alone on its line (the links were icons)
        rf"(?:^|(?<=\u2003))(?:Follow|Like) (?:us|{_CAPWORDS})\s*:?(?=\u2003|$)",
        # the print-edition note: "A version of this article appears in print on ..., with the
        # headline: ..." (to the end of the paragraph)
        r"(?-i:\bA version of this (?:article|story) (?:appears|appeared) in print\b)[^\n\u2003]{0,400}$",
        # "Download the X app ..." (capitalised: a heading without a full stop may precede it)
        rf"(?-i:\bDownload (?:the|our) )[^.!?\n\u2003]{{0,40}}?\bapp\b{_TAIL_QUOTED}",
        # "This article is republished from The Conversation under a Creative Commons license."
        _opens("This") + rf" (?:article|story|piece|report) (?:is|was) (?:re)?published (?:from|by|with|"
        rf"courtesy|in partnership)\b[^.!?\n\u2003]{{0,160}}?{_END}",
        _opens("This") + rf" (?:article|story|piece|report) (?:originally )?appeared (?:first )?(?:on|in)\b"
        rf"[^.!?\n\u2003]{{0,160}}?{_END}",
        _opens("Support|Fund") + rf" (?:independent|our|quality) (?:journalism|reporting)\b"
        rf"[^.!?\n\u2003]{{0,120}}?{_END}(?:\s*(?:Become a (?:member|supporter|patron)|Join us|"
        rf"Donate)(?: today| now)?[.!]?)?",
        _opens("Become a (?:member|supporter|patron)|Donate now") + rf"\b[^.!?\n\u2003]{{0,120}}?{_END}",
        _opens("Got a (?:news )?tip|Have a story|Do you have a story") + rf"\b[^.!?\n\u2003]{{0,60}}?\?"
        rf"(?:\s*(?:E-?mail|Contact|Send|Write to)\b(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[^.!?\n\u2003])"
        rf"{{0,120}}?{_END})?",
    ],
}
# Gates: a rule is only run on a paragraph that holds one of its words (lower case), which keeps
# 30 rules with look-behinds on 4,729 one-line articles fast. LINE: a rule for a line of its
# own, run only where the paragraph is short or holds a gap; TAIL: a rule anchored at the
# paragraph's end, searched in its last TAIL_CHARS characters only.
LINE, TAIL, TAIL_CHARS = "line", "tail", 480
BOTH = "both"  # (BOTH, words, words): a word of each list
_MARKER_WORDS = ("related", "trending", "recommended", "latest", "more", "watch", "interest",
                 "see also", "most read", "top stories", "you may also", "further reading",
                 "explore")
_SOCIAL_WORDS = ("facebook", "twitter", "instagram", "telegram", "tiktok", "youtube", "linkedin",
                 "threads", "whatsapp", "flipboard", "google news", "apple news", "bluesky",
                 "mastodon", "reddit", "snapchat", "vk", "viber", "odnoklassniki", "weibo",
                 "wechat", "rumble", "truth social", "gab", " x ", " x.", "on x")
_GATES = {
    "signup": [("sign up", "subscribe", "register"), ("sign up", "subscribe"), ("inbox",),
               ("privacy", "terms of service", "terms and conditions", "terms & conditions"),
               ("subscribing", "unsubscribe", "invalid email", "check your")],
    "link_list": [(TAIL, _MARKER_WORDS), (LINE,)],
    "caption": [("fullscreen", "full screen"), ("caption",),
                (BOTH, ("image", "picture", "photo", "video"), ("source", "credit")),
                ("image", "picture", "photo", "pic", "credit", "video"),
                ("photograph", "photo", "picture", "illustration", "composite", "credit"),
                ("credit",), ("getty", "shutterstock", "alamy"), (LINE,), ("source:",)],
    "prompt": [(BOTH, ("follow", "find", "like us"), _SOCIAL_WORDS),
               (BOTH, ("follow", "join"), _SOCIAL_WORDS), ("share",),
               ("share", "tweet", "email", "print", "copy link", "comment", "save",
                *_SOCIAL_WORDS), ("click", "tap"), ("read more", "watch more", "listen to more"),
               (LINE,), ("comments",), ("follow",), (LINE,),
               ("a version of this",), ("download",), ("published",), ("appeared",),
               ("journalism", "reporting"), ("become a", "donate"),
               ("got a tip", "got a news tip", "have a story")],
}
RULES: dict[str, tuple[tuple[tuple[str, ...], re.Pattern], ...]] = {
    cls: tuple((gate, re.compile(p, re.I | re.M)) for gate, p in zip(_GATES[cls], pats, strict=True))
    for cls, pats in _INLINE.items()}


def _open(gate: tuple[str, ...], p: str, low: str) -> bool:
    """Whether a rule with this gate can match paragraph ``p`` (``low``: it in lower case)."""
    if gate[0] == LINE:
        return GAP in p or len(p) <= 200
    if gate[0] == TAIL:
        return any(w in low[-TAIL_CHARS:] for w in gate[1])
    if gate[0] == BOTH:
        return any(w in low for w in gate[1]) and any(w in low for w in gate[2])
    return any(w in low for w in gate)


# line shapes (input with real line breaks)
_MARKER_LINE = re.compile(rf"(?-i:(?:{_LINK_MARKERS}))\s*:?", re.I)
_SENTENCE_END = re.compile(r"[.!;:,]$|[.!?][”\"’')]*$")
_SPACES = re.compile(r"  +")
MIN_TITLE_RUN = 3  # a run of short title-like lines this long is a link list
MAX_TITLE_WORDS = 14


def _title_like(line: str) -> bool:
    """A short line that reads as a headline or a link: 2-14 words, no sentence end, and
    no sentence inside it."""
    words = line.split()
    return (2 <= len(words) <= MAX_TITLE_WORDS and not _SENTENCE_END.search(line.rstrip("?"))
            and ". " not in line and line[:1].isupper())


def _title_runs(paras: list[str]) -> tuple[list[str], list[str]]:
    """Drop link lists given as lines: a marker line ("Related", "More on this story") with
    the title-like lines after it, anywhere; and a run of MIN_TITLE_RUN+ title-like lines
    closing the document after some prose (a list of items inside an article stays).
    Returns ``(kept, removed)``."""
    keep, removed, i = [], [], 0
    while i < len(paras):
        j = i + 1
        while j < len(paras) and _title_like(paras[j]):
            j += 1
        if _MARKER_LINE.fullmatch(paras[i]) and j > i + 1:
            removed.extend(paras[i:j])
            i = j
            continue
        keep.append(paras[i])
        i += 1
    tail = len(keep)
    while tail > 0 and _title_like(keep[tail - 1]):
        tail -= 1
    if len(keep) - tail >= MIN_TITLE_RUN and any(not _title_like(p) for p in keep[:tail]):
        removed.extend(keep[tail:])
        keep = keep[:tail]
    return keep, removed


def remove_shapes(paras: list[str], cls: str) -> tuple[list[str], list[str]]:
    """Cut the boilerplate of class ``cls`` out of a document's paragraphs.

    Parameters
    ----------
    paras : list of str
        The document's paragraphs (gaps written as ``\\u2003``).
    cls : {"signup", "link_list", "caption", "prompt"}

    Returns
    -------
    (paras, removed) : list of str, list of str
        The paragraphs (a paragraph may become empty) and the texts cut, one per match.

    Examples
    --------
    >>> remove_shapes(["Kyiv was shelled. Sign up to our Europe Daily newsletter. It went on."],
    ...               "signup")
    (['Kyiv was shelled. It went on.'], ['Sign up to our Europe Daily newsletter.'])
    >>> remove_shapes(["The talks ended.", "Related:", "Russia hits Kyiv", "What next for Nato"],
    ...               "link_list")[0]
    ['The talks ended.']
    """
    if cls not in RULES:
        raise ValueError(f"cls must be one of {CLASSES}, got {cls!r}")
    removed: list[str] = []
    if cls == "link_list" and len(paras) > 1:
        paras, removed = _title_runs(paras)

    def cut(m: re.Match) -> str:
        if m.group(0).strip():
            removed.append(m.group(0).strip())
        return " "

    out = []
    for p in paras:
        before, low = len(removed), p.lower()
        for gate, rx in RULES[cls]:
            if not _open(gate, p, low):
                continue
            n = len(removed)
            if gate[0] == TAIL:  # one match at most, ending the paragraph
                m = rx.search(p, max(0, len(p) - TAIL_CHARS))
                if m:
                    p = p[:m.start()] + cut(m) + p[m.end():]
            else:
                p = rx.sub(cut, p)
            if len(removed) > n:
                low = p.lower()
        out.append(_SPACES.sub(" ", p).strip() if len(removed) > before else p)
    return out, removed
