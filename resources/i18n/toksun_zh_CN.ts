<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="58" />
        <source>Open the plan</source>
        <translation>打开规划</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="59" />
        <source>Open a master or field package…</source>
        <translation>打开主库或外业数据包…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="60" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="81" />
        <source>Open a master or field package</source>
        <translation>打开主库或外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="81" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="99" />
        <source>Schematic geometry</source>
        <translation>示意几何</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="99" />
        <source>The plan has no maps: the county outline, zones, corridors and patch outlines are schematic, drawn from its text. Import surveyed data to replace them.</source>
        <translation>规划未附图件：县域轮廓、分区、廊道与图斑轮廓均为依据规划文字绘制的示意图形，请导入实测数据替换。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="106" />
        <source>Toksun restoration toolkit {version}

The land ecological restoration plan of Toksun County 2021-2035: plan layers, verification and inspection forms, field packages and merge.</source>
        <translation>托克逊生态修复工具 {version}

托克逊县国土空间生态修复规划（2021-2035年）：规划图层、核查与检查表单、外业数据包与合并。</translation>
    </message>
</context>
</TS>