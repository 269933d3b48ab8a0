"""data/towns.yaml: the 9 towns of 2016, and the Town facts every other kind files its records under."""

from __future__ import annotations

from dataclasses import dataclass

from tools.gen_demo.people import Names, Phones


@dataclass(frozen=True)
class Town:
    id: str
    name: str
    short: str
    type: str
    code: str          # two letters in hazard ids: YH-2016-<code>-0001
    enterprises: int   # how many demo enterprises the town gets

    @property
    def company_prefix(self) -> str:
        # Firms in the county seat are usually named after the county, not “城区”.
        return "桓台" if self.type == "街道" else self.short


TOWNS = (
    Town("chengqu", "城区街道", "城区", "街道", "CQ", 130),
    Town("suozhen", "索镇镇", "索镇", "镇", "SZ", 140),
    Town("qifeng", "起凤镇", "起凤", "镇", "QF", 105),
    Town("tianzhuang", "田庄镇", "田庄", "镇", "TZ", 95),
    Town("jingjia", "荆家镇", "荆家", "镇", "JJ", 90),
    Town("maqiao", "马桥镇", "马桥", "镇", "MQ", 130),
    Town("xincheng", "新城镇", "新城", "镇", "XC", 80),
    Town("tangshan", "唐山镇", "唐山", "镇", "TS", 70),
    Town("guoli", "果里镇", "果里", "镇", "GL", 60),
)
TOWN_BY_ID = {t.id: t for t in TOWNS}
TOWN_ORDER = {t.id: i for i, t in enumerate(TOWNS)}


def gen_towns(phones: Phones) -> list[dict]:
    """The 9 towns of 2016: each union's public office phone, and contacts with a role and an office phone
    (their names: name_contacts)."""
    records = []
    for t in TOWNS:
        roles = (f"{t.type}总工会办公室", f"{t.type}总工会劳动保护部", f"{t.type}安监站")
        records.append({
            "id": t.id, "name": t.name, "short": t.short, "type": t.type,
            "union_org": f"{t.name}总工会", "safety_station": f"{t.name}安监站",
            "contacts": [{"role": role, "phone": phones.next()} for role in roles],
        })
    for record in records:  # the unions' public office lines, drawn after the contacts' own
        record["union_phone"] = phones.next()
    return records


def name_contacts(towns: list[dict], names: Names) -> None:
    """A fictional name for every town contact (handbook-level: printed only in the town manuals).

    Drawn last from the shared Names, so no other record's name changes and no contact shares a
    name with a person shown on the public site (the privacy scan would flag it).
    """
    for town in towns:
        town["contacts"] = [{"role": c["role"], "name": names.next(), "phone": c["phone"]} for c in town["contacts"]]
