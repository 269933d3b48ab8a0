"""builder.templates: filters, and every template failure reported at the theme file's line."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.diagnostics import Loc, Reporter, format_report
from builder.model import Record
from builder.schema.records import KINDS
from builder.stats import Ratio
from builder.templates import TemplateFailed, make_env, render


def test_every_filter_is_registered_in_the_one_environment(theme):
    env, _root = theme(x_html="{{ d | cn_date }} {{ m | month_label }} {{ m | month_cn }} {{ r | pct }} "
                              "{{ n | number }} {{ y | money }} {{ v | cell('pct') }}")
    text = env.get_template("x.html").render(d=dt.date(2016, 1, 13), m="2016-03", r=Ratio(1, 3), n=12345,
                                            y=1234.5, v=95.34)
    assert text == "2016年1月13日 3月 2016年3月 33.3% 12,345 1,234.50 95.3%"


@pytest.fixture
def theme(tmp_path):
    """A site root with a theme holding the given templates; returns (env, root)."""
    def make(**templates: str):
        folder = tmp_path / "themes" / "t" / "templates"
        folder.mkdir(parents=True)
        for name, text in templates.items():
            (folder / name.replace("_", ".")).write_text(text, encoding="utf-8")
        return make_env(tmp_path / "themes" / "t", tmp_path), tmp_path
    return make


def fail(env, root, name, context) -> str:
    rep = Reporter()
    with pytest.raises(TemplateFailed):
        render(env, name, context, rep, root, "content/news/a.md")
    return format_report(rep.diagnostics)


def test_render_and_autoescape(theme):
    env, root = theme(page_html="<h1>{{ title }}</h1>\n{{ body | safe }}")
    out = render(env, "page.html", {"title": "<甲>", "body": "<p>乙</p>"}, Reporter(), root, "x")
    assert out == "<h1>&lt;甲&gt;</h1>\n<p>乙</p>"


def test_syntax_error_at_its_line(theme):
    env, root = theme(page_html="<p>\n{% if x %}\n<b>\n")
    assert fail(env, root, "page.html", {"x": 1}) == (
        "themes/t/templates/page.html:3: 错误: 模板语法错误（template syntax）：Unexpected end of template. "
        "Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs "
        "to be closed is 'if'.\n"
        "    提示: 渲染 content/news/a.md 时发现；请检查这一行的 {% %} 或 {{ }} 是否成对\n"
        "共 1 个错误，0 个警告。")


def test_undefined_variable_at_its_line_in_an_included_template(theme):
    env, root = theme(page_html="{% extends 'base.html' %}{% block main %}\n\n{{ misssing }}{% endblock %}",
                      base_html="<main>\n{% block main %}{% endblock %}\n</main>")
    assert fail(env, root, "page.html", {}) == (
        "themes/t/templates/page.html:3: 错误: 模板使用了不存在的变量（undefined）：'misssing' is undefined\n"
        "    提示: 渲染 content/news/a.md 时发现；检查变量名拼写\n"
        "共 1 个错误，0 个警告。")


def test_internal_field_is_refused_at_its_line(theme):
    env, root = theme(page_html="<ul>\n{% for h in hazards %}\n<li>{{ h.reporter_ref }}</li>\n{% endfor %}\n</ul>")
    hazard = Record(KINDS["hazards"], {"id": "YH-1", "reporter_ref": "R-0001"}, Loc("data/hazards.yaml", 1), {})
    assert fail(env, root, "page.html", {"hazards": [hazard.view("public")]}) == (
        "themes/t/templates/page.html:3: 错误: 模板试图输出 hazards.reporter_ref，这是“内部（永不输出）”字段，不能出现在公开网站中\n"
        "    提示: 渲染 content/news/a.md 时发现；删除模板里这一处。举报人等内部信息永远不能输出\n"
        "共 1 个错误，0 个警告。")


def test_handbook_field_refused_on_public_site_allowed_in_handbook(theme):
    env, root = theme(page_html="{{ h.responsible_person }}")
    hazard = Record(KINDS["hazards"], {"id": "YH-1", "responsible_person": "王某"}, Loc("data/hazards.yaml", 1), {})
    report = fail(env, root, "page.html", {"h": hazard.view("public")})
    assert report.splitlines()[0] == ("themes/t/templates/page.html:1: 错误: 模板试图输出 hazards.responsible_person，"
                                      "这是“手册（内部印发）”字段，不能出现在公开网站中")
    assert render(env, "page.html", {"h": hazard.view("handbook")}, Reporter(), root, "x") == "王某"


def test_missing_template(theme):
    env, root = theme(page_html="x")
    assert fail(env, root, "special.html", {}).splitlines()[:2] == [
        "content/news/a.md: 错误: 找不到模板（template not found）：special.html",
        "    提示: 检查前置信息 template 的拼写，或在主题的 templates/ 下创建这个文件",
    ]


def test_runtime_error_in_template(theme):
    env, root = theme(page_html="\n{{ 1 // zero }}")
    assert fail(env, root, "page.html", {"zero": 0}).splitlines()[0] == (
        "themes/t/templates/page.html:2: 错误: 模板运行出错：ZeroDivisionError: integer division or modulo by zero")


GUARD_HINT = "    提示: 渲染 content/news/a.md 时发现；模板只能读取记录的字段，例如 h.description，每个字段都按可见级别检查"


@pytest.mark.parametrize("expression, message", [
    ("h.raw.get('reporter_ref')", "模板不能读取记录的 .raw（未按可见级别过滤的原始数据）"),
    ("h['raw']['reporter_ref']", "模板不能读取记录的 .raw（未按可见级别过滤的原始数据）"),
    ("h | attr('raw')", "模板不能读取记录的 .raw（未按可见级别过滤的原始数据）"),
    ("[h] | map(attribute='raw.reporter_ref') | join", "模板不能读取记录的 .raw（未按可见级别过滤的原始数据）"),
    ("h.view('internal').reporter_ref", "模板不能读取记录的 .view（未按可见级别过滤的原始数据）"),
    ("h.links", "模板不能读取记录的 .links（未按可见级别过滤的原始数据）"),
    ("'{0.raw}'.format(h)", "模板不能调用字符串的 format()，请用 format 过滤器"),
    ("h.__class__", "模板不能读取以下划线开头的属性“__class__”"),
    ("h.get.__self__", "模板不能读取以下划线开头的属性“__self__”"),
    ("path.parent", "模板不能读取文件路径或函数的属性“parent”"),
    ("full.reporter_ref", "模板拿到了未按可见级别过滤的记录 <hazards YH-1>（读取 reporter_ref 时发现）"),
    ("module.getcwd()", "模板只能读取模块里的常量，不能读取“getcwd”"),
])
def test_no_way_around_the_view(theme, tmp_path, expression, message):
    """Templates reach records only through their view: raw data, internals and back doors are refused."""
    env, root = theme(page_html=f"<p>\n{{{{ {expression} }}}}</p>")
    hazard = Record(KINDS["hazards"], {"id": "YH-1", "reporter_ref": "R-0001"}, Loc("data/hazards.yaml", 1), {})
    import os
    context = {"h": hazard.view("public"), "full": hazard, "path": tmp_path, "module": os}
    assert fail(env, root, "page.html", context) == (
        f"themes/t/templates/page.html:2: 错误: {message}（template guard）\n{GUARD_HINT}\n共 1 个错误，0 个警告。")


def test_views_still_show_their_fields_and_module_constants(theme):
    env, root = theme(page_html="{{ h.id }} {{ h.get('grade', '—') }} {{ h['id'] }} {{ enums.GRADES | join('/') }}")
    from builder.schema import enums
    hazard = Record(KINDS["hazards"], {"id": "YH-1", "reporter_ref": "R-0001"}, Loc("data/hazards.yaml", 1), {})
    out = render(env, "page.html", {"h": hazard.view("public"), "enums": enums}, Reporter(), root, "x")
    assert out == "YH-1 — YH-1 " + "/".join(enums.GRADES)


def test_compiled_templates_are_kept_and_a_full_disk_only_costs_the_compile(tmp_path, monkeypatch):
    import errno
    import os

    folder = tmp_path / "themes" / "t" / "templates"
    folder.mkdir(parents=True)
    (folder / "x.html").write_text("{{ n | number }}", encoding="utf-8")
    compiled = tmp_path / "compiled"
    compiled.mkdir()
    assert make_env(tmp_path / "themes" / "t", tmp_path, compiled).get_template("x.html").render(n=1000) == "1,000"
    assert len(list(compiled.iterdir())) == 1  # kept for the next run

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr("tempfile.NamedTemporaryFile", full)
    (folder / "y.html").write_text("{{ n | number }}!", encoding="utf-8")
    env = make_env(tmp_path / "themes" / "t", tmp_path, compiled)
    assert env.get_template("y.html").render(n=1000) == "1,000!"
    assert len(list(compiled.iterdir())) == 1
