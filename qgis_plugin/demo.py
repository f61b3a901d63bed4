# SPDX-License-Identifier: GPL-2.0-or-later
"""Open the plan GeoPackage with PyQGIS, say what it holds and draw it.

    python -m qgis_plugin.demo resources/toksun_plan.gpkg --out out/plan.png
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsProject  # noqa: E402

from field_kit.plan import schema
from field_kit.plan.units import as_written

from .plan_layers import layer_title, load_plan  # noqa: E402
from .printing.plan_map import SCHEMATIC_NOTICE, render_plan_map  # noqa: E402


def fmt(value) -> str:
    if value is None or value == "" or (hasattr(value, "isNull") and value.isNull()):
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def summary(layers) -> str:
    lines = ["托克逊县国土空间生态修复规划（2021-2035年） / Toksun restoration plan 2021-2035", ""]
    lines.append("图层 Layers")
    for name, layer in layers.items():
        lines.append(f"  {layer_title(schema.table(name)):<46} {layer.featureCount():>4}")
    lines += ["", "专栏3-1 国土空间生态修复指标 Indicators       2020    2025    2035"]
    for f in layers["plan_indicators"].getFeatures():
        if f["category"] == "indicator":
            lines.append(f"  {f['name_zh']}（{f['unit']}）".ljust(36)
                         + "".join(f"{fmt(f[k]):>8}" for k in ("value_2020", "value_2025",
                                                                  "value_2035")))
    lines += ["", "控制指标 Control totals"]
    for f in layers["plan_indicators"].getFeatures():
        if f["category"] == "control":
            # the year the figure is for, and the figure as the plan writes it (202.80)
            key = next(k for k in ("value_2025", "value_2035", "value_other")
                       if fmt(f[k]) != "—")
            # (none where the name says it: 至2035年生态保护红线面积)
            year = f"（{key[-4:]}年）" if key != "value_other" and \
                f"{key[-4:]}年" not in f["name_zh"] else ""
            lines.append(f"  {f['name_zh']} {f['comparison']} "
                         f"{as_written(f[key], f['plan_quote'])} {f['unit']}{year}"
                         f"  [{f['section']}]")
    quotes = {t["project_id"]: t["plan_quote"] for t in layers["project_targets"].getFeatures()}
    lines += ["", "历史遗留矿山图斑 Legacy mine patches (专栏6-1, 6-2)"]
    for f in layers["mine_patches"].getFeatures():
        area = as_written(f["project_treated_area_km2"], quotes.get(f["project_id"]) or "")
        lines.append(f"  {f['patch_code']:<28} {f['phase']} {f['township']:<6} "
                     f"{f['mineral']:<8} 项目治理面积 {area} km²")
    lines += ["", SCHEMATIC_NOTICE]
    return "\n".join(lines)


def story(plan: Path, out: Path) -> None:
    """The field-to-merge story, then the supervisor's reports, in the command line's
    language as `field-kit report` writes them."""
    from field_kit.messages_zh import command_line_language
    from field_kit.reports.xlsx import write_xlsx

    from .demo_story import run
    from .printing.report_pdf import write_pdf

    print("\n外业到合并 From the field to the master")
    master = run(plan, out / "demo", say=lambda line: print("  " + line))
    lang = command_line_language()
    write_xlsx(master, out / "progress_report.xlsx", lang=lang)
    write_pdf(master, out / "progress_report.pdf", lang=lang)
    print(f"\n报告 Reports: {out / 'progress_report.xlsx'}, {out / 'progress_report.pdf'}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gpkg", type=Path)
    parser.add_argument("--out", type=Path, default=Path("out/plan.png"))
    parser.add_argument("--no-story", dest="story", action="store_false",
                        help="only the plan: no field packages, merge and report")
    args = parser.parse_args(argv)
    if not args.gpkg.exists():
        print(f"no such GeoPackage: {args.gpkg} (build it with `make data`)", file=sys.stderr)
        return 2
    app = QgsApplication([], False)
    app.initQgis()
    try:
        project = QgsProject.instance()
        layers = load_plan(args.gpkg.resolve(), project)
        print(summary(layers))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        render_plan_map(project, layers, args.out)
        print(f"\n地图 Map: {args.out}")
        project.clear()
        if args.story:
            story(args.gpkg.resolve(), args.out.parent)
    finally:
        QgsProject.instance().clear()
        app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
