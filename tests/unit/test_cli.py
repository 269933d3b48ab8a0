"""builder.cli: exit codes 0/1/2, no traceback on user errors, and `new article`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def test_no_command_prints_help_and_exits_2(run_cli):
    code, out, _ = run_cli()
    assert code == 2 and "查保促活动网站与督导手册生成器" in out


def test_usage_error_exits_2_with_chinese_date_message(run_cli):
    code, out, err = run_cli("check", "--as-of", "2016-13-01")
    assert code == 2 and out == ""
    assert err.endswith("错误: --as-of：“2016-13-01”不是日期，请写成 2016-12-31\n"
                        "    提示: 运行 chabaocu check --help 查看用法\n")


def test_missing_site_exits_1(run_cli, tmp_path):
    code, _, err = run_cli("check", "--site", tmp_path)
    assert code == 1
    assert err == (f"错误: 在 {tmp_path} 找不到 site.toml（站点配置文件）\n"
                   "    提示: 进入站点目录再运行，或用 --site 指定站点目录\n")


def test_check_ok_exits_0(run_cli, make_site, site_files):
    code, out, err = run_cli("check", "--site", make_site(site_files))
    assert (code, out, err) == (0, "", "检查通过（check passed）。\n")


def test_check_with_errors_exits_1_without_traceback(run_cli, make_site, site_files):
    site_files["data/towns.yaml"] = site_files["data/towns.yaml"].replace("type: 镇", "type: 乡")
    code, out, err = run_cli("check", "--site", make_site(site_files))
    assert code == 1 and out == ""
    assert err == ("data/towns.yaml:4: 错误: 第 1 条镇街：type（类型）：“乡”不是类型的可选值\n"
                   "    提示: 可选值：镇、街道\n"
                   "共 1 个错误，0 个警告。\n")
    assert "Traceback" not in err


def test_check_finds_site_from_current_directory(run_cli, make_site, site_files, monkeypatch):
    root = make_site(site_files)
    monkeypatch.chdir(root / "content" / "news")
    assert run_cli("check")[0] == 0


def test_build_writes_output_and_reports(run_cli, make_site, site_files, tmp_path):
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--site", make_site(site_files), "--out", out, "--no-pdf")
    assert code == 0, err
    assert (out / "index.html").is_file() and (out / "news" / "2016-01-20-kickoff" / "index.html").is_file()
    assert "Traceback" not in err


def test_failed_build_exits_1_and_says_output_kept(run_cli, make_site, site_files, tmp_path):
    site_files["content/news/bad.md"] = "---\ntitle: x\n"
    code, _, err = run_cli("build", "--site", make_site(site_files), "--out", tmp_path / "out", "--no-pdf")
    assert code == 1
    assert err.endswith("共 1 个错误，0 个警告。\n构建失败，之前的输出保持不变。\n")
    assert not (tmp_path / "out").exists()


def test_internal_error_exits_2_with_traceback(run_cli, make_site, site_files, monkeypatch):
    import builder.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("bug")
    monkeypatch.setattr(builder.pipeline, "check", broken)
    code, _, err = run_cli("check", "--site", make_site(site_files))
    assert code == 2
    assert "Traceback" in err and "RuntimeError: bug" in err
    assert err.rstrip().endswith("内部错误（internal error）：这是程序的问题，不是您的文件的问题。请把以上信息发给维护人员。")


@pytest.mark.parametrize(("error", "reason"), [
    (28, "磁盘空间已满（no space left）"),
    (30, "磁盘是只读的（read-only），例如写保护的 U 盘"),
    (13, "没有权限（permission denied）"),
])
def test_a_disk_that_refuses_is_a_message_not_a_traceback(run_cli, make_site, site_files, monkeypatch, error, reason):
    """A full disk, a write-protected USB stick, a folder without permission: the user's machine,
    not a bug. A Chinese message, exit 1, and the last good output as it was."""
    import builder.pipeline

    root = make_site(site_files)
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    before = {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    (root / "content/news/2016-01-20-kickoff.md").write_text(
        "---\ntitle: 改过的标题\ndate: 2016-01-20\n---\n\n改过的正文。\n", encoding="utf-8")

    def refuse(files, out, *args, **kwargs):
        raise OSError(error, os.strerror(error), str(out / "index.html"))
    monkeypatch.setattr(builder.pipeline, "write_tree", refuse)
    code, _, err = run_cli("build", "--site", root, "--no-pdf")
    assert code == 1 and "Traceback" not in err
    assert err == (f"错误: 读写文件失败：{root / 'public' / 'index.html'}：{reason}\n"
                   "    提示: 检查磁盘空间、文件夹权限，以及 U 盘是否写保护，然后重新运行；之前的输出保持不变\n")
    assert {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()} == before


def test_new_article_is_dated_by_the_sites_as_of_and_says_what_next(run_cli, make_site, site_files):
    root = make_site(site_files)  # [build] as_of = 2016-06-30
    code, out, _ = run_cli("new", "article", "马桥镇开展应急演练", "--section", "通知公告", "--site", root,
                           "--slug", "maqiao-drill")
    assert code == 0
    assert out == ("已创建 content/notices/2016-06-30-maqiao-drill.md\n"
                   "网址：notices/2016-06-30-maqiao-drill/（生成后是 public/notices/2016-06-30-maqiao-drill/index.html）\n"
                   "下一步：用记事本打开 content/notices/2016-06-30-maqiao-drill.md，写好摘要（summary）、来源（source）和正文，"
                   "然后运行 chabaocu check 检查；边写边看用 chabaocu serve。\n")
    path = root / "content" / "notices" / "2016-06-30-maqiao-drill.md"
    assert path.read_text(encoding="utf-8").startswith('---\ntitle: "马桥镇开展应急演练"\ndate: 2016-06-30\n')
    code, _, err = run_cli("new", "article", "别的标题", "--section", "notices", "--site", root,
                           "--slug", "maqiao-drill")
    assert (code, err) == (1, "错误: 文件已存在，不会覆盖：content/notices/2016-06-30-maqiao-drill.md\n"
                              "    提示: 换一个 --slug，或不写 --slug（按日期自动编号）\n")
    assert "马桥镇开展应急演练" in path.read_text(encoding="utf-8")
    # The stub passes check, with a warning that it is not written yet; --strict refuses it.
    code, _, err = run_cli("check", "--site", root)
    assert code == 0 and "正文还是占位文字" in err
    assert run_cli("check", "--strict", "--site", root)[0] == 1


def test_new_article_date_must_be_in_the_campaign(run_cli, make_site, site_files):
    root = make_site(site_files)
    code, _, err = run_cli("new", "article", "标题", "--date", "2017-01-05", "--site", root)
    assert code == 1 and err == ("错误: 日期 2017-01-05 不在活动期间（2016-01-01 至 2016-12-31）内\n"
                                 "    提示: 用 --date 写活动期间的日期，例如 --date 2016-06-30\n")
    # A law keeps its own date.
    assert run_cli("new", "article", "安全生产法", "--section", "政策法规", "--date", "2014-08-31", "--site", root)[0] == 0
    assert (root / "content" / "policies" / "2014-08-31-1.md").is_file()


def test_new_article_unknown_section(run_cli, make_site, site_files):
    code, _, err = run_cli("new", "article", "标题", "--section", "新闻", "--site", make_site(site_files))
    assert code == 1 and err.startswith("错误: 不认识的栏目“新闻”")


def test_real_process_exit_codes(make_site, site_files):
    """The console entry point, in a real process: exit status and no traceback."""
    root = make_site(site_files)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    ok = subprocess.run([sys.executable, "-m", "builder", "check", "--site", str(root)],
                        capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    (root / "data" / "towns.yaml").write_bytes("- id: 甲\n\tname: 乙\n".encode("gbk"))
    bad = subprocess.run([sys.executable, "-m", "builder", "check", "--site", str(root)],
                         capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert bad.stderr.startswith("data/towns.yaml:1: 错误: 文件不是 UTF-8 编码（encoding）")
    assert "Traceback" not in bad.stderr


def test_strict_makes_unfinished_work_stop_check_and_build(make_site, site_files, run_cli, tmp_path):
    files = {**site_files, "content/news/2016-06-17-1.md": "---\ntitle: 演练\ndate: 2016-06-17\n---\n\n在这里写正文。\n"}
    root = make_site(files)
    code, _out, err = run_cli("check", "--site", root)
    assert code == 0 and "警告: 正文还是占位文字" in err and err.endswith("检查通过（check passed）。\n")
    code, _out, err = run_cli("check", "--strict", "--site", root)
    assert code == 1 and "错误: 正文还是占位文字" in err and "（--strict：警告也按错误计。）" in err
    out = tmp_path / "public"
    code, _out, err = run_cli("build", "--strict", "--no-pdf", "--site", root, "--out", out)
    assert code == 1 and not out.exists() and "构建失败，之前的输出保持不变。" in err
    assert run_cli("build", "--no-pdf", "--site", root, "--out", out)[0] == 0
