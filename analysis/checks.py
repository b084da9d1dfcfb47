"""The one argument validator: constraint objects, the table row ``Param`` and ``validator``.

:data:`analysis.vocabulary.PARAMETERS` maps every parameter name to a :class:`Param`
built from the constraints here; ``vocabulary.checked = validator(PARAMETERS)`` is
the decorator every public function wears. One wording for every ``ValueError``:
``"<name> must be <description>, got <value>"``. See ``docs/reference.md``.
"""

from __future__ import annotations

import functools
import inspect
import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

REQUIRED = inspect.Parameter.empty  # the "default" of a parameter without one


class Constraint:
    """One kind of allowed value. ``names``: annotation spellings it stands for."""

    description = "any value"
    names: frozenset = frozenset()

    def accepts(self, value) -> bool:
        return True

    def hint(self, value) -> str:
        """A remedy appended to the error about ``value`` ("" when there is none)."""
        return ""

    def bad_values(self) -> list:
        """Values this constraint rejects (the tests call functions with them)."""
        return []


class Anything(Constraint):
    """Any value: checked by the function itself against the data (a table, Annotations).

    ``kind``: for a data argument, a test of what kind of object it is (a table, Annotations:
    :func:`is_table`, :func:`is_annotations` ...); the validator applies it after the options
    (:func:`data_checks`), so ``coverage([])`` says ``docs must be ...``, not a raw error.
    """

    def __init__(self, description: str = "any value", kind=None):
        self.description = description
        self.kind = kind

    def accepts(self, value) -> bool:
        return self.kind is None or bool(self.kind(value))


def is_table(value) -> bool:
    """A pandas DataFrame."""
    return isinstance(value, pd.DataFrame)


def is_annotations(value) -> bool:
    """An Annotations (in memory or partitioned): its four tables as attributes."""
    return not isinstance(value, pd.DataFrame) and all(
        hasattr(value, t) for t in ("docs", "sentences", "tokens", "entities"))


def is_docs(value) -> bool:
    """A documents table, or an object holding one as ``docs`` (a Corpus, Annotations)."""
    return is_table(value) or is_table(getattr(value, "docs", None))


def is_corpus(value) -> bool:
    """A Corpus of load_corpus: documents and the ledger of skipped records."""
    return is_table(getattr(value, "docs", None)) and is_table(getattr(value, "skipped", None))


def is_graph(value) -> bool:
    """A networkx graph."""
    return hasattr(value, "adj") and hasattr(value, "nodes") and hasattr(value, "edges")


def is_values(value) -> bool:
    """A one-dimensional sequence: a Series, an Index, an array, a list or a tuple."""
    return (isinstance(value, (pd.Series, pd.Index, list, tuple))
            or (isinstance(value, np.ndarray) and value.ndim == 1))


def is_numbers(value) -> bool:
    """A sequence (:func:`is_values`) of numbers."""
    if not is_values(value) or isinstance(value, pd.Index) and value.dtype == object:
        return False
    try:
        kind = np.asarray(value).dtype.kind
    except (TypeError, ValueError):
        return False
    return kind in "biuf" or len(value) == 0


class Boolean(Constraint):
    description = "True or False"
    names = frozenset({"bool"})

    def accepts(self, value) -> bool:
        return value is True or value is False

    def bad_values(self) -> list:
        return ["yes", 1]


class Text(Constraint):
    description = "a string"
    names = frozenset({"str"})

    def accepts(self, value) -> bool:
        return isinstance(value, str)

    def bad_values(self) -> list:
        return [1]


class TextList(Constraint):
    """A list, tuple or set of strings (never one string: that is a common slip)."""

    description = "a list of strings"
    names = frozenset({"list[str]", "tuple[str, ...]", "Iterable[str]", "list"})

    def accepts(self, value) -> bool:
        return (isinstance(value, (list, tuple, set, frozenset, pd.Index, pd.Series, np.ndarray))
                and all(isinstance(v, str) for v in value))

    def hint(self, value) -> str:
        return f" (one string: pass a list, [{value!r}])" if isinstance(value, str) else ""

    def bad_values(self) -> list:
        return ["word"]


class PathLike(Constraint):
    description = "a path (str or os.PathLike)"
    names = frozenset({"str", "os.PathLike", "str | os.PathLike"})

    def accepts(self, value) -> bool:
        return isinstance(value, (str, os.PathLike))

    def bad_values(self) -> list:
        return [1]


