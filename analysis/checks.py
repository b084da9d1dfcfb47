"""Argument checks shared by the analysis modules: one wording for every ``ValueError``."""

from __future__ import annotations

import numpy as np


def check_choice(name: str, value, allowed) -> None:
    """``value`` must be one of ``allowed`` (booleans never count as 0/1).

    Examples
    --------
    >>> check_choice("window", "sentence", ("sentence", "paragraph"))
    """
    if isinstance(value, bool) or value not in allowed:
        raise ValueError(f"{name} must be one of {list(allowed)}, got {value!r}")


def check_int(name: str, value, minimum: int) -> None:
    """``value`` must be an integer (not a bool) of at least ``minimum``.

    Examples
    --------
    >>> check_int("top", 5, 1)
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")


def check_bool(name: str, value) -> None:
    """``value`` must be True or False (not 0/1 or a string).

    Examples
    --------
    >>> check_bool("keep_outlet_names", False)
    """
    if value is not True and value is not False:
        raise ValueError(f"{name} must be True or False, got {value!r}")
