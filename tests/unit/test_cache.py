"""The persistent cache: hits for identical input, and corrupt entries ignored, never trusted."""

from __future__ import annotations

from builder.cache import Cache


def test_roundtrip_and_miss(tmp_path):
    cache = Cache(tmp_path)
    key = cache.key("yaml", b"- id: 1\n")
    assert cache.get(key) is None
    cache.put(key, {"a": [1, 2]})
    assert cache.get(key) == {"a": [1, 2]}
    assert cache.key("yaml", b"- id: 2\n") != key
    assert (cache.hits, cache.misses) == (1, 1)


def test_corrupt_and_truncated_entries_are_ignored(tmp_path):
    cache = Cache(tmp_path)
    fresh = lambda: Cache(tmp_path)  # noqa: E731 - a later build reads the file anew
    key = cache.key("x", b"data")
    cache.put(key, "value")
    cache.flush()
    path = next(tmp_path.rglob("*.pickle"))
    raw = path.read_bytes()
    assert fresh().get(key) == "value"
    path.write_bytes(raw[:-3] + b"zzz")  # flipped bytes: checksum no longer matches
    assert fresh().get(key) is None
    path.write_bytes(raw[:10])  # torn write
    assert fresh().get(key) is None
    path.write_bytes(b"garbage")
    assert fresh().get(key) is None


def test_flush_keeps_only_what_the_build_used(tmp_path):
    cache = Cache(tmp_path)
    cache.put("old", 1)
    cache.put("kept", 2)
    cache.flush()
    second = Cache(tmp_path)
    assert second.get("kept") == 2
    second.put("new", 3)
    second.flush()
    third = Cache(tmp_path)
    assert (third.get("old"), third.get("kept"), third.get("new")) == (None, 2, 3)


def test_data_file_entries_are_files_of_their_own(tmp_path):
    """A ledger file's entry is saved alone: editing one file rewrites one entry, and an entry
    no build uses any more is deleted; a torn entry file is ignored."""
    import pickle

    cache = Cache(tmp_path)
    one, two = cache.key("data-file", b"one"), cache.key("data-file", b"two")
    cache.put(one, ("ok", 1))
    cache.put(two, ("ok", 2), pickle.dumps(("ok", 2)))  # already pickled by a worker: saved as is
    cache.put(cache.key("markdown", b"x"), "<p>x</p>")
    cache.flush()
    entries = tmp_path / "entries"
    assert sorted(p.name for p in entries.iterdir()) == sorted(
        f"{k.replace(':', '-')}.pickle" for k in (one, two))
    assert Cache(tmp_path).get(one) == ("ok", 1) and Cache(tmp_path).get(two) == ("ok", 2)
    second = Cache(tmp_path)
    three = second.key("data-file", b"three")
    second.put(three, ("ok", 3))
    second.get(one)
    second.flush()  # `two` was not used by this build: gone
    assert sorted(p.name for p in entries.iterdir()) == sorted(
        f"{k.replace(':', '-')}.pickle" for k in (one, three))
    path = entries / f"{one.replace(':', '-')}.pickle"
    path.write_bytes(path.read_bytes()[:20])
    assert Cache(tmp_path).get(one) is None
    assert Cache(tmp_path).get(three) == ("ok", 3)


def test_disabled_cache_stores_nothing(tmp_path):
    cache = Cache(None)
    cache.put("k", 1)
    assert cache.get("k") is None


def test_second_build_reuses_parses_and_gives_same_output(make_site, site_files, run_cli):
    root = make_site(site_files)
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    first = {p.relative_to(root / "public"): p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    assert list((root / ".cache").rglob("*.pickle"))
    for entry in (root / ".cache").rglob("*.pickle"):
        entry.write_bytes(b"cbc1" + b"\0" * 40)  # every entry corrupt: must rebuild, not crash
    from builder import cache as cache_module
    cache_module._SHARED.clear()  # as a new process would: read the (corrupt) file again
    (root / ".cache" / "last-build.json").unlink()  # else nothing changed and the build is skipped
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    second = {p.relative_to(root / "public"): p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    assert first == second


def test_an_edit_rewrites_a_few_files_of_a_kind(tmp_path):
    """A kind is spread over SHARDS files: one entry replaced rewrites at most two of them."""
    from builder.cache import SHARDS

    cache = Cache(tmp_path)
    keys = [cache.key("markdown", f"page {i}") for i in range(200)]
    for key in keys:
        cache.put(key, f"<p>{key}</p>")
    cache.flush()
    files = sorted(tmp_path.glob("markdown.*.pickle"))
    assert len(files) == SHARDS
    before = {p.name: p.stat().st_ino for p in files}
    second = Cache(tmp_path)
    for key in keys[1:]:
        assert second.get(key) == f"<p>{key}</p>"
    second.put(second.key("markdown", "page 0, edited"), "<p>new</p>")
    second.flush()
    after = {p.name: p.stat().st_ino for p in tmp_path.glob("markdown.*.pickle")}
    assert 1 <= sum(before[name] != after[name] for name in before) <= 2
    third = Cache(tmp_path)
    assert third.get(keys[0]) is None and third.get(keys[1]) == f"<p>{keys[1]}</p>"
