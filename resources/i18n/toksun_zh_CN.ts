<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="66"/>
        <source>Open the plan</source>
        <translation>打开规划</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="67"/>
        <source>Open a master or field package…</source>
        <translation>打开主库或外业数据包…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="80"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="112"/>
        <source>Open a master or field package</source>
        <translation>打开主库或外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="182"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="133"/>
        <source>Schematic geometry</source>
        <translation>示意几何</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="133"/>
        <source>The plan has no maps: the county outline, zones, corridors and patch outlines are schematic, drawn from its text. Import surveyed data to replace them.</source>
        <translation>规划未附图件：县域轮廓、分区、廊道与图斑轮廓均为依据规划文字绘制的示意图形，请导入实测数据替换。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="266"/>
        <source>Toksun restoration toolkit {version}

The land ecological restoration plan of Toksun County 2021-2035: plan layers, verification and inspection forms, field packages and merge.</source>
        <translation>托克逊生态修复工具 {version}

托克逊县国土空间生态修复规划（2021-2035年）：规划图层、核查与检查表单、外业数据包与合并。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="46"/>
        <source>Conflicts to settle</source>
        <translation>待处理的冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="52"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="98"/>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="98"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="125"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="65"/>
        <source>Take {side}</source>
        <translation>采用{side}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="74"/>
        <source>or type another value</source>
        <translation>或输入其他值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="76"/>
        <source>Use this value</source>
        <translation>采用此值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="81"/>
        <source>Take theirs for all of this package</source>
        <translation>本修改包全部采用外业值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="83"/>
        <source>Keep ours for all of this package</source>
        <translation>本修改包全部保留主库值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="114"/>
        <source>whole feature</source>
        <translation>整个要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="125"/>
        <source>{n} open conflicts in {path}</source>
        <translation>{path} 中有 {n} 个待处理冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="120"/>
        <source>History of {feature}</source>
        <translation>{feature} 的修改历史</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="142"/>
        <source>No recorded change to this feature yet.</source>
        <translation>该要素尚无修改记录。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="68"/>
        <source>Verify a patch</source>
        <translation>图斑核查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="69"/>
        <source>Inspect a project</source>
        <translation>项目检查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="88"/>
        <source>Sync: field packages and merge</source>
        <translation>同步：外业数据包与合并</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="73"/>
        <source>Settle conflicts</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="77"/>
        <source>History of the selected feature</source>
        <translation>所选要素的修改历史</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="252"/>
        <source>Select one feature of a plan layer to see its history.</source>
        <translation>请在规划图层中选择一个要素以查看其历史。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/record_dialog.py" line="61"/>
        <source>Which one?</source>
        <translation>选择对象：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="102"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="121"/>
        <source>Field package for a technician</source>
        <translation>为技术人员生成外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="124"/>
        <source>device name, e.g. tech-li-laptop</source>
        <translation>设备名称，例如 tech-li-laptop</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="127"/>
        <source>Technician: verification and inspection records</source>
        <translation>技术人员：核查与检查记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="129"/>
        <source>GIS staff: plan layers too</source>
        <translation>GIS 人员：含规划图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="130"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="131"/>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="135"/>
        <source>The features selected on the map</source>
        <translation>地图上所选要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="137"/>
        <source>Create field package…</source>
        <translation>生成外业数据包…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="143"/>
        <source>Change packages from the field</source>
        <translation>外业修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="148"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="150"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="153"/>
        <source>Merge into the master</source>
        <translation>合并到主库</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="162"/>
        <source>Master: {path}</source>
        <translation>主库：{path}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="182"/>
        <source>Save the field package</source>
        <translation>保存外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="187"/>
        <source>Creating the field package</source>
        <translation>正在生成外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="212"/>
        <source>Change packages</source>
        <translation>修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="212"/>
        <source>Change packages (*.zip)</source>
        <translation>修改包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="234"/>
        <source>Merging change packages</source>
        <translation>正在合并修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="125"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="125"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="95"/>
        <source>Change</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="125"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/history_dialog.py" line="125"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="45"/>
        <source>Package</source>
        <translation>修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="51"/>
        <source>Refused, not applied</source>
        <translation>已拒绝、未应用</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="62"/>
        <source>Open the conflicts panel to settle them field by field.</source>
        <translation>请打开冲突面板逐字段处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="172"/>
        <source>Give the device a name first.</source>
        <translation>请先填写设备名称。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="180"/>
        <source>Select features on the map first.</source>
        <translation>请先在地图上选择要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="187"/>
        <source>Field package written: {path}</source>
        <translation>外业数据包已生成：{path}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="225"/>
        <source>Add change packages first.</source>
        <translation>请先添加修改包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="243"/>
        <source>Export report (Excel)</source>
        <translation>导出报告（Excel）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="48"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="75"/>
        <source>Progress against the plan</source>
        <translation>规划实施进度</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="130"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="145"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="130"/>
        <source>Now</source>
        <translation>现状</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="130"/>
        <source>Of 2025</source>
        <translation>达2025年目标</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="130"/>
        <source>Of 2035</source>
        <translation>达2035年目标</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="130"/>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="132"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="136"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="136"/>
        <source>Patches</source>
        <translation>图斑数</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="136"/>
        <source>Verified</source>
        <translation>已核查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="136"/>
        <source>Untreated</source>
        <translation>未治理</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="137"/>
        <source>In progress</source>
        <translation>治理中</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="137"/>
        <source>Restored</source>
        <translation>已恢复治理</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="137"/>
        <source>Natural recovery</source>
        <translation>自然恢复</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="138"/>
        <source>Not yet verified</source>
        <translation>未核查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="138"/>
        <source>Restored area (m²)</source>
        <translation>已恢复治理面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="141"/>
        <source>Legacy mines</source>
        <translation>历史遗留矿山</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="145"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="145"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="145"/>
        <source>Quantity</source>
        <translation>目标数量</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="145"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="145"/>
        <source>Percent</source>
        <translation>完成率</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="145"/>
        <source>Last inspected</source>
        <translation>最近检查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="317"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="148"/>
        <source>Projects</source>
        <translation>重点项目</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="98"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="150"/>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="150"/>
        <source>Sections cited</source>
        <translation>规划出处</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="151"/>
        <source>Plan check</source>
        <translation>规划一致性检查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="154"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="155"/>
        <source>Export report (Excel)…</source>
        <translation>导出报告（Excel）…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="156"/>
        <source>Export report (PDF)…</source>
        <translation>导出报告（PDF）…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="182"/>
        <source>Cannot read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="189"/>
        <source>Records up to {date}: {v} verifications, {i} inspections, {p} photos</source>
        <translation>记录截至 {date}：核查 {v} 条，检查 {i} 条，照片 {p} 张</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="199"/>
        <source>Patches: {n}, verified {v}, restored {r}, in progress {c}, untreated {a}</source>
        <translation>图斑 {n} 个，已核查 {v}，已恢复治理 {r}，治理中 {c}，未治理 {a}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="203"/>
        <source>Plan check: {n} inconsistencies</source>
        <translation>规划一致性：{n} 处不一致</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="243"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="258"/>
        <source>Export report (PDF)</source>
        <translation>导出报告（PDF）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="258"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="294"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="289"/>
        <source>The report was not written: {error}</source>
        <translation>报告未生成：{error}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="294"/>
        <source>Report written: {path}</source>
        <translation>报告已生成：{path}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="53"/>
        <source>Import surveyed data</source>
        <translation>导入测绘数据</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="61"/>
        <source>Shapefile, GeoJSON or GeoPackage</source>
        <translation>Shapefile、GeoJSON 或 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="62"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="67"/>
        <source>Source file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="70"/>
        <source>Source layer</source>
        <translation>数据图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="74"/>
        <source>Plan layer</source>
        <translation>规划图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="76"/>
        <source>from the file (e.g. EPSG:4518 to override)</source>
        <translation>按文件（可填 EPSG:4518 等覆盖）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="77"/>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="83"/>
        <source>Area tolerance</source>
        <translation>面积容差</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="86"/>
        <source>Source field</source>
        <translation>源字段</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="86"/>
        <source>Plan field</source>
        <translation>规划字段</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="86"/>
        <source>First value</source>
        <translation>首条取值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="95"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="98"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="98"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="104"/>
        <source>Double-click a problem to zoom to its feature</source>
        <translation>双击问题可缩放到对应要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="133"/>
        <source>Field mapping</source>
        <translation>字段对应</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="119"/>
        <source>Delete the rows the source does not have</source>
        <translation>删除数据源中没有的记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="122"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="125"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="153"/>
        <source>Choose the surveyed data</source>
        <translation>选择测绘数据</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="153"/>
        <source>Vector data (*.shp *.geojson *.json *.gpkg)</source>
        <translation>矢量数据 (*.shp *.geojson *.json *.gpkg)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="228"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="298"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="298"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="305"/>
        <source>Missing from the source: will be deleted</source>
        <translation>数据源中缺少：将删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="305"/>
        <source>Missing from the source: kept</source>
        <translation>数据源中缺少：保留</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="309"/>
        <source>{n} verification(s)</source>
        <translation>{n} 条核查记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="317"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="317"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="329"/>
        <source>Fix the errors first: nothing is written while there are errors</source>
        <translation>请先修正错误：存在错误时不会写入</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="365"/>
        <source>Importing surveyed data</source>
        <translation>正在导入测绘数据</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="383"/>
        <source>Not imported: {error}</source>
        <translation>未导入：{error}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/import_dialog.py" line="388"/>
        <source>Imported: {updated} updated, {inserted} new, {deleted} deleted</source>
        <translation>已导入：更新 {updated}，新增 {inserted}，删除 {deleted}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="79"/>
        <source>Import surveyed data…</source>
        <translation>导入测绘数据…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="139"/>
        <source>Technician&apos;s field package</source>
        <translation>技术员外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="139"/>
        <source>The plan layers are locked: a technician adds and edits verification and inspection records and their photos; plan changes are made by GIS staff.</source>
        <translation>规划图层已锁定：技术员可新增和编辑核查记录、检查记录及其照片；规划数据由GIS人员修改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/record_dialog.py" line="178"/>
        <source>The file is in use by another program; nothing was saved. What you typed stays in the form.</source>
        <translation>文件正被其他程序占用，未保存任何内容；已填写的内容保留在表单中。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/record_dialog.py" line="189"/>
        <source>No GNSS receiver is connected to QGIS, or it has no fix yet (QGIS: View → Panels → GPS Information). Type the longitude and latitude instead.</source>
        <translation>QGIS 未连接 GNSS 接收机，或接收机尚未定位（QGIS：视图 → 面板 → GPS 信息）。请手工输入经纬度。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="139"/>
        <source>Select a conflict first.</source>
        <translation>请先选择一个冲突。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="176"/>
        <source>Not settled: {reason}</source>
        <translation>未处理：{reason}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="240"/>
        <source>A whole feature is settled by taking one side, not by a value.</source>
        <translation>整个要素的冲突须采用某一方的值，不能输入单个值。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="248"/>
        <source>{field} is required: give a value.</source>
        <translation>{field}为必填项，请输入值。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="261"/>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="261"/>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="262"/>
        <source>0 or 1</source>
        <translation>0 或 1</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="262"/>
        <source>a date such as 2025-05-20</source>
        <translation>日期，例如 2025-05-20</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="263"/>
        <source>a date and time such as 2025-05-20T10:30:00Z</source>
        <translation>日期时间，例如 2025-05-20T10:30:00Z</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="264"/>
        <source>{field} takes {what}, not “{value}”.</source>
        <translation>{field}应填写{what}，不能是“{value}”。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/conflicts_dialog.py" line="289"/>
        <source>“{value}” is not in the code list of {field}. Use one of: {codes}</source>
        <translation>“{value}”不在{field}的代码表中，请使用以下代码之一：{codes}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="229"/>
        <source>Not merged: {layers} of the master have edits in QGIS not yet saved. Save or discard them first (Layer → Save Layer Edits, or Toggle Editing), then merge again; nothing was changed.</source>
        <translation>未合并：主库的图层{layers}在 QGIS 中有尚未保存的编辑。请先保存或放弃这些编辑（图层 → 保存图层编辑，或切换编辑状态），再重新合并；主库未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="48"/>
        <source>QGIS cannot open the layer {layer} of {path}.</source>
        <translation>QGIS 无法打开 {path} 中的图层 {layer}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="59"/>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="67"/>
        <source>{path} is not a GeoPackage.</source>
        <translation>{path} 不是 GeoPackage 文件。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="72"/>
        <source>{path} is not a plan GeoPackage of this toolkit: it has no {tables}. Open the plan, a master made from it or a field package.</source>
        <translation>{path} 不是本工具的规划 GeoPackage：缺少 {tables}。请打开规划、由其生成的主库或外业数据包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="124"/>
        <source>Not opened</source>
        <translation>未打开</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dashboard.py" line="193"/>
        <source>Legacy mines remediated: {now:.4f} km², counting the 2020 baseline of {base:g} km² and {restored:.4f} km² restored since (2025 target {t25:g}: {p25}; 2035 target {t35:g}: {p35})</source>
        <translation>历史遗留矿山综合治理面积：{now:.4f} 平方千米，含2020年基数 {base:g} 平方千米及此后已恢复治理 {restored:.4f} 平方千米（2025年目标 {t25:g}：{p25}；2035年目标 {t35:g}：{p35}）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="72"/>
        <source>Merge report</source>
        <translation>合并报告</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="111"/>
        <source>Show the merge report…</source>
        <translation>查看合并报告…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="250"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="247"/>
        <source>{n} conflict(s) to settle: open Settle conflicts.</source>
        <translation>有 {n} 个冲突待处理：请打开“处理冲突”。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/sync_dock.py" line="250"/>
        <source>{n} change(s) applied, no conflict.</source>
        <translation>已应用 {n} 项修改，无冲突。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="170"/>
        <source>Not done: {layers} of this file have edits in QGIS not yet saved. Save or discard them first (Layer → Save Layer Edits, or Toggle Editing), then try again; nothing was changed.</source>
        <translation>未执行：此文件的图层{layers}在 QGIS 中有尚未保存的编辑。请先保存或放弃这些编辑（图层 → 保存图层编辑，或切换编辑状态），再重试；未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/record_dialog.py" line="81"/>
        <source>QGIS is editing {layers} in a transaction group and keeps the file until the edits are saved or discarded. Save or stop editing to save the record; until then what you type is kept as a draft beside the plan.</source>
        <translation>QGIS 正以事务组编辑图层“{layers}”，在保存或放弃这些编辑之前文件由 QGIS 独占。请先保存或停止编辑再保存记录；在此之前，填写的内容另存为规划文件之外的草稿。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/record_dialog.py" line="160"/>
        <source>The file is in use by another program: the draft is kept beside the plan until it is free.</source>
        <translation>文件正被其他程序占用：草稿暂存于规划文件之外，待文件释放后再存回。</translation>
    </message>
</context>
</TS>
