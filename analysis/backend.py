"""One API, two backends: annotations in memory (pandas) or in partitions (Dask).

An :class:`~analysis.model.Annotations` either holds its tables as pandas
DataFrames (the default, embedded path) or is *partitioned*: its ``parts`` list
:class:`~analysis.model.Part` objects, each a set of whole documents with their four
tables (read from an annotation store, :mod:`analysis.store`, or held in memory), and
its ``sentences``/``tokens``/``entities`` are Dask DataFrames over those parts. This
module only runs work over them: it knows a part by its ``load()`` and ``table()``.

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
import time

import pandas as pd

from .vocabulary import checked

SPLIT_EVERY = 8  # partials added up per combine task
NO_WORKERS_GRACE = 30.0  # seconds without any worker before a computation gives up
TABLES = ("sentences", "tokens", "entities")
#: environment variable read by :func:`connect` when no address is given
ENV_VAR = "ANALYSIS_DASK"


def is_partitioned(ann) -> bool:
    """True when ``ann`` is backed by partitions (Dask), False for pandas tables."""
    return getattr(ann, "parts", None) is not None


def dask_tables(parts: list, meta: dict[str, pd.DataFrame]) -> dict:
    """``{table: dask DataFrame}`` with one Dask partition per part (:class:`~analysis.model.Part`)."""
    import dask.dataframe as dd

    if not parts:  # every document filtered out: empty tables
        return {name: dd.from_pandas(meta[name], npartitions=1) for name in TABLES}
    return {name: dd.from_map(_read_table, parts, table=name, meta=meta[name],
                              enforce_metadata=False) for name in TABLES}


def _read_table(part, table: str) -> pd.DataFrame:
    return part.table(table)


def partitioned(ann, parts: list):
    """A partitioned ``Annotations`` over ``parts`` whose documents are ``ann.docs``."""
    meta = {name: getattr(ann, name).iloc[:0] if not is_partitioned(ann)
            else getattr(ann, name)._meta for name in TABLES}
    return dataclasses.replace(ann, parts=tuple(parts), **dask_tables(parts, meta))


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


def _run_part(part, partial, options: dict, docs: pd.DataFrame, columns: list):
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
            import threading

            from distributed import progress, wait

            try:
                wait(future, timeout=3)  # a bar only for work that takes a while
            except TimeoutError:  # the bar blocks until done: beside a wait that can give up
                threading.Thread(target=progress, args=(future,), kwargs={"notebook": False},
                                 daemon=True).start()
        try:
            wait_for(client, [future])
        except NoWorkersError as exc:
            raise RuntimeError(f"The analysis cannot complete: {exc}; start workers and run "
                               "it again (the annotation store is kept)") from None
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


class NoWorkersError(RuntimeError):
    """The cluster has had no worker for the grace time: the computation cannot complete."""


def wait_for(client, futures: list, *, grace: float | None = None) -> None:
    """Wait until every future is done (finished, failed or cancelled). While the cluster has
    no worker at all for ``grace`` seconds (default :data:`NO_WORKERS_GRACE`), cancel them and
    raise :class:`NoWorkersError` instead of waiting for workers that may never come. A worker
    lost while others remain is no reason: the scheduler runs its tasks again elsewhere."""
    from distributed import wait

    grace = NO_WORKERS_GRACE if grace is None else grace
    alone_since = None
    while True:
        try:
            wait(futures, timeout=2)
            return
        except TimeoutError:
            pass
        try:
            workers = len(client.nthreads())
        except Exception:  # noqa: BLE001 - the scheduler itself is unreachable
            workers = 0
        if workers:
            alone_since = None
            continue
        alone_since = alone_since or time.monotonic()
        if time.monotonic() - alone_since >= grace:
            client.cancel(futures)
            raise NoWorkersError(f"the Dask cluster has had no worker for {grace:.0f} s")


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


@checked
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
    Not run by the tests (it needs a Dask scheduler listening at that address):

    >>> client = connect("tcp://127.0.0.1:8786")  # doctest: +SKIP
    """
    address = dask or os.environ.get(ENV_VAR, "")
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
