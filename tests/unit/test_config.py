"""builder.config: site.toml into SiteConfig; every problem at its TOML line, word for word."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.config import find_root, load_config
from builder.diagnostics import Reporter, format_report

# Line numbers of MINIMAL_SITE_TOML (tests/conftest.py):
#  1 [site]  2 title  3 base_url  4 organizers  5 -  6 [campaign]  7 name  8 year  9 start  10 end
#  11 concentrated_action_end  12 -  13 [build]  14 as_of


@pytest.fixture
def load(make_site, site_files):
    def load_(toml: str | None = None, **kw):
        files = dict(site_files)
        if toml is not None:
            files["site.toml"] = toml
        root = make_site(files)
        rep = Reporter()
        config = load_config(root, rep, **kw)
        return config, format_report(rep.diagnostics)
    return load_


def edit(site_files, old: str, new: str) -> str:
    toml = site_files["site.toml"]
    assert old in toml
    return toml.replace(old, new, 1)


def test_minimal_config_defaults(load):
    config, report = load()
    assert report == ""
    assert config.as_of == dt.date(2016, 6, 30)
    assert config.build["theme"] == "default" and config.build["output"] == "public"
    assert config.site["subtitle"] is None  # declared keys are always present for templates
    assert config.site["language"] == "zh-CN"
    assert config.campaign["report_due_day"] == 25
    assert config.campaign["rounds"] == []
    assert config.targets["drills_per_enterprise"] == 2 and config.targets["training_coverage"] == 1.0
    assert config.sections["news"] == "工作动态"
    assert config.theme_dir.is_dir()


def test_as_of_argument_overrides_site_toml(load):
    config, _ = load(as_of=dt.date(2016, 4, 30))
    assert config.as_of == dt.date(2016, 4, 30)


def test_as_of_defaults_to_today(load, site_files):
    config, _ = load(edit(site_files, "[build]\nas_of = 2016-06-30\n", ""))
    assert config.as_of == dt.date.today()


def test_unknown_key_is_a_warning_with_did_you_mean(load, site_files):
    config, report = load(edit(site_files, "[build]\n", '[build]\nthem = "default"\n'))
    assert config is not None
    assert report == (
        "site.toml:14: 警告: [build] 未知字段（unknown key）“them”，将被忽略\n"
        "    提示: 是否想写“theme”？\n"
        "共 0 个错误，1 个警告。")


def test_unknown_table(load, site_files):
    config, report = load(edit(site_files, "[build]", "[biuld]"))
    assert config is not None
    assert report.splitlines()[:2] == [
        "site.toml:13: 警告: 未知字段（unknown key）“biuld”，将被忽略", "    提示: 是否想写“build”？"]


def test_wrong_value_is_an_error_at_its_line(load, site_files):
    config, report = load(edit(site_files, "year = 2016", 'year = "2016年"'))
    assert config is None
    assert report == (
        "site.toml:8: 错误: [campaign] year（年度）：“2016年”不是整数\n"
        "    提示: 只写阿拉伯数字，不要千分位逗号和单位，例如 2016\n"
        "共 1 个错误，0 个警告。")


def test_nested_table_value(load, site_files):
    config, report = load(site_files["site.toml"] + "\n[campaign.targets]\ntraining_coverage = 100\n")
    assert config is None
    assert report.splitlines()[:2] == [
        "site.toml:17: 错误: [campaign.targets] training_coverage（全员培训覆盖率）：不能大于 1（现在是 100）",
        "    提示: 比例写成 0 到 1 之间的小数，例如 100% 写 1.0",
    ]


def test_missing_required_key(load, site_files):
    config, report = load(edit(site_files, 'base_url = "https://example.gov.cn/cbc/"\n', ""))
    assert config is None
    assert report.splitlines()[:2] == [
        "site.toml:1: 错误: [site] 缺少必填字段 base_url（网址）",
        "    提示: 请加一行“base_url = …”。正式发布地址（用于 canonical、站点地图和订阅），例如 https://www.huantai.gov.cn/cbc/。",
    ]


def test_toml_syntax_error_line_and_column(load, site_files):
    config, report = load(edit(site_files, 'title = "', 'title: "'))
    assert config is None
    assert report == (
        "site.toml:2:6: 错误: TOML 格式错误：键后面缺少“=”（注意不是冒号）（Expected '=' after a key in a key/value pair）\n"
        '    提示: 检查这一行：文字要用英文双引号 "…" 括起来（不能用中文引号“”），键和值之间用“=”，表名写成 [site] 这样\n'
        "共 1 个错误，0 个警告。")


def test_toml_chinese_quotes(load, site_files):
    _, report = load(edit(site_files, 'organizers = ["测试县总工会"]', "organizers = “测试县总工会”"))
    assert report.splitlines()[0] == "site.toml:4:14: 错误: TOML 格式错误：值的写法不对（Invalid value）"


def test_toml_impossible_date(load, site_files):
    _, report = load(edit(site_files, "start = 2016-01-01", "start = 2016-02-30"))
    assert report.splitlines()[0] == "site.toml:9:9: 错误: TOML 格式错误：日期不存在或写法不对（Invalid date or datetime）"


def test_toml_unclosed_string(load, site_files):
    _, report = load(site_files["site.toml"] + 'theme = "default\n')
    assert report.splitlines()[0] == "site.toml:15:17: 错误: TOML 格式错误：文字缺少结尾的英文双引号（Illegal character '\\n'）"


def test_toml_error_at_end_of_document_points_at_last_line(load, site_files):
    _, report = load(site_files["site.toml"] + "\n\nper_page = [1, 2")
    assert report.splitlines()[0] == "site.toml:17: 错误: TOML 格式错误：方括号 [ ] 没有配对（Unclosed array）"


def test_toml_repeated_key(load, site_files):
    _, report = load(edit(site_files, "year = 2016\n", "year = 2016\nyear = 2017\n"))
    assert report.splitlines()[0].startswith("site.toml:9")
    assert "重复的键（duplicate key）" in report


def test_concentrated_action_outside_campaign(load, site_files):
    _, report = load(edit(site_files, "concentrated_action_end = 2016-04-30", "concentrated_action_end = 2017-04-30"))
    assert report.splitlines()[:2] == [
        "site.toml:11: 错误: [campaign] 集中行动结束日期不在活动期间内", "    提示: 方案规定 2016 年 4 月底前"]


def test_round_end_before_start(load, site_files):
    toml = site_files["site.toml"] + '\n[[campaign.rounds]]\nname = "第一轮"\nstart = 2016-01-31\nend = 2016-01-11\n'
    _, report = load(toml)
    assert report.splitlines()[:2] == ["site.toml:19: 错误: [campaign] rounds[1] 结束日期早于开始日期", "    提示: 请核对日期"]


def test_rounds_are_read(load, site_files):
    toml = site_files["site.toml"] + (
        '\n[[campaign.rounds]]\nname = "第一轮"\nstart = 2016-01-11\nend = 2016-01-31\n'
        '\n[[campaign.rounds]]\nname = "第二轮"\nstart = 2016-03-11\nend = 2016-03-31\n')
    config, report = load(toml)
    assert report == ""
    assert [(r["name"], r["start"], r["end"]) for r in config.campaign["rounds"]] == [
        ("第一轮", dt.date(2016, 1, 11), dt.date(2016, 1, 31)),
        ("第二轮", dt.date(2016, 3, 11), dt.date(2016, 3, 31)),
    ]


def test_missing_theme(load, site_files):
    config, report = load(edit(site_files, "[build]\n", '[build]\ntheme = "nothere"\n'))
    assert config is None
    assert report.splitlines()[:2] == [
        "site.toml:14: 错误: 主题“nothere”不存在：找不到 themes/nothere/", "    提示: 检查 [build] theme 的拼写，或把主题放到 themes/ 下"]


def test_print_output_inside_public_output(load, site_files):
    config, report = load(edit(site_files, "[build]\n", '[build]\noutput = "out"\nprint_output = "out/print"\n'))
    assert config is None
    assert report.splitlines()[0] == "site.toml:15: 错误: 内部输出目录 print_output 不能在公开输出目录 output 之内"


def test_no_site_toml(tmp_path):
    rep = Reporter()
    assert load_config(tmp_path, rep) is None
    assert format_report(rep.diagnostics).splitlines()[:2] == [
        "site.toml: 错误: 找不到 site.toml", "    提示: 在站点根目录运行命令，或用 --site 指定站点目录"]


def test_gbk_site_toml(make_site, site_files):
    root = make_site({**site_files, "site.toml": site_files["site.toml"].encode("gbk")})
    rep = Reporter()
    assert load_config(root, rep) is None
    assert rep.errors[0].loc.line == 2 and rep.errors[0].message.startswith("文件不是 UTF-8 编码")


def test_find_root(make_site, site_files):
    root = make_site(site_files)
    assert find_root(root / "content" / "news") == root.resolve()
    assert find_root(root.parent) is None
