"""Entity post-processing: clean-up, alias table, short forms, span repair, removals, types,
automatic merges (the first tests need no NER; the later ones run NLTK's binary chunker)."""

from __future__ import annotations

import shutil
import warnings

import pandas as pd
import pytest

from analysis import config
from analysis.annotation import annotate
from analysis.entities import canonicalize, clean_surface, initials, translit_key


@pytest.mark.parametrize("surface, expected", [
    ("US President Joe Biden", "Joe Biden"),
    ("Russian President Vladimir Putin", "Vladimir Putin"),
    ("Prime Minister Fumio Kishida", "Fumio Kishida"),
    ("Mr. Lavrov", "Lavrov"),
    ("Ms von der Leyen", "von der Leyen"),  # a title before a particle: still a title
    ("Ms von", "Ms von"),  # a particle alone is no name
    ("Dr Anthony Fauci", "Anthony Fauci"),
    ("Russia 's", "Russia"),
    ("Ukraine’s", "Ukraine"),
    ("U.S.", "US"),
    ("the Kremlin", "Kremlin"),
    ("President", "President"),  # nothing left to name: kept as it is
    ("General Motors", "General Motors"),  # not a title here
    ("House Speaker Nancy Pelosi", "Nancy Pelosi"),
    ("Judge Paul Oetken", "Paul Oetken"),
    ("Justice Department", "Justice Department"),  # an organisation follows, not a name
    ("Admiral Kuznetsov", "Admiral Kuznetsov"),  # a ship: "Admiral" is no title to strip
])
def test_clean_surface(surface, expected):
    assert clean_surface(surface) == expected


def frame(rows):
    return pd.DataFrame(rows, columns=["doc_id", "text", "label"])


def test_alias_table_maps_spellings_and_types_untyped():
    out = canonicalize(frame([("d", "Kiev", "ENTITY"), ("d", "Zelenskiy", "ENTITY"),
                              ("d", "U.S.", "ENTITY"), ("d", "Britain", "GPE"),
                              ("d", "usa", "ENTITY"), ("d", "Moldova", "ENTITY")]))
    assert out["canonical"].tolist() == ["Kyiv", "Volodymyr Zelensky", "United States",
                                         "United Kingdom", "United States", "Moldova"]
    # the alias label replaces ENTITY; an engine's own label is kept; Moldova is not in the
    # alias table: the country gazetteer types it
    assert out["label"].tolist() == ["GPE", "PERSON", "GPE", "GPE", "GPE", "GPE"]


def test_short_forms_resolve_only_after_the_full_name_in_the_same_doc():
    # Baerbock is not in the alias table: only the in-document rule can resolve it
    out = canonicalize(frame([("a", "Baerbock", "ENTITY"), ("a", "Annalena Baerbock", "PERSON"),
                              ("a", "Baerbock", "ENTITY"), ("b", "Baerbock", "ENTITY"),
                              ("a", "Kallas", "ENTITY")]))
    assert out["canonical"].tolist() == ["Baerbock", "Annalena Baerbock", "Annalena Baerbock",
                                         "Baerbock", "Kallas"]
    # every "Baerbock" is the surname of a person seen in the corpus, so PERSON even where
    # the name stays short; "Kallas" has no full name, no gazetteer entry, no cue: untyped
    assert out["label"].tolist() == ["PERSON", "PERSON", "PERSON", "PERSON", "ENTITY"]


@pytest.mark.parametrize("name, expected", [
    ("International Atomic Energy Agency", "IAEA"),
    ("Organization for Security and Co-operation in Europe", "OSCE"),  # "operation" is no word
    ("Agence France-Presse", "AFP"),  # a capitalised part after a hyphen counts
    ("Donetsk People's Republic", "DPR"),
    ("Institute for the Study of War", "ISW"),
    ("Mohammed bin Salman", None),  # a lower-case word that is no function word: no name
    ("Ukraine", None),  # one word abbreviates to nothing
])
def test_initials(name, expected):
    assert initials(name) == expected


