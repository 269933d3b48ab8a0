"""data/listings.yaml: the 挂牌督办 notices for the listed 重大 hazards."""

from __future__ import annotations

from tools.gen_demo.common import ordered
from tools.gen_demo.enterprises import Ent

LISTING_ORG = "桓台县安全生产委员会办公室"


def gen_listings(listed: list[tuple[dict, tuple]], ents: dict[str, Ent]) -> list[dict]:
    """挂牌督办 notices for the listed 重大 hazards, numbered by listing date."""
    records = []
    for n, (hazard, (listed_on, deadline, delisted_on)) in enumerate(sorted(listed, key=lambda x: x[1][0]), 1):
        ent = ents[hazard["enterprise"]]
        town = ent.town
        records.append(ordered("listings", {
            "id": f"GP-2016-{n:02d}", "hazard": hazard["id"], "listing_no": f"桓安办督〔2016〕{n}号",
            "listing_org": LISTING_ORG, "responsible_unit": ent.record["name"], "supervising_unit": f"桓台县安监局、{town.name}人民政府"
            if town.type == "镇" else "桓台县安监局、城区街道办事处",
            "summary": f"{ent.record['name']}（{town.name}）{hazard['description']}，"
                       f"责令企业落实整改责任、措施、资金、时限和预案，限期完成治理。",
            "listed_on": listed_on, "deadline": deadline,
            "status": "已摘牌" if delisted_on else "挂牌督办中", "delisted_on": delisted_on,
        }))
    return records