class Frame(Constraint):
    description = "a DataFrame"
    names = frozenset({"pd.DataFrame"})

    def accepts(self, value) -> bool:
        return isinstance(value, pd.DataFrame)

    def bad_values(self) -> list:
        return ["table"]


class Instance(Constraint):
    """An instance of one of ``types`` (e.g. ``Instance(dict)``)."""

    def __init__(self, *types: type):
        self.types = types
        self.names = frozenset(t.__name__ for t in types) | {f"{t.__name__}[str, str]"
                                                             for t in types}
        self.description = " or ".join(f"a {t.__name__}" for t in types)

    def accepts(self, value) -> bool:
        return isinstance(value, self.types)

    def bad_values(self) -> list:
        return ["text"] if str not in self.types else [object()]


class Options(Constraint):
    """One of ``values`` (booleans never count as 0/1). ``renamed``: old value -> new one."""

    def __init__(self, values, *, name: str = "", renamed: dict | None = None):
        self.values = tuple(values)
        self.renamed = dict(renamed or {})
        literal = f"Literal[{', '.join(map(repr, self.values))}]"
        self.names = frozenset({literal} | ({name} if name else set()))
        self.description = f"one of {list(self.values)}"

    def accepts(self, value) -> bool:
        try:
            return not isinstance(value, bool) and value in self.values
        except TypeError:  # an unhashable or incomparable value
            return False

    def hint(self, value) -> str:
        try:
            new = self.renamed.get(value)
        except TypeError:
            return ""
        return f" ({value!r} is now called {new!r})" if new else ""

    def bad_values(self) -> list:
        return ["nope", True] + list(self.renamed)


class Interval(Constraint):
    """A number of ``kind`` (int or float) between ``low`` and ``high`` (None: unbounded).

    ``closed``: which ends belong: "both" (default), "left", "right" or "neither".
    Booleans are never numbers; a float interval takes integers too.
    """

    def __init__(self, kind: type, low=None, high=None, *, closed: str = "both"):
        self.kind, self.low, self.high, self.closed = kind, low, high, closed
        self.types = (int, np.integer) if kind is int else (int, float, np.integer, np.floating)
        self.names = frozenset({"int"} if kind is int else {"float", "int"})
        self.description = self._describe()

    def _describe(self) -> str:
        noun = "an integer" if self.kind is int else "a number"
        lo_in = self.closed in ("both", "left")
        hi_in = self.closed in ("both", "right")
        if self.low is not None and self.high is not None:
            left, right = "[" if lo_in else "(", "]" if hi_in else ")"
            return f"{noun} in {left}{self.low}, {self.high}{right}"
        if self.low is not None:
            return f"{noun} {'>=' if lo_in else '>'} {self.low}"
        if self.high is not None:
            return f"{noun} {'<=' if hi_in else '<'} {self.high}"
        return noun

    def accepts(self, value) -> bool:
        if isinstance(value, bool) or not isinstance(value, self.types):
            return False
        if self.low is not None and (value < self.low or (
                value == self.low and self.closed in ("right", "neither"))):
            return False
        return self.high is None or not (value > self.high or (
            value == self.high and self.closed in ("left", "neither")))

    def bad_values(self) -> list:
        bad = ["1", True]
        if self.low is not None:
            bad.append(self.low - 1 if self.closed in ("both", "left") else self.low)
        if self.high is not None:
            bad.append(self.high + 1)
        if self.kind is int:
            bad.append(1.5)
        return bad


class _NoneOk(Constraint):
    description = "None"
    names = frozenset({"None"})

    def accepts(self, value) -> bool:
        return value is None


NoneOk = _NoneOk()


@dataclass(frozen=True)
class Rule:
    """A value that differs by function on purpose: ``why`` says so; ``by_function`` maps
    a function's qualified name (``keyness``, ``Corpus.filter``, ``plot_keyness``) to it,
    ``otherwise`` is the value of the functions not listed (REQUIRED: list them all)."""

    why: str
    by_function: dict
    otherwise: object = REQUIRED

    def get(self, function: str):
        return self.by_function.get(function, self.otherwise)


@dataclass(frozen=True)
class Param:
    """One row of the vocabulary: what the parameter means, what it takes, its default.

    ``allowed``: a list of constraints (``None`` in it: None allowed where the
    function's annotation says ``| None``), or a :class:`Rule` of such lists.
    ``default``: one value for every function, REQUIRED, or a :class:`Rule`.
    """

    meaning: str
    allowed: list | Rule = field(default_factory=lambda: [Anything()])
    default: object = REQUIRED

    def allowed_for(self, function: str) -> list:
        allowed = self.allowed.get(function) if isinstance(self.allowed, Rule) else self.allowed
        return [NoneOk if c is None else c for c in allowed]

    def default_for(self, function: str):
        return self.default.get(function) if isinstance(self.default, Rule) else self.default


