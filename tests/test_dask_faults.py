"""Dask faults survived (issue 24): a worker process killed mid-annotate is replaced and the
run completes with the same tables; with no worker left the run fails within the grace time,
naming the parts left, and the same call resumes from the parts already written.

The workers are real ``dask worker --no-nanny`` processes (nothing restarts a killed one);
a test-only patch sent with ``client.run`` makes their annotation slow enough to be killed
while it runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import cloudpickle
import pandas as pd
import pytest

from analysis import store
from analysis.annotation import annotate

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests/
ROOT = Path(__file__).resolve().parents[1]


def _slow_annotation(seconds: float) -> None:
    """Run on a worker: every annotate_texts call first sleeps ``seconds``."""
    from analysis import engine

    real = getattr(engine, "_real_annotate_texts", engine.annotate_texts)
    engine._real_annotate_texts = real

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return real(*args, **kwargs)

    engine.annotate_texts = slow


def _six_docs(example_corpus) -> pd.DataFrame:
    rows = [{**row.to_dict(), "doc_id": f"{row['doc_id']}-{i}",
             "text": f"Copy {i} was filed by Anna Petrova.\n{row['text']}"}
            for i in range(3) for _, row in example_corpus.docs.iterrows()]
    return pd.DataFrame(rows).astype(dict(example_corpus.docs.dtypes))


@pytest.fixture
def scheduler():
    from distributed import Client, LocalCluster

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
    workers: list[subprocess.Popen] = []

    def start(n: int) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "ANALYSIS_PROGRESS": "0"}
        for _ in range(n):
            workers.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", cluster.scheduler_address,
                 "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        client.wait_for_workers(len([w for w in workers if w.poll() is None]), timeout=40)
        client.run(_slow_annotation, 1.5)

    yield client, start
    for w in workers:
        if w.poll() is None:
            w.kill()
            w.wait()
    client.close()
    cluster.close()


def _kill_when_running(client, how_many: int, killed: list, tasks: tuple[str, ...],
                       timeout: float = 40) -> threading.Thread:
    """A thread that SIGKILLs ``how_many`` workers as soon as each runs a task whose key
    names one of ``tasks`` (the addresses killed are appended to ``killed``)."""
    pids = client.run(os.getpid)

    def watch():
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(killed) < how_many:
            for address, keys in client.processing().items():
                if address not in killed and any(t in str(k) for k in keys for t in tasks):
                    os.kill(pids[address], signal.SIGKILL)
                    killed.append(address)
                    break
            time.sleep(0.05)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def _kill_when_annotating(client, how_many: int, killed: list) -> threading.Thread:
    """A thread that SIGKILLs ``how_many`` workers as soon as they run an annotate_part task."""
    return _kill_when_running(client, how_many, killed, ("annotate_part",))


def _annotate(docs, cache, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return annotate(docs, n_jobs=1, progress=False, cache_dir=cache, **kw)


def test_a_worker_killed_mid_annotate_is_survived(example_corpus, scheduler, tmp_path,
                                                  monkeypatch):
    client, start = scheduler
    monkeypatch.setattr(store, "PART_DOCS", 2)
    docs = _six_docs(example_corpus)
    start(2)
    killed: list = []
    watcher = _kill_when_annotating(client, 1, killed)
    t0 = time.monotonic()
    got = _annotate(docs, tmp_path / "dask", dask=client.scheduler.address)
    watcher.join()
    assert len(killed) == 1 and killed[0] not in client.nthreads()  # really lost mid-task
    assert time.monotonic() - t0 < 45
    expected = _annotate(docs, tmp_path / "mem")
    computed = got.compute()
    for table in ("sentences", "tokens", "entities"):
        pd.testing.assert_frame_equal(getattr(computed, table), getattr(expected, table))


def test_no_worker_left_fails_fast_naming_the_parts_and_resumes(example_corpus, scheduler,
                                                               tmp_path, monkeypatch):
    client, start = scheduler
    monkeypatch.setattr(store, "PART_DOCS", 2)
    monkeypatch.setattr(store, "NO_WORKERS_GRACE", 4.0)
    docs = _six_docs(example_corpus)
    start(1)
    killed: list = []
    watcher = _kill_when_annotating(client, 1, killed)
    t0 = time.monotonic()
    with pytest.raises(RuntimeError, match=r"no worker for 4 s; 3 of 3 parts are left "
                                           r"\(part-00000, part-00001, part-00002\).*"
                                           r"run the same call again to resume"):
        _annotate(docs, tmp_path, dask=client.scheduler.address)
    watcher.join()
    assert len(killed) == 1
    assert time.monotonic() - t0 < 30  # not the 13+ minutes of a hang
    start(1)  # workers again: the same call completes
    got = _annotate(docs, tmp_path, dask=client.scheduler.address)
    expected = _annotate(docs, tmp_path / "mem")
    pd.testing.assert_frame_equal(got.compute().entities, expected.entities)


def test_an_analysis_with_no_worker_left_fails_fast(example_corpus, scheduler, tmp_path,
                                                    monkeypatch):
    from analysis import backend
    from analysis.terms import term_frequencies

    client, start = scheduler
    monkeypatch.setattr(store, "PART_DOCS", 2)
    monkeypatch.setattr(backend, "NO_WORKERS_GRACE", 3.0)
    start(1)
    ann = _annotate(_six_docs(example_corpus), tmp_path, dask=client.scheduler.address)
    for pid in client.run(os.getpid).values():
        os.kill(pid, signal.SIGKILL)
    t0 = time.monotonic()
    with pytest.raises(RuntimeError, match="The analysis cannot complete: the Dask cluster has "
                                           "had no worker for 3 s; start workers"):
        term_frequencies(ann, by="source")
    assert time.monotonic() - t0 < 20


def test_a_corrupt_store_part_is_rebuilt_with_a_warning(example_corpus, dask_client, tmp_path,
                                                        monkeypatch):
    monkeypatch.setattr(store, "PART_DOCS", 2)
    docs = _six_docs(example_corpus)
    first = _annotate(docs, tmp_path, dask=dask_client.scheduler.address)
    folder = Path(first.cache["store"])
    victim = folder / "tokens" / "part-00001.parquet"
    data = bytearray(victim.read_bytes())
    data[len(data) // 3] ^= 0x04
    victim.write_bytes(bytes(data))
    with pytest.warns(UserWarning, match=r"store .* is corrupt \(1 part\(s\) differ from their "
                                         r"checksums: part-00001\)"):
        again = annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path,
                         dask=dask_client.scheduler.address)
    assert again.cache["computed"] == 0  # its documents came from the per-document cache
    pd.testing.assert_frame_equal(again.compute().tokens, first.compute().tokens)
    (folder / "manifest.json").write_text("null")
    with pytest.warns(UserWarning, match="manifest is no JSON object"):
        third = annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path,
                         dask=dask_client.scheduler.address)
    pd.testing.assert_frame_equal(third.compute().entities, first.compute().entities)


def test_a_corrupt_part_of_an_unfinished_store_is_annotated_again(example_corpus, dask_client,
                                                                  tmp_path, monkeypatch):
    from analysis import engine

    monkeypatch.setattr(store, "PART_DOCS", 2)
    docs = _six_docs(example_corpus)
    bad, real = docs["doc_id"].iloc[4], engine.annotate_texts

    def failing(items, *args, **kwargs):
        if any(doc_id == bad for doc_id, _ in items):
            raise RuntimeError("worker lost")
        return real(items, *args, **kwargs)

    monkeypatch.setattr(engine, "annotate_texts", failing)
    with pytest.raises(RuntimeError, match=r"1 of 3 parts failed in the annotation: part-00002"):
        _annotate(docs, tmp_path, dask=dask_client.scheduler.address)
    monkeypatch.setattr(engine, "annotate_texts", real)
    folder = next((tmp_path / "store").iterdir())
    victim = folder / "tokens" / "part-00000.parquet"  # done in the failed run
    victim.write_bytes(victim.read_bytes()[:-50])
    with pytest.warns(UserWarning, match=r"part part-00000 is corrupt \(tokens\)"):
        got = annotate(docs, n_jobs=1, progress=False, cache_dir=tmp_path,
                       dask=dask_client.scheduler.address)
    expected = _annotate(docs, tmp_path / "mem")
    pd.testing.assert_frame_equal(got.compute().tokens, expected.tokens)


def test_open_annotations_refuses_a_garbage_manifest(tmp_path):
    (tmp_path / "manifest.json").write_text("{\"parts\": nonsense")
    with pytest.raises(ValueError, match="no complete annotation store .*manifest is no JSON"):
        store.open_annotations(tmp_path)


def _slow_near_duplicates(seconds: float) -> None:
    """Run on a worker: every shingle-set and verification task first sleeps ``seconds``."""
    from analysis import duplicates

    for name in ("_part_sets", "_verify_part"):
        real = getattr(duplicates, f"_real{name}", getattr(duplicates, name))
        setattr(duplicates, f"_real{name}", real)

        def slow(*args, _real=real, **kwargs):
            time.sleep(seconds)
            return _real(*args, **kwargs)

        setattr(duplicates, name, slow)


def test_a_worker_killed_mid_near_duplicates_is_survived(example_corpus, scheduler, tmp_path,
                                                         monkeypatch):
    """The candidates' ids and pairs were scattered to one worker: killing it ended in
    ``FuturesCancelledError ... already forgotten``. Now the run completes; and with no
    worker left it fails within the grace time."""
    from analysis import backend
    from analysis.duplicates import near_duplicates

    client, start = scheduler
    monkeypatch.setattr(store, "PART_DOCS", 2)
    monkeypatch.setattr(backend, "NO_WORKERS_GRACE", 3.0)
    docs = _six_docs(example_corpus)  # three copies of each text: pairs across the 3 parts
    expected = near_duplicates(_annotate(docs, tmp_path), threshold=0.5)
    assert len(expected) == 6  # each of the 2 texts' 3 copies pair up: 2 x 3 pairs
    start(2)
    ann = _annotate(docs, tmp_path, dask=client.scheduler.address)  # from the document cache
    client.run(_slow_near_duplicates, 1.0)
    killed: list = []  # SIGKILL the first worker seen computing shingle sets or verifying pairs
    watcher = _kill_when_running(client, 1, killed, ("_part_sets", "_verify_part"), timeout=30)
    got = near_duplicates(ann, threshold=0.5)
    watcher.join()
    assert len(killed) == 1 and killed[0] not in client.nthreads()  # really lost mid-run
    pd.testing.assert_frame_equal(got, expected)
    folder = Path(ann.cache["store"])  # the tasks' inputs were files there, removed after
    assert not list(folder.glob("near-duplicates-*")) and (folder / "manifest.json").exists()
    for pid in client.run(os.getpid).values():  # no worker left: a clear error, soon
        os.kill(pid, signal.SIGKILL)
    t0 = time.monotonic()
    with pytest.raises(RuntimeError, match="The analysis cannot complete: the Dask cluster has "
                                           "had no worker for 3 s; start workers"):
        near_duplicates(ann, threshold=0.5)
    assert time.monotonic() - t0 < 20
    assert not list(folder.glob("near-duplicates-*"))
