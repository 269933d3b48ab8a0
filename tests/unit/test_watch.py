"""builder.watch: editor noise, change classification, debouncing (fake clock), and a real watchdog run."""

from __future__ import annotations

import threading
import time

import pytest

from builder.watch import CONFIG, CONTENT, DATA, THEME, Changes, Debouncer, SiteWatcher, classify, is_noise


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("name", [
    ".2016-01-20-kickoff.md.swp", ".towns.yaml.swx", "4913", "towns.yaml~", ".#towns.yaml", "#towns.yaml#",
    "site.css___jb_tmp___", ".goutputstream-ABC123", ".DS_Store",
])
def test_editor_temp_files_are_noise(name):
    assert is_noise(name)


@pytest.mark.parametrize("name", ["towns.yaml", "2016-01-20-kickoff.md", "site.css", "page.html", "4913.md"])
def test_real_sources_are_not_noise(name):
    assert not is_noise(name)


@pytest.mark.parametrize(("rel", "kind"), [
    ("site.toml", CONFIG),
    ("content/news/2016-01-20-kickoff.md", CONTENT),
    ("content/images/photo.jpg", CONTENT),
    ("content", CONTENT),
    ("data/towns.yaml", DATA),
    ("data/hazards/suozhen.yaml", DATA),
    ("themes/default/templates/base.html", THEME),
    ("themes/default/static/site.css", THEME),
    ("themes", THEME),
])
def test_classify_sources(rel, kind):
    assert classify(rel, "default") == kind


@pytest.mark.parametrize("rel", [
    "public/index.html",                      # the user's build output
    ".cache/serve/public/index.html",         # serve's own output: would rebuild forever
    "README.md", "site.toml~", "data/.towns.yaml.swp", "content/news/4913",
    "data/.hidden/towns.yaml",
    "themes/other/templates/base.html",       # a theme this site does not use
    "",
])
def test_classify_ignores_what_cannot_change_the_output(rel):
    assert classify(rel, "default") is None


def test_classify_counts_every_theme_until_the_theme_is_known():
    assert classify("themes/other/templates/base.html", None) == THEME


# The fake clock steps in binary fractions (0.125 s) so the arithmetic is exact.
def test_debouncer_waits_for_a_quiet_period():
    clock = FakeClock()
    deb = Debouncer(quiet=0.25, longest=2.0, clock=clock)
    assert deb.due_in() is None and deb.take() is None
    deb.add("content/a.md", CONTENT)
    assert deb.due_in() == 0.25
    clock.now += 0.125
    assert deb.take() is None
    deb.add("data/towns.yaml", DATA)  # a second event restarts the quiet period
    clock.now += 0.125
    assert deb.due_in() == 0.125
    assert deb.take() is None
    clock.now += 0.125
    assert deb.take() == Changes(("content/a.md", "data/towns.yaml"), frozenset({CONTENT, DATA}))
    assert deb.take() is None and deb.due_in() is None


def test_debouncer_merges_repeated_events_for_one_file():
    clock = FakeClock()
    deb = Debouncer(quiet=0.25, clock=clock)
    for _ in range(5):  # write, close, modify…: one save is several events
        deb.add("content/a.md", CONTENT)
    clock.now += 0.25
    assert deb.take() == Changes(("content/a.md",), frozenset({CONTENT}))


def test_debouncer_does_not_starve_under_constant_writes():
    clock = FakeClock()
    deb = Debouncer(quiet=0.25, longest=2.0, clock=clock)
    for _ in range(15):
        deb.add("data/hazards.yaml", DATA)
        clock.now += 0.125
        assert deb.take() is None
    deb.add("data/hazards.yaml", DATA)
    clock.now += 0.125  # 2.0 s after the first event, though the last was only 0.125 s ago
    assert deb.take() is not None


def test_changes_describe_in_chinese():
    assert Changes(("content/a.md",), frozenset({CONTENT})).describe() == "content/a.md"
    assert Changes(("content/a.md", "data/b.yaml"), frozenset({CONTENT, DATA})).describe() == "content/a.md 等 2 个文件"