def test_long_forms_take_the_acronym_their_document_uses():
    out = canonicalize(frame([
        ("a", "International Atomic Energy Agency", "ENTITY"), ("a", "IAEA", "ENTITY"),
        ("a", "Rafael Grossi", "ENTITY"),
        ("b", "International Atomic Energy Agency", "ENTITY"),  # no acronym in b: kept
        ("c", "IAEA", "ENTITY"),
        ("d", "Organization for Security and Co-operation in Europe", "ENTITY"),
        ("d", "OSCE", "ENTITY"),
        ("e", "United Arab Emirates", "ENTITY"), ("e", "UAE", "ENTITY"),  # a place: kept
        ("f", "Hunter Biden", "PERSON"), ("f", "HBO", "ENTITY"),  # initials differ anyway
        ("g", "Ivan Oleksiyovych Kuleba", "ENTITY"), ("g", "IOK", "ENTITY"),  # a person: kept
        ("h", "North Atlantic Treaty Organization", "ENTITY"),  # the alias table's: NATO
    ]))
    assert out["canonical"].tolist() == [
        "IAEA", "IAEA", "Rafael Grossi", "International Atomic Energy Agency", "IAEA",
        "OSCE", "OSCE", "United Arab Emirates", "UAE", "Hunter Biden", "HBO",
        "Ivan Oleksiyovych Kuleba", "IOK", "NATO"]
    assert out.loc[out["canonical"] == "United Arab Emirates", "label"].tolist() == ["GPE"]


def test_first_names_resolve_to_the_one_person_of_that_name_in_the_doc():
    out = canonicalize(frame([
        ("a", "Paul", "ENTITY"),  # before any full name: kept
        ("a", "Paul Pelosi", "ENTITY"), ("a", "Nancy Pelosi", "ENTITY"), ("a", "Paul", "ENTITY"),
        ("b", "Paul Pelosi", "ENTITY"), ("b", "Paul Whelan", "ENTITY"),
        ("b", "Paul", "ENTITY"),  # two people called Paul: kept
        ("c", "Jordan Bardella", "ENTITY"), ("c", "Jordan", "ENTITY"),  # a country: kept
        ("d", "Xi Jinping", "ENTITY"), ("d", "Xi", "ENTITY"),  # family name first
    ]))
    assert out["canonical"].tolist() == [
        "Paul", "Paul Pelosi", "Nancy Pelosi", "Paul Pelosi", "Paul Pelosi", "Paul Whelan",
        "Paul", "Jordan Bardella", "Jordan", "Xi Jinping", "Xi Jinping"]
    assert out.loc[out["canonical"] == "Jordan", "label"].tolist() == ["GPE"]


def test_alias_with_empty_canonical_drops_the_mention():
    out = canonicalize(frame([("a", "FILE", "ENTITY"), ("a", "Putin", "ENTITY")]))
    assert out[["canonical", "label"]].values.tolist() == [["Vladimir Putin", "PERSON"]]


def test_case_variants_merge_to_most_frequent_spelling():
    out = canonicalize(frame([("a", "Mariupol", "ENTITY"), ("a", "MARIUPOL", "ENTITY"),
                              ("b", "Mariupol", "ENTITY")]))
    assert out["canonical"].tolist() == ["Mariupol"] * 3


def test_capitals_win_a_case_merge_only_when_they_outnumber_five_to_one():
    out = canonicalize(frame(
        [("a", "ISIS", "ENTITY")] * 12 + [("b", "Isis", "ENTITY")]  # 12 >= 10 and 5 x 1
        + [("c", "IRA", "ENTITY")] * 10 + [("d", "Ira", "ENTITY")] * 3  # 10 < 5 x 3
        + [("e", "IVAN", "ENTITY")] * 9 + [("e", "Ivan", "ENTITY")]))  # 9 < 10: a headline
    assert out["canonical"].tolist() == ["ISIS"] * 13 + ["Ira"] * 13 + ["Ivan"] * 10
    # an acronym is an organisation; "Isis" as a name would have made it a person
    assert set(out.loc[out["canonical"] == "ISIS", "label"]) == {"ORGANIZATION"}


def test_input_untouched_and_errors():
    ents = frame([("a", "Kiev", "ENTITY")])
    copy = ents.copy()
    canonicalize(ents)
    pd.testing.assert_frame_equal(ents, copy)
    with pytest.raises(ValueError, match="lacks column"):
        canonicalize(ents.drop(columns="label"))


