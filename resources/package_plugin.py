#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Build the QGIS plugin zip that Plugins → Install from ZIP accepts.

    python resources/package_plugin.py dist/

The zip holds one folder, ``toksun_restoration/``: ``metadata.txt``, the plugin's modules,
the ``field_kit`` library it calls, vendored (a real copy inside the plugin, the plugin's
``from field_kit...`` imports rewritten to reach it relatively, as qgis-plugin-dev-tools
does: no path tricks at run time, no second copy of a class), and ``resources/`` with the
plan GeoPackage, icons and the compiled translations. Tests, CI files and build scripts
stay out.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_DIR = "toksun_restoration"
SKIP_MODULES = {"demo.py", "demo_story.py"}  # the repository's make demo, not the plugin
TS = ROOT / "resources" / "i18n" / "toksun_zh_CN.ts"


def lrelease() -> str:
    for candidate in ("lrelease", "/usr/lib/qt5/bin/lrelease", "lrelease-qt5"):
        if shutil.which(candidate):
            return candidate
    raise SystemExit("lrelease is missing (Debian: qttools5-dev-tools)")


def compile_translations(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    qm = out_dir / TS.with_suffix(".qm").name
    subprocess.run([lrelease(), "-silent", str(TS), "-qm", str(qm)], check=True)
    return [qm]


_IMPORT = re.compile(r"^(\s*)(from|import) field_kit\b", re.M)


def vendored(path: Path, depth: int) -> bytes:
    """A plugin module with its imports of the library made relative to the vendored copy
    (``depth``: how many folders below the plugin's own the module lies)."""
    dots = "." * (depth + 1)

    def relative(m: re.Match) -> str:
        if m.group(2) == "import":
            raise SystemExit(f"{path}: write 'from field_kit... import ...', "
                             "not 'import field_kit'")
        return f"{m.group(1)}from {dots}field_kit"
    return _IMPORT.sub(relative, path.read_text(encoding="utf-8")).encode("utf-8")


def python_files(package: Path):
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts or path.name in SKIP_MODULES:
            continue
        yield path


def build(dist: Path) -> Path:
    gpkg = ROOT / "resources" / "toksun_plan.gpkg"
    if not gpkg.exists():
        raise SystemExit(f"{gpkg} is missing: run `make data` first")
    version = next(line.split("=", 1)[1].strip()
                   for line in (ROOT / "metadata.txt").read_text(encoding="utf-8").splitlines()
                   if line.startswith("version="))
    dist.mkdir(parents=True, exist_ok=True)
    out = dist / f"{PLUGIN_DIR}-{version}.zip"
    members: list[tuple[Path | bytes, str]] = [(ROOT / "metadata.txt", "metadata.txt"),
                                               (ROOT / "README.md", "README.md")]
    plugin = ROOT / "qgis_plugin"
    for path in python_files(plugin):
        rel = path.relative_to(plugin)
        members.append((vendored(path, len(rel.parts) - 1), str(rel)))
    for path in python_files(ROOT / "field_kit"):
        members.append((path, str(path.relative_to(ROOT))))
    members += [(p, f"resources/help/{p.name}")
                for p in sorted((ROOT / "resources" / "help").glob("*.md"))]
    members += [(p, f"resources/icons/{p.name}")
                for p in sorted((ROOT / "resources" / "icons").glob("*.svg"))]
    members.append((gpkg, "resources/toksun_plan.gpkg"))
    tmp = out.with_suffix(".zip.part")
    # the compiled translation goes into the zip only (nothing left beside it in dist/)
    with tempfile.TemporaryDirectory() as qm_dir, \
            zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        members += [(p, f"resources/i18n/{p.name}") for p in compile_translations(Path(qm_dir))]
        for src, name in members:
            if isinstance(src, bytes):
                z.writestr(f"{PLUGIN_DIR}/{name}", src)
            else:
                z.write(src, f"{PLUGIN_DIR}/{name}")
    tmp.replace(out)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", nargs="?", type=Path, default=ROOT / "dist")
    out = build(parser.parse_args(argv).dist)
    print(f"plugin zip: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
