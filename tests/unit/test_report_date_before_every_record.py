"""A report date before every record: not "no records yet" while records exist after it."""

from __future__ import annotations

from field_kit import errors
from field_kit.db import connect
from field_kit.reports.progress import progress
from tests.unit.test_progress import inspect, photo_file, run_cli, verify


def test_the_records_after_the_date_are_said_not_none(master, tmp_path, capsys,
                                                       chinese_locale):
    conn = connect(master)
    verify(conn, "ZJ6504222021027001", "B", on="2024-05-01", photos=[photo_file(tmp_path)])
    inspect(conn, "P1-1", "治理面积", 0.05, "平方千米", on="2024-05-10")
    conn.close()
    p = progress(master, "2023-12-31")
    assert (p.as_of, p.not_counted) == ("", 2)
    assert p.records_up_to().en == "no records dated up to 2023-12-31 (2 later records not " \
        "counted)"
    assert run_cli("progress", master, "--date", "2023-12-31") == errors.OK
    out = capsys.readouterr().out
    assert "进度 Progress — 2023-12-31 及之前无记录（其后的 2 条记录未计入） no records dated up " \
        "to 2023-12-31 (2 later records not counted);" in out, out
    assert "尚无记录" not in out
