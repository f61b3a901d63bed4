<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="121"/>
        <source>Open the plan</source>
        <translation>打开规划</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="122"/>
        <source>Open a master or field package…</source>
        <translation>打开主库或外业数据包…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="136"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="238"/>
        <source>Open a master or field package</source>
        <translation>打开主库或外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="238"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="291"/>
        <source>Schematic geometry</source>
        <translation>示意几何</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="291"/>
        <source>The plan has no maps: the county outline, zones, corridors and patch outlines are schematic, drawn from its text. Import surveyed data to replace them.</source>
        <translation>规划未附图件：县域轮廓、分区、廊道与图斑轮廓均为依据规划文字绘制的示意图形，请导入实测数据替换。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="585"/>
        <source>Toksun restoration toolkit {version}

The land ecological restoration plan of Toksun County 2021-2035: plan layers, verification and inspection forms, field packages and merge.</source>
        <translation>托克逊生态修复工具 {version}

托克逊县国土空间生态修复规划（2021-2035年）：规划图层、核查与检查表单、外业数据包与合并。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="63"/>
        <source>Conflicts to settle</source>
        <translation>待处理的冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="222"/>
        <source>no recorded edit</source>
        <translation>无编辑记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="109"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="246"/>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="186"/>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="186"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="297"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="132"/>
        <source>Take {side}</source>
        <translation>采用{side}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="142"/>
        <source>or type another value</source>
        <translation>或输入其他值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="144"/>
        <source>Use this value</source>
        <translation>采用此值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="151"/>
        <source>Take the other value for all of this package</source>
        <translation>本修改包的冲突全部采用另一值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="153"/>
        <source>Keep the master&apos;s values for all of this package</source>
        <translation>本修改包的冲突全部保留主库现值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="843"/>
        <source>This conflict was kept when an edit was saved in QGIS or in the database over another&apos;s: no merge recorded it, so it belongs to no package. Settle it by itself with the buttons above.</source>
        <translation>此冲突是在 QGIS 或数据库中保存修改、覆盖了他人的修改时记下的：它不是合并记录的，不属于任何修改包。请用上方的按钮单独处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="860"/>
        <source>A field package&apos;s conflicts are not settled in it: its next export sends this package&apos;s values to the master, where a supervisor settles any that clash once they are merged, and the first pull after that merge closes them here, the package then holding what the master holds.</source>
        <translation>外业数据包的冲突不在数据包中处理：它的下一次导出把本数据包的值发送到主库，合并后仍有冲突的由主管在主库中处理；合并之后的第一次拉取会在此关闭这些冲突，数据包随即与主库一致。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="156"/>
        <source>Take the master&apos;s values for all of this pull</source>
        <translation>本次拉取的冲突全部采用主库的值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="160"/>
        <source>Keep this package&apos;s values for all of this pull</source>
        <translation>本次拉取的冲突全部保留数据包现值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="479"/>
        <source>whole feature</source>
        <translation>整个要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="240"/>
        <source>{n} open conflicts in {path}</source>
        <translation>{path} 中有 {n} 项未处理的冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="240"/>
        <source>1 open conflict in {path}</source>
        <translation>{path} 中有 1 项未处理的冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history.py" line="131"/>
        <source>History of {feature}</source>
        <translation>{feature} 的修改历史</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history.py" line="168"/>
        <source>No recorded change to this feature yet.</source>
        <translation>该要素尚无修改记录。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="124"/>
        <source>Verify a patch</source>
        <translation>图斑核查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="125"/>
        <source>Inspect a project</source>
        <translation>项目检查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="127"/>
        <source>Sync: field packages and merge</source>
        <translation>同步：外业数据包与合并</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="129"/>
        <source>Settle conflicts</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="133"/>
        <source>History of the selected feature</source>
        <translation>所选要素的修改历史</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="544"/>
        <source>Select one feature of a plan layer to see its history.</source>
        <translation>请在规划图层中选择一个要素以查看其历史。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="439"/>
        <source>Which one?</source>
        <translation>选择对象：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/help.py" line="125"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="291"/>
        <source>Field package for a technician</source>
        <translation>为技术员生成外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="296"/>
        <source>e.g. tech-li-laptop</source>
        <translation>例如 tech-li-laptop</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="299"/>
        <location filename="../../qgis_plugin/processing/provider.py" line="62"/>
        <source>Technician: verification and inspection records</source>
        <translation>技术员：核查与检查记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="301"/>
        <location filename="../../qgis_plugin/processing/provider.py" line="63"/>
        <source>GIS staff: plan layers too</source>
        <translation>GIS 人员：含规划图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="199"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="303"/>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="308"/>
        <source>The features selected on the map</source>
        <translation>地图上所选要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="312"/>
        <source>Create field package…</source>
        <translation>生成外业数据包…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="318"/>
        <source>Change packages from the field</source>
        <translation>外业修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="323"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="325"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="328"/>
        <source>Merge into the master</source>
        <translation>合并到主库</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="611"/>
        <source>Master: {path}</source>
        <translation>主库：{path}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="641"/>
        <source>Save the field package</source>
        <translation>保存外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="673"/>
        <source>Creating the field package</source>
        <translation>正在生成外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="939"/>
        <source>Field package not created</source>
        <translation>未生成外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="1016"/>
        <source>Field package created</source>
        <translation>外业数据包已生成</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="713"/>
        <source>Not offered while “{work}” is under way: one piece of work at a time.</source>
        <translation>“{work}”尚未完成，暂不提供：一次只进行一项工作。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="730"/>
        <source>“{work}” is under way in the Sync panel: one piece of work at a time; try again once it is done.</source>
        <translation>同步面板中的“{work}”尚未完成：一次只进行一项工作，请待其完成后再试。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="725"/>
        <source>Change package not exported</source>
        <translation>未导出修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="784"/>
        <source>Change package exported</source>
        <translation>修改包已导出</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="762"/>
        <source>Master not pulled into the field package</source>
        <translation>未将主库更新拉取到外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="1122"/>
        <source>Change packages not merged</source>
        <translation>未合并修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="586"/>
        <source>Merge not undone</source>
        <translation>未撤销合并</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="620"/>
        <source>Merge undone</source>
        <translation>合并已撤销</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="737"/>
        <source>cancelled by the user; nothing was written: no field package, the device not registered</source>
        <translation>已由用户取消；未写入任何内容：没有生成外业数据包，设备未登记</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="736"/>
        <source>cancelled by the user; nothing was written: no change package, the changes wait for the next export</source>
        <translation>已由用户取消；未写入任何内容：没有生成修改包，这些修改留待下次导出</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="283"/>
        <source>Change packages</source>
        <translation>修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="703"/>
        <source>Change packages (*.zip)</source>
        <translation>修改包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="733"/>
        <source>Merging change packages</source>
        <translation>正在合并修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history.py" line="137"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history.py" line="137"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="183"/>
        <source>Change</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history.py" line="137"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history.py" line="137"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="147"/>
        <source>Package</source>
        <translation>修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="178"/>
        <source>Refused, not applied</source>
        <translation>已拒收、未应用</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="629"/>
        <source>Give the device a name first.</source>
        <translation>请先填写设备名称。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="637"/>
        <source>Select features on the map first.</source>
        <translation>请先在地图上选择要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="736"/>
        <source>Cut to the area, it holds: {layers}.</source>
        <translation>按范围裁切后，数据包中有：{layers}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="150"/>
        <source>Cut to the patch of the selection, it holds: {layers}.</source>
        <translation>按所选要素涉及的 1 个图斑裁切后，数据包中有：{layers}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="151"/>
        <source>Cut to the {n} patches of the selection, it holds: {layers}.</source>
        <translation>按所选要素涉及的 {n} 个图斑裁切后，数据包中有：{layers}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="146"/>
        <source>Cut to the patch of the selection, and the county&apos;s own layers to the selection&apos;s area, it holds: {layers}.</source>
        <translation>按所选要素涉及的 1 个图斑裁切（本县自有图层按所选范围裁切）后，数据包中有：{layers}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="148"/>
        <source>Cut to the {n} patches of the selection, and the county&apos;s own layers to the selection&apos;s area, it holds: {layers}.</source>
        <translation>按所选要素涉及的 {n} 个图斑裁切（本县自有图层按所选范围裁切）后，数据包中有：{layers}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="803"/>
        <source>Of {layers}, the features selected alone.</source>
        <translation>其中 {layers} 只带入所选的要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="806"/>
        <source>The features selected of {layers} have no uuid: cut to the selection&apos;s area.</source>
        <translation>{layers} 中所选的要素没有 uuid：按所选范围裁切。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="755"/>
        <source>Cut to the township {township}, it holds: {layers}.</source>
        <translation>按乡镇 {township} 裁切后，数据包中有：{layers}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="711"/>
        <source>The features selected have no place on the map ({layers}): select patches, their records or projects, or features of a map layer.</source>
        <translation>所选要素在地图上没有位置（{layers}）：请选择图斑、图斑的记录或项目，或地图图层上的要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="657"/>
        <source>Field package written: {path}</source>
        <translation>外业数据包已生成：{path}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="720"/>
        <source>Add change packages first.</source>
        <translation>请先添加修改包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="375"/>
        <source>Export report (Excel)</source>
        <translation>导出报告（Excel）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="72"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="131"/>
        <source>Progress against the plan</source>
        <translation>规划实施进度</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="214"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="233"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="217"/>
        <source>Now</source>
        <translation>现状</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="214"/>
        <source>Of 2025</source>
        <translation>达2025年目标</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="214"/>
        <source>Of 2035</source>
        <translation>达2035年目标</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="214"/>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/fitted_table.py" line="146"/>
        <location filename="../../qgis_plugin/docks/fitted_table.py" line="151"/>
        <source>{head}: {value}</source>
        <translation>{head}：{value}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="219"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="224"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="224"/>
        <source>Patches</source>
        <translation>图斑数</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="224"/>
        <source>Verified</source>
        <translation>已核查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="224"/>
        <source>Untreated</source>
        <translation>未治理</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="225"/>
        <source>Work in progress</source>
        <translation>治理中</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="225"/>
        <source>Restored</source>
        <translation>已恢复治理</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="225"/>
        <source>Natural recovery</source>
        <translation>自然恢复</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="226"/>
        <source>Not yet verified</source>
        <translation>未核查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="226"/>
        <source>Restored area (m²)</source>
        <translation>已恢复治理面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="229"/>
        <source>Mines</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="229"/>
        <source>Legacy mines</source>
        <translation>历史遗留矿山图斑</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="233"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="233"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="233"/>
        <source>Quantity</source>
        <translation>目标数量</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="233"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="233"/>
        <source>Percent</source>
        <translation>完成率</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="233"/>
        <source>Last inspected</source>
        <translation>最近检查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="233"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="236"/>
        <source>Projects</source>
        <translation>重点项目</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="238"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="238"/>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="238"/>
        <source>Sections cited</source>
        <translation>规划出处</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="239"/>
        <source>Plan check</source>
        <translation>规划一致性检查</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="242"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="243"/>
        <source>Export report (Excel)…</source>
        <translation>导出报告（Excel）…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="244"/>
        <source>Export report (PDF)…</source>
        <translation>导出报告（PDF）…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="358"/>
        <source>Cannot read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="312"/>
        <source>This dock shows a master&apos;s progress against the plan: {path} is a field package, which holds its township&apos;s or its area&apos;s records alone, so its figures would not be the county&apos;s.</source>
        <translation>此面板显示主库的规划进展：{path} 是外业数据包，仅含其乡镇或范围内的记录，其数据不是全县的数据。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="315"/>
        <source>Open the master to see its progress and export its report.</source>
        <translation>请打开主库查看其进展并导出报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="283"/>
        <source>Records up to {date}: {v} verifications, {i} inspections, {p} photos</source>
        <translation>记录截至 {date}：核查 {v} 条，检查 {i} 条，照片 {p} 张</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="345"/>
        <source>{records}: {v} verifications, {i} inspections, {p} photos</source>
        <translation>{records}：核查 {v} 条，检查 {i} 条，照片 {p} 张</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="298"/>
        <source>Plan check: {n} inconsistencies</source>
        <translation>规划一致性：{n} 处不一致</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="375"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="390"/>
        <source>Export report (PDF)</source>
        <translation>导出报告（PDF）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="390"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="389"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="423"/>
        <source>The report was not written: {error}</source>
        <translation>报告未生成：{error}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="428"/>
        <source>Report written: {path}</source>
        <translation>报告已生成：{path}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="414"/>
        <source>Import surveyed data</source>
        <translation>导入测绘数据</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="147"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="152"/>
        <source>Source file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="515"/>
        <source>Source layer</source>
        <translation>数据图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="436"/>
        <source>Plan layer</source>
        <translation>规划图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="161"/>
        <source>from the file (e.g. EPSG:4518 to override)</source>
        <translation>按文件（可填 EPSG:4518 等覆盖）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="512"/>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="169"/>
        <source>Area tolerance</source>
        <translation>面积容差</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="174"/>
        <source>Source field</source>
        <translation>源字段</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="174"/>
        <source>Plan field</source>
        <translation>规划字段</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="174"/>
        <source>First value</source>
        <translation>首条取值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="183"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="530"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="186"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="193"/>
        <source>Double-click a problem to zoom to its feature</source>
        <translation>双击问题可缩放到对应要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="238"/>
        <source>Field mapping</source>
        <translation>字段对应</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="57"/>
        <source>Delete the rows the source does not have</source>
        <translation>删除数据源中没有的记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="219"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="223"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="266"/>
        <source>Choose the surveyed data</source>
        <translation>选择测绘数据</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="395"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="443"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="527"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="535"/>
        <source>Missing from the source: will be deleted</source>
        <translation>数据源中缺少：将删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="535"/>
        <source>Missing from the source: kept</source>
        <translation>数据源中缺少：保留</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="541"/>
        <source>Missing from the source: would be deleted once the errors are fixed</source>
        <translation>数据源中缺少：改正错误后将删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="525"/>
        <source>choose {target} for {field} in the “{table}” table</source>
        <translation>在“{table}”表中为 {field} 选择 {target}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="104"/>
        <source>choose {target} for the field that holds it in the “{table}” table</source>
        <translation>在“{table}”表中为存有它的字段选择 {target}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="528"/>
        <source>map it in the “{table}” table</source>
        <translation>请在“{table}”表中指定对应</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="539"/>
        <source>{n} verifications</source>
        <translation>{n} 条核查记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="539"/>
        <source>1 verification</source>
        <translation>1 条核查记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="550"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="550"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="569"/>
        <source>Fix the errors first: nothing is written while there are errors</source>
        <translation>请先修正错误：存在错误时不会写入</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="614"/>
        <source>Importing surveyed data</source>
        <translation>正在导入测绘数据</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="632"/>
        <source>Not imported: {error}</source>
        <translation>未导入：{error}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="637"/>
        <source>Imported: {updated} updated, {inserted} new, {deleted} deleted</source>
        <translation>已导入：更新 {updated}，新增 {inserted}，删除 {deleted}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="135"/>
        <source>Import surveyed data…</source>
        <translation>导入测绘数据…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="312"/>
        <source>Technician&apos;s field package</source>
        <translation>技术员外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="312"/>
        <source>The plan layers are locked: a technician adds and edits verification and inspection records and their photos; plan changes are made by GIS staff.</source>
        <translation>规划图层已锁定：技术员可新增和编辑核查记录、检查记录及其照片；规划数据由GIS人员修改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/record.py" line="186"/>
        <source>The file is in use by another program; nothing was saved. What you typed stays in the form.</source>
        <translation>文件正被其他程序占用，未保存任何内容；已填写的内容保留在表单中。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/record.py" line="197"/>
        <source>No GNSS receiver is connected to QGIS, or it has no fix yet (QGIS: View → Panels → GPS Information). Type the longitude and latitude instead.</source>
        <translation>QGIS 未连接 GNSS 接收机，或接收机尚未定位（QGIS：视图 → 面板 → GPS 信息）。请手工输入经纬度。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="432"/>
        <source>Select a conflict first.</source>
        <translation>请先选择一个冲突。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="445"/>
        <source>Not settled: {reason}</source>
        <translation>未处理：{reason}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="579"/>
        <source>A whole feature is settled by taking one side, not by a value.</source>
        <translation>整个要素的冲突须采用某一方的值，不能输入单个值。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="589"/>
        <source>{field} is required: give a value.</source>
        <translation>{field}为必填项，请输入值。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="604"/>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="604"/>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="605"/>
        <source>0 or 1</source>
        <translation>0 或 1</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="605"/>
        <source>a date such as 2025-05-20</source>
        <translation>日期，例如 2025-05-20</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="606"/>
        <source>a date and time such as 2025-05-20T10:30:00Z</source>
        <translation>日期时间，例如 2025-05-20T10:30:00Z</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="607"/>
        <source>{field} takes {what}, not “{value}”.</source>
        <translation>{field}应填写{what}，不能是“{value}”。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="637"/>
        <source>“{value}” is not in the code list of {field}. Use one of: {codes}</source>
        <translation>“{value}”不在{field}的代码表中，请使用以下代码之一：{codes}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="724"/>
        <source>Not merged: {layers} of the master have edits in QGIS not yet saved. Save or discard them first (Layer → Save Layer Edits, or Toggle Editing), then merge again; nothing was changed.</source>
        <translation>未合并：主库的图层{layers}在 QGIS 中有尚未保存的编辑。请先保存或放弃这些编辑（图层 → 保存图层编辑，或切换编辑状态），再重新合并；主库未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="181"/>
        <source>QGIS cannot open the layer {layer} of {path}.</source>
        <translation>QGIS 无法打开 {path} 中的图层 {layer}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="69"/>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="81"/>
        <source>{path} is not a GeoPackage.</source>
        <translation>{path} 不是 GeoPackage 文件。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="91"/>
        <source>{path} is not a plan GeoPackage of this toolkit: it has no {tables}. Open the plan, a master made from it or a field package.</source>
        <translation>{path} 不是本工具的规划 GeoPackage：缺少 {tables}。请打开规划、由其生成的主库或外业数据包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="87"/>
        <source>{name} holds none of the plan&apos;s layers: it is no master or field package of this toolkit. To work on its layers with the plan, add them to the master (ogr2ogr -update MASTER.gpkg {path}), then open the master.</source>
        <translation>{name} 不含任何规划图层，不是本工具的主库或外业数据包。如需将其图层与规划一起使用，请先将其加入主库（ogr2ogr -update 主库.gpkg {path}），再打开主库。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="330"/>
        <source>Not opened</source>
        <translation>未打开</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="287"/>
        <source>Legacy mines remediated: {now} km², counting the 2020 baseline of {base:g} km² and {restored} km² restored since (2025 target {t25:g}: {p25}; 2035 target {t35:g}: {p35})</source>
        <translation>历史遗留矿山综合治理面积：{now} 平方千米，含2020年基数 {base:g} 平方千米及此后已恢复治理 {restored} 平方千米（2025年目标 {t25:g}：{p25}；2035年目标 {t35:g}：{p35}）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="776"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="778"/>
        <source>{n} conflicts to settle: open Settle conflicts.</source>
        <translation>有 {n} 项冲突待处理：请打开“处理冲突”。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="778"/>
        <source>1 conflict to settle: open Settle conflicts.</source>
        <translation>有 1 项冲突待处理：请打开“处理冲突”。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="773"/>
        <source>{n} changes applied, no conflict.</source>
        <translation>已应用 {n} 项修改，无冲突。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="773"/>
        <source>1 change applied, no conflict.</source>
        <translation>已应用 1 项修改，无冲突。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="276"/>
        <source>Not done: {layers} of this file have edits in QGIS not yet saved. Save or discard them first (Layer → Save Layer Edits, or Toggle Editing), then try again; nothing was changed.</source>
        <translation>未执行：此文件的图层{layers}在 QGIS 中有尚未保存的编辑。请先保存或放弃这些编辑（图层 → 保存图层编辑，或切换编辑状态），再重试；未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/record.py" line="86"/>
        <source>QGIS is editing {layers} in a transaction group and keeps the file until the edits are saved or discarded. Save or stop editing to save the record; until then what you type is kept as a draft beside the plan.</source>
        <translation>QGIS 正以事务组编辑图层“{layers}”，在保存或放弃这些编辑之前文件由 QGIS 独占。请先保存或停止编辑再保存记录；在此之前，填写的内容另存为规划文件之外的草稿。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/record.py" line="166"/>
        <source>The file is in use by another program: the draft is kept beside the plan until it is free.</source>
        <translation>文件正被其他程序占用：草稿暂存于规划文件之外，待文件释放后再存回。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="297"/>
        <source>Change log not whole</source>
        <translation>变更记录不完整</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="297"/>
        <source>The recording of edits in this file was bypassed by another tool ({0}): edits made since may be missing. Run field-kit repair on it before exporting or merging.</source>
        <translation>此文件的修改记录已被其他工具绕过（{0}）：此后的修改可能没有记下。请先对该文件运行 field-kit repair，再导出或合并。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="75"/>
        <source>Cancelled: nothing was changed.</source>
        <translation>已取消：未作任何改动。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/base.py" line="75"/>
        <source>Finished before the cancel: what it wrote stays written.</source>
        <translation>取消之前已完成：已写入的内容保持不变。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/export.py" line="67"/>
        <source>Cancelled: no change package was written; the changes wait for the next export.</source>
        <translation>已取消：未写入修改包；这些修改留待下次导出。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="98"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="433"/>
        <source>Master GeoPackage</source>
        <translation>主库 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="196"/>
        <source>Device name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="197"/>
        <source>Township (empty: all)</source>
        <translation>乡镇（留空：全部）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="80"/>
        <source>Basemap for QField (MBTiles or GeoTIFF, optional)</source>
        <translation>QField 底图（MBTiles 或 GeoTIFF，可选）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="230"/>
        <source>MBTiles or GeoTIFF (*.mbtiles *.tif *.tiff)</source>
        <translation>MBTiles 或 GeoTIFF (*.mbtiles *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="246"/>
        <source>A basemap travels in a QField project only: tick “{qfield}”, or leave “{basemap}” empty; nothing was checked out.</source>
        <translation>底图只随 QField 项目一起带出：请勾选“{qfield}”，或不填“{basemap}”；未签出任何数据。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="201"/>
        <source>For QField</source>
        <translation>用于 QField</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="356"/>
        <source>Field package</source>
        <translation>外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="205"/>
        <source>Master sequence it starts from</source>
        <translation>起始主库序号</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="253"/>
        <source>Everything since checkout</source>
        <translation>导出签出以来的全部修改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="255"/>
        <source>Change package</source>
        <translation>修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="257"/>
        <source>Changes exported</source>
        <translation>导出的修改数</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="69"/>
        <source>Nothing to export: no local changes since the last export.</source>
        <translation>无可导出内容：上次导出后没有本地修改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="120"/>
        <source>Nothing to export: no local changes since checkout.</source>
        <translation>无可导出内容：自签出以来没有本地修改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="291"/>
        <source>Packages refused, with the reason</source>
        <translation>被拒收的修改包及原因</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="314"/>
        <source>{0} from {1}: applied {2}, already {3}, conflicts {4}, refused {5}</source>
        <translation>{0}（来自 {1}）：已应用 {2}，此前已应用 {3}，冲突 {4}，拒收 {5}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="325"/>
        <source>Every package was refused; the master is unchanged.</source>
        <translation>所有修改包均被拒收，主库未改动。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="359"/>
        <source>Applied</source>
        <translation>已应用</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="360"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="382"/>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="408"/>
        <source>A report is an .xlsx or a .pdf file.</source>
        <translation>报告须为 .xlsx 或 .pdf 文件。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="427"/>
        <source>Plan data</source>
        <translation>规划数据</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="435"/>
        <source>Surveyed data</source>
        <translation>实测数据</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="444"/>
        <source>Inserted</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="479"/>
        <source>Toksun restoration</source>
        <translation>托克逊生态修复</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="189"/>
        <source>Check out a field package</source>
        <translation>签出外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="245"/>
        <source>Export a change package</source>
        <translation>导出修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="246"/>
        <source>Writes a signed change package of the field package&apos;s changes since its last export (all since checkout, to replace a lost one).</source>
        <translation>写出外业数据包自上次导出以来修改的签名修改包（也可导出签出以来的全部修改，以替换丢失的修改包）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="275"/>
        <source>Merge change packages</source>
        <translation>合并修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="276"/>
        <source>Merges change packages into the master, three-way per field, whole or not at all; refused packages leave the master as it was, conflicts wait for a supervisor.</source>
        <translation>按字段三方合并修改包到主库，整包应用或完全不应用；被拒收的修改包不改动主库，冲突留待审核人处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="350"/>
        <source>Pull the master into a field package</source>
        <translation>将主库更新拉取到外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="351"/>
        <source>Brings the master&apos;s newer state into a field package, keeping its own unsent edits.</source>
        <translation>将主库的较新状态带入外业数据包，保留其尚未发送的修改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="376"/>
        <source>Progress report</source>
        <translation>进度报告</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="377"/>
        <source>Writes the supervisor&apos;s progress report against the plan: Excel (.xlsx) or PDF.</source>
        <translation>写出对照规划目标的进度报告：Excel（.xlsx）或 PDF。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="415"/>
        <source>Checks surveyed data against the plan and brings it into the master layer; nothing is written when the check finds errors.</source>
        <translation>按规划检查实测数据并导入主库图层；检查发现错误时不写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="337"/>
        <source>Merges into this master</source>
        <translation>合并到本主库的记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="414"/>
        <source>Undo the selected merge…</source>
        <translation>撤销所选合并…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="454"/>
        <source>A field package</source>
        <translation>外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="350"/>
        <source>No field package chosen.</source>
        <translation>尚未选择外业数据包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="353"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="355"/>
        <source>Pull the master into it</source>
        <translation>将主库更新拉取到此包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="596"/>
        <source>Pull and Export are not offered for it.</source>
        <translation>因此不对其提供拉取与导出。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="525"/>
        <source>Not offered until a field package is chosen (Choose…).</source>
        <translation>尚未选择外业数据包，暂不提供：请先点击“选择…”选择一个。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="729"/>
        <source>Not offered for the file chosen: {reason}</source>
        <translation>不对所选文件提供：{reason}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="748"/>
        <source>Not offered while the field package itself is open: there is no master here to pull from. Open its master and choose this package there.</source>
        <translation>当前打开的即是外业数据包本身，不提供：此处没有可拉取的主库。请打开其主库，在那里选择此数据包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="380"/>
        <source>{at} {package} from {device}: applied {applied}, conflicts {conflicts}, refused {refused}</source>
        <translation>{at} {package}（来自 {device}）：已应用 {applied}，冲突 {conflicts}，拒收 {refused}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="389"/>
        <source>added layers {names}</source>
        <translation>新增图层 {names}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="389"/>
        <source>added layer {names}</source>
        <translation>新增图层 {names}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="390"/>
        <source>added columns {names}</source>
        <translation>新增字段 {names}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="390"/>
        <source>added column {names}</source>
        <translation>新增字段 {names}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="386"/>
        <source>undone {at}</source>
        <translation>已于 {at} 撤销</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="405"/>
        <source>Select a merge first.</source>
        <translation>请先选择一次合并。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="410"/>
        <source>Not undone: {layers} of the master have edits in QGIS not yet saved. Save or discard them first; nothing was changed.</source>
        <translation>未撤销：主库的 {layers} 在 QGIS 中有尚未保存的编辑。请先保存或放弃这些编辑；未作任何改动。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="338"/>
        <source>Not pulled: {layers} of {package} are being edited in QGIS. A pull writes into the package and locks again what the master&apos;s grants no longer let be changed, which an edit session would keep open to typing until it ends. Save or discard the edits and stop editing (Layer → Toggle Editing), then pull again; nothing was changed.</source>
        <translation>未拉取：{package} 的 {layers} 正在 QGIS 中编辑。拉取会写入该外业包，并按主库的授权重新锁定不再允许修改的内容，而编辑会话在结束前仍会让这些内容可以输入。请先保存或放弃编辑并停止编辑（图层 → 切换编辑），然后再拉取；未作任何改动。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="338"/>
        <source>Not pulled: {layers} of {package} is being edited in QGIS. A pull writes into the package and locks again what the master&apos;s grants no longer let be changed, which an edit session would keep open to typing until it ends. Save or discard the edits and stop editing (Layer → Toggle Editing), then pull again; nothing was changed.</source>
        <translation>未拉取：{package} 的 {layers} 正在 QGIS 中编辑。拉取会写入该外业包，并按主库的授权重新锁定不再允许修改的内容，而编辑会话在结束前仍会让这些内容可以输入。请先保存或放弃编辑并停止编辑（图层 → 切换编辑），然后再拉取；未作任何改动。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="356"/>
        <source>Not offered while {layers} of {package} are being edited in QGIS: save or discard the edits and stop editing (Layer → Toggle Editing) first.</source>
        <translation>{package} 的 {layers} 正在 QGIS 中编辑，暂不可拉取：请先保存或放弃编辑并停止编辑（图层 → 切换编辑）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="356"/>
        <source>Not offered while {layers} of {package} is being edited in QGIS: save or discard the edits and stop editing (Layer → Toggle Editing) first.</source>
        <translation>{package} 的 {layers} 正在 QGIS 中编辑，暂不可拉取：请先保存或放弃编辑并停止编辑（图层 → 切换编辑）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="370"/>
        <source>Pull waits: layer {layers} is being edited — save or discard its edits and stop editing.</source>
        <translation>拉取需等待：图层 {layers} 正在编辑——请保存或放弃其编辑并停止编辑。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="370"/>
        <source>Pull waits: layers {layers} are being edited — save or discard their edits and stop editing.</source>
        <translation>拉取需等待：图层 {layers} 正在编辑——请保存或放弃其编辑并停止编辑。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="218"/>
        <source>Undo the merge of {package} from {device} at {at}?</source>
        <translation>撤销 {at} 来自 {device} 的合并（{package}）？</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="221"/>
        <source>It reverts {changes} and {values}.</source>
        <translation>将还原{changes}，以及{values}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="225"/>
        <source>It reverts {changes}.</source>
        <translation>将还原{changes}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="225"/>
        <source>the 1 change it applied</source>
        <translation>该合并应用的 1 项修改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="225"/>
        <source>the {n} changes it applied</source>
        <translation>该合并应用的 {n} 项修改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="225"/>
        <source>the 1 value written in settling its conflicts</source>
        <translation>处理其冲突时写入的 1 个值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="225"/>
        <source>the {n} values written in settling its conflicts</source>
        <translation>处理其冲突时写入的 {n} 个值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="227"/>
        <source>It applied no change; it reverts {values}.</source>
        <translation>该合并未应用任何修改；将还原{values}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="230"/>
        <source>It applied no change, and settling its conflicts wrote no value: nothing is put back.</source>
        <translation>该合并未应用任何修改，处理其冲突时也未写入任何值：不会还原任何内容。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="233"/>
        <source>Its {n} conflicts, open or settled, are closed as undone.</source>
        <translation>其 {n} 项冲突（无论是否已处理）将标记为已撤销。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="233"/>
        <source>Its 1 conflict, open or settled, is closed as undone.</source>
        <translation>其 1 项冲突（无论是否已处理）将标记为已撤销。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="235"/>
        <source>The undo is itself recorded in the history.</source>
        <translation>撤销本身也记入历史。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="520"/>
        <source>Not undone: {reason}</source>
        <translation>未撤销：{reason}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="446"/>
        <source>Undoing a merge</source>
        <translation>正在撤销合并</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="426"/>
        <source>Merge undone: {n} changes reverted.</source>
        <translation>合并已撤销：还原了 {n} 条修改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_merges.py" line="322"/>
        <source>Merge undone: it reverted {changes} and {values}.</source>
        <translation>合并已撤销：还原了{changes}，以及{values}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="426"/>
        <source>Merge undone: 1 change reverted.</source>
        <translation>合并已撤销：还原了 1 条修改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="494"/>
        <source>{name}: device {device}, {n} changes waiting to be exported</source>
        <translation>{name}：设备 {device}，{n} 条修改待导出</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="494"/>
        <source>{name}: device {device}, 1 change waiting to be exported</source>
        <translation>{name}：设备 {device}，1 条修改待导出</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="529"/>
        <source>Pulling the master into a field package</source>
        <translation>正在将主库更新拉取到外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="123"/>
        <source>Open a PostgreSQL master…</source>
        <translation>打开 PostgreSQL 主库…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="218"/>
        <source>Open a PostgreSQL master</source>
        <translation>打开 PostgreSQL 主库</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="224"/>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="226"/>
        <source>Schema</source>
        <translation>模式（schema）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="35"/>
        <source> (QGIS waited {seconds} s for it.)</source>
        <translation>（QGIS 等待了 {seconds} 秒。）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="330"/>
        <source>database {database}</source>
        <translation>数据库 {database}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="330"/>
        <source>service {service}</source>
        <translation>服务 {service}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="330"/>
        <source>The schemas of {where} were not read: the server asks role {role} for a password and the connection has none saved ({why}). Save it in the connection or in an authentication configuration: Layer → Data Source Manager → PostgreSQL, the connection, Edit.</source>
        <translation>未能读取{where} 的模式：服务器要求角色 {role} 提供密码，而连接没有保存密码（{why}）。请将密码保存在该连接或认证配置中：图层 → 数据源管理器 → PostgreSQL，选中该连接，编辑。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="330"/>
        <source>The schemas of {where} were not read ({why}): check the password saved in the connection (Layer → Data Source Manager → PostgreSQL, the connection, Edit) or in ~/.pgpass.</source>
        <translation>未能读取{where} 的模式（{why}）：请检查该连接中保存的密码（图层 → 数据源管理器 → PostgreSQL，选中该连接，编辑）或 ~/.pgpass 中的密码。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="330"/>
        <source>The schemas of {where} were not read ({why}): start the database server, or check the connection&apos;s host and port (Layer → Data Source Manager → PostgreSQL, the connection, Edit).</source>
        <translation>未能读取{where} 的模式（{why}）：请启动数据库服务器，或检查该连接的主机和端口（图层 → 数据源管理器 → PostgreSQL，选中该连接，编辑）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="330"/>
        <source>The schemas of {where} were not read ({why}): type the master&apos;s schema.</source>
        <translation>未能读取{where} 的模式（{why}）：请输入主库所在的模式。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="229"/>
        <source>QGIS has no saved PostgreSQL connection: add one in Layer → Data Source Manager → PostgreSQL first.</source>
        <translation>QGIS 中没有已保存的 PostgreSQL 连接：请先在“图层 → 数据源管理器 → PostgreSQL”中添加。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="422"/>
        <source>Imports do not work on a PostgreSQL master yet: import into a GeoPackage master, or edit the layers in QGIS.</source>
        <translation>暂不能导入 PostgreSQL 主库：请导入 GeoPackage 主库，或在 QGIS 中直接编辑图层。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="448"/>
        <source>QGIS cannot edit {layer}.</source>
        <translation>QGIS 无法编辑 {layer}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="459"/>
        <source>The record was not saved: {reason}. It is kept in the layer&apos;s edits: correct it and save the layer, or roll the edits back.</source>
        <translation>记录未保存：{reason}。记录仍保留在图层的编辑中：请修改后保存图层，或回滚编辑。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="661"/>
        <source>Carried whole, their coordinates not being those of the selection (EPSG:{epsg}): {layers}</source>
        <translation>以下图层的坐标系与所选范围（EPSG:{epsg}）不同，已整层带入：{layers}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="667"/>
        <source>Carried whole, a township keeping only the plan&apos;s patches and projects and their records: {layers}. To cut a layer of the county&apos;s own to the township&apos;s area, check out by the selection instead.</source>
        <translation>以下本县自有图层已整层带入（按乡镇签出只裁切规划的图斑、项目及其记录）：{layers}。如需按乡镇范围裁切本县自有图层，请改按所选范围签出。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="670"/>
        <source>{layer} ({n} features)</source>
        <translation>{layer}（{n} 个要素）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="736"/>
        <source>{layer} (1 feature)</source>
        <translation>{layer}（1 个要素）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="152"/>
        <source>Columns added to the master</source>
        <translation>已加入主库的字段</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>Added from the master: {names}</source>
        <translation>从主库加入：{names}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>Values this device sent, now as the master stores them (rounded to the column, a time in UTC): {names}</source>
        <translation>本设备发送的值已改为主库保存的形式（按字段精度取整，时间为 UTC）：{names}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>{n} photos the pull brought written to the QField project folder {folder}: {names}</source>
        <translation>拉取带来的 {n} 张照片已写入 QField 项目文件夹 {folder}：{names}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>1 photo the pull brought written to the QField project folder {folder}: {names}</source>
        <translation>拉取带来的 1 张照片已写入 QField 项目文件夹 {folder}：{names}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>{zip} written again from the folder, for QField&apos;s import from ZIP.</source>
        <translation>已按文件夹重新写出 {zip}，供 QField“从 ZIP 导入”。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="164"/>
        <source>Write over the later edit</source>
        <translation>覆盖之后的修改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="231"/>
        <source> (changed since the conflict was recorded)</source>
        <translation>（冲突记录之后已被修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="468"/>
        <source>Not settled: the master&apos;s value changed since the conflict was recorded, and this decision would write over it unseen. Nothing was changed.</source>
        <translation>未处理：冲突记录之后主库中的值又被修改，此决定会在未经查看的情况下覆盖它。未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="475"/>
        <source>changed by {device} at {at}</source>
        <translation>由 {device} 于 {at} 修改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="480"/>
        <source>, which its conflict #{n} keeps open: settle that one first</source>
        <translation>，该值在其冲突 #{n} 中待处理：请先处理该冲突</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="492"/>
        <source>…and {n} more, each marked in the list as changed since the conflict was recorded</source>
        <translation>……另有 {n} 个，列表中均标为冲突记录之后已被修改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="478"/>
        <source>no recorded edit says who changed it</source>
        <translation>修改日志中没有记录由谁修改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="479"/>
        <source>#{id} {layer} {feature}, {field}: {then} when recorded, {now} now; {who}</source>
        <translation>#{id} {layer} {feature}，{field}：记录时为 {then}，现在为 {now}；{who}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="486"/>
        <source>The list shows what the master holds now: keep it with “{ours}”, or press “{over}” to apply your decision over it.</source>
        <translation>列表中显示的是主库现值：可用“{ours}”保留，或按“{over}”以您的决定覆盖它。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="217"/>
        <source>QGIS cannot save a rename taken back: discard this layer&apos;s edits (Toggle Editing, then Discard) and make them again without it.</source>
        <translation>QGIS 无法保存已撤回的改名：请放弃此图层的编辑（切换编辑状态，选择“放弃”），再不改名地重新编辑。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="217"/>
        <source>Undo the deletion (Edit → Undo) and save again.</source>
        <translation>请撤销删除（编辑 → 撤销）后再保存。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="197"/>
        <source>Field not deleted</source>
        <translation>字段未删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="197"/>
        <source>Field {field} of {layer} was not deleted: it was deleted outside an edit session (by the layer&apos;s data provider, as a script does), where the sync cannot prepare its change capture, which names the field. Nothing was changed. Delete it in an edit session instead: Toggle Editing, delete the field in the attribute table or in Layer Properties → Fields, then Save Layer Edits (in the master or a GIS field package: a technician&apos;s package does not change its fields).</source>
        <translation>“{layer}”的字段 {field} 未删除：它是在编辑会话之外删除的（通过图层的数据提供程序，如脚本所为），同步无法为其变更捕获做准备，而变更捕获引用了该字段。未作任何更改。请改在编辑会话中删除：切换编辑状态，在属性表或“图层属性 → 字段”中删除该字段，然后保存图层编辑（限主库或 GIS 外业数据包：技术员的数据包不更改字段）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="239"/>
        <source>Fields not changed</source>
        <translation>字段未更改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="220"/>
        <source>{fields} of {layer} cannot be deleted or renamed: {reason}. The save stops before any value is written. {then}</source>
        <translation>“{layer}”的 {fields} 不能删除或改名：{reason}。保存在写入任何值之前停止。{then}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="296"/>
        <source>Field deleted</source>
        <translation>字段已删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="296"/>
        <source>Field {field} of {table} is deleted from the master. Field packages checked out before still have it: their changes to it will be refused at merge, by name.</source>
        <translation>已从主库的 {table} 中删除字段 {field}。此前签出的外业数据包仍有该字段：合并时，它们对该字段的修改将被拒收，并注明字段名。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="296"/>
        <source>Field {field} of {table} is deleted in this field package only: the master keeps it (updates from here do not name it, rows added here take its default there), and a pull brings it back.</source>
        <translation>字段 {field} 仅在此外业数据包的 {table} 中删除：主库保留该字段（此处的修改不涉及它，此处新增的要素在主库中取其默认值），从主库拉取更新时会将它带回。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="303"/>
        <source>Field renamed</source>
        <translation>字段已改名</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="303"/>
        <source>Field {old} of {table} is renamed {new} in the master: field packages get {new} with their next pull; their changes to {old} will be refused at merge, by name.</source>
        <translation>主库 {table} 的字段 {old} 已改名为 {new}：外业数据包在下次拉取时得到 {new}；合并时，它们对 {old} 的修改将被拒收，并注明字段名。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="303"/>
        <source>Field {old} of {table} is renamed {new} in this field package: {new} and its values reach the master with the next change package, where {old} stays beside it.</source>
        <translation>此外业数据包 {table} 的字段 {old} 已改名为 {new}：{new} 及其值随下一个修改包进入主库，主库中的 {old} 仍保留在旁。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="196"/>
        <source>QGIS could not save {layer}: it cannot save a field rename that was undone (Rename Field, then Undo), and the layer&apos;s other field changes may be in the file already. Discard this layer&apos;s edits (Toggle Editing, then Discard), look at its fields, then make the edits again.</source>
        <translation>QGIS 未能保存 {layer}：它无法保存已撤销的字段改名（先改名、再撤销），且此图层的其他字段更改可能已写入文件。请放弃此图层的编辑（切换编辑，然后放弃），查看其字段后重新编辑。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="302"/>
        <source>Cautions ({n}) on the records these figures rest on: check them before reporting the figures</source>
        <translation>这些数字所依据的记录有 {n} 条注意事项，报出数字前请核对</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="308"/>
        <source>… and {n} more: all are in the Excel report</source>
        <translation>……另有 {n} 条，Excel 报告中列全</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="73"/>
        <source>{out} is whole and can be merged, but the field package could not note that it was sent ({why}): the next export carries these changes again (merging them twice changes nothing).</source>
        <translation>{out} 已完整写出，可以合并；但外业数据包无法记下已发送（{why}），下次导出会再次带上这些修改（重复合并不会改变任何数据）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="152"/>
        <source>Layers added to the master</source>
        <translation>已加入主库的图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="120"/>
        <source>{n} records this device had deleted are back (the master kept them):</source>
        <translation>本机删除的 {n} 条记录已恢复（主库保留了它们）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="120"/>
        <source>1 record this device had deleted is back (the master kept it):</source>
        <translation>本机删除的 1 条记录已恢复（主库保留了它）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="120"/>
        <source>{n} records this device had edited are gone (the master deleted them):</source>
        <translation>本机修改过的 {n} 条记录已移除（主库删除了它们）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="120"/>
        <source>1 record this device had edited is gone (the master deleted it):</source>
        <translation>本机修改过的 1 条记录已移除（主库删除了它）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="572"/>
        <source>{n} changes met a conflict that a later change of the master settled: the package holds what the master holds, nothing to settle.</source>
        <translation>{n} 项修改曾遇到冲突，已由主库较晚的修改解决：数据包现与主库一致，无需处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="572"/>
        <source>1 change met a conflict that a later change of the master settled: the package holds what the master holds, nothing to settle.</source>
        <translation>1 项修改曾遇到冲突，已由主库较晚的修改解决：数据包现与主库一致，无需处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>{n} conflicts of this package are settled: it now holds what the master holds.</source>
        <translation>本数据包的 {n} 项冲突已解决：现与主库一致。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>1 conflict of this package is settled: it now holds what the master holds.</source>
        <translation>本数据包的 1 项冲突已解决：现与主库一致。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="227"/>
        <source>Sync report</source>
        <translation>同步报告</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="269"/>
        <source>Show the report…</source>
        <translation>查看报告…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="265"/>
        <source>Edits saved, not checked</source>
        <translation>编辑已保存，未能核对</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="265"/>
        <source>The edits of {layer} are saved, but whether they replaced values changed in the master meanwhile could not be checked: {reason}</source>
        <translation>{layer} 的编辑已保存，但未能核对其是否覆盖了主库在此期间被改动的值：{reason}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="280"/>
        <source>Saved over later changes</source>
        <translation>保存覆盖了此后的改动</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="275"/>
        <source>{n} values of {layer} you saved had been changed in the master after you edited them (by a merge or another editor): {features}. Your values are saved; those they replaced are kept as conflicts: see Settle conflicts.</source>
        <translation>您保存的 {layer} 中有 {n} 个值在您编辑之后已在主库中被改动（由合并或其他编辑者）：{features}。您的值已保存；被覆盖的值作为冲突保留：请打开“处理冲突”。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="275"/>
        <source>1 value of {layer} you saved had been changed in the master after you edited it (by a merge or another editor): {features}. Your value is saved; the one it replaced is kept as a conflict: see Settle conflicts.</source>
        <translation>您保存的 {layer} 中有 1 个值在您编辑之后已在主库中被改动（由合并或其他编辑者）：{features}。您的值已保存；被覆盖的值作为冲突保留：请打开“处理冲突”。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="209"/>
        <source>The conflicts of {master} cannot be read: {reason}</source>
        <translation>无法读取 {master}的冲突：{reason}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="372"/>
        <source>The merges cannot be read: {reason}</source>
        <translation>无法读取合并记录：{reason}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="376"/>
        <source>No merge into this master yet.</source>
        <translation>此主库尚无合并记录。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="935"/>
        <source>Edits dated by a wrong device clock ({devices}): the report says which.</source>
        <translation>有设备时钟有误，其修改所记时间不对（{devices}）：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="749"/>
        <source>Refused: {packages}.</source>
        <translation>已拒收：{packages}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="753"/>
        <source>{n} changes refused: the report says why.</source>
        <translation>{n} 项修改被拒收：原因见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="753"/>
        <source>1 change refused: the report says why.</source>
        <translation>1 项修改被拒收：原因见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="776"/>
        <source>{n} changes applied.</source>
        <translation>已应用 {n} 项修改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="776"/>
        <source>1 change applied.</source>
        <translation>已应用 1 项修改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="324"/>
        <source>No master is open.</source>
        <translation>未打开任何主库。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="326"/>
        <source>{master} stays open.</source>
        <translation>{master} 仍保持打开。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="356"/>
        <source>No master is open: {master} was not opened. Open the plan, a master or a PostgreSQL master first.</source>
        <translation>未打开任何主库：未能打开 {master}。请先打开规划、主库或 PostgreSQL 主库。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>{n} edits this device sent were refused by the master and are waiting to be sent again:</source>
        <translation>本机已发送的 {n} 项修改被主库拒收，现重新排队待发送：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>1 edit this device sent was refused by the master and is waiting to be sent again:</source>
        <translation>本机已发送的 1 项修改被主库拒收，现重新排队待发送：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="120"/>
        <source>{n} records this device had deleted are back (the master undid the merge that deleted them):</source>
        <translation>本机删除的 {n} 条记录已恢复（主库撤销了删除它们的那次合并）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="120"/>
        <source>1 record this device had deleted is back (the master undid the merge that deleted it):</source>
        <translation>本机删除的 1 条记录已恢复（主库撤销了删除它的那次合并）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="120"/>
        <source>{n} records this device had edited are gone (the master undid the merge that brought them):</source>
        <translation>本机修改过的 {n} 条记录已移除（主库撤销了带来它们的那次合并）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="120"/>
        <source>1 record this device had edited is gone (the master undid the merge that brought it):</source>
        <translation>本机修改过的 1 条记录已移除（主库撤销了带来它的那次合并）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_package.py" line="108"/>
        <source>1 record this device had added is gone (the master deleted it):</source>
        <translation>本机新增的 1 条记录已移除（主库删除了它）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_package.py" line="108"/>
        <source>{n} records this device had added are gone (the master deleted them):</source>
        <translation>本机新增的 {n} 条记录已移除（主库删除了它们）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_package.py" line="108"/>
        <source>1 record this device had added is gone (the master undid the merge that brought it):</source>
        <translation>本机新增的 1 条记录已移除（主库撤销了带来它的那次合并）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_package.py" line="108"/>
        <source>{n} records this device had added are gone (the master undid the merge that brought them):</source>
        <translation>本机新增的 {n} 条记录已移除（主库撤销了带来它们的那次合并）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="298"/>
        <source>geometry</source>
        <translation>几何图形</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/layer_forms.py" line="264"/>
        <source>Area and centre not computed</source>
        <translation>未计算面积和中心点</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/layer_forms.py" line="264"/>
        <source>{layer} has no coordinate system: the area and centre of the feature edited were not recomputed. Give the layer its coordinate system (EPSG:4490) first.</source>
        <translation>{layer} 没有坐标系：所编辑要素的面积和中心点未重新计算。请先为该图层指定坐标系（EPSG:4490）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/layer_forms.py" line="280"/>
        <source>The shape drawn in {layer} crosses itself at {lon:.6f}, {lat:.6f}: no area can be measured on it, and the feature's area and centre were left as they were. Redraw the shape so that its outline does not cross itself.</source>
        <translation>{layer} 中绘制的几何在 {lon:.6f}, {lat:.6f} 处自相交：无法据以量算面积，该要素的面积和中心点保持原值。请重新绘制，使其边界不自相交。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="290"/>
        <source>some were made while the Toksun plugin was not loaded (or was being reloaded), so when they were made is not known</source>
        <translation>其中有些是在托克逊插件未加载（或正在重新加载）时所做，不知道是何时所做</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/partial_grants.py" line="54"/>
        <source>a technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/partial_grants.py" line="204"/>
        <source>Edit not allowed</source>
        <translation>不允许的编辑</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/partial_grants.py" line="175"/>
        <source>QGIS could not take it back: undo it (Edit → Undo) or discard this layer's edits before saving.</source>
        <translation>QGIS 无法撤回此编辑：请在保存前撤销它（编辑 → 撤销），或放弃此图层的编辑。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/partial_grants.py" line="179"/>
        <source>It was undone.</source>
        <translation>已撤销此编辑。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/partial_grants.py" line="1"/>
        <source>Grants changed</source>
        <translation>授权已变</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/partial_grants.py" line="1"/>
        <source>{role} may no longer change {layer}: the master&apos;s grants, as a pull brought them into the package, give the role none of it, and a merge would refuse its edits. It is locked.</source>
        <translation>{role}已不能修改{layer}：拉取带入数据包的主库授权不再允许该角色修改此图层，其编辑合并时将被拒绝。已锁定。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/partial_grants.py" line="1"/>
        <source>{layer} is saved with edits the merge will refuse: the master&apos;s grants, as a pull brought them into the package, give {role} none of it (the pull after that merge gives the package the master&apos;s values again).</source>
        <translation>{layer}已保存，其中的编辑合并时将被拒绝：拉取带入数据包的主库授权不再允许{role}修改此图层（合并后的下一次拉取会让数据包重新采用主库的值）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plan_layers.py" line="1"/>
        <source>The master&apos;s grants, as a pull brought them into the package, changed what may be changed of {layers}: locked again as they now say.</source>
        <translation>拉取带入数据包的主库授权改变了{layers}可修改的内容：已按现在的授权重新锁定。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="73"/>
        <source>{layer} (only {fields})</source>
        <translation>{layer}（仅 {fields}）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="83"/>
        <source>Of the county&apos;s own layers, open to change: {layers}.</source>
        <translation>县自有图层中可修改的：{layers}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="87"/>
        <source>Of the county&apos;s own layers, locked too, the master&apos;s grants giving this role none of them: {layers}. To change one, ask a supervisor for the grant (field-kit roles … --grant), then pull the master into the package.</source>
        <translation>县自有图层中同样锁定的（主库未授权此角色修改）：{layers}。如需修改，请主管授权（field-kit roles … --grant），然后将主库拉取到本数据包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="433"/>
        <source>Layer {layer}, made by this merge, is left empty.</source>
        <translation>本次合并新增的图层 {layer} 已保留（为空）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="450"/>
        <source>Column {column}, added by this merge, is left.</source>
        <translation>本次合并新增的字段 {column} 已保留。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="433"/>
        <source>Layer {layer}, made by this merge, is left, with {n} rows added since.</source>
        <translation>本次合并新增的图层 {layer} 已保留，其后又新增了 {n} 个要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="433"/>
        <source>Layer {layer}, made by this merge, is left, with 1 row added since.</source>
        <translation>本次合并新增的图层 {layer} 已保留，其后又新增了 1 个要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/partial_grants.py" line="171"/>
        <source>{role} may change only {fields} of {layer}: a new, deleted or moved feature, or another field, would be refused at merge.</source>
        <translation>{role}只能修改 {layer} 的 {fields}：新增、删除或移动的要素，或修改其他字段，在合并时会被拒收。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/partial_grants.py" line="192"/>
        <source>Keep the fields a technician may change</source>
        <translation>保留技术员可修改的字段</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/partial_grants.py" line="204"/>
        <source>{layer} is saved with {n} features added, deleted, moved or changed in other fields: {role} may change only {fields} of it, and the merge will refuse them.</source>
        <translation>{layer} 保存时含有 {n} 个新增、删除、移动或修改了其他字段的要素：{role}只能修改其 {fields}，合并时将拒收这些修改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="316"/>
        <source>you deleted it</source>
        <translation>您已将其删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="315"/>
        <source>{fields}, then you deleted it</source>
        <translation>{fields}，随后您将其删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="317"/>
        <source>{feature} ({what})</source>
        <translation>{feature}（{what}）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="320"/>
        <source>{features} and {n} more features</source>
        <translation>{features}，另有 {n} 个要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/saved_over.py" line="320"/>
        <source>{features} and 1 more feature</source>
        <translation>{features}，另有 1 个要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="322"/>
        <source>Area and centre of the shapes merged</source>
        <translation>合并的几何的面积与中心</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="758"/>
        <source>{n} features keep an area and centre not recomputed from their geometry: the report says why.</source>
        <translation>{n} 个要素的面积与中心未按其几何重新计算：原因见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="758"/>
        <source>1 feature keeps an area and centre not recomputed from its geometry: the report says why.</source>
        <translation>1 个要素的面积与中心未按其几何重新计算：原因见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="293"/>
        <source>Patches: {n}, verified {v}: restored {r}, in progress {c}, natural recovery {d}, untreated {a}</source>
        <translation>图斑 {n} 个，已核查 {v}：已恢复治理 {r}，治理中 {c}，自然恢复 {d}，未治理 {a}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="217"/>
        <source>Control or target</source>
        <translation>其他约束性指标与目标</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="217"/>
        <source>Constraint</source>
        <translation>约束</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="217"/>
        <source>Other</source>
        <translation>其他年份</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="217"/>
        <source>Section</source>
        <translation>出处</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>Pulled into {name}: applied {applied}, conflicts {conflicts} (where they clash, the package&apos;s unsent values kept); {fields} fields of records already there now hold the master&apos;s value.</source>
        <translation>已拉取到 {name}：应用 {applied} 项，冲突 {conflicts}（冲突中保留数据包未发送的值）；数据包已有记录中有 {fields} 个字段改为主库的值。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>Pulled into {name}: applied {applied}, conflicts {conflicts} (where they clash, the package&apos;s unsent values kept); 1 field of records already there now holds the master&apos;s value.</source>
        <translation>已拉取到 {name}：应用 {applied} 项，冲突 {conflicts}（冲突中保留数据包未发送的值）；数据包已有记录中有 1 个字段改为主库的值。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="403"/>
        <source>the value typed</source>
        <translation>输入的值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="411"/>
        <source>Settled #{id} {layer} {feature}, {field}, with {how}: {value}.</source>
        <translation>已处理冲突 #{id}：{layer} {feature}，{field}，采用{how}：{value}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="305"/>
        <source>Layers not opened</source>
        <translation>图层未打开</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="305"/>
        <source>Not opened, as their edits could never be sent: {layers}.</source>
        <translation>以下图层未打开，其编辑无法同步：{layers}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="448"/>
        <source>Settled {n} conflicts of this package: {how}.</source>
        <translation>已处理该数据包的 {n} 项冲突：{how}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="448"/>
        <source>Settled 1 conflict of this package: {how}.</source>
        <translation>已处理该数据包的 1 项冲突：{how}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="505"/>
        <source>Settled {n} conflicts of this pull: {how}.</source>
        <translation>已处理本次拉取的 {n} 项冲突：{how}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="505"/>
        <source>Settled 1 conflict of this pull: {how}.</source>
        <translation>已处理本次拉取的 1 项冲突：{how}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="97"/>
        <source>{fields} to settle in {changes} changes</source>
        <translation>{fields} 项待处理（涉及 {changes} 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="97"/>
        <source>{fields} to settle in 1 change</source>
        <translation>{fields} 项待处理（涉及 1 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="508"/>
        <source>enter {code} under “{box}”</source>
        <translation>在“{box}”中填入 {code}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="545"/>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="569"/>
        <source>Nothing to import: the master already matches the source</source>
        <translation>无需导入：主库已与数据源一致</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="305"/>
        <source>(choose the layer to import)</source>
        <translation>（请选择要导入的图层）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="335"/>
        <source>{file} has {n} layers: choose under “{box}” the one to import into {layer}</source>
        <translation>{file} 有 {n} 个图层：请在“{box}”中选择要导入 {layer} 的图层</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="467"/>
        <source>{n} verifications: kept, not deleted</source>
        <translation>{n} 条核查记录：保留，不删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="467"/>
        <source>1 verification: kept, not deleted</source>
        <translation>1 条核查记录：保留，不删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="445"/>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="623"/>
        <source>“{value}” is the plan's other name for {name}: type {name}.</source>
        <translation>“{value}”是规划中“{name}”的别称：请输入“{name}”。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="222"/>
        <source> (imported)</source>
        <translation>（导入）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="234"/>
        <source>{device} (imported from {file})</source>
        <translation>{device}（导入自 {file}）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="640"/>
        <source>These are the field package&apos;s own edits: its next export sends them. A new feature whose code the master holds already (outside this package&apos;s area) is refused by the merge: import such a source into the master.</source>
        <translation>这些是外业数据包自己的修改，随其下次导出发送。主库已有其编码的新增要素（位于此数据包范围之外）在合并时会被拒收：这类数据请导入主库。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="640"/>
        <source>These are the field package&apos;s own edits: its next export sends them.</source>
        <translation>这些是外业数据包自己的修改，随其下次导出发送。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/change_package.py" line="52"/>
        <source>Photo read in: {name}</source>
        <translation>已读入照片：{name}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/change_package.py" line="68"/>
        <source>Of them: {waiting} waiting and {made} made by reading in the project&apos;s photos.</source>
        <translation>其中：待导出的修改 {waiting} 项，读入项目照片产生的修改 {made} 项。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/change_package.py" line="61"/>
        <source>Of them: {since} since checkout and {deleted} deleting the photos of records deleted in the project.</source>
        <translation>其中：自签出以来的修改 {since} 项，随已删除记录删除其照片的修改 {deleted} 项。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/change_package.py" line="64"/>
        <source>Of them: {since} since checkout, {made} made by reading in the project&apos;s photos and {deleted} deleting the photos of records deleted in the project.</source>
        <translation>其中：自签出以来的修改 {since} 项，读入项目照片产生的修改 {made} 项，随已删除记录删除其照片的修改 {deleted} 项。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/change_package.py" line="71"/>
        <source>Of them: {waiting} waiting and {deleted} deleting the photos of records deleted in the project.</source>
        <translation>其中：待导出的修改 {waiting} 项，随已删除记录删除其照片的修改 {deleted} 项。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/change_package.py" line="74"/>
        <source>Of them: {waiting} waiting, {made} made by reading in the project&apos;s photos and {deleted} deleting the photos of records deleted in the project.</source>
        <translation>其中：待导出的修改 {waiting} 项，读入项目照片产生的修改 {made} 项，随已删除记录删除其照片的修改 {deleted} 项。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="69"/>
        <source>Exported {n} changes to {out}.</source>
        <translation>已将 {n} 项修改导出到 {out}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="69"/>
        <source>Exported 1 change to {out}.</source>
        <translation>已将 1 项修改导出到 {out}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="82"/>
        <source>The export carries too: {added}.</source>
        <translation>导出一并带上：{added}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="83"/>
        <source>Waiting to be exported too: {added}.</source>
        <translation>一并待导出：{added}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="358"/>
        <source>Export its changes…</source>
        <translation>导出其修改…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="511"/>
        <source>Save the change package</source>
        <translation>保存修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="511"/>
        <source>Zip (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="516"/>
        <source>Exporting a change package</source>
        <translation>正在导出修改包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="611"/>
        <source>Field package: {path}</source>
        <translation>外业数据包：{path}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="286"/>
        <source>{file} read: see its preview, then click Import</source>
        <translation>已读取 {file}：请先查看其预览，再点击“导入”</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="155"/>
        <source>Codes of the patches and projects the rows name</source>
        <translation>记录所指图斑与项目的编号</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="95"/>
        <source>Cannot connect to {master}: the server asks for a password and the connection has none saved ({why}). Save it in the connection or in an authentication configuration: Layer → Data Source Manager → PostgreSQL, the connection, Edit.</source>
        <translation>无法连接 PostgreSQL 主库 {master}：服务器要求密码，而连接没有保存密码（{why}）。请将密码保存在该连接或认证配置中：图层 → 数据源管理器 → PostgreSQL，选中该连接，编辑。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/dashboard.py" line="358"/>
        <source>No figures are shown, nor a report exported, until it is read: press Refresh once it can be.</source>
        <translation>读取成功之前不显示任何数字，也不能导出报告：可以读取后请点击“刷新”。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="512"/>
        <source>enter it under “{box}”</source>
        <translation>请在“{box}”中填写</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="928"/>
        <source>The last pull ({at}) was refused, nothing was pulled: {why}</source>
        <translation>上次拉取（{at}）被拒绝，未拉取任何内容：{why}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="931"/>
        <source>{n} changes it exported were not in the master then: they still wait for it (Processing&apos;s “Export a change package” with “Everything since checkout” sends them again).</source>
        <translation>本数据包已导出的 {n} 项修改当时不在主库中：它们仍在等待进入主库（在“处理”中运行“导出修改包”并勾选“导出签出以来的全部修改”可重新发送）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="931"/>
        <source>1 change it exported was not in the master then: it still waits for it (Processing&apos;s “Export a change package” with “Everything since checkout” sends it again).</source>
        <translation>本数据包已导出的 1 项修改当时不在主库中：它仍在等待进入主库（在“处理”中运行“导出修改包”并勾选“导出签出以来的全部修改”可重新发送）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="505"/>
        <source>enter its EPSG code under “{box}”</source>
        <translation>在“{box}”中填入其 EPSG 代码</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="515"/>
        <source>choose one under “{box}”</source>
        <translation>请在“{box}”中选择一个</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="606"/>
        <source>give one of them under “{box}”</source>
        <translation>请在“{box}”中填写其中一个</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="147"/>
        <source>Area and centre left as they were</source>
        <translation>面积与中心保持原样</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="151"/>
        <source>Codes left as they were, or off the national format</source>
        <translation>编号保持原样，或不符合国家格式</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="261"/>
        <source>Verifications restored without a photo</source>
        <translation>标记为已恢复治理但未附照片的核查记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="262"/>
        <source>Projects whose patches disagree on a figure</source>
        <translation>各图斑所填项目数值不一致的项目</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="281"/>
        <source>{n} verifications marked restored without a photo: the report says which.</source>
        <translation>{n} 条核查记录标记为已恢复治理但未附照片：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="281"/>
        <source>1 verification marked restored without a photo: the report says which.</source>
        <translation>1 条核查记录标记为已恢复治理但未附照片：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="283"/>
        <source>{n} figures of a project its patches disagree on: the report says which.</source>
        <translation>{n} 项项目数值各图斑填写不一致：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="280"/>
        <source>Fields merged unchecked: the master has no code lists</source>
        <translation>未经核对即合并的字段：主库没有代码列表</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="299"/>
        <source>{n} fields merged unchecked against their code lists, which the master lacks: the report says which.</source>
        <translation>{n} 个字段的合并值未能对照代码列表核对（主库没有代码列表）：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="299"/>
        <source>1 field merged unchecked against its code list, which the master lacks: the report says which.</source>
        <translation>1 个字段的合并值未能对照代码列表核对（主库没有代码列表）：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="283"/>
        <source>1 figure of a project its patches disagree on: the report says which.</source>
        <translation>1 项项目数值各图斑填写不一致：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="670"/>
        <source>{n} warnings of the master&apos;s own edits: the report says what.</source>
        <translation>主库本身的编辑有 {n} 条警告：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="670"/>
        <source>1 warning of the master&apos;s own edits: the report says what.</source>
        <translation>主库本身的编辑有 1 条警告：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="227"/>
        <source>Area and centre of the shapes edited in the master itself</source>
        <translation>在主库中直接编辑的几何的面积与中心</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="764"/>
        <source>{n} code warnings: the report says which.</source>
        <translation>{n} 条编号警告：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="764"/>
        <source>1 code warning: the report says which.</source>
        <translation>1 条编号警告：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="370"/>
        <source>Area and centre of the shapes</source>
        <translation>几何的面积与中心</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="205"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="146"/>
        <source>Shapefile, GeoJSON, GeoPackage, KML/KMZ, GPX or CSV</source>
        <translation>Shapefile、GeoJSON、GeoPackage、KML/KMZ、GPX 或 CSV</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/import_data.py" line="266"/>
        <source>Surveyed data (*.shp *.geojson *.json *.gpkg *.kml *.kmz *.gpx *.csv *.tsv)</source>
        <translation>测量数据 (*.shp *.geojson *.json *.gpkg *.kml *.kmz *.gpx *.csv *.tsv)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>{project} written again: the grants or layers the pull brought change what QField shows and lets this device edit (the one it replaces is kept as {kept}: changes made to it in QGIS are there).</source>
        <translation>已重新写出 {project}：本次拉取带来的权限或图层改变了 QField 显示的内容及本设备可编辑的字段（原文件保留为 {kept}：在 QGIS 中对它所做的修改在其中）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>{project} written again: the grants or layers the pull brought change what QField shows and lets this device edit (the one it replaces was as the checkout or a pull wrote it, not changed in QGIS: no copy of it kept).</source>
        <translation>已重新写出 {project}：本次拉取带来的权限或图层改变了 QField 显示的内容及本设备可编辑的字段（原文件与签出或拉取时写出的一致，未在 QGIS 中修改过：未保留其副本）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="541"/>
        <source>{project} written again: the folder lacked its project file, which QField opens the project by.</source>
        <translation>已重新写出 {project}：该文件夹缺少其项目文件（QField 靠它打开项目）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="594"/>
        <source>Pull</source>
        <translation>拉取</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="594"/>
        <source>Pulled into {name}: applied {applied}, conflicts {conflicts}; the Sync panel&apos;s report says the rest.</source>
        <translation>已拉取到 {name}：应用 {applied}，冲突 {conflicts}；其余内容见同步面板的报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="429"/>
        <source>{n} conflicts this merge recorded are closed as undone with it: Settle conflicts no longer lists them, and what settling any of them wrote is reverted too.</source>
        <translation>此次合并记录的 {n} 项冲突已随合并撤销而关闭：“处理冲突”中不再列出；其中已处理的，处理时写入的值也已还原。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="429"/>
        <source>1 conflict this merge recorded is closed as undone with it: Settle conflicts no longer lists it, and what settling it wrote is reverted too.</source>
        <translation>此次合并记录的 1 项冲突已随合并撤销而关闭：“处理冲突”中不再列出；如已处理，处理时写入的值也已还原。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="940"/>
        <source>{n} warnings: the report says what.</source>
        <translation>{n} 条警告：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="940"/>
        <source>1 warning: the report says what.</source>
        <translation>1 条警告：详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="207"/>
        <source>QField project folder</source>
        <translation>QField 项目文件夹</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="208"/>
        <source>QField project zip</source>
        <translation>QField 项目压缩包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="234"/>
        <source>The checkout to {folder} cut short before is finished.</source>
        <translation>此前中断的签出（签出到 {folder}）已完成。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="236"/>
        <source>QField project {folder} and {zip} written for device {device}; its field package is {package}.</source>
        <translation>已为设备 {device} 写出 QField 项目 {folder} 及其压缩包 {zip}；其外业数据包为 {package}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="286"/>
        <source>Already applied</source>
        <translation>此前已应用</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="286"/>
        <source>Refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history.py" line="163"/>
        <source>Choose a cell to read its whole value here.</source>
        <translation>选中一个单元格，可在此阅读其完整内容。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="188"/>
        <source>Open “Settle conflicts” to settle them field by field.</source>
        <translation>请打开“处理冲突”逐字段处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="155"/>
        <source>{package}: merged before, nothing new in it; {n} conflicts its earlier merge recorded are still to settle.</source>
        <translation>{package}：此前已合并，没有新的修改；其此前合并记录的 {n} 项冲突仍待处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="155"/>
        <source>{package}: merged before, nothing new in it; 1 conflict its earlier merge recorded is still to settle.</source>
        <translation>{package}：此前已合并，没有新的修改；其此前合并记录的 1 项冲突仍待处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync.py" line="821"/>
        <source>{work}: {error}</source>
        <translation>{work}：{error}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/help.py" line="125"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/help.py" line="125"/>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/help.py" line="125"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="111"/>
        <source>Other value from</source>
        <translation>另一值来自</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="431"/>
        <source>Held now: no recorded edit says who gave it</source>
        <translation>现值：无编辑记录说明由谁给出</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="433"/>
        <source>Held now: the value {device} gave at {at}</source>
        <translation>现值：{device} 于 {at} 给出的值</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="433"/>
        <source>Held now: the row deleted by {device} at {at}</source>
        <translation>现值：该要素已由 {device} 于 {at} 删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="556"/>
        <source>The history cannot be read: {reason}</source>
        <translation>无法读取修改历史：{reason}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="280"/>
        <source>Master&apos;s commands stopped</source>
        <translation>主库命令已停止</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="572"/>
        <source>QGIS cannot read the feature selected on {layer}.</source>
        <translation>QGIS 无法读取在 {layer} 上选中的要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="676"/>
        <source>Qt&apos;s own Chinese translation was not found ({file}): Qt&apos;s standard buttons (OK, Cancel, Yes, No) and file dialogs are shown in English. Install Qt&apos;s translations (on Debian or Ubuntu: qttranslations5-l10n) to have them in Chinese.</source>
        <translation>未找到 Qt 自带的中文翻译（{file}）：Qt 的标准按钮（确定、取消、是、否）和文件对话框以英文显示。请安装 Qt 的翻译文件（Debian 或 Ubuntu 上为 qttranslations5-l10n），使其显示为中文。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="239"/>
        <source>{fields} of {layer} not renamed: a field of the PostgreSQL master {master} is renamed by a supervisor, in the database (ALTER TABLE … RENAME COLUMN), then field-kit repair on the master; renamed here, its change capture could not follow, and every command on the master would stop. The save stops before any value is written. QGIS cannot save a rename taken back: discard this layer's edits (Toggle Editing, then Discard) and make them again without it. The repair tracks the field under its new name, its values reaching field packages with their next pull; packages checked out before are checked out again.</source>
        <translation>{layer} 的 {fields} 未改名：PostgreSQL 主库 {master} 的字段由主管改名，在数据库中改名（ALTER TABLE … RENAME COLUMN），再对主库运行 field-kit repair；在此改名，其变更捕获无法跟随，主库上的每条命令都将停止。保存在写入任何值之前停止。QGIS 无法保存已撤回的改名：请放弃此图层的编辑（切换编辑状态，选择“放弃”），再不改名地重新编辑。修复后该字段以新名跟踪，其值随外业数据包下次拉取送达；此前签出的数据包需重新签出。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="280"/>
        <source>Every command on the PostgreSQL master {master} (checkout, merge, pull, the docks) stops until a supervisor runs field-kit repair on it: {fields} of {layer} deleted or renamed there, which its change capture cannot follow. The repair stops tracking a field deleted (field packages&apos; changes to it are then refused at merge, by name) and tracks one renamed under its new name; packages checked out before are checked out again. A field of a PostgreSQL master is deleted or renamed by a supervisor, then repaired at once.</source>
        <translation>PostgreSQL 主库 {master} 上的每条命令（签出、合并、拉取、各停靠窗口）都已停止，直到主管对其运行 field-kit repair：{layer} 的 {fields} 已在其中删除或改名，其变更捕获无法跟随。修复后，删除的字段不再跟踪（合并时，外业数据包对它的修改将被拒收，并注明字段名），改名的字段以新名跟踪；此前签出的数据包需重新签出。PostgreSQL 主库的字段应由主管删除或改名，并随即修复。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="59"/>
        <source>Master (GeoPackage or PostgreSQL): GeoPackage file</source>
        <translation>主库（GeoPackage 或 PostgreSQL）：GeoPackage 文件</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="60"/>
        <source>Master (GeoPackage or PostgreSQL): saved PostgreSQL connection</source>
        <translation>主库（GeoPackage 或 PostgreSQL）：已保存的 PostgreSQL 连接</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="62"/>
        <source>Master (GeoPackage or PostgreSQL): PostgreSQL schema</source>
        <translation>主库（GeoPackage 或 PostgreSQL）：PostgreSQL 模式（schema）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="64"/>
        <source>The master is a GeoPackage file or a PostgreSQL master: pick the file, or QGIS's saved PostgreSQL connection (Layer → Data Source Manager → PostgreSQL) and the schema holding the master (toksun unless published elsewhere); one of the two.</source>
        <translation>主库可以是 GeoPackage 文件，也可以是 PostgreSQL 主库：选择该文件，或选择 QGIS 中已保存的 PostgreSQL 连接（图层 → 数据源管理器 → PostgreSQL）以及存放主库的模式（schema；除非发布到别处，否则为 toksun）；二者选其一。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="132"/>
        <source>Give the master once: a GeoPackage file in “{file}” (MASTER) or a saved connection in “{connection}” (CONNECTION), not both.</source>
        <translation>主库只能给一个：在“{file}”（MASTER）中给出 GeoPackage 文件，或在“{connection}”（CONNECTION）中给出已保存的连接，不能两者都给。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="136"/>
        <source>No master given: pick a GeoPackage file in “{file}” (MASTER), or a saved connection in “{connection}” (CONNECTION) and its schema in “{schema}” (SCHEMA).</source>
        <translation>没有给出主库：请在“{file}”（MASTER）中选择 GeoPackage 文件，或在“{connection}”（CONNECTION）中选择已保存的连接，并在“{schema}”（SCHEMA）中选择其模式。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="171"/>
        <source>QGIS has no saved PostgreSQL connection named {name}: add it in Layer → Data Source Manager → PostgreSQL, or pick a saved one.</source>
        <translation>QGIS 中没有名为 {name} 的已保存 PostgreSQL 连接：请在“图层 → 数据源管理器 → PostgreSQL”中添加，或选择一个已保存的连接。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="272"/>
        <source>The edits saved with the deletion are saved, but whether they replaced values changed in the master meanwhile could not be checked: deleting {fields} stopped the master&apos;s change capture, which the check reads.</source>
        <translation>随删除一并保存的编辑已保存，但未能核对其是否覆盖了主库在此期间被改动的值：删除 {fields} 使主库的变更捕获停止，而核对须读取它。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/field_edits.py" line="272"/>
        <source>The edits saved with the deletion are saved, but whether they replaced values changed in the master meanwhile could not be checked: {reason}</source>
        <translation>随删除一并保存的编辑已保存，但未能核对其是否覆盖了主库在此期间被改动的值：{reason}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="110"/>
        <source>Schema {schema} of database {database} holds no master.</source>
        <translation>数据库 {database} 的模式 {schema} 中没有主库。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="112"/>
        <source>Schema {schema} does not exist in database {database}.</source>
        <translation>数据库 {database} 中没有模式 {schema}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="114"/>
        <source>No schema of database {database} holds a master you may open: publish one with field-kit init (see Help).</source>
        <translation>数据库 {database} 中没有您可以打开的主库：请用 field-kit init 发布一个（见“帮助”）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="293"/>
        <source>Role {role} may not use schema {schemas} of database {database}, which holds a master: ask a supervisor to give it the editors&apos; grants (field-kit grants ADDRESS --editor {role}), or choose a connection signing in as another role.</source>
        <translation>角色 {role} 无权使用数据库 {database} 中存放主库的模式 {schemas}：请主管为其授予编辑人员权限（field-kit grants ADDRESS --editor {role}），或选择以其他角色登录的连接。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="298"/>
        <source>Role {role} may not use schemas {schemas} of database {database}, which hold masters: ask a supervisor to give it the editors&apos; grants (field-kit grants ADDRESS --editor {role}), or choose a connection signing in as another role.</source>
        <translation>角色 {role} 无权使用数据库 {database} 中存放主库的模式 {schemas}：请主管为其授予编辑人员权限（field-kit grants ADDRESS --editor {role}），或选择以其他角色登录的连接。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="217"/>
        <source>{master} is open. Its database also holds the master in schema {schemas}: to work on that one, choose its schema when opening it (Open a PostgreSQL master…).</source>
        <translation>已打开 {master}。其所在数据库中还有模式 {schemas} 中的主库：如需处理该主库，请在打开时（“打开 PostgreSQL 主库…”）选择其模式。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="221"/>
        <source>{master} is open. Its database also holds the masters in schemas {schemas}: to work on one of them, choose its schema when opening it (Open a PostgreSQL master…).</source>
        <translation>已打开 {master}。其所在数据库中还有模式 {schemas} 中的主库：如需处理其中之一，请在打开时（“打开 PostgreSQL 主库…”）选择其模式。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="296"/>
        <source>PostgreSQL master</source>
        <translation>PostgreSQL 主库</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="133"/>
        <source>Role {role} may not use schema {schema} of database {database}, which holds a master.</source>
        <translation>角色 {role} 无权使用数据库 {database} 中存放主库的模式 {schema}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="136"/>
        <source>The master you may open there is in schema {schemas}: choose it as the schema.</source>
        <translation>您可以打开的主库在模式 {schemas} 中：请选择该模式。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="139"/>
        <source>The masters you may open there are in schemas {schemas}: choose one as the schema.</source>
        <translation>您可以打开的主库在模式 {schemas} 中：请选择其中一个模式。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="117"/>
        <source>The master of database {database} is in schema {schemas}: choose it as the schema.</source>
        <translation>数据库 {database} 的主库在模式 {schemas} 中：请选择该模式。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/postgres.py" line="120"/>
        <source>The masters of database {database} are in schemas {schemas}: choose one as the schema.</source>
        <translation>数据库 {database} 的主库在模式 {schemas} 中：请选择其中一个模式。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="135"/>
        <source>Settles every conflict selected (Ctrl+click selects several)</source>
        <translation>处理所有选中的冲突（按住 Ctrl 单击可选多条）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="308"/>
        <source>A typed value is for one field: select one conflict, or take a side for all {n} selected.</source>
        <translation>输入的值只用于一个字段：请只选一条冲突，或为选中的 {n} 条冲突选择一方。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="375"/>
        <source>Type a {child} of this {parent}, or press “{ours}” to keep the pair the master holds.</source>
        <translation>请输入属于该{parent}的{child}，或点击“{ours}”保留主库中现有的一对值。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="379"/>
        <source>No one side gives conflicts {ids} a pair that fits: they are selected now; press “{ours}”, then give the pair one that fits in the layer.</source>
        <translation>冲突 {ids} 无论取哪一方都不能使两者相符：已选中它们；请点击“{ours}”，再在图层中给两者一对相符的值。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="385"/>
        <source>{child} and {parent} are settled together: conflicts {ids} are selected now; press {button}.</source>
        <translation>{child}与{parent}须一并处理：已选中冲突 {ids}；请点击{button}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="385"/>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="400"/>
        <source>Not settled: #{id} {layer} {feature}: {rule}.</source>
        <translation>未处理：#{id} {layer} {feature}：{rule}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="408"/>
        <source>Type another value, or press “{ours}” to keep what the master holds.</source>
        <translation>请输入另一个值，或点击“{ours}”保留主库现有的值。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="411"/>
        <source>No one side keeps the rule for conflicts {ids}: they are selected now; press “{ours}”, then mend the feature in its layer.</source>
        <translation>冲突 {ids} 无论取哪一方都不符合规则：已选中；请点击“{ours}”，再在其图层中修正该要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="415"/>
        <source>Conflicts {ids} are settled together, so that the record keeps the rule: they are selected now; press {button}.</source>
        <translation>冲突 {ids} 须一并处理，使记录符合规则：已选中；请点击{button}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="367"/>
        <source>Not settled: #{id} {layer} {feature} would be left with {child} {value}, which does not belong to {parent} {parent_value}.</source>
        <translation>未处理：#{id} {layer} {feature}的{child}将为 {value}，不属于{parent} {parent_value}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="352"/>
        <source>{child} and {parent} are both in conflict: to give them values neither side holds, settle both with one side, then edit the feature in its layer.</source>
        <translation>{child}与{parent}都有冲突：若要给两者任何一方都没有的值，请先用同一方一并处理两者，再在图层中编辑该要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="89"/>
        <source>{fields} closed by the undo in {changes} changes</source>
        <translation>{fields} 项已随撤销关闭（涉及 {changes} 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="89"/>
        <source>{fields} closed by the undo in 1 change</source>
        <translation>{fields} 项已随撤销关闭（涉及 1 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="92"/>
        <source>{fields} closed as dropped in {changes} changes</source>
        <translation>{fields} 项已随图层删除关闭（涉及 {changes} 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="92"/>
        <source>{fields} closed as dropped in 1 change</source>
        <translation>{fields} 项已随图层删除关闭（涉及 1 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="92"/>
        <source>{fields} settled in {changes} changes</source>
        <translation>{fields} 项（均已处理，涉及 {changes} 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="92"/>
        <source>{fields} settled in 1 change</source>
        <translation>{fields} 项（均已处理，涉及 1 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="95"/>
        <source>{fields} ({still} to settle) in {changes} changes</source>
        <translation>{fields} 项（其中 {still} 项待处理，涉及 {changes} 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="95"/>
        <source>{fields} ({still} to settle) in 1 change</source>
        <translation>{fields} 项（其中 {still} 项待处理，涉及 1 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="95"/>
        <source>{fields} ({settled} settled, {dropped} closed as dropped) in {changes} changes</source>
        <translation>{fields} 项（其中 {settled} 项已处理，{dropped} 项已随图层删除关闭，涉及 {changes} 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="95"/>
        <source>{fields} ({settled} settled, {dropped} closed as dropped) in 1 change</source>
        <translation>{fields} 项（其中 {settled} 项已处理，{dropped} 项已随图层删除关闭，涉及 1 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="95"/>
        <source>{fields} ({still} to settle, {dropped} closed as dropped) in {changes} changes</source>
        <translation>{fields} 项（其中 {still} 项待处理，{dropped} 项已随图层删除关闭，涉及 {changes} 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="95"/>
        <source>{fields} ({still} to settle, {dropped} closed as dropped) in 1 change</source>
        <translation>{fields} 项（其中 {still} 项待处理，{dropped} 项已随图层删除关闭，涉及 1 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="144"/>
        <source>Who may change what…</source>
        <translation>谁可以修改什么…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="2"/>
        <source>Who may change what</source>
        <translation>谁可以修改什么</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="64"/>
        <source>Who may change what in the field packages of {master}: GIS staff change every table; technicians, what is granted below. Packages get changes at their next pull.</source>
        <translation>{master} 的外业数据包中谁可以修改什么：GIS 人员可修改所有表；技术员可修改下面授予的内容。数据包在下次拉取时获得更改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="24"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="70"/>
        <source>Columns</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="89"/>
        <source>every column; or some, separated by commas</source>
        <translation>所有字段；或部分字段，以逗号分隔</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="93"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="95"/>
        <source>Table:</source>
        <translation>表：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="97"/>
        <source>Columns:</source>
        <translation>字段：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="52"/>
        <source>Grant</source>
        <translation>授予</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="103"/>
        <source>Revoke</source>
        <translation>收回</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="111"/>
        <source>Changes to apply, in this order:</source>
        <translation>待应用的更改（按此顺序）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="368"/>
        <source>The changes listed under “Changes to apply” are not applied yet. Apply them, discard them, or go back to them?</source>
        <translation>“待应用的更改”中列出的更改尚未应用。要应用、丢弃，还是返回继续修改？</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="440"/>
        <source>{n} changes queued here before the plugin was unloaded (or QGIS closed) were not applied. They are listed again under “Changes to apply”: apply them, or remove them.</source>
        <translation>插件卸载（或 QGIS 关闭）前在此排队的 {n} 项更改未被应用。它们已重新列在“待应用的更改”中：请应用，或将其移除。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="440"/>
        <source>1 change queued here before the plugin was unloaded (or QGIS closed) was not applied. It is listed again under “Changes to apply”: apply it, or remove it.</source>
        <translation>插件卸载（或 QGIS 关闭）前在此排队的 1 项更改未被应用。它已重新列在“待应用的更改”中：请应用，或将其移除。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="445"/>
        <source>{n} changes queued for {master} before the plugin was unloaded (or QGIS closed) were not applied: {changes}. Open that master to ask for them again.</source>
        <translation>插件卸载（或 QGIS 关闭）前为 {master} 排队的 {n} 项更改未被应用：{changes}。请打开该主库重新提出这些更改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="445"/>
        <source>1 change queued for {master} before the plugin was unloaded (or QGIS closed) was not applied: {changes}. Open that master to ask for it again.</source>
        <translation>插件卸载（或 QGIS 关闭）前为 {master} 排队的 1 项更改未被应用：{changes}。请打开该主库重新提出这项更改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="118"/>
        <source>Apply the changes</source>
        <translation>应用更改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="89"/>
        <source>every column</source>
        <translation>所有字段</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="190"/>
        <source>No grant: technicians may change no table.</source>
        <translation>没有授权：技术员不能修改任何表。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="210"/>
        <source>Its columns: {columns}</source>
        <translation>其字段：{columns}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="102"/>
        <source>grant {role}: {what}</source>
        <translation>授予{role}：{what}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="103"/>
        <source>revoke {role}: {what}</source>
        <translation>收回{role}：{what}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="1"/>
        <source>Settling {n} conflicts of this package…</source>
        <translation>正在处理该数据包的 {n} 项冲突…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="1"/>
        <source>Settling 1 conflict of this package…</source>
        <translation>正在处理该数据包的 1 项冲突…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="1"/>
        <source>Settling {n} conflicts of this pull…</source>
        <translation>正在处理本次拉取的 {n} 项冲突…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="1"/>
        <source>Settling 1 conflict of this pull…</source>
        <translation>正在处理本次拉取的 1 项冲突…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="1"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="1"/>
        <source>When the other value was made, as recorded where it was made, in local time</source>
        <translation>另一值的修改时间，按修改处的记录，以本地时间显示</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="1"/>
        <source>warning: {role} may no longer add or delete features of {layer}: a role granted some of its columns only adds and deletes none (to give them back: table {table}, columns left empty, “{grant}”, then “{apply}”)</source>
        <translation>注意：{role}不能再新增或删除{layer}的要素：只被授予部分字段的角色不能新增或删除要素（如需恢复：表选 {table}，字段留空，按“{grant}”，再按“{apply}”）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="1"/>
        <source>warning: {role} may change every column of {layer}, each granted by name, but add or delete none of its features (to let it: table {table}, columns left empty, “{grant}”, then “{apply}”)</source>
        <translation>注意：{role}可以修改{layer}的每个字段（逐个授权），但不能新增或删除其要素（如需允许：表选 {table}，字段留空，按“{grant}”，再按“{apply}”）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/grants.py" line="1"/>
        <source>{package} is a field package: grants are changed in its master, which it takes them from at its next pull (open the master with “{open}” to change them here); nothing was changed</source>
        <translation>{package} 是外业数据包：权限在其主库中修改，数据包在下次拉取时获得（请用“{open}”打开主库，在此修改）；未作任何更改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="1"/>
        <source>an unnamed device</source>
        <translation>未具名的设备</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="1"/>
        <source>Clock ahead: “{side}” was dated {at} by {device}, more than {minutes} min after it was merged ({against}): that device&apos;s clock was wrong, so this time does not make it the later edit</source>
        <translation>时钟偏快：“{side}”由 {device} 记为 {at}，比其合并时间（{against}）晚 {minutes} 分钟以上：该设备的时钟有误，这一时间不能说明它是较晚的修改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/conflicts.py" line="1"/>
        <source>Clock ahead: “{side}” was dated {at} by {device}, more than {minutes} min after now ({against}): that device&apos;s clock was wrong, so this time does not make it the later edit</source>
        <translation>时钟偏快：“{side}”由 {device} 记为 {at}，比当前时间（{against}）晚 {minutes} 分钟以上：该设备的时钟有误，这一时间不能说明它是较晚的修改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="212"/>
        <source>check the coordinate system their layer is set to</source>
        <translation>请检查其图层所设的坐标系</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="213"/>
        <source>their coordinates look like metres: {check}</source>
        <translation>其坐标像是米制坐标：{check}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="215"/>
        <source>their latitude and longitude look swapped: {check}</source>
        <translation>其经纬度像是写反了：{check}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="218"/>
        <source>select features within the county</source>
        <translation>请选择县域内的要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="219"/>
        <source>The features selected ({box}, W,S,E,N in degrees) do not meet the county, whose extent is {extent}: the package would hold none of its patches; {hint}.</source>
        <translation>所选要素（{box}，西,南,东,北，度）与县域不相交，县域范围为 {extent}（西,南,东,北，度）：数据包将不含任何图斑；{hint}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="224"/>
        <source>The features selected ({box}, W,S,E,N) are not in longitude and latitude once taken to EPSG:4490: check the coordinate system their layer is set to.</source>
        <translation>所选要素（{box}，西,南,东,北）转换到 EPSG:4490 后不是经纬度：请检查其图层所设的坐标系。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="227"/>
        <source>check it out by the features selected on the map instead</source>
        <translation>请改按地图上所选要素签出</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="228"/>
        <source>check it out in the Sync dock by the features selected on the map</source>
        <translation>请改在“同步”面板中按地图上所选要素签出</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="230"/>
        <source>A field package cut to a township needs the plan&apos;s layers (the mine patches with their township); {master} has none: {instead}.</source>
        <translation>按乡镇签出外业数据包需要规划图层（含乡镇字段的历史遗留矿山图斑）；{master} 没有：{instead}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="244"/>
        <source>A field package cut to a township needs the plan&apos;s layers (the mine patches with their township); {master} has none: its layer {layer} has no column {columns}: {instead}.</source>
        <translation>按乡镇签出外业数据包需要规划图层（含乡镇字段的历史遗留矿山图斑）；{master} 没有：其图层{layer}缺少字段 {columns}，不是规划的图层：{instead}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="250"/>
        <source>A field package cut to a township needs the plan&apos;s layers (the mine patches with their township); {master} has none: its layer {layer} is not tracked: {instead}.</source>
        <translation>按乡镇签出外业数据包需要规划图层（含乡镇字段的历史遗留矿山图斑）；{master} 没有：其图层{layer}未被跟踪：{instead}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="241"/>
        <source>No mine patch in township {township}, in layer {layer}: nothing to cut a package to; {instead}.</source>
        <translation>图层{layer}中没有乡镇 {township} 的矿山图斑，无法按乡镇签出；{instead}。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="235"/>
        <source>Device {device} has a field package already (checked out {at}): choose another device name. Only the command line replaces a package (field-kit checkout --replace), and the earlier package could then never be merged, nor pulled into.</source>
        <translation>设备 {device} 已有外业数据包（签出于 {at}）：请换一个设备名称。替换数据包只能在命令行中进行（field-kit checkout --replace），此后旧数据包将无法合并，也无法拉取主库更新。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="288"/>
        <source>{path} is a GeoPackage (a master or a field package), not a change package: an export never writes over one; nothing was changed. A change package is written as a .zip: choose a name ending in .zip.</source>
        <translation>{path} 是 GeoPackage（主库或外业数据包），不是修改包：导出从不覆盖它；未作任何更改。修改包写为 .zip 文件：请选择以 .zip 结尾的文件名。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="312"/>
        <source>{path} is named as a GeoPackage (.gpkg), not as a change package; nothing was changed. A change package is written as a .zip: choose a name ending in .zip.</source>
        <translation>{path} 以 .gpkg 结尾，是 GeoPackage 的文件名，不是修改包的；未作任何更改。修改包写为 .zip 文件：请选择以 .zip 结尾的文件名。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="75"/>
        <source>Mine patches to keep (Selected features only: those selected; empty: all)</source>
        <translation>要保留的图斑（勾选“仅选中的要素”：所选图斑；留空：全部）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="76"/>
        <source>Features to keep of a layer of the county&apos;s own (Selected features only: those selected; empty: by the rest of the cut)</source>
        <translation>要保留的本县自有图层要素（勾选“仅选中的要素”：即所选的；留空：按其余裁切条件）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="260"/>
        <source>Of {layer}, the {n} features given alone.</source>
        <translation>{layer} 只带入所给的 {n} 个要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="260"/>
        <source>Of {layer}, the 1 feature given alone.</source>
        <translation>{layer} 只带入所给的 1 个要素。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="340"/>
        <source>{layer} has no column uuid: it is not a tracked layer of the master (one just added is tracked at its first checkout); nothing was checked out.</source>
        <translation>{layer} 没有 uuid 字段：不是主库中被跟踪的图层（新加入的图层在首次签出时开始跟踪）；未签出任何数据包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="346"/>
        <source>No feature given in {layer} (with Selected features only, none is selected): select the features to keep on the map; nothing was checked out.</source>
        <translation>{layer} 中没有给出要素（勾选了“仅选中的要素”，但未选中任何要素）：请在地图上选择要保留的要素；未签出任何数据包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="241"/>
        <source>Cut to {n} mine patches of {layer}, with their projects and records.</source>
        <translation>已裁切为 {layer} 中的 {n} 个图斑，连同其项目和记录。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="241"/>
        <source>Cut to 1 mine patch of {layer}, with its projects and records.</source>
        <translation>已裁切为 {layer} 中的 1 个图斑，连同其项目和记录。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="291"/>
        <source>Give the township (“{township}”) or the mine patches to keep (“{patches}”), not both.</source>
        <translation>请填写乡镇（“{township}”）或要保留的图斑（“{patches}”），不要两者都填。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="295"/>
        <source>{layer} has no column uuid: it is not the master&apos;s mine patches; pick that layer in “{patches}”.</source>
        <translation>{layer} 没有 uuid 列：不是主库的图斑图层；请在“{patches}”中选择该图层。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="300"/>
        <source>No mine patch given in {layer} (with Selected features only, none is selected): select the patches to keep on the map; nothing was checked out.</source>
        <translation>{layer} 中没有给出图斑（勾选了“仅选中的要素”，但未选中任何图斑）：请先在地图上选择要保留的图斑；未签出任何内容。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="330"/>
        <source>GeoPackage or QField project (*.gpkg *.zip)</source>
        <translation>GeoPackage 或 QField 项目 (*.gpkg *.zip)</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="311"/>
        <source>The field package: its GeoPackage, or a QField project as it comes back: its zip (unpacked into the folder of its name beside it), or its folder by picking the package.gpkg in it; the photos taken in QField are read in and travel with the changes.</source>
        <translation>外业数据包：其 GeoPackage 文件，或带回的 QField 项目：其 ZIP（解压到旁边同名的文件夹），或选择其文件夹中的 package.gpkg 来导出该文件夹；在 QField 中拍摄的照片会被读入，随修改一并发送。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/change_package.py" line="58"/>
        <source>Of them: {since} since checkout and {made} made by reading in the project&apos;s photos.</source>
        <translation>其中：自签出以来的修改 {since} 项，读入项目照片产生的修改 {made} 项。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="607"/>
        <source>Coordinate system of the surveyed data (empty: as the file says)</source>
        <translation>实测数据的坐标系（留空：按文件所述）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="617"/>
        <source>choose its coordinate system under “{box}”</source>
        <translation>可在“{box}”中选择其坐标系</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="619"/>
        <source>leave “{box}” empty</source>
        <translation>请将“{box}”留空</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="620"/>
        <source>“{box}” gives</source>
        <translation>“{box}”给出</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="623"/>
        <source>choose {code} under “{box}”</source>
        <translation>在“{box}”中选择 {code}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="625"/>
        <source>choose it under “{box}”</source>
        <translation>请在“{box}”中选择</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="700"/>
        <source>Field mapping (a JSON file, or its text)</source>
        <translation>字段对应（JSON 文件，或其文本）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="697"/>
        <source>{&quot;PATCH_NO&quot;: &quot;patch_code&quot;, &quot;AREA_MU&quot;: &quot;stated_area_mu&quot;, &quot;REMARK&quot;: null}</source>
        <translation>{&quot;图斑编号&quot;: &quot;patch_code&quot;, &quot;面积（亩）&quot;: &quot;stated_area_mu&quot;, &quot;备注&quot;: null}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="699"/>
        <source>Which plan field each field of the surveyed data fills: a JSON object of source field: plan field (null leaves a field out), such as {example}; or the JSON file holding it. Left empty: the fields as their names are recognised, or as mapped at the last import of such a source.</source>
        <translation>实测数据的各字段填入哪个规划字段：“数据源字段: 规划字段”的 JSON 对象（null 表示不导入该字段），如 {example}；或存有它的 JSON 文件。留空：按字段名识别，或沿用上次导入同类数据时的对应。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="700"/>
        <source>map it under “{box}”, such as {example}</source>
        <translation>请在“{box}”中指定对应，如 {example}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="700"/>
        <source>map it under “{box}”</source>
        <translation>请在“{box}”中指定对应</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="700"/>
        <source>give it under “{box}”</source>
        <translation>请在“{box}”中指定</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="700"/>
        <source>“{box}” is no mapping ({why}): give a JSON object of source field: plan field, such as {example}, or the JSON file holding it; nothing was imported.</source>
        <translation>“{box}”不是字段对应（{why}）：请给出“数据源字段: 规划字段”的 JSON 对象，如 {example}，或存有它的 JSON 文件；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="715"/>
        <source>{crs} has no EPSG code: choose the surveyed data&apos;s coordinate system under “{box}” by its EPSG code (CGCS2000: EPSG:4490, or a Gauss-Kruger zone of it, EPSG:4491-4554); nothing was imported.</source>
        <translation>{crs} 没有 EPSG 代码：请在“{box}”中按 EPSG 代码选择实测数据的坐标系（CGCS2000：EPSG:4490，或其高斯-克吕格分带 EPSG:4491-4554）；未导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="240"/>
        <source>The checkout to {out} cut short before is finished; {part}, left by an earlier run of it and no longer registered, was removed.</source>
        <translation>此前中断的签出（签出到 {out}）已完成；{part} 是其更早一次运行留下的文件，已不再登记，已删除。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="238"/>
        <source>Writes a field package for one device from the master, with the device&apos;s signing key; for QField, a project folder and its zip, with the basemap if given. It holds the whole master, or what is chosen: a township (Township); or mine patches (Mine patches to keep: the master&apos;s layer of them, with Selected features only those selected), with their projects and records; and besides, the features of one layer of the county&apos;s own (Features to keep: one layer a run, with Selected features only those selected; the Sync dock keeps those selected of several layers at once). A box (W,S,E,N) cuts a package on the command line (field-kit checkout --bbox) and in the Sync dock, by the features selected on the map, not here.</source>
        <translation>从主库为一台设备写出外业数据包，带该设备的签名密钥；用于 QField 时写出项目文件夹及其压缩包，给出底图时一并带上。数据包含整个主库，或所选的内容：一个乡镇（“乡镇”）；或若干图斑（“要保留的图斑”：主库的图斑图层，勾选“仅选中的要素”时为所选图斑），连同其项目和记录；此外还可保留一个本县自有图层的要素（“要保留的本县自有图层要素”：每次只能给一个图层，勾选“仅选中的要素”时为所选要素；“同步”面板可同时保留多个图层中所选的要素）。按范围框（西,南,东,北）裁切只能在命令行（field-kit checkout --bbox）或“同步”面板中按地图上所选要素进行，此处不能。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="408"/>
        <source>“{parameter}” takes one layer a run, and {n} were given ({layers}): give one of them; nothing was checked out.</source>
        <translation>“{parameter}”每次只能给一个图层，但给出了 {n} 个（{layers}）：请只给其中一个；未签出任何数据包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="408"/>
        <source>“{parameter}” takes a layer, and {value} is none; nothing was checked out.</source>
        <translation>“{parameter}”应给出一个图层，而 {value} 不是图层；未签出任何数据包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/provider.py" line="324"/>
        <source>{layer} is a layer of the plan: its features go by the mine patches they belong to, kept by “{patches}” or by the township (“{township}”); “{features}” keeps the features of a layer of the county&apos;s own; nothing was checked out.</source>
        <translation>{layer} 是规划图层：其要素随所属图斑签出，由“{patches}”或乡镇（“{township}”）决定；“{features}”只保留本县自有图层的要素；未签出任何数据包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history.py" line="207"/>
        <source>Recorded changes:</source>
        <translation>修改记录：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/open_conflicts.py" line="86"/>
        <source>{n} open conflicts on this feature: what this package holds is not settled, the master&apos;s other value waits.</source>
        <translation>该要素有 {n} 项未处理的冲突：本数据包现有的值尚未确定，主库的另一值待处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/open_conflicts.py" line="86"/>
        <source>1 open conflict on this feature: what this package holds is not settled, the master&apos;s other value waits.</source>
        <translation>该要素有 1 项未处理的冲突：本数据包现有的值尚未确定，主库的另一值待处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/open_conflicts.py" line="88"/>
        <source>{n} open conflicts on this feature: what the master holds is not settled, another value waits.</source>
        <translation>该要素有 {n} 项未处理的冲突：主库现有的值尚未确定，另一值待处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/open_conflicts.py" line="88"/>
        <source>1 open conflict on this feature: what the master holds is not settled, another value waits.</source>
        <translation>该要素有 1 项未处理的冲突：主库现有的值尚未确定，另一值待处理。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/open_conflicts.py" line="117"/>
        <source>Settle these conflicts…</source>
        <translation>处理这些冲突…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/records_on.py" line="39"/>
        <source>Records on it ({n})</source>
        <translation>其上的记录（{n} 条）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/records_on.py" line="44"/>
        <source>No record on it.</source>
        <translation>其上没有记录。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/records_on.py" line="47"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/records_on.py" line="47"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/records_on.py" line="47"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/records_on.py" line="47"/>
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/records_on.py" line="57"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/records_on.py" line="59"/>
        <source>Double-click to see this record&apos;s history.</source>
        <translation>双击查看该记录的修改历史。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/records_on.py" line="67"/>
        <source>Double-click a record to see its history.</source>
        <translation>双击记录可查看其修改历史。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/plugin.py" line="188"/>
        <source>History by code or uuid…</source>
        <translation>按编号或 uuid 查看修改历史…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history_lookup.py" line="33"/>
        <source>History by code or uuid</source>
        <translation>按编号或 uuid 查看修改历史</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history_lookup.py" line="35"/>
        <source>A patch code, project id, feature&apos;s name or uuid (a deleted feature&apos;s too):</source>
        <translation>图斑编号、项目编号、要素名称或 uuid（已删除的要素也可）：</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history_lookup.py" line="47"/>
        <source>Show its history</source>
        <translation>查看其修改历史</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/dialogs/history.py" line="207"/>
        <source>This feature is deleted: its changes up to its deletion are listed below.</source>
        <translation>该要素已被删除：以下列出其直至删除的各项修改。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/one_code_saved.py" line="38"/>
        <source>One code on two features</source>
        <translation>一个编码用于两个要素</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/one_code_saved.py" line="38"/>
        <source>{field} {code} now names {n} features of {layer} (fid {fids}): a split part, or a pasted feature, keeps the code of the one it came from, and a code names one feature. Give the new part its own {field}, or merge the parts back into one feature (Merge Selected Features). {then}</source>
        <translation>{field} {code} 现在标识{layer}的 {n} 个要素（fid {fids}）：分割出的部分或粘贴的要素沿用了原要素的编码，而一个编码只标识一个要素。请给新的部分另填一个 {field}，或把各部分合并回一个要素（合并所选要素）。{then}</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/one_code_saved.py" line="38"/>
        <source>Until then every figure of the master counts it twice.</source>
        <translation>在此之前，主库的各项数字都会把它计算两次。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/one_code_saved.py" line="38"/>
        <source>Until then the export of this field package is refused.</source>
        <translation>在此之前，本外业数据包的导出会被拒绝。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/readmit.py" line="1"/>
        <source>Readmit a device</source>
        <translation>重新登记设备</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/readmit.py" line="1"/>
        <source>Registers again, in a GeoPackage master restored from a backup made before a device was checked out, that device, from its field package (which holds its key), so that its change packages merge; its pull is refused until they are merged and it is checked out again.</source>
        <translation>在从某设备签出之前的备份恢复的 GeoPackage 主库中，用该设备的外业数据包（其中有它的密钥）重新登记该设备，以便合并其修改包；在这些修改包合并、该设备重新签出之前，其拉取会被拒绝。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/readmit.py" line="1"/>
        <source>Master (GeoPackage)</source>
        <translation>主库（GeoPackage）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/readmit.py" line="1"/>
        <source>Device registered again</source>
        <translation>设备已重新登记</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_readmit.py" line="1"/>
        <source>Readmit the device…</source>
        <translation>重新登记该设备…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_readmit.py" line="1"/>
        <source>Device not registered</source>
        <translation>设备未登记</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_readmit.py" line="1"/>
        <source>Device {device} is not registered in this master, restored from a backup made before its checkout: register it again from its field package, then merge its change packages again.</source>
        <translation>设备 {device} 未在此主库登记，此主库是从该设备签出之前的备份恢复的：请用其外业数据包重新登记该设备，然后重新合并其修改包。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_readmit.py" line="1"/>
        <source>Device not registered again</source>
        <translation>设备未重新登记</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_readmit.py" line="1"/>
        <source>The field package of device {device}</source>
        <translation>设备 {device} 的外业数据包</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_readmit.py" line="1"/>
        <source>Register device {device} again in this master from {package}? Its change packages then merge field by field; its pull is refused until they are merged and it is checked out again.</source>
        <translation>用 {package} 在此主库中重新登记设备 {device}？之后其修改包将逐字段合并；在这些修改包合并、该设备重新签出之前，其拉取会被拒绝。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_readmit.py" line="1"/>
        <source>Registering a device again</source>
        <translation>正在重新登记设备</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_readmit.py" line="1"/>
        <source>Device already registered</source>
        <translation>设备已登记</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_merges.py" line="1"/>
        <source>Merge them after all…</source>
        <translation>仍然合并它们…</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_merges.py" line="1"/>
        <source>Merge {packages} again, the changes of merges this master undid included? They are applied as the first time they were merged.</source>
        <translation>再次合并 {packages}，连同此主库已撤销的合并中的修改？它们将像第一次合并时那样被应用。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_merges.py" line="1"/>
        <source>“Merge them after all…” under the report in the Sync panel</source>
        <translation>同步面板中报告下方的“仍然合并它们…”</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/merge.py" line="1"/>
        <source>Merge again the changes of merges this master undid</source>
        <translation>再次合并此主库已撤销的合并中的修改</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_merges.py" line="1"/>
        <source>1 change kept out of this merge, as this master undid it: “Merge them after all…” on the message bar takes it; the report says which.</source>
        <translation>1 项修改未纳入本次合并，因为此主库已撤销过它：消息栏上的“仍然合并它们…”可将其合并；详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_merges.py" line="1"/>
        <source>{n} changes kept out of this merge, as this master undid them: “Merge them after all…” on the message bar takes them; the report says which.</source>
        <translation>{n} 项修改未纳入本次合并，因为此主库已撤销过它们：消息栏上的“仍然合并它们…”可将其合并；详见报告。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/readmit_said.py" line="1"/>
        <source>Device &apos;{device}&apos; is registered in {master} already, with the key and checkout of {package}; nothing was changed: its change packages merge as they are ({way}).</source>
        <translation>设备 {device} 已登记在 {master} 中，密钥和签出与 {package} 相同；未作任何更改：其修改包可以直接合并（{way}）。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/readmit_said.py" line="1"/>
        <source>Device &apos;{device}&apos; ({role}) registered again in {master} from {package}, with its key, checkout and base (seq {seq}): its change packages merge now ({way}; Processing&apos;s “Export a change package” with “Everything since checkout” sends all its changes), and its pull is refused until they are merged and the device is checked out again.</source>
        <translation>设备 {device}（{role}）已用 {package} 重新登记到 {master}，沿用其密钥、签出和基线（序号 {seq}）：其修改包现在可以合并（{way}；在“处理”中运行“导出修改包”并勾选“导出签出以来的全部修改”可导出其全部修改）；在这些修改合并、该设备重新签出之前，其拉取会被拒绝。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_readmit.py" line="1"/>
        <source>add them to “Change packages from the field” and click “Merge into the master”</source>
        <translation>把它们加入“外业修改包”，再点击“合并到主库”</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/processing/readmit.py" line="1"/>
        <source>Processing&apos;s “{algorithm}”</source>
        <translation>在“处理”中运行“{algorithm}”</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="1"/>
        <source>{fields} superseded by a later edit in 1 change</source>
        <translation>{fields} 项（已被同一设备之后的修改取代而关闭，涉及 1 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="1"/>
        <source>{fields} superseded by a later edit in {changes} changes</source>
        <translation>{fields} 项（已被同一设备之后的修改取代而关闭，涉及 {changes} 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="1"/>
        <source>{fields} ({open} to settle, {superseded} superseded by a later edit) in 1 change</source>
        <translation>{fields} 项（其中 {open} 项待处理，{superseded} 项已被同一设备之后的修改取代而关闭，涉及 1 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/core_messages.py" line="1"/>
        <source>{fields} ({open} to settle, {superseded} superseded by a later edit) in {changes} changes</source>
        <translation>{fields} 项（其中 {open} 项待处理，{superseded} 项已被同一设备之后的修改取代而关闭，涉及 {changes} 项修改）</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_merges.py" line="1"/>
        <source>1 conflict closed as superseded by a later edit of its device.</source>
        <translation>1 项冲突已被同一设备之后的修改取代而关闭。</translation>
    </message>
    <message>
        <location filename="../../qgis_plugin/docks/sync_merges.py" line="1"/>
        <source>{n} conflicts closed as superseded by a later edit of their device.</source>
        <translation>{n} 项冲突已被同一设备之后的修改取代而关闭。</translation>
    </message>
</context>
</TS>