class Check:
    """The allowed values of one parameter of one function, as the validator applies them."""

    __slots__ = ("constraints", "description", "_tests")

    def __init__(self, constraints: list):
        self.constraints = tuple(constraints)
        self._tests = tuple(c.accepts for c in constraints)
        descriptions = [c.description for c in constraints if c is not NoneOk]
        if NoneOk in constraints:
            descriptions.append("None")
        self.description = " or ".join(descriptions)

    def accepts(self, value) -> bool:
        for test in self._tests:
            if test(value):
                return True
        return False

    def error(self, name: str, value) -> ValueError:
        hint = "".join(c.hint(value) for c in self.constraints)
        return ValueError(f"{name} must be {self.description}, got {value!r}{hint}")


def function_checks(func, table: dict) -> dict[str, Check]:
    """parameter -> :class:`Check` for the parameters of ``func`` the table constrains.

    ``None`` is allowed only where the annotation says ``None`` (or the default is None).
    """
    checks = {}
    for p in inspect.signature(func).parameters.values():
        row = table.get(p.name)
        if row is None:
            continue
        allowed = row.allowed_for(func.__qualname__)
        if allowed is REQUIRED or any(type(c) is Anything for c in allowed):
            continue
        if "None" not in str(p.annotation) and p.default is not None:
            allowed = [c for c in allowed if c is not NoneOk]
        checks[p.name] = Check(allowed)
    return checks


def data_checks(func, table: dict) -> dict[str, Check]:
    """parameter -> :class:`Check` for the data arguments of ``func`` (table rows whose
    allowed values are :class:`Anything` with a ``kind``; None too where the annotation or
    the default says None)."""
    checks = {}
    for p in inspect.signature(func).parameters.values():
        row = table.get(p.name)
        allowed = row.allowed_for(func.__qualname__) if row is not None else REQUIRED
        if allowed is REQUIRED:
            continue
        kinds = [c for c in allowed if type(c) is Anything]
        if not kinds or any(c.kind is None for c in kinds):
            continue
        if "None" in str(p.annotation) or p.default is None:
            kinds.append(NoneOk)
        checks[p.name] = _DataCheck(kinds)
    return checks


class _DataCheck(Check):
    """A data argument's check: the error shows the value's type and a short repr."""

    def error(self, name: str, value) -> ValueError:
        shown = repr(value)
        if len(shown) > 60 or "\n" in shown:
            shown = shown[:40].split("\n")[0] + "..."
        return ValueError(f"{name} must be {self.description}, got {type(value).__name__} "
                          f"{shown}")


def validator(table: dict):
    """A decorator validating each argument named in ``table`` before calling the function.

    Only the arguments the caller passes are checked (the defaults are the
    table's, checked by the tests); positional ones by their position.

    Examples
    --------
    >>> checked = validator({"top": Param("rows", [Interval(int, 1)], 10)})
    >>> @checked
    ... def head(df, *, top: int = 10):
    ...     return top
    >>> head(None, top=3)
    3
    >>> head(None, top=0)
    Traceback (most recent call last):
    ...
    ValueError: top must be an integer >= 1, got 0
    """
    def checked(func):
        checks = function_checks(func, table)
        data = data_checks(func, table)
        positional = [p.name for p in inspect.signature(func).parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for table_ in (checks, data):  # options first, then the kind of the data
                for name, value in zip(positional, args):
                    check = table_.get(name)
                    if check is not None and not check.accepts(value):
                        raise check.error(name, value)
                for name, value in kwargs.items():
                    check = table_.get(name)
                    if check is not None and not check.accepts(value):
                        raise check.error(name, value)
            return func(*args, **kwargs)

        wrapper.__checks__ = checks
        wrapper.__data_checks__ = data
        return wrapper

    return checked


def check_int(name: str, value, minimum: int) -> None:
    """``value`` must be an integer (not a bool) of at least ``minimum``: for checks inside
    functions that are not in the vocabulary table (the table's parameters use ``validator``).

    Examples
    --------
    >>> check_int("periods", 5, 2)
    """
    check = Check([Interval(int, minimum)])
    if not check.accepts(value):
        raise check.error(name, value)
