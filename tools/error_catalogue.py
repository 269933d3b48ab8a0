"""docs/errors.md: the catalogue of bad input and the exact message a user sees for each.

Generated from the broken example sites the tests run (tests/examples/invalid and warnings),
so the catalogue can never drift from what the builder really prints:

    .venv/bin/python tools/error_catalogue.py > docs/errors.md
"""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "tests" / "examples"

TITLES = {
    "duplicate_id": "两个文件用了同一个编号", "duplicate_url": "两篇文章网址相同",
    "five_fixes_incomplete": "隐患已进入整改，但“五落实”不全", "front_matter_bad_date": "文章日期写错",
    "front_matter_empty": "前置信息是空的", "front_matter_missing": "文件开头没有前置信息",
    "front_matter_unterminated": "前置信息没有结束（缺第二个 ---）", "gbk_data": "文件用 GBK（记事本 ANSI）保存",
    "hazard_closed_before_found": "销号日期早于发现日期", "hazard_closed_without_date": "已销号却没有销号日期",
    "impossible_date": "不存在的日期（2016-02-30）", "listing_general_hazard": "一般隐患被挂牌督办",
    "missing_required": "缺少必填字段", "money_with_unit": "数字里写了逗号和单位（1,200元）",
    "symlink_escape": "指向站点外部的链接文件", "template_internal_field": "模板输出了内部字段（举报人代号）",
    "template_syntax": "模板语法错误", "template_undefined": "模板使用了不存在的变量",
    "toml_missing_table": "site.toml 缺少必需的表", "toml_syntax": "site.toml 格式错误",
    "toml_wrong_value": "site.toml 的值写错", "unknown_data_kind": "data/ 下的文件名拼错",
    "unknown_enum": "不在可选值里的值", "unknown_reference": "引用了不存在的镇街（索真镇）",
    "wrong_type": "类型不对（应为数字）", "yaml_alias": "YAML 锚点/别名（可被用来制造超大文件）",
    "yaml_duplicate_key": "同一条记录里键重复", "yaml_full_width_colon": "用了中文冒号“：”",
    "yaml_syntax": "YAML 格式错误", "yaml_tab": "用 Tab 缩进", "yaml_unclosed_quote": "引号没有配对",
    "future_article": "文章日期晚于统计截止日", "loose_date": "日期写成 2016/3/5 或 2016年3月5日",
    "toml_unknown_key": "site.toml 里的未知键", "unknown_field": "记录里的未知字段（含全角字母）",
    "compiled_before_as_of": "手册编印日期早于数据截止日",
    "search_synonym_alone": "站内搜索的同义词组只有一个词",
}


def render() -> str:
    out = ["# 错误信息目录（bad-input catalogue）", "",
           "本文件由 `tools/error_catalogue.py` 根据测试用的错误示例站点（`tests/examples/`）自动生成：",
           "每一项都是测试逐字核对过的真实输出。有“错误”时退出码为 1，网站不更新，之前的输出保持原样；",
           "只有“警告”时照常生成。", ""]
    for folder, heading in (("invalid", "错误（构建停止）"), ("warnings", "警告（照常生成）")):
        out += [f"## {heading}", ""]
        for case in sorted((EXAMPLES / folder).iterdir()):
            expected = case / "expected.txt"
            if not expected.is_file():
                continue
            command = (case / "command.txt").read_text(encoding="utf-8").strip() if (case / "command.txt").is_file() \
                else "check"
            out += [f"### {TITLES.get(case.name, case.name)}", "",
                    f"`chabaocu {command}`，示例：`tests/examples/{folder}/{case.name}/`", "", "```",
                    expected.read_text(encoding="utf-8").rstrip("\n"), "```", ""]
    out += ["## 其他情况（由单元测试覆盖）", "",
            "- UTF-8 带 BOM、UTF-16、CRLF 换行的文件：直接可用，行号不变（`tests/unit/test_load.py`）。",
            "- 空文件：警告“文件是空的，没有记录”（`tests/unit/test_load.py`）。",
            "- 超过 16 MB 的文件：错误“文件过大”，立即返回（`tests/unit/test_textio.py`）。",
            "- 图片缺失、损坏或不是图片，图片缺少替代文字：错误，指向文章所在行（`tests/unit/test_images.py`）。",
            "- 内容或数据里的 `<script>`、事件属性、`javascript:`/`data:` 链接、样式：被清除（`tests/unit/test_markdown.py`、"
            "`tests/unit/test_fuzz.py`）。",
            "- 公开输出中出现内部信息、手机号、身份证号、非公开邮箱：构建失败并指出文件（`tests/unit/test_privacy.py`）。",
            "- 印刷版手册中出现只适用于网站的用语（本站、本页、点击、链接、下载……）：错误“印刷版手册中出现只适用于网站的"
            "用语“点击””，指向文章或模板的那一行，提示列出检查的全部用语（`tests/unit/test_handbook.py`）。",
            "- 镇街联络人没有姓名：警告“索镇镇的联络人“镇安监站”没有姓名（name）：督导手册联络表的姓名栏只能留空手填”，"
            "指向 data/towns.yaml 中该镇的 contacts 行（`tests/unit/test_handbook.py`）。",
            "- 没有安装 libharfbuzz-subset0 或 poppler-utils：警告“缺少系统软件包，PDF 照样生成，只是更慢：…”，"
            "说明慢多少并给出 apt-get 命令，每次构建只说一次（`tests/unit/test_pdf.py`）。",
            ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
