# SPDX-License-Identifier: GPL-2.0-or-later
"""Only pictures are photos; large ones are stored smaller, keeping where, when and which
way they were taken, and the original's SHA-256."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from PyQt5.QtGui import QImage

from field_kit import forms
from field_kit.app import photos, settings
from field_kit.app.form_widget import FormWidget
from field_kit.cli import commands as cli
from field_kit.forms import exif
from field_kit.qfield import checkout
from field_kit.sync import merge
from tests.app.conftest import TOWNSHIP
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import _record_with_photo


@pytest.fixture
def form(qtbot, package, patch):
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    yield fw
    fw.close_db()


def test_a_file_that_is_not_a_picture_is_refused(qtbot, form, tmp_path, photo, shown):
    text = tmp_path / "notes.jpg"
    text.write_text("not a photo at all\n" * 20)
    pdf = tmp_path / "scan.jpg"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 10)
    broken = tmp_path / "half.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    form.add_photos([text, pdf, broken, photo])
    assert form.photos.pending == [str(photo)]
    assert len(shown) == 1 and "not photos" in shown[0]
    assert all(n in shown[0] for n in ("notes.jpg", "scan.jpg", "half.png"))
    with pytest.raises(forms.PhotoError):  # the core checks too, whoever calls it
        forms.attach_photo(form.conn, "patch_verifications", "r-1", text)


def test_the_same_picture_under_another_name_is_said_not_added_again(qtbot, form, patch,
                                                                    tmp_path, photo, shown):
    """A copy of a photo, queued or saved on the record, is not added again and the
    technician is told which photo holds its picture (it vanished at Save without a word);
    a picture stored smaller is known by the file it was made from."""
    copy = tmp_path / "copy_of_DSC_0001.jpg"
    copy.write_bytes(photo.read_bytes())
    form.add_photos([photo, copy])
    assert form.photos.pending == [str(photo)]
    assert shown == ["Not added again: these files hold the same picture as a photo the "
                     "record has:\ncopy_of_DSC_0001.jpg = DSC_0001.jpg"], shown
    for col, value in (("patch_class", "10"), ("patch_subclass", "11"), ("damage_type", "压占"),
                       ("patch_feature", "3"), ("remediation_status", "B"),
                       ("restoration_method", "1"), ("measured_area_m2", "2.5"),
                       ("verifier", "Ayxam")):
        form.set_value(col, value)
    assert form.save(), [p.message("en") for p in form.problems]
    big = tmp_path / "DSC_big.jpg"
    big.write_bytes(_big_with_exif(tmp_path, patch[2], patch[1]))
    settings.put(form.conn, "photo_long_edge_px", 1000)
    form.add_photos([big])
    assert form.save()
    shown.clear()
    again = tmp_path / "again.jpg"
    again.write_bytes(big.read_bytes())
    form.add_photos([copy, again])  # both are on the record now, one stored smaller
    assert form.photos.pending == []
    assert len(shown) == 1 and "copy_of_DSC_0001.jpg = DSC_0001.jpg" in shown[0] and \
        "again.jpg = DSC_big.jpg" in shown[0], shown


def test_a_photos_position_taken_is_not_moved_by_the_live_fix(qtbot, form, patch, photo):
    """The boxes empty while the form follows the receiver: a photo's position fills them,
    and the next fix does not write over it (the form went on following)."""
    from field_kit.app import gnss

    form._follow()
    assert form.position.following
    form.add_photos([photo])
    taken = form.values()["position_lat"]
    assert float(taken) == pytest.approx(patch[2] + 0.00027, abs=1e-6)
    assert not form.position.following
    form.on_fix(gnss.typed_fix(patch[1] + 0.01, patch[2] + 0.01, 5))
    assert form.values()["position_lat"] == taken


def test_a_queued_photo_whose_card_was_taken_out_stays_in_the_draft(qtbot, package, patch,
                                                                      tmp_path, photo, shown):
    """A photo added, then its card taken out before Save: the form reopened says the file
    is gone (not that it is no photo), and keeps it in the draft for when the card is back."""
    from field_kit.app.form_widget import FormWidget

    card = tmp_path / "card"
    card.mkdir()
    queued = card / "card_0002.jpg"
    queued.write_bytes(photo.read_bytes())
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    fw.add_photos([queued])
    fw.close_db()
    queued.rename(tmp_path / "elsewhere.jpg")  # the card is out
    again = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(again)
    assert not shown  # no "not a photo" box
    assert "no longer where they were" in again.banner.text() and "card_0002.jpg" in \
        again.banner.text()
    assert again.photos.pending == [] and again.state()["_photos"] == [str(queued)]
    again.close_db()
    (tmp_path / "elsewhere.jpg").rename(queued)  # the card back
    back = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(back)
    assert back.photos.pending == [str(queued)]
    back.close_db()


def _big_with_exif(tmp_path, lat, lon) -> bytes:
    """A 3000×2000 JPEG whose EXIF says where, when and which way."""
    img = QImage(3000, 2000, QImage.Format_RGB32)
    img.fill(0x3366AA)
    path = tmp_path / "plain.jpg"
    img.save(str(path), "JPEG", 95)
    plain = path.read_bytes()
    tagged = jpeg_with_exif(lat=lat, lon=lon, heading=95.0, taken="2025:06:02 11:00:00",
                            offset="+08:00")
    return plain[:2] + exif.exif_segment(tagged) + plain[2:]


@pytest.mark.parametrize("edge", [None, 1000])
def test_a_large_photo_is_stored_smaller_keeping_its_exif(qtbot, form, patch, tmp_path, edge):
    if edge:
        settings.put(form.conn, "photo_long_edge_px", edge)
    big = tmp_path / "DSC_big.jpg"
    big.write_bytes(_big_with_exif(tmp_path, patch[2], patch[1]))
    form.add_photos([big])
    for col, value in (("patch_class", "10"), ("patch_subclass", "11"), ("damage_type", "压占"),
                       ("patch_feature", "3"), ("remediation_status", "B"),
                       ("restoration_method", "1"), ("measured_area_m2", "2.5"),
                       ("verifier", "Ayxam")):
        form.set_value(col, value)
    uuid = form.save()
    assert uuid, [p.message("en") for p in form.problems]
    conn = sqlite3.connect(form.package_path)
    sha, lat, lon, heading, taken = conn.execute(
        "SELECT sha256, lat, lon, heading, taken_at FROM photos WHERE record_uuid = ?",
        (uuid,)).fetchone()
    data = bytes(conn.execute("SELECT data FROM attachments WHERE sha256 = ?",
                              (sha,)).fetchone()[0])
    conn.close()
    img = QImage.fromData(data)
    assert max(img.width(), img.height()) == (edge or 2560)
    assert len(data) < big.stat().st_size
    assert (lat, lon, heading, taken) == (pytest.approx(patch[2]), pytest.approx(patch[1]),
                                          pytest.approx(95.0), "2025-06-02T11:00:00+08:00")
    assert exif.parse_jpeg(data).lat == pytest.approx(patch[2])  # still in the file too
    assert photos.original_sha256(data) == hashlib.sha256(big.read_bytes()).hexdigest()


# --- the QField path stores its photos the same way ------------------------------------------

def _huge_with_exif(tmp_path) -> bytes:
    """An 8000×6000 JPEG (a phone's camera) whose EXIF says where."""
    img = QImage(8000, 6000, QImage.Format_RGB32)
    img.fill(0x557733)
    path = tmp_path / "huge_plain.jpg"
    img.save(str(path), "JPEG", 90)
    plain = path.read_bytes()
    tagged = jpeg_with_exif(lat=42.75, lon=88.65, heading=10.0, taken="2025:06:03 09:00:00")
    return plain[:2] + exif.exif_segment(tagged) + plain[2:]


@pytest.mark.parametrize("edge", [None, 1000])
def test_a_large_photo_taken_in_qfield_is_stored_smaller(master, tmp_path, capsys, edge):
    base = checkout(master, tmp_path / "phone1", "phone1", township=TOWNSHIP)["folder"]
    if edge:
        with sqlite3.connect(f"{base}/package.gpkg") as conn:
            settings.put(conn, "photo_long_edge_px", edge)
    huge = _huge_with_exif(tmp_path)
    (tmp_path / "phone1" / "DCIM" / "20250603_090000.jpg").write_bytes(huge)
    record = _record_with_photo(base, "DCIM/20250603_090000.jpg")
    assert cli.main(["export", base, str(tmp_path / "c1.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "c1.zip"]).refused
    with sqlite3.connect(master) as conn:
        name, sha, lat, data = conn.execute(
            "SELECT p.file_name, p.sha256, p.lat, a.data FROM photos p JOIN attachments a "
            "ON a.sha256 = p.sha256 WHERE p.record_uuid = ?", (record,)).fetchone()
    img = QImage.fromData(bytes(data))
    assert (img.width(), img.height()) == ((edge or 2560), (edge or 2560) * 3 // 4)
    assert name == "DCIM/20250603_090000.jpg"  # where QField shows it from
    assert lat == pytest.approx(42.75)
    assert exif.parse_jpeg(bytes(data)).lat == pytest.approx(42.75)
    assert photos.original_sha256(bytes(data)) == hashlib.sha256(huge).hexdigest()
    assert sha == hashlib.sha256(bytes(data)).hexdigest()
    capsys.readouterr()  # the original still in DCIM/ is the photo already sent
    assert cli.main(["export", base, str(tmp_path / "c2.zip")]) == 0
    assert "nothing to export" in capsys.readouterr().out

