"""The campaign's phone numbers, written once in site.toml [[contacts]] and read everywhere.

The footer, the 举报与联系 page, the handbooks' appendix and the articles all take a number
from here, so the site and the print can never give two numbers for the same office (the
handbooks once said 0533-8210001 where the monthly-report notice said 0533-8210002). An
article writes `{{电话:活动办公室}}` where a number goes; the key is a contact's `key`.
"""

from __future__ import annotations

import re

from builder.diagnostics import Loc, Reporter
from builder.schema.core import did_you_mean

# {{电话:活动办公室}}, also with a full-width colon or spaces: {{ 电话：活动办公室 }}.
PLACEHOLDER = re.compile(r"\{\{\s*电话\s*[:：]\s*([^{}\n]*?)\s*\}\}")
# A landline with its area code (0533-8210002), or a national service line (12350, 12351).
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")
SERVICE_LINE = re.compile(r"1\d{4}")
MOBILE = re.compile(r"1[3-9]\d{9}")


def phone_problem(phone: str) -> tuple[str, str] | None:
    """(message, hint) when a number may not be published as an office's phone, else None."""
    digits = phone.replace("-", "").replace(" ", "")
    if MOBILE.fullmatch(digits):
        return (f"“{phone}”是手机号：公开的只能是办公电话（座机）或热线，不能是个人手机",
                "写办公室的座机，带区号，例如 0533-8210002")
    if not (LANDLINE.fullmatch(phone.replace(" ", "")) or SERVICE_LINE.fullmatch(digits)):
        return f"“{phone}”不像电话号码", "写区号加号码，例如 0533-8210002；全国热线写 12350"
    return None


def campaign_contact(contacts: list[dict]) -> dict | None:
    """The campaign's own number (campaign = true): the footer's, the handbooks', the notices'."""
    return next((c for c in contacts if c.get("campaign")), None)


def expand(body: str, contacts: list[dict], loc: Loc, body_line: int, rep: Reporter) -> str:
    """The article with every {{电话:…}} replaced by the number; an unknown key is an error at its line."""
    if "{{" not in body:
        return body
    by_key = {c["key"]: c for c in contacts}

    def number(match: re.Match) -> str:
        key = match.group(1)
        contact = by_key.get(key)
        if contact is not None:
            return contact["phone"]
        line = body_line + body.count("\n", 0, match.start())
        guess = did_you_mean(key, by_key)
        known = "、".join(by_key) or "（site.toml 里还没有 [[contacts]]）"
        rep.error(loc.at(line), f"电话“{key}”在 site.toml 的 [[contacts]] 里找不到",
                  (f"是否想写“{guess}”？" if guess else "") + f"可用的名称：{known}")
        return match.group(0)
    return PLACEHOLDER.sub(number, body)
