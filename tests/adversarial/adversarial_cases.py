"""The adversarial suite's cases: a clerk's worst plausible input, one per case, and what must happen.

Each case starts from the minimal site of tests/conftest.py (one town, two enterprises, one
article), applies its own files, runs one command from inside the site folder (`site/`, with a
folder `outside/` beside it holding someone else's file), and expects an exact exit code and
exactly the text in expected/<name>.txt on stderr. tools/error_catalogue.py lists every case in
docs/errors.md, so each message there is one a test has seen word for word.

Regenerate expected/*.txt after an intended change, then read every diff:
    BUILDER_UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/adversarial
"""

from __future__ import annotations

from dataclasses import dataclass, field

HAZARD = """\
- id: YH-2016-SZ-0001
  enterprise: QY-0001
  location: 二号车间
  found_on: 2016-03-01
  source: 举报
  reporter_ref: R-7731
  category: C3
  description: 二号车间反应釜搅拌电机防护罩缺失，存在卷入风险
  grade: 一般
  status: 待整改
"""
# The first enterprise of the minimal site gets a contact person and a phone (handbook-level).
CONTACT = {"data/enterprises.yaml": ("  teams: 6\n", "  teams: 6\n  contact: 王建国\n  phone: 0533-8210001\n")}
ARTICLE = "content/news/2016-01-20-kickoff.md"
CONTACTS = '[[contacts]]\nkey = "活动办公室"\nunit = "测试县总工会"\nphone = "0533-8210002"\ncampaign = true\n\n'
CONTEST = {"data/contests.yaml": "- id: DS-2016\n  title: 技能大赛\n  date: 2016-06-24\n  trades: [化工总控工]\n",
           "data/contest_results.yaml": "- id: DS-HG-01\n  contest: DS-2016\n  trade: 化工总控工\n  name: 汪海军\n"
                                        "  enterprise: QY-0001\n  rank: 1\n  prize: 一等奖\n"}


@dataclass(frozen=True)
class Case:
    name: str
    title: str                       # the heading in docs/errors.md
    argv: tuple[str, ...]            # run from inside site/
    exit: int
    files: dict = field(default_factory=dict)     # path -> text (new or replaced); None deletes
    edits: dict = field(default_factory=dict)     # path -> (old, new): a change to a minimal-site file
    after: dict = field(default_factory=dict)     # path -> text, written after the theme is copied
    outside: dict = field(default_factory=dict)   # path under outside/ -> text, bytes, a size, or a maker(path)
    links: dict = field(default_factory=dict)     # path in site/ -> path under the test folder it points to
    before: tuple = ()               # commands run first (not part of the case's tree check)
    writes: tuple[str, ...] = ()     # paths (under the test folder) the command may change
    contains: dict = field(default_factory=dict)  # output path -> text it must contain
    compare: bool = True             # compare stderr with expected/<name>.txt


def _front(title: str) -> dict:
    return {ARTICLE: f"---\ntitle: {title}\ndate: 2016-01-20\n---\n\n正文第一段。\n"}


BUILD = ("build", "--no-pdf")
GUARD_THEME = "{% extends 'page.html' %}{% block main %}\n<p>{{ EXPR }}</p>\n{% endblock %}\n"


def _guarded(expression: str) -> dict:
    """A theme template that tries to reach past a record's view, used by the article page."""
    return {"themes/default/templates/probe.html": GUARD_THEME.replace("EXPR", expression)}


HAZARD_CSV = "编号,企业,排查日期,排查来源,六查类别,隐患描述,隐患等级,状态\n"
HAZARD_ROW = "YH-2016-SZ-0001,QY-0001,2016-03-01,职工排查,C3,配电箱门未关闭，警示标识缺失,一般,待整改\n"
TWO_TOWNS = {"data/towns.yaml": ("- id: suozhen", "- id: maqiao\n  name: 马桥镇\n  short: 马桥\n  type: 镇\n"
                                                "  union_org: 马桥镇总工会\n  safety_station: 马桥镇安监站\n- id: suozhen")}


