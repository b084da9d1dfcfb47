"""The one reader of data/lexicons: the line rule of lists, the column check of tables,
missing files, and the cache that reads a file again after an edit."""

from __future__ import annotations

import os
import re

import pytest

from analysis.lexicons import cached_on_files, file_stamps, read_lines, read_table


def write(path, text: str, *, mtime_ns: int | None = None):
    path.write_text(text, encoding="utf-8")
    if mtime_ns is not None:  # a date of our own: an edit within the clock's resolution
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


def test_read_lines_strips_and_skips_blank_and_comment_lines(tmp_path):
    path = write(tmp_path / "list.txt", "  alpha  \n\n# a comment\n   # an indented comment\n"
                                        "Beta # not a comment\n\t\ngamma\nalpha\n")
    # order and duplicates kept; "#" counts only as the first non-space character
    assert read_lines(path) == ("alpha", "Beta # not a comment", "gamma", "alpha")
    assert read_lines(str(path), lower=True) == ("alpha", "beta # not a comment", "gamma",
                                                 "alpha")


def test_read_lines_of_an_empty_file_and_of_a_missing_file(tmp_path):
    assert read_lines(write(tmp_path / "empty.txt", "# only a comment\n\n")) == ()
    with pytest.raises(FileNotFoundError):
        read_lines(tmp_path / "nope.txt")
    assert read_lines(tmp_path / "nope.txt", missing_ok=True) == ()


def test_read_table_strips_values_and_fills_short_rows(tmp_path):
    path = write(tmp_path / "aliases.csv", "alias,canonical,label\n Kiev , Kyiv ,GPE\n"
                                           "FILE,,\nshort\nwide,Wide,ORG,extra\n")
    assert read_table(path, columns=["alias", "canonical"]) == [
        {"alias": "Kiev", "canonical": "Kyiv", "label": "GPE"},
        {"alias": "FILE", "canonical": "", "label": ""},
        {"alias": "short", "canonical": "", "label": ""},  # a short row: "" for the rest
        {"alias": "wide", "canonical": "Wide", "label": "ORG"},  # beyond the header: dropped
    ]


def test_read_table_names_the_file_and_the_columns_when_one_is_missing(tmp_path):
    path = write(tmp_path / "aliases.csv", "alias,label\nKiev,GPE\n")
    with pytest.raises(ValueError, match=re.escape(
            f"{path} needs the columns alias, canonical, label; found alias, label")):
        read_table(path, columns=("alias", "canonical", "label"))
    empty = write(tmp_path / "empty.csv", "")
    with pytest.raises(ValueError, match="needs the columns domain; found none"):
        read_table(empty, columns=["domain"])


def test_read_table_of_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_table(tmp_path / "nope.csv", columns=["a"])
    assert read_table(tmp_path / "nope.csv", columns=["a"], missing_ok=True) == []


def test_file_stamps_give_the_date_or_none(tmp_path):
    path = write(tmp_path / "a.txt", "x\n", mtime_ns=1_000_000_000)
    assert file_stamps([path, tmp_path / "b.txt"]) == (
        (str(path), 1_000_000_000), (str(tmp_path / "b.txt"), None))


def test_the_cache_reads_again_after_an_edit_and_only_then(tmp_path):
    files = {"list": write(tmp_path / "a.txt", "one\ntwo\n", mtime_ns=1_000_000_000)}
    builds = []

    @cached_on_files(lambda: (files["list"],))
    def words(prefix: str = "") -> tuple[str, ...]:
        builds.append(prefix)
        return tuple(prefix + w for w in read_lines(files["list"]))

    first = words()
    assert first == ("one", "two") and builds == [""]
    assert words() is first and builds == [""]  # same date: no read
    assert words("x-") == ("x-one", "x-two") and builds == ["", "x-"]  # arguments: own entry
    write(files["list"], "one\ntwo\nthree\n", mtime_ns=2_000_000_000)  # an edit
    assert words() == ("one", "two", "three") and builds == ["", "x-", ""]
    # the files are asked for at each call: pointing at another file (as a test that
    # monkeypatches config.X_FILE does) is seen at once
    files["list"] = write(tmp_path / "b.txt", "four\n", mtime_ns=2_000_000_000)
    assert words() == ("four",)
    files["list"] = tmp_path / "gone.txt"  # a missing file is a stamp too: the builder decides
    with pytest.raises(FileNotFoundError):
        words()
    words.cache_clear()
    files["list"] = tmp_path / "a.txt"
    assert words() == ("one", "two", "three") and builds[-1] == ""


def test_cached_on_files_needs_a_function():
    with pytest.raises(ValueError, match="files must be a function"):
        cached_on_files(["data/lexicons/titles.txt"])