# ------------------------------------------------------------------ on real chunker output
NEWS = {
    "putin": "President Vladimir V. Putin said on Monday that the talks had failed. "
             "Putin added that Russia would respond.",
    "trump": "Former President Donald J. Trump spoke in Ohio. Donald Trump later said he agreed.",
    "blinken": "Secretary of State Antony Blinken met Ukrainian officials in Kyiv. "
               "Blinken said the aid would continue.",
    "rogozin": "Roscosmos chief Dmitry Rogozin said the station was safe. "
               "Rogozin has made such threats before.",
    "leyen": "European Commission President Ursula von der Leyen said sanctions would follow. "
             "Von der Leyen spoke in Brussels.",
    "lukashenko": "Belarusian leader Aleksandr Lukashenko met Putin in Minsk. Lukashenko said "
                  "the drills would end. Alexander Lukashenko was speaking on Friday.",
    "shoigu": "Defence Minister Sergey Shoigu visited troops. Sergei Shoigu later inspected the "
              "Black Sea Fleet. Fighting raged near Severodonetsk and Sievierodonetsk.",
    "split": "White House press secretary Karine Jean-Pierre told reporters that the UK "
             "Ministry of Defence was wrong. US Defence Secretary Lloyd Austin disagreed.",
    "junk": "RUSSIA OF THE FUTURE WARNS EUROPE. Follow the latest news. North of the city, "
            "shelling continued in March. The Defence Ministry in Moscow said NATO was to blame.",
}


