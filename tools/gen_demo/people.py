"""Fictional people and phones: ordinary names and office landlines, each handed out once."""

from __future__ import annotations

import random

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
            "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔")
MALE_GIVEN = ("建国", "建军", "志强", "志刚", "永强", "海涛", "国庆", "立新", "文斌", "晓明", "海军", "宏伟", "春雷",
              "德胜", "俊杰", "玉成", "洪涛", "卫东", "明亮", "建华", "庆丰", "新民", "光辉", "振华", "鹏飞", "金亮",
              "长青", "传军", "兆峰", "学军", "伟", "强", "磊", "勇", "军", "杰", "涛", "超", "刚", "斌", "鹏", "辉",
              "波", "峰", "亮", "健", "凯", "龙", "东", "林")
FEMALE_GIVEN = ("秀英", "桂兰", "玉梅", "丽娟", "海燕", "晓红", "春梅", "红霞", "雪梅", "丽华", "淑珍", "美玲", "晓燕",
                "玉兰", "凤英", "秀芳", "静", "芳", "敏", "丽", "娟", "燕", "霞", "玲", "红", "梅", "莉", "萍", "洁",
                "琳", "颖", "婷", "慧", "艳")


class Names:
    """Ordinary fictional names (2–3 characters), each handed out once across the whole site."""

    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def next(self) -> str:
        while True:
            given = self.rng.choice(MALE_GIVEN if self.rng.random() < 0.75 else FEMALE_GIVEN)
            name = self.rng.choice(SURNAMES) + given
            if name not in self.used:
                self.used.add(name)
                return name


class Phones:
    """Unique fictional office landlines 0533-8xxxxxx (never mobiles)."""

    # The county offices' block (0533-8210001/-02/-11/-12 appear in site.toml and content/).
    RESERVED_PREFIX = "0533-82100"

    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def next(self) -> str:
        while True:
            number = f"0533-8{self.rng.randint(100000, 999999)}"
            if number not in self.used and not number.startswith(self.RESERVED_PREFIX):
                self.used.add(number)
                return number