def test_wait_returns_the_batch_once_due():
    deb = Debouncer(quiet=0.02)
    threading.Timer(0.01, deb.add, ("content/a.md", CONTENT)).start()
    started = time.monotonic()
    batch = deb.wait(timeout=5)
    assert batch is not None and batch.paths == ("content/a.md",)
    assert time.monotonic() - started < 2


def test_wait_times_out_and_close_wakes_it():
    deb = Debouncer(quiet=0.02)
    assert deb.wait(timeout=0.01) is None
    threading.Timer(0.01, deb.close).start()
    started = time.monotonic()
    assert deb.wait(timeout=5) is None
    assert time.monotonic() - started < 2


def _site(tmp_path):
    (tmp_path / "site.toml").write_text("[site]\n", encoding="utf-8")
    for folder in ("content/news", "data", "themes/default/templates", ".cache/serve/public"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "content/news/a.md").write_text("---\ntitle: a\n---\n", encoding="utf-8")
    return tmp_path


def _wait_batch(deb: Debouncer) -> Changes | None:
    return deb.wait(timeout=10)


def test_watcher_sees_a_save_and_ignores_output_and_swap_files(tmp_path):
    root = _site(tmp_path)
    deb = Debouncer(quiet=0.05)
    watcher = SiteWatcher(root, deb, theme=lambda: "default")
    watcher.start()
    try:
        (root / ".cache/serve/public/index.html").write_text("built", encoding="utf-8")
        (root / "content/news/.a.md.swp").write_bytes(b"swap")
        (root / "content/news/a.md").write_text("---\ntitle: b\n---\n", encoding="utf-8")
        batch = _wait_batch(deb)
        assert batch == Changes(("content/news/a.md",), frozenset({CONTENT}))
    finally:
        watcher.stop()


def test_watcher_sees_a_rename_save_and_site_toml(tmp_path):
    root = _site(tmp_path)
    deb = Debouncer(quiet=0.05)
    watcher = SiteWatcher(root, deb, theme=lambda: "default")
    watcher.start()
    try:
        # Atomic save, as many editors do: write a temporary file, then rename it over the source.
        tmp = root / "data" / ".towns.yaml.tmp"
        tmp.write_text("[]\n", encoding="utf-8")
        tmp.rename(root / "data" / "towns.yaml")
        (root / "site.toml").write_text("[site]\ntitle = 'x'\n", encoding="utf-8")
        seen: set[str] = set()
        while {"data/towns.yaml", "site.toml"} - seen:
            batch = _wait_batch(deb)
            assert batch is not None, f"only saw {seen}"
            seen |= set(batch.paths)
        assert seen == {"data/towns.yaml", "site.toml"}
    finally:
        watcher.stop()


def test_watcher_picks_up_a_data_folder_created_later(tmp_path):
    root = _site(tmp_path)
    (root / "data").rmdir()
    deb = Debouncer(quiet=0.05)
    watcher = SiteWatcher(root, deb, theme=lambda: "default")
    watcher.start()
    try:
        (root / "data").mkdir()
        assert _wait_batch(deb) == Changes(("data",), frozenset({DATA}))
        watcher.refresh()  # what serve does after every batch
        (root / "data" / "towns.yaml").write_text("[]\n", encoding="utf-8")
        assert _wait_batch(deb) == Changes(("data/towns.yaml",), frozenset({DATA}))
    finally:
        watcher.stop()


def test_watcher_turns_a_vim_save_into_one_change(tmp_path):
    root = _site(tmp_path)
    deb = Debouncer(quiet=0.05)
    watcher = SiteWatcher(root, deb, theme=lambda: "default")
    watcher.start()
    try:
        news = root / "content" / "news"
        # vim with backupcopy=auto: probe the folder with "4913", move the file to its backup,
        # write it anew, delete the backup; the swap file changes alongside.
        (news / "4913").write_text("", encoding="utf-8")
        (news / "4913").unlink()
        (news / "a.md").rename(news / "a.md~")
        (news / "a.md").write_text("---\ntitle: c\n---\n", encoding="utf-8")
        (news / "a.md~").unlink()
        (news / ".a.md.swp").write_bytes(b"swap")
        assert _wait_batch(deb) == Changes(("content/news/a.md",), frozenset({CONTENT}))
    finally:
        watcher.stop()
