<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="59" />
        <source>Open the plan</source>
        <translation>打开规划</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="60" />
        <source>Open a master or field package…</source>
        <translation>打开主库或外业数据包…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="70" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="95" />
        <source>Open a master or field package</source>
        <translation>打开主库或外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="154" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="113" />
        <source>Schematic geometry</source>
        <translation>示意几何</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="113" />
        <source>The plan has no maps: the county outline, zones, corridors and patch outlines are schematic, drawn from its text. Import surveyed data to replace them.</source>
        <translation>规划未附图件：县域轮廓、分区、廊道与图斑轮廓均为依据规划文字绘制的示意图形，请导入实测数据替换。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="198" />
        <source>Toksun restoration toolkit {version}

The land ecological restoration plan of Toksun County 2021-2035: plan layers, verification and inspection forms, field packages and merge.</source>
        <translation>托克逊生态修复工具 {version}

托克逊县国土空间生态修复规划（2021-2035年）：规划图层、核查与检查表单、外业数据包与合并。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="37" />
        <source>Conflicts to settle</source>
        <translation>待处理的冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="43" />
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="43" />
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="47" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="97" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="56" />
        <source>Take {side}</source>
        <translation>采用{side}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="62" />
        <source>or type another value</source>
        <translation>或输入其他值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="64" />
        <source>Use this value</source>
        <translation>采用此值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="69" />
        <source>Take theirs for all of this package</source>
        <translation>本修改包全部采用外业值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="71" />
        <source>Keep ours for all of this package</source>
        <translation>本修改包全部保留主库值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="92" />
        <source>whole feature</source>
        <translation>整个要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="101" />
        <source>{n} open conflicts in {path}</source>
        <translation>{path} 中有 {n} 个待处理冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="42" />
        <source>History of {feature}</source>
        <translation>{feature} 的修改历史</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="59" />
        <source>No recorded change to this feature yet.</source>
        <translation>该要素尚无修改记录。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="61" />
        <source>Verify a patch</source>
        <translation>图斑核查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="62" />
        <source>Inspect a project</source>
        <translation>项目检查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="65" />
        <source>Sync: field packages and merge</source>
        <translation>同步：外业数据包与合并</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="66" />
        <source>Settle conflicts</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="68" />
        <source>History of the selected feature</source>
        <translation>所选要素的修改历史</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="189" />
        <source>Select one feature of a plan layer to see its history.</source>
        <translation>请在规划图层中选择一个要素以查看其历史。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/record_dialog.py" line="54" />
        <source>Which one?</source>
        <translation>选择对象：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="79" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="93" />
        <source>Field package for a technician</source>
        <translation>为技术人员生成外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="96" />
        <source>device name, e.g. tech-li-laptop</source>
        <translation>设备名称，例如 tech-li-laptop</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="99" />
        <source>Technician: verification and inspection records</source>
        <translation>技术人员：核查与检查记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="101" />
        <source>GIS staff: plan layers too</source>
        <translation>GIS 人员：含规划图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="102" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="103" />
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="107" />
        <source>The features selected on the map</source>
        <translation>地图上所选要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="109" />
        <source>Create field package…</source>
        <translation>生成外业数据包…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="115" />
        <source>Change packages from the field</source>
        <translation>外业修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="120" />
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="122" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="125" />
        <source>Merge into the master</source>
        <translation>合并到主库</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="134" />
        <source>Master: {path}</source>
        <translation>主库：{path}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="154" />
        <source>Save the field package</source>
        <translation>保存外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="159" />
        <source>Creating the field package</source>
        <translation>正在生成外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="184" />
        <source>Change packages</source>
        <translation>修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="184" />
        <source>Change packages (*.zip)</source>
        <translation>修改包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="199" />
        <source>Merging change packages</source>
        <translation>正在合并修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="47" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="47" />
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="47" />
        <source>Change</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="47" />
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="48" />
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="41" />
        <source>Package</source>
        <translation>修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="47" />
        <source>Refused, not applied</source>
        <translation>已拒绝、未应用</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="57" />
        <source>Open the conflicts panel to settle them field by field.</source>
        <translation>请打开冲突面板逐字段处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="144" />
        <source>Give the device a name first.</source>
        <translation>请先填写设备名称。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="152" />
        <source>Select features on the map first.</source>
        <translation>请先在地图上选择要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="159" />
        <source>Field package written: {path}</source>
        <translation>外业数据包已生成：{path}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="197" />
        <source>Add change packages first.</source>
        <translation>请先添加修改包。</translation>
    </message>
</context>
</TS>