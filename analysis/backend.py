"""One API, two backends: annotations in memory (pandas) or in partitions (Dask).

An :class:`~analysis.annotation.Annotations` either holds its tables as pandas
DataFrames (the default, embedded path) or is *partitioned*: its ``parts`` list
:class:`Part` objects, each a set of whole documents with their four tables
(read from an annotation store, :mod:`analysis.store`, or held in memory), and
its ``sentences``/``tokens``/``entities`` are Dask DataFrames over those parts.

Every analysis is written once as three steps run by :func:`map_reduce`:

* ``partial(part, **options)``: counts over one pandas ``Annotations`` (keyed by
  labels such as terms and outlet names, never by codes that differ between parts);
* ``combine(*partials)``: adds partials up (windows never cross a document and a
  document lives in one part, so counts simply add);
* ``finish(total, **options)``: scores, filters and sorts.

In memory, ``finish(partial(ann))``; partitioned, the partials are Dask tasks
(on the cluster's workers when a :func:`connect`-ed client is the default,
else threads in this process), combined in a tree of ``SPLIT_EVERY`` and
finished on a worker, so only the result reaches this process. Both backends
run the same code, so they give the same numbers.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

SPLIT_EVERY = 8  # partials added up per combine task
TABLES = ("sentences", "tokens", "entities")
#: environment variable read by :func:`connect` when no address is given
ENV_VAR = "ANALYSIS_DASK"


@dataclass(frozen=True, eq=False)
class Part:
    """One partition of an annotation: whole documents and their four tables.

    ``store``/``name`` locate it in an annotation store; ``data`` holds it in
    memory instead (:func:`partition`). ``doc_ids`` restricts it to some
    documents (after :meth:`Annotations.filter`). Parts are small and picklable:
    Dask ships them to the workers, which read their own tables.
    """

    name: str
    store: str | None = None
    doc_ids: frozenset | None = None
    data: dict | None = field(default=None, repr=False)
    engine: str = "nltk"
    model: str = ""
    ids: tuple = field(default=(), repr=False)  # every document of the part, in order

    def table(self, name: str) -> pd.DataFrame:
        """One table (``docs``, ``sentences``, ``tokens`` or ``entities``) of this part."""
        if self.data is not None:
            frame = self.data[name]
        else:
            frame = pd.read_parquet(Path(self.store) / name / f"{self.name}.parquet")
        if self.doc_ids is not None:
            frame = frame[frame["doc_id"].astype(str).isin(self.doc_ids)].reset_index(drop=True)
        return frame

    def load(self, docs: pd.DataFrame | None = None, columns: list | None = None):
        """This part as an in-memory :class:`~analysis.annotation.Annotations`.

        ``docs``: the caller's documents table for this part, without ``text`` (taken
        from the part), with ``columns`` its column order: columns the caller added
        (``span``, ...) reach the analysis, and documents it dropped are left out.
        """
        from .annotation import Annotations

        stored = self.table("docs")
        if docs is not None:
            if "text" in columns:
                docs = docs.merge(stored[["doc_id", "text"]], on="doc_id", how="left")
            stored = docs[columns].reset_index(drop=True)
        keep = set(stored["doc_id"].astype(str))
        tables = [self.table(t) for t in TABLES]
        tables = [t if len(keep) == len(self.ids) and self.doc_ids is None
                  else t[t["doc_id"].astype(str).isin(keep)].reset_index(drop=True)
                  for t in tables]
        return Annotations(stored, *tables, engine=self.engine, model=self.model)

    def restrict(self, doc_ids: set[str]) -> "Part | None":
        """This part limited to ``doc_ids`` (None when it keeps no document)."""
        mine = set(self.ids) if self.doc_ids is None else set(self.doc_ids)
        keep = frozenset(mine & doc_ids)
        return dataclasses.replace(self, doc_ids=keep) if keep else None


def is_partitioned(ann) -> bool:
    """True when ``ann`` is backed by partitions (Dask), False for pandas tables."""
    return getattr(ann, "parts", None) is not None


def dask_tables(parts: list[Part], meta: dict[str, pd.DataFrame]) -> dict:
    """``{table: dask DataFrame}`` with one Dask partition per :class:`Part`."""
    import dask.dataframe as dd

    if not parts:  # every document filtered out: empty tables
        return {name: dd.from_pandas(meta[name], npartitions=1) for name in TABLES}
    return {name: dd.from_map(_read_table, parts, table=name, meta=meta[name],
                              enforce_metadata=False) for name in TABLES}


def _read_table(part: Part, table: str) -> pd.DataFrame:
    return part.table(table)


def partitioned(ann, parts: list[Part]):
    """A partitioned ``Annotations`` over ``parts`` whose documents are ``ann.docs``."""
    meta = {name: getattr(ann, name).iloc[:0] if not is_partitioned(ann)
            else getattr(ann, name)._meta for name in TABLES}
    return dataclasses.replace(ann, parts=tuple(parts), **dask_tables(parts, meta))


def partition(ann, *, parts: int):
    """Split an in-memory ``Annotations`` into ``parts`` partitions of whole documents.

    The result runs every analysis through Dask (on the default client, if any);
    it gives the same results as ``ann``. Mostly for tests and small experiments:
    a corpus that does not fit in memory is annotated into a store instead
    (``annotate(..., dask=...)``).

    Examples
    --------
    >>> part_ann = partition(ann, parts=4)  # doctest: +SKIP
    >>> term_frequencies(part_ann).equals(term_frequencies(ann))  # doctest: +SKIP
    True
    """
    from .checks import check_int

    check_int("parts", parts, 1)
    if is_partitioned(ann):
        raise ValueError("ann is already partitioned; pass the in-memory Annotations")
    ids = ann.docs["doc_id"].astype(str).tolist()
    size = -(-len(ids) // parts) if ids else 1
    out = []
    for i in range(0, max(len(ids), 1), size):
        keep = set(ids[i:i + size])
        data = {name: frame[frame["doc_id"].astype(str).isin(keep)].reset_index(drop=True)
                for name, frame in (("docs", ann.docs),
                                    *((t, getattr(ann, t)) for t in TABLES))}
        out.append(Part(f"part-{len(out):05d}", data=data, engine=ann.engine, model=ann.model,
                        ids=tuple(ids[i:i + size])))
    return partitioned(ann, out)


def map_reduce(ann, partial, combine, finish=None, **options):
    """``finish(combine(partial(part) for each part))``; in memory ``finish(partial(ann))``.

    ``partial``, ``combine`` and ``finish`` must be module-level functions (Dask
    pickles them). ``options`` go to ``partial`` and ``finish`` alike.
    """
    if not is_partitioned(ann):
        out = partial(ann, **options)
        return finish(out, **options) if finish is not None else out
    import dask

    columns = list(ann.docs.columns)
    nodes = [dask.delayed(_run_part, pure=False)(p, partial, options, docs, columns)
             for p, docs in zip(ann.parts, _docs_per_part(ann))]
    if not nodes:  # every document filtered out: the partial of no documents
        nodes = [dask.delayed(partial)(empty(ann), **options)]
    while len(nodes) > 1:
        nodes = [dask.delayed(combine)(*nodes[i:i + SPLIT_EVERY])
                 for i in range(0, len(nodes), SPLIT_EVERY)]
    node = dask.delayed(finish)(nodes[0], **options) if finish is not None else nodes[0]
    return compute(node)


def empty(ann):
    """An in-memory ``Annotations`` with the columns of ``ann`` and no rows."""
    tables = {t: getattr(ann, t)._meta if is_partitioned(ann) else getattr(ann, t).iloc[:0]
              for t in TABLES}
    return dataclasses.replace(ann, docs=ann.docs.iloc[:0], parts=None, **tables)


def _docs_per_part(ann) -> list[pd.DataFrame]:
    """The rows of ``ann.docs`` (without ``text``, which the parts hold) of each part."""
    where = {d: i for i, p in enumerate(ann.parts) for d in p.ids}
    docs = ann.docs.drop(columns=["text"], errors="ignore")
    part_of = docs["doc_id"].astype(str).map(where)
    groups = dict(tuple(docs.groupby(part_of, sort=False)))
    return [groups.get(i, docs.iloc[:0]) for i in range(len(ann.parts))]


def _run_part(part: Part, partial, options: dict, docs: pd.DataFrame, columns: list):
    return partial(part.load(docs, columns), **options)


def add_counts(*partials):
    """Combine step for counts indexed by labels: Series or DataFrames added up label by
    label; tuples and dicts of them added item by item; None stays None."""
    first = partials[0]
    if first is None:
        return None
    if isinstance(first, tuple):
        return tuple(add_counts(*items) for items in zip(*partials))
    if isinstance(first, dict):
        return {name: add_counts(*(p[name] for p in partials)) for name in first}
    frames = [p for p in partials if len(p)] or [first]  # empty ones may have other dtypes
    if len(frames) == 1:  # one partial's labels are unique already
        return frames[0]
    both = pd.concat(frames)
    return both.groupby(level=list(range(both.index.nlevels)), sort=False, dropna=False).sum()


def scatter(items: list) -> list:
    """``items`` sent to the workers ahead of the graph when a distributed client is the
    default (a graph embedding large data is slow to send), else unchanged. Fresh keys
    (``hash=False``): a rerun must not reuse the key of data a failed run released."""
    client = _default_client()
    return client.scatter(items, hash=False) if client is not None and items else items


def concat(*frames: pd.DataFrame) -> pd.DataFrame:
    """Combine step for row tables: the partials one after the other (part order kept)."""
    frames = [f for f in frames if f is not None]
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def compute(node):
    """Compute one Dask object: on the default distributed client when there is one
    (with its progress bar), else on threads here (a bar after 3 s)."""
    client = _default_client()
    if client is not None:
        future = client.compute(node)
        if _progress_wanted():
            from distributed import progress, wait

            try:
                wait(future, timeout=3)  # a bar only for work that takes a while
            except TimeoutError:
                progress(future, notebook=False)
        # straight from the worker that holds it: through the scheduler (distributed's
        # default), a result of millions of rows is held by the scheduler and copied
        # once more on the worker (at 10x the corpus: worker 2.3 GB -> 1.2 GB, this
        # process 1.9 GB -> 1.1 GB); unless the client says it cannot reach workers
        return client.gather(future, direct=client.direct_to_workers is not False)
    import dask
    from dask.diagnostics import ProgressBar

    if _progress_wanted():
        with ProgressBar(minimum=3):
            return dask.compute(node, scheduler="threads")[0]
    return dask.compute(node, scheduler="threads")[0]


def _progress_wanted() -> bool:
    return os.environ.get("ANALYSIS_PROGRESS", "1") not in ("0", "false", "False", "")


def _default_client():
    try:
        from distributed import default_client
    except ImportError:  # pragma: no cover - distributed is a dependency
        return None
    try:
        return default_client()
    except ValueError:
        return None


def connect(dask: str = ""):
    """Connect to a Dask scheduler and make it the default for every analysis.

    Parameters
    ----------
    dask : str, default ""
        A scheduler address (``"tcp://host:8786"``), ``"local"`` for a
        ``LocalCluster`` on this machine (one worker per core), or ``""`` for the
        ``ANALYSIS_DASK`` environment variable; when that is empty too, nothing
        is connected and None is returned (the in-memory default).

    Returns
    -------
    distributed.Client or None

    Examples
    --------
    >>> client = connect("tcp://127.0.0.1:8786")  # doctest: +SKIP
    """
    address = dask or os.environ.get(ENV_VAR, "")
    if not isinstance(address, str):
        raise ValueError(f"dask must be a scheduler address such as 'tcp://host:8786', "
                         f"'local' or '', got {address!r}")
    if not address:
        return None
    from distributed import Client, LocalCluster

    client = _default_client()
    if client is not None and (address == "local" or client.scheduler.address == address):
        return client
    if address == "local":
        return Client(LocalCluster(processes=True, threads_per_worker=1))
    if "://" not in address and ":" not in address:
        raise ValueError(f"dask must be a scheduler address such as 'tcp://host:8786' or "
                         f"'local', got {address!r}")
    try:
        return Client(address, timeout="10s")
    except OSError as exc:
        raise ValueError(f"no Dask scheduler answers at {address!r} ({exc}); start one with "
                         f"`dask scheduler` and workers with `dask worker {address}`") from None
