# SPDX-License-Identifier: GPL-2.0-or-later
"""The Chinese interface says the core's refusals and errors in Chinese, and every string of
the plugin has its Chinese translation."""

from __future__ import annotations

import re
import sqlite3
import zipfile

import pytest

from field_kit.db import connect
from field_kit.errors import SyncError
from field_kit.sync import merge, outcomes, package_checkout, package_export
from qgis_plugin.core_messages import in_user_language
from tests.plan_build import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")


def _english_words(text: str) -> list[str]:
    """English words left, beyond names (files, devices, tables) the message carries."""
    text = re.sub(r"\S*[/\\]\S*|\S+\.(?:gpkg|zip)", "", text)  # paths and file names
    text = re.sub(r"field-kit [^）)；;]*", "", text)  # a command to type, as typed
    return [w for w in re.findall(r"\b[a-z]{4,}\b", text)
            if w not in {"field", "export", "manifest", "json", "kit", "tech", "zhao", "mine",
                         "patches", "gpkg"}]


def _package(master, tmp_path, device, role="gis"):
    pkg = tmp_path / f"{device}.gpkg"
    package_checkout.checkout(master, pkg, device, role=role)
    conn = connect(pkg)
    with conn:
        conn.execute("UPDATE mine_patches SET mineral = '花岗岩' WHERE fid = 1")
    conn.close()
    out = tmp_path / f"{device}.zip"
    package_export.export(pkg, out)
    return out


def test_merge_refusals_are_said_in_chinese(master, tmp_path):
    forged = _package(master, tmp_path, "tech-zhao")
    with zipfile.ZipFile(forged) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["manifest.json"] = members["manifest.json"].replace(b"tech-zhao", b"tech-zhaX")
    with zipfile.ZipFile(forged, "w") as z:
        for n, data in members.items():
            z.writestr(n, data)
    barred = _package(master, tmp_path, "tech-qian", role="technician")
    pkg = tmp_path / "tech-sun.gpkg"  # a technician's new column: its changes refused alone
    package_checkout.checkout(master, pkg, "tech-sun")
    with connect(pkg) as conn:
        conn.execute("ALTER TABLE patch_verifications ADD COLUMN 天气 TEXT")
        conn.execute("INSERT INTO patch_verifications (notes, 天气) VALUES ('v', '晴')")
    package_export.export(pkg, tmp_path / "tech-sun.zip")
    report = merge.merge(master, [forged, barred, tmp_path / "tech-sun.zip"])
    reasons = [reason for _, reason in report.refused]
    reasons += [o.reason for r in report.results for o in r.outcomes
                if o.status == outcomes.REFUSED]
    assert len(reasons) >= 3, reasons
    for reason in reasons:
        said = in_user_language(reason, "zh")
        assert CJK.search(said) and not _english_words(said), (reason, said)
    assert in_user_language(reasons[0], "en") == reasons[0]  # English stays as it is


