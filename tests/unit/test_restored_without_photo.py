# SPDX-License-Identifier: GPL-2.0-or-later
"""A verification marked restored (B) with no photo, which its form refuses to save, went
into the master from a package or a decision with nothing said, and `progress` counted the
patch restored, its cautions silent on it. It is taken as given (its photo may come in a
later package), the merge and the decision name it as a warning, and `progress` names each
patch so counted as a caution, until a photo comes."""

import json

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.forms import attach_photo
from field_kit.messages_zh import chinese
from field_kit.reports.progress import progress
from tests.unit.gpkg_factory import edit
from tests.unit.test_progress import photo_file, verify

CODE = "CT6504222017000026002"
RESTORE = "UPDATE patch_verifications SET remediation_status = 'B' WHERE uuid = ?"
NO_PHOTO = "with no photo"


def _verified(master) -> str:
    """A verification of CODE in progress (C), made in the master by its form."""
    conn = connect(master)
    try:
        return verify(conn, CODE, "C", measured=100000, treated=50000, on="2026-11-20")
    finally:
        conn.close()


def _checkout(master, tmp_path, device) -> str:
    pkg = str(tmp_path / f"{device}.gpkg")
    assert main(["checkout", str(master), pkg, "--device", device,
                 "--township", "郭勒布依乡"]) == errors.OK
    return pkg


def _merged(master, pkg, capsys, code=errors.OK):
    assert main(["export", pkg, f"{pkg}.zip"]) == errors.OK
    capsys.readouterr()
    assert main(["merge", str(master), f"{pkg}.zip", "--json"]) == code
    got = capsys.readouterr()
    return json.loads(got.out), got.err


def _said(uuid: str) -> str:
    return ("patch_verifications: 1 verification marks its patch restored "
            f"(remediation_status B) with no photo, which the form needs: {CODE} ({uuid}); "
            "taken as given, and counted restored: attach its photo")


def _cautions(master) -> list:
    return [c.text for c in progress(master, "2026-12-01").cautions if NO_PHOTO in c.text.en
            or "未附照片" in c.text.zh]


def test_restored_without_a_photo_is_said_by_the_merge_and_progress(master, tmp_path, capsys):
    uuid = _verified(master)
    t1 = _checkout(master, tmp_path, "tab-1")
    edit(t1, RESTORE, uuid)
    report, err = _merged(master, t1, capsys)
    assert report["totals"]["applied"] == 1, report
    (said,) = [f for f in report["codes_followed"] if f["what"] == "restored without a photo"]
    assert said["said"] == _said(uuid) and said["records"] == [f"{CODE} ({uuid})"], said
    assert chinese(_said(uuid)) == (
        "图斑核查记录：1 条记录将图斑标记为已恢复治理（恢复治理情况 B），但未附照片"
        f"（表单要求须附照片）：{CODE}（{uuid}）；已按原样接收，并计为已恢复治理，请补附照片")
    # counted restored, as recorded, and cautioned by its patch
    p = progress(master, "2026-12-01")
    assert next(x for x in p.patches if x.patch_code == CODE).status == "B"
    (caution,) = _cautions(master)
    assert f"patch {CODE} is counted restored by its latest verification {uuid} " \
           "(2026-11-20), which has no photo" in caution.en, caution.en
    assert f"图斑 {CODE} 按最近的核查记录 {uuid}（2026-11-20）计为已恢复治理，该记录未附照片" \
        in caution.zh, caution.zh
    assert main(["progress", str(master), "--date", "2026-12-01"]) == errors.OK
    assert caution.en in capsys.readouterr().out
    # its photo, sent in a later package: nothing said, no caution left
    t2 = _checkout(master, tmp_path, "tab-2")
    conn = connect(t2)
    try:
        attach_photo(conn, "patch_verifications", uuid, photo_file(tmp_path))
    finally:
        conn.close()
    report, err = _merged(master, t2, capsys)
    assert NO_PHOTO not in err and not [
        f for f in report["codes_followed"] if f["what"] == "restored without a photo"], err
    assert _cautions(master) == []


def test_restored_with_its_photo_in_the_same_package_says_nothing(master, tmp_path, capsys):
    uuid = _verified(master)
    t1 = _checkout(master, tmp_path, "tab-1")
    edit(t1, RESTORE, uuid)
    conn = connect(t1)
    try:
        attach_photo(conn, "patch_verifications", uuid, photo_file(tmp_path))
    finally:
        conn.close()
    report, err = _merged(master, t1, capsys)
    assert report["totals"]["applied"] == 2, report
    assert NO_PHOTO not in err, err
    assert _cautions(master) == []


def test_a_decision_marking_it_restored_without_a_photo_is_said(master, tmp_path, capsys):
    uuid = _verified(master)
    t1, t2 = (_checkout(master, tmp_path, d) for d in ("tab-1", "tab-2"))
    edit(t1, "UPDATE patch_verifications SET remediation_status = 'A' WHERE uuid = ?", uuid)
    edit(t2, "UPDATE patch_verifications SET remediation_status = 'D' WHERE uuid = ?", uuid)
    _merged(master, t1, capsys)
    report, _ = _merged(master, t2, capsys, errors.CONFLICTS)
    assert report["totals"]["conflict"] == 1, report
    (conflict,) = connect(master).execute(
        "SELECT id FROM sync_conflicts WHERE status = 'open'").fetchall()
    assert main(["resolve", str(master), str(conflict[0]), "--value", "B"]) == errors.OK
    assert _said(uuid) in capsys.readouterr().out
    assert len(_cautions(master)) == 1
