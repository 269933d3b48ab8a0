"""data/disqualifications.yaml: the one enterprise that loses 安康杯 eligibility."""

from __future__ import annotations

from tools.gen_demo.common import D, ordered
from tools.gen_demo.enterprises import Ent

DISQUALIFIED_ON = D(2016, 12, 16)
DISQUALIFICATION_DOC = "桓工发〔2016〕66号"


def gen_disqualifications(e: Ent) -> list[dict]:
    return [ordered("disqualifications", {
        "id": "QX-2016-01", "unit": "企业", "enterprise": e.id,
        "reason": "开展“查保促”活动不力：全年仅组织1次应急演练且部分班组未参加，"
                  "职工排查出的隐患逾期未整改，经镇（街道）督导后仍未整改到位。",
        "decided_on": DISQUALIFIED_ON, "doc_no": DISQUALIFICATION_DOC,
    })]
