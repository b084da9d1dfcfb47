"""Canonical entity names, the same whatever engine found the entities.

:func:`canonicalize` adds ``canonical`` (and fills ``label`` where the engine
gave none) to an entities table:

1. surface clean-up: possessive ``'s``, a leading "the", titles and honorifics
   (``data/lexicons/titles.txt``; "US President Joe Biden" -> "Joe Biden"),
   dots in acronyms ("U.S." -> "US"), white space and quotes;
2. the alias table ``data/lexicons/aliases.csv`` (``alias, canonical, label``;
   case-insensitive: Kiev -> Kyiv, Zelenskiy -> Volodymyr Zelensky, U.S. ->
   United States; an empty canonical drops the mention, e.g. "FILE" of photo
   captions); its label replaces the untyped ``ENTITY``, and so does the typed
   label the same canonical name has elsewhere (a resolved "Putin");
3. within one document, a later one-word mention that is the surname of a
   person named in full earlier resolves to the full name (Putin -> Vladimir Putin);
4. case variants are merged corpus-wide under their most frequent spelling
   (KYIV, Kyiv -> Kyiv).
"""

from __future__ import annotations

import csv
import functools
import re

import pandas as pd

from . import config

UNTYPED = "ENTITY"
PERSON_LABELS = {"PERSON", "PER", UNTYPED}
_ACRONYM_RE = re.compile(r"^(?:[A-Za-z]\.){2,}[A-Za-z]?\.?$")
_NAME_WORD_RE = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"})


@functools.lru_cache(maxsize=4)
def _lexicons(aliases_mtime: int, titles_mtime: int) -> tuple[dict, tuple]:
    aliases = {}
    with open(config.ALIASES_FILE, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not {"alias", "canonical", "label"} <= set(reader.fieldnames or []):
            raise ValueError(f"{config.ALIASES_FILE} needs the columns alias, canonical, label; "
                             f"found {reader.fieldnames}")
        for row in reader:
            aliases[_key(row["alias"])] = (row["canonical"].strip(), (row["label"] or "").strip())
    titles = [ln.strip() for ln in config.TITLES_FILE.read_text(encoding="utf-8").splitlines()
              if ln.strip() and not ln.startswith("#")]
    titles = tuple(sorted((t.split() for t in titles), key=len, reverse=True))
    return aliases, titles


def load_alias_table() -> tuple[dict[str, tuple[str, str]], tuple[list[str], ...]]:
    """The alias table (normalised alias -> (canonical, label)) and the title list."""
    return _lexicons(config.ALIASES_FILE.stat().st_mtime_ns, config.TITLES_FILE.stat().st_mtime_ns)


def _key(name: str) -> str:
    """Case- and punctuation-insensitive lookup key ("U.S." and "us" -> "us")."""
    return re.sub(r"[.\s]+", " ", name.translate(_QUOTES)).strip().casefold().replace(" ", "")


def _strip_titles(words: list[str], titles) -> list[str]:
    changed = True
    while changed and len(words) > 1:
        changed = False
        for skip in (0, 1):  # "President X" or "US President X"
            for title in titles:
                n = len(title)
                if words[skip:skip + n] == title and len(words) > skip + n \
                        and words[skip + n][:1].isupper():
                    words, changed = words[skip + n:], True
                    break
            if changed:
                break
    return words


def clean_surface(text: str, titles=None) -> str:
    """Normalise one entity surface form (possessive, "the", titles, acronym dots).

    Examples
    --------
    >>> clean_surface("US President Joe Biden")
    'Joe Biden'
    >>> clean_surface("U.S.")
    'US'
    >>> clean_surface("Russia 's")
    'Russia'
    """
    if titles is None:
        titles = load_alias_table()[1]
    text = text.translate(_QUOTES).strip()
    text = re.sub(r"\s*'s?$", "", text)  # possessive, as tokens ("Russia 's") or glued
    words = text.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    words = _strip_titles(words, titles)
    words = [w.replace(".", "") if _ACRONYM_RE.match(w) else w for w in words]
    return " ".join(words).strip(" .,;:-\"'")


def _is_full_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD_RE.match(w) for w in words)


