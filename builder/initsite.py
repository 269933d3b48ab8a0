"""`chabaocu init DIR [--year 2017] [--county 桓台县]`: a new campaign site, ready to fill in.

It writes site.toml with the plan's targets and dates for the year (the things to fill in
marked 待填), the two single pages every campaign site has (活动介绍, 举报与联系), one data file
per record kind holding no record yet but saying what it is for and how to add one, and a
copy of the theme. Such a site builds, passes `check`, and shows 暂无数据 where figures will
go, so a clerk can publish the introduction on day one and fill in the rest as it comes.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

from builder.cliparser import checked
from builder.diagnostics import UserError, os_error_reason
from builder.names import MAX_PATH, NameProblem, check_display_name
from builder.newrecord import stub
from builder.schema.records import KINDS

EXIT_OK, EXIT_USER = 0, 1
THEME = Path(__file__).resolve().parent.parent / "themes" / "default"


class InitError(UserError):
    """`init` cannot make the new site (exit 1)."""


def add_parser(sub) -> None:
    p = sub.add_parser("init", help="新建一个活动网站（init）：chabaocu init 文件夹 --year 2017",
                       description="在一个新文件夹里建立下一年度（或另一个县）的“查保促”活动网站：site.toml、"
                                   "活动介绍和举报与联系两个页面、每种记录一个空数据文件（附填写方法），以及网站主题。")
    p.add_argument("folder", type=lambda text: Path(checked(check_display_name, "文件夹", MAX_PATH)(text)), metavar="文件夹", help="新网站所在的文件夹；必须是新的或空的")
    p.add_argument("--year", type=int, default=None, metavar="年度", help="活动年度，例如 2017；默认今年")
    p.add_argument("--county", default="桓台县", metavar="县", help="县（区）名称，例如 桓台县（默认）")


def run(args) -> int:
    try:
        made = init_site(args.folder, year=args.year or dt.date.today().year, county=args.county)
    except InitError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USER
    print(f"已新建活动网站：{made}")
    print("下一步：1. 打开 site.toml，把写着“待填”的地方按本县的行动方案改好（网址、文号、集中行动截止日、电话）；")
    print("        2. 在 data/towns.yaml 里写上各镇（街道），再用 chabaocu new record 逐种录入数据；")
    print(f"        3. 运行 chabaocu check --site {made} 检查，chabaocu build --site {made} 生成网站。")
    return EXIT_OK


def _check(folder: Path, year: int, county: str) -> None:
    if not 2000 <= year <= 2100:
        raise InitError(f"年度 {year} 不对", "写四位数的年份，例如 --year 2017")
    try:
        check_display_name(county, "县名", 20)
    except NameProblem as problem:
        raise InitError(problem.message, "写县（区）的名称，例如 --county 桓台县") from None
    if any(ch in "/\\\"" for ch in county):
        raise InitError(f"县名“{county}”不能用作网站名称", "写县（区）的名称，例如 --county 桓台县")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(f"{folder} 已经存在且不是空文件夹，不会覆盖里面的文件",
                        "换一个新的文件夹名，例如 cbc2017")
    if not THEME.is_dir():
        raise InitError(f"找不到网站主题 {THEME}", "重新安装 chabaocu（make venv）")


def init_site(folder: Path, *, year: int, county: str, today: dt.date | None = None) -> Path:
    """Write the new site into `folder` (new or empty) and return it."""
    _check(folder, year, county)
    today = today or dt.date.today()
    files = {"site.toml": site_toml(year, county, today),
             "content/pages/about.md": ABOUT.format(year=year, county=county),
             "content/pages/contact.md": CONTACT.format(year=year, county=county)}
    for name in KINDS:
        files[f"data/{name}.yaml"] = data_file(name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for rel, text in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        for section in ("news", "notices", "policies", "images"):
            (folder / "content" / section).mkdir(exist_ok=True)
        shutil.copytree(THEME, folder / "themes" / "default")
    except OSError as exc:
        raise InitError(f"无法在 {folder} 建立网站：{os_error_reason(exc)}",
                        "检查文件夹的路径是否写对、上一级文件夹是否存在、是否有写入权限") from None
    return folder


def data_file(kind: str) -> str:
    """An empty list of `kind` records under a comment saying what they are and how to add one."""
    schema = KINDS[kind]
    example = stub(schema, "", None, f"chabaocu new record {kind}").rstrip("\n").split("\n")
    return (f"# {schema.label}（{kind}）：{schema.doc}\n"
            "# 还没有记录。新增一条：在网站文件夹里运行\n"
            f"#     chabaocu new record {kind}\n"
            "# 程序会在下面加一条带字段说明的待填记录，编号自动取下一个；也可以照下面的格式手工添加，\n"
            "# 写好后删掉最后一行的 []。每个字段的含义见 docs/schema.md。\n"
            "#\n" + "".join(f"# {line}\n" for line in example[3:]) + "[]\n")


def site_toml(year: int, county: str, today: dt.date) -> str:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    as_of = min(max(today, start), end)
    return SITE_TOML.format(year=year, county=county, as_of=as_of.isoformat())


SITE_TOML = """\
# {county} {year} 年“查身边隐患、保职工安全、促企业发展”活动专题 —— 站点配置（chabaocu init 生成）
# 写着“待填”的地方，请按本县 {year} 年的行动方案改写；每个键的含义见 docs/schema.md。