def run(texts: dict, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "only the binary chunker": that is the point here
        docs = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
        return annotate(docs, n_jobs=1, progress=False, cache_dir=None, engine="nltk", **kw)


@pytest.fixture(scope="module")
def news():
    return run(NEWS)


def names(ann, doc_id):
    ents = ann.entities[ann.entities["doc_id"] == doc_id]
    return list(zip(ents["canonical"], ents["label"]))


@pytest.mark.parametrize("doc_id, expected", [
    # a middle initial stays inside the span, then goes: not "Vladimir" alone
    ("putin", [("Vladimir Putin", "PERSON"), ("Vladimir Putin", "PERSON"), ("Russia", "GPE")]),
    ("trump", [("Donald Trump", "PERSON"), ("Ohio", "GPE"), ("Donald Trump", "PERSON")]),
    # a title of several words, not "State Antony Blinken"
    ("blinken", [("Antony Blinken", "PERSON"), ("Ukrainian", "NORP"), ("Kyiv", "GPE"),
                 ("Antony Blinken", "PERSON")]),
    # a known organisation before a name is its own mention
    ("rogozin", [("Roscosmos", "ORGANIZATION"), ("Dmitry Rogozin", "PERSON"),
                 ("Dmitry Rogozin", "PERSON")]),
    # particles join the name; the surname with particles resolves in the document
    ("leyen", [("European Commission", "ORGANIZATION"), ("Ursula von der Leyen", "PERSON"),
               ("Ursula von der Leyen", "PERSON"), ("Brussels", "GPE")]),
    # the chunker's "Karine" / "UK Ministry" + "Defence" / "US Defence"; "Secretary Lloyd
    # Austin", which it misses, is a run of capitalised words that starts with a title
    ("split", [("White House", "ORGANIZATION"), ("Karine Jean-Pierre", "PERSON"),
               ("UK Ministry of Defence", "ORGANIZATION"), ("United States", "GPE"),
               ("Lloyd Austin", "PERSON")]),
])
def test_titles_initials_and_prefixes(news, doc_id, expected):
    assert names(news, doc_id) == expected


def test_transliterations_merge_and_every_merge_is_listed(news):
    assert names(news, "lukashenko") == [
        ("Belarusian", "NORP"), ("Alexander Lukashenko", "PERSON"),
        ("Vladimir Putin", "PERSON"),  # "met Putin": a capitalised word the chunker missed
        ("Minsk", "GPE"), ("Alexander Lukashenko", "PERSON"), ("Alexander Lukashenko", "PERSON")]
    assert names(news, "shoigu") == [
        ("Sergei Shoigu", "PERSON"), ("Sergei Shoigu", "PERSON"),
        ("Black Sea Fleet", "ORGANIZATION"), ("Severodonetsk", "GPE"), ("Severodonetsk", "GPE")]
    merges = news.merges
    assert list(merges.columns) == ["variant", "canonical", "rule", "mentions"]
    rows = {(v, c, r): n for v, c, r, n in merges.itertuples(index=False)}
    # the later "Lukashenko" went through the document's "Aleksandr Lukashenko" first
    assert rows == {("Vladimir V. Putin", "Vladimir Putin", "middle initial"): 2,
                    ("Donald J. Trump", "Donald Trump", "middle initial"): 1,
                    ("Aleksandr Lukashenko", "Alexander Lukashenko",
                     "person transliteration"): 2,
                    ("Sergey Shoigu", "Sergei Shoigu", "person transliteration"): 1,
                    ("Sievierodonetsk", "Severodonetsk", "place transliteration"): 1}
    assert translit_key("Zaporizhzhya") == translit_key("Zaporizhzhia")


def test_a_merge_is_vetoed_through_the_alias_table(tmp_path, monkeypatch):
    aliases = tmp_path / "aliases.csv"
    shutil.copy(config.ALIASES_FILE, aliases)
    with open(aliases, "a", encoding="utf-8") as fh:
        fh.write("Aleksandr Lukashenko,Aleksandr Lukashenko,PERSON\n")
    monkeypatch.setattr(config, "ALIASES_FILE", aliases)
    ann = run({"lukashenko": NEWS["lukashenko"]})
    # the vetoed name stays itself, and the document's later "Lukashenko" follows it (the
    # same-document surname rule comes before the alias row "Lukashenko -> Alexander ...")
    assert [c for c, _ in names(ann, "lukashenko")] == [
        "Belarusian", "Aleksandr Lukashenko", "Vladimir Putin", "Minsk",
        "Aleksandr Lukashenko", "Alexander Lukashenko"]
    assert "Aleksandr Lukashenko" not in set(ann.merges["variant"])


def test_headline_fragments_directions_months_and_common_words_are_not_entities(news):
    # the binary chunker marks "RUSSIA", "THE", "FUTURE" (the headline) and "North"; left
    # are the country, the ministry, the city and the alliance
    assert names(news, "junk") == [("Russia", "GPE"), ("Defence Ministry", "ORGANIZATION"),
                                   ("Moscow", "GPE"), ("NATO", "ORGANIZATION")]


def test_stop_entity_list_is_editable(tmp_path, monkeypatch):
    from analysis.entities import lexicon

    stop = tmp_path / "stop_entities.txt"
    stop.write_text("# test\nNATO\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "STOP_ENTITIES_FILE", stop)
    ann = run({"junk": NEWS["junk"]})
    assert "NATO" not in set(ann.entities["canonical"])
    assert "Moscow" in set(ann.entities["canonical"])


def test_a_corpus_without_names_annotates(tmp_path):
    """No mention at all (a corpus, or one part of a store): empty entities, no error."""
    import warnings

    from analysis.annotation import annotate

    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["it was raining all day.", "nothing."]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ann = annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path)
    assert ann.entities.empty and "canonical" in ann.entities.columns
    assert len(ann.tokens) == 8


def test_a_cleaning_step_reads_the_lexicon_dates_once_and_sees_edits_between_steps(
        tmp_path, monkeypatch):
    import analysis.lexicons
    from analysis.entities import lexicon

    calls = []
    original = analysis.lexicons.file_stamps
    monkeypatch.setattr(analysis.lexicons, "file_stamps",
                        lambda paths: calls.append(tuple(paths)) or original(paths))
    ents = pd.DataFrame({"doc_id": ["d"] * 4, "label": ["ENTITY"] * 4,
                         "text": ["Fumio Kishida", "Kishida", "Defence Ministry", "Kyiv"]})
    first = canonicalize(ents)
    # once for the whole step, not once per name (9 times before the pinning)
    assert [p for p in calls if config.ALIASES_FILE in p] == [lexicon.lexicon_files()]
    assert first["canonical"].tolist() == ["Fumio Kishida", "Fumio Kishida",
                                           "Defence Ministry", "Kyiv"]
    aliases = tmp_path / "aliases.csv"
    shutil.copy(config.ALIASES_FILE, aliases)
    with open(aliases, "a", encoding="utf-8") as fh:
        fh.write("Defence Ministry,Ministry of Defence,ORGANIZATION\n")
    monkeypatch.setattr(config, "ALIASES_FILE", aliases)
    assert canonicalize(ents)["canonical"].tolist()[2] == "Ministry of Defence"
    assert lexicon._PINNED.lex is None  # nothing stays pinned after a step