def test_in_use_by_another_program_is_said_in_chinese(master, tmp_path, monkeypatch):
    import field_kit.db

    monkeypatch.setattr(field_kit.db, "BUSY_TIMEOUT_MS", 50)
    package = _package(master, tmp_path, "tech-sun")
    holder = sqlite3.connect(master, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # e.g. a QGIS edit session being saved
    try:
        with pytest.raises(SyncError) as caught:
            merge.merge(master, [package])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    said = in_user_language(caught.value.message, "zh")
    assert "占用" in said and not _english_words(said), said
    said = in_user_language("database is locked", "zh")
    assert "锁定" in said and "locked" not in said


def test_every_plugin_string_has_its_chinese_translation():
    ts = (ROOT / "resources" / "i18n" / "toksun_zh_CN.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts and 'type="vanished"' not in ts
    sources = set(re.findall(r"<source>(.*?)</source>", ts, re.S))
    import html

    sources = {html.unescape(s) for s in sources}
    for path in sorted((ROOT / "qgis_plugin").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"\btr\(\s*((?:\"[^\"]*\"\s*)+)\)", text):
            literal = "".join(re.findall(r"\"([^\"]*)\"", m.group(1)))
            literal = literal.encode().decode("unicode_escape").encode("latin-1").decode()
            assert literal in sources, f"{path.name}: {literal!r} is not in the .ts file"


def test_each_translation_fills_the_places_its_source_has():
    """A translation with other {places} than its source is another message's (a bar titled
    "Layers not opened" read "settled {n} conflicts: {how}")."""
    import xml.etree.ElementTree as ET

    ts = ET.parse(ROOT / "resources" / "i18n" / "toksun_zh_CN.ts")
    wrong = []
    for m in ts.iter("message"):
        source, text = m.findtext("source") or "", m.findtext("translation") or ""
        if set(re.findall(r"\{\w*\}", source)) != set(re.findall(r"\{\w*\}", text)):
            wrong.append((source, text))
    assert not wrong, wrong


def test_a_field_package_that_exists_already_is_said_in_chinese(master, tmp_path):
    from field_kit.errors import BadInput
    from field_kit.sync import package_checkout

    out = tmp_path / "tab-01.gpkg"
    package_checkout.checkout(master, out, "tab-01")
    with pytest.raises(BadInput) as caught:
        package_checkout.checkout(master, out, "tab-02")
    said = in_user_language(caught.value.message, "zh")
    assert "已存在" in said and not _english_words(said), said


def test_a_folder_given_for_a_master_or_a_report_is_said_in_chinese(master, tmp_path):
    from field_kit.errors import BadInput
    from field_kit.reports.xlsx import write_xlsx

    folder = tmp_path / "m.gpkg"
    folder.mkdir()
    with pytest.raises(BadInput) as caught:
        merge.merge(folder, [])
    with pytest.raises(BadInput) as written:
        write_xlsx(master, folder)
    for said in (in_user_language(e.value.message, "zh") for e in (caught, written)):
        assert "是文件夹" in said and not _english_words(said), said


def test_a_refused_package_is_named_once_in_the_merge_report(master, tmp_path):
    from qgis_plugin.docks.sync import merge_report_html

    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(b"not a zip")
    report = merge.merge(master, [garbage])
    assert report.refused
    html = merge_report_html(report)
    assert html.count("garbage.zip") == 1, html


def test_a_pull_into_a_qfield_project_says_what_it_could_not_do_in_chinese(master, tmp_path):
    """The refusals of a pull into a QField project folder whose zip holds other work, and
    what a pull there could not write, as the sync dock shows them."""
    import os

    from field_kit.qfield import checkout, project_folder
    from tests.unit.forms_fixtures import jpeg_with_exif
    from tests.unit.test_qfield import _phone_copy_back_as_zip, _record_with_photo
    from tests.unit.test_qfield_pull import _from_another_phone
    folder = checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")
    base, zipped = folder["folder"], folder["zip"]
    _record_with_photo(base, "DCIM/clash.jpg")
    (tmp_path / "phone1" / "DCIM" / "clash.jpg").write_bytes(jpeg_with_exif(lat=1.0, lon=1.0))
    _from_another_phone(master, tmp_path, "DCIM/clash.jpg")
    os.mkdir(zipped + ".part")  # the new zip cannot be written
    # (the other phone's photo is written beside the one taken here, under a name of its own)
    messages = project_folder.pull(base, master).problems
    assert len(messages) == 1 and "could not be written" in messages[0], messages
    assert (tmp_path / "phone1" / "DCIM" / "clash-2.jpg").exists()
    os.rmdir(zipped + ".part")
    for what in (b"not a zip", None):  # no copy of the project: unreadable, or another zip
        if what is None:
            with zipfile.ZipFile(zipped, "w") as zf:
                zf.writestr("manifest.json", b"{}")
        else:
            with open(zipped, "wb") as fh:
                fh.write(what)
        with pytest.raises(SyncError) as caught:
            project_folder.pull(base, master)
        messages.append(caught.value.message)
    _phone_copy_back_as_zip(folder, tmp_path)  # the zip holds work the folder lacks
    with pytest.raises(SyncError) as caught:
        project_folder.pull(base, master)
    messages.append(caught.value.message)
    _record_with_photo(base, "DCIM/q.jpg")  # and the folder work the zip lacks
    with pytest.raises(SyncError) as caught:
        project_folder.pull(base, master)
    messages.append(caught.value.message)
    for message in messages:
        said = in_user_language(message, "zh")
        said = re.sub(r"\[Errno \d+\] [A-Za-z ]+", "", said)  # the system's own words
        assert CJK.search(said) and not _english_words(said), (message, said)


def test_fields_dropped_or_renamed_are_said_in_chinese(master, tmp_path):
    """Why a field cannot be dropped, and why a package's changes to a field the master
    dropped or renamed since its checkout are refused."""
    from field_kit.errors import Refused
    from field_kit.sync import column_edits

    with connect(master) as conn:
        conn.execute("INSERT INTO patch_verifications (notes, verifier) VALUES ('v', '赵')")
    pkg = tmp_path / "tech-sun.gpkg"
    package_checkout.checkout(master, pkg, "tech-sun")
    said = []
    for path, column in ((pkg, "notes"), (master, "uuid"), (master, "fid")):
        with pytest.raises(Refused) as caught:
            column_edits.prepare(path, "patch_verifications", [column])
        said.append(caught.value.message)
    column_edits.prepare(master, "patch_verifications", ["notes"], {"verifier": "checked_by"})
    with connect(master) as conn:
        conn.execute("ALTER TABLE patch_verifications DROP COLUMN notes")
        conn.execute("ALTER TABLE patch_verifications RENAME COLUMN verifier TO checked_by")
    with connect(pkg) as conn:
        conn.execute("UPDATE patch_verifications SET notes = 'w', verifier = '钱'")
        conn.execute("INSERT INTO patch_verifications (verifier) VALUES ('孙')")
    package_export.export(pkg, tmp_path / "tech-sun.zip")
    report = merge.merge(master, [tmp_path / "tech-sun.zip"])
    said += [o.reason for r in report.results for o in r.outcomes
             if o.status == outcomes.REFUSED]
    assert len(said) == 5, said
    for message in said:
        chinese = in_user_language(message, "zh")
        left = [w for w in _english_words(chinese)
                if w not in {"notes", "verifier", "checked", "uuid"}]
        assert CJK.search(chinese) and not left, (message, chinese)


@pytest.fixture(params=[("en_US", "zh_CN.UTF-8"), ("zh_CN", "en_US.UTF-8")],
                ids=["qgis-en-system-zh", "qgis-zh-system-en"])
def qgis_speaks(request, monkeypatch, tmp_path):
    """QGIS set to one language (Settings → Options → Override system locale), the system
    locale the other: the language QGIS speaks ("en" or "zh")."""
    from tests.qgis.conftest import qgis_speaking

    qgis_locale, system = request.param
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", system)
    with qgis_speaking(qgis_locale, tmp_path / "qm"):
        yield qgis_locale[:2]


def _in_one_language(lang: str, texts: list[str], names=()) -> None:
    """Every text in ``lang`` alone: no Chinese in English, no English words in Chinese
    (beyond ``names``, the tables, fields and devices it names)."""
    for text in texts:
        if lang == "en":
            assert not CJK.search(text), text
        else:
            left = [w for w in _english_words(text) if w.lower() not in names]
            assert not left, (left, text)


def test_the_plugin_shows_the_cores_messages_in_the_language_qgis_speaks(
        qgis_speaks, iface, master, tmp_path):
    """The merge report, Settle conflicts, the check of change capture on opening and the
    Processing merge say the core's messages in QGIS's language, not the system's."""
    import shutil

    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

    from qgis_plugin.plugin import ToksunPlugin
    from tests.qgis.test_plugin import _cells, _conflict_on, _wait_for

    lang = qgis_speaks
    names = {"notes", "patch", "verifications", "mine", "patches", "tech", "qian", "garbage"}
    _conflict_on(master, tmp_path, "notes", None, ("11", "22"))
    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(b"not a zip")
    barred = _package(master, tmp_path, "tech-qian", role="technician")
    bypassed = tmp_path / "bypassed.gpkg"
    shutil.copyfile(master, bypassed)
    with sqlite3.connect(bypassed) as conn:
        conn.execute('DROP TRIGGER "sync_patch_verifications_update"')
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        heard = len(iface.messages)
        p.load(bypassed)
        said = [text for kind, _, text in iface.messages[heard:] if kind == "critical"]
        assert said and "field-kit repair" in said[0]
        _in_one_language(lang, [said[0].replace("field-kit repair", "")], names)
        p.load(master)
        QgsApplication.processEvents()
        dock = p.show_sync()
        for package in (garbage, barred):
            dock.package_list.addItem(str(package))
        dock.merge_packages()
        _wait_for(dock)
        report = dock.report_dialog.browser.toPlainText()
        dock.report_dialog.close()
        assert "garbage.zip" in report and "tech-qian" in report
        _in_one_language(lang, [line for line in report.splitlines() if line.strip()], names)
        dialog = p.show_conflicts()
        cells = _cells(dialog)
        assert cells["theirs"] in ("11", "22")
        _in_one_language(lang, [cells["ancestor"]], names)
        dialog.close()
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()
    from qgis_plugin.processing.provider import Provider

    provider = Provider()
    assert QgsApplication.processingRegistry().addProvider(provider)
    try:
        errors = []

        class Heard(QgsProcessingFeedback):
            def reportError(self, error, fatalError=False):  # noqa: N802, N803
                errors.append(error)

        alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:merge")
        alg.run({"MASTER": str(master), "PACKAGES": [str(garbage), str(barred)]},
                QgsProcessingContext(), Heard())
    finally:
        QgsApplication.processingRegistry().removeProvider(provider)
    # the package refused, then the change refused by its row (each with why)
    assert [e.split(":")[0] for e in errors] == ["garbage.zip", "tech-qian.zip"], errors
    _in_one_language(lang, errors, names)


def test_a_package_a_checkout_cut_short_left_is_said_to_be_one(qgis_speaks, iface, master,
                                                                tmp_path):
    """A ``NAME.gpkg.part`` chosen to open, or in the Sync panel, is said to be what a
    checkout cut short left (the core's words, in QGIS's language), not "not a GeoPackage"."""
    import shutil

    from qgis_plugin.plugin import ToksunPlugin

    package_checkout.checkout(master, tmp_path / "w.gpkg", "tech-wang")
    part = tmp_path / "p.gpkg.part"
    shutil.copyfile(tmp_path / "w.gpkg", part)  # (whole and registered, handed to no one)
    said = {"en": f"{part} is what a checkout cut short left, never a field package: run the "
                  f"same checkout again (to {tmp_path / 'p.gpkg'}), which makes the package",
            "zh": f"{part} 是签出中断时留下的文件，不是外业数据包：请再次运行同一签出命令（签出到 "
                  f"{tmp_path / 'p.gpkg'}），即可生成数据包"}[qgis_speaks]
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        p.load(master)
        heard = len(iface.messages)
        assert p.load(part) == {}  # (the master stays open)
        (kind, _, text), = iface.messages[heard:]
        assert kind == "critical" and text.startswith(
            said + {"en": ". ", "zh": "。"}[qgis_speaks]), text  # then what stays open
        dock = p.show_sync()
        dock.choose_package(str(part))
        assert dock.package_label.text() == said + "\n" + {
            "en": "Pull and Export are not offered for it.",
            "zh": "因此不对其提供拉取与导出。"}[qgis_speaks]
        assert not dock.pull_button.isEnabled() and not dock.export_button.isEnabled()
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()


def test_qt_own_chinese_missing_is_said_once_naming_the_file(iface, tmp_path, monkeypatch):
    """QGIS in Chinese where Qt's own Chinese (qt_zh_CN.qm) is not installed: the plugin
    says so once in the message bar, in Chinese, naming the file it looked for (Qt's
    buttons stayed English with nothing said); with the file there, nothing is said and
    Qt's buttons are Chinese."""
    from qgis.PyQt.QtCore import QCoreApplication

    from qgis_plugin import plugin as plugin_module
    from tests.qgis.conftest import qgis_speaking

    empty = tmp_path / "qt"
    empty.mkdir()
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking("zh_CN", tmp_path / "qm"):
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
        for folder in (str(empty), plugin_module.qt_translations()):
            monkeypatch.setattr(plugin_module, "qt_translations", lambda f=folder: f)
            heard = len(iface.messages)
            p = plugin_module.ToksunPlugin(iface)
            p.initGui()
            try:
                said = [m for m in iface.messages[heard:] if "qt_zh_CN.qm" in m[2]]
                cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
            finally:
                p.unload()
            if folder == str(empty):
                assert said == [("warning", plugin_module.MENU, (
                    f"未找到 Qt 自带的中文翻译（{empty / 'qt_zh_CN.qm'}）：Qt 的标准按钮（确定、"
                    "取消、是、否）和文件对话框以英文显示。请安装 Qt 的翻译文件（Debian 或 "
                    "Ubuntu 上为 qttranslations5-l10n），使其显示为中文。"))], iface.messages
                assert cancel == "Cancel"
            else:
                assert said == [] and cancel == "取消", (said, cancel)
