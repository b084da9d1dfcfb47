"""The growing arrays of per-word-type rows that the tagger and the chunker cache."""

from __future__ import annotations

import numpy as np

_MAX_TYPES = 2_000_000  # cached word types before a cache is dropped and rebuilt


class _Rows:
    """A growing 2-D array (rows appended in blocks, capacity doubled), with the same
    rows as Python lists in :attr:`py` (cheap to index one at a time)."""

    def __init__(self, width: int, dtype, fill=0):
        self._arr = np.full((1024, width), fill, dtype=dtype)
        self._fill = fill
        self.n = 0
        self.py: list[list] = []

    def extend(self, rows) -> None:
        rows = np.asarray(rows, dtype=self._arr.dtype).reshape(-1, self._arr.shape[1])
        need = self.n + len(rows)
        if need > len(self._arr):
            cap = max(need, 2 * len(self._arr))
            grown = np.full((cap, self._arr.shape[1]), self._fill, dtype=self._arr.dtype)
            grown[:self.n] = self._arr[:self.n]
            self._arr = grown
        self._arr[self.n:need] = rows
        self.n = need
        self.py += rows.tolist()

    @property
    def array(self) -> np.ndarray:
        return self._arr[:self.n]
