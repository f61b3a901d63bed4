# SPDX-License-Identifier: GPL-2.0-or-later
"""PostgreSQL's own English reasons, quoted by a refusal, are said in Chinese in its Chinese
line, with their detail, each said once; words not known stay as the server gave them."""

from __future__ import annotations

import pytest

from field_kit.messages_zh import chinese

SAID = [
    ('update or delete on table "forest" violates foreign key constraint "stands_fk" on table '
     '"stands" (Key (gid)=(1) is still referenced from table "stands")',
     "表 forest 的该记录仍被表 stands 引用（外键约束 stands_fk）（gid 为 1）"),
    ('duplicate key value violates unique constraint "stands_code_key" (Key (code)=(S1) '
     "already exists)", "与唯一约束 stands_code_key 冲突（值重复）（code 为 S1 的记录已存在）"),
    ('invalid input syntax for type integer: "abc"', "“abc”不是有效的 integer 值"),
    ("permission denied for table stands", "无权访问 stands"),
    ('date/time field value out of range: "2024-13-40"', "日期时间“2024-13-40”超出范围"),
    ("a trigger's own words", "a trigger's own words"),
]


@pytest.mark.parametrize("english,zh", SAID)
def test_the_servers_words_are_said_in_chinese(english, zh):
    assert chinese(f"the database refused it: {english}") == f"数据库拒绝：{zh}"
