# SPDX-License-Identifier: GPL-2.0-or-later
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from field_kit.forms.exif import PhotoInfo, parse_jpeg, read_exif
from tests.unit.forms_fixtures import exif_tiff, jpeg_with_exif


@pytest.mark.parametrize("order", ["<", ">"])
def test_position_time_and_heading(order, tmp_path):
    data = jpeg_with_exif(lat=42.801234, lon=88.501234, heading=271.25,
                          taken="2024:05:20 11:02:03", offset="+08:00", order=order)
    path = tmp_path / "a.jpg"
    path.write_bytes(data)
    info = read_exif(path)
    assert info.lat == pytest.approx(42.801234, abs=1e-7)
    assert info.lon == pytest.approx(88.501234, abs=1e-7)
    assert info.heading == pytest.approx(271.25)
    assert info.taken_at == "2024-05-20T11:02:03+08:00"


def test_southern_and_western_hemispheres():
    info = parse_jpeg(jpeg_with_exif(lat=-33.5, lon=-70.25))
    assert (info.lat, info.lon) == (pytest.approx(-33.5), pytest.approx(-70.25))
    assert info.taken_at is None and info.heading is None


def test_time_without_offset_and_no_gps():
    info = parse_jpeg(jpeg_with_exif(taken="2023:10:01 08:00:00"))
    assert info == PhotoInfo(taken_at="2023-10-01T08:00:00")


@pytest.mark.parametrize("data", [
    b"", b"\xff\xd8", b"not a jpeg at all", b"\xff\xd8\xff\xe1\x00\x08Exif\x00\x00",
    b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00II*\x00\xff\xff\xff\x7f",  # IFD offset past the end
    b"\xff\xd8\xff\xe0\x00\x04ab\xff\xd9",  # APP0 only
    # IFD0 whose Exif IFD pointer is text
    b"\xff\xd8\xff\xe1\x00\x22Exif\x00\x00II*\x00\x08\x00\x00\x00\x01\x00\x69\x87\x02\x00"
    b"\x02\x00\x00\x00x\x00\x00\x00\x00\x00\x00\x00",
])
def test_damaged_or_missing_exif_gives_empty_info(data):
    assert parse_jpeg(data) == PhotoInfo()


def test_a_jpeg_without_exif():
    data = jpeg_with_exif(lat=1.0, lon=2.0)
    stripped = b"\xff\xd8" + data[4 + int.from_bytes(data[4:6], "big"):]
    assert stripped[:4] == b"\xff\xd8\xff\xdb"
    assert parse_jpeg(stripped) == PhotoInfo()


def test_the_test_jpeg_is_a_real_jpeg_that_pillow_reads_the_same():
    Image = pytest.importorskip("PIL.Image")
    data = jpeg_with_exif(lat=42.8, lon=88.5, heading=10.0, taken="2024:05:20 11:02:03")
    img = Image.open(io.BytesIO(data))
    img.load()
    gps = img.getexif().get_ifd(0x8825)
    assert gps[1] == "N" and float(gps[2][0]) == 42 and float(gps[17]) == 10.0


def test_reads_what_pillow_writes(tmp_path):
    Image = pytest.importorskip("PIL.Image")
    img = Image.new("RGB", (16, 16), "green")
    exif = img.getexif()
    exif[0x8769] = {0x9003: "2022:07:08 09:10:11"}
    exif[0x8825] = {1: "N", 2: (42.0, 30.0, 36.0), 3: "E", 4: (88.0, 15.0, 0.0), 17: 45.5}
    path = tmp_path / "pil.jpg"
    img.save(path, exif=exif)
    info = read_exif(path)
    assert info.lat == pytest.approx(42.51) and info.lon == pytest.approx(88.25)
    assert info.heading == pytest.approx(45.5) and info.taken_at == "2022-07-08T09:10:11"


@given(st.floats(-90, 90), st.floats(-180, 180), st.floats(0, 359.99),
       st.sampled_from(["<", ">"]))
def test_round_trip(lat, lon, heading, order):
    info = parse_jpeg(jpeg_with_exif(lat=lat, lon=lon, heading=heading, order=order))
    assert info.lat == pytest.approx(lat, abs=1e-7)
    assert info.lon == pytest.approx(lon, abs=1e-7)
    assert info.heading == pytest.approx(heading, abs=1e-5)


@given(st.binary(max_size=300))
def test_never_raises_on_random_bytes(junk):
    assert isinstance(parse_jpeg(junk), PhotoInfo)
    assert isinstance(parse_jpeg(b"\xff\xd8\xff\xe1" + len(junk).to_bytes(2, "big") + junk),
                      PhotoInfo)


@given(st.binary(max_size=200), st.integers(0, 400))
def test_never_raises_on_damaged_tiff(junk, cut):
    tiff = exif_tiff(lat=42.8, lon=88.5, heading=90.0, taken="2024:05:20 11:02:03")
    damaged = tiff[:cut] + junk + tiff[cut + len(junk):]
    app1 = b"Exif\0\0" + damaged
    data = b"\xff\xd8\xff\xe1" + (len(app1) + 2).to_bytes(2, "big") + app1
    assert isinstance(parse_jpeg(data), PhotoInfo)