def _resolve_short_forms(frame: pd.DataFrame, aliases: dict) -> pd.Series:
    """Within each document, a one-word person-like mention -> the full name seen earlier."""
    canon = frame["canonical"].tolist()
    labels = frame["label"].tolist()
    docs = frame["doc_id"].tolist()
    alias_label = {n: (aliases[_key(n)][1] if _key(n) in aliases else None) for n in set(canon)}
    full = {n: _is_full_name(n) and alias_label[n] in (None, "", "PERSON") for n in alias_label}
    surnames: dict[str, str] = {}
    current = None
    for i, (doc, name, label) in enumerate(zip(docs, canon, labels)):
        if doc != current:
            current, surnames = doc, {}
        if label not in PERSON_LABELS:
            continue
        if full[name]:
            surnames[name.rsplit(" ", 1)[-1]] = name
        elif name in surnames and alias_label[name] in (None, "PERSON"):
            canon[i] = surnames[name]
    return pd.Series(canon, index=frame.index, dtype="string")


def canonicalize(entities: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``entities`` with ``canonical`` names (and labels from the alias table).

    Parameters
    ----------
    entities : pandas.DataFrame
        ``doc_id, ..., text, label`` in document order (as :func:`annotate` builds it).

    Returns
    -------
    pandas.DataFrame
        The same rows plus ``canonical``; untyped ``ENTITY`` labels are
        replaced by the alias table's label where it has one. Rows whose
        name is empty after clean-up are dropped.

    Examples
    --------
    >>> ents = pd.DataFrame({"doc_id": ["d", "d"], "text": ["Fumio Kishida", "Kishida"],
    ...                      "label": ["ENTITY", "ENTITY"]})
    >>> canonicalize(ents)["canonical"].tolist()
    ['Fumio Kishida', 'Fumio Kishida']
    """
    missing = {"doc_id", "text", "label"} - set(entities.columns)
    if missing:
        raise ValueError(f"entities lacks column(s) {sorted(missing)}")
    aliases, titles = load_alias_table()
    out = entities.copy()
    surface = out["text"].astype("string")
    cleaned = {s: clean_surface(s, titles) for s in surface.unique()}
    out["canonical"] = surface.map(cleaned).astype("string")
    out = out[out["canonical"].str.len() > 0].copy()
    names = out["canonical"].tolist()
    hits = {n: aliases.get(_key(n)) for n in set(names)}
    out["canonical"] = pd.Series([hits[n][0] if hits[n] else n for n in names],
                                 index=out.index, dtype="string")
    out = out[out["canonical"].str.len() > 0].copy()  # alias to "" = not an entity
    out["canonical"] = _resolve_short_forms(out, aliases)
    out["canonical"] = _merge_case_variants(out["canonical"])
    out["label"] = _fill_labels(out, aliases)
    return out.reset_index(drop=True)


def _fill_labels(frame: pd.DataFrame, aliases: dict) -> pd.Series:
    """Untyped mentions take the alias table's label of their canonical name, else the
    most frequent typed label that name has elsewhere in the table (e.g. a resolved surname)."""
    labels = frame["label"].astype("string")
    typed = frame.loc[labels != UNTYPED, ["canonical", "label"]]
    usual = (typed.value_counts().reset_index(name="n").sort_values("n", ascending=False)
             .drop_duplicates("canonical").set_index("canonical")["label"].to_dict())
    for name in set(frame["canonical"]):
        hit = aliases.get(_key(name))
        if hit and hit[1]:
            usual[name] = hit[1]
    return pd.Series([usual.get(n, UNTYPED) if lab == UNTYPED else lab
                      for n, lab in zip(frame["canonical"], labels)],
                     index=frame.index, dtype="string")


def _merge_case_variants(names: pd.Series) -> pd.Series:
    folded = names.str.casefold()
    counts = pd.DataFrame({"f": folded, "n": names}).value_counts().reset_index(name="c")
    best = counts.sort_values(["c", "n"], ascending=[False, True]).drop_duplicates("f")
    return folded.map(dict(zip(best["f"], best["n"]))).astype("string")
