"""Automatic merges of spelling variants: middle initials, transliterations, case."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

import pandas as pd

from ..gazetteers import english_first_names, english_words, first_names, name_key, place_lookup
from .labels import PLACE_LABELS, _is_first_name, _name_like, _rule_label
from .lexicon import _lexicons_pinned, lexicons
from .surface import drop_initials

MERGE_COLUMNS = ["variant", "canonical", "rule", "mentions"]


_TRANSLIT = (("kh", "h"), ("ph", "f"), ("w", "v"), ("x", "ks"), ("ck", "k"), ("iy", "i"),
             ("yy", "i"), ("yi", "i"), ("ij", "i"), ("y", "i"), ("j", "i"), ("ii", "i"),
             ("ie", "e"))


@functools.lru_cache(maxsize=200_000)
def translit_key(text: str) -> str:
    """A key equal for common transliterations of one name.

    ASCII-folded and lower-cased, then kh->h, ph->f, w->v, x->ks, ck->k, iy/yy/yi/ij/y/j->i,
    ii->i, ie->e, and doubled letters collapsed.

    Examples
    --------
    >>> translit_key("Sergey") == translit_key("Sergei")
    True
    >>> translit_key("Sievierodonetsk") == translit_key("Severodonetsk")
    True
    """
    s = name_key(text).replace(" ", "")
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short strings)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _same_person(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or any(translit_key(x) != translit_key(y) for x, y in
                                 zip(wa[1:], wb[1:])):
        return False
    ka, kb = translit_key(wa[0]), translit_key(wb[0])
    if ka == kb:
        return True
    genders = {first_names().get(name_key(wa[0]), "?"), first_names().get(name_key(wb[0]), "?")}
    if {name_key(wa[0]), name_key(wb[0])} <= english_first_names():
        return False  # two English given names (Rory/Roy, Jon/John): two people
    return (ka[:1] == kb[:1] and _edits(ka, kb) <= max(1, min(2, min(len(ka), len(kb)) // 4))
            and not {"m", "f"} <= genders)


def _same_place(a: str, b: str) -> bool:
    ka, kb = translit_key(a), translit_key(b)
    if ka == kb:
        return True
    pa, pb = place_lookup(a), place_lookup(b)
    if pa and pb and pa[1] != pb[1]:
        return False  # two different places of the gazetteer
    skel = lambda k: re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]", "", k))  # noqa: E731
    return (skel(ka) == skel(kb) and min(len(ka), len(kb)) >= 6 and _edits(ka, kb) <= 2
            and ka[0] == kb[0] and ka[-1] == kb[-1]
            and not ka.startswith(kb) and not kb.startswith(ka))


def _groups(names: list, buckets, same) -> list[list[str]]:
    """Connected groups of ``names`` under ``same``; pairs are compared only when they share
    one of the bucket keys ``buckets(name)`` returns."""
    import networkx as nx

    table = defaultdict(list)
    for n in names:
        for b in buckets(n):
            table[b].append(n)
    graph = nx.Graph()
    graph.add_nodes_from(names)
    for members in table.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if not graph.has_edge(a, b) and same(a, b):
                    graph.add_edge(a, b)
    order = {n: i for i, n in enumerate(names)}
    return [sorted(c, key=order.get) for c in nx.connected_components(graph) if len(c) > 1]


def _place_buckets(name: str) -> list:
    key = translit_key(name)
    return [("k", key), ("s", re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]", "", key)))]


@_lexicons_pinned
def find_merges(counts: dict[str, int], labels: dict[str, str | None]) -> dict[str, tuple]:
    """Automatic merges of spelling variants: ``{variant: (canonical, rule)}``.

    Parameters
    ----------
    counts : dict
        Canonical name (after the alias table) -> mentions.
    labels : dict
        Name -> type (``PERSON``, ``GPE``, ...; None when untyped).

    Examples
    --------
    >>> find_merges({"Sergei Shoigu": 30, "Sergey Shoigu": 4},
    ...             {"Sergei Shoigu": "PERSON", "Sergey Shoigu": "PERSON"})
    {'Sergey Shoigu': ('Sergei Shoigu', 'person transliteration')}
    """
    lex = lexicons()
    out: dict[str, tuple] = {}
    persons = [n for n in counts if labels.get(n) == "PERSON"]
    multi = [n for n in persons if " " in n]
    for group in _groups(multi, lambda n: [translit_key(n.rsplit(" ", 1)[-1])], _same_person) + \
            _groups([n for n in persons if " " not in n and name_key(n) not in first_names()],
                    lambda n: [translit_key(n)], lambda a, b: True):
        out.update(_merge_group(group, counts, lex, "person transliteration"))
    places = [n for n in counts if labels.get(n) in PLACE_LABELS]
    for group in _groups(places, _place_buckets, _same_place):
        out.update(_merge_group(group, counts, lex, "place transliteration"))
    return out


def _merge_group(group: list, counts: dict, lex: dict, rule: str) -> dict[str, tuple]:
    target = sorted(group, key=lambda n: (n not in lex["targets"], -counts[n], n))[0]
    return {n: (target, rule) for n in group if n != target and n not in lex["pinned"]}


def _shouted(name: str, lex: dict) -> bool:
    """A name in capitals whose words are first names or common words: a headline's
    "BORIS", "ROSS", "WOLF", not the acronym "TASS"."""
    return name.isupper() and any(_is_first_name(w.title(), lex) or w.lower() in english_words()
                                  for w in name.split())


def _case_merges(counts: dict[str, int], lex: dict) -> dict[str, tuple]:
    """Spellings that differ only in case -> the most frequent one, but not capitals that
    spell a first name or a common word ("ROSS" -> "Ross") unless they outnumber the other
    spellings five to one with 10+ mentions: then they are an acronym ("ISIS", 31 against
    "Isis" 1; "RIA" 29 against "Ria" 3)."""
    group: Counter = Counter()
    for name, n in counts.items():
        group[name.casefold()] += n

    def shouted(name: str, n: int) -> bool:
        rest = group[name.casefold()] - n
        return _shouted(name, lex) and not (n >= 10 and n >= 5 * rest)

    best: dict[str, str] = {}
    for name, n in sorted(counts.items(), key=lambda kv: (kv[0] not in lex["targets"],
                                                          shouted(*kv), -kv[1], kv[0])):
        best.setdefault(name.casefold(), name)
    return {n: (best[n.casefold()], "case") for n in counts
            if best[n.casefold()] != n and n not in lex["pinned"]}


def merge_table(entities: pd.DataFrame) -> pd.DataFrame:
    """Every automatic merge in ``entities``: ``variant, canonical, rule, mentions``.

    Examples
    --------
    >>> ents = pd.DataFrame({"canonical": ["Joe Biden", "Joe Biden", "Joe Biden", "NATO"],
    ...                      "variant": ["Joe R. Biden", "Joe R. Biden", "JOE BIDEN", None],
    ...                      "merge_rule": ["middle initial", "middle initial", "case", None]})
    >>> merge_table(ents)
            variant  canonical            rule  mentions
    0     JOE BIDEN  Joe Biden            case         1
    1  Joe R. Biden  Joe Biden  middle initial         2
    """
    if not {"variant", "merge_rule"} <= set(entities.columns):
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "mentions" else "string")
                             for c in MERGE_COLUMNS})
    rows = entities.loc[entities["merge_rule"].notna(), ["variant", "canonical", "merge_rule"]]
    table = (rows.rename(columns={"merge_rule": "rule"}).value_counts()
             .reset_index(name="mentions"))
    return table.sort_values(["rule", "mentions", "variant"], ascending=[True, False, True],
                             ignore_index=True)[MERGE_COLUMNS]


def _apply_merges(counts: Counter) -> dict[str, tuple]:
    """Middle initials, transliteration and case merges: name -> (canonical, variant, rule);
    ``counts``: mentions per name, in the order of first mention."""
    lex = lexicons()
    step: dict[str, tuple] = {}
    for name in counts:
        short = drop_initials(name)
        if short != name and name not in lex["pinned"] and _rule_label(name, lex) in (
                "PERSON", None) and all(map(_name_like, name.split())):
            step[name] = (short, "middle initial")
    merged = Counter()
    for name, n in counts.items():
        merged[step.get(name, (name,))[0]] += n
    case = _case_merges(dict(merged), lex)
    again = Counter()
    for name, n in merged.items():
        again[case.get(name, (name,))[0]] += n
    labels = {n: _rule_label(n, lex) for n in again}
    translit = find_merges(dict(again), labels)
    final = {}
    for name in counts:
        cur, rules = name, []
        for table in (step, case, translit):
            if cur in table:
                cur, r = table[cur]
                rules.append(r)
        final[name] = (cur, name if rules else None, " + ".join(rules) if rules else None)
    return final