def _instructions_only(path) -> None:
    """A workbook whose only sheet is the template's own instructions (nothing to import)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "填写说明"
    book.active["A1"] = "请在“隐患台账”工作表里填写"
    book.save(path)


PROBE_ARTICLE = {ARTICLE: "---\ntitle: 探针\ndate: 2016-01-20\ntemplate: probe.html\n---\n\n正文。\n",
                 "data/hazards.yaml": HAZARD}


CASES: list[Case] = [
    # ------------------------------------------------------------ where a build may write (--out)
    Case("out_site_itself", "--out 指向站点文件夹本身", ("build", "--out", ".", "--no-pdf"), 2),
    Case("out_contains_site", "--out 指向站点的上一级文件夹", ("build", "--out", "..", "--no-pdf"), 2),
    Case("out_in_content", "--out 在 content/ 里", ("build", "--out", "content/site", "--no-pdf"), 2),
    Case("out_in_data", "--out 是 data/", ("build", "--out", "data", "--no-pdf"), 2),
    Case("out_in_themes", "--out 在 themes/ 里", ("build", "--out", "themes/default/out", "--no-pdf"), 2),
    Case("out_is_print_handbook", "--out 是督导手册的输出目录",
         ("build", "--out", "print/handbook", "--no-pdf"), 2),
    Case("out_contains_print", "--out 包含督导手册的输出目录", ("build", "--out", "print", "--no-pdf"), 2),
    Case("out_is_internal_output", "公开网站写到内部版的目录", ("build", "--out", "print/site", "--no-pdf"), 2),
    Case("out_serve_folder", "--out 是预览（serve）的目录", ("build", "--out", ".cache/serve/public", "--no-pdf"), 2),
    Case("out_someone_elses_folder", "--out 是别人的非空文件夹", ("build", "--out", "../outside", "--no-pdf"), 2,
         outside={"mine.txt": "我的文件，不能被删。\n"}),
    Case("out_other_kind_marker", "--out 是另一种输出（督导手册）的文件夹",
         ("build", "--out", "../outside", "--no-pdf"), 2,
         outside={".chabaocu-output": 'kind = "print"\nsite = "别的站点"\n', "suozhen.html": "<p>手册</p>\n"}),
    Case("out_is_a_file", "--out 是一个文件", ("build", "--out", "site.toml", "--no-pdf"), 2),
    Case("internal_into_public", "内部版（--profile internal）写进公开网站的目录",
         ("build", "--profile", "internal", "--out", "public/internal", "--no-pdf"), 2),
    Case("internal_is_public", "内部版（--profile internal）写到公开网站的输出目录",
         ("build", "--profile", "internal", "--out", "public", "--no-pdf"), 2),
    Case("config_output_is_site", "site.toml 的 output 指向站点文件夹", BUILD, 1,
         edits={"site.toml": ("[build]\n", '[build]\noutput = "."\n')}),
    Case("config_print_output_in_content", "site.toml 的 print_output 在 content/ 里", BUILD, 1,
         edits={"site.toml": ("[build]\n", '[build]\nprint_output = "content/print"\n')}),
    Case("handbook_output_in_data", "chabaocu handbook：site.toml 的 output 在 data/ 里", ("handbook", "--no-pdf"), 1,
         edits={"site.toml": ("[build]\n", '[build]\noutput = "data/site"\n')}),
    # ------------------------------------------------------------ names and paths from users
    Case("new_slug_parent", "新文章的 slug 含 ..", ("new", "article", "演练", "--slug", "../../x"), 2),
    Case("new_slug_absolute", "新文章的 slug 是绝对路径", ("new", "article", "演练", "--slug", "/tmp/x"), 2),
    Case("new_slug_drive", "新文章的 slug 含盘符", ("new", "article", "演练", "--slug", "C:x"), 2),
    Case("new_slug_backslash", "新文章的 slug 含反斜杠", ("new", "article", "演练", "--slug", "news\\x"), 2),
    Case("new_slug_uppercase", "新文章的 slug 含大写字母或中文", ("new", "article", "演练", "--slug", "Drill演练"), 2),
    Case("new_slug_too_long", "新文章的 slug 太长", ("new", "article", "演练", "--slug", "x" * 81), 2),
    Case("new_slug_newline", "新文章的 slug 含换行", ("new", "article", "演练", "--slug", "a\nb"), 2),
    Case("new_title_empty", "新文章的标题为空", ("new", "article", ""), 2),
    Case("new_title_tab", "新文章的标题含 Tab", ("new", "article", "马桥镇\t演练"), 2),
    Case("new_title_bidi", "新文章的标题含看不见的方向控制符", ("new", "article", "演练\u202e"), 2),
    Case("new_unknown_section", "新文章的栏目不存在", ("new", "article", "演练", "--section", "新闻"), 1),
    Case("new_slug_exists", "新文章的文件已存在", ("new", "article", "演练", "--slug", "drill"), 1,
         files={"content/news/2016-06-30-drill.md": "---\ntitle: 已有文章\ndate: 2016-06-30\n---\n\n正文。\n"}),
    Case("town_id_escapes", "镇街编号含路径（会成为网址和手册文件名）", ("check",), 1,
         edits={"data/towns.yaml": ("- id: suozhen", "- id: ../suozhen")}),
    Case("town_name_newline", "镇街名称含换行", ("check",), 1,
         edits={"data/towns.yaml": ("  name: 索镇镇\n", '  name: "索镇\\n镇"\n')}),
    Case("work_image_escapes", "作品图片路径指向 content/ 以外", ("check",), 1,
         files={"data/works.yaml": "- id: ZP-1\n  kind: 漫画\n  title: 安全帽\n  enterprise: QY-0001\n"
                                   "  image: ../../etc/x.png\n  alt: 工人戴安全帽\n  consent: true\n"}),
    Case("theme_outside_themes", "site.toml 的主题名是一个路径", ("check",), 1,
         edits={"site.toml": ("[build]\n", '[build]\ntheme = "../../elsewhere"\n')}),
    Case("handbook_town_newline", "--town 含换行", ("handbook", "--town", "索镇\n镇", "--no-pdf"), 2),
    Case("template_output_into_data", "Excel 模板要保存到 data/ 里", ("template", "hazards", "-o", "data/隐患.xlsx"), 2),
    Case("template_output_not_xlsx", "Excel 模板的文件名不是 .xlsx（会覆盖数据文件）",
         ("template", "hazards", "-o", "data/towns.yaml"), 2),
    Case("export_output_exists", "导出到已存在的文件", ("export", "hazards", "-o", "../outside/台账.xlsx"), 2,
         outside={"台账.xlsx": "镇上填好的表格\n"}),
    Case("export_output_no_folder", "导出到不存在的文件夹", ("export", "hazards", "-o", "../nowhere/台账.xlsx"), 2),
    Case("export_output_reserved_name", "导出文件名是 Windows 保留名", ("export", "hazards", "-o", "../outside/CON.xlsx"), 2),
    Case("export_output_forbidden_char", "导出文件名含 Windows 不允许的字符",
         ("export", "hazards", "-o", "../outside/台账?.xlsx"), 2),
    # ------------------------------------------------------------ YAML: text stays text
    Case("yaml_hex_in_integer", "整数字段写成 0x1F（YAML 1.1 会读成 31）", ("check",), 1,
         edits={"data/enterprises.yaml": ("  employees: 120\n", "  employees: 0x1F\n")}),
    Case("yaml_sexagesimal_in_integer", "整数字段写成 1:30（YAML 1.1 会读成 90）", ("check",), 1,
         edits={"data/enterprises.yaml": ("  employees: 120\n", "  employees: 1:30\n")}),
    Case("yaml_inf_in_number", "数字字段写成 .inf", ("check",), 1,
         files={"data/hazards.yaml": HAZARD + "  funds_cny: .inf\n"}),
    Case("yaml_type_tag", "用 !!int 等类型标签", ("check",), 1,
         edits={"data/enterprises.yaml": ("  employees: 120\n", "  employees: !!int 012\n")}),
    Case("yaml_tilde_in_required_choice", "必填的选项字段写成 ~", ("check",), 1,
         edits={"data/enterprises.yaml": ("  size: 小型\n", "  size: ~\n")}),
    Case("yaml_octal_title_kept", "标题写成 012（YAML 1.1 会读成 10）", BUILD + ("--out", "out"), 0,
         files=_front("012"), writes=("site/out", "site/print"), compare=False,
         contains={"out/news/2016-01-20-kickoff/index.html": "<h1>012</h1>"}),
    Case("yaml_time_title_kept", "标题写成 12:30（YAML 1.1 会读成 750）", BUILD + ("--out", "out"), 0,
         files=_front("12:30"), writes=("site/out", "site/print"), compare=False,
         contains={"out/news/2016-01-20-kickoff/index.html": "<h1>12:30</h1>"}),
    Case("yaml_yes_title_kept", "标题写成 yes / on（YAML 1.1 会读成 true）", BUILD + ("--out", "out"), 0,
         files=_front("on"), writes=("site/out", "site/print"), compare=False,
         contains={"out/news/2016-01-20-kickoff/index.html": "<h1>on</h1>"}),
    Case("yaml_tilde_title_kept", "标题写成 ~（YAML 1.1 会读成空）", BUILD + ("--out", "out"), 0,
         files=_front("~"), writes=("site/out", "site/print"), compare=False,
         contains={"out/news/2016-01-20-kickoff/index.html": "<h1>~</h1>"}),
    Case("yaml_hex_text_kept", "文字字段写成 0x1F、.inf（YAML 1.1 会读成数字）", BUILD + ("--out", "out"), 0,
         edits={"data/towns.yaml": ("  union_org: 索镇镇总工会\n", "  union_org: 0x1F\n  safety_station: .inf\n"),
                "data/towns.yaml#2": ("  safety_station: 索镇镇安监站\n", "")},
         writes=("site/out", "site/print"), compare=False,
         contains={"out/towns/suozhen/index.html": "0x1F、.inf"}),
    # ------------------------------------------------------------ privacy
    Case("leak_contact_name", "联系人姓名（3 个字）写进了公开文章", ("check",), 1,
         edits={**CONTACT, ARTICLE: ("正文第一段。", "正文第一段。据桓台示例化工有限公司联系人王建国介绍，整改已完成。")}),
    Case("leak_reporter_code", "举报人代号写进了公开文章", ("check",), 1, files={"data/hazards.yaml": HAZARD},
         edits={ARTICLE: ("正文第一段。", "正文第一段。据职工 R-7731 反映……")}),
    Case("leak_phone_in_public_field", "手册级电话写进了公开字段", ("check",), 1,
         edits={**CONTACT, "data/towns.yaml": ("  union_org: 索镇镇总工会\n", "  union_org: 索镇镇总工会（0533-8210001）\n")}),
    Case("leak_description_in_summary", "隐患描述写进了文章摘要", ("check",), 1, files={"data/hazards.yaml": HAZARD},
         edits={ARTICLE: ("date: 2016-01-20\n", "date: 2016-01-20\nsummary: 二号车间反应釜搅拌电机防护罩缺失，存在卷入风险\n")}),
    Case("leak_mobile_in_article", "手机号码写进了公开文章", ("check",), 1,
         edits={ARTICLE: ("正文第一段。", "正文第一段。联系电话 13912345678。")}),
    Case("allow_internal_value", "site.toml 的 [privacy] allow 放行举报人代号", ("check",), 1,
         files={"data/hazards.yaml": HAZARD}, edits={"site.toml": ("[build]\n", '[privacy]\nallow = ["R-7731"]\n\n[build]\n')}),
    Case("template_reads_raw", "模板用 .raw 读取内部字段", BUILD, 1, files=PROBE_ARTICLE,
         after=_guarded("data.hazards[0].raw.get('reporter_ref')")),
    Case("template_reads_view", "模板用 .view('internal') 绕过可见级别", BUILD, 1, files=PROBE_ARTICLE,
         after=_guarded("data.hazards[0].view('internal').reporter_ref")),
    Case("template_uses_format", "模板用 str.format 读取属性", BUILD, 1, files=PROBE_ARTICLE,
         after=_guarded("'{0.raw}'.format(data.hazards[0])")),
    Case("template_reads_dunder", "模板读取 __class__ 等内部属性", BUILD, 1, files=PROBE_ARTICLE,
         after=_guarded("data.hazards[0].__class__.__init__.__globals__")),
    Case("template_internal_field", "模板直接输出内部字段", BUILD, 1, files=PROBE_ARTICLE,
         after=_guarded("data.hazards[0].reporter_ref")),
    Case("markdown_nesting_too_deep", "文章里的引用或列表嵌套几百层", ("check",), 1,
         edits={ARTICLE: ("正文第一段。", "正文第一段。\n\n" + "- " * 300 + "太深")}),
    Case("yaml_nesting_too_deep", "数据文件嵌套几百层", ("check",), 1,
         files={"data/hazards.yaml": "".join(" " * i + "- \n" for i in range(0, 400, 2))}),
    Case("toml_nesting_too_deep", "site.toml 里方括号嵌套几千层", ("check",), 1,
         edits={"site.toml": ("[build]\n", "[build]\nx = " + "[" * 3000 + "]" * 3000 + "\n")}),
    Case("javascript_image", "文章里的图片地址是 javascript:", BUILD, 1,
         edits={ARTICLE: ("正文第一段。", "正文第一段。\n\n![警示](javascript:alert(1))")}),
    Case("contest_first_prize_not_first", "“技能大赛第一名”表彰引用的成绩不是第一名", ("check",), 1, files={
        "data/contests.yaml": "- id: DS-2016\n  title: 全县职工安全技能大赛\n  date: 2016-05-20\n  trades: [电工]\n",
        "data/contest_results.yaml": "- id: CJ-1\n  contest: DS-2016\n  name: 李林\n  enterprise: QY-0001\n"
                                     "  trade: 电工\n  rank: 2\n  prize: 二等奖\n",
        "data/awards.yaml": "- id: BZ-1\n  honour: 富民强县劳动奖章\n  basis: 技能大赛第一名\n  contest_result: CJ-1\n"
                            "  date: 2016-06-01\n  decision_no: 测总发〔2016〕1号\n"}),
    # ------------------------------------------------------------ site.toml values of the wrong kind
    Case("toml_campaign_ends_before_it_starts", "site.toml 里活动结束日期早于开始日期", ("check",), 1,
         edits={"site.toml": ("end = 2016-12-31", "end = 2015-12-31")}),
    Case("toml_bool_for_integer", "site.toml 里整数写成了 true", ("check",), 1,
         edits={"site.toml": ("[build]\n", "[build]\nper_page = true\n")}),
    Case("toml_bool_for_share", "site.toml 里比例写成了 true", ("check",), 1,
         edits={"site.toml": ("[build]\n", "[campaign.targets]\ntraining_coverage = true\n\n[build]\n")}),
    Case("toml_bool_for_text", "site.toml 里文字写成了 true", ("check",), 1,
         edits={"site.toml": ("organizers = ", 'subtitle = true\norganizers = ')}),
    Case("yaml_list_for_text", "文字字段写成了列表", ("check",), 1,
         edits={"data/enterprises.yaml": ("  industry: 化工\n", "  industry: [化工, 医药]\n")}),
    Case("yaml_huge_number", "数字大到无法使用（1e999）", ("check",), 1,
         files={"data/hazards.yaml": HAZARD + "  funds_cny: 1e999\n"}),
    # ------------------------------------------------------------ spreadsheets a town sends in
    Case("import_no_header", "导入的表格找不到列名行", ("import", "hazards", "../outside/台账.csv"), 1,
         outside={"台账.csv": "甲,乙,丙\n1,2,3\n"}),
    Case("import_column_twice", "导入的表格有两列同名", ("import", "hazards", "../outside/台账.csv"), 1,
         outside={"台账.csv": HAZARD_CSV.replace("\n", ",编号\n") + HAZARD_ROW.replace("\n", ",YH-2\n")}),
    Case("import_unknown_town", "导入时 --town 写了不存在的镇街", ("import", "hazards", "../outside/台账.csv",
                                                                "--town", "索真镇"), 1,
         outside={"台账.csv": HAZARD_CSV + HAZARD_ROW}),
    Case("import_template_of_another_town", "用一个镇的模板导入另一个镇", ("import", "hazards", "../outside/t.xlsx",
                                                                        "--town", "马桥镇", "--dry-run"), 0,
         edits=TWO_TOWNS, before=(("template", "hazards", "--town", "索镇镇", "-o", "../outside/t.xlsx"),)),
    Case("import_csv_field_too_long", "CSV 文件里有一格超过 128 KB", ("import", "hazards", "../outside/台账.csv"), 1,
         outside={"台账.csv": HAZARD_CSV + HAZARD_ROW + "YH-2," + "很长" * 70000 + "\n"}),
    Case("import_too_big", "导入的文件超过 16 MB", ("import", "hazards", "../outside/台账.csv"), 1,
         outside={"台账.csv": 17 * 1024 * 1024}),
    Case("import_no_sheet", "导入的工作簿里没有可导入的工作表", ("import", "hazards", "../outside/台账.xlsx"), 1,
         outside={"台账.xlsx": _instructions_only}),
    Case("import_cannot_rewrite", "要以表格为准改写的记录不是顶格书写的列表项",
         ("import", "hazards", "../outside/台账.csv", "--force"), 1,
         files={"data/hazards.yaml": "  " + HAZARD.replace("\n  ", "\n    ")},
         outside={"台账.csv": HAZARD_CSV + HAZARD_ROW.replace(",C3,", ",C6,")}),
    Case("import_cannot_append", "导入要追加的文件不是记录列表", ("import", "hazards", "../outside/台账.csv", "--town",
                                                              "索镇镇"), 1,
         files={"data/hazards/import-suozhen.yaml": "# 导入的隐患\n[]\n"}, outside={"台账.csv": HAZARD_CSV + HAZARD_ROW}),
    Case("export_output_is_folder", "导出到一个文件夹", ("export", "hazards", "-o", "../outside/台账.xlsx"), 2,
         outside={"台账.xlsx/说明.txt": "这是一个文件夹\n"}),
    Case("serve_folder_links_outside", "预览目录是指向站点以外的链接", ("serve", "--port", "0"), 2,
         links={".cache/serve/public": "outside"}),
    # ------------------------------------------------------------ the command line itself
    Case("cli_unknown_command", "命令拼错", ("biuld",), 2),
    Case("cli_unknown_option", "选项拼错", ("serve", "--prot", "8000"), 2),
    Case("cli_missing_argument", "缺少必需的参数", ("template",), 2),
    Case("cli_missing_value", "选项后面缺少值", ("build", "--out"), 2),
    Case("cli_bad_choice", "选项的值不在可选范围", ("build", "--profile", "secret"), 2),
    Case("cli_bad_port", "端口号超出范围", ("serve", "--port", "99999"), 2),
    Case("cli_port_not_number", "端口号不是数字", ("serve", "--port", "八千"), 2),
    Case("cli_bad_date", "--as-of 日期不存在", ("check", "--as-of", "2016-13-01"), 2),
    Case("cli_flag_with_value", "开关选项带了值", ("build", "--no-pdf=yes"), 2),
    Case("cli_extra_argument", "标题含空格却没加引号", ("new", "article", "马桥镇", "开展演练"), 2),
    Case("cli_abbreviated_option", "选项只写了开头几个字母", ("build", "--no-p"), 2),
    Case("cli_no_site_here", "--site 指向没有 site.toml 的文件夹", ("check", "--site", "../outside"), 1,
         outside={"mine.txt": "x\n"}),
    # ------------------------------------------------------------ a clerk's workflow (issue 17)
    Case("contacts_key_twice", "site.toml 两个电话用了同一个名称", ("check",), 1,
         edits={"site.toml": ("[build]\n", CONTACTS + '[[contacts]]\nkey = "活动办公室"\nunit = "测试县安监局"\n'
                              'phone = "0533-8210009"\n\n[build]\n')}),
    Case("contacts_two_campaign_phones", "site.toml 有两个 campaign = true 的电话", ("check",), 1,
         edits={"site.toml": ("[build]\n", CONTACTS + '[[contacts]]\nkey = "热线"\nunit = "测试县安监局"\n'
                              'phone = "0533-8210009"\ncampaign = true\n\n[build]\n')}),
    Case("contacts_and_old_phone", "写了 [[contacts]]，页脚电话又单写了一遍", ("check",), 0,
         edits={"site.toml": ('organizers = ["测试县总工会"]\n',
                              'organizers = ["测试县总工会"]\ncontact_phone = "0533-8210002"\n\n' + CONTACTS)}),
    Case("town_union_phone_not_landline", "镇总工会办公电话不像座机号码", ("check",), 1,
         edits={"data/towns.yaml": ("  safety_station: 索镇镇安监站\n",
                                    "  safety_station: 索镇镇安监站\n  union_phone: 8210\n")}),
    Case("award_grade_disagrees", "表彰的等次与所依据的大赛成绩不一致", ("check",), 1, files=CONTEST | {
        "data/awards.yaml": "- id: BZ-1\n  honour: 富民强县劳动奖章\n  basis: 技能大赛第一名\n  grade: 二等奖\n"
                            "  enterprise: QY-0001\n  contest_result: DS-HG-01\n  decision_no: 测工发〔2016〕1号\n"
                            "  date: 2016-06-28\n"}),
    Case("alias_twice", "两篇文章写了同一个旧网址", ("check",), 1, files={
        ARTICLE: "---\ntitle: 动员会\ndate: 2016-01-20\naliases: [news/old-kickoff]\n---\n\n正文第一段。\n",
        "content/news/2016-01-21-second.md":
            "---\ntitle: 第二篇\ndate: 2016-01-21\naliases: [news/old-kickoff]\n---\n\n正文第一段。\n"}),
    Case("new_record_file_not_a_list", "要追加记录的数据文件不是记录列表", ("new", "record", "contests"), 1,
         files={"data/contests.yaml": "id: DS-1\ntitle: 大赛\n"}),
    Case("new_record_would_change_a_record", "追加会改变上一条记录（结尾保留换行的多行文字）",
         ("new", "record", "contests"), 1,
         files={"data/contests.yaml": "- id: DS-2016\n  title: 2016年技能大赛\n  date: 2016-06-24\n"
                                      "  format: |+\n    理论加实操\n"}),
    Case("init_folder_newline", "新网站的文件夹名含换行", ("init", "cbc\n2017"), 2),
    Case("init_folder_not_empty", "新网站建在已有文件的文件夹里", ("init", "../outside"), 1, outside={"mine.txt": "x\n"}),
    Case("init_cannot_create", "新网站的文件夹建不起来（上一级不存在或不可写）", ("init", "/proc/chabaocu-site"), 1),
    Case("init_county_path", "县名里有斜杠", ("init", "../outside/cbc2017", "--county", "桓台/县"), 1),
    Case("image_not_an_image", "文章里的图片文件其实不是图片", ("check",), 1, files={
        "content/images/photo.jpg": "这不是图片\n",
        ARTICLE: "---\ntitle: 动员会\ndate: 2016-01-20\n---\n\n正文第一段。\n\n![会场](/images/photo.jpg)\n"}),
]
