"""An unchanged build is skipped — but only when inputs, settings and outputs are all as left."""

from __future__ import annotations

import time


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_second_identical_build_is_skipped(make_site, site_files, run_cli):
    root = make_site(site_files)
    code, _out, err = run_cli("build", "--site", root, "--no-pdf")
    assert code == 0 and "无需重新构建" not in err
    before = _tree(root / "public")
    code, _out, err = run_cli("build", "--site", root, "--no-pdf")
    assert code == 0
    assert "内容、数据、主题和设置都没有变化，输出也完好：无需重新构建（unchanged）。" in err
    assert _tree(root / "public") == before


def test_any_change_rebuilds(make_site, site_files, run_cli):
    root = make_site(site_files)
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    article = root / "content/news/2016-01-20-kickoff.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n新的一段。\n", encoding="utf-8")
    code, _out, err = run_cli("build", "--site", root, "--no-pdf")
    assert code == 0 and "无需重新构建" not in err
    assert "新的一段" in (root / "public/news/2016-01-20-kickoff/index.html").read_text(encoding="utf-8")
    # Other settings are other builds: a different as-of date is not "unchanged".
    code, _out, err = run_cli("build", "--site", root, "--no-pdf", "--as-of", "2016-05-31")
    assert code == 0 and "无需重新构建" not in err


def test_tampered_output_is_rebuilt(make_site, site_files, run_cli):
    root = make_site(site_files)
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    good = _tree(root / "public")
    page = root / "public/index.html"
    time.sleep(0.01)
    page.write_text("被改坏的页面", encoding="utf-8")
    code, _out, err = run_cli("build", "--site", root, "--no-pdf")
    assert code == 0 and "无需重新构建" not in err
    assert _tree(root / "public") == good
    (root / "public/stray.html").write_text("多出来的文件", encoding="utf-8")
    code, _out, err = run_cli("build", "--site", root, "--no-pdf")
    assert "无需重新构建" not in err and not (root / "public/stray.html").exists()


def test_a_failed_build_is_never_skipped(make_site, site_files, run_cli):
    root = make_site(site_files)
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    towns = root / "data/towns.yaml"
    good = towns.read_text(encoding="utf-8")
    towns.write_text(good + "- id: [broken\n", encoding="utf-8")
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 1
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 1  # still an error, not "unchanged"
    towns.write_text(good, encoding="utf-8")
    code, _out, err = run_cli("build", "--site", root, "--no-pdf")
    assert code == 0 and "无需重新构建" in err  # back to the inputs of the last good build


def test_unchanged_inputs_are_not_read_again_but_a_changed_one_is(tmp_path, monkeypatch):
    """Signatures let the next build hash only what changed — and a file put back with its old
    size and modification time (cp -p, rsync -t) still counts as changed: its change time moved."""
    import os
    from pathlib import Path

    from builder import fingerprint

    root = tmp_path / "site"
    (root / "content" / "news").mkdir(parents=True)
    (root / "site.toml").write_text("[site]\n", encoding="utf-8")
    article = root / "content" / "news" / "a.md"
    article.write_text("---\ntitle: 甲\n---\n正文一\n", encoding="utf-8")
    (root / "content" / "news" / "b.md").write_text("---\ntitle: 乙\n---\n正文\n", encoding="utf-8")
    old = time.time() - 60
    for path in (root / "site.toml", article, root / "content" / "news" / "b.md"):
        os.utime(path, (old, old))
    monkeypatch.setattr(fingerprint, "RACY_SECONDS", 0.0)  # the files were just made
    first, signatures = fingerprint.inputs_digest(root, "default", {})
    assert sorted(signatures) == ["content/news/a.md", "content/news/b.md", "site.toml"]
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    assert fingerprint.inputs_digest(root, "default", {}, signatures)[0] == first
    assert read == []
    stat = article.stat()
    article.write_text("---\ntitle: 甲\n---\n正文二\n", encoding="utf-8")  # same size
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert article.stat().st_size == stat.st_size and article.stat().st_mtime_ns == stat.st_mtime_ns
    changed, _ = fingerprint.inputs_digest(root, "default", {}, signatures)
    assert changed != first and read == ["a.md"]