[site]
title = "{county}“查身边隐患、保职工安全、促企业发展”活动专题"
subtitle = "{year}年“查保促”群众性安全生产活动"
slogan = "查身边隐患　保职工安全　促企业发展"
language = "zh-CN"
base_url = "https://www.example.gov.cn/zt/cbc{year}/"     # 待填：正式发布的网址（以 / 结尾）
organizers = ["{county}总工会", "{county}安全生产监督管理局"]
undertakers = ["{county}总工会劳动保护部"]
# site_code = "待填：政府网站标识码"
# icp = "待填：ICP 备案号"
# police_record = "待填：公安机关备案号"
# contact_email = "待填：公开的联系邮箱"
demo = false

[campaign]
name = "查身边隐患、保职工安全、促企业发展"
short = "查保促"
year = {year}
start = {year}-01-01
end = {year}-12-31
concentrated_action_end = {year}-04-30     # 待填：集中行动截止日（按本年方案）
report_due_day = 25                    # 月报：每月 25 日前报县总工会
# plan_doc_no = "待填：行动方案文号"

# 县总工会集中督导的日期（按本年方案改）
[[campaign.rounds]]
name = "第一轮集中督导"
start = {year}-01-11
end = {year}-01-31

[[campaign.rounds]]
name = "第二轮集中督导"
start = {year}-03-11
end = {year}-03-31

# 行动方案的量化目标（比例写成 0 到 1 之间的小数，100% 写 1.0）
[campaign.targets]
leader_training_min = 1
leader_training_max = 2
worker_training_min = 1
worker_training_max = 2
training_coverage = 1.0
drills_per_enterprise = 2
team_participation = 1.0
supervision_coverage = 1.0

[build]
theme = "default"
output = "public"
print_output = "print"
as_of = {as_of}      # 统计截止日：所有数字按这一天计算；每次发布前改成当天
per_page = 15
pdf = true

[handbook]
county_union = "{county}总工会"
county_safety = "{county}安全生产监督管理局"

# 联系电话：全站只在这里写一次（页脚、“举报与联系”页、手册附录和文章里的 {{{{电话:名称}}}} 都从这里取）。
# 待填：活动办公室的电话，去掉下面几行行首的“# ”后改成本县的号码（只写办公座机，不写个人手机）。
# [[contacts]]
# key = "活动办公室"
# unit = "{county}总工会"
# office = "劳动保护部（“查保促”活动办公室）"
# phone = "0533-0000000"
# campaign = true

[[contacts]]
key = "12350"
unit = "全国安全生产举报投诉电话"
office = "举报安全生产违法行为和事故隐患"
phone = "12350"
hotline = true

[[contacts]]
key = "12351"
unit = "职工服务热线"
office = "职工向工会反映诉求、寻求帮助"
phone = "12351"
hotline = true

# 发布前检查：这些栏目的文章应当写摘要和来源（check 给警告，check --strict 算错误）
[expect]
news = ["summary", "source"]
notices = ["summary", "source"]

[sections]
news = "工作动态"
notices = "通知公告"
policies = "政策法规"
pages = "专题介绍"
"""

ABOUT = """\
---
title: "{year}年“查保促”活动介绍"
date: {year}-01-01
summary: "{county}{year}年“查身边隐患、保职工安全、促企业发展”群众性安全生产活动的主题、重点和目标。"
source: "{county}总工会"
---

为推动群众性安全隐患排查治理全员化、制度化、长效化，{county}总工会、{county}安全生产监督管理局在全县开展“查身边隐患、保职工安全、促企业发展”活动（简称“查保促”活动）。

## 主题和目标

- **一个主题**：明确岗位责任、扩大活动覆盖面、提高工作质量。
- **两个重点**：重点行业（高危行业尤其是危险化学品行业），重点领域（非公中小企业）。
- **一个目标**：安全生产，保职工安全、促企业发展。

## 主要内容

活动以“六查、四保、三促”为主要内容：查安全生产制度落实、查职工标准化作业、查生产设备安全防护、查职工劳动保护用品配备、查安全生产定置管理、查安全生产现场关键点控制；保自身安全、保他人安全、保设备安全、保环境安全；促安全发展、促绿色发展、促低碳发展。

本专题将陆续发布工作动态、通知公告，以及隐患排查治理、教育培训、应急演练等各项工作的统计数字。
"""

CONTACT = """\
---
title: "举报与联系"
date: {year}-01-01
summary: "职工发现安全隐患可通过企业工会、镇（街道）总工会和举报电话报告，举报人身份严格保密。"
source: "{county}总工会"
template: contact.html
---

> **举报人身份严格保密。**举报人的姓名、单位、岗位、联系方式等身份信息和举报内容，一律严格保密，不在本站或任何公开渠道发布。

## 发现隐患怎么报

1. 向班组长或现场安全管理人员报告，能当场整改的当场整改。
2. 向本企业工会报告，由企业工会登记进入隐患台账，督促落实整改。
3. 向所在镇（街道）总工会报告。
4. 拨打全国安全生产举报投诉电话{{{{电话:12350}}}}，或职工服务热线{{{{电话:12351}}}}。

## 联系我们

各单位的办公电话见下表。
"""
