# SPDX-License-Identifier: GPL-2.0-or-later
"""What the plugin's zip carries: the plugin, the library it calls and the plan; not the
repository's demo jobs, tests or caches."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def members(tmp_path_factory) -> list[str]:
    spec = importlib.util.spec_from_file_location(
        "package_plugin", ROOT / "resources" / "package_plugin.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with zipfile.ZipFile(module.build(tmp_path_factory.mktemp("dist"))) as z:
        return z.namelist()


def test_the_zip_carries_the_plugin_the_library_and_the_plan(members):
    top = {m.split("/")[0] for m in members}
    assert top == {"toksun_restoration"}
    names = {m.split("/", 1)[1] for m in members}
    assert {"metadata.txt", "plugin.py", "field_kit/sync/merge.py", "field_kit/plan/schema.py",
            "processing/provider.py", "resources/toksun_plan.gpkg"} <= names


def test_the_zip_leaves_out_the_repository_s_demo_jobs_tests_and_caches(members):
    assert not [m for m in members if m.endswith(("demo.py", "demo_story.py"))]
    assert not [m for m in members if "/tests/" in m or "__pycache__" in m]


def test_the_plugin_reaches_the_library_it_carries(tmp_path_factory):
    """In the zip the plugin's imports of field_kit point at its own vendored copy; in the
    repository it imports field_kit by its name (no symlink, no second identity)."""
    spec = importlib.util.spec_from_file_location(
        "package_plugin", ROOT / "resources" / "package_plugin.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with zipfile.ZipFile(module.build(tmp_path_factory.mktemp("dist2"))) as z:
        plugin = z.read("toksun_restoration/plugin.py").decode()
        # (the Processing algorithms' shared module, which imports the library)
        provider = z.read("toksun_restoration/processing/base.py").decode()
    assert "from .field_kit" in plugin and "\nfrom field_kit" not in plugin
    assert "from ..field_kit" in provider
    assert not (ROOT / "qgis_plugin" / "field_kit").exists()
    source = (ROOT / "qgis_plugin" / "plugin.py").read_text()
    assert "from field_kit" in source


def test_the_help_is_bundled_in_chinese_and_english(members, qgis_app):
    names = {m.split("/", 1)[1] for m in members}
    assert {"README.md", "resources/help/help_zh_CN.md"} <= names
    from qgis_plugin import help as plugin_help
    zh = plugin_help.help_page("zh").read_text(encoding="utf-8")
    en = plugin_help.help_page("en").read_text(encoding="utf-8")
    assert "处理冲突" in zh and "field-kit repair" in zh
    assert "Settle conflicts" in en
