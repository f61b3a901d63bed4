# SPDX-License-Identifier: GPL-2.0-or-later
"""The core's messages in Chinese.

The core (``field_kit``) writes its errors and refusals in English, for the command line and
the logs. The faces (the QGIS plugin, the field app) show them to people who read Chinese:
:func:`chinese` puts the known ones into Chinese (keeping the names and figures they carry)
and leaves any other as the core wrote it, so nothing is hidden.
"""

from __future__ import annotations

import errno
import os
import re

from .bilingual import SIZE, size_in_chinese

# rows counted, as every count of them says it (records named as such: 条记录)
ROWS = "个要素"

# where a package was checked out, said against the master it is merged or pulled into
# (field_kit.sync.master_id.elsewhere)
# device/master/id groups; {nothing}: what a merge or a pull says it left undone, {then}:
# what it says follows registering the device again (field-kit readmit)
_BEFORE_CHECKOUT = (
    r"(?P<name>.+?): device (?P<device>'[^']*') is not registered in this master, though its "
    r"package was checked out from it \((?P<master>.+), master (?P<id>\S+)\): this master "
    r"was restored from a backup made before the device was checked out, and holds neither "
    r"the device nor its key; nothing {nothing}\. Its changes stay in (?:the device's|this) "
    r"field package: register its device again from it, field-kit readmit "
    r"(?P<master_typed>.+?) (?P<typed>.+?), then {then}")
# the way on of a pull refused so that nothing is lost (field_kit.sync.master_id.check_out_again);
# {typed}: the group naming the package (a new one, or one the pattern named before)
# {master}: the group naming the master as typed (a new one, or one named before); the cut
# is the checkout's options, or "(cut as before)" where the master does not know them
_CHECK_OUT_AGAIN = (r"field-kit export {typed} ALL\.zip --all, then field-kit merge {master} "
                    r"ALL\.zip, then field-kit checkout (?P=master_typed) NEW\.gpkg --device "
                    r"(?P<dev>.+?) --replace(?P<cut_typed>(?: .+?)?) and work on in NEW\.gpkg")
_CHECK_OUT_AGAIN_ZH = ("运行 field-kit export {typed} ALL.zip --all，再运行 field-kit merge "
                       "{master_typed} ALL.zip，再运行 field-kit checkout {master_typed} NEW.gpkg "
                       "--device {dev} --replace{cut_typed}，之后在 NEW.gpkg 中继续工作")
# a merge's conflict closed as it ran, its device's later edit of the field merged too
_SUPERSEDED = "已被同一设备之后的修改取代而关闭"
_ELSEWHERE = r"it was checked out from .+? \(master \w+\), not this master, .+?"
_ELSEWHERE_PARTS = re.compile(
    r"it was checked out from (?P<came>.+?) \(master (?P<came_id>\w+)\), not this master, "
    r"(?P<here>.+?)(?P<how> \(master (?P<here_id>\w+)\)| \(no master id yet\)|, which has the "
    r"same master id: one of them is a copy of the other)?")


# the way on where this master may be the other restored from a backup under a name of its
# own (field_kit.sync.master_id.restored_under_another_name)
_RESTORED = (r"\. If .+? is the master restored from a backup and .+? is no longer used, give it "
             r"the master's name \(mv .+\) and run this again")
_RESTORED_PARTS = re.compile(
    r"\. If (?P<here>.+?) is the master restored from a backup and (?P<came>.+?) is no longer "
    r"used, give it the master's name \((?P<mv>mv .+)\) and run this again")


def _restored_in_chinese(text: str | None) -> str:
    m = _RESTORED_PARTS.fullmatch(text or "")
    if m is None:
        return text or ""
    return (f"。若 {m['here']} 是从备份恢复的主库，且 {m['came']} 已不再使用，请把它改为主库的"
            f"文件名（{m['mv']}），再重新运行")


def _other_project_in_chinese(text: str) -> str:
    m = re.fullmatch(r": checked out from (?P<came>.+); this master is (?P<here>.+)", text)
    if m is None:
        return text
    return (f"：该数据包签出自 {master_in_chinese(m['came'])}；"
            f"此主库是 {master_in_chinese(m['here'])}")


def _elsewhere_in_chinese(text: str) -> str:
    m = _ELSEWHERE_PARTS.fullmatch(text)
    if m is None:
        return text
    how = m["how"] or ""
    said = (f"（主库标识 {m['here_id']}）" if m["here_id"] else "（尚无主库标识）" if "no master"
            in how else "，两者主库标识相同：其中一个是另一个的副本" if how else "")
    return (f"该数据包签出自 {master_in_chinese(m['came'])}（主库标识 {m['came_id']}），"
            f"而不是此主库 {master_in_chinese(m['here'])}{said}")


# a decision on a conflict leaving a code under another parent code (field_kit.sync.pairs)
_PAIR_APART = (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) would be left with "
               r"(?P<field_en>.+?) (?P<v>\"[^\"]*\"|\S+), which does not belong to "
               r"(?P<parent_en>.+?) (?P<pv>\"[^\"]*\"|\S+); nothing was settled: ")

# the layer a role's refusal, or one of a column gone or not in the master, names, looked
# ahead for: the columns said after it are its (a county's own named as they are)
_COLUMNS_TABLE = (r"(?:(?=.*?\b(?:a (?:technician|gis) may not [^;]*?|column \S+) of "
                  r"(?P<sync_table>[^\s;]+)))?")
# an undo-merge refused over rows met since the merge (field_kit.sync.undo): how, then which
_UNDO_HEAD = (r"cannot undo: (?P<n>\d+) rows? (?P<undo_how>changed after the merge(?: or "
              r"with an edit a later merge kept aside)?|with an edit a later merge kept "
              r"aside): (?P<undo_rows>.+); ")
# an undo-merge refused for a merge that only added columns (field_kit.sync.undo): the
# pattern's and the Chinese head, then their ends, around how the column is taken out
_ONLY_COLUMNS = (
    r"cannot undo merge (?P<undo_merge>.+?): it changed no row, it only added columns? "
    r"(?P<cols>.+) "
    r"to the master, and an undo leaves a column it added \(field packages pulled since may "
    r"hold it\); if it is not wanted, take it out by hand \(",
    "无法撤销合并 {undo_merge}：该合并未修改任何要素，只向主库新增了字段 {cols}，"
    "而撤销不删除合并新增的字段（此后拉取的外业数据包可能已有该字段）；如不需要，请手工删除（",
    r"\), then undo again; nothing was changed", "），然后再次撤销；未作任何更改")
# what a merge adds of the edits a device's clock dated after it, or before the package's
# checkout: the pattern's end and the Chinese end
_CLOCK_WAS_WRONG = (
    r"the device's clock was wrong when (?:it was|they were) made; the merge names (?:it|them), "
    r"and weighs (?:it|them) by (?:that date|those dates) against other devices' edits",
    "做这些修改时设备时钟有误；合并时会列出它们，并按所记时间与其他设备的修改权衡")
_CLOCK_AHEAD = (
    r"its clock was ahead; the later-edit rule and history read those times as given: until a "
    r"supervisor decides, each wins over an edit of the same field dated before it, which is "
    r"kept in a conflict",
    "该设备的时钟偏快；“以较晚的修改为准”的规则和历史记录按所记时间原样采用：在主管裁定之前，"
    "这些修改胜过同一字段所记时间更早的修改，后者保留在冲突中")
_CLOCK_BEHIND = (
    r"its clock was behind; the later-edit rule and history read those times as given: until "
    r"a supervisor decides, each loses to an edit of the same field dated after it, and is "
    r"kept in a conflict",
    "该设备的时钟偏慢；“以较晚的修改为准”的规则和历史记录按所记时间原样采用：在主管裁定之前，"
    "这些修改输给同一字段所记时间更晚的修改，并保留在冲突中")
# a merge's refused edits so dated (its way: ahead or behind, as said in each language)
_CLOCK_REFUSED = (
    r"its clock was {way}, and a date taken from it \(today's, filled in on the device\) is as "
    r"wrong: set the device's clock right, and mend the date where that is why the edit was "
    r"refused",
    "该设备的时钟{way}，按它填写的日期（设备上填的“今天”）同样有误：请校正设备时钟，若修改正是"
    "因该日期被拒绝，请改正日期")
# a merge's conflicts whose package's values were set aside for edits dated after it
_MET_AHEAD = (
    r"after this merge \((?P<at>[^()]+)\): the later-edit rule read those times as given; the "
    r"master keeps what those edits gave until a supervisor decides \(field-kit conflicts "
    r"lists them\)",
    "晚于本次合并（{at}）：“以较晚的修改为准”的规则按所记时间原样采用；在主管裁定之前，主库保留那些"
    "修改的结果（field-kit conflicts 可列出这些冲突）")
# a code on two rows of a plan layer, its new part named (field_kit.sync.one_code_here)
_ONE_CODE = (r"(?P<col>\S+) (?P<code>\S+) names (?P<n>\d+) rows of (?P<table>\S+) in this "
             r"field package: (?P<new>\S+), added here, and (?P<others>.+?) \(a split part, or "
             r"a feature pasted, keeps the code of the one it came from\): give the new part "
             r"(?P=new) its own (?P=col), or merge the parts back into one feature")
_ONE_CODE_ZH = ("{col} {code} 在本外业数据包中标识 {table} 的 {n} 个要素：{new}（在此新增）与 "
                "{others}（分割出的部分或粘贴的要素沿用了原要素的编码）：请给新的部分 {new} 另填"
                "一个 {col}，或把各部分合并回一个要素")

# (pattern on the core's message, Chinese with the pattern's groups): most specific first
# what a master lacks of the change a package was brought up to (field_kit.sync.brought_up_to)
_BROUGHT = (r"the master's log ends at (?P<top>\d+); this package was brought up to "
            r"(?P<btu_seq>\d+), (?:a change this master never had|and the master's change \d+ "
            r"is (?P<btu_other>another))")

_ZH: tuple[tuple[str, str], ...] = (
    # refused whole for what the role may not change: a grant, not a mended value
    (_COLUMNS_TABLE + r"(?P<rest>.+); the edit is refused whole, so none of its values were "
     r"written \((?P<sync_cols>.+)\): ask GIS staff for a grant \(QGIS: Who may change "
     r"what; or field-kit roles\), or leave what "
     r"the role may not change; the rest is sent again after the package's next pull",
     "{rest}；整条修改被拒收，其中的值均未写入（{sync_cols}）：请向 GIS 人员申请权限"
     "（QGIS 中的“谁可以修改什么”，或 field-kit roles），或不再修改该角色无权修改的内容；"
     "其余的值在数据包下次拉取后重新发送"),
    (_COLUMNS_TABLE + r"(?P<rest>.+); the edit is refused whole, so none of its values were "
     r"written \((?P<sync_cols>.+)\): ask GIS staff for a grant \(QGIS: Who may change "
     r"what; or field-kit roles\), or leave what "
     r"the role may not change",
     "{rest}；整条修改被拒收，其中的值均未写入（{sync_cols}）：请向 GIS 人员申请权限"
     "（QGIS 中的“谁可以修改什么”，或 field-kit roles），或不再修改该角色无权修改的内容"),
    (_COLUMNS_TABLE + r"(?P<rest>.+); the edit is refused whole, so none of its values were "
     r"written \((?P<sync_cols>.+)\): pull, mend the value refused, then export: the pull "
     r"sends the edit again, with its mend",
     "{rest}；整条修改被拒收，其中的值均未写入（{sync_cols}）：请先拉取，再修正被拒收的值，然后"
     "导出：拉取会把这条修改连同修正一起重新发送"),
    (r"it replaced values of (?P<sync_cols>.+) this device wrote in an edit the master does "
     r"not hold \(refused at an earlier merge, or made by another copy of the device\): "
     r"nothing of it was written; pull, then export: the pull sends that edit again, with "
     r"this one",
     "它替换的 {sync_cols} 的值是本设备在一条主库未收下的修改中写入的（该修改在此前的合并中被拒收，"
     "或由本设备的另一份副本所作）：其中的值均未写入；请先拉取，再导出：拉取会把那条修改连同这条"
     "一起重新发送"),
    # what a command by GIS staff leaves of the edits made in a PostgreSQL master itself
    (r"(?P<sync_table>\S+) \(shapes edited since the last command that wrote\): "
     r"(?P<sync_cols>[\w, ]+) not recomputed from its geometry: only a supervisor's command "
     r"follows them; left as they were",
     "{sync_table}中自上次写入以来在主库中编辑过的几何：其{sync_cols}未重新计算：只有主管运行的"
     "命令才会处理；保持原值"),
    (r"(?P<sync_table>\S+): the (?P<sync_field>\S+) of the (?P<named>patch|project|program) they "
     r"name not "
     r"given to the rows naming a \S+ whose code was changed in the master since the last "
     r"command that wrote: only a supervisor's command follows them; left as they were",
     "{sync_table}：自上次写入以来在主库中改过编号的{named}，指向它的记录的{sync_field}未随之更新："
     "只有主管运行的命令才会更新；保持原值"),
    # the codes changed in the master itself followed (field_kit.sync.codes_follow)
    (r"(?P<sync_table>\S+): (?P<n>\d+) rows? given the (?P<sync_field>\S+) of the "
     r"(?P<named>patch|"
     r"project|program) (?:it names|they name) \(the \S+ renamed in the master itself, or "
     r"(?:it was|they were) given another there\)",
     "{sync_table}：{n} 条记录的{sync_field}改为其所指{named}的编号（"
     "该{named}在主库中直接改了编号，"
     "或记录在主库中改指了它）"),
    (r"(?P<sync_table>\S+): (?P<n>\d+) rows? moved to the (?P<named>patch|project|program) the "
     r"(?P<sync_field>\S+) typed in (?:it|them) names \((?P<by>\S+) written\): typed in the "
     r"master itself",
     "{sync_table}：{n} 条记录按在主库中直接填写的{sync_field}改属对应的{named}（已写入 {by}）"),
    (r"(?P<sync_table>\S+): (?P<n>\d+) rows? given a (?P<sync_field>\S+) that names (?P<k>\d+) "
     r"(?P<named>patch|project|program)e?s \((?P<codes>.*)\): kept as typed; (?:its|their) "
     r"(?P<by>\S+) still names the \S+ (?:it was|they were) of",
     "{sync_table}：{n} 条记录填写的{sync_field}同时对应 {k} 个{named}（{codes}）："
     "按填写保留；其 {by} "
     "仍指向原来的{named}"),
    (r"(?P<sync_table>\S+): (?P<k>\d+) (?P<named>patch|project|program)e?s hold the "
     r"(?P<sync_field>\S+) "
     r"(?P<codes>.*) now \((?P<n>\d+) renamed to it in the master itself\): the rows naming "
     r"them keep it, each naming its own \S+ by uuid; rename one of them",
     "{sync_table}：现有 {k} 个{named}使用同一个{sync_field} {codes}（"
     "其中 {n} 个是在主库中直接改成此编号的）"
     "：指向它们的记录都保留此编号，各按 uuid 指向自己的{named}；请给其中一个改编号"),
    (r"(?P<sync_table>\S+): (?P<k>\d+) (?P<named>patch|project|program)e?s hold the "
     r"(?P<sync_field>\S+) "
     r"(?P<codes>.*) now \((?P<n>\d+) renamed to it by a merge\): the rows naming them keep "
     r"it, each naming its own \S+ by uuid; rename one of them",
     "{sync_table}：现有 {k} 个{named}使用同一个{sync_field} {codes}（"
     "其中 {n} 个是合并时改成此编号的）"
     "：指向它们的记录都保留此编号，各按 uuid 指向自己的{named}；请给其中一个改编号"),
    # a report a command wrote (field-kit report)
    (r"report written: (?P<path>.+)", "报告已写出：{path}"),
    # what became of the area and centre of a shape the sync wrote (field_kit.sync.rederive)
    (r"(?P<sync_table>\S+) \(shapes edited since the last command that wrote\): "
     r"(?P<sync_cols>[\w, ]+) not recomputed from its geometry: (?P<path>.+) is read-only; "
     r"left as they were",
     "{sync_table}中自上次写入以来在主库中编辑过的几何：其{sync_cols}未重新计算：{path} 为只读；"
     "保持原值"),
    (r"(?P<sync_table>\S+) (?P<sync_row>\S+(?: \(.*?\))?): (?P<sync_cols>[\w, ]+) not "
     r"recomputed from its geometry: (?P<rest>.+); left as they were",
     "{sync_table}要素 {sync_row}的{sync_cols}未按其几何重新计算：{rest}；保持原值"),
    (r"(?P<sync_table>\S+) (?P<sync_row>\S+(?: \(.*?\))?): (?P<sync_cols>[\w, ]+) emptied: "
     r"it has no geometry to measure",
     "{sync_table}要素 {sync_row}的{sync_cols}已清空：该要素没有可量算的几何"),
    (r"(?P<sync_table>\S+) (?P<sync_row>\S+(?: \(.*?\))?): (?P<sync_cols>[\w, ]+) "
     r"recomputed from its geometry",
     "{sync_table}要素 {sync_row}的{sync_cols}已按其几何重新计算"),
    # a row keeping the code of the row it names (field_kit.sync.codes_follow)
    (r"(?P<sync_table>\S+): the (?P<sync_field>\S+) of the (?P<named>patch|project|program) they "
     r"name not "
     r"given to the rows naming a \S+ whose code was changed in the master since the last "
     r"command that wrote: (?P<path>.+) is read-only; left as they were",
     "{sync_table}：自上次写入以来在主库中改过编号的{named}，指向它的记录的{sync_field}未随之更新："
     "{path} 为只读；保持原值"),
    (r"(?P<sync_table>\S+): (?P<n>\d+) rows? given the (?P<sync_field>\S+) of the "
     r"(?P<named>patch|"
     r"project|program) (?:it names|they name).*",
     "{sync_table}：{n} 条记录的{sync_field}改为其所指{named}的编号（该{named}已改编号，"
     "或记录带来的是"
     "旧编号）"),
    (r"(?P<sync_table>\S+): (?P<n>\d+) rows? moved to the (?P<named>patch|project|program) the "
     r"(?P<sync_field>\S+) typed in (?:it|them) names \((?P<by>\S+) written\)",
     "{sync_table}：{n} 条记录按其中填写的{sync_field}改属对应的{named}（已写入 {by}）"),
    (r"(?P<sync_table>\S+): (?P<n>\d+) rows? given a (?P<sync_field>\S+) that names no "
     r"(?P<named>patch|"
     r"project|program) \((?P<codes>.*)\): kept as typed; (?:its|their) (?P<by>\S+) still "
     r"names the \S+ (?:it was|they were) of",
     "{sync_table}：{n} 条记录填写的{sync_field}不对应任何{named}（{codes}）："
     "按填写保留；其 {by} 仍指向"
     "原来的{named}"),
    (r"(?P<sync_table>\S+): (?P<n>\d+) rows? names? a (?P<named>patch|project|program) "
     r"deleted from the master \((?P<sync_field>\S+) (?P<codes>.*)\): kept as recorded, "
     r"(?:it counts|they count) for no "
     r"\S+",
     "{sync_table}：{n} 条记录所指的{named}已从主库删除（{sync_field} {codes}）：按记录保留，不计入"
     "任何{named}"),
    (r"(?P<sync_table>\S+): (?P<n>\d+) rows? names? a (?P<named>patch|project|program) "
     r"no row of the master has \((?P<sync_field>\S+) (?P<codes>.*)\): kept as recorded, "
     r"(?:it counts|they count) for no \S+",
     "{sync_table}：{n} 条记录所指的{named}在主库中没有任何要素与之对应（{sync_field} {codes}）："
     "按记录保留，不计入任何{named}"),
    # a patch a merge added or renamed with a code of no national format
    # (field_kit.sync.patch_code_format)
    (r"(?P<sync_table>\S+): (?P<n>\d+) patch(?:es)? added or renamed with a (?P<sync_field>\S+) "
     r"matching "
     r"none of the national formats \((?P<formats>.*?)\): (?P<codes>.*); merged as given: "
     r"check them",
     "{sync_table}：新增或改编号的 {n} 个图斑，其{sync_field}不符合任何国家图斑编号格式（"
     "{formats}）："
     "{codes}；已按原样合并，请逐一核对"),
    # records a merge or a decision marked restored with no photo
    # (field_kit.sync.restored_no_photo)
    (r"(?P<sync_table>\S+): (?P<n>\d+) verifications? marks? (?:its|their) patch restored "
     r"\((?P<sync_field>\S+) (?P<code>\w+)\) with no photo, which the form needs: "
     r"(?P<unphotographed>.*); taken as given, and counted restored: attach "
     r"(?:its photo|their photos)",
     "{sync_table}：{n} 条记录将图斑标记为已恢复治理（{sync_field} {code}），但未附照片"
     "（表单要求须附照片）：{unphotographed}；已按原样接收，并计为已恢复治理，请补附照片"),
    # coded fields a merge wrote whose list the master lacks (field_kit.sync.codes_unchecked)
    (r"(?P<sync_table>\S+): the values merged into (?P<sync_cols>.+?) could not be checked "
     r"against their code lists: the master has no tables? (?P<lacking>\S+(?: and \S+)?); "
     r"merged as given: check them",
     "{sync_table}：合并写入{sync_cols}的值无法对照代码列表核对：主库没有表 {lacking}；"
     "已按原样合并，请逐一核对"),
    # an import's alike (field_kit.importer.planner)
    (r"(?P<sync_table>\S+): the values imported into (?P<sync_cols>.+?) could not be checked "
     r"against their code lists: the master has no tables? (?P<lacking>\S+(?: and \S+)?); "
     r"imported as given: check them",
     "{sync_table}：导入{sync_cols}的值无法对照代码列表核对：主库没有表 {lacking}；"
     "已按原样导入，请逐一核对"),
    # a value typed to settle a conflict on such a field (field_kit.sync.codes_unchecked)
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+): the value typed into (?P<sync_field>\S+) could "
     r"not be checked against its code list: the master has no tables? "
     r"(?P<lacking>\S+(?: and \S+)?); written as given: check it",
     "冲突 {id}：{sync_table}：输入{sync_field}的值无法对照代码列表核对：主库没有表 {lacking}；"
     "已按原样写入，请核对"),
    # a project's patches a merge or a decision left disagreeing on a figure of the project
    # (field_kit.sync.project_figures)
    (r"(?P<sync_table>\S+): the patches of project (?P<project>.+?) disagree on "
     r"(?P<sync_field>\S+), a figure of the project each of its patches repeats: "
     r"(?P<apart_values>.*); taken as given: set it alike on all of them",
     "{sync_table}：项目 {project} 的各图斑所填{sync_field}不一致（这是项目的数值，每个图斑都应"
     "相同）：{apart_values}；已按原样接收，请在该项目的所有图斑上改为同一数值"),
    # a patch's period a merge made its phase's, or left unlike it (field_kit.sync.phase_period)
    (r"(?P<sync_table>\S+) (?P<row>\S+): (?P<sync_field>\S+) empty made (?P<named>\S+), "
     r"the period of its phase (?P<phase>\S+)",
     "{sync_table} {row}：{sync_field}由空改为 {named}，即其治理阶段“{phase}”的时段"),
    (r"(?P<sync_table>\S+) (?P<row>\S+): (?P<sync_field>\S+) (?P<was>\S+) made (?P<named>\S+), "
     r"the period of its phase (?P<phase>\S+)",
     "{sync_table} {row}：{sync_field}由 {was} 改为 {named}，即其治理阶段“{phase}”的时段"),
    (r"(?P<sync_table>\S+) (?P<row>\S+): (?P<sync_field>\S+) (?P<was>\S+) is not the period of "
     r"its phase (?P<phase>\S+) \((?P<named>\S+)\), and was set after the phase; left as it "
     r"is: make them agree",
     "{sync_table} {row}：{sync_field} {was} 不是其治理阶段“{phase}”的时段（{named}），且是在"
     "设定阶段之后填写的；已按原样保留，请使二者一致"),
    # a phase written in the master itself whose period was not given (sync.phase_period)
    (r"(?P<sync_table>\S+): the (?P<sync_field>\S+) of the phase written in the master itself "
     r"since the last command that wrote not given: only a supervisor's command follows "
     r"them; left as it was",
     "{sync_table}：自上次写入以来在主库中直接修改过治理阶段的图斑，其{sync_field}未随之改为该阶段"
     "的时段：只有主管运行的命令才会处理；保持原值"),
    (r"(?P<sync_table>\S+): the (?P<sync_field>\S+) of the phase written in the master itself "
     r"since the last command that wrote not given: (?P<path>.+) is read-only; left as it was",
     "{sync_table}：自上次写入以来在主库中直接修改过治理阶段的图斑，其{sync_field}未随之改为该阶段"
     "的时段：{path} 为只读；保持原值"),
    # rows naming a row an undo put back by the fid it had (sync.undo)
    (r"(?P<child>\S+): (?P<n>\d+) rows? names? (?P<parent>\S+) by (?P<col>\S+), holding a "
     r"fid no row of (?P=parent) has now: (?P<fids_held>.+); this undo put (?P=parent)'s rows "
     r"back under new fids: (?P<fids_now>.+); set (?P=col) of those rows to the fid of the "
     r"row each names",
     "{child}：有 {n} 行按 {col} 指向 {parent}，所存 fid 在 {parent} 中已无对应行：{fids_held}；"
     "本次撤销已将 {parent} 的行以新的 fid 放回：{fids_now}；"
     "请将这些行的 {col} 改为各自所指行的 fid"),
    # what a master's own triggers wrote during a merge (cli merge)
    (r"the master's own triggers wrote as the merge wrote, logged as the master's own edits, "
     r"which pulls bring: (?P<counted>.+)",
     "合并写入时主库自有的触发器也写入了数据，已作为主库自己的修改记入日志，拉取时会带到数据包："
     "{counted}"),
    # ... during a resolve or an undo-merge (sync.own_triggers.wrote_said)
    (r"the master's own triggers wrote as the decisions were written, logged as the master's "
     r"own edits, which pulls bring: (?P<counted>.+)",
     "写入决定时主库自有的触发器也写入了数据，已作为主库自己的修改记入日志，拉取时会带到数据包："
     "{counted}"),
    (r"the master's own triggers wrote as the undo wrote, logged as the master's own edits, "
     r"which pulls bring: (?P<counted>.+)",
     "撤销合并写入时主库自有的触发器也写入了数据，已作为主库自己的修改记入日志，拉取时会带到数据包："
     "{counted}"),
    # QGIS projects saved in the master, as a package carries them (sync.saved_projects)
    (r"QGIS projects? saved in the master, pointed at this package's own layers "
     r"\((?P<pkg_file>.+)\): (?P<names>.+)",
     "主库中保存的 QGIS 项目已改为打开本数据包自己的图层（{pkg_file}）：{names}"),
    (r"QGIS projects? saved again in the master, naming none of its layers by its file, "
     r"brought as (?:it is|they are): (?P<names>.+)",
     "以下 QGIS 项目已在主库中重新保存，其中没有按主库文件指向的图层，已原样带入：{names}"),
    (r"QGIS projects? saved again in the master but also saved over in this package, "
     r"kept as the package holds (?:it|them): (?P<names>.+)",
     "以下 QGIS 项目在主库中已重新保存，但本数据包中也另行保存过，保留数据包中的版本：{names}"),
    # what a package cut to a township or a box carries whole (cli checkout)
    (r"carried whole, their coordinates not being the box's \(EPSG:(?P<epsg>\d+)\): "
     r"(?P<layers>.+)", "以下图层的坐标系与所给范围（EPSG:{epsg}）不同，已整层带入：{layers}"),
    (r"carried whole, attribute tables of the county's own having no shape to cut them by: "
     r"(?P<counted>.+)", "以下本县自有属性表没有几何可供裁切，已整表带入：{counted}"),
    (r"left out, having no shape \(none, or an empty one\) for the box to place them by: "
     r"(?P<shapeless>.+)",
     "以下要素没有几何（缺失或为空），无法按范围定位，未带入数据包：{shapeless}"),
    (r"carried whole, a township keeping only the plan's patches and projects and their "
     r"records: (?P<counted>.+); to cut a layer of the county's own to the township's area, "
     r"check out by a box instead",
     "以下本县自有图层已整层带入（按乡镇签出只裁切规划的图斑、项目及其记录）：{counted}；"
     "如需按乡镇范围裁切本县自有图层，请改按范围（--bbox）签出"),
    (r"carried whole, the patches chosen keeping only the plan's patches and projects and "
     r"their records: (?P<counted>.+); to cut a layer of the county's own, give --bbox too",
     "以下本县自有图层已整层带入（按所选图斑签出只裁切规划的图斑、项目及其记录）：{counted}；"
     "如需裁切本县自有图层，请同时给出 --bbox"),
    (r"(?P<sync_table>\S+): (?P<sync_cols>[\w, ]+) recomputed from their geometry for "
     r"(?P<n>\d+) features?", "{sync_table}：已按几何重新计算 {n} 个要素的{sync_cols}"),
    # where an edit in a change's history came from (field-kit history, log)
    (r"\(imported from (?P<file>.+)\)", "（导入自 {file}）"),
    (r"\(the row as it was when change capture began on (?P<layer_title>.+): put in before "
     r"then, not an edit made at that time\)",
     "（{layer_title}开始记录变更时该要素的原样：此前已在库中，并非当时所作的编辑）"),
    # what undo-merge did (field_kit.sync.undo.Undone)
    (r"merge (?P<merge>\S+) undone: (?P<n>\d+) changes? reverted",
     "合并 {merge} 已撤销：还原了 {n} 项修改"),
    (r"merge (?P<merge>\S+) undone: (?P<n>\d+) changes? reverted, and (?P<m>\d+) values? "
     r"written settling its conflicts",
     "合并 {merge} 已撤销：还原了 {n} 项修改，以及处理其冲突时写入的 {m} 个值"),
    (r"(?P<n>\d+) conflicts? this merge recorded closed as undone with it \(what settling "
     r"(?:it|any of them) wrote is reverted too\)",
     "此次合并记录的 {n} 项冲突随之作为已撤销关闭（处理其中任何冲突所写入的值也一并还原）"),
    (r"(?P<n>\d+) codes? given with this merge to rows naming what it changed put back "
     r"with it", "此次合并随其修改给引用要素写入的 {n} 个编码也一并还原"),
    (r"(?P<n>\d+) periods? given with this merge to patches whose phase it changed put back "
     r"with it", "此次合并随治理阶段给图斑写入的 {n} 个治理时段也一并还原"),
    (r"(?P<n>\d+) rows? edited in the master since (?:was|were) set back by hand to what "
     r"(?:it|they) held before the merge: left as (?:it is|they are)",
     "{n} 个要素此后在主库中被修改，并已手工改回合并前的值：保持原样"),
    (r"column (?P<col>.+) added by this merge is left", "此次合并新增的字段 {col} 保留"),
    (r"column (?P<sync_cols>\S+) of (?P<sync_table>\S+) was dropped from the master on "
     r"(?P<at>.+), after this merge: the values it wrote there in (?P<n>\d+) rows? are not "
     r"set back \(field-kit history shows them\)",
     "{sync_table}的字段 {sync_cols} 已于 {at} 从主库删除，晚于此次合并：此次合并在其中写入的 "
     "{n} 个要素的值未还原（field-kit history 可查看）"),
    (r"column (?P<sync_cols>\S+) of (?P<sync_table>\S+) was dropped from the master on "
     r"(?P<at>.+), after this merge, and added again since: the values it wrote there in "
     r"(?P<n>\d+) rows? went with the drop and are not set back; the column added again "
     r"keeps what it holds \(field-kit history shows them\)",
     "{sync_table}的字段 {sync_cols} 已于 {at} 从主库删除，晚于此次合并，其后又重新添加：此次合并"
     "在其中写入的 {n} 个要素的值已随删除丢失，未还原；重新添加的字段保持现有的值"
     "（field-kit history 可查看）"),
    (r"column (?P<sync_cols>\S+) of (?P<sync_table>\S+) was renamed (?P<new>\S+) in the master "
     r"on (?P<at>.+), after this merge: the values it wrote there in (?P<n>\d+) rows? are "
     r"not set back; (?P=new) keeps what it holds \(field-kit history shows them\)",
     "{sync_table}的字段 {sync_cols} 已于 {at} 在主库中改名为 {new}，晚于此次合并：此次合并在其"
     "中写入的 {n} 个要素的值未还原；{new} 保持现有的值（field-kit history 可查看）"),
    (r"column (?P<sync_cols>\S+) of (?P<sync_table>\S+) is no longer in the master: the values "
     r"this merge wrote there in (?P<n>\d+) rows? are not set back \(field-kit history "
     r"shows them\)",
     "{sync_table}的字段 {sync_cols} 已不在主库中：此次合并在其中写入的 {n} 个要素的值未还原"
     "（field-kit history 可查看）"),
    (r"layer (?P<sync_table>\S+) is no longer in the master: what this merge wrote there in "
     r"(?P<n>\d+) rows? is not set back \(there is no layer to set it back in\)",
     "图层 {sync_table} 已不在主库中：此次合并在其中写入的 {n} 个要素的值未还原（该图层已不存在，"
     "无处还原）"),
    (r"undone with merge (?P<merge>\S+) at (?P<at>.+)", "已随合并 {merge} 撤销，时间 {at}"),
    # what an undo left in fields later merges wrote again or set aside (sync.undo_others)
    (r"(?P<name>.+) keeps (?P<value>.+): (?P<device>\S+)'s edit \(merge (?P<merge>\S+)\) wrote it "
     r"too, and now counts as the edit that wrote it",
     "{name} 保持 {value}：{device} 的编辑（合并 {merge}）也写入了此值，现作为写入此值的编辑"),
    (r"(?P<name>.+) gets (?P<value>.+), which (?P<device>\S+)'s edit \(merge (?P<merge>\S+)\) set "
     r"aside against the value undone: conflict (?P<id>\d+) settled taking it, as a merge "
     r"without the one undone would have written it",
     "{name} 改为 {value}，即 {device} 的编辑（合并 {merge}）因与被撤销的值冲突而搁置的值：冲突 "
     "{id} 已按采用该值处理，与未做被撤销的合并时一致"),
    (r"conflict (?P<id>\d+) \((?P<name>.+), (?P<device>\S+)'s delete of the row\) stood against "
     r"the value undone, which the undo took away: settled taking the delete, the row deleted, "
     r"as a merge without the one undone would have",
     "冲突 {id}（{name}，{device} 删除该要素）曾与被撤销的值冲突，该值已随撤销去除：已按采用删除"
     "处理，该要素已删除，与未做被撤销的合并时一致"),
    (r"conflict (?P<id>\d+) \((?P<name>.+), (?P<device>\S+)'s delete of the row\) stood against "
     r"the value undone and stays open, the row holding (?P<now>.+) now: settle it with "
     r"field-kit resolve",
     "冲突 {id}（{name}，{device} 删除该要素）曾与被撤销的值冲突，仍未处理，该要素现为 {now}："
     "请用 field-kit resolve 处理"),
    (r"conflict (?P<id>\d+) \((?P<name>.+), (?P<device>\S+)'s (?P<value>.+)\) stood against the "
     r"value undone and stays open, against (?P<now>.+) now: settle it with field-kit resolve",
     "冲突 {id}（{name}，{device} 的 {value}）曾与被撤销的值冲突，仍未处理，现对应 {now}：请用 "
     "field-kit resolve 处理"),
    (r"layer (?P<table>.+) made by this merge is left, empty",
     "此次合并新建的图层 {table} 保留（为空）"),
    (r"layer (?P<table>.+) made by this merge is left, with (?P<n>\d+) rows? added since",
     "此次合并新建的图层 {table} 保留（其后新增了 {n} 个要素）"),
    (r"its geometry is not in longitude/latitude \((?P<crs>.+)\)", "其几何不是经纬度（{crs}）"),
    (r"its geometry cannot be read", "其几何无法读取"),
    (r"its geometry crosses itself at (?P<x>\S+), (?P<y>[^:]+): no area can be measured on "
     r"it", "其几何在 {x}, {y} 处自相交：无法据以量算面积"),
    (r"(?P<path>.+) is in use by another program: waiting up to (?P<n>[\d.]+) s more for it",
     "{path} 正被其他程序占用：最多再等待 {n} 秒"),
    (r"(?P<path>.+) is in use by another program .*", "{path} 正被其他程序占用（如 QGIS 中尚未保存"
     "的编辑会话、正在写入它的另一个 field-kit 命令：合并、处理冲突、撤销合并）："
     "请先在该程序中保存或关闭，或等其完成，再重新执行；未作任何更改"),
    (r"(?P<path>.+) exists already; choose another name", "{path} 已存在：请另选文件名"),
    (r".*database is locked.*", "数据库被其他程序锁定（如 QGIS 中尚未保存的编辑）：请先保存或"
     "关闭后重试；未作任何更改"),
    (rf"(?P<name>[^:]+): package is (?P<size_pkg>{SIZE}), over the limit of "
     rf"(?P<size_max>{SIZE})", "{name}：修改包大小 {size_pkg}，超过上限 {size_max}"),
    (r"(?P<name>[^:]+): the unfinished file of an export cut short, never a change package: "
     r"export again \(field-kit export\)",
     "{name}：导出中断时留下的未完成文件，不是修改包：请重新导出（field-kit export）"),
    (r"(?P<name>[^:]+): the master itself, not a change package: a merge takes the change "
     r"packages its field packages export \(field-kit export FIELD_PACKAGE OUT\.zip\)",
     "{name}：这是主库本身，不是修改包：合并的是它的外业数据包导出的修改包（field-kit export "
     "外业数据包 OUT.zip）"),
    (r"(?P<name>[^:]+): a GeoPackage with no change capture, neither a field package nor a "
     r"master, not a change package: a merge takes the change packages the master's field "
     r"packages export \(field-kit export FIELD_PACKAGE OUT\.zip\); edits made in a copy of "
     r"its layers travel by field-kit import",
     "{name}：这是没有修改记录的 GeoPackage，既不是外业数据包，也不是主库，更不是修改包：合并的"
     "是主库的外业数据包导出的修改包（field-kit export 外业数据包 OUT.zip）；在图层副本中所做的"
     "编辑请用 field-kit import 导入"),
    (r"(?P<name>[^:]+): a master, not a change package: a merge takes the change packages "
     r"the field packages export \(field-kit export FIELD_PACKAGE OUT\.zip\)",
     "{name}：这是主库，不是修改包：合并的是外业数据包导出的修改包（field-kit export 外业数据包 "
     "OUT.zip）"),
    (r"(?P<path>.+) is a change package, not a master: the master comes first: field-kit "
     r"merge MASTER PACKAGE\.\.\. \(here field-kit merge (?P<typed>.+)\); nothing was merged",
     "{path} 是修改包，不是主库：主库在前：field-kit merge 主库 修改包...（此处应为 field-kit "
     "merge {typed}）；未合并任何修改包"),
    (r"(?P<path>.+) is a change package, not a master: the master comes first: field-kit "
     r"merge MASTER PACKAGE\.\.\.; nothing was merged",
     "{path} 是修改包，不是主库：主库在前：field-kit merge 主库 修改包...；未合并任何修改包"),
    (r"(?P<name>[^:]+): a GeoPackage, not a change package: .*\(field-kit export "
     r"(?P<pkg>.+) OUT\.zip\), which is what a merge takes",
     "{name}：这是 GeoPackage，不是修改包：外业数据包的编辑须先导出（field-kit export {pkg} "
     "OUT.zip），合并的是导出的修改包"),
    (r"(?P<name>[^:]+): not a readable change package \(truncated or damaged: .*\): copy it "
     r"again from the device, or export its changes again from the device's field package: "
     r"field-kit export FIELD_PACKAGE OUT\.zip --all",
     "{name}：不是可读取的修改包（文件被截断或已损坏）：请从设备重新复制，或从该设备的外业数据包"
     "重新导出其修改：field-kit export FIELD_PACKAGE OUT.zip --all"),
    (r"(?P<name>[^:]+): written by an earlier version of the toolkit.*",
     "{name}：由早期版本的工具生成（格式 1），请在其外业数据包中重新导出：field-kit export "
     "FIELD_PACKAGE OUT.zip --all"),
    (r"(?P<name>[^:]+): member name (?P<member>.+) is not allowed.*",
     "{name}：包内文件名 {member} 不允许（可能越出包的目录）"),
    (r"(?P<name>[^:]+): duplicate member names", "{name}：包内有重复的文件名"),
    (rf"(?P<name>[^:]+): unpacked size over the limit of (?P<size_max>{SIZE})",
     "{name}：解压后大小超过上限 {size_max}"),
    (r"(?P<name>[^:]+): a QField project, not a change package: its edits travel as its "
     r"export \(field-kit export (?P<typed>.+) OUT\.zip\), which is what a merge takes",
     "{name}：这是 QField 项目，不是修改包：其编辑须先导出（field-kit export {typed} OUT.zip），"
     "合并的是导出的修改包"),
    (r"(?P<name>[^:]+): no (?P<member>manifest\.\w+); not a change package",
     "{name}：缺少 {member}，不是修改包"),
    (r"(?P<name>[^:]+): member (?P<member>\S+) is damaged.*", "{name}：包内文件 {member} 已损坏"),
    (r"(?P<name>[^:]+): manifest\.json is not a change package manifest",
     "{name}：manifest.json 不是修改包清单"),
    (r"(?P<name>[^:]+): package belongs to another project \([^()]*\)"
     r"(?P<other_project>: checked out from .+; this master is .+)?",
     "{name}：修改包属于另一个项目，不属于此主库{other_project}"),
    (r"(?P<name>[^:]+): package has schema version (?P<v>\S+), newer than the master's "
     r"(?P<m>\S+); update the master",
     "{name}：修改包的数据结构版本 {v} 新于主库的 {m}，请先升级主库"),
    (r"(?P<name>[^:]+): unknown package format version (?P<v>.*)",
     "{name}：未知的修改包格式版本 {v}"),
    # a package of this master whose device a restore from an older backup lost
    *((_BEFORE_CHECKOUT.format(nothing=en, then=then),
       "{name}：设备 {device} 未在此主库登记，但其数据包正是从此主库签出的（{master}，主库标识 "
       f"{{id}}）：此主库是从该设备签出之前的备份恢复的，既没有该设备，也没有它的密钥；{zh}。"
       f"其修改仍在{where}中：请用它重新登记该设备，field-kit readmit {{master_typed}} "
       "{typed}，然后"
       + then_zh)
      for en, zh, where, then, then_zh in (
          ("of the package was merged", "修改包的内容均未合并", "该设备的外业数据包",
           "merge this package again", "重新合并此修改包"),
          ("was pulled", "未拉取任何内容", "此外业数据包",
           _CHECK_OUT_AGAIN.format(typed="(?P=typed)", master="(?P=master_typed)"),
           _CHECK_OUT_AGAIN_ZH))),
    # a device such a master lost, registered again from its field package (field-kit readmit)
    (r"device (?P<device>'[^']*') \((?P<role>\w+)\) registered again in (?P<master>.+?) from "
     r"(?P<pkg>.+?), with its key, checkout and base \(seq (?P<seq>\d+)\): its change "
     r"packages merge now \(field-kit merge (?P<master_typed>.+?) PACKAGE; field-kit export "
     r"(?P<typed>.+?) ALL\.zip --all sends all its changes\), and its pull is refused until "
     r"they are merged and the device is checked out again \(checkout --replace\)",
     "设备 {device}（{role}）已用 {pkg} 重新登记到 {master}，沿用其密钥、签出和基线（序号 "
     "{seq}）：其修改包现在可以合并（field-kit merge {master_typed} PACKAGE；field-kit export "
     "{typed} ALL.zip --all 导出其全部修改）；在这些修改合并、该设备重新签出"
     "（checkout --replace）之前，其拉取会被拒绝"),
    (r"device (?P<device>'[^']*') is registered in (?P<master>.+?) already, with the key and "
     r"checkout of (?P<pkg>.+?); nothing was changed: its change packages merge as they are "
     r"\(field-kit merge (?P<master_typed>.+?) PACKAGE\)",
     "设备 {device} 已登记在 {master} 中，密钥和签出与 {pkg} 相同；未作任何更改：其修改包可以"
     "直接合并（field-kit merge {master_typed} PACKAGE）"),
    (rf"(?P<name>[^:]+): (?P<elsewhere>{_ELSEWHERE}); nothing was registered: merge its "
     rf"packages into (?P<master>.+?)(?P<restored>{_RESTORED})?",
     "{name}：{elsewhere}；未登记任何设备：请把其修改包合并到 {master}{restored}"),
    (r"(?P<name>[^:]+): this master holds device (?P<device>'[^']*') for another checkout and "
     r"key \(checked out (?P<when>.+?)\); nothing was registered: its packages are refused, "
     r"as those of a checkout replaced",
     "{name}：此主库登记的设备 {device} 属于另一次签出和另一把密钥（签出于 {when}）；未登记"
     "任何设备：其修改包会被拒收，与被替换的签出的修改包一样"),
    (r"(?P<name>[^:]+): device (?P<device>'[^']*')'s package records no master it was checked "
     r"out from \(checked out before the record\): it cannot be told to be this master's; "
     r"nothing was registered",
     "{name}：设备 {device} 的数据包没有记录它是从哪个主库签出的（在有此记录之前签出）："
     "无法确认它属于此主库；未登记任何设备"),
    (r"(?P<name>.+?): not a field package: a change package does not carry its device's key, "
     r"which its field package \(the \.gpkg\) holds; nothing was registered",
     "{name}：不是外业数据包：修改包中没有其设备的密钥，密钥在其外业数据包（.gpkg）中；"
     "未登记任何设备"),
    (r"(?P<name>.+?) is a master, not a field package; nothing was registered",
     "{name} 是主库，不是外业数据包；未登记任何设备"),
    (r"(?P<master>.+?): readmit registers a device again in a GeoPackage master only, not in a "
     r"PostgreSQL one; nothing was registered: check the device out again \(field-kit "
     r"checkout MASTER NEW\.gpkg --device DEVICE, cut as before\) and enter its changes again "
     r"in NEW\.gpkg \(field-kit log FIELD_PACKAGE lists them\)",
     "{master}：readmit 只能在 GeoPackage 主库中重新登记设备，不能用于 PostgreSQL 主库；未登记"
     "任何设备：请重新签出该设备（field-kit checkout MASTER NEW.gpkg --device DEVICE，按原来"
     "的范围签出），并在 NEW.gpkg 中重新录入其修改（field-kit log FIELD_PACKAGE 可列出）"),
    (r"(?P<name>.+?): device (?P<device>'[^']*') was registered again in this master "
     r"\(field-kit readmit\), which knows neither what its package was cut to nor the master "
     r"it was brought up to; nothing was pulled: "
     + _CHECK_OUT_AGAIN.format(typed="(?P<typed>.+?)", master="(?P<master_typed>.+?)"),
     "{name}：设备 {device} 是在此主库中重新登记的（field-kit readmit），此主库既不知道其数据包"
     "的签出范围，也没有它上次被带到的主库状态；未拉取任何内容：请" + _CHECK_OUT_AGAIN_ZH),
    # a package recording the master it was checked out from, merged into another
    (rf"(?P<name>[^:]+): device (?P<device>.+?) is not registered in this master: "
     rf"(?P<elsewhere>{_ELSEWHERE}); merge it into (?P<master>.+?)(?P<restored>{_RESTORED})?",
     "{name}：设备 {device} 未在此主库登记：{elsewhere}；请合并到 {master}{restored}"),
    (rf"(?P<name>[^:]+): wrong signature for device (?P<device>.+?): "
     rf"(?P<elsewhere>{_ELSEWHERE}); merge it into (?P<master>.+?)(?P<restored>{_RESTORED})?",
     "{name}：设备 {device} 的签名不符：{elsewhere}；请合并到 {master}{restored}"),
    (rf"(?P<name>[^:]+): (?P<elsewhere>{_ELSEWHERE}); merge it into (?P<master>.+)",
     "{name}：{elsewhere}；请合并到 {master}"),
    (r"(?P<name>[^:]+): device (?P<device>.+) is not registered in this master \(the package "
     r"is from another master .*",
     "{name}：设备 {device} 未在此主库登记（修改包来自由同一规划建立的另一个主库，或被改动）"),
    (r"(?P<name>[^:]+): wrong signature for device (?P<device>.+?) \(forged or altered\)",
     "{name}：设备 {device} 的签名不符（伪造或被改动）"),
    (r"(?P<name>[^:]+): wrong signature for device (?P<device>.+?) \(from an earlier .*",
     "{name}：设备 {device} 的签名不符（来自该设备更早的签出、来自由同一规划建立的另一个主库，"
     "或系伪造）"),
    # a package of a checkout ``checkout --replace`` retired (a lost tablet found)
    (r"(?P<name>[^:]+): from (?:device (?P<device>'[^']*')'s checkout of (?P<issued>[^,]+), "
     r"|an earlier checkout of device (?P<device2>'[^']*'), )replaced by checkout --replace on "
     r"(?P<when>.+?)(?P<unchecked> \(replaced before .*\))?: its (?P<n>\d+) changes? "
     r"\(seq (?P<a>\S+) to (?P<b>\S+)\) cannot be merged; re-enter (?:it|them) .*",
     "{name}：来自设备 {device}{device2} 较早的签出{issued}，该签出已于 {when} 被 "
     "checkout --replace 取代{unchecked}：其 {n} 项修改（序号 {a} 至 {b}）无法合并；请在该设备"
     "现在的数据包或主库中重新录入："
     "对旧数据包执行 field-kit log 可列出每项修改的记录与字段"),
    (r"(?P<name>[^:]+): role or checkout does not match the device register",
     "{name}：角色或签出与设备登记不符"),
    (r"(?P<name>[^:]+): members differ from those the manifest lists",
     "{name}：包内文件与清单所列不一致"),
    (r"(?P<name>[^:]+): checksum mismatch for (?P<member>.+)", "{name}：{member} 校验和不符"),
    (r"(?P<name>[^:]+): its zip directory is (?P<n>\d+) bytes, over the (?P<cap>\d+) a "
     r"change package may have",
     "{name}：其 ZIP 目录有 {n} 字节，超过修改包允许的 {cap} 字节"),
    (r"(?P<name>[^:]+): (?P<member>\S+) is (?P<n>\d+) bytes? by the zip and (?P<listed>\S+) by "
     r"the manifest",
     "{name}：{member} 在 ZIP 中为 {n} 字节，清单中为 {listed}"),
    (r"(?P<name>[^:]+): (?P<member>attachments/\S+) holds the bytes of another attachment",
     "{name}：{member} 装的是另一个附件的内容"),
    (r"(?P<name>[^:]+): cannot be read again \((?P<os_why>.+)\)",
     "{name}：无法再次读取（{os_why}）"),
    (r"(?P<name>[^:]+): (?P<member>attachments/\S+) changed since it was checked",
     "{name}：{member} 在检查之后被改动"),
    (r"(?P<name>[^:]+): manifest\.json: (?P<key>\S+) is (?P<value>.+), not text",
     "{name}：manifest.json：{key} 为 {value}，不是文本"),
    (r"(?P<name>[^:]+): manifest\.json: (?P<key>\S+) is (?P<value>.+), not an object",
     "{name}：manifest.json：{key} 为 {value}，不是对象"),
    (r"(?P<name>[^:]+): manifest\.json: (?P<key>\S+) is (?P<value>.+), not a whole number "
     r"from 0",
     "{name}：manifest.json：{key} 为 {value}，不是从 0 起的整数"),
    (r"(?P<name>[^:]+): manifest\.json: counts\.changes is not a whole number from 0",
     "{name}：manifest.json：counts.changes 不是从 0 起的整数"),
    (r"(?P<name>[^:]+): manifest\.json: member (?P<member>.+) has no size and sha256",
     "{name}：manifest.json：包内文件 {member} 没有大小和 sha256"),
    (r"(?P<name>[^:]+): member (?P<member>\S+) is compressed with method (?P<method>\d+); only "
     r"stored \(0\) and deflate \(8\) are accepted",
     "{name}：包内文件 {member} 的压缩方法为 {method}；只接受存储（0）和 deflate（8）"),
    (r"(?P<name>[^:]+): member (?P<member>\S+) is encrypted; change packages never are",
     "{name}：包内文件 {member} 已加密；修改包从不加密"),
    (r"(?P<name>[^:]+): member (?P<member>\S+) declares (?P<n>\d+) bytes, over the (?P<cap>\d+) "
     r"it may have",
     "{name}：包内文件 {member} 声明 {n} 字节，超过其允许的 {cap} 字节"),
    (r"(?P<name>[^:]+): member (?P<member>\S+) holds more than the (?P<cap>\d+) bytes? its "
     r"header declares",
     "{name}：包内文件 {member} 超过其文件头声明的 {cap} 字节（已损坏或被篡改）"),
    (r"(?P<name>[^:]+): device (?P<device>.+) has changes after seq (?P<seq>\d+) not merged "
     r"yet \(seq (?P<a>\d+) to (?P<b>\d+): its package (?P<earlier>.+), refused above\); .*",
     "{name}：设备 {device} 在序号 {seq} 之后的修改（序号 {a} 至 {b}，在其修改包 {earlier} 中，"
     "已于上方被拒收）尚未合并：请先合并该包，或在同一次合并中一并给出；该包丢失或被整体拒收时，"
     "请在设备上重新导出全部修改（field-kit export FIELD_PACKAGE OUT.zip --all）并合并该包"),
    (r"(?P<name>[^:]+): device (?P<device>.+) has changes after seq (?P<seq>\d+) not merged "
     r"yet \(seq (?P<a>\d+) to (?P<b>\d+): .*",
     "{name}：设备 {device} 在序号 {seq} 之后的修改（序号 {a} 至 {b}，在其上一个导出的修改包中）"
     "尚未合并：请先合并该包，或在同一次合并中一并给出；该包丢失或被整体拒收时，请在设备上重新"
     "导出全部修改（field-kit export FIELD_PACKAGE OUT.zip --all）并合并该包"),
    (r"(?P<name>[^:]+): no (?P<member>\S+); the manifest lists changes",
     "{name}：缺少 {member}，而清单列有修改"),
    (r"(?P<name>[^:]+): (?P<member>\S+) is not a change list.*", "{name}：{member} 不是修改列表"),
    (r"(?P<name>[^:]+): holds (?P<n>\d+) changes?, the manifest says (?P<said>\d+)",
     "{name}：包含 {n} 项修改，清单却为 {said} 项"),
    (r"(?P<name>[^:]+): change (?P<seq>\S+): (?P<rest>.+)", "{name}：第 {seq} 项修改：{rest}"),
    (r"layer (?P<table>\S+) was dropped from the master, after this package was checked out "
     r"\(GIS staff can add it to the master again, then merge this package again\)",
     "图层 {table} 已从主库删除，晚于此数据包的签出：其修改被拒收"
     "（GIS 人员可在主库中重新添加该图层，再重新合并此包）"),
    (r"(?P<table>\S+) is gone from this master: it is tracked no more, and a field package's "
     r"edits of it are refused at merge, each by name, the package's other edits going in",
     "{table} 已不在此主库中：不再跟踪；外业数据包对它的修改在合并时逐项拒收并列出，"
     "包内其他修改照常合并"),
    (r"column (?P<col>.+) of (?P<table>\S+) was dropped from the master on (?P<at>\S+), after "
     r"this package was checked out.*",
     "字段 {col}（{table}）已于 {at} 从主库删除，晚于此数据包的签出：其修改被拒收"
     "（GIS 人员可在主库中重新添加该字段，再重新合并此包）"),
    (r"column (?P<col>.+) of (?P<table>\S+) was renamed (?P<new>\S+) in the master on "
     r"(?P<at>\S+), after this package was checked out.*",
     "字段 {col}（{table}）已于 {at} 在主库中改名为 {new}，晚于此数据包的签出：其修改被拒收"
     "（请先将主库更新拉取到此数据包，再在 {new} 中重新修改）"),
    # a column a field package dropped and added again (field_kit.sync.added_again)
    (r"column (?P<name>\S+) was dropped and added again in this package: it holds nothing "
     r"where the master holds values until the next pull fills them back \(the values written "
     r"into it since stay, and go to the master as edits of the master's\)",
     "数据包中字段 {name} 被删除后又重新添加：在下次拉取将其回填之前，主库中有值的要素在此为空"
     "（其后写入的值保留，并作为对主库值的修改提交主库）"),
    (r"column (?P<name>\S+), dropped and added again in this package, filled back with the "
     r"master's values in (?P<n>\d+) rows?; (?P<kept>\d+) rows? keeps? the value "
     r"written into it since",
     "数据包中删除后又重新添加的字段 {name} 已按主库的值回填 {n} 个要素；"
     "{kept} 个要素保留其后写入的值"),
    (r"(?P<path>.+): a (?P<role>technician|gis)'s field package does not change the schema: the "
     r"columns of (?P<table>\S+) are dropped and renamed by GIS staff.*",
     "{path}：{role}的外业数据包不能修改数据结构：{table} 的字段只能由 GIS 人员在主库中删除或改名；"
     "未作任何更改"),
    (r"column uuid of (?P<table>\S+) is each row's identity in every file.*",
     "{table} 的 uuid 字段是每个要素在所有文件中的标识：不能删除或改名；未作任何更改"),
    (r"column (?P<col>.+) of (?P<table>\S+) is its key, by which rows are found.*",
     "字段 {col} 是 {table} 的主键，要素按它查找：不能删除或改名；未作任何更改"),
    (r"column (?P<col>.+) of (?P<table>\S+) is its geometry: it is never dropped.*",
     "字段 {col} 是 {table} 的几何字段：不能删除或改名；未作任何更改"),
    (r"in (?P<path>.+?), (?P<renames>layer .+?): the sync knows a layer by its name, in the "
     r"master and in every package, and does not carry a rename\. Rename it back \(in QGIS's "
     r"Browser, or: (?P<how>.+)\), then run the command again; its edits are kept, captured "
     r"under its name; nothing was changed",
     "{path} 中{renames}：同步在主库和每个数据包中都按名称识别图层，不传递改名。"
     "请改回原名（在 QGIS 的浏览器中，或：{how}），再运行此命令；其编辑都已按原名记录保留；"
     "未作任何更改"),
    # what a repair found (each said as it is said alone) and did (cli.commands.cmd_repair)
    (r"found: (?P<found>.+)", "发现：{found}"),
    (r"(?P<table>\S+): its uuid column was gone \(the layer rebuilt\): (?P<m>\d+) of "
     r"its (?P<n>\d+) rows found again by their values; the others are logged as inserted, and "
     r"the rows of its record not found as deleted",
     "{table}：其 uuid 字段已不存在（图层被重建）：{n} 行中按值重新找到 {m} 行；"
     "其余记为新增，记录中未找到的行记为删除"),
    (r"(?P<table>\S+): column (?P<col>\S+) renamed (?P<new>\S+), as the master holds it "
     r"now: field packages' edits of \S+ are refused at merge, by name",
     "{table}：字段 {col} 已改名为 {new}（以主库现状为准）：外业数据包对 {col} 的修改在合并时"
     "将被拒收，并指明字段"),
    (r"(?P<table>\S+): its geometry column (?P<col>\S+) is named (?P<new>\S+) now, as the "
     r"master holds it: field packages checked out before keep theirs as \S+; their pull "
     r"brings the master's shapes into it, and their edits of shapes go to \S+",
     "{table}：几何字段 {col} 现名 {new}（以主库现状为准）：此前签出的外业数据包仍以 {col} "
     "保存几何；其拉取将主库的图形带入该字段，其对图形的修改合并到 {new}"),
    (r"(?P<table>\S+)\.(?P<col>\S+): its shapes are in (?P<new>\S+) now, in SRID "
     r"(?P<srid>\d+) \(SRID (?P<was>\d+) before\): field packages checked out before hold "
     r"them in the other: check them out again",
     "{table}.{col}：其图形现在位于 {new}，SRID 为 {srid}（此前为 SRID {was}）：此前签出的"
     "外业数据包仍以原坐标系保存：请重新签出"),
    (r"(?P<table>\S+): the master's shapes of it are not brought, (?P<col>\S+) left empty: "
     r"the master holds them in (?P<srs_master>.+), this package in (?P<srs_package>.+): "
     r"check it out again \(checkout --replace\) to have them",
     "{table}：主库的图形未带入，{col} 为空：主库的坐标系为 {srs_master}，"
     "本数据包为 {srs_package}：请重新签出（checkout --replace）以取得图形"),
    (r"(?P<table>\S+): column (?P<col>\S+) dropped, as the master holds it now: field "
     r"packages' edits of \S+ are refused at merge, by name",
     "{table}：字段 {col} 已删除（以主库现状为准）：外业数据包对 {col} 的修改在合并时"
     "将被拒收，并指明字段"),
    (r"(?P<table>\S+): column (?P<col>\S+), which this package added, renamed "
     r"(?P<new>\S+): its values go under \S+ only",
     "{table}：本数据包新增的字段 {col} 已改名为 {new}：其值只以 {new} 发送"),
    (r"(?P<table>\S+): its uuid column is gone: its rows cannot be matched with their "
     r"record", "{table}：其 uuid 字段已不存在：各行无法与其记录对应"),
    # a layer rewritten in the master (field_kit.sync.rewritten)
    (r"(?P<n>\d+) edits? of a layer the master rewrote (?:is|are) not sent: the pull that "
     r"brought the layer as the master holds it named (?:it|them), to enter again",
     "{n} 项对主库已重写图层的修改不再发送：整层带回该图层的那次拉取已逐条指明，请重新录入"),
    (r"(?P<table>\S+): rewritten in the master: its rows are new to the sync; field packages "
     r"checked out before take it whole, as the master holds it now, at their next pull, "
     r"which names their edits of its earlier rows: those are not applied",
     "{table}：已在主库中被重写：其各行对同步而言均为新行；此前签出的外业数据包在下次拉取时"
     "整层取得主库现状，并逐条指明其对原有各行的修改：这些修改不会被应用"),
    (r"(?P<table>\S+) was rewritten in the master on (?P<at>\d{4}-\d\d-\d\d \d\d:\d\d): row "
     r"(?P<row>.+?) \(uuid (?P<uuid>\S+)\) is not there any more; its edit (?P<edit>.+) is "
     r"not applied",
     "{table} 已于 {at} 在主库中被重写：要素 {row}（uuid {uuid}）已不存在；对它的修改 {edit} "
     "未应用"),
    (r"(?P<table>\S+) was rewritten in the master on (?P<at>\d{4}-\d\d-\d\d \d\d:\d\d): row "
     r"(?P<row>.+?) \(uuid (?P<uuid>\S+)\) is not there any more; its delete is not applied",
     "{table} 已于 {at} 在主库中被重写：要素 {row}（uuid {uuid}）已不存在；对它的删除未应用"),
    (r"(?P<table>\S+) was found rewritten in the master by repair on (?P<at>\d{4}-\d\d-\d\d "
     r"\d\d:\d\d): row (?P<row>.+?) got its uuid (?P<uuid>\S+) then; what it was before, "
     r"under another uuid, is not known to the sync",
     "{table} 于 {at} 经修复发现已在主库中被重写：要素 {row} 当时获得 uuid {uuid}；"
     "此前它以另一 uuid 记录的情况同步无从得知"),
    (r"(?P<table>\S+) was found rewritten in the master by repair on (?P<at>\d{4}-\d\d-\d\d "
     r"\d\d:\d\d), after these changes: row (?P<row>.+?) \(uuid (?P<uuid>\S+)\) is not there "
     r"any more; what became of it is not known to the sync",
     "{table} 于 {at} 经修复发现已在主库中被重写（晚于以上修改）：要素 {row}（uuid {uuid}）"
     "已不存在；其去向同步无从得知"),
    # a paste the master's capture gave its own uuid (field_kit.sync.pasted_rows)
    (r"(?P<table>\S+) feature (?P<fresh>\S+) was pasted in the master from (?P<source>\S+) "
     r"feature (?P<copied>\S+) on (?P<at>\d{4}-\d\d-\d\d \d\d:\d\d) by (?P<who>.+), with its "
     r"uuid: the master gave it an identity of its own",
     "{table} 要素 {fresh} 于 {at} 由 {who} 在主库中从 {source} 要素 {copied} 连同其 uuid "
     "粘贴而来：主库已给它自己的标识"),
    (r"(?P<source>\S+) feature (?P<copied>\S+) was pasted into (?P<table>\S+) in the master on "
     r"(?P<at>\d{4}-\d\d-\d\d \d\d:\d\d) by (?P<who>.+): the feature pasted was given an "
     r"identity of its own, (?P<fresh>\S+), and its changes are listed under it",
     "{source} 要素 {copied} 于 {at} 由 {who} 在主库中被粘贴到 {table}：粘贴所得要素已获得自己的"
     "标识 {fresh}，其修改记录在该标识下"),
    (r"layer (?P<table>\S+) was dropped from the master, after these changes: row (?P<row>.+?) "
     r"\(uuid (?P<uuid>\S+)\) is not there any more, with its layer",
     "图层 {table} 已从主库删除（晚于以上修改）：要素 {row}（uuid {uuid}）已随该图层不复存在"),
    (r"layer (?P<table>\S+) was dropped from the master, after these changes",
     "图层 {table} 已从主库删除（晚于以上修改）"),
    (r"(?P<table>\S+) was rewritten in the master on (?P<at>\d{4}-\d\d-\d\d \d\d:\d\d): the "
     r"(?P<n>\d+) features? of it this package was cut to \((?P<names>.+)\) are not there any "
     r"more under their uuids, and which of its rows they are now is not known: the package "
     r"holds none of them now; to work on them again, check it out again \(checkout "
     r"--replace\) choosing them as the master holds them now \(--features \S+=UUID,\.\.\.\)"
     r"; (?P<k>\d+) edits? of them the master never applied (?:is|are) not sent again: enter "
     r"(?:it|them) "
     r"again on its rows as they are now:",
     "{table} 已于 {at} 在主库中被重写：本数据包所选的该图层 {n} 个要素（{names}）已不再以原 uuid "
     "存在，也无从得知它们现在是哪些要素：本数据包现已不含这些要素；如需继续处理，请重新签出"
     "（checkout --replace），按主库现状选择它们（--features {table}=UUID,...）；其中 {k} 项"
     "修改主库从未应用，不再发送：请在现有各行上重新录入："),
    (r"(?P<table>\S+) was rewritten in the master on (?P<at>\d{4}-\d\d-\d\d \d\d:\d\d): the "
     r"(?P<n>\d+) features? of it this package was cut to \((?P<names>.+)\) are not there any "
     r"more under their uuids, and which of its rows they are now is not known: the package "
     r"holds none of them now; to work on them again, check it out again \(checkout "
     r"--replace\) choosing them as the master holds them now \(--features \S+=UUID,\.\.\.\)",
     "{table} 已于 {at} 在主库中被重写：本数据包所选的该图层 {n} 个要素（{names}）已不再以原 uuid "
     "存在，也无从得知它们现在是哪些要素：本数据包现已不含这些要素；如需继续处理，请重新签出"
     "（checkout --replace），按主库现状选择它们（--features {table}=UUID,...）"),
    (r"(?P<table>\S+) was rewritten in the master on (?P<at>\d{4}-\d\d-\d\d \d\d:\d\d): this "
     r"package now holds it as the master does \((?P<n>\d+) rows?\), its earlier rows gone; "
     r"(?P<k>\d+) edits? of them the master never applied (?:is|are) not sent again: enter "
     r"(?:it|them) "
     r"again on its rows as they are now:",
     "{table} 已于 {at} 在主库中被重写：本数据包现已与主库一致（{n} 行），原有各行已不在；"
     "其中 {k} 项修改主库从未应用，不再发送：请在现有各行上重新录入："),
    (r"(?P<table>\S+) was rewritten in the master on (?P<at>\d{4}-\d\d-\d\d \d\d:\d\d): this "
     r"package now holds it as the master does \((?P<n>\d+) rows?\), its earlier rows gone",
     "{table} 已于 {at} 在主库中被重写：本数据包现已与主库一致（{n} 行），原有各行已不在"),
    (r"your edit of (?P<table>\S+) (?P<row>.+?) \((?P<edit>.+)\) was not applied: "
     r"\S+ was rewritten in the master on (?P<at>\d{4}-\d\d-\d\d \d\d:\d\d)",
     "本机对 {table} {row} 的修改（{edit}）未应用：{table} 已于 {at} 在主库中被重写"),
    (r"your delete of (?P<table>\S+) (?P<row>.+?) was not applied: \S+ was rewritten in the "
     r"master on (?P<at>\d{4}-\d\d-\d\d \d\d:\d\d)",
     "本机对 {table} {row} 的删除未应用：{table} 已于 {at} 在主库中被重写"),
    (r"(?P<table>\S+) is gone from this file: what was logged of it before goes with the next "
     r"export; dropping a layer does not travel \(a pull brings it back from the master\)",
     "{table} 已不在此文件中：此前记录的对它的修改随下次导出发送；删除图层不会传送（拉取时会从主库"
     "重新带回该图层）"),
    (r"recovered (?P<n>\d+) edits? of (?P<table>\S+) made while capture was off",
     "已找回变更捕获关闭期间对 {table} 的 {n} 项编辑"),
    (r"cannot vouch for (?P<table>\S+): no record of its rows' earlier state here; edits made "
     r"to it while capture was off are not in the change log; to log its rows as the master "
     r"holds them now, so that a pull brings them to the field packages: (?P<typed>field-kit "
     r"repair .+ --accept-current \S+)",
     "无法担保 {table}：此处没有其各行此前状态的记录；变更捕获关闭期间对它的编辑不在变更日志中；"
     "要把其各行按主库现状记入变更日志、使拉取把它们带到外业数据包，请运行：{typed}"),
    # (field_kit.sync.accepted)
    (r"accepted (?P<table>\S+) as the master holds it now, logged as changed in the master: "
     r"(?P<n>\d+) rows? whose values differ from those last logged, (?P<whole>\d+) the log "
     r"never named \(with all their values\), (?P<back>\d+) logged as deleted and there "
     r"again, (?P<gone>\d+) gone; the next pull brings them into every field package holding "
     r"\S+",
     "已按主库现状接受 {table}，作为主库所作的修改记入变更日志：与上次记录的值不同的 {n} 行，"
     "日志从未记录过的 {whole} 行（记入其全部值），日志记为已删除而现仍存在的 {back} 行，"
     "已不在的 {gone} 行；下次拉取会把它们带到所有含 {table} 的外业数据包"),
    (r"(?P<table>\S+): its rows here may differ from the master's: edits made to it in the "
     r"master while its capture was off are not in the change log, so no pull brings them; in "
     r"the master, run (?P<typed>field-kit repair .+ --accept-current \S+) to log its rows as "
     r"it holds them now, then pull again",
     "{table}：此处各行可能与主库不同：主库中变更捕获关闭期间对它的编辑不在变更日志中，拉取无法"
     "带来；请在主库上运行 {typed}，把其各行按现状记入变更日志，然后再次拉取"),
    (r"(?P<table>\S+): edits made to it while its capture was off are not in the change log, "
     r"so no pull brings them to the field packages holding it; to log its rows as the master "
     r"holds them now: (?P<typed>field-kit repair .+ --accept-current \S+)",
     "{table}：变更捕获关闭期间对它的编辑不在变更日志中，拉取无法把它们带到含该表的外业数据包；"
     "要把其各行按主库现状记入变更日志，请运行：{typed}"),
    (r"(?P<path>.+) is a field package: --accept-current is for a master, whose rows repair "
     r"has no record of; a package's edits made while capture was off are recovered by "
     r"repair itself",
     "{path} 是外业数据包：--accept-current 用于主库（修复没有其各行的记录）；数据包在变更捕获"
     "关闭期间所作的编辑由 repair 自行找回"),
    (r"(?P<table>\S+) is not a table (?P<path>.+) tracks \(did you mean (?P<like>\S+)\?\); "
     r"nothing was changed: tracked are (?P<tracked_listed>.+)",
     "{table} 不是 {path} 跟踪的表（是否想输入 {like}？）；未作任何更改：跟踪的表有 "
     "{tracked_listed}"),
    (r"(?P<table>\S+) is not a table (?P<path>.+) tracks; nothing was changed: tracked are "
     r"(?P<tracked_listed>.+)",
     "{table} 不是 {path} 跟踪的表；未作任何更改：跟踪的表有 {tracked_listed}"),
    (r"--accept-current is for a GeoPackage master; (?P<inner>field packages holding .+)",
     "--accept-current 仅用于 GeoPackage 主库；{inner}"),
    (r"field packages holding those tables may differ from the master: no pull brings those "
     r"edits; once the tables are checked, check those packages out again \(field-kit "
     r"checkout --replace\)",
     "含这些表的外业数据包可能与主库不同：拉取无法带来这些编辑；核对这些表后，请重新签出这些"
     "数据包（field-kit checkout --replace）"),
    (r"cannot vouch for (?P<table>\S+): no record of its rows' earlier state here; edits made "
     r"to it while capture was off are not in the change log",
     "无法担保 {table}：此处没有其各行此前状态的记录；变更捕获关闭期间对它的编辑不在变更日志中"),
    (r"cannot vouch for (?P<n>\d+) rows? of (?P<table>\S+): (?:its|their) edits are logged "
     r"without the earlier values, so a merge holds them as conflicts for a supervisor: "
     r"(?P<unsure>.+?)"
     r"(?: and (?P<unsure_more>\d+) more \(field-kit log lists them all\))?",
     "无法担保 {table} 的 {n} 行：其修改记入变更日志时没有原值，合并时将作为冲突交由主管处理："
     "{shown}"),
    (r"cannot track (?P<table>\S+) again as it is now \((?P<rest>.+)\): nothing of it was "
     r"changed, and its edits since capture stopped are not in the change log; make it a table "
     r"that can be tracked again \(rebuilt as it was, with its INTEGER PRIMARY KEY and its "
     r"uuids\), then run repair again, which recovers them",
     "{table} 按其现状无法再次跟踪（{rest}）：未对它作任何更改，变更捕获停止以来对它的编辑不在变更"
     "日志中；请把它恢复为可跟踪的表（按原样重建，带其 INTEGER PRIMARY KEY 和 uuid），再运行 "
     "repair，即可找回这些编辑"),
    (r"change capture reinstalled in (?P<path>.+), but for (?P<tables>.+)",
     "已在 {path} 中重新安装变更捕获，但 {tables} 除外"),
    (r"change capture reinstalled in (?P<path>.+)", "已在 {path} 中重新安装变更捕获"),
    (r"gone from the file", "已不在文件中"),
    # what a package still holds of a layer or column the master no longer has
    # (field_kit.sync.held_over)
    (r"(?P<sync_table>\S+) is still in this package with its (?P<n>\d+) rows? as "
     r"(?:it was|they were): a pull neither brings nor removes a layer dropped from the "
     r"master, so nothing "
     r"held of it here is lost; keep what is still wanted elsewhere \(a copy of the layer\), "
     r"then delete the layer from the package",
     "{sync_table} 仍在本数据包中，其 {n} 个要素保持原样：拉取既不带来也不删除已从主库删除的图层，"
     "本机所存的内容不会丢失；请把仍需要的内容另存（复制该图层），再从数据包中删除该图层"),
    (r"column (?P<sync_field>\S+) of (?P<sync_table>\S+) was renamed (?P<newcol>\S+) in the "
     r"master on (?P<at>\S+): this package keeps (?P=sync_field) beside (?P=newcol), its "
     r"values as they were; a merge refuses an edit of (?P=sync_field): make it in (?P=newcol)",
     "{sync_table}的字段 {sync_field} 已于 {at} 在主库中改名为 {newcol}：本数据包仍保留 "
     "{sync_field}（在 {newcol} 旁边），其值保持原样；合并会拒收对 {sync_field} 的修改：请在 "
     "{newcol} 中修改"),
    (r"column (?P<sync_field>\S+) of (?P<sync_table>\S+) was dropped from the master"
     r" on (?P<at>\S+): this package keeps it, its values as they were; a merge refuses "
     r"an edit of it",
     "{sync_table}的字段 {sync_field} 已于 {at} 从主库删除：本数据包仍保留该字段，其值保持原样；"
     "合并会拒收对它的修改"),
    # a pull's table the master tracks no more (field_kit.sync.pull.not_brought_said)
    (r"not brought from the master, not tracked there: (?P<untracked_table>[^:]+): "
     r"(?P<untracked_why>.+)", "未从主库带来（主库未跟踪）：{untracked_table}：{untracked_why}"),
    (r"change capture in (?P<path>.+) is whole; nothing to repair",
     "{path} 的变更捕获完整，无需修复"),
    # what change capture found wrong in one table (field_kit.sync.drift.Drift)
    (r"(?P<drift>[^:]+: (?:capture triggers missing|capture triggers altered|"
     r"capture switched off \(sync_state\.capture is 0\)|column gone|"
     r"capture was switched off by another program at .+ and on again: edits made "
     r"meanwhile were not captured|"
     r"rows changed outside change capture|"
     r"table gone|renamed .+)(?: \(.*\))?)", "{drift}"),
    (r"change capture in (?P<path>.+?) is not whole: (?P<drift>.+?)\. Edits made since .*"
     r"run field-kit repair on the master .*",
     "{path} 的修改记录不完整（{drift}）：其间的编辑可能未记入日志。"
     "请先对主库运行 field-kit repair；未作任何更改"),
    (r"change capture in (?P<path>.+?) is not whole: (?P<drift>.+?)\. Edits made since may "
     r"be missing from the change log: run field-kit repair (?P<typed>.+) before anything "
     r"else; nothing was changed",
     "{path} 的修改记录不完整（{drift}）：其间的编辑可能未记入日志。"
     "请先运行 field-kit repair {typed}；未作任何更改"),
    (r"column (?P<col>.+) of (?P<table>\S+) is not in the master: a (?P<role>technician|gis)'s "
     r"package does not add columns.*",
     "字段 {col}（{table}）不在主库中：{role}的数据包不能新增字段（GIS 人员可先在主库中添加该字段，"
     "再重新合并此包）"),
    (r"column (?P<col>.+) of (?P<table>\S+) is not in the master, and the package no longer "
     r"has it.*",
     "字段 {col}（{table}）不在主库中，数据包中也已删除（可先在主库中添加该字段，再重新合并此包）"),
    (r"column (?P<col>.+) of (?P<table>\S+) is not in the master",
     "字段 {col}（{table}）不在主库中"),
    (r"(?P<name>[^:]+): table (?P<table>.+) is not in the master: a (?P<role>technician|gis)'s "
     r"package does not add layers \(GIS staff can add it to the master, and a supervisor grant "
     r"it: (?P<grant>.+); then merge this package again\)",
     "{name}：表 {table} 不在主库中：{role}的数据包不能新增图层（GIS 人员可先在主库中添加该图层，"
     "再由主管授权：{grant}；然后重新合并此包）"),
    (r"(?P<name>[^:]+): table (?P<table>.+) is not in the master: add the layer to the "
     r"PostgreSQL master's schema.*",
     "{name}：表 {table} 不在主库中：请先把该图层加入 PostgreSQL 主库的模式（ogr2ogr 或 QGIS 的"
     "数据库管理器；下一个命令即会跟踪它），再重新合并此包"),
    (r"(?P<name>[^:]+): table (?P<table>.+) is not in the master: add the layer to the master "
     r"first.*",
     "{name}：表 {table} 不在主库中：请先在主库中添加该图层，再重新合并此包"),
    (r"(?P<name>[^:]+): table (?P<table>.+) is not in the master: the master has a table of "
     r"that name that is not tracked",
     "{name}：表 {table} 不在主库的跟踪之列：主库中有同名但未跟踪的表"),
    (r"taken up, beside the tables tracked already: (?P<took>.+)",
     "已开始跟踪（原已跟踪的表照旧跟踪）：{took}"),
    # init leaving out tables a master tracks (field_kit.sync.registry.refuse_leaving_out)
    (r"(?P<master_named>.+) tracks (?P<kept_tables>.+): init does not stop tracking a table "
     r"\(edits made in it from then on would be logged nowhere; the packages of "
     r"(?P<held_by>.+) hold them, whose edits of them would no longer reach the master\); "
     r"nothing was changed",
     "{master_named} 正在跟踪 {kept_tables}：初始化不会停止跟踪已跟踪的表（此后对其所作的修改将不再"
     "记入日志；{held_by} 的数据包中有这些表，其修改将无法再合并到主库）；未作任何更改"),
    (r"(?P<master_named>.+) tracks (?P<kept_tables>.+): init does not stop tracking a table "
     r"\(edits made in it from then on would be logged nowhere\); nothing was changed",
     "{master_named} 正在跟踪 {kept_tables}：初始化不会停止跟踪已跟踪的表（此后对其所作的修改将不再"
     "记入日志）；未作任何更改"),
    (r"(?P<name>[^:]+): table (?P<table>.+) is in the master but not tracked there: field-kit "
     r"init MASTER --tables (?P<take_up>.+) takes it up",
     "{name}：表 {table} 在主库中，但主库未跟踪它：运行 field-kit init MASTER --tables {take_up} "
     "即可跟踪"),
    (r"(?P<name>[^:]+): layer (?P<table>.+) is added by another package of this merge as "
     r"another layer \((?P<what>.+)\): rename one of them, then merge this package again",
     "{name}：本次合并的另一个修改包也新增了名为 {table} 的图层，但两者不同（{what}）：请将其中之一"
     "改名，再重新合并此包"),
    (r"(?P<name>[^:]+): layer (?P<table>.+) is added by another package of this merge with "
     r"other columns.*",
     "{name}：图层 {table} 也由本次合并的另一个修改包新增，但字段不同：请在其之后单独合并此包"),
    (r"(?P<name>[^:]+): column (?P<col>.+) of (?P<table>\S+) is added by another package of "
     r"this merge as (?P<one>.+) and in this package as (?P<this>.+): one column cannot hold "
     r"both.*",
     "{name}：本次合并的另一个修改包也新增了字段 {col}（{table}），其类型为 {one}，本包为 {this}："
     "一个字段不能兼容两者；请在数据包中将其改名（QGIS：重命名字段），再重新导出其全部修改"
     "（field-kit export FIELD_PACKAGE OUT.zip --all）并合并该修改包"),
    (r"(?P<name>[^:]+): column (?P<col>.+) of (?P<table>\S+) is (?P<twin>.+) in "
     r"(?P<case_where>the master|another package of this merge), a name that differs in case "
     r"alone, which a GeoPackage takes for the same: rename it.*",
     "{name}：字段 {col}（{table}）与{case_where}的 {twin} 只差字母大小写，GeoPackage 视二者为同一"
     "名称：请在数据包中将其改名（QGIS：重命名字段）为 {twin}（填入该字段）或另取一名，再重新导出"
     "其全部修改（field-kit export FIELD_PACKAGE OUT.zip --all）并合并该修改包"),
    (r"(?P<name>[^:]+): column (?P<col>.+) of (?P<table>\S+) was added in the master as "
     r"(?P<one>.+) and in the package as (?P<this>.+?): rename it.*",
     "{name}：字段 {col}（{table}）在主库中新增为 {one}，在数据包中新增为 {this}：请在数据包中将其"
     "改名（QGIS：重命名字段），再重新导出其全部修改（field-kit export FIELD_PACKAGE OUT.zip "
     "--all）并合并该修改包"),
    (r"(?P<name>[^:]+): column '(?P<col>.+)' of (?P<table>\S+) has a type or default that "
     r"cannot be added \((?P<decl>.*), (?P<dflt>.*)\)",
     "{name}：字段 {col}（{table}）的类型或默认值无法添加到主库（{decl}，{dflt}）"),
    (r"(?P<name>[^:]+): layer (?P<table>.+) was added in the master and in the package as two "
     r"different layers \((?P<what>.+)\): rename one of them, then merge this package again",
     "{name}：主库和数据包各自新增了名为 {table} 的图层，但两者不同（{what}）：请将其中之一改名，"
     "再重新合并此包"),
    (r"(?P<name>[^:]+): layer (?P<table>.+) cannot be added to the master: its name is "
     r"(?P<n>\d+) bytes long, longer than the (?P<limit>\d+) bytes a PostgreSQL master holds "
     r"in a name.*",
     "{name}：图层 {table} 无法加入主库：其名称长 {n} 字节，超过 PostgreSQL 主库名称的上限 "
     "{limit} 字节（会被截短；一个汉字占 3 字节）：请在数据包中改名，再重新合并此包"),
    (r"(?P<name>[^:]+): layer (?P<table>.+) cannot be added to the master: its column "
     r"(?P<col>.+)'s name is (?P<n>\d+) bytes long, longer than the (?P<limit>\d+) bytes a "
     r"PostgreSQL master holds in a name.*",
     "{name}：图层 {table} 无法加入主库：其字段 {col} 的名称长 {n} 字节，超过 PostgreSQL 主库"
     "名称的上限 {limit} 字节（会被截短；一个汉字占 3 字节）：请在数据包中改名，再重新合并此包"),
    (r"(?P<name>[^:]+): column (?P<col>.+) of (?P<table>.+) cannot be added to the master: "
     r"its name is (?P<n>\d+) bytes long, longer than the (?P<limit>\d+) bytes a PostgreSQL "
     r"master holds in a name.*",
     "{name}：字段 {col}（{table}）无法加入主库：其名称长 {n} 字节，超过 PostgreSQL 主库名称的"
     "上限 {limit} 字节（会被截短；一个汉字占 3 字节）：请在数据包中改名，再重新合并此包"),
    (r"value (?P<aside>set aside|carried): (?P<sync_table>\S+) (?P<name>.+?) \((?P<col>[^()]+)\) "
     r"(?P<typed>.+)", "{aside}：{sync_table} {name}（{col}）{typed}"),
    # a technician's own column that gave way at a pull to the master's of that name
    (r"(?P<clashed>column .+?)(?: \((?P<decl_m>\S+) there, (?P<decl_p>\S+) here\))?: the "
     r"master's column stands in the package now; (?P<then>.+)",
     "{clashed}{kinds}：数据包中现以主库的字段为准；{then}"),
    (r"(?P<clashed>(?:column|layer) .+?): added in the package and in the master as "
     r"two different things; (?P<todo>.+); nothing was pulled",
     "{clashed}：数据包和主库各自新增，两者不同；{todo}；未拉取任何内容"),
    (r"(?P<beyond>\S+ of row \S+: the master holds .+?): change the values? in "
     r"(?P<master>.+), then pull again; nothing was pulled",
     "{beyond}：请在 {master} 中修改后重新拉取；未拉取任何内容"),
    (r"(?P<name>[^:]+): layer (?P<table>.+) cannot be added to the master: (?P<what>.+)",
     "{name}：图层 {table} 无法加入主库：{what}"),
    (r"your (?P<kind>edit|new row|delete) of (?P<sync_table>\S+) (?P<name>.+?)"
     r"(?: \((?P<edited>[^()]+)\))? was refused: (?P<rest>a (?:technician|gis) may not move "
     r"features of .+?); (?P<tail>.+)",
     "本机对{sync_table} {name}{edited}的{kind}被主库拒收：{rest}；{tail}"),
    (r"your (?P<kind>edit|new row|delete) of (?P<sync_table>\S+) (?P<name>.+?)"
     r"(?: \((?P<edited>[^()]+)\))? was refused: (?P<rest>a (?:technician|gis) may not "
     r"(?:change|add features of|delete features of) .+?); (?P<tail>.+)",
     "本机对{sync_table} {name}{edited}的{kind}被主库拒收：{rest}；{tail}"),
    (r"your (?P<kind>edit|new row|delete) of (?P<sync_table>\S+) (?P<name>.+?)"
     r"(?: \((?P<edited>[^()]+)\))? was refused: (?P<rest>layer \S+ was dropped from the "
     r"master, .+?again\)); (?P<tail>.+)",
     "本机对{sync_table} {name}{edited}的{kind}被主库拒收：{rest}；{tail}"),
    (r"your (?P<kind>edit|new row|delete) of (?P<sync_table>\S+) (?P<name>.+?)"
     r"(?: \((?P<edited>[^()]+)\))? was refused, as the merge said; (?P<tail>.+)",
     "本机对{sync_table} {name}{edited}的{kind}被主库拒收（原因见合并时的说明）；{tail}"),
    (r"your (?P<kind>edit|new row|delete) of (?P<sync_table>\S+) (?P<name>.+?)"
     r"(?: \((?P<edited>[^()]+)\))? was refused: (?P<rest>.+); (?P<tail>mend it, then export: "
     r"it is sent again|it is sent again with the next export|what the package still holds "
     r"of it \([^()]+\) is sent again with the next export)",
     "本机对{sync_table} {name}{edited}的{kind}被主库拒收：{rest}；{tail}"),
    (r"your (?P<kind>edit|new row|delete) of (?P<sync_table>\S+) (?P<name>.+?)"
     r"(?: \((?P<edited>[^()]+)\))? was refused: (?P<rest>.+); (?P<tail>it is not sent "
     r"again: .+)",
     "本机对{sync_table} {name}{edited}的{kind}被主库拒收：{rest}；{tail}"),
    # a pull into a package the field app holds open (field_kit.package_lock)
    (r"(?P<pkg>.+) is open in the field app \(process (?P<pid>\d+) on computer (?P<host>.+), "
     r"since (?P<since>[^()]+)\): nothing was pulled: close the app first, or pull with the "
     r"app's Update button, which reloads its open form \(a form left open on the values it "
     r"read would write them back over the master's at its next save\)"
     r"(?:; if computer \S+ no longer runs the app, delete the lock file (?P<lock>.+))?",
     "数据包 {pkg} 已在野外核查程序中打开（进程 {pid}，计算机 {host}，自 {since}）："
     "未拉取任何内容：请先关闭该程序，或用程序中的“拉取更新”按钮拉取，它会重新载入打开的表单"
     "（表单若停留在读到的旧值上，下次保存时会把旧值写回，覆盖主库的值）{lock_said}"),
    # a point list's boundary (importer.point_lists)
    (r"(?P<n>\d+) points?; a boundary needs at least 3", "{n} 个点；边界至少需要 3 个点"),
    (r"point number (?P<v>.+) twice \(lines (?P<a>\d+) and (?P<b>\d+)\): number each point "
     r"of a boundary once", "点号 {v} 出现两次（第 {a}、{b} 行）：同一边界的每个点号只能出现一次"),
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) is not a number \(REAL\)",
     "{any_col}：“{value}”不是数字（REAL）"),
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) is not a finite number",
     "{any_col}：“{value}”不是有限的数值（无穷大无法计入报告）"),
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) is not a whole number \(INTEGER\)",
     "{any_col}：“{value}”不是整数（INTEGER）"),
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) is not 0 or 1 \(BOOLEAN\)",
     "{any_col}：“{value}”不是 0 或 1（BOOLEAN）"),
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) is not text \(TEXT\)",
     "{any_col}：“{value}”不是文本（TEXT）"),
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) is not a date YYYY-MM-DD \(DATE\)",
     "{any_col}：“{value}”不是 YYYY-MM-DD 格式的日期（DATE）"),
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) is not a date and time YYYY-MM-DDTHH:MM:SS "
     r"\(DATETIME\)",
     "{any_col}：“{value}”不是 YYYY-MM-DDTHH:MM:SS 格式的日期时间（DATETIME）"),
    # (one field's: the problems of several are joined by "; ", each said on its own)
    # (the codes with their English labels, then their Chinese ones in brackets)
    (r"(?P<any_col>[^:\s]+): (?P<value>[^;]+) is not in the code list (?P<code_list>[^:;]+): "
     r"one of [^;]*?(?: and (?P<more_codes>\d+) more)? \((?P<zh_codes>[^;()]*)\)",
     "{any_col}：“{value}”不在代码表“{code_list}”中，可用：{zh_codes}{more_codes}"),
    (r"(?P<any_col>[^:\s]+): (?P<value>[^;]+) is not in the code list (?P<code_list>[^:;]+): "
     r"one of (?P<codes>[^;]+)",
     "{any_col}：“{value}”不在代码表“{code_list}”中，可用：{codes}"),
    (r"(?P<any_col>[^:\s]+): (?P<value>[^;]+) is not in the code list (?P<code_list>[^;]+)",
     "{any_col}：“{value}”不在代码表“{code_list}”中"),
    # (a sub-class under another class: each field by its column, here by its label)
    (r"(?P<any_col>[^:\s]+): (?P<value>[^;]+) does not belong to (?P<than>\S+) "
     r"(?P<pv>[^;]+)",
     "{any_col}：“{value}”不是{than}为“{pv}”时可选的代码"),
    (r"(?P<any_col>[^:\s]+): (?P<value>[^;]+) is beyond what SQLite stores as an integer",
     "{any_col}：“{value}”超出 SQLite 能存储的整数范围"),
    (r"(?P<any_col>[^:\s]+): (?P<value>[^;]+) is the plan's other name for (?P<name>[^:;]+): "
     r"write (?P=name)",
     "{any_col}：“{value}”是规划中“{name}”的别称：请填写“{name}”"),
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) is outside (?P<lo>\S+) to (?P<hi>\S+)",
     "{any_col}：“{value}”超出 {lo} 至 {hi} 的范围"),
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) must be at least (?P<lo>\S+)",
     "{any_col}：“{value}”须不小于 {lo}"),
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) must be more than (?P<lo>\S+)",
     "{any_col}：“{value}”须大于 {lo}"),
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) must be at most (?P<hi>\S+)",
     "{any_col}：“{value}”须不大于 {hi}"),
    (r"(?P<any_col>[^:\s]+): (?P<a>\S+) is more than (?P<than>\S+) \((?P<b>\S+)\)",
     "{any_col}：{a} 大于{than}（{b}）"),
    (r"(?P<any_col>[^:\s]+): (?P<a>\S+) is after the year of (?P<than>\S+) \((?P<b>\S+)\)",
     "{any_col}：{a} 晚于{than}的年份（{b}）"),
    # a shape typed to settle a conflict (field_kit.sync.typed_shape)
    (r"a shape is typed as well-known text \(POLYGON \(\(88\.5 42\.8, …\)\), as QGIS copies "
     r"it\) or as a GeoPackage blob's hex",
     "几何应以 WKT 文本（如 POLYGON ((88.5 42.8, …))，即 QGIS 复制的形式）或 GeoPackage "
     "几何数据的十六进制给出"),
    (r"the shape typed is no well-known text this reads \((?P<text>.+)\)",
     "所给几何不是可读取的 WKT 文本（{text}）"),
    (r"the shape typed has heights or measures \(Z, M\), which would not be written: give "
     r"its x and y only", "所给几何带有高程或测量值（Z、M），不会被写入：请只给出 x、y 坐标"),
    (r"the shape typed is empty or of no kind a layer holds: give its points, lines or "
     r"polygons", "所给几何为空，或不是图层可存放的类型：请给出其点、线或面"),
    (r"the shape typed is in SRID (?P<srid>\d+), the layer's in (?P<srs>\d+): give it in the "
     r"layer's coordinates",
     "所给几何的坐标系为 SRID {srid}，而图层的为 {srs}：请以图层的坐标给出"),
    (r"the shape typed \(at (?P<x>\S+), (?P<y>\S+)\) reads as longitude and latitude, the "
     r"layer's coordinates are metres \(SRID (?P<srs>\d+)\): give it in the layer's "
     r"coordinates", "所给几何（位于 {x}, {y}）看来是经纬度，而图层的坐标为米（SRID {srs}）："
     "请以图层的坐标给出"),
    # a geometry a field cannot take (field_kit.sync.field_check)
    (r"(?P<any_col>[^:\s]+): (?P<value>.+) is not a GeoPackage geometry \(hex of its blob\)",
     "{any_col}：“{value}”不是 GeoPackage 几何（应为其二进制数据的十六进制）"),
    (r"(?P<any_col>[^:\s]+): not a GeoPackage geometry blob \((?P<fault>no standard GP header|bad "
     r"envelope|its WKB does not parse)\)", "{any_col}：不是 GeoPackage 几何数据（{fault}）"),
    (r"(?P<any_col>[^:\s]+): geometry in SRS (?P<srs>\S+); the layer's is (?P<layer>\S+)",
     "{any_col}：几何的坐标系为 SRS {srs}，而图层的为 {layer}"),
    (r"(?P<any_col>[^:\s]+): a (?P<got>\S+) where the layer holds (?P<want>\S+)",
     "{any_col}：几何类型为 {got}，而图层只存放 {want}"),
    (r"(?P<any_col>[^:\s]+): coordinates (?P<x>\S+), (?P<y>\S+) are not longitude and latitude "
     r"\(projected metres in a longitude/latitude layer\?\)",
     "{any_col}：坐标 {x}, {y} 不是经纬度（是否把投影坐标（米）写进了经纬度图层？）"),
    (r"(?P<any_col>[^:\s]+): at (?P<x>\S+), (?P<y>\S+): outside the county \(more than "
     r"(?P<margin>\S+) beyond its boundary's extent\)",
     "{any_col}：位于 {x}, {y}，在县域以外（超出县界范围 {margin} 以上）"),
    (r"a (?P<role>technician|gis) may not move features of (?P<sync_table>\S+) \(geometry "
     r"column (?P<geom>[^()]+)\) nor change columns? (?P<sync_cols>.+) of it",
     "{role}无权移动{sync_table}的要素（几何字段 {geom}），也无权修改其字段{sync_cols}"),
    (r"a (?P<role>technician|gis) may not move features of (?P<sync_table>\S+) \(geometry "
     r"column (?P<geom>[^()]+)\)",
     "{role}无权移动{sync_table}的要素（几何字段 {geom}）"),
    (r"a (?P<role>technician|gis) may not change columns? (?P<sync_cols>.+) of "
     r"(?P<sync_table>\S+)",
     "{role}无权修改{sync_table}的字段{sync_cols}"),
    (r"a (?P<role>technician|gis) may not add features of (?P<sync_table>\S+) \(may change "
     r"only (?P<sync_cols>.+)\)",
     "{role}无权新增{sync_table}的要素（只能修改其{sync_cols}）"),
    (r"a (?P<role>technician|gis) may not delete features of (?P<sync_table>\S+) \(may "
     r"change only (?P<sync_cols>.+)\)",
     "{role}无权删除{sync_table}的要素（只能修改其{sync_cols}）"),
    (r"a (?P<role>technician|gis) may not change (?P<sync_table>\S+)",
     "{role}无权修改{sync_table}"),
    (r"(?P<zip>.+?) and the folder (?P<folder>.+?) are two copies of one project that differ: "
     r"(?P=zip) holds (?P<held>.+?) that (?P=folder) lacks, and (?P=folder) holds "
     r"(?P<held_here>.+?) that (?P=zip) lacks; nothing was pulled: both copies were "
     r"worked on: to send both, rename (?P=zip) to (?P<second>.+?) and export each .*",
     "{zip} 与文件夹 {folder} 是同一项目的两份副本，且各有对方没有的内容：{zip} 有 {held}，"
     "{folder} 有 {held_here}；未拉取：要两份都发送，请把 {zip} 改名为 {second}，分别导出"
     "（field-kit export）文件夹与 {second}，再合并这两个修改包（两份副本改动了同一字段处，"
     "合并会记为冲突待处理）；然后分别拉取到每个文件夹"),
    (r"(?P<zip>.+?) and the folder (?P<folder>.+?) are two copies of one project that differ: "
     r"(?P=zip) holds (?P<held>.+?) that (?P=folder) lacks; nothing was pulled: .*",
     "{zip} 与文件夹 {folder} 是同一项目的两份副本，但内容不同：{zip} 有文件夹没有的 {held}"
     "；未拉取：请先导出"
     " ZIP 的副本（把文件夹 {folder} 移开，导出 {zip}，它会解压到 {folder}），再拉取到该文件夹；"
     "或者，要按文件夹现状拉取，请把 {zip} 移开"),
    (r"(?P<zip>.+?) and the folder (?P<folder>.+?) are two copies of one project that differ: "
     r"(?P=zip) holds (?P<held>.+?) that (?P=folder) lacks, and (?P=folder) holds "
     r"(?P<held_here>.+?) that (?P=zip) lacks; nothing was exported: both copies were "
     r"worked on: to send both, rename (?P=zip) to (?P<second>.+?) and export each .*, "
     r"which unpacks it to (?P<unpacked>.+?)\), then merge both .*",
     "{zip} 与文件夹 {folder} 是同一项目的两份副本，且各有对方没有的内容：{zip} 有 {held}，"
     "{folder} 有 {held_here}；未导出：要两份都发送，请把 {zip} 改名为 {second}，分别导出"
     "（field-kit export）文件夹与 {second}（它会解压到 {unpacked}），再合并这两个修改包（两份"
     "副本改动了同一字段处，合并会记为冲突待处理）"),
    (r"(?P<zip>.+?) and the folder (?P<folder>.+?) are two copies of one project that differ: "
     r"(?P=zip) holds (?P<held>.+?) that (?P=folder) lacks; nothing was exported: to "
     r"export the zip's copy, move the folder (?P=folder) away and export (?P=zip); to export "
     r"the folder as it is, move (?P=zip) away",
     "{zip} 与文件夹 {folder} 是同一项目的两份副本，但内容不同：{zip} 有文件夹没有的 {held}"
     "；未导出：要导出"
     " ZIP 的副本，请把文件夹 {folder} 移开后导出 {zip}；要按文件夹现状导出，请把 {zip} 移开"),
    (r"(?P<zip>.+?) and the folder (?P<folder>.+?) are two copies of one project that differ: "
     r"(?P=zip) holds (?P<held>.+?) that (?P=folder) lacks; nothing was exported: to "
     r"export (?P<name>.+?), move the folder (?P=folder) away \(the zip is unpacked there\) "
     r"and export the zip again",
     "{zip} 与文件夹 {folder} 是同一项目的两份副本，但内容不同：{zip} 有文件夹没有的 {held}"
     "；未导出：要导出"
     " {name}，请把文件夹 {folder} 移开（ZIP 会解压到那里）后重新导出该 ZIP"),
    (r"(?P<gpkg>.+?) came back in WAL mode without (?P<wal>\S+): if the project was still "
     r"open in QField when it was copied, its latest edits are in (?P=wal) on the phone, not "
     r"here: close the project in QField and copy the folder again, or copy (?P=wal) \(and "
     r"(?P<shm>\S+)\) beside it, and run this again",
     "{gpkg} 带回时处于 WAL 模式，却没有 {wal}：若复制时项目仍在 QField 中打开，"
     "最新的编辑在手机上的 {wal} 中，不在这里：请在 QField 中关闭项目后重新复制该文件夹，"
     "或把 {wal}（及 {shm}）复制到它旁边，然后重新运行"),
    (r"(?P<gpkg>.+?) came back in WAL mode with (?P<wal>\S+) empty: if the project was "
     r"still open in QField when it was copied, its latest edits are in (?P=wal) on the phone, "
     r"not here: close the project in QField and copy the folder again, or copy (?P=wal) "
     r"\(and (?P<shm>\S+)\) beside it, and run this again",
     "{gpkg} 带回时处于 WAL 模式，但 {wal} 是空的：若复制时项目仍在 QField 中打开，"
     "最新的编辑在手机上的 {wal} 中，不在这里：请在 QField 中关闭项目后重新复制该文件夹，"
     "或把 {wal}（及 {shm}）复制到它旁边，然后重新运行"),
    (r"(?P<n>\d+) files? in (?P<dir>\S+)/ that no record of the package names \(photos of "
     r"records deleted, old names of photos renamed\) left out of (?P<zip>.+?): they stay in "
     r"(?P<folder>.+)",
     "{dir}/ 中有 {n} 个文件没有任何记录引用（已删除记录的照片、已改名照片的旧名），未放入 {zip}："
     "它们仍保留在 {folder}"),
    # the photos an export refuses, each kind said apart (field_kit.qfield.dcim.refused_said)
    (r"(?P<photo_problems>(?:the folder \S+ is gone from|photo files? missing from|photo "
     r"paths? outside the project folder:|not a JPEG or PNG image:|not the whole picture, "
     r"cut short:) .+?); nothing was exported: (?P<found>.+)", "{photo_problems}；未导出：{found}"),
    # what to do of them (field_kit.qfield.dcim)
    (r"copy the photos back into (?P<dir>\S+) or delete their photo records",
     "请把照片复制回 {dir}，或删除它们的照片记录"),
    (r"(?P<photo_todo>(?:copy the missing photos back into|set the path of each photo record|"
     r"put a picture in place|copy each picture cut short) .+?), or delete their photo records",
     "请{photo_todo}，或删除它们的照片记录"),
    (r"(?P<names>.+?) in (?P<folder>.+?): the file of more than one photo, holding a picture "
     r"none of them was sent with, .*",
     "{folder} 中的 {names} 同时是多张照片的文件，且其中的图片不是其中任何一张发送过的，"
     "无法判断是哪条记录的照片重拍了；未导出：请在 QField 中对该照片所属的记录重新拍照"
     "（QField 会给它一个自己的文件名），然后把该文件移出文件夹（各照片保留发送过的图片）"),
    # (a record by its layer's title, two words, then its name and uuid, else its uuid)
    (r"(?P<name>.+?) is not read for (?P<wlayer>\S+ \S+) (?P<row>\S+.*? \(row \S+\)): it is "
     r"the file of another photo too, holding another picture; .*",
     "{name} 未作为{wlayer} {row}的照片读入：它同时是另一张照片的文件，存的是另一张图片；该照片"
     "保留发送过的图片"),
    (r"(?P<name>.+?) is not read for (?P<wlayer>\S+ \S+) (?P<row>\S+): it is the file of "
     r"another photo too, holding another picture; .*",
     "{name} 未作为{wlayer} {row} 的照片读入：它同时是另一张照片的文件，存的是另一张图片；该照片"
     "保留发送过的图片"),
    # (a record layer's English title is two words: Patch verifications, Project inspections;
    # the record by its name and uuid, else by its uuid alone)
    (r"photos of (?P<wlayer>\S+ \S+) (?P<row>.+? \(row \S+\)), deleted in the project, "
     r"deleted with it: (?P<names>.+)",
     "在项目中删除的{wlayer} {row}的照片已随之删除：{names}"),
    (r"photos of (?P<wlayer>\S+ \S+) (?P<row>\S+), deleted in the project, deleted with it: "
     r"(?P<names>.+)",
     "在项目中删除的{wlayer} {row} 的照片已随之删除：{names}"),
    (r"(?P<zip>.+?) holds nothing the folder (?P<folder>.+?) lacks: exporting the folder",
     "{zip} 中没有文件夹 {folder} 所缺的内容：导出的是该文件夹"),
    (r"the folder (?P<folder>.+?) lacks its project file (?P<qgs>\S+), which QField opens "
     r"the project by: the next pull into the folder writes it again \(or copy it from "
     r"(?P<zip>.+?)\)",
     "文件夹 {folder} 缺少其项目文件 {qgs}（QField 靠它打开项目）：下次拉取到该文件夹时会重新"
     "写出它（或从 {zip} 中复制出来）"),
    (r"the folder (?P<folder>.+?) lacks its project file (?P<qgs>\S+), which QField opens "
     r"the project by: the next pull into the folder writes it again",
     "文件夹 {folder} 缺少其项目文件 {qgs}（QField 靠它打开项目）：下次拉取到该文件夹时会重新"
     "写出它"),
    (r"the folder (?P<folder>.+?) lacks (?P<dir>\S+), where QField keeps the photos it "
     r"takes: no photo taken in the project is read in until it is copied back from the "
     r"phone \((?P<phone>.+)\)",
     "文件夹 {folder} 缺少 {dir}（QField 拍的照片都在其中）：从手机（{phone}）把它复制回来"
     "之前，项目中拍的照片都不会读入"),
    (r"(?P<gpkg>.+?) is a QField project's package without its project: the folder "
     r"(?P<folder>.+?) lacks the project file \((?P<qgs>\S+)\) and (?P<dir>\S+), so no photo "
     r"taken in the project is read in; the package is exported alone: to send the "
     r"project's photos too, copy the project folder back from the phone whole "
     r"\((?P<phone>.+)\) and export the folder",
     "{gpkg} 是 QField 项目的数据包，但不带其项目：文件夹 {folder} 缺少项目文件（{qgs}）和 "
     "{dir}，项目中拍的照片都不会读入；只导出该数据包：要把项目的照片一并发送，请从手机（{phone}）"
     "把整个项目文件夹复制回来，再导出该文件夹"),
    (r"(?P<zip>.+?) is a change package an earlier export of this project wrote \(changes? "
     r"seq (?P<seqs>\S+)\), not merged into the master as far as the package knows \(no pull "
     r"since found it merged\): merge it \(field-kit merge MASTER (?P=zip)\); no copy of the "
     r"project, it does not stop this export",
     "{zip} 是本项目之前一次导出写出的修改包（变更序号 {seqs}），据数据包所知尚未合并到主库"
     "（此后的拉取未发现它已合并）：请合并它（field-kit merge MASTER {zip}）；它不是项目的"
     "副本，不妨碍本次导出"),
    # a QField project's package copied through ogr2ogr (field_kit.qfield.project_folder)
    (r"(?P<gpkg>.+?), the package of the QField project (?P<folder>.+?), has lost its change "
     r"capture \(.*?\), so its edits can be neither exported nor repaired; records the "
     r"project's package in (?P<zip>.+?) lacks: (?P<records>.+?): to "
     r"send them, move the folder (?P=folder) away \(to (?P<moved>.+?)\), unpack (?P=zip) "
     r"into (?P=folder) \(its package keeps the capture\), add them there with "
     r"(?P<command>ogr2ogr .+?) \(each is logged as a new record; those it holds already are "
     r"skipped\), copy (?P<dcim>.+?) into (?P=folder), then export (?P=folder); .*",
     "QField 项目 {folder} 的数据包 {gpkg} 已丢失变更记录（同步表；经 ogr2ogr 或 QGIS“打包图层”"
     "复制的副本只保留图层），其中的修改既无法导出也无法修复；{zip} 中的项目数据包所没有的记录："
     "{records}：要发送这些记录，请把文件夹 {folder} 移开（移到 {moved}），把 {zip} 解压到 "
     "{folder}（其数据包保留变更记录），再用 {command} 把记录加进去（每条记为新增记录；已有的"
     "跳过），把 {dcim} 复制到 {folder}，然后导出 {folder}；对两者都有的记录所做的修改不会带过去，"
     "请重新修改"),
    (r"(?P<gpkg>.+?), the package of the QField project (?P<folder>.+?), has lost its change "
     r"capture \(.*?\), so its edits can be neither exported nor repaired: to send its "
     r"records, .*?: (?P<command>ogr2ogr .+?) \(each is logged as a new "
     r"record; those it holds already are skipped\), copy (?P<dcim>.+?) into OUT, then "
     r"export OUT",
     "QField 项目 {folder} 的数据包 {gpkg} 已丢失变更记录（同步表；经 ogr2ogr 或 QGIS“打包图层”"
     "复制的副本只保留图层），其中的修改既无法导出也无法修复：要发送其中的记录，请放入保留变更记录"
     "的数据包，即新的签出（field-kit checkout 主库 OUT --device 设备名 --for qfield）："
     "{command}（每条记为新增记录；已有的跳过），把 {dcim} 复制到 OUT，然后导出 OUT"),
    (r"(?P<zip>.+?) is not a zip of the project (?P<folder>.+?) \(no (?P<gpkg>\S+) in it\), "
     r"and a pull writes the folder's zip there; nothing was pulled.*",
     "{zip} 不是项目 {folder} 的 ZIP（其中没有 {gpkg}），而拉取会在此处重新写出文件夹的 ZIP；"
     "未拉取：请把 {zip} 移开后重新拉取"),
    (r"(?P<zip>.+?) is not a zip of the project (?P<folder>.+?) \(not a readable zip\), and a "
     r"pull writes the folder's zip there; nothing was pulled.*",
     "{zip} 不是项目 {folder} 的 ZIP（无法作为 ZIP 读取），而拉取会在此处重新写出文件夹的 ZIP；"
     "未拉取：请把 {zip} 移开后重新拉取"),
    (r"the photos the pull brought could not all be written to (?P<here>.+?) \((?P<os_why>.*)\): "
     r"pull again once it can be written",
     "拉取带来的照片未能全部写入 {here}（{os_why}）：可以写入后请重新拉取"),
    (r"photos? the pull brought not written to (?P<here>.+?), a picture taken here having "
     r"that name: (?P<names>.+?) \(kept; .*",
     "拉取带来的照片未写入 {here}，因本机此后拍摄的照片与之同名：{names}（已保留本机照片）："
     "在两者之一改名之前，QField 对两条记录都显示本机的照片，导出时也会为两条记录都发送它"),
    (r"(?P<zip>.+?) could not be written \((?P<gpkg>.+?) is open in another program \(the "
     r"project in QGIS or QField\).*\); the one from before the pull was removed.*",
     "{zip} 未能写入：{gpkg} 正在其他程序中打开（QGIS 或 QField 中的项目），处于 WAL 模式；拉取之前"
     "的旧 ZIP 已删除，以免被带到手机上：请在该程序中关闭项目后重新拉取"),
    (r"(?P<zip>.+?) could not be written \((?P<gpkg>.+?) is open in another program \(the "
     r"project in QGIS or QField\).*\); it holds the package from before the pull.*",
     "{zip} 未能写入：{gpkg} 正在其他程序中打开（QGIS 或 QField 中的项目），处于 WAL 模式；该 ZIP "
     "仍是拉取之前的数据包，请勿带到手机上：请在该程序中关闭项目后重新拉取"),
    (r"(?P<gpkg>.+?) is open in another program \(the project in QGIS or QField\).*",
     "{gpkg} 正在其他程序中打开（QGIS 或 QField 中的项目），处于 WAL 模式：请在该程序中关闭项目后"
     "重新执行"),
    (r"(?P<zip>.+?) could not be written \((?P<os_why>.*)\); the one from before the pull "
     r"was removed.*",
     "{zip} 未能写入（{os_why}）；拉取之前的旧 ZIP 已删除，以免被带到手机上：可以写入后请重新拉取"),
    (r"(?P<zip>.+?) could not be written \((?P<os_why>.*)\); it holds the package from before "
     r"the pull.*",
     "{zip} 未能写入（{os_why}），仍是拉取之前的数据包：请勿带到手机上；可以写入后请重新拉取"),
    (r"photos? whose picture is not in (?P<pkg>.+?): (?P<names>.+?); "
     r"nothing was exported.*",
     "照片记录的图片不在 {pkg} 中：{names}；未导出：请导出 QField 项目文件夹（或其 ZIP，"
     "照片在其中），而不是单独的数据包文件，或删除这些照片记录"),
    (r"(?P<path>.+) is the package of a QField checkout cut short \(its folder (?P<folder>.+) "
     r"was never named\), never a field package: run the same checkout again \(to (?P<out>.+)\), "
     r"which makes the project",
     "{path} 是中断的 QField 签出的数据包（其文件夹 {folder} 未命名），不是外业数据包：请再次运行"
     "同一签出命令（签出到 {out}），即可生成项目"),
    (r"(?P<path>.+) is what a checkout cut short left, never a field package: run the same "
     r"checkout again \(to (?P<out>.+)\), which makes the package",
     "{path} 是签出中断时留下的文件，不是外业数据包：请再次运行同一签出命令（签出到 {out}），"
     "即可生成数据包"),
    (r"the checkout to (?P<out>.+) cut short before is finished; (?P<part>.+), left by an "
     r"earlier run of it and no longer registered, was removed",
     "此前中断的签出（签出到 {out}）已完成；{part} 是其更早一次运行留下的文件，已不再登记，已删除"),
    (r"the checkout to (?P<folder>.+) cut short before is finished",
     "此前中断的签出（签出到 {folder}）已完成"),
    (r"the QField project (?P<folder>.+?) was not made \((?P<rest>.+)\): run the same command "
     r"again, which makes it",
     "QField 项目 {folder} 未生成（{rest}）：请再次运行同一命令，即可生成"),
    (r"cancelled by the user once the master had registered device (?P<device>\S+): the QField "
     r"project (?P<folder>.+?) was not made; run the same command again, which makes it",
     "已取消，但主库已登记设备 {device}：QField 项目 {folder} 未生成；请再次运行同一命令，"
     "即可生成"),
    # a command stopped once it had committed (field_kit.cli.stopping)
    (r"(?P<sig>interrupted \(Ctrl-C\)|stopped \(SIGTERM\)) after its changes were committed: "
     r"`field-kit (?P<cmd>[\w-]+)` is done in (?P<path>.+); run `field-kit status` on it to see "
     r"what it holds",
     "{sig}，但其更改已提交：`field-kit {cmd}` 已在 {path} 中完成；可运行 `field-kit status` "
     "查看其内容"),
    (r"(?P<sig>interrupted \(Ctrl-C\)|stopped \(SIGTERM\)) after its changes were committed: "
     r"`field-kit pull` is done in (?P<path>.+), its zip for QField \((?P<zip>.+)\) not written "
     r"yet: run the same pull again, which writes it",
     "{sig}，但其更改已提交：`field-kit pull` 已在 {path} 中完成，供 QField 使用的 ZIP（{zip}）"
     "尚未写出：请再次运行同一拉取命令，即可写出"),
    (r"(?P<sig>interrupted \(Ctrl-C\)|stopped \(SIGTERM\)) after its changes were committed: "
     r"device (?P<device>\S+) is registered in (?P<path>.+), its package not yet named "
     r"(?P<out>.+): run the same checkout again, which makes it",
     "{sig}，但其更改已提交：设备 {device} 已在 {path} 中登记，其数据包尚未命名为 {out}："
     "请再次运行同一签出命令，即可生成"),
    (r"(?P<sig>interrupted \(Ctrl-C\)|stopped \(SIGTERM\)) after its changes were committed: "
     r"`field-kit checkout` is done: device (?P<device>\S+) is registered in (?P<path>.+) and "
     r"its package (?P<out>.+) is written",
     "{sig}，但其更改已提交：`field-kit checkout` 已完成：设备 {device} 已在 {path} 中登记，"
     "其数据包 {out} 已写出"),
    (r"(?P<sig>interrupted \(Ctrl-C\)|stopped \(SIGTERM\)): no package was written and device "
     r"(?P<device>\S+) was not registered in (?P<path>.+)",
     "{sig}：未写出数据包，设备 {device} 未在 {path} 中登记"),
    (r"(?P<sig>interrupted \(Ctrl-C\)|stopped \(SIGTERM\)): no package was written and device "
     r"(?P<device>\S+) was not registered again in (?P<path>.+): its earlier package stands",
     "{sig}：未写出数据包，设备 {device} 未在 {path} 中重新登记：其先前的数据包仍然有效"),
    (r"(?P<sig>interrupted \(Ctrl-C\)|stopped \(SIGTERM\)) after its changes were committed: "
     r"the change package (?P<out>.+) is written and (?P<path>.+) noted it as sent",
     "{sig}，但其更改已提交：修改包 {out} 已写出，{path} 已记为已发送"),
    (r"(?P<sig>interrupted \(Ctrl-C\)|stopped \(SIGTERM\)) after its changes were committed: "
     r"the change package (?P<out>.+) is whole and can be merged, but (?P<path>.+) has not "
     r"noted that it was sent: the next export carries these changes again \(merging them "
     r"twice changes nothing\)",
     "{sig}，但其更改已提交：修改包 {out} 完整，可以合并，但 {path} 尚未记为已发送：下次导出"
     "会再次带上这些修改（重复合并不会改变任何内容）"),
    (r"interrupted \(Ctrl-C\); nothing was committed", "已中断（Ctrl-C）；未提交任何更改"),
    (r"stopped \(SIGTERM\); nothing was committed", "已被终止（SIGTERM）；未提交任何更改"),
    (r"(?P<path>.+) is a field package, not a master: pull takes the package first: field-kit "
     r"pull PACKAGE MASTER \(here field-kit pull (?P<typed>.+)\); nothing was pulled",
     "{path} 是外业数据包，不是主库：拉取时数据包在前：field-kit pull 数据包 主库（此处应为 "
     "field-kit pull {typed}）；未拉取任何内容"),
    (r"(?P<path>.+) is a field package, not a master", "{path} 是外业数据包，不是主库"),
    (r"(?P<path>.+) is a master, not a field package", "{path} 是主库，不是外业数据包"),
    (r"(?P<path>.+) is the master, not a field package", "{path} 是主库，不是外业数据包"),
    (r"open a package made from it by checkout: field-kit checkout (?P<cmd>.+)",
     "请打开从它签出（checkout）的外业数据包：field-kit checkout {cmd}"),
    (r"(?P<path>.+) is a GeoPackage \(a master or a field package\), not a change package: "
     r"an export never writes over one; nothing was changed: give the change package a name "
     r"of its own \(field-kit export (?P<typed>.+) OUT\.zip\)",
     "{path} 是 GeoPackage（主库或外业数据包），不是修改包：导出从不覆盖它；未作任何更改：请给"
     "修改包另起一个名字（field-kit export {typed} OUT.zip）"),
    (r"(?P<path>.+) is named as a GeoPackage \(\.gpkg\), not as a change package; nothing "
     r"was changed: give the change package a name ending in \.zip \(field-kit export "
     r"(?P<pkg>.+) OUT\.zip\)",
     "{path} 以 .gpkg 结尾，是 GeoPackage 的文件名，不是修改包的；未作任何更改：请给修改包起一个"
     "以 .zip 结尾的名字（field-kit export {pkg} OUT.zip）"),
    (r"no change package given; nothing was merged", "未给出修改包；未合并任何修改包"),
    (r"no such file: (?P<path>.+); nothing was merged", "文件不存在：{path}；未合并任何修改包"),
    (r"no such file: (?P<path>.+)", "文件不存在：{path}"),
    (r"cannot write (?P<path>.+): (?P<folder>.+), where it is written before it takes its "
     r"name, is a folder; nothing was changed: .*",
     "无法写入 {path}：它先写为 {folder}，写完再改名，而 {folder} 是一个文件夹；未作任何更改："
     "请移走该文件夹或为其改名，然后重新执行"),
    (r"(?P<path>.+) is a folder, not a file; .*",
     "{path} 是文件夹，不是文件；未作任何更改：请给出文件名"),
    (r"device (?P<device>\S+) has a field package already \(checked out (?P<at>[^()]+)\).*",
     "设备 {device} 已有外业数据包（签出于 {at}）：请换一个设备名称；或替换该数据包"
     "（field-kit checkout --replace），此后旧数据包将无法合并，也无法拉取主库更新"),
    (r"cannot read (?P<path>.+): a command that was interrupted left (?P<journal>\S+) .*"
     r"nothing was changed: it is a master: .*",
     "无法读取 {path}：一个被中断的命令在其旁留下了 {journal}，用于撤销其未完成的写入；文件为只读"
     "（文件、其所在文件夹或磁盘），无法撤销；没有该日志文件，此文件不完整；未作任何更改：这是"
     "主库：请其所有者将其改为可写入，或在可写入它的地方运行；不要在其副本上运行（副本是同一主库"
     "编号的第二个主库，其外业数据包会被原主库拒收）"),
    (r"cannot read (?P<path>.+): a command that was interrupted left (?P<journal>\S+) .*",
     "无法读取 {path}：一个被中断的命令在其旁留下了 {journal}，用于撤销其未完成的写入；文件为只读"
     "（文件、其所在文件夹或磁盘），无法撤销；没有该日志文件，此文件不完整；未作任何更改：请将"
     "文件及其 -journal 一起复制到可写入的位置，或联系其所有者"),
    # (field_kit.sync.pull_read_only)
    (r"cannot pull from (?P<path>.+): it is read-only \(the file, its folder or the disk\), and "
     r"the pull must first log in it what was done to it since the last command that wrote "
     r"it: (?P<to_write>.+); nothing was changed: ask its owner to run field-kit repair on it, "
     r"which logs that, or copy it where you may write",
     "无法从 {path} 拉取：它是只读的（文件、其所在文件夹或磁盘），而拉取须先在其中记入自上次"
     "写入它的命令以来对它所作的：{to_write}；未作任何更改：请其所有者对它运行 field-kit repair "
     "以记入这些，或将它复制到可写入的位置"),
    (r"(?P<n>\d+) edits? captured and not logged yet", "{n} 项已捕获但尚未记入日志的编辑"),
    (r"change capture as an earlier version installed it, to bring up to date",
     "由早先版本安装的变更捕获，需更新"),
    (r"layers or columns added, to be tracked: (?P<rest>.+)", "新增的图层或字段，需跟踪：{rest}"),
    (r"cannot write (?P<path>.+): read-only \(the file, its folder or the disk\); nothing was "
     r"changed: it is a master: .*",
     "无法写入 {path}：文件、其所在文件夹或磁盘为只读；未作任何更改：这是主库：请其所有者将其改为"
     "可写入，或在可写入它的地方运行；不要在其副本上运行（副本是同一主库编号的第二个主库，"
     "其外业数据包会被原主库拒收）"),
    (r"cannot write (?P<path>.+): read-only .*",
     "无法写入 {path}：文件、其所在文件夹或磁盘为只读；未作任何更改：请复制到可写入的位置，"
     "或联系其所有者"),
    (r"cannot write a temporary file in (?P<folder>.+), the folder for temporary files: .*",
     "无法在临时文件夹 {folder} 中写入临时文件：其所在磁盘已满；未作任何更改：请在该处释放空间，"
     "或将 TMPDIR 设为有空间的磁盘上的文件夹，然后重新执行"),
    (r"cannot write (?P<path>.+): the disk is full; nothing was changed: the checkout needs "
     rf"about (?P<size_need>{SIZE}) free there while it works; (?P<size_free>{SIZE}) (?:is|are) "
     r"free there: .*",
     "无法写入 {path}：磁盘已满；未作任何更改：签出过程中该处约需可用空间 {size_need}，现有 "
     "{size_free}：请释放空间后重新执行"),
    (r"cannot write (?P<path>.+): the disk is full; nothing was changed: the change package "
     rf"needs about (?P<size_need>{SIZE}) there; (?P<size_free>{SIZE}) (?:is|are) free there: "
     r".*",
     "无法写入 {path}：磁盘已满；未作任何更改：修改包约需空间 {size_need}，该处现有 "
     "{size_free}：请释放空间，或导出到其他磁盘，然后重新执行"),
    (rf"cannot write (?P<path>.+): the disk is full; nothing was changed: (?P<size_free>{SIZE}) "
     r"(?:is|are) free there: .*",
     "无法写入 {path}：磁盘已满；未作任何更改（该处现有可用空间 {size_free}）：请释放空间后"
     "重新执行"),
    (r"cannot write (?P<path>.+): the disk is full.*",
     "无法写入 {path}：磁盘已满；未作任何更改：请释放空间后重新执行"),
    (r"(?P<path>.+) is damaged \(SQLite: (?P<sqlite_why>.+)\); nothing was changed: restore "
     r"it from a backup; the edits made in it and not exported yet are in it alone, and are "
     r"lost without a backup; with none, check its device out again: (?P<again>.+)",
     "{path} 已损坏（{sqlite_why}）；未作任何更改：请从备份恢复；其中尚未导出的编辑只在此文件中，"
     "没有备份即会丢失；没有备份时，请重新签出其设备：{again}"),
    (r"(?P<path>.+) is damaged \(SQLite: (?P<sqlite_why>.+)\); nothing was changed: restore "
     r"it from a backup; if it is a field package: the edits made in it and not exported yet "
     r"are in it alone, and are lost without a backup; with none, check its device out "
     r"again: (?P<again>.+)",
     "{path} 已损坏（{sqlite_why}）；未作任何更改：请从备份恢复；若为外业数据包：其中尚未导出的"
     "编辑只在此文件中，没有备份即会丢失；没有备份时，请重新签出其设备：{again}"),
    (r"(?P<path>.+) is damaged \(SQLite: (?P<sqlite_why>.+)\); nothing was changed.*",
     "{path} 已损坏（{sqlite_why}）；未作任何更改：请从备份恢复"),
    (r"(?P<path>.+) is damaged \(its copy cannot be read back\); nothing was changed.*",
     "{path} 已损坏（其副本无法读回）；未作任何更改：请从备份恢复"),
    (r"cannot write (?P<path>.+): its folder (?P<folder>.+) does not exist; nothing was "
     r"changed.*", "无法写入 {path}：文件夹 {folder} 不存在；未作任何更改：请先建立该文件夹，或给出"
     "已有文件夹中的路径"),
    (r"cannot write (?P<path>.+): its folder (?P<folder>.+) may not be written \(read-only, "
     r"the folder or its disk, or no permission\); nothing was changed.*",
     "无法写入 {path}：文件夹 {folder} 不可写入（文件夹或其所在磁盘为只读，或无写入权限）；"
     "未作任何更改：请选择可写入的文件夹"),
    (r"cannot open (?P<path>.+) \(a folder .*",
     "无法打开 {path}（文件夹不可写入，或文件不可读取）；未作任何更改"),
    (r"cannot read or write (?P<path>.+): permission denied.*",
     "无权读取或写入 {path}；未作任何更改"),
    (r"cannot read or write (?P<path>.+): the disk failed.*",
     "无法读取或写入 {path}：磁盘出错；未作任何更改"),
    # (its mine_patches not the plan's: the layer as QGIS shows it, its table in brackets)
    (r"--township needs the plan's layers .*; .+ has none \(its layer (?P<patch_layer>.+) has "
     r"no column (?P<listed>.+)\): cut it by --bbox W,S,E,N instead",
     "按乡镇签出需要规划图层（含 township 字段的 mine_patches 等）；此主库没有：其图层"
     "{patch_layer}缺少字段 {listed}，不是规划的图层：请改用 --bbox 按范围签出"),
    (r"--township needs the plan's layers .*; .+ has none \(its layer (?P<patch_layer>.+) is "
     r"not tracked\): cut it by --bbox W,S,E,N instead",
     "按乡镇签出需要规划图层（含 township 字段的 mine_patches 等）；此主库没有：其图层"
     "{patch_layer}未被跟踪：请改用 --bbox 按范围签出"),
    (r"--patches needs the plan's layer mine_patches; .+ has none \(its layer "
     r"(?P<patch_layer>.+) has no column (?P<listed>.+)\): cut it by --bbox W,S,E,N instead",
     "按所选图斑签出需要规划图层 mine_patches；此主库没有：其图层{patch_layer}缺少字段 "
     "{listed}，不是规划的图层：请改用 --bbox 按范围签出"),
    (r"--patches needs the plan's layer mine_patches; .+ has none \(its layer "
     r"(?P<patch_layer>.+) is not tracked\): cut it by --bbox W,S,E,N instead",
     "按所选图斑签出需要规划图层 mine_patches；此主库没有：其图层{patch_layer}未被跟踪：请改用 "
     "--bbox 按范围签出"),
    (r"--patches needs the plan's layer mine_patches; .*",
     "按所选图斑签出需要规划图层 mine_patches；此主库没有：请改用 --bbox 按范围签出"),
    (r"no mine patch has the uuid or patch code (?P<given>.+) \(in (?P<patch_layer>.+)\): "
     r"nothing was checked out",
     "图层{patch_layer}中没有 uuid 或图斑编号为 {given} 的矿山图斑：未签出任何数据包"),
    (r"no feature of (?P<patch_layer>.+) has the uuid (?P<given>.+): nothing was checked out",
     "图层{patch_layer}中没有 uuid 为 {given} 的要素：未签出任何数据包"),
    (r"(?P<sync_table>\S+) is the plan's layer, cut by --patches, --township or --bbox, not by "
     r"--features: nothing was checked out",
     "{sync_table} 是规划图层，按 --patches、--township 或 --bbox 裁切，不能用 --features："
     "未签出任何数据包"),
    (r"(?P<given>.+) is not a tracked layer of the master \(--features names a layer of the "
     r"county's own\): nothing was checked out",
     "{given} 不是主库中被跟踪的图层（--features 指定的是县自有图层）：未签出任何数据包"),
    (r"--township needs the plan's layers .*",
     "按乡镇签出需要规划图层（含 township 字段的 mine_patches 等）；此主库没有："
     "请改用 --bbox 按范围签出"),
    (r"not a GeoPackage: (?P<path>\S+) \(a zip file cut short or damaged, .*",
     "不是 GeoPackage 文件：{path}（是不完整或已损坏的 zip 文件，缺少其成员列表）：请重新完整复制"),
    (r"not a GeoPackage: (?P<path>\S+) \(a zip file: .*",
     "不是 GeoPackage 文件：{path}（是 zip 文件：修改包应合并到主库；打包的 QField 项目请给出其解压"
     "后的文件夹）"),
    (r"not a GeoPackage: (?P<path>\S+).*", "不是 GeoPackage 文件：{path}"),
    (r"the rows pulled were not checked for NaN: (?P<master>.+? \(schema [^)]+\)) cannot be "
     r"reached now \((?P<libpq>.+)\); where the master holds NaN in them, the package holds "
     r"it as empty \(NULL\)",
     "拉取的要素未检查 NaN（非数值）：此时无法连接 {master}，{what}（{libpq}）；主库中这些要素若有 "
     "NaN，数据包中为空值（NULL）"),
    (r"the rows checked out were not checked for NaN: (?P<master>.+? \(schema [^)]+\)) cannot "
     r"be reached now \((?P<libpq>.+)\); where the master holds NaN in them, the package holds "
     r"it as empty \(NULL\)",
     "签出的要素未检查 NaN（非数值）：此时无法连接 {master}，{what}（{libpq}）；主库中这些要素若有 "
     "NaN，数据包中为空值（NULL）"),
    (r"(?P<table>\S+): NaN in (?P<nan>.+): a GeoPackage cannot hold NaN, so packages and "
     r"pulls carry it as empty \(NULL\); the master keeps its NaN until the field is edited",
     "{table} 中有 NaN（非数值）：{nan}；GeoPackage 不能保存 NaN，数据包和拉取中为空值（NULL），"
     "主库中的 NaN 保留到该字段被修改为止"),
    (r"(?P<table>[^.\s]+)\.(?P<cols>\S+) refers to (?P<ref>[^.\s]+)\.(?P<key>\S+), a key each "
     r"copy numbers for itself: .*",
     "{table}.{cols} 引用 {ref}.{key}，而该主键在每个副本中各自编号：外业数据包在 {ref} 中新增的"
     "要素在主库中会得到另一个 {key}，数据包中按 {key} 引用它的 {table} 要素合并后将指向其他要素"
     "或不存在的要素，且不报错；请改用 uuid 引用要素"),
    (r"EPSG:(?P<code>\d+) is not a coordinate system this import knows: .*",
     "EPSG:{code} 不是导入所认识的坐标系：请用 CGCS2000（EPSG:4490）、CGCS2000 高斯-克吕格"
     "分带（EPSG:4491-4554）或 WGS 84（EPSG:4326）"),
    (r"unknown coordinate system \(neither CGCS2000 nor WGS 84\): (?P<text>.+)",
     "坐标系既非 CGCS2000 也非 WGS 84：{text}"),
    (r"the source does not say its coordinate system \(no \.prj\)(?:; (?P<hint>.+))?",
     "数据源未说明其坐标系（没有 .prj 文件）{hint}"),
    (r"the data is in (?P<system>.+), not CGCS2000: the two differ by up to about 100 m and "
     r"there are no agreed parameters to convert between them, .*",
     "数据采用 {system} 坐标系，不是 CGCS2000：两者相差可达约 100 米，且没有公认的转换参数，"
     "因此既不转换，也不当作 CGCS2000 读取；请测量单位提交 CGCS2000 数据（EPSG:4490 或 "
     "CGCS2000 高斯-克吕格分带，如 EPSG:4518），或先在其 GIS 中用本县官方转换参数转换为 "
     "CGCS2000"),
    (r"a projected WGS 84 system \(e\.g\. UTM\) is not supported: (?P<text>.+)",
     "不支持 WGS 84 投影坐标系（如 UTM）：{text}"),
    (r"not a CRS code: (?P<text>.+) \(expected e\.g\. EPSG:4518\)",
     "不是坐标系代码：{text}（应如 EPSG:4518）"),
    # the command line's own (argparse's) errors
    (r"the following arguments are required: (?P<args>.+)", "缺少必需的参数：{args}"),
    (r"one of the arguments (?P<args>.+) is required", "须给出以下参数之一：{args}"),
    (r"argument --take: invalid choice: (?P<got>.+) \(choose from 'ancestor', 'ours', "
     r"'theirs'\)", "参数 --take：无效的选项 {got}（可选：共同祖先（ancestor）、主库现值（ours）、"
     "另一方（theirs））"),
    (r"argument (?P<arg>\S+): invalid choice: (?P<got>.+) \(choose from (?P<choices>.+)\)",
     "参数 {arg}：无效的选项 {got}（可选：{choices}）"),
    (r"argument (?P<arg>\S+): expected one argument", "参数 {arg}：须给出一个值"),
    (r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)",
     "参数 {arg} 不能与 {other} 同时使用"),
    (r"unrecognized arguments: (?P<args>.+?) \(did you mean (?P<like>.+)\?\)",
     "无法识别的参数：{args}（是否想输入 {like}？）"),
    (r"unrecognized arguments: (?P<args>.+)", "无法识别的参数：{args}"),
    (r"argument (?P<arg>\S+): expected (?P<n>\d+) arguments?", "参数 {arg}：须给出 {n} 个值"),
    (r"argument (?P<arg>\S+): expected at least one argument", "参数 {arg}：须至少给出一个值"),
    (r"argument (?P<arg>\S+): expected at most one argument", "参数 {arg}：最多只能给出一个值"),
    (r"argument (?P<arg>\S+): ignored explicit argument (?P<got>.+)",
     "参数 {arg}：不接受值（给出了 {got}）"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",
     "选项 {option} 有歧义，可能是：{matches}"),
    (r"argument (?P<arg>\S+): invalid int value: (?P<got>.+)", "参数 {arg}：{got} 不是整数"),
    (r"argument (?P<arg>\S+): invalid float value: (?P<got>.+)", "参数 {arg}：{got} 不是数字"),
    (r"argument (?P<arg>\S+): invalid (?P<type>\w+) value: (?P<got>.+)",
     "参数 {arg}：{got} 不是有效的 {type} 值"),
    (r"argument (?P<arg>\S+): --bbox needs W < E and S < N",
     "参数 {arg}：--bbox 须满足 西 < 东 且 南 < 北"),
    (r"argument (?P<arg>\S+): (?P<text>\S+) is (?P<pct>\S+%): give a fraction such as 0\.05, or "
     r"a percentage such as (?P=text)%",
     "参数 {arg}：{text} 即 {pct}：请给出比例（如 0.05）或百分数（如 {text}%）"),
    (r"argument (?P<arg>\S+): --bbox is W,S,E,N in degrees",
     "参数 {arg}：--bbox 应为 西,南,东,北（经纬度，单位度）"),
    (r"argument (?P<arg>\S+): --features is TABLE=UUID,UUID \(a layer of the county's own and "
     r"the uuids of its features to keep\), given once for each layer",
     "参数 {arg}：--features 应为 TABLE=UUID,UUID（县自有图层及要保留的要素的 uuid），"
     "每个图层给一次"),
    (r"argument (?P<arg>\S+): --patches is patch codes or uuids, comma-separated",
     "参数 {arg}：--patches 应为图斑编号或 uuid，以逗号分隔"),
    (r"argument (?P<arg>\S+): a fraction such as 0\.05, or 5%",
     "参数 {arg}：应为比例，如 0.05 或 5%"),
    (r"argument (?P<arg>\S+): --date is YYYY-MM-DD", "参数 {arg}：应为 YYYY-MM-DD 格式的日期"),
    (r"conflict (?P<id>\d+) was undone with its merge: there is nothing to settle",
     "冲突 {id} 已随其合并一并撤销：无需处理"),
    (r"conflict (?P<id>\d+) is already resolved", "冲突 {id} 已处理"),
    (r"conflict (?P<id>\d+) was closed as dropped: layer (?P<table>\S+) was dropped from the "
     r"master; there is nothing left to settle",
     "冲突 {id} 已随图层删除关闭：图层 {table} 已从主库删除，无需处理"),
    (r"(?P<n>\d+) open conflicts? on (?P<table>\S+) closed as dropped: the layer was "
     r"dropped from the master, so there is nothing left to settle \(conflicts --every lists "
     r"(?:it|them)\)",
     "{table} 上 {n} 项未处理的冲突已随图层删除关闭：该图层已从主库删除，无需处理"
     "（conflicts --every 可列出）"),
    (r"(?P<n>\d+) open conflicts? on (?P<table>\S+) closed as dropped: the layer was "
     r"dropped from the master, so there is nothing left to settle",
     "{table} 上 {n} 项未处理的冲突已随图层删除关闭：该图层已从主库删除，无需处理"),
    (r"(?P<n>\d+) conflicts? from (?P<what>.+) on (?P<table>\S+) (?:was|were) closed as "
     r"dropped, not settled: the layer was dropped from the master \(conflicts --every lists "
     r"(?:it|them)\)",
     "来自 {what} 的 {table} 上 {n} 项冲突已随图层删除关闭，并未处理：该图层已从主库删除"
     "（conflicts --every 可列出）"),
    (r"closed as dropped at (?P<at>.+): layer (?P<table>\S+) was dropped from the master; "
     r"there is nothing left to settle",
     "已于 {at} 随图层删除关闭：图层 {table} 已从主库删除，无需处理"),
    (r"resolved (?P<n>\d+) conflicts?: (?P<ids>[\d, ]+) and (?P<more>\d+) more "
     r"\(field-kit conflicts --every lists them\)",
     "已处理 {n} 项冲突：{ids} 等（另有 {more} 项，field-kit conflicts --every 可列出全部）"),
    (r"resolved (?P<n>\d+) conflicts?: (?P<ids>[\d, ]+)", "已处理 {n} 项冲突：{ids}"),
    (r"(?P<sync_names>.+) no longer tracked in this master \(dropped or left out since\): "
     r"its conflicts cannot be settled; nothing was changed",
     "{sync_names}已不再由此主库跟踪（其后被删除或排除）：其冲突无法处理；未作任何更改"),
    # each conflict resolve settled, and what the master holds there now
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) (?P<sync_field>\S+) now holds "
     r"(?P<left_v>.+)", "冲突 {id}：{sync_table} {row}的{sync_field}现为 {left_v}"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) (?P<sync_field>\S+) still holds "
     r"(?P<left_v>.+)", "冲突 {id}：{sync_table} {row}的{sync_field}保持为 {left_v}"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) (?P<sync_field>\S+) stays empty "
     r"\(NULL\)", "冲突 {id}：{sync_table} {row}的{sync_field}仍为空（NULL）"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) (?P<sync_field>\S+) holds "
     r"nothing: the row is deleted",
     "冲突 {id}：{sync_table} {row}的{sync_field}无值：该要素已删除"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) (?P<sync_field>\S+) emptied "
     r"\(NULL\)", "冲突 {id}：{sync_table} {row}的{sync_field}已清空（NULL）"),
    (r"conflict (?P<id>\d+): (?P<n>\d+) photos? deleted with the row brought back with it "
     r"\((?P<names>.+)\)", "冲突 {id}：随该要素删除的 {n} 张照片已一并恢复（{names}）"),
    (r"conflict (?P<id>\d+): (?P<n>\d+) photos? deleted with the row not brought back: "
     r"the master no longer holds (?:its file|their files) \((?P<names>.+)\)",
     "冲突 {id}：随该要素删除的 {n} 张照片未能恢复：主库中已没有其文件（{names}）"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) row (?P<row>\S+) had been deleted in the "
     r"master: it is back whole, with the values it held when deleted and this decision",
     "冲突 {id}：{sync_table}要素 {row} 此前已在主库中删除：现已整体恢复，取其删除时的值"
     "并按本次处理写入"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+ \(row \S+\)) had been deleted in "
     r"the master: it is back whole, with the values it held when deleted and this decision",
     "冲突 {id}：{sync_table} {row}此前已在主库中删除：现已整体恢复，取其删除时的值"
     "并按本次处理写入"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) the master's row is kept as it "
     r"is", "冲突 {id}：{sync_table} {row}保留主库现有的整个要素，未作更改"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) the row is kept",
     "冲突 {id}：{sync_table} {row}整个要素保留"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) the row is put back",
     "冲突 {id}：{sync_table} {row}整个要素已恢复"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) the row is deleted",
     "冲突 {id}：{sync_table} {row}整个要素已删除"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) the row stays deleted",
     "冲突 {id}：{sync_table} {row}整个要素保持删除"),
    # what a decision dropped, by the edit that made it (a row held, by its last edit)
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) the row as last edited by "
     r"(?P<dropped_by>.+) at (?P<dropped_at>.+) is dropped",
     "冲突 {id}：{sync_table} {row}已舍弃 {dropped_by} 于 {dropped_at} 最后修改的整个要素"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) the (?P<dropped_op>edit|delete) "
     r"from (?P<dropped_by>.+) at (?P<dropped_at>.+) is dropped",
     "冲突 {id}：{sync_table} {row}已舍弃 {dropped_by} 于 {dropped_at} 所作的{dropped_op}"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) (?P<sync_field>\S+) value "
     r"(?P<v>.+) from (?P<dropped_by>.+) at (?P<dropped_at>.+) is dropped",
     "冲突 {id}：{sync_table} {row}的{sync_field}：已舍弃 {dropped_by} 于 {dropped_at} "
     "给出的值 {v}"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) the row's values with no recorded "
     r"edit \(.+\) are dropped",
     "冲突 {id}：{sync_table} {row}已舍弃整个要素的值（无修改记录：变更日志之前的值，或变更捕获"
     "关闭时写入）"),
    (r"conflict (?P<id>\d+): (?P<sync_table>\S+) (?P<row>.+) (?P<sync_field>\S+) value "
     r"(?P<v>.+) with no recorded edit \(.+\) is dropped",
     "冲突 {id}：{sync_table} {row}的{sync_field}：已舍弃值 {v}（无修改记录：变更日志之前的值，"
     "或变更捕获关闭时写入）"),
    (r"conflict (?P<id>\d+): (?P<field>\S+) emptied \(NULL\)", "冲突 {id}：{field} 已清空（NULL）"),
    (r"conflict (?P<id>\d+): the row stays deleted, as conflict (?P<by>\d+) settled it; "
     r"field (?P<field>\S+) not written",
     "冲突 {id}：该要素按冲突 {by} 的处理保持删除；字段 {field} 未写入"),
    (r"conflict (?P<id>\d+): (?P<field>\S+) \((?P<label>[^()]+)\) is required by the form: give "
     r"a value, or --take a side",
     "冲突 {id}：{field}（{label}）是表单必填项：请给出一个值，或用 --take 选一方"),
    (r"conflict (?P<id>\d+): row (?P<row>\S+) is deleted and its values were not logged: "
     r"--take ours keeps it deleted",
     "冲突 {id}：要素 {row} 已删除，且其属性值未记录：--take ours 保持删除"),
    (r"no conflict (?P<id>\S+)", "没有编号为 {id} 的冲突"),
    (r"no open conflict for (?P<what>.+): this master has merged nothing from a device, "
     r"package or merge of that name \(devices it has merged from: (?P<devices>.+)\)",
     "{what} 没有未处理的冲突：此主库从未合并过该名称的设备、修改包或合并（已合并过的设备："
     "{devices}）"),
    (r"no open conflict for (?P<what>.+): this master has merged nothing from a device, "
     r"package or merge of that name \(it has merged no package yet\)",
     "{what} 没有未处理的冲突：此主库从未合并过该名称的设备、修改包或合并（尚未合并过任何修改包）"),
    (r"no open conflict for (?P<what>.+)", "{what} 没有未处理的冲突"),
    (r"no open conflicts from (?P<what>.+?); (?P<n>\d+) open conflicts? recorded by its "
     r"merges keeps? another device's value aside: .*",
     "没有来自 {what} 的未处理冲突；其合并记录的 {n} 个未处理冲突暂存的是其他设备的值："
     "请按其合并编号或修改包处理（field-kit conflicts 列出它们）"),
    (r"no open conflicts from (?P<what>.+)", "没有来自 {what} 的未处理冲突"),
    (r"conflict (?P<id>\d+) is about a whole row: use --take",
     "冲突 {id} 针对整个要素：请用 --take 选择一方"),
    # a decision leaving a record with a code its parent code does not hold
    (_PAIR_APART + r"settle conflict (?P<others_en>.+) with it, in one command, so that the "
     r"pair fits: resolve (?P<ids>[\d ]+) --take (?P<take>\S+)(?: \(or (?P<or_takes>[^()]+)\))?"
     r"(?:, or type both: (?P<both>resolve [\d ]+(?: --value \S+)+))?",
     "冲突 {id}：{sync_table} {row}的{field_en}将为 {v}，不属于{parent_en} {pv}；未处理任何"
     "冲突：请在同一条命令中一并处理冲突 {others_en}，使两者相符：resolve {ids} --take {take}"
     "{or_takes}{both}"),
    (_PAIR_APART + r"settle conflict (?P<others_en>.+) with it, in one command, so that the "
     r"pair fits: resolve (?P<ids>[\d ]+) with one --take gives no pair that fits: type both, "
     r"(?P<both_alone>resolve [\d ]+(?: --value \S+)+)",
     "冲突 {id}：{sync_table} {row}的{field_en}将为 {v}，不属于{parent_en} {pv}；未处理任何"
     "冲突：同一条命令中一并处理冲突 {others_en}时（resolve {ids}），任何一方都不能使两者"
     "相符：请自行给出两者的值：{both_alone}"),
    (_PAIR_APART + r"settle conflict (?P<others_en>.+) with it, in one command, so that the "
     r"pair fits: resolve (?P<ids>[\d ]+) with one --take gives no pair that fits: .*",
     "冲突 {id}：{sync_table} {row}的{field_en}将为 {v}，不属于{parent_en} {pv}；未处理任何"
     "冲突：同一条命令中一并处理冲突 {others_en}时（resolve {ids}），任何一方都不能使两者"
     "相符：请用 --take ours 处理，再在主库中给两者一对相符的值"),
    (_PAIR_APART + r"give (?P=field_en) a code of (?P=parent_en) (?P=pv) \(--value\), or "
     r"--take ours to keep the pair the master holds",
     "冲突 {id}：{sync_table} {row}的{field_en}将为 {v}，不属于{parent_en} {pv}；未处理任何"
     "冲突：请用 --value 给出属于{parent_en} {pv} 的{field_en}，或用 --take ours 保留主库中现有"
     "的一对值"),
    # what a value settling it cannot take, each field's reason
    (r"conflict (?P<id>\d+): (?P<col>\S+) (?P<code>\S+) already names row (?P<row>\S+) in the "
     r"master: bringing back row (?P<this>\S+) would give it to a second row; nothing was "
     r"changed \(--take ours keeps it as it is, or give that row another code first\)",
     "冲突 {id}：{col} {code} 在主库中已是要素 {row} 的编码：恢复要素 {this} 会使第二个要素也用此"
     "编码；未作任何更改（--take ours 保持现状，或先给该要素换一个编码）"),
    (r"conflict (?P<id>\d+): (?P<col>\S+) (?P<code>\S+) already names row (?P<row>\S+) in the "
     r"master: writing it into row (?P<this>\S+) would give it to a second row; nothing was "
     r"changed \(--take ours keeps it as it is, or give that row another code first\)",
     "冲突 {id}：{col} {code} 在主库中已是要素 {row} 的编码：把它写入要素 {this} 会使两个要素用"
     "同一编码；未作任何更改（--take ours 保持现状，或先给该要素换一个编码）"),
    (r"cannot undo: (?P<undo_row>.+?) would be left with (?P<found>.+), its other field "
     r"written after the merge: undo what wrote that first, or mend the record in the master; "
     r"nothing was changed", "无法撤销：{undo_row} 将出现：{found}（另一字段是合并之后写入的）："
     "请先撤销写入该字段的操作，或在主库中修正该记录；未作任何更改"),
    (r"cannot undo: (?P<title_en>.+?) row (?P<row>\S+) would get back its (?P<label_en>.+?) "
     r"(?P<code>\S+), which its row (?P<other>\S+) holds now: a code names one row; give one "
     r"of them another code first; nothing was changed",
     "无法撤销：{title_en}的要素 {row} 会恢复其{label_en} {code}，而该编码现属其要素 {other}：一个"
     "编码只对应一个要素；请先给其中一个换编码；未作任何更改"),
    (r"conflict (?P<id>\d+): (?P<col>\S+) (?P<code>'.*'|\".*\") has spaces around it: give it "
     r"as (?P<bare>'.*'|\".*\"); nothing was changed",
     "冲突 {id}：{col} '{code}' 前后有空格：请写作 '{bare}'；未作任何更改"),
    (r"conflict (?P<id>\d+): (?P<col>\S+) left empty: each row of (?P<table>\S+) is named by "
     r"its (?P=col); give it one; nothing was changed",
     "冲突 {id}：{col} 为空：{table} 的每个要素都以 {col} 命名，请填写；未作任何更改"),
    (r"conflict (?P<id>\d+): (?P<parts>.+)", "冲突 {id}：{parts}"),
    (r"to settle one: field-kit resolve (?P<typed>.+) ID --take theirs \(or --take ours, "
     r"--take ancestor, --value V\)", "处理其中一项：field-kit resolve {typed} 编号 --take 另一方"
     "（或 --take 主库现值、--take 共同祖先、--value 值；另一方、主库现值、共同祖先也可写 theirs、"
     "ours、ancestor）"),
    (r"--take is one of ancestor, ours, theirs",
     "--take 只能是 共同祖先（ancestor）、主库现值（ours）、另一方（theirs）"),
    (r"give --take ancestor\|ours\|theirs or --value V",
     "请给出 --take ancestor|ours|theirs，或 --value 值"),
    (r"give conflict IDs or --all MERGE_ID\|PACKAGE\|DEVICE, not both",
     "请给出冲突编号或 --all 合并编号|修改包|设备，二者只能选一"),
    (r"give a conflict ID, or --all MERGE_ID\|PACKAGE\|DEVICE",
     "请给出冲突编号，或 --all 合并编号|修改包|设备"),
    (r"--value gives one value for one field, and these (?P<n>\d+) conflicts are of "
     r"(?P<k>\d+) fields \((?P<conflict_fields>.+)\); nothing was changed: give each "
     r"field's conflicts their own value, or --take a side",
     "--value 只给出一个字段的一个值，而这 {n} 项冲突涉及 {k} 个字段（{conflict_fields}）；"
     "未作任何更改：请按字段分别给值，或用 --take 选一方"),
    (r"several --value go one to each conflict ID, in order, not to --all: give the IDs "
     r"\(field-kit conflicts lists them\), resolve MASTER 1 2 --value A --value B; nothing "
     r"was changed", "多个 --value 按顺序各对应一个冲突编号，不能与 --all 同用：请给出冲突编号"
     "（field-kit conflicts 会列出），如 resolve 主库 1 2 --value A --value B；未作任何更改"),
    (r"conflict (?P<ids>[\d, ]+) given twice: give each conflict ID once, with its --value; "
     r"nothing was changed", "冲突 {ids} 重复给出：每个冲突编号只给一次，各配一个 --value；"
     "未作任何更改"),
    (r"give one --value for each conflict ID, in the same order \((?P<n>\d+) conflicts?, "
     r"(?P<k>\d+) values?\); nothing was changed",
     "请为每个冲突编号各给一个 --value，顺序与编号相同（冲突 {n} 项，值 {k} 个）；未作任何更改"),
    (r"(?P<any_col>\S+) takes a whole number, not (?P<value>.+): write it without "
     r"separators",
     "{any_col}须为整数，而不是“{value}”：请不加千位分隔符书写"),
    (r"(?P<any_col>\S+) takes a number, not (?P<value>.+): write it without separators, a "
     r"point before any decimals",
     "{any_col}须为数字，而不是“{value}”：请不加千位分隔符书写，小数用小数点"),
    (r"(?P<any_col>\S+) takes 0 or 1 \(false or true\), not (?P<value>.+)",
     "{any_col}须为 0 或 1（false 或 true），而不是“{value}”"),
    (r"(?P<any_col>\S+) takes a whole number, not (?P<value>.+)",
     "{any_col}须为整数，而不是“{value}”"),
    (r"(?P<any_col>\S+) takes a number, not (?P<value>.+)",
     "{any_col}须为数字，而不是“{value}”"),
    (r"not settled: the master's value changed since the conflict was recorded: (?P<since>.+); "
     r"nothing was changed\. Look again with field-kit conflicts: .*",
     "未处理：冲突记录之后主库的值已被修改：{since}；未作任何更改。请用 field-kit conflicts 重新"
     "查看：--take ours 保留主库现值，--over-later-edit 将此决定写入并覆盖它"),
    (r"not settled: the master's values changed since they were recorded for (?P<n>\d+) of "
     r"the (?P<m>\d+) conflicts: (?P<since>.+); none of the (?P=m) was settled, nothing was "
     r"changed\. Look again with field-kit conflicts: .*",
     "未处理：{m} 项冲突中有 {n} 个在记录之后主库的值已被修改：{since}；{m} 项冲突均未处理，未作"
     "任何更改。请用 field-kit conflicts 重新查看：--take ours 保留主库现值，--over-later-edit 将此"
     "决定写入并覆盖它"),
    (r"no merge (?P<merge>\S+)", "没有编号为 {merge} 的合并"),
    (r"merge (?P<merge>\S+) was undone already \((?P<at>[^()]+)\)",
     "合并 {merge} 已于 {at} 撤销"),
    (r"no recorded change for row (?P<row>\S+) \(history takes a row's uuid, or a patch code, "
     r"project id or program id, or a feature's name\): no row holds or held (?P=row) as its "
     r"code, id or name",
     "要素 {row} 没有任何修改记录（history 接受要素的 uuid，或图斑编号、项目编号、工程编号，或"
     "要素的名称）：没有要素现在或曾经以 {row} 为编码或名称"),
    (r"(?P<name>\S+) also named row (?P<row>\S+) of (?P<sync_table>\S+), deleted since: "
     r"`field-kit history (?P<typed>.+) (?P=row)` lists its changes",
     "{name} 也曾是{sync_table}的要素 {row} 的编码，该要素其后已删除：`field-kit history {typed} "
     "{row}` 可列出其修改"),
    (r"(?P<name>\S+) also named row (?P<row>\S+) of (?P<sync_table>\S+), renamed since: "
     r"`field-kit history (?P<typed>.+) (?P=row)` lists its changes",
     "{name} 也曾是{sync_table}的要素 {row} 的编码，该要素其后已改编码：`field-kit history "
     "{typed} {row}` 可列出其修改"),
    (r"row (?P<row>\S+) of (?P<sync_table>\S+): no change recorded since it was put in the "
     r"master", "{sync_table}的要素 {row}：放入主库以来没有修改记录"),
    (r"(?P<name>\S+) is row (?P<row>\S+) of (?P<sync_table>\S+), deleted since",
     "{name} 即{sync_table}的要素 {row}（其后已删除）"),
    (r"(?P<name>\S+) is row (?P<row>\S+) of (?P<sync_table>\S+), renamed since",
     "{name} 即{sync_table}的要素 {row}（其后已改编码）"),
    (r"(?P<name>\S+) is row (?P<row>\S+) of (?P<sync_table>\S+): no change recorded since it "
     r"was put in the master", "{name} 即{sync_table}的要素 {row}：放入主库以来没有修改记录"),
    (r"(?P<name>\S+) is row (?P<row>\S+) of (?P<sync_table>\S+)",
     "{name} 即{sync_table}的要素 {row}"),
    (r"(?P<name>\S+): record (?P<row>\S+) of (?P<sync_table>\S+) \((?P<rname>.+)\) on it has "
     r"(?P<n>\d+) changes?: `field-kit history (?P<typed>.+) (?P=row)` lists "
     r"(?:it|them)",
     "{name} 上的{sync_table} {rname} 有 {n} 项修改：`field-kit history {typed} {row}` "
     "可列出这些修改"),
    (r"(?P<name>\S+): record (?P<row>\S+) of (?P<sync_table>\S+) holds no uuid of what it is "
     r"on, only this code: listed by the code alone",
     "{name}：{sync_table} {row} 未记录其所属要素的 uuid，只记有此编码：仅按编码列出"),
    (r"(?P<name>\S+): and (?P<n>\d+) more records? on it", "{name} 上另有 {n} 条记录"),
    (r"(?P<name>\S+): record (?P<row>\S+) of (?P<sync_table>\S+) \((?P<rname>.+)\) on it, "
     r"deleted since, has (?P<n>\d+) changes?: `field-kit history (?P<typed>.+) (?P=row)` "
     r"lists (?:it|them)",
     "{name} 上的{sync_table} {rname}（其后已删除）有 {n} 项修改：`field-kit history "
     "{typed} {row}` 可列出这些修改"),
    (r"(?P<name>\S+): deleted, with (?P<n>\d+) records? on it",
     "{name}：已删除，其上有 {n} 条记录"),
    (r"(?P<name>\S+): deleted, with no record on it", "{name}：已删除，其上没有记录"),
    (r"(?P<name>\S+) names (?P<n>\d+) rows: give one's uuid: (?P<rows>.+)",
     "{name} 对应 {n} 个要素：请给出其中一个的 uuid：{rows}"),
    (r"no township is named (?P<given>.+?); the county's townships: (?P<towns>.+)",
     "没有名为 {given} 的乡镇；本县的乡镇：{towns}"),
    # (the layer as the county knows it, its table in brackets)
    (r"no mine patch in township (?P<township>.+?): nothing to cut a package to \(none in "
     r"(?P<patch_layer>.+); check it out by --bbox\)",
     "乡镇 {township} 中没有矿山图斑（图层{patch_layer}中没有），无法按乡镇签出（请用 --bbox "
     "按范围签出）"),
    (r"no mine patch in township (?P<township>.+?)(?:: nothing to cut a package to .*)?",
     "乡镇 {township} 中没有矿山图斑，无法按乡镇签出（请用 --bbox 按范围签出）"),
    (r"the box (?P<box>\S+) \(W,S,E,N, degrees\) holds no feature of (?P<sync_names>.+?): the "
     r"package holds none of them; they lie within (?P<where>.+)",
     "范围 {box}（西,南,东,北，度）内没有 {sync_names} 的任何要素：数据包中一个也没有；"
     "这些要素位于 {where}"),
    (r"the box (?P<box>\S+) \(W,S,E,N, degrees\) holds no feature of (?P<sync_names>.+?): the "
     r"package holds none of them",
     "范围 {box}（西,南,东,北，度）内没有 {sync_names} 的任何要素：数据包中一个也没有"),
    # what a package cut to an area holds of the layers cut (field_kit.sync.subset); with
    # features of layers of the county's own chosen first (the others would take them in)
    (r"cut to township (?P<township>.+?) and (?P<features_chosen>\d+ features? of .+? "
     r"chosen), the package holds: (?P<layer_counts>.+)",
     "按乡镇 {township} 及{features_chosen}裁切，数据包中有：{layer_counts}"),
    (r"cut to the (?P<n>\d+) patch(?:es)? chosen and the box (?P<box>\S+) and "
     r"(?P<features_chosen>\d+ features? of .+? chosen), the package holds: "
     r"(?P<layer_counts>.+)",
     "按所选的 {n} 个图斑、范围 {box}（西,南,东,北，度）及{features_chosen}裁切，数据包中有："
     "{layer_counts}"),
    (r"cut to the (?P<n>\d+) patch(?:es)? chosen and (?P<features_chosen>\d+ features? of "
     r".+? chosen), the package holds: (?P<layer_counts>.+)",
     "按所选的 {n} 个图斑及{features_chosen}裁切，数据包中有：{layer_counts}"),
    (r"cut to the box (?P<box>\S+) and (?P<features_chosen>\d+ features? of .+? chosen), "
     r"the package holds: (?P<layer_counts>.+)",
     "按范围 {box}（西,南,东,北，度）及{features_chosen}裁切，数据包中有：{layer_counts}"),
    (r"cut to (?P<features_chosen>\d+ features? of .+? chosen), the package holds: "
     r"(?P<layer_counts>.+)", "按{features_chosen}裁切，数据包中有：{layer_counts}"),
    (r"cut to township (?P<township>.+?), the package holds: (?P<layer_counts>.+)",
     "按乡镇 {township} 裁切，数据包中有：{layer_counts}"),
    (r"cut to the (?P<n>\d+) patch(?:es)? chosen and the box (?P<box>\S+), the package "
     r"holds: (?P<layer_counts>.+)",
     "按所选的 {n} 个图斑及范围 {box}（西,南,东,北，度）裁切，数据包中有：{layer_counts}"),
    (r"cut to the (?P<n>\d+) patch(?:es)? chosen, the package holds: (?P<layer_counts>.+)",
     "按所选的 {n} 个图斑裁切，数据包中有：{layer_counts}"),
    (r"cut to the box (?P<box>\S+), the package holds: (?P<layer_counts>.+)",
     "按范围 {box}（西,南,东,北，度）裁切，数据包中有：{layer_counts}"),
    (r"unknown role (?P<given>.+); expected technician or gis",
     "未知角色 {given}：应为 technician（技术员）或 gis（GIS 人员）"),
    (r"unknown role (?P<given>.+); expected one of (?P<roles>.+)",
     "未知角色 {given}：应为以下之一：{roles}"),
    (r"device names are 1-64 letters, digits, '\.', '-', '_' or '@': (?P<device>.*)",
     "设备名称须为 1 至 64 个字母、数字、“.”、“-”、“_”或“@”：{device}"),
    (r"give --township or --bbox, not both", "--township 与 --bbox 只能给出其一"),
    (r"give --township or --patches, not both", "--township 与 --patches 只能给出其一"),
    (r"--basemap goes with --for qfield", "--basemap 只能与 --for qfield 一起使用"),
    (r"--from goes with a PostgreSQL master \(postgresql://… or service=NAME\)",
     "--from 只用于 PostgreSQL 主库（postgresql://… 或 service=名称）"),
    (r"(?P<path>.+) is neither a master nor a field package \(no change capture in it, as in "
     r"a copy made by QGIS's Package layers or ogr2ogr\): to take a field package from the "
     r"master, run field-kit checkout MASTER OUT --device NAME; to make this file a new "
     r"master, of a project of its own, run field-kit init (?P<typed>.+)",
     "{path} 既不是主库，也不是外业数据包（其中没有修改记录，如 QGIS“打包图层”或 ogr2ogr "
     "复制所得）：要从主库取外业数据包，请运行 field-kit checkout 主库 输出文件 --device 设备名；"
     "要把此文件作为新的主库（另立一个项目），请运行 field-kit init {typed}"),
    (r"(?P<path>.+) is an empty file \(0 bytes\), neither a master nor a field package: .*",
     "{path} 是空文件（0 字节），既不是主库，也不是外业数据包：可能是复制中断，或刚建立的文件；"
     "未作任何更改：请给出主库或外业数据包的文件"),
    (r"(?P<path>.+) is not a field package", "{path} 不是外业数据包"),
    (r"(?P<path>.+) holds names that are not UTF-8 text \((?P<names>.+); � marks what cannot "
     r"be read\): a Shapefile's field names cut at its 10 bytes in the middle of a character, "
     r"say; nothing was changed: rename them \(QGIS's field editor, or ogr2ogr with -sql "
     r"giving new names\) and run it again",
     "{path} 中有不是 UTF-8 文本的名称（{names}；� 表示无法读取的部分）：例如 Shapefile 的字段名在 "
     "10 字节处从一个字符中间截断；未作任何更改：请重命名它们（QGIS 的字段编辑器，或用 ogr2ogr 的 "
     "-sql 给出新名称）后再运行"),
    (r"(?P<path>.+?) belongs to another project"
     r"(?P<other_project>: checked out from .+; this master is .+)?",
     "{path} 属于另一个项目{other_project}"),
    (rf"(?P<path>.+?): (?P<elsewhere>{_ELSEWHERE}); nothing was pulled: pull it from "
     r"(?P<master>.+)", "{path}：{elsewhere}；未拉取任何内容：请从 {master} 拉取"),
    (r"(?P<path>.+): device (?P<device>'[^']*') is not registered in this master \(the "
     r"package is from another master made from the same plan\): pull it from the master it "
     r"was checked out from",
     "{path}：设备 {device} 未在此主库中登记（该数据包来自用同一规划制作的另一个主库）："
     "请从签出它的主库拉取"),
    (r"(?P<path>.+) is not device (?P<device>'[^']*')'s checkout this master holds \(an "
     r"earlier checkout, replaced by checkout --replace, or one from another master made from "
     r"the same plan\): its edits would be refused at merge; nothing was pulled",
     "{path} 不是此主库所登记的设备 {device} 的签出（是较早的签出，已被 checkout --replace "
     "取代，或来自用同一规划制作的另一个主库）：其编辑在合并时会被拒绝；未拉取任何内容"),
    (r"(?P<zip>.+?) is not a readable zip \((?P<os_why>.*)\)",
     "{zip} 不是可读取的 ZIP 文件（{os_why}）"),
    (r"(?P<zip>.+?): member (?P<member>.+) would leave its folder",
     "{zip}：包内文件 {member} 会越出其文件夹"),
    (r"(?P<zip>.+?) holds no (?P<gpkg>\S+): not a QField project of a field package",
     "{zip} 中没有 {gpkg}：不是外业数据包的 QField 项目"),
    (r"the folder (?P<folder>.+?) is a QField project whose (?P<gpkg>\S+) is missing "
     r"\(copied back without it\): copy (?P=gpkg) back from the phone \((?P<phone>.+?)\) into "
     r"(?P=folder) and run this again; (?P<zip>.+?) beside it holds a (?P=gpkg), as it was "
     r"when the zip was written: to export that copy, move the folder (?P=folder) away and "
     r"export (?P=zip)",
     "文件夹 {folder} 是 QField 项目，但缺少其 {gpkg}（复制回来时遗漏了）：请从手机（{phone}）"
     "把 {gpkg} 复制回 {folder} 后重新运行；旁边的 {zip} 中有一份 {gpkg}（写出该 ZIP 时的"
     "状态）：要导出那一份，请把文件夹 {folder} 移开后导出 {zip}"),
    (r"the folder (?P<folder>.+?) is a QField project whose (?P<gpkg>\S+) is missing "
     r"\(copied back without it\): copy (?P=gpkg) back from the phone \((?P<phone>.+?)\) into "
     r"(?P=folder) and run this again",
     "文件夹 {folder} 是 QField 项目，但缺少其 {gpkg}（复制回来时遗漏了）：请从手机（{phone}）"
     "把 {gpkg} 复制回 {folder} 后重新运行"),
    (r"no (?P<gpkg>\S+) in the folder (?P<folder>.+?): give a field package or a QField "
     r"project folder",
     "文件夹 {folder} 中没有 {gpkg}：请给出外业数据包或 QField 项目文件夹"),
    (r"no (?P<gpkg>\S+) in the folder (?P<folder>.+)", "文件夹 {folder} 中没有 {gpkg}"),
    (r"(?P<folder>.+?) exists and is not a folder: move it away to unpack (?P<zip>.+)",
     "{folder} 已存在且不是文件夹：请将其移开，以便解压 {zip}"),
    (r"(?P<zip>.+?) is a zipped QField project: give the folder it is unpacked to "
     r"\((?P<folder>.+?), as field-kit export unpacks it\) or the (?P<gpkg>\S+) in it",
     "{zip} 是压缩的 QField 项目：请给出其解压后的文件夹（{folder}，field-kit export 解压到此处），"
     "或其中的 {gpkg}"),
    (r"no such basemap file: (?P<path>.+)", "底图文件不存在：{path}"),
    (r"(?P<name>.+?): no EPSG code in its GeoTIFF keys; save it with one \(gdal_translate "
     r"-a_srs EPSG:4490 \.\.\.\) or give MBTiles",
     "{name}：其 GeoTIFF 键中没有 EPSG 坐标系代码：请带上坐标系另存（gdal_translate -a_srs "
     "EPSG:4490 ...），或改用 MBTiles"),
    (r"(?P<name>.+?) is neither MBTiles nor GeoTIFF", "{name} 既不是 MBTiles 也不是 GeoTIFF"),
    (r"photos? larger than the package's photo_long_edge_px \((?P<edge>\d+) px\) and no way "
     r"to make (?:it|them) smaller here: (?P<names>.+?); nothing was exported: making photos "
     r"smaller "
     r"needs PyQt5, the field app's toolkit: install it \((?P<pip>.+?)\) and export again",
     "照片大于数据包的 photo_long_edge_px（{edge} 像素），且此处无法缩小：{names}；未导出："
     "缩小照片需要野外核查程序所用的 PyQt5：请安装（{pip}）后重新导出"),
    (r"(?P<name>.+?) could not be made smaller than (?P<edge>\d+) px; nothing was exported: "
     r"open and save it again with an image editor, or delete its photo record",
     "{name} 无法缩小到 {edge} 像素以内；未导出：请用图像编辑软件打开后重新保存，或删除其照片记录"),
    (r"no such mapping file: (?P<path>.+)", "映射文件不存在：{path}"),
    (r"cannot use the mapping (?P<path>.+?): (?P<os_why>.+)", "无法使用映射文件 {path}：{os_why}"),
    (r"a basemap is an MBTiles or GeoTIFF file, not (?P<path>.+)",
     "底图须为 MBTiles 或 GeoTIFF 文件，而不是 {path}"),
    (r"(?P<path>.+?) holds no plan data: no table (?P<table>\S+(?:, \S+)*)",
     "{path} 中没有规划数据：没有表 {table}"),
    (r"(?P<path>.+?) holds figures no report can count or check: (?P<figures>.+?)(?: and "
     r"(?P<more>\d+) more)?; write each as a number \(or empty\) in the master, then report "
     r"again",
     "{path} 中有报告无法计算或核对的数值：{figures}{more_said}；请在主库中将其改为数字（或留空）"
     "后再生成报告"),
    (r"the pull brought figures no report can count or check, as the master holds them: "
     r"(?P<figures>.+?)(?: and (?P<more>\d+) more)?; write each as a number \(or empty\) in "
     r"the master, then pull again",
     "拉取带来了报告无法计算或核对的数值（与主库所存一致）：{figures}{more_said}；请在主库中将其"
     "改为数字（或留空）后再拉取"),
    (r"the checkout brought figures no report can count or check, as the master holds them: "
     r"(?P<figures>.+?)(?: and (?P<more>\d+) more)?; write each as a number \(or empty\) in "
     r"the master, then pull",
     "签出带来了报告无法计算或核对的数值（与主库所存一致）：{figures}{more_said}；请在主库中将其"
     "改为数字（或留空）后再拉取"),
    (r"--out must end in \.xlsx \(Excel workbook\) or \.pdf, not (?P<out>.+)",
     "--out 须以 .xlsx（Excel 工作簿）或 .pdf 结尾，而不是 {out}"),
    (r"no such folder for the report: (?P<folder>.+)", "报告所在的文件夹不存在：{folder}"),
    (r"the report date (?P<day>\S+) is after today \((?P<today>\S+)\): a report counts the "
     r"records made up to its date, and those after today are not made yet; give today's date "
     r"or an earlier one",
     "报告日期 {day} 晚于今天（{today}）：报告统计截至报告日期的记录，今天以后的记录尚未产生；"
     "请填写今天或更早的日期"),
    (r"the report date (?P<day>\S+) is before (?P<year>\d+), the plan's base year: check its "
     r"year", "报告日期 {day} 早于规划基准年 {year} 年：请检查年份"),
    (r"not a PostgreSQL address: (?P<address>.+)", "不是 PostgreSQL 主库地址：{address}"),
    (r"not a valid PostgreSQL address: (?P<said>.+)", "不是有效的 PostgreSQL 地址：{said}"),
    (r"the address has an unknown keyword: (?P<key>\S+) \(libpq's are .*\)",
     "地址中有未知的关键字：{key}（libpq 的关键字有 host、port、dbname、user、service、sslmode 等；"
     "schema=名称 指定模式）"),
    (r"the address has an unknown query parameter: (?P<key>\S+) \(libpq's are .*\)",
     "地址中有未知的查询参数：{key}（libpq 的参数有 host、port、dbname、user、service、sslmode 等；"
     "schema=名称 指定模式）"),
    (r"the address's host in square brackets is not an IPv6 address: .*",
     "地址中方括号内的主机不是 IPv6 地址：套接字目录请写作 host=目录（postgresql://用户@/数据库?host=目录）"),
    (r"the address holds a password; .*",
     "地址中含有密码：命令行上的密码本机所有用户都能看到，请写入 ~/.pgpass 或 pg_service.conf"),
    (r"a PostgreSQL master needs psycopg2 .*",
     "使用 PostgreSQL 主库需要 psycopg2（Debian：python3-psycopg2；QGIS 自带）"),
    (r"import works on a GeoPackage master, not on a PostgreSQL one yet: .*",
     "导入目前只能用于 GeoPackage 主库，尚不能用于 PostgreSQL 主库：请导入到 GeoPackage 后合并，"
     "或用 QGIS 或 ogr2ogr 把图层载入 PostgreSQL"),
    (r"the master changed since this import was planned: plan it again",
     "规划此次导入之后主库已有改动：请重新规划"),
    (r"the plan's layers must be in longitude/latitude \(EPSG:4490, or EPSG:4326\), as every "
     r"part of the toolkit reads them; (?P<crs>.+): bring them to EPSG:4490 first, e\.g\. "
     r"(?P<cmd>.+?) \(a county's own layers may stay in any coordinate system\)",
     "规划图层须为经纬度坐标（EPSG:4490 或 EPSG:4326），工具各部分均按经纬度读取它们；{crs}："
     "请先转换为 EPSG:4490，例如 {cmd}（县自有图层可保留任意坐标系）"),
    (r"cannot import into (?P<layer>\S+) of (?P<path>.+?): (?P<crs>.+), not longitude/latitude "
     r"\(EPSG:4490\) as the toolkit reads the plan's layers: bring them to EPSG:4490 first, "
     r"e\.g\. (?P<cmd>.+)",
     "无法导入到 {path} 的 {layer}：{crs}，不是经纬度坐标（EPSG:4490），而工具按经纬度读取"
     "规划图层：请先转换为 EPSG:4490，例如 {cmd}"),
    (r"--bbox (?P<box>\S+) does not meet the county, whose extent is (?P<ext>\S+) \(W,S,E,N, "
     r"degrees\): metres\? .*",
     "--bbox {box} 与县域不相交，县域范围为 {ext}（西,南,东,北，度）：是否为米制坐标？请以度为"
     "单位给出 西,南,东,北（EPSG:4490）；数据包将不含任何图斑"),
    (r"--bbox (?P<box>\S+) does not meet the county, whose extent is (?P<ext>\S+) \(W,S,E,N, "
     r"degrees\): latitude and longitude swapped\? .*",
     "--bbox {box} 与县域不相交，县域范围为 {ext}（西,南,东,北，度）：是否把经纬度写反了？请按"
     "西,南,东,北 给出，经度在前；数据包将不含任何图斑"),
    (r"--bbox (?P<box>\S+) does not meet the county, whose extent is (?P<ext>\S+) \(W,S,E,N, "
     r"degrees\): .*",
     "--bbox {box} 与县域不相交，县域范围为 {ext}（西,南,东,北，度）：范围在别处；数据包将不含"
     "任何图斑"),
    (r"--bbox (?P<box>\S+) is not longitude and latitude: .*",
     "--bbox {box} 不是经纬度：请以度为单位给出 西,南,东,北（EPSG:4490）"),
    (r"cannot import into (?P<layer>.+?): choose one of (?P<layers>.+)",
     "无法导入到 {layer}：请从以下图层中选择：{layers}"),
    (r"(?P<path>.+?) has no layer (?P<layer>.+)", "{path} 中没有图层 {layer}"),
    # (field-kit roles: a grant's column a table lacks, with the ones it has)
    (r"(?P<grant_table>.+?) has no column (?P<listed>.+?) \(its columns: "
     r"(?P<grant_cols>.+)\)", "{grant_table}中没有字段 {listed}（其字段：{grant_cols}）"),
    (r"(?P<table>\S+) has no column (?P<col>.+)", "{table} 没有字段 {col}"),
    (r"(?P<master>.+?): in use \(other transactions came first (?P<n>\d+) times\); nothing was "
     r"changed: run it again",
     "{master}：正被占用（其他事务 {n} 次先行）；未作任何更改：请重新执行"),
    (r"schema (?P<schema>\S+) already holds a master; nothing was changed",
     "模式 {schema} 中已有主库；未作任何更改"),
    (r"schema (?P<schema>\S+) does not exist; give --from GPKG to publish a GeoPackage into it",
     "模式 {schema} 不存在：请用 --from GPKG 把一个 GeoPackage 发布到其中"),
    (r"schema (?P<schema>\S+) holds no table; give --from GPKG to publish a GeoPackage into it",
     "模式 {schema} 中没有表：请用 --from GPKG 把一个 GeoPackage 发布到其中"),
    # (init: none of the tables asked for can be tracked, each with why)
    (r"no table of schema (?P<schema>\S+) can be tracked: (?P<untracked>.+); nothing was changed",
     "模式 {schema} 中没有可跟踪的表{untracked}；未作任何更改"),
    (r"no table of schema (?P<schema>\S+) can be tracked: (?P<untracked>.+); none was tracked "
     r"\(field-kit status names each with why\)",
     "模式 {schema} 中没有可跟踪的表{untracked}；未跟踪任何表（field-kit status 会列出各表"
     "及原因）"),
    (r"no feature or attribute table to track in this file \(a GeoPackage lists its layers in "
     r"gpkg_contents\)(?:: (?P<untracked>.+))?; nothing was changed",
     "此文件中没有可跟踪的要素表或属性表（GeoPackage 在 gpkg_contents 中列出其图层）{untracked}；"
     "未作任何更改"),
    (r"cancelled.*nothing was changed", "已取消，未作任何更改"),
    (r"merged before", "此前已合并"),
    # the field app's own tables in a package (field_kit.sync.registry.APP_TABLES)
    (r"the field app's drafts of its forms \(what was typed and not saved yet\), kept on this "
     r"device; they do not travel",
     "外业 App 的表单草稿（已输入但尚未保存的内容），只保存在本设备上，不随数据包传送"),
    (r"the field app's GPS track, kept on this device; it does not travel",
     "外业 App 的 GPS 轨迹，只保存在本设备上，不随数据包传送"),
    # what a command did: its result lines (field_kit.cli)
    (r"(?P<n>\d+) edits? the master refused (?:is|are) not sent again: a pull gave "
     r"(?:it|them) up for the master's values or logged (?:it|them) again as new copies",
     "主库拒收的 {n} 项修改不再发送：拉取时已改为主库的值，或已作为新副本重新记录"),
    # an export stopped as it wrote (field_kit.sync.cut_short)
    (r"the last export \(started (?P<since>[^,)]+)\) was written whole before it was stopped: "
     r"(?P<zip>.+); its changes count as sent",
     "上次导出（{since} 开始）在中断前已完整写出：{zip}，其中的修改已记为已发送"),
    (r"the last export \(started (?P<since>[^,)]+)\) was stopped as it ended: (?P<zip>.+) is "
     r"whole and can be merged, but the package did not note it as sent: the next export "
     r"sends those changes again \(merging them twice changes nothing\)",
     "上次导出（{since} 开始）刚写完即被中断：{zip} 完整，可以合并，但本机数据包未记下已发送，"
     "下次导出会再次带上这些修改（重复合并不会改变任何内容）"),
    (r"the last export \(started (?P<since>[^,)]+), to (?P<zip>.+)\) was cut short: it was "
     r"stopped before it was written whole; nothing was lost: its changes are still waiting "
     r"and go with the next export",
     "上次导出（{since} 开始，写往 {zip}）未完成：写完前被中断。没有丢失任何内容：这些修改仍在"
     "等待发送，下次导出会带上"),
    (r"its unfinished file (?P<part>.+) was removed", "未写完的文件 {part} 已删除"),
    (r"if (?P<part>.+) is on the USB stick, delete it: it is no change package",
     "如果 U 盘上有 {part}，请删除：它不是修改包"),
    (r"its unfinished file (?P<part>.+) is no change package: delete it \(the next export "
     r"removes it\)", "未写完的文件 {part} 不是修改包：请删除（下次导出会将其删除）"),
    (r"nothing to export: no local changes since checkout",
     "没有可导出的内容：自签出以来本机没有修改"),
    (r"nothing to export: no local changes since the last export",
     "没有可导出的内容：自上次导出以来本机没有修改"),
    (r"photo brought in: (?P<name>.+)", "已带入照片：{name}"),
    # how far a long command got, on a terminal (field_kit.cli.progress_line)
    (r"checkout: (?P<percent>\d+)%", "签出：{percent}%"),
    (r"export: (?P<percent>\d+)%", "导出：{percent}%"),
    (r"merge: (?P<percent>\d+)%", "合并：{percent}%"),
    (r"import: (?P<percent>\d+)%", "导入：{percent}%"),
    (r"writing into the master: (?P<percent>\d+)%", "写入主库：{percent}%"),
    (r"(?P<out>.+): (?P<n>\d+) changes?(?: \(seq (?P<seq>\d+-\d+)\))?, (?P<att>\d+) "
     r"attachments?, device (?P<device>.+)", "{out}：{n} 项修改，{att} 个附件，设备 {device}"),
    (r"of them: the (?P<w>\d+) changes? waiting and (?P<d>\d+) "
     r"deleting the photos of records deleted in the project",
     "其中：待导出的修改 {w} 项，随已删除记录删除其照片的修改 {d} 项"),
    (r"of them: the (?P<w>\d+) changes? waiting, (?P<m>\d+) made by reading in the "
     r"project's photos and (?P<d>\d+) "
     r"deleting the photos of records deleted in the project",
     "其中：待导出的修改 {w} 项，读入项目照片产生的修改 {m} 项，随已删除记录删除其照片的修改 "
     "{d} 项"),
    (r"of them: (?P<w>\d+) changes? since checkout and (?P<d>\d+) "
     r"deleting the photos of records deleted in the project",
     "其中：自签出以来的修改 {w} 项，随已删除记录删除其照片的修改 {d} 项"),
    (r"of them: (?P<w>\d+) changes? since checkout, (?P<m>\d+) made by reading in the "
     r"project's photos and (?P<d>\d+) "
     r"deleting the photos of records deleted in the project",
     "其中：自签出以来的修改 {w} 项，读入项目照片产生的修改 {m} 项，随已删除记录删除其照片的"
     "修改 {d} 项"),
    (r"of them: the (?P<w>\d+) changes? waiting and (?P<m>\d+) made by reading in the "
     r"project's photos", "其中：待导出的修改 {w} 项，读入项目照片产生的修改 {m} 项"),
    (r"of them: (?P<w>\d+) changes? since checkout and (?P<m>\d+) made by reading in "
     r"the project's photos", "其中：自签出以来的修改 {w} 项，读入项目照片产生的修改 {m} 项"),
    (r"schema changes: (?P<changes>.+)", "数据结构变更：{changes}"),
    (r"change capture installed in (?P<path>.+) \(project (?P<project>\S+), device "
     r"(?P<device>.+)\) on (?P<n>\d+) tables?",
     "已在 {path} 中安装修改记录（项目 {project}，设备 {device}），共 {n} 个表"),
    # (a PostgreSQL master's tables: no project or device to say)
    (r"change capture installed in (?P<master>.+?) on (?P<n>\d+) tables?",
     "已在 {master} 中安装修改记录，共 {n} 个表"),
    (r"(?P<source>.+) published into (?P<path>.+) with change capture on (?P<n>\d+) tables?",
     "{source} 已发布到 {path}，并已安装修改记录，共 {n} 个表"),
    (r"schema (?P<schema>\S+) was not there: made it, owned by role (?P<role>\S+), who ran "
     r"init \(a supervisor needs membership of that role\)",
     "模式 {schema} 原先不存在：已创建，归运行 init 的角色 {role} 所有（主管需为该角色的成员）"),
    (r"switching capture off and on again on the tables of schema (?P<schema>\S+) \(ALTER "
     r"TABLE … DISABLE TRIGGER, an edit, ENABLE TRIGGER\) is not watched: (?P<unwatched>.+?); "
     r"a capture trigger disabled now is still caught by every command; .*",
     "模式 {schema} 中各表的修改记录被关闭后又重新开启（ALTER TABLE … DISABLE TRIGGER、一次编辑、"
     "ENABLE TRIGGER）不会被察觉：{unwatched}；此刻停用的修改记录触发器仍会被每条命令发现；若要"
     "察觉其余情况，请以超级用户身份对主库运行任一命令一次（field-kit status ADDRESS）"),
    (r"(?P<editor>\S+) given the editors' grants on (?:PostgreSQL )?(?P<master>.+): reads every "
     r"table, edits (?P<layers>.+)",
     "已授予 {editor} 在 {master} 上的编辑人员权限：可读取所有表，可编辑 {layers}"),
    # grants --revoke: what the editors' grants gave, taken back
    (r"(?P<editor>\S+) holds none of the editors' grants on (?:PostgreSQL )?(?P<master>.+); "
     r"nothing was taken back",
     "{editor} 在 {master} 上没有编辑人员的权限；未收回任何权限"),
    (r"(?P<editor>\S+) no longer holds the editors' grants on (?:PostgreSQL )?(?P<master>.+): "
     r"took back reading its tables and editing (?P<layers>.+)",
     "已收回 {editor} 在 {master} 上的编辑人员权限：不再可读取其表，不再可编辑 {layers}"),
    (r"(?P<editor>\S+) was not given (?P<layers>.+) to edit on (?:PostgreSQL )?"
     r"(?P<master>.+); nothing was taken back",
     "{editor} 在 {master} 上未获授予编辑 {layers} 的权限；未收回任何权限"),
    (r"(?P<editor>\S+) no longer edits (?P<layers>.+) on (?:PostgreSQL )?(?P<master>.+); "
     r"still edits (?P<still>.+)",
     "已收回 {editor} 在 {master} 上编辑 {layers} 的权限；仍可编辑 {still}"),
    (r"(?P<editor>\S+) no longer edits (?P<layers>.+) on (?:PostgreSQL )?(?P<master>.+)",
     "已收回 {editor} 在 {master} 上编辑 {layers} 的权限"),
    (r"(?P<editor>\S+) was not given (?P<layers>.+) to edit: nothing to take back there",
     "{editor} 未获授予编辑 {layers} 的权限：无可收回"),
    (r"(?P<editor>\S+) may still edit (?P<layers>.+): given through PUBLIC or a role it is a "
     r"member of, not by the editors' grants; take it back there",
     "{editor} 仍可编辑 {layers}：该权限经由 PUBLIC 或其所属角色授予，而非编辑人员权限；请在授予"
     "之处收回"),
    (r"(?P<editor>\S+) owns schema (?P<schema>\S+): its rights there are its own, not the "
     r"editors' grants; nothing was changed",
     "{editor} 拥有模式 {schema}：它在其中的权限属于所有者本身，而非编辑人员权限；未作任何更改"),
    (r"(?P<editor>\S+) is a superuser: its rights are its own, not the editors' grants; "
     r"nothing was changed",
     "{editor} 是超级用户：其权限属于自身，而非编辑人员权限；未作任何更改"),
    (r"(?P<editor>\S+) is a supervisor, a member of (?P<owner>.+?), the role owning schema "
     r"(?P<schema>\S+): its rights there are that membership's, not the editors' grants "
     r"\(REVOKE \S+ FROM \S+ takes it back\); nothing was changed",
     "{editor} 是主管，是拥有模式 {schema} 的角色 {owner} 的成员：它在其中的权限来自该成员资格，"
     "而非编辑人员权限（REVOKE \"{owner}\" FROM \"{editor}\" 可收回）；未作任何更改"),
    (r"no role (?P<role_name>.+?) in the database; nothing was changed",
     "数据库中没有角色 {role_name}；未作任何更改"),
    (r"no layer (?P<tables>.+) tracked by the master in schema (?P<schema>\S+); nothing was "
     r"changed",
     "主库在模式 {schema} 中没有跟踪图层 {tables}；未作任何更改"),
    (r"(?P<editor>\S+) cannot read (?P<tables>.+?): only its owner can give that .*",
     "{editor} 无法读取 {tables}：只有其所有者能授予该权限（先将其改归拥有该模式的角色所有："
     "ALTER TABLE ... OWNER TO 该角色，再运行 grants）"),
    (r"cannot vouch for (?P<inner>.+: (?:capture was switched off there|field packages|its "
     r"type|its shapes)\b.+)",
     "无法担保：{inner}"),
    (r"no longer tracked: column (?P<column>\S+) of (?P<table>\S+) \(dropped or renamed\)",
     "不再跟踪：{table} 的字段 {column}（已删除或改名）"),
    (r"no longer tracked: (?P<table>\S+) \(dropped from the schema\)",
     "不再跟踪：{table}（已从模式中删除）"),
    (r"no longer tracked: (?P<table>\S+) \(its column (?P<column>\S+) was dropped or renamed: "
     r"rows have no key to be found by\)",
     "不再跟踪：{table}（其字段 {column} 已删除或改名：要素没有可供查找的键）"),
    # (a table rewritten in PostgreSQL so that it cannot be tracked: why, said alone)
    (r"no longer tracked: (?P<table>\S+) \((?P<rest>.+)\)", "不再跟踪：{table}（{rest}）"),
    (r"grants of column (?P<column>\S+) of (?P<table>\S+) follow its new name (?P<new>\S+): "
     r"(?P<roles>.+)", "{table} 的字段 {column} 的授权随其改名为 {new}：{roles}"),
    (r"grants of column (?P<column>\S+) of (?P<table>\S+) taken back with it: (?P<roles>.+)",
     "{table} 的字段 {column} 的授权随其删除而收回：{roles}"),
    (r"tracked under its new name: (?P<table>\S+) is now (?P<new>\S+)",
     "按新名称跟踪：{table} 现名 {new}"),
    (r"column (?P<column>\S+) of (?P<table>\S+) recorded as (?P<decl>.+?) \((?P<now>.+) in "
     r"PostgreSQL\)", "{table} 的字段 {column} 已记录为 {decl}（PostgreSQL 中为 {now}）"),
    (r"tracked: column (?P<column>\S+) of (?P<table>\S+) \(added or renamed\), (?P<n>\d+) "
     r"values? logged for field packages",
     "已跟踪：{table} 的字段 {column}（新增或改名），已为外业数据包记录 {n} 个值"),
    (r"installed the watch on capture switched off and on again \(event trigger (?P<trigger>\S+)"
     r"\), which a superuser alone can install",
     "已安装对修改记录关闭后又开启的监视（事件触发器 {trigger}），只有超级用户能安装"),
    (r"reinstalled the numbering of the change log; numbered the (?P<n>\d+) changes? logged "
     r"without a number meanwhile, so field packages pull them",
     "已重新安装变更日志的编号；期间未编号的 {n} 项修改已编号，外业数据包可拉取"),
    (r"reinstalled change capture on (?P<tables>.+)", "已重新安装修改记录：{tables}"),
    (r"edits made in those tables while capture was off cannot be recovered \(a master keeps no "
     r"record of its rows to compare with\): check them by hand",
     "修改记录关闭期间对这些表的编辑无法找回（主库不保存其各行此前状态的记录以供比对）：请人工核对"),
    (r"(?P<table>\S+): field packages' edits to it cannot be merged any more; edits made to it "
     r"in the database since the last pull are in the log but reach no package",
     "{table}：外业数据包对它的修改已无法合并；上次拉取以来在数据库中对它的编辑已记入日志，"
     "但不会到达任何数据包"),
    (r"(?P<new>\S+): field packages checked out before hold it as (?P<table>\S+); their edits to "
     r"\S+ cannot be merged: check them out again",
     "{new}：此前签出的外业数据包中它仍名为 {table}，其对 {table} 的修改无法合并：请重新签出"),
    (r"(?P<table>[^\s.]+)\.(?P<column>\S+): field packages' edits to it are refused at merge, by "
     r"name: check them out again",
     "{table}.{column}：外业数据包对它的修改在合并时会被指名拒收：请重新签出"),
    (r"(?P<table>[^\s.]+)\.(?P<column>\S+): its type (?P<now>.+) is not one the sync carries: "
     r"change it back or drop the column",
     "{table}.{column}：其类型 {now} 无法同步：请改回原类型或删除该字段"),
    (r"(?P<table>[^\s.]+)\.(?P<column>\S+): field packages checked out before hold it as its "
     r"earlier type: check them out again",
     "{table}.{column}：此前签出的外业数据包中它仍是原来的类型：请重新签出"),
    (r"(?P<table>[^\s.]+)\.(?P<column>\S+): field packages checked out before hold its values as "
     r"they were before PostgreSQL converted them to (?P<now>.+) \(no edit was logged\): check "
     r"them out again",
     "{table}.{column}：此前签出的外业数据包中保存的是 PostgreSQL 转换为 {now} 之前的值（未记录"
     "任何修改）：请重新签出"),
    (r"(?P<name>[^:]+): member (?P<member>\S+) inflates past the (?P<cap>\d+) bytes? its header "
     r"declares",
     "{name}：包内文件 {member} 解压后超过其文件头声明的 {cap} 字节（已损坏或被篡改）"),
    (r"(?P<table>\S+): capture was switched off there (?P<offthere>at .+?); edits made while it "
     r"was off may be missing from the change log .*",
     "{offthere}；关闭期间的编辑可能未记入变更日志（主库不保存其各行此前状态的记录以供比对）："
     "请人工核对"),
    (r"change capture renewed in (?P<path>.+) \(project (?P<project>\S+), device "
     r"(?P<device>.+)\) on (?P<n>\d+) tables?",
     "{path} 已是主库：其修改记录已更新（项目 {project}，设备 {device}），共 {n} 个表"),
    (r"a (?P<role>\w+)'s package does not add columns: the master refuses the changes that "
     r"fill (?P<filled>.+) \(GIS staff can add them there first\); the rest applies",
     "{role}的数据包不能新增字段：主库拒收填写字段 {filled} 的修改（GIS 人员可先在主库中新增）；"
     "其余照常合并"),
    (r"a (?P<role>\w+)'s package does not add layers: the master refuses this package whole, "
     r"every edit in it, while it holds layer (?P<layers>.+) \(GIS staff can add the layer to "
     r"the master first, and a supervisor grant it: (?P<grant>.+); then merge this package\)",
     "{role}的数据包不能新增图层：只要其中含有图层 {layers}，主库就整包拒收，其中每项修改都不合并"
     "（GIS 人员可先在主库中添加该图层，再由主管授权：{grant}；然后合并此数据包）"),
    (r"merge (?P<merge>\S+) (?P<src>.+) from (?P<device>\S+): applied (?P<a>\d+), already "
     r"applied (?P<b>\d+), conflicts (?P<c>\d+)(?P<in_changes> (?:to settle|superseded by "
     r"a later edit|\(\d+ to settle, \d+ superseded by a later edit\)) in \d+ "
     r"changes?)?, refused (?P<d>\d+)",
     "合并 {merge}：{src}，来自 {device}：应用 {a} 项，此前已应用 {b} 项，冲突 {c} 项{in_changes}，"
     "拒收 {d} 项"),
    (r"(?P<n>\d+) of the changes refused here were refused by the package's first merge, "
     r"at (?P<at>[^()]+) \(merge id (?P<merge>\S+)\), too: each decided again now, by the "
     r"master's grants and fields today, and its reason is today's",
     "此处拒收的修改中有 {n} 项在该数据包首次合并时（{at}，合并编号 {merge}）已被拒收：现按主库"
     "今天的权限和字段重新判定，所列原因为今天的原因"),
    (r"(?P<n>\d+) changes? refused by the package's first merge, at (?P<at>[^()]+) "
     r"\(merge id (?P<merge>\S+)\), (?:was|were) decided again now and not refused: the "
     r"master's grants and fields today allow (?:it|them)",
     "该数据包首次合并时（{at}，合并编号 {merge}）被拒收的 {n} 项修改现已重新判定，不再拒收："
     "主库今天的权限和字段允许这些修改"),
    # the master's computer's clock reading before its last merge (sync.device_clock)
    (r"this computer's clock reads (?P<now>.+?), before the master's last merge "
     r"\((?P<last>[^()]+)\): merges are dated by it, and take the devices' edits dated after "
     r"that for edits made with a wrong clock; set it right before the next merge",
     "本机时钟显示为 {now}，早于主库上一次合并的时间（{last}）：合并按此时钟记时，并会把晚于"
     "该时间的设备修改当作时钟有误的修改；请在下次合并前校正时钟"),
    # a field package's device clock reading before its checkout (sync.device_clock)
    (r"this device's clock reads (?P<now>.+?), before this package was checked out "
     r"\((?P<at>[^()]+)\): set it right before editing; edits are dated by it, and a merge "
     r"weighs two devices' edits of a field by their dates",
     "本设备时钟显示为 {now}，早于本数据包的签出时间（{at}）：请先校正时钟再编辑；"
     "修改按此时钟记时，合并时按所记时间权衡两台设备对同一字段的修改"),
    (r"(?P<n>\d+) edits? made here (?:is|are) dated (?P<first>.+?) to (?P<last>.+?), before "
     r"this package was checked out \((?P<at>[^()]+)\): " + _CLOCK_WAS_WRONG[0],
     "本设备的 {n} 项修改所记时间为 {first} 至 {last}，早于本数据包的签出时间（{at}）："
     + _CLOCK_WAS_WRONG[1]),
    (r"(?P<n>\d+) edits? made here (?:is|are) dated (?P<first>.+?), before this package was "
     r"checked out \((?P<at>[^()]+)\): " + _CLOCK_WAS_WRONG[0],
     "本设备的 {n} 项修改所记时间为 {first}，早于本数据包的签出时间（{at}）："
     + _CLOCK_WAS_WRONG[1]),
    # a merge's edits a device's wrong clock dated (outcomes.Result.clock_said)
    (r"(?P<n>\d+) refused edits? from device (?P<device>\S+) dated (?P<first>.+?) to "
     r"(?P<last>.+?), before its package was checked out \((?P<at>[^()]+)\): "
     + _CLOCK_REFUSED[0].format(way="behind"),
     "设备 {device} 被拒绝的 {n} 项修改所记时间为 {first} 至 {last}，早于其数据包生成之时（{at}）："
     + _CLOCK_REFUSED[1].format(way="偏慢")),
    (r"(?P<n>\d+) refused edits? from device (?P<device>\S+) dated (?P<first>.+?), "
     r"before its package was checked out \((?P<at>[^()]+)\): "
     + _CLOCK_REFUSED[0].format(way="behind"),
     "设备 {device} 被拒绝的 {n} 项修改所记时间为 {first}，早于其数据包生成之时（{at}）："
     + _CLOCK_REFUSED[1].format(way="偏慢")),
    (r"(?P<n>\d+) refused edits? from device (?P<device>\S+) dated (?P<first>.+?) to "
     r"(?P<last>.+?), after this merge \((?P<at>[^()]+)\): "
     + _CLOCK_REFUSED[0].format(way="ahead"),
     "设备 {device} 被拒绝的 {n} 项修改所记时间为 {first} 至 {last}，晚于本次合并（{at}）："
     + _CLOCK_REFUSED[1].format(way="偏快")),
    (r"(?P<n>\d+) refused edits? from device (?P<device>\S+) dated (?P<first>.+?), "
     r"after this merge \((?P<at>[^()]+)\): " + _CLOCK_REFUSED[0].format(way="ahead"),
     "设备 {device} 被拒绝的 {n} 项修改所记时间为 {first}，晚于本次合并（{at}）："
     + _CLOCK_REFUSED[1].format(way="偏快")),
    (r"(?P<n>\d+) edits? from device (?P<device>\S+) dated (?P<first>.+?) to (?P<last>.+?), "
     r"after this merge \((?P<at>[^()]+)\): " + _CLOCK_AHEAD[0],
     "设备 {device} 的 {n} 项修改所记时间为 {first} 至 {last}，晚于本次合并（{at}）："
     + _CLOCK_AHEAD[1]),
    (r"(?P<n>\d+) edits? from device (?P<device>\S+) dated (?P<first>.+?), after this merge "
     r"\((?P<at>[^()]+)\): " + _CLOCK_AHEAD[0],
     "设备 {device} 的 {n} 项修改所记时间为 {first}，晚于本次合并（{at}）：" + _CLOCK_AHEAD[1]),
    (r"(?P<n>\d+) edits? from device (?P<device>\S+) dated (?P<first>.+?) to (?P<last>.+?), "
     r"before its package was checked out \((?P<at>[^()]+)\): " + _CLOCK_BEHIND[0],
     "设备 {device} 的 {n} 项修改所记时间为 {first} 至 {last}，早于其数据包生成之时（{at}）："
     + _CLOCK_BEHIND[1]),
    (r"(?P<n>\d+) edits? from device (?P<device>\S+) dated (?P<first>.+?), before its "
     r"package was checked out \((?P<at>[^()]+)\): " + _CLOCK_BEHIND[0],
     "设备 {device} 的 {n} 项修改所记时间为 {first}，早于其数据包生成之时（{at}）："
     + _CLOCK_BEHIND[1]),
    (r"(?P<n>\d+) conflicts? set edits from device (?P<device>\S+) aside for edits of "
     r"device (?P<devices>.+?) dated (?P<first>.+?) to (?P<last>.+?), " + _MET_AHEAD[0],
     "{n} 项冲突中，设备 {device} 的修改被搁置，因设备 {devices} 的修改所记时间为 {first} 至 "
     "{last}，" + _MET_AHEAD[1]),
    (r"(?P<n>\d+) conflicts? set edits from device (?P<device>\S+) aside for edits of "
     r"device (?P<devices>.+?) dated (?P<first>.+?), " + _MET_AHEAD[0],
     "{n} 项冲突中，设备 {device} 的修改被搁置，因设备 {devices} 的修改所记时间为 {first}，"
     + _MET_AHEAD[1]),
    (r"(?P<n>\d+) of the changes applied met a conflict: the master took their values, the "
     r"later edits, over the values it held, which their conflicts keep \(settling them can "
     r"take those back\)",
     "已应用的修改中有 {n} 项遇到冲突：主库采用了其值（较晚的修改），替换了主库当时的值，原值保留"
     "在冲突中（处理冲突时可取回）"),
    (r"(?P<n>\d+) open conflicts? closed as superseded \((?P<ids>[\d, ]+)\): the device whose "
     r"value each kept aside sent a later edit of that field, merged here, so the older value "
     r"is no side to take",
     "{n} 项未处理的冲突作为已被取代关闭（{ids}）：其搁置值所属的设备之后又修改了该字段，已在此次"
     "合并中合并，旧值不再是可选的一方"),
    (r"(?P<n>\d+) changes? applied in part: (?P<f>\d+) fields? taken, (?P<c>\d+) in "
     r"conflict; (?P<o>\d+) of the fields taken met a conflict: the master took their values, "
     r"the later edits, and their conflicts keep the values they replaced",
     "{n} 项修改部分应用：{f} 个字段已采用，{c} 个字段冲突；已采用的字段中有 {o} 个遇到冲突："
     "主库采用了其值（较晚的修改），被替换的值保留在冲突中"),
    (r"(?P<n>\d+) changes? applied in part: (?P<f>\d+) fields? taken, (?P<c>\d+) in "
     r"conflict", "{n} 项修改部分应用：{f} 个字段已采用，{c} 个字段冲突"),
    (r"(?P<src>.+) from (?P<device>\S+): merged before by merge (?P<merges>.+), not recorded "
     r"again: applied (?P<a>\d+), already applied (?P<b>\d+), conflicts (?P<c>\d+)"
     r"(?P<in_changes> to settle in \d+ changes?), refused (?P<d>\d+)",
     "{src}（来自 {device}）此前已由合并 {merges} 合并，不再重复记录：应用 {a} 项，此前已应用 {b} "
     "项，冲突 {c} 项{in_changes}，拒收 {d} 项"),
    (r"(?P<src>.+) from (?P<device>\S+): (?P<none>nothing new in it|its changes all applied "
     r"before or refused|its changes all refused), not recorded again: applied "
     r"(?P<a>\d+), already applied (?P<b>\d+), conflicts (?P<c>\d+)(?P<in_changes> to settle "
     r"in \d+ changes?), refused (?P<d>\d+)",
     "{src}（来自 {device}）{none}，不再记录：应用 {a} 项，此前已应用 {b} 项，冲突 {c} "
     "项{in_changes}，拒收 {d} 项"),
    (r"(?P<src>.+) from (?P<device>\S+): merged before by merge (?P<merges>.+), not recorded "
     r"again: applied (?P<a>\d+), already applied (?P<b>\d+), conflicts (?P<c>\d+), refused "
     r"(?P<d>\d+)",
     "{src}（来自 {device}）此前已由合并 {merges} 合并，不再重复记录：应用 {a} 项，此前已应用 {b} "
     "项，冲突 {c} 项，拒收 {d} 项"),
    (r"(?P<src>.+) from (?P<device>\S+): (?P<none>nothing new in it|its changes all applied "
     r"before or refused|its changes all refused), not recorded again: applied "
     r"(?P<a>\d+), already applied (?P<b>\d+), conflicts (?P<c>\d+), refused (?P<d>\d+)",
     "{src}（来自 {device}）{none}，不再记录：应用 {a} 项，此前已应用 {b} 项，冲突 {c} "
     "项，拒收 {d} 项"),
    (r"to see and settle them: field-kit conflicts (?P<master_typed>.+)",
     "查看并处理这些冲突：field-kit conflicts {master_typed}"),
    # field-kit status
    (r"master (?P<master>.+): device (?P<device>\S+) \((?P<role>\w+)\), project "
     r"(?P<project>\S+)", "主库 {master}：设备 {device}（{role}），项目 {project}"),
    (r"(?P<filekind>master|package): device (?P<device>\S+) \((?P<role>\w+)\), project "
     r"(?P<project>\S+)", "{filekind}：设备 {device}（{role}），项目 {project}"),
    (r"master id (?P<id>\S+)", "主库标识 {id}"),
    (r"master id: none yet \(given at its next checkout, or by field-kit init\)",
     "主库标识：尚无（下次签出时或由 field-kit init 给出）"),
    (r"checked out from (?P<master>.+) \(master (?P<id>\S+)\)",
     "签出自 {master}（主库标识 {id}）"),
    # a master restored from a backup, or another copy (field_kit.sync.brought_up_to)
    (r"(?P<pkg>.+?): the master (?P<master>.+?) is not the one this package was last brought "
     r"up to: it was restored from a backup or is another copy \(" + _BROUGHT + r"\); a pull "
     r"would skip the master's changes\. Nothing was pulled\. So that nothing is lost: "
     + _CHECK_OUT_AGAIN.format(typed="(?P<typed>.+?)", master="(?P<master_typed>.+?)")
     + r"(?P<lost_said>; this package holds .+)?",
     "{pkg}：主库 {master} 不是本数据包上次同步到的那个主库：它是从备份恢复的，或是另一个副本"
     "（{btu_said}）；拉取会跳过主库的修改。未拉取任何内容。为不丢失任何内容：先"
     + _CHECK_OUT_AGAIN_ZH + "{lost_said}"),
    (r"this package holds (?P<lost_n>\d+) changes? made in that master itself that this "
     r"master lacks \((?P<layer_counts>.+?)\): no export carries (?:it|them) \(a package "
     r"sends only its own edits\), so nothing brings (?:it|them) back: enter (?:it|them) again "
     r"in this master \(field-kit log (?P<typed>.+?) lists (?:it|them): by (?P<mdev>.+?), seq "
     r"(?P<a>\d+)-"
     r"(?P<z>\d+)\)",
     "本数据包持有 {lost_n} 项在那个主库中直接做出、而此主库没有的修改（{layer_counts}）："
     "导出只带各设备自己的修改，没有任何途径能把它们带回：请在此主库中重新录入"
     "（field-kit log {typed} 可列出它们：修改者 {mdev}，序号 {a}-{z}）"),
    (r"this package holds (?P<lost_n>\d+) changes? of devices that master had checked out "
     r"and this one does not know \(checked out after its backup was made\) that this master "
     r"lacks \((?P<layer_counts>.+?)\): their own packages hold (?:it|them), which this master "
     r"refuses: check each device out again and enter (?:it|them) again there \(field-kit log "
     r"(?P<typed>.+?) lists (?:it|them): by (?P<mdev>.+?), seq (?P<a>\d+)-(?P<z>\d+)\)",
     "本数据包持有 {lost_n} 项那个主库签出过、而此主库不认识的设备（在其备份之后签出）的修改，"
     "此主库没有它们（{layer_counts}）：它们在这些设备自己的数据包中，而此主库拒收这些数据包："
     "请重新签出每台设备，并在其中重新录入（field-kit log {typed} 可列出它们：修改者 {mdev}，"
     "序号 {a}-{z}）"),
    # what a merge says of an undo-merge the master before a restore made (undone_lost)
    (r"(?P<pkg>.+?) from (?P<dev>\S+): undone on the master before it was restored: "
     r"(?P<lost_n>\d+) changes?, \S+, merge (?P<undo_merge>\S+) \(undone (?P<undo_when>.+?)\): "
     r"kept out of this merge, as that master held them undone \(each named as refused\); the "
     r"device's values stay in .+?: enter them again if they are wanted after all",
     "来自 {dev} 的 {pkg}：在主库从备份恢复之前已被撤销：{lost_n} 项修改，设备 {dev}，合并 "
     "{undo_merge}（{undo_when} 撤销）：未纳入本次合并，与那个主库撤销后的状态一致（逐项列为"
     "拒收）；设备的值仍在 {pkg} 中：如仍需要，请重新录入"),
    (r"undone on the master before it was restored \(merge (?P<undo_merge>\S+), undone "
     r"(?P<undo_when>.+?)\): kept out, as that master held it undone",
     "在主库从备份恢复之前已被撤销（合并 {undo_merge}，{undo_when} 撤销）：未纳入，与那个主库"
     "撤销后的状态一致"),
    # what a merge says of changes of a merge this master undid, sent again (undone_lost;
    # its way on: the command, or the Sync dock's button, already in the user's language)
    (r"(?P<pkg>.+?) from (?P<dev>\S+): undone on this master: (?P<lost_n>\d+) changes?, merge "
     r"(?P<undo_merge>\S+) \(undone (?P<undo_when>.+?)\): kept out of this merge, as this "
     r"master undid them \(each named as refused\); the device's values stay in .+?: to have "
     r"them after all, merge it again so: (?P<typed>.+)",
     "来自 {dev} 的 {pkg}：已在此主库撤销：{lost_n} 项修改，合并 {undo_merge}（{undo_when} "
     "撤销）：未纳入本次合并，因为此主库已撤销它们（逐项列为拒收）；设备的值仍在 {pkg} 中："
     "如仍需要，请这样再次合并：{typed}"),
    (r"undone on this master \(merge (?P<undo_merge>\S+), undone (?P<undo_when>.+?)\): kept out",
     "已在此主库撤销（合并 {undo_merge}，{undo_when} 撤销）：未纳入"),
    (r"(?P<pkg>.+?) from (?P<dev>\S+): the master before the restore had undone merge "
     r"(?P<undo_merge>\S+) of \S+ \((?P<undo_when>.+?)\); this master holds it still: undo it "
     r"again: (?P<typed>field-kit undo-merge .+)",
     "来自 {dev} 的 {pkg}：恢复之前的主库已撤销设备 {dev} 的合并 {undo_merge}（{undo_when} "
     "撤销）；此主库仍保留该合并：请再次撤销：{typed}"),
    (r"(?P<pkg>.+?) from (?P<dev>\S+): the package was last brought up to a master this one is "
     r"not: this master was restored from a backup or is another copy \(" + _BROUGHT + r"\)"
     r"(?P<undone_said>; .+?)?; (?P<otherwise>otherwise )?"
     r"its changes were merged field by field against the values they replaced, as always, "
     r"but the device holds values of that other master this one lacks, and this master "
     r"changes the device has not seen: pull refuses it until it is checked out again "
     r"\(checkout --replace\) once its changes are merged \(export --all\)",
     "来自 {dev} 的 {pkg}：该数据包上次同步到的主库不是此主库：此主库是从备份恢复的，或是另一个"
     "副本（{btu_said}）{undone_said}；{otherwise}其修改照常按字段与它们所替换的值三方合并，"
     "但该设备持有那个主库的、此主库没有的值，而此主库也有该设备未见过的修改："
     "在其修改合并（export --all）之后重新签出（checkout --replace）之前，拉取会拒绝该数据包"),
    # the edits a device exported the master has not merged (field_kit.sync.exports_lacking)
    (r"(?:at the last pull \((?P<at>[^()]+)\) )?the master has merged this device's changes up "
     r"to seq (?P<m>\d+): it lacks (?P<n>\d+) changes? this device exported \(seq "
     r"(?P<a>\d+)-(?P<z>\d+)\): a change package not merged yet, or one lost "
     r"with the master \(restored from a backup, or another copy\); unless one waits to be "
     r"merged, send them again with export --all",
     "{at_said}主库合并本设备的修改只到序号 {m}：它缺少本设备已导出的 {n} 项修改（序号 {a}-{z}）："
     "修改包尚未合并，或随主库丢失（主库从备份恢复，或是另一个副本）；除非有修改包"
     "正等待合并，请用 export --all 重新发送"),
    (r"the last pull \((?P<at>[^()]+)\) was refused, nothing was pulled \(base still "
     r"(?P<b>\d+)\); it said:", "上次拉取（{at}）被拒绝，未拉取任何内容（基线仍为 {b}）；原因："),
    (r"a pull no longer refuses a technician's package over a column it added itself: the "
     r"master's column stands in the package, each value typed into the package's own carried "
     r"into it or set aside in the package; rename no column",
     "拉取不再因技术员数据包自己添加的字段而拒绝该数据包：数据包中以主库的字段为准，在数据包自己的字段中"
     "填写的每个值或写入主库的字段，或另存于数据包中；无需重命名任何字段"),
    (r"(?P<n>\d+) changes? this package exported \(seq (?P<a>\d+)-(?P<z>\d+)\) (?:was|were) "
     r"not in the master at that pull: (?:it still waits|they still wait) for it, not counted "
     r"as waiting above \(an export not merged yet, or refused: field-kit export --all sends "
     r"(?:it|them) again\)",
     "本数据包已导出的 {n} 项修改（序号 {a}-{z}）在那次拉取时不在主库中：它们仍在等待进入主库，"
     "未计入上面的待导出修改（导出的包尚未合并，或被拒收：field-kit export --all 会重新发送）"),
    (r"QField project (?P<folder>.+) and (?P<zip>.+\.zip) for device (?P<device>.+) "
     r"\((?P<role>\w+)\), base (?P<b>\d+)",
     "已为设备 {device}（{role}）生成 QField 项目 {folder} 及 {zip}，基线 {b}"),
    (r"field package (?P<out>.+) for device (?P<device>.+) \((?P<role>\w+)\), base (?P<b>\d+)",
     "已为设备 {device}（{role}）生成外业数据包 {out}，基线 {b}"),
    (r"base (?P<b>\d+), exported up to (?P<e>\d+), changes waiting (?P<w>\d+)",
     "基线 {b}，已导出至 {e}，待导出修改 {w} 项"),
    # a QField project's photos its edits do not show (field_kit.qfield.dcim.unread)
    (r"photos? taken again since (?:it was|they were) read, sent by the next export: (?P<names>.+)",
     "读入后又重拍的照片，下次导出时发送：{names}"),
    (r"the folder (?P<dir>\S+) is gone from (?P<folder>.+?), with every photo taken in "
     r"QField: copy it back from the phone",
     "文件夹 {dir} 已不在 {folder} 中（QField 拍的照片都在其中）：请从手机把它复制回来"),
    (r"files? in (?P<dir>\S+) no photo record names, perhaps a missing photo under "
     r"another name \(give it back its name\): (?P<names>.+)",
     "{dir} 中没有照片记录指向的文件，可能是改了名的缺失照片（请改回原名）：{names}"),
    (r"photo files? missing from (?P<folder>.+?): (?P<names>.+?); the export refuses (?:it|them) "
     r"until (?:it is|they are) copied back into (?P<dir>\S+) or (?:its photo record|their "
     r"photo records) deleted",
     "{folder} 中缺少照片文件：{names}；在把它们复制回 {dir} 或删除其照片记录之前，导出会拒绝"),
    (r"photo paths? outside the project folder: (?P<photo_outside>.+); the export refuses "
     r"(?:it|them) until (?:its photo record is|their photo records are) given that path "
     r"\(in QGIS: the photos layer of the project\) or deleted",
     "照片路径在项目文件夹之外：{photo_outside}；在把这些照片记录改为该路径（在 QGIS 中：项目的"
     "照片图层）或删除之前，导出会拒绝"),
    (r"photo files? not the whole picture, cut short: (?P<names>.+?); the export refuses "
     r"(?:it|them) until (?:it|each) is copied again from the phone or (?:its photo record|"
     r"their photo records) deleted",
     "照片文件不完整（被截断）：{names}；在从手机重新复制或删除其照片记录之前，导出会拒绝"),
    (r"photos? the next export reads in, a change(?: each)?: (?P<names>.+)",
     "下次导出时读入的照片（每张一项修改）：{names}"),
    (r"photo readings? an earlier export of this folder made, which this copy lacks, "
     r"logged again by the next export, a change(?: each)?: (?P<names>.+)",
     "本副本缺少此前导出本文件夹时所作的照片读入，下次导出时重新记入（每项一项修改）：{names}"),
    (r"photos of (?P<wlayer>\S+ \S+) (?P<row>.+? \(row \S+\)), deleted in the project, "
     r"deleted with it by the next export: (?P<names>.+)",
     "在项目中删除的{wlayer} {row}的照片，下次导出时随之删除：{names}"),
    (r"photos of (?P<wlayer>\S+ \S+) (?P<row>\S+), deleted in the project, deleted with it "
     r"by the next export: (?P<names>.+)",
     "在项目中删除的{wlayer} {row} 的照片，下次导出时随之删除：{names}"),
    (r"the next export sends (?P<t>\d+) changes?: the (?P<w>\d+) waiting and "
     r"(?P<d>\d+) "
     r"deleting the photos of records deleted in the project",
     "下次导出发送 {t} 项修改：待导出的 {w} 项，及随已删除记录删除其照片的 {d} 项"),
    (r"the next export sends (?P<t>\d+) changes?: the (?P<w>\d+) waiting, (?P<m>\d+) "
     r"made by reading in the project's photos and (?P<d>\d+) "
     r"deleting the photos of records deleted in the project",
     "下次导出发送 {t} 项修改：待导出的 {w} 项，读入项目照片产生的 {m} 项，及随已删除记录"
     "删除其照片的 {d} 项"),
    (r"the next export sends (?P<t>\d+) changes?: the (?P<w>\d+) waiting and (?P<m>\d+) "
     r"made by reading in the project's photos",
     "下次导出发送 {t} 项修改：待导出的 {w} 项，及读入项目照片产生的 {m} 项"),
    # what waits to be sent, by layer and record (field_kit.sync.waiting_edits)
    (r"'(?P<typed>.+)' read as (?P<plain>\S+) \(spaces taken out, full-width characters read "
     r"as half-width, letters as capitals\)",
     "“{typed}”按 {plain} 读取（去掉空格、全角字符改为半角、字母改为大写）"),
    # edits of a package its role was not given (field_kit.sync.waiting_edits.refused_said)
    (r"the master will refuse the edits of (?P<n>\d+) of these: (?P<found>.+)",
     "主库将拒收其中 {n} 个要素的修改：{found}"),
    (r"the master will refuse the edits of (?P<n>\d+) features? of (?P<sync_table>\S+): "
     r"(?P<found>.+)", "主库将拒收{sync_table}中 {n} 个要素的修改：{found}"),
    (r"waiting to be sent in (?P<wlayer>.+?): (?P<wcounts>\d+ (?:added|changed|deleted)"
     r"(?:, \d+ (?:added|changed|deleted)(?: and deleted again)?)*(?: and deleted again)?)",
     "待发送：{wlayer}：{wcounts}"),
    (r"added and deleted again, the master never had them \(the export sends both: together "
     r"they change nothing\): (?P<wnames>.+?)(?P<wmore> and \d+ more)?",
     "新增后又删除、主库从未有过（导出会发送这两项修改：两者合并后不改变任何数据）：{wnames}{wmore}"),
    (r"added: (?P<wnames>.+?)(?P<wmore> and \d+ more)?", "新增：{wnames}{wmore}"),
    (r"changed: (?P<wnames>.+?)(?P<wmore> and \d+ more)?", "修改：{wnames}{wmore}"),
    (r"deleted: (?P<wnames>.+?)(?P<wmore> and \d+ more)?", "删除：{wnames}{wmore}"),
    (r"device (?P<device>\S+) \((?P<role>\w+)\): base (?P<b>\d+), merged up to (?P<m>\d+)",
     "设备 {device}（{role}）：基线 {b}，已合并至 {m}"),
    (r"merge (?P<merge>\S+) (?P<src>.+) from (?P<device>\S+) at (?P<at>\S+ \S+): applied "
     r"(?P<a>\d+), already (?P<b>\d+), conflicts (?P<c>\d+)(?P<in_changes> (?:to settle|closed "
     r"by the undo|closed as dropped|settled|\(\d+ to settle\)|\(\d+ (?:settled|to settle), \d+ "
     r"closed as dropped\)) in \d+ changes?)?, refused "
     r"(?P<d>\d+)"
     r"(?:, undone (?P<undone>\S+ \S+))?",
     "合并 {merge}：{src}，来自 {device}，时间 {at}：应用 {a} 项，此前已应用 {b} 项，冲突 {c} 项"
     "{in_changes}，拒收 {d} 项{undone}"),
    (r"(?P<n>\d+) conflicts? its merge recorded still to settle: field-kit conflicts "
     r"lists (?:it|them), field-kit resolve settles (?:it|them)",
     "其此前合并记录的 {n} 项冲突仍待处理：field-kit conflicts 可列出，field-kit resolve 可处理"),
    (r"(?P<n>\d+) of them still in open conflicts in the master, this device's value set "
     r"aside there, which a supervisor may still choose: conflicts? (?P<ids>.+)",
     "其中 {n} 项在主库中仍为未处理的冲突，本机的值在那里留作另一方，主管仍可选用：冲突 {ids}"),
    (r"open conflicts (?P<n>\d+)", "未处理的冲突 {n} 项"),
    # what `conflicts` lists, in a line before the list (field_kit.cli.commands)
    (r"(?P<n>\d+) open conflicts? in (?P<m>\d+) merges?: (?P<layer_counts>.+)",
     "{m} 次合并中共 {n} 项未处理的冲突：{layer_counts}"),
    (r"(?P<n>\d+) open conflicts? in (?P<m>\d+) pulls?: (?P<layer_counts>.+)",
     "{m} 次拉取中共 {n} 项未处理的冲突：{layer_counts}"),
    (r"(?P<n>\d+) open conflicts? recorded by (?:an edit|edits) saved in the database: "
     r"(?P<layer_counts>.+)", "在数据库中保存的编辑记录了 {n} 项未处理的冲突：{layer_counts}"),
    (r"(?P<n>\d+) open conflicts \((?P<a>\d+) in (?P<m>\d+) merges?, (?P<s>\d+) recorded by "
     r"(?:an edit|edits) saved in the database\): (?P<layer_counts>.+)",
     "共 {n} 项未处理的冲突（{m} 次合并中 {a} 项，在数据库中保存的编辑记录了 {s} 项）："
     "{layer_counts}"),
    (r"(?P<n>\d+) conflicts? in (?P<m>\d+) merges?, (?P<o>\d+) open: (?P<layer_counts>.+)",
     "{m} 次合并中共 {n} 项冲突（{o} 项未处理）：{layer_counts}"),
    (r"(?P<n>\d+) conflicts? in (?P<m>\d+) pulls?, (?P<o>\d+) open: (?P<layer_counts>.+)",
     "{m} 次拉取中共 {n} 项冲突（{o} 项未处理）：{layer_counts}"),
    (r"(?P<n>\d+) conflicts? recorded by (?:an edit|edits) saved in the database, "
     r"(?P<o>\d+) open: (?P<layer_counts>.+)",
     "在数据库中保存的编辑记录了 {n} 项冲突（{o} 项未处理）：{layer_counts}"),
    (r"(?P<n>\d+) conflicts \((?P<a>\d+) in (?P<m>\d+) merges?, (?P<s>\d+) recorded by "
     r"(?:an edit|edits) saved in the database\), (?P<o>\d+) open: (?P<layer_counts>.+)",
     "共 {n} 项冲突（{m} 次合并中 {a} 项，在数据库中保存的编辑记录了 {s} 项；{o} 项未处理）："
     "{layer_counts}"),
    (r"(?P<n>\d+) conflicts?", "共 {n} 项冲突"),
    # a conflict's value changed since it was recorded (Conflict.how_changed), as resolve says it
    (r"later edit: (?P<since>.+)", "其后的修改：{since}"),
    (r"clock ahead: (?P<side>ours|theirs) \((?P<device>.+?)'s\) is dated (?P<at>.+?), more "
     r"than (?P<minutes>\d+) min after it was merged \((?P<against>[^()]+)\): that device's "
     r"clock was wrong, so it is not the later edit its time says",
     "时钟偏快：{side} 一方（{device} 给出的值）记为 {at}，"
     "比其合并时间（{against}）晚 {minutes} 分钟以上："
     "该设备的时钟有误，这一时间不能说明它是较晚的修改"),
    (r"clock ahead: (?P<side>ours|theirs) \((?P<device>.+?)'s\) is dated (?P<at>.+?), more "
     r"than (?P<minutes>\d+) min after now \((?P<against>[^()]+)\): that device's clock was "
     r"wrong, so it is not the later edit its time says",
     "时钟偏快：{side} 一方（{device} 给出的值）记为 {at}，"
     "比当前时间（{against}）晚 {minutes} 分钟以上："
     "该设备的时钟有误，这一时间不能说明它是较晚的修改"),
    (r"QGIS's layer styles, not data", "QGIS 的图层样式，不是数据"),
    (r"QGIS's saved projects, not data", "QGIS 保存的项目，不是数据"),
    (r"not chosen at init", "初始化时未选择"),
    (r"not listed in gpkg_contents, so not a GeoPackage layer \(QGIS and GDAL do not show "
     r"it\); load it as a layer \(ogr2ogr, QGIS\) to have it tracked",
     "未列入 gpkg_contents，因而不是 GeoPackage 图层（QGIS 和 GDAL 不显示它）；把它作为图层载入"
     "（ogr2ogr、QGIS）即可纳入跟踪"),
    (r"not listed in gpkg_contents, so not a GeoPackage layer \(QGIS and GDAL show it in "
     r"this file, but its edits are not tracked\); load it as a layer \(ogr2ogr, QGIS\) to "
     r"have it tracked",
     "未列入 gpkg_contents，因而不是 GeoPackage 图层（此文件中 QGIS 和 GDAL 会显示它，但对它的修改"
     "不会被跟踪）；把它作为图层载入（ogr2ogr、QGIS）即可纳入跟踪"),
    (r"a (?P<relation>view|table) not listed in gpkg_contents",
     "未列入 gpkg_contents 的{relation}"),
    (r"listed in gpkg_contents but not in the file", "列于 gpkg_contents，但文件中没有"),
    (r"a (?P<relation>view|materialized view): change capture needs a table \(edit the "
     r"tables it reads\)", "是{relation}：变更捕获只能用于数据表（请编辑它所读取的数据表）"),
    (r"a (?P<relation>[\w ]+), not a table", "是{relation}，不是数据表"),
    (r"a foreign table \(its rows are kept by another server\)",
     "是外部表（其数据保存在另一台服务器上）"),
    (r"a partitioned table, which the sync does not track", "是分区表，同步不跟踪分区表"),
    (r"a WITHOUT ROWID table", "WITHOUT ROWID 表"),
    (r"rows share the uuid (?P<uuid>\S+)", "多行的 uuid 相同（{uuid}）"),
    (r"no INTEGER PRIMARY KEY \(rows have no stable key\)",
     "没有 INTEGER 主键（要素没有稳定的键）"),
    (r"its primary key (?P<col>.+) is (?P<type>.+), not INTEGER: change capture follows rows "
     r"by an INTEGER PRIMARY KEY \(a GeoPackage's fid\), so give the table one with GDAL, its "
     r"key kept as a field: (?P<typed>ogr2ogr .+?)(?:, then (?P<init>field-kit init .+) again)?",
     "其主键 {col} 的类型为 {type}，不是 INTEGER：变更捕获按 INTEGER 主键（GeoPackage 的 fid）"
     "跟踪要素，请用 GDAL 给该表加上这样的主键，{col} 保留为普通字段：{typed}{init_said}"),
    (r"its primary key is of (?P<n>\d+) columns, (?P<cols>.+?): change capture follows rows by "
     r"an INTEGER PRIMARY KEY \(a GeoPackage's fid\), so give the table one with GDAL, those "
     r"columns kept as fields: (?P<typed>ogr2ogr .+?)(?:, then (?P<init>field-kit init .+) "
     r"again)?",
     "其主键由 {n} 个字段（{cols}）组成：变更捕获按 INTEGER 主键（GeoPackage 的 fid）跟踪要素，"
     "请用 GDAL 给该表加上这样的主键，这些字段保留为普通字段：{typed}{init_said}"),
    (r"its primary key is named uuid", "其主键名为 uuid"),
    (r"its column (?P<col>.+) is the sync's uuid in other letters, SQLite taking one for "
     r"the other \(rename that column to track the layer, with QGIS's Rename Field\)",
     "其字段 {col} 与同步自己的 uuid 字段仅大小写不同，SQLite 视为同一字段（用 QGIS 的“重命名字段”"
     "重命名该字段后即可跟踪此图层）"),
    (r"its uuid column is of type (?P<type>.+), where the sync keeps uuids as text \(rename "
     r"that column to track the layer, with QGIS's Rename Field\)",
     "其 uuid 字段的类型为 {type}，而同步以文本保存 uuid（用 QGIS 的“重命名字段”重命名该字段后即可"
     "跟踪此图层）"),
    # why a table of a PostgreSQL schema is not tracked (field_kit.sync.postgis.existing)
    (r"more than one geometry column", "有不止一个几何字段"),
    (r"columns (?P<alike>.+) differ in the case of their letters alone, which a field package "
     r"\(a GeoPackage\) takes for one name: rename one to track the table",
     "字段 {alike} 的名称仅大小写不同，外业数据包（GeoPackage）会把它们当作同一个名称：请重命名其中"
     "一个后再跟踪该表"),
    (r"tables (?P<alike>.+) differ in the case of their letters alone, which a field package "
     r"\(a GeoPackage\) takes for one name: rename one to track them",
     "数据表 {alike} 的名称仅大小写不同，外业数据包（GeoPackage）会把它们当作同一个名称："
     "请重命名其中一个后再跟踪它们"),
    (r"no single-column integer primary key \(rows have no stable key\)",
     "没有单列整数主键（要素没有稳定的键）"),
    (r"its primary key (?P<key>\S+) is (?P<type>.+?), not an integer: change capture follows "
     r"rows by a single-column integer primary key the database numbers, so give the table "
     r"one, its key kept unique: (?P<sql>ALTER TABLE .+?); then run field-kit init on the "
     r"master with --tables (?P<tbl>\S+)",
     "其主键 {key} 的类型为 {type}，不是整数：变更捕获按由数据库编号的单列整数主键跟踪要素，"
     "请给该表加上这样的主键，{key} 保留为唯一字段：{sql}；然后对主库运行 field-kit init，"
     "并加上 --tables {tbl}"),
    (r"its primary key (?P<key>\S+) has no default \(a sequence or identity\) to number the "
     r"rows a merge inserts", "其主键 {key} 没有默认值（序列或标识列），无法为合并插入的要素编号"),
    (r"its name is reserved in a GeoPackage \((?P<prefix>\S+)\), which field packages are: "
     r"rename the table to track it",
     "其名称在 GeoPackage 中为保留名称（{prefix}），而外业数据包就是 GeoPackage："
     "请重命名该表后再跟踪"),
    (r"its name is reserved for the sync's own tables \(sync_…\): rename the table to track it",
     "其名称为同步自身的表所保留（sync_…）：请重命名该表后再跟踪"),
    (r"column (?P<col>\S+) is of type (?P<type>.+), which the sync does not carry",
     "字段 {col} 的类型为 {type}，同步不传送这种类型"),
    (r"columns (?P<cols>.+) are of types the sync does not carry",
     "字段 {cols} 的类型同步不传送"),
    (r"columns? (?P<cols>.+) (?:is|are) generated by the database \(GENERATED ALWAYS\): a merge "
     r"cannot write (?:it, and its|them, and their) values change without an edit",
     "字段 {cols} 由数据库生成（GENERATED ALWAYS）：合并无法写入，且其值不经编辑即会改变"),
    (r"dropped from the schema", "已从模式中删除"),
    (r"its column (?P<col>\S+) was dropped or renamed: rows have no key to be found by",
     "其字段 {col} 已被删除或重命名：要素没有可用于查找的键"),
    (r"not a table the sync can read", "不是同步能读取的数据表"),
    (r"its uuid column is of type (?P<type>.+); the sync keeps uuids as text \(ALTER TABLE … "
     r"ALTER COLUMN uuid TYPE text first\)",
     "其 uuid 字段的类型为 {type}；同步以文本保存 uuid（请先执行 ALTER TABLE … ALTER COLUMN uuid "
     "TYPE text）"),
    (r"rows share a uuid", "多行的 uuid 相同"),
    (r"geometry column (?P<col>\S+) declares no SRID and no row holds one, so its coordinates' "
     r"reference system is unknown \(declare it: (?P<fix>.+), then init again\)",
     "几何字段 {col} 未声明 SRID，也没有要素带有 SRID，其坐标参考系未知（请声明：{fix}，"
     "然后再次初始化）"),
    (r"geometry column (?P<col>\S+) declares no SRID and its rows hold several "
     r"\((?P<srids>[^)]+)\): one layer has one reference system \(declare it: (?P<fix>.+), "
     r"then init again\)",
     "几何字段 {col} 未声明 SRID，而其要素带有多个 SRID（{srids}）：一个图层只能有一个参考系"
     "（请声明：{fix}，然后再次初始化）"),
    (r"the field app's drafts of its forms \(what was typed and not saved yet\), kept on this "
     r"device; they do not travel", "外业应用的表单草稿（已填写未保存的内容），只保存在本设备，"
     "不随数据包传送"),
    (r"the field app's GPS track, kept on this device; it does not travel",
     "外业应用的 GPS 轨迹，只保存在本设备，不随数据包传送"),
    (r"schema changes waiting: (?P<sync_names>.+)", "待导出的数据结构变更：{sync_names}"),
    (r"added since the last command, tracked by the next: (?P<sync_names>.+)",
     "上次命令后新增、将由下一条命令纳入跟踪：{sync_names}"),
    (r"tracked: (?P<sync_names>[^:]+)", "已跟踪：{sync_names}"),  # (init's, each layer's)
    (r"shapes edited in the master itself wait for their area and centre in "
     r"(?P<sync_names>.+) \(the next merge, pull, checkout, progress, report or check-plan "
     r"follows them\)",
     "主库中直接修改的图形等待重算面积和中心点：{sync_names}（下一次 merge、pull、checkout、"
     "progress、report 或 check-plan 会处理）"),
    (r"codes changed in the master itself wait to be given to the rows of (?P<sync_names>.+) "
     r"naming them \(the next merge, pull, checkout, progress, report or check-plan follows "
     r"them\)",
     "主库中直接修改的编号等待写入{sync_names}中指向它们的记录（下一次 merge、pull、checkout、"
     "progress、report 或 check-plan 会处理）"),
    (r"change capture not whole: (?P<inner>.+)", "变更捕获不完整：{inner}"),
    (r"edits may be missing from the change log: run field-kit repair (?P<typed>.+)",
     "变更日志中可能缺少修改：请运行 field-kit repair {typed}"),
    # values log counts that the next command that writes logs (field-kit log)
    (r"(?P<n>\d+) values? in columns or tables added or renamed since the last command "
     r"that wrote, not in the log yet: the next one logs (?:it|them) \(export, merge, pull\)",
     "{n} 个值位于上次写入的命令之后新增或改名的字段或图层中，尚未记入变更日志：下一个写入的"
     "命令（export、merge、pull）会记入它们"),
    # capture not whole, said by log and history, and as a warning by the commands that read
    # the data as it is (conflicts, roles, progress, report, check-plan)
    (r"edits made while capture was not whole are missing from the changes shown until "
     r"field-kit repair (?P<typed>.+) has looked",
     "在运行 field-kit repair {typed} 检查之前，变更捕获不完整期间所做的修改不在所列的变更中"),
    (r"this command reads the file as it is, but the sync \(export, merge, pull\) stops until "
     r"field-kit repair (?P<typed>.+) has looked: edits made while capture was not whole are "
     r"not in the change log",
     "本命令按文件现状读取，但变更捕获不完整期间所做的修改未记入变更日志：在运行 field-kit "
     "repair {typed} 检查之前，同步（export、merge、pull）都会停止"),
    (r"this command reads the file as it is, but the sync \(export, merge, pull\) stops until "
     r"the layers renamed are renamed back \(field-kit status (?P<typed>.+) says how\)",
     "本命令按文件现状读取，但在改名的图层改回原名之前，同步（export、merge、pull）都会停止"
     "（field-kit status {typed} 会说明如何改回）"),
    # the master's grants (sync_roles): given to a package at pull, or naming nothing
    (r"grants changed: (?P<role>\S+) may now change only (?P<sync_names>.+), nor add or "
     r"delete features of (?P<sync_table>.+)",
     "权限已变更：{role}现在只能修改{sync_names}，不能新增或删除{sync_table}的要素"),
    (r"(?P<role>\S+) may no longer add or delete features of (?P<sync_table>.+?): a role granted "
     r"some of its columns only adds and deletes none \(to give them back: --grant "
     r"(?P<r2>\S+) (?P<t2>.+)\)",
     "{role}不能再新增或删除{sync_table}的要素：只被授予部分字段的角色不能新增或删除要素"
     "（如需恢复：--grant {r2} {t2}）"),
    (r"(?P<role>\S+) may change every column of (?P<sync_table>.+?), each granted by name, "
     r"but add or delete none of its features \(to let it: --grant (?P<r2>\S+) (?P<t2>.+)\)",
     "{role}可以修改{sync_table}的每个字段（逐个授权），但不能新增或删除其要素"
     "（如需允许：--grant {r2} {t2}）"),
    (r"grants changed: (?P<role>\S+) may now change (?P<sync_names>.+)",
     "权限已变更：{role}现在可以修改{sync_names}"),
    (r"grants changed: (?P<role>\S+) may no longer change (?P<sync_names>.+)",
     "权限已变更：{role}不再可以修改{sync_names}"),
    (r"grant \((?P<grant>[^()]+)\) in sync_roles names no role: roles are technician, gis; "
     r"it grants nothing",
     "sync_roles 中的授权（{grant}）所指的角色不存在（角色只有 technician、gis）："
     "它不授予任何权限"),
    (r"grant \((?P<grant>[^()]+)\) in sync_roles names no table the master tracks; it grants "
     r"nothing",
     "sync_roles 中的授权（{grant}）所指的表主库并未跟踪：它不授予任何权限"),
    (r"grant \((?P<grant>[^()]+)\) in sync_roles is the plan's default grant of its table "
     r"(?P<table>\S+); (?P=table) here is a layer of the county's own, without the plan's "
     r"columns, so it grants nothing and (?P<role>\S+)s' edits of it are refused \(to let them "
     r"change it, grant its columns by name: field-kit roles --grant (?P=role) "
     r"(?P=table)\.COLUMN\)",
     "sync_roles 中的授权（{grant}）是规划为其 {table} 表设的默认授权；此处的 {table} 是县里自己的"
     "图层，没有规划的字段，因此它不授予任何权限，{role}对它的修改会被拒收（如要允许修改，请按字段"
     "授权：field-kit roles --grant {role} {table}.字段名）"),
    (r"grant \((?P<grant>[^()]+)\) in sync_roles names no column of (?P<table>\S+); it grants "
     r"nothing",
     "sync_roles 中的授权（{grant}）所指的字段在 {table} 中不存在：它不授予任何权限"),
    # field-kit roles: the master's grants listed, given and taken back
    (r"who may change what in the field packages of (?P<master>.+): gis, every table",
     "{master} 的外业数据包中谁可以修改什么：GIS 人员可修改所有表"),
    (r"(?P<role>technician) may change no table", "{role}不能修改任何表"),
    (r"(?P<role>technician) may change (?P<sync_names>.+)", "{role}可以修改{sync_names}"),
    (r"ignored: (?P<inner>.+)", "无效：{inner}"),
    (r"unused: the plan's default grant \((?P<grant>[^()]+)\): this master has no table "
     r"(?P<table>.+)", "未使用：规划的默认授权（{grant}）：本主库没有表 {table}"),
    (r"unused: grant \((?P<grant>[^()]+)\) in sync_roles: gis changes every table already",
     "未使用：sync_roles 中的授权（{grant}）：GIS 人员本已可修改所有表"),
    (r"grants changed: (?P<role>\S+) may still change the other columns of "
     r"(?P<sync_table>.+?), each granted by name now: (?P<sync_cols>.+) \(not a column added "
     r"to it later\)",
     "权限已变更：{role}仍可修改{sync_table}的其他字段，现逐个授权：{sync_cols}（以后新增的字段"
     "不在其内）"),
    (r"unchanged: (?P<role>\S+) may change (?P<sync_names>.+) already",
     "未变更：{role}此前已可以修改{sync_names}"),
    (r"unchanged: (?P<role>\S+) may not change (?P<sync_names>.+) \(no such grant\)",
     "未变更：{role}本就不能修改{sync_names}（没有这项授权）"),
    (r"the grants of (?P<master>.+) changed; field packages get them at their next pull",
     "{master} 的权限已变更；外业数据包在下次拉取时获得新的权限"),
    (r"the grants of (?P<master>.+) are as they were; nothing was changed",
     "{master} 的权限保持不变；未作任何更改"),
    (r"grants not changed: (?P<parts>.+); nothing was changed",
     "权限未变更：{parts}；未作任何更改"),
    (r"the role gis \(GIS staff\) changes every table, which no grant in sync_roles gives or "
     r"takes back", "角色 gis（GIS 人员）可修改所有表，sync_roles 中的授权不能给予或收回"),
    (r"no role (?P<role_name>\S+): roles are technician, gis",
     "没有角色 {role_name}：角色只有 技术员（technician）、GIS 人员（gis）"),
    (r"no table (?P<table>.+?) is tracked by the master \(it tracks (?P<tracked_listed>.+)\)",
     "主库未跟踪表 {table}（它跟踪的表：{tracked_listed}）"),
    (r"(?P<spec>.+): give the columns after the dot \(TABLE\.COLUMN\), or the table alone",
     "{spec}：请在点号后给出字段（表.字段），或只给出表名"),
    (r"(?P<path>.+) is a field package: grants are changed in its master \(field-kit roles "
     r"MASTER --grant ROLE TABLE\[\.COLUMN\[,COLUMN\]\]\), which it takes them from at its "
     r"next pull; nothing was changed",
     "{path} 是外业数据包：权限在其主库中修改（field-kit roles 主库 --grant 角色 "
     "表[.字段[,字段]]），数据包在下次拉取时获得；未作任何更改"),
    (r"--json goes with the listing, not with --grant or --revoke",
     "--json 只用于列出权限，不能与 --grant 或 --revoke 同用"),
    (r"only supervisors change the grants: role (?P<user>\S+) is not a member of "
     r"(?P<owner>\S+), the role owning schema (?P<schema>\S+) \(a supervisor is: GRANT .*\); "
     r"nothing was changed",
     "只有主管可以修改权限：角色 {user} 不是模式 {schema} 的所有者角色 {owner} 的成员（主管须是"
     "其成员：GRANT \"{owner}\" TO \"{user}\"）；未作任何更改"),
    (r"sync_roles was empty \(technicians could change no table\), so init gave back the "
     r"plan's default grants: (?P<role>\S+) may change (?P<sync_names>.+); to take them back: "
     r"field-kit roles (?P<typed>.+) --revoke technician TABLE",
     "sync_roles 原为空（技术员不能修改任何表），init 已恢复规划的默认授权：{role}可以修改"
     "{sync_names}；如需收回：field-kit roles {typed} --revoke technician 表"),
    (r"warning: (?P<inner>.+)", "注意：{inner}"),
    # each change a merge was given (field-kit merge --verbose; a conflict or refusal always)
    (r"(?P<status>applied|already|conflict|refused) (?P<op>insert|update|delete) "
     r"(?P<table>\S+) (?P<row>.+?) change (?P<change>\S+)(?:: (?P<why>.+))?",
     "{status} {op} {table} {row}（变更 {change}）{why}"),
    (r"(?P<n>\d+) fields? in conflict; the package's values written, the later edit: "
     r"the values they replaced are kept in the conflict",
     "{n} 个字段冲突；已写入数据包的值（较晚的修改）：被替换的值保留在冲突中"),
    (r"(?P<n>\d+) fields? in conflict; (?P<w>\d+) of them the package's values written, the "
     r"later edits: the values they replaced are kept in their conflicts",
     "{n} 个字段冲突；其中 {w} 个已写入数据包的值（较晚的修改）：被替换的值保留在冲突中"),
    (r"(?P<n>\d+) fields? in conflict", "{n} 个字段冲突"),
    (r"added to the master: layer (?P<table>.+)", "已新增到主库：图层 {table}"),
    (r"added to the master: column (?P<col>.+)", "已新增到主库：字段 {col}"),
    (r"pulled into (?P<pkg>.+): applied (?P<a>\d+), already (?P<b>\d+), conflicts (?P<c>\d+)"
     r"(?P<in_changes> to settle in \d+ changes?)? \(where they clash, the package's unsent "
     r"values kept\), fields brought in (?P<f>\d+)",
     "已拉取到 {pkg}：应用 {a} 项，已有 {b} 项，冲突 {c} 项{in_changes}"
     "（冲突中保留数据包未发送的值），带入字段值 {f} 个"),
    (r"(?P<n>\d+) new rows? outside this package's township or area left out",
     "{n} 条不在本数据包乡镇或范围内的新记录未带入"),
    (r"(?P<n>\d+) changes? of rows this package does not hold \(outside its township or "
     r"area, or deleted here\) left out",
     "{n} 项修改所涉记录不在本数据包中（在其乡镇或范围之外，或已在本机删除），未带入"),
    (r"(?P<n>\d+) changes? of tables brought whole, as the master holds them now, not "
     r"applied one by one", "{n} 项修改所属的表已按主库现状整表带入，不再逐项应用"),
    (r"pulled into (?P<pkg>.+): applied (?P<a>\d+), already (?P<b>\d+), conflicts (?P<c>\d+) "
     r"\(where they clash, the package's unsent values kept\), fields brought in (?P<f>\d+)",
     "已拉取到 {pkg}：应用 {a} 项，已有 {b} 项，冲突 {c} 项（冲突中保留数据包未发送的值），"
     "带入字段值 {f} 个"),
    (r"added from the master: table (?P<table>.+)", "已从主库带入：表 {table}"),
    (r"added from the master: column (?P<col>.+)", "已从主库带入：字段 {col}"),
    (r"(?P<n>\d+) values? this device sent (?:is|are) replaced by the master's, which holds "
     r"another value:", "本机已发送的 {n} 个值被主库的值替换（主库采用了另一个值）："),
    (r"(?P<n>\d+) values? this device sent (?:is|are) the master's again: the master undid "
     r"the merge that applied (?:it|them) \(undo-merge\):",
     "本机已发送的 {n} 个值已恢复为主库的值：主库撤销了应用它们的合并（undo-merge）："),
    (r"(?P<n>\d+) values? this device sent (?:is|are) the master's here: the master undid "
     r"the merge that kept (?:it|them) aside in its conflicts \(undo-merge\) and holds "
     r"(?:it|them) nowhere now; edit (?:it|them) again to send (?:it|them) again:",
     "本机已发送的 {n} 个值在本机已改为主库的值：主库撤销了将它们作为冲突搁置的合并（undo-merge），"
     "主库中已不再保存这些值；如需提交，请重新编辑后再次发送："),
    (r"(?P<n>\d+) rows? this device had deleted (?:is|are) back: the master kept (?:it|them):",
     "本机删除的 {n} 条记录已恢复（主库保留了它们）："),
    (r"(?P<n>\d+) rows? this device had edited (?:is|are) gone: the master deleted (?:it|them):",
     "本机修改过的 {n} 条记录已移除（主库删除了它们）："),
    (r"(?P<n>\d+) rows? this device had deleted (?:is|are) back: the master undid the merge "
     r"that deleted (?:it|them) \(undo-merge\):",
     "本机删除的 {n} 条记录已恢复（主库撤销了删除它们的那次合并）："),
    (r"(?P<n>\d+) rows? this device had edited (?:is|are) gone: the master undid the merge "
     r"that brought (?:it|them) \(undo-merge\):",
     "本机修改过的 {n} 条记录已移除（主库撤销了带来它们的那次合并）："),
    (r"(?P<n>\d+) rows? this device had added (?:is|are) gone: the master deleted (?:it|them):",
     "本机新增的 {n} 条记录已移除（主库删除了它们）："),
    (r"(?P<n>\d+) rows? this device had added (?:is|are) gone: the master undid the merge "
     r"that brought (?:it|them) \(undo-merge\):",
     "本机新增的 {n} 条记录已移除（主库撤销了带来它们的那次合并）："),
    (r"(?P<n>\d+) conflicts? of this package (?:is|are) settled: it holds what the master "
     r"holds",
     "本数据包的 {n} 项冲突已解决：数据包现与主库一致"),
    (r"(?P<n>\d+) changes? met a conflict that a later change of the master settled: the "
     r"package holds what the master holds, nothing to settle",
     "{n} 项修改曾遇到冲突，已由主库较晚的修改解决：数据包现与主库一致，无需处理"),
    (r"(?P<n>\d+) changes? met a conflict on a field a later change of the master wrote "
     r"again: the conflict listed is the later one's, with the value the master holds now",
     "{n} 项修改曾在某字段上遇到冲突，该字段随后又被主库较晚的修改写入：列出的是较晚那项的冲突，"
     "含主库现有的值"),
    (r"(?P<n>\d+) edits? this device sent (?:was|were) refused by the master and (?:is|are) "
     r"waiting to be "
     r"sent again:", "本机已发送的 {n} 项修改被主库拒收，现重新排队待发送："),
    (r"(?P<n>\d+) values? this device sent now as the master stores (?:it|them) \(rounded to "
     r"the "
     r"column, a time in UTC\): (?P<fields>.+)",
     "本机已发送的 {n} 个值现按主库的存储方式保存（按字段精度取整，时间为 UTC）：{fields}"),
    (r"brought (?P<n>\d+) rows? now in this package's township or area, with their records "
     r"and photos:", "已带入 {n} 条现位于本数据包乡镇或范围内的记录（含核查记录和照片）："),
    (r"(?P<n>\d+) photos? written to (?P<folder>.+?), as the master holds (?:it|them): "
     r"(?P<names>.+)", "{n} 张照片已按主库所存写入 {folder}：{names}"),
    (r"(?P<zip>.+) written again from the folder \(for QField's import from ZIP\)",
     "已按项目文件夹重新写出 {zip}（供 QField“从 ZIP 导入”）"),
    (r"(?P<qgs>.+) written again: the grants or layers the pull brought change what QField "
     r"shows and lets this device edit \(the one it replaces kept as (?P<kept>.+): changes "
     r"made to it in QGIS are there\)",
     "已重新写出 {qgs}：本次拉取带来的权限或图层改变了 QField 显示的内容及本设备可编辑的字段"
     "（原文件保留为 {kept}：在 QGIS 中对它所做的修改在其中）"),
    (r"(?P<qgs>.+) written again: the grants or layers the pull brought change what QField "
     r"shows and lets this device edit \(the one it replaces was as the checkout or a pull "
     r"wrote it, not changed in QGIS: no copy of it kept\)",
     "已重新写出 {qgs}：本次拉取带来的权限或图层改变了 QField 显示的内容及本设备可编辑的字段"
     "（原文件与签出或拉取时写出的一致，未在 QGIS 中修改过：未保留其副本）"),
    (r"(?P<qgs>.+) written again: the folder lacked its project file, which QField opens "
     r"the project by", "已重新写出 {qgs}：该文件夹缺少其项目文件（QField 靠它打开项目）"),
    (r"the project file in (?P<folder>.+?) could not be written again for the grants or "
     r"layers the pull changed \((?P<os_why>.+)\): until it is, QField edits the layers as the "
     r"project file last written gave them \(a field it lets you change may be refused at "
     r"the merge\): pull again once it can be written \(the next pull writes it\), or take "
     r"a new checkout --for qfield",
     "{folder} 中的项目文件未能按本次拉取改变的权限或图层重新写出（{os_why}）：在此之前 QField "
     "仍按上次写出的项目文件编辑各图层（它允许修改的字段在合并时可能被拒绝）：待可写入后再次"
     "拉取（下次拉取会写出它），或重新执行 checkout --for qfield"),
    (r"row not in this package", "该要素不在此数据包中"),
    # what became of a change the merge's engine took (field-kit merge --verbose)
    (r"edit of a row deleted later; kept as a conflict",
     "所改要素其后已被删除：此修改作为冲突保留"),
    (r"edit of a row deleted here earlier, whose (?P<col>\S+) (?P<code>\S+) row (?P<row>\S+) "
     r"holds now: kept as a conflict, the row stays deleted",
     "所改要素此前已在此删除，其 {col} {code} 现由要素 {row} 使用：此修改作为冲突保留，"
     "要素仍为删除"),
    (r"edit of a row deleted here earlier, which it would bring back with (?P<found>.+): kept "
     r"as a conflict, the row stays deleted",
     "所改要素此前已在此删除，此修改会使其恢复为：{found}：此修改作为冲突保留，要素仍为删除"),
    (r"edit of a row deleted here earlier: the row is back, with this edit",
     "所改要素此前已在此删除：此修改在后，要素已恢复，带有此修改"),
    (r"delete of a row edited later; the row is kept", "所删要素其后有修改：要素保留"),
    (r"delete of a row edited before; deleted", "所删要素此前有修改：已删除"),
    (r"already deleted", "已删除"),
    (r"same values already here", "此处已是相同的值"),
    # a photo whose picture a package carries cut short (field_kit.sync.photos_whole)
    *((rf"photo (?P<name>.+?){of}: its picture is not whole, cut short \(a copy stopped "
       r"partway\); the photo is not taken: delete it on the device, attach the picture to the "
       r"record again, whole, and export again",
       f"{zh}照片 {{name}} 不完整（被截断：复制中途停止）；未收入该照片：请在设备上删除它，"
       "为该记录重新附上完整的照片，然后重新导出")
      for of, zh in ((r" of (?P<wlayer>\S+ \S+) (?P<row>.+? \(row \S+\))", "{wlayer} {row}的"),
                     (r" of (?P<wlayer>\S+ \S+) (?P<row>\S+)", "{wlayer} {row} 的"),
                     (r" of record (?P<row>\S+)", "记录 {row} 的"), ("", ""))),
    *((rf"(?P<n>\d+) field records? in (?P<table>\S+) names? this {en}: deleted, "
       rf"(?:it|they) would name none and the progress would lose (?:it|them); the {en} is "
       rf"kept \(delete or move its "
       r"records first\)", f"{{table}} 中有 {{n}} 条外业记录指向该{zh}：删除后这些记录将无所指，"
       f"进度也将不再计入；已保留该{zh}（请先删除或改指其记录）")
      for en, zh in (("patch", "图斑"), ("project", "项目"), ("project target", "项目目标"))),
    (r"(?P<col>\S+) (?P<code>'.*'|\".*\") has spaces around it: give it as "
     r"(?P<bare>'.*'|\".*\")", "{col} '{code}' 前后有空格：请写作 '{bare}'"),
    (r"(?P<col>\S+) (?P<code>.+?) differs only by letter case or spaces from "
     r"(?P<other>'.*'|\".*\"), which names row (?P<row>\S+) in the master: a second row does "
     r"not take it",
     "{col} {code} 与主库中要素 {row} 的编码 '{other}' 只差大小写或空格：不再给第二个要素"),
    (r"(?P<col>\S+) (?P<code>.+?) differs only by letter case or spaces from "
     r"(?P<other>'.*'|\".*\"), given to row (?P<row>\S+) by this package too: a second row "
     r"does not take it", "{col} {code} 与本数据包给要素 {row} 的编码 '{other}' 只差大小写或空格："
     "不再给第二个要素"),
    (r"(?P<col>\S+) (?P<code>.+?) differs only by letter case or spaces from "
     r"(?P<other>'.*'|\".*\"), given in this merge to row (?P<row>\S+) first \(device "
     r"(?P<device>.+), (?P<at>\S+)\): a second row does not take it",
     "{col} {code} 与本次合并中先给要素 {row} 的编码 '{other}'（设备 {device}，{at}）只差大小写或"
     "空格：不再给第二个要素"),
    (r"(?P<col>\S+) (?P<code>\S+) already names row (?P<row>\S+) in the master: a second row "
     r"does not take it", "{col} {code} 在主库中已是要素 {row} 的编码：不再给第二个要素"),
    (r"(?P<col>\S+) (?P<code>\S+) is given in this merge to row (?P<row>\S+) first \(device "
     r"(?P<device>.+), (?P<at>\S+)\): a second row does not take it",
     "{col} {code} 在本次合并中先给了要素 {row}（设备 {device}，{at}）：不再给第二个要素"),
    (r"(?P<col>\S+) (?P<code>\S+) would name (?P<n>\d+) rows of (?P<table>\S+) after this "
     r"merge \((?P<rows>[^)]+)\): the change of (?P<freer>.+?) freeing it \(a delete, or "
     r"another code given to the row holding it\) met an edit and is kept aside as a "
     r"conflict, while (?P<taker>.+?) gives it to another row; nothing was merged: merge "
     r"(?P=freer) alone first \(and settle its conflict\), then the others",
     "合并后 {col} {code} 将同时标识 {table} 的 {n} 个要素（{rows}）：{freer} 中腾出该编码的修改"
     "（删除，或给原要素换了编码）遇到另一处编辑，作为冲突暂存，而 {taker} 把该编码给了另一个要素；"
     "未合并任何内容：请先单独合并 {freer}（并处理其冲突），再合并其他数据包"),
    # a split or a paste keeping a code, refused at export (field_kit.sync.one_code_here)
    (_ONE_CODE + r"; nothing was exported from (?P<pkg>.+)",
     _ONE_CODE_ZH + "；未从 {pkg} 导出任何内容"),
    (_ONE_CODE, _ONE_CODE_ZH),
    (r"export refused: " + _ONE_CODE, "导出将被拒绝：" + _ONE_CODE_ZH),
    (r"(?P<col>\S+) left empty: each row of (?P<table>\S+) is named by its (?P=col); give it "
     r"one", "{col} 为空：{table} 的每个要素都以 {col} 命名，请填写"),
    (r"(?P<col>\S+) (?P<code>\S+) is given to row (?P<row>\S+) by this package too: a second "
     r"row does not take it", "{col} {code} 本数据包也给了要素 {row}：不再给第二个要素"),
    (r"(?P<col>\S+) (?P<code>\S+) already names row (?P<row>\S+) in the master: a second row "
     r"does not take it \(an import into a package cut to a township or box takes the "
     r"master's rows outside the cut for new ones: import into the master\)",
     "{col} {code} 在主库中已是要素 {row} 的编码：不再给第二个要素（导入按乡镇或范围签出的"
     "数据包时，范围外的主库要素会被当作新增：请导入主库）"),
    (r"update of a row that does not exist here \(never inserted\)",
     "所改要素在此不存在（从未新增）"),
    (_UNDO_HEAD + r"undo the later merges? (?P<later_merges>.+?) first \(a decision on a "
     r"conflict goes with its merge\); (?P<hand>\d+) rows? edited in the master itself, not "
     r"by a merge: set (?:it|them) by hand to what (?:it|they) should hold without the merge, "
     r"then undo "
     r"again \(History in QGIS, or field-kit history with a row's uuid, shows its changes\); "
     r"nothing was changed",
     "无法撤销：{n} 个要素{undo_how}：{undo_rows}。请先撤销之后的合并 {later_merges}"
     "（冲突的处理随其合并一并撤销）；另有 {hand} 个要素是在主库中直接修改的，不是合并所改："
     "请手工将其改为不经该次合并时应有的值，再次撤销（QGIS 的修改历史，或以要素 uuid 运行 "
     "field-kit history，可列出其修改）；未作任何更改"),
    (_UNDO_HEAD + r"undo the later merges? (?P<later_merges>.+?) first \(a decision on a "
     r"conflict goes with its merge\); nothing was changed",
     "无法撤销：{n} 个要素{undo_how}：{undo_rows}。请先撤销之后的合并 {later_merges}"
     "（冲突的处理随其合并一并撤销）；未作任何更改"),
    (_UNDO_HEAD + r"edited in the master itself, not by a merge: set those rows by hand to "
     r"what they should hold without the merge, then undo again \(History in QGIS, or "
     r"field-kit history with a row's uuid, shows its changes\); nothing was changed",
     "无法撤销：{n} 个要素{undo_how}：{undo_rows}。这些要素是在主库中直接修改的，"
     "不是合并所改：请手工将其改为不经该次合并时应有的值，再次撤销（QGIS 的修改历史，或以要素 "
     "uuid 运行 field-kit history，可列出其修改）；未作任何更改"),
    # a merge that only added columns (field_kit.sync.undo), on a GeoPackage or PostgreSQL
    (_ONLY_COLUMNS[0] + r"in QGIS with the Toksun Restoration plugin loaded: the layer's "
     r"Fields, Delete Field, then Save Layer Edits" + _ONLY_COLUMNS[2],
     _ONLY_COLUMNS[1] + "在加载了托克逊生态修复插件的 QGIS 中：图层属性的字段页，删除字段，"
     "再保存图层编辑" + _ONLY_COLUMNS[3]),
    (_ONLY_COLUMNS[0] + r"drop it in the database \(ALTER TABLE … DROP COLUMN\), then run "
     r"field-kit repair on the master" + _ONLY_COLUMNS[2],
     _ONLY_COLUMNS[1] + "在数据库中执行 ALTER TABLE … DROP COLUMN，再对主库运行 field-kit repair"
     + _ONLY_COLUMNS[3]),
    (r"cannot undo: (?P<rest>.+)", "无法撤销：{rest}"),
    (r"connection to the database (?P<master>.+?) lost while committing a checkout .*",
     "提交签出时与数据库 {master} 的连接中断：未生成数据包：请在数据库恢复后再次运行同一签出命令，"
     "即可生成（无论设备是否已登记，都无需 --replace）"),
    (r"connection to the database (?P<master>.+?) lost while committing .*",
     "提交时与数据库 {master} 的连接中断：请在数据库恢复后重新执行（已写入的不会重复合并）"),
    (r"connection to the database (?P<master>.+?) lost .*; its unfinished package "
     r"(?P<part>.+) could not be removed \((?P<why>.+)\): delete it",
     "与数据库 {master} 的连接中断；未作任何更改：请在数据库恢复后重新执行；未写完的数据包 {part} "
     "未能删除（{why}）：请删除它"),
    (r"connection to the database (?P<master>.+?) lost .*",
     "与数据库 {master} 的连接中断；未作任何更改：请在数据库恢复后重新执行"),
    (r"(?P<master>.+? \(schema [^)]+\)): (?P<name>[^:]+): the earlier changes of device "
     r"(?P<device>.+) \(seq (?P<a>\d+) to (?P<b>\d+)\) are being merged by another session: "
     r"waiting for that merge to end, then merging this package",
     "{master}：{name}：设备 {device} 之前的修改（序号 {a} 至 {b}）正由另一会话合并："
     "等待该合并结束后再合并此包"),
    (r"(?P<master>.+?): waiting for a lock held by (?P<user>.+?) \((?P<holder>.*)\); it goes "
     r"on once that session commits or rolls back",
     "{master}：正在等待 {user} 持有的锁（{holder}）；该会话提交或回滚后即继续"),
    (r"cannot connect to (?P<master>.+? \(schema [^)]+\)): the server asks for a password and "
     r"none was found \((?P<said>.+?)\): put it in .*",
     "无法连接 PostgreSQL 主库 {master}：服务器要求密码，而连接没有保存密码（{said}）：请写入 "
     "~/.pgpass，或 pg_service.conf 中该服务的条目；切勿写在命令行上"),
    (r"cannot connect to (?P<master>.+? \(schema [^)]+\)): (?P<libpq>.+)",
     "无法连接 PostgreSQL 主库 {master}：{what}（{libpq}）"),
    # a time zone typed by hand into a PostgreSQL master's sync_meta: one PostgreSQL does not
    # know, or another than its capture writes in (field_kit.sync.postgis.address)
    (r"(?P<master>.+? \(schema [^)]+\)): the master's time zone in sync_meta "
     r"\((?P<zone_key>\S+)\) is '(?P<zone>.*)', which PostgreSQL does not know; the master's "
     r"times are read and logged in that zone: set it to the zone the master was set up in, "
     r"which its capture writes times in: (?P<zone_set>UPDATE .+); nothing was changed",
     "{master}：主库 sync_meta 中记录的时区（{zone_key}）为 '{zone}'，PostgreSQL 不认识该时区；"
     "主库的时间按此时区读取并记入日志：请将其改回建立主库时所用、修改记录写入时间所用的时区："
     "{zone_set}；未作任何更改"),
    (r"(?P<master>.+? \(schema [^)]+\)): the master's time zone in sync_meta "
     r"\((?P<zone_key>\S+)\) is '(?P<zone>.*)', which PostgreSQL does not know; the master's "
     r"times are read and logged in that zone: set it to the zone the master was set up in, "
     r"e\.g\. (?P<zone_set>UPDATE .+); nothing was changed",
     "{master}：主库 sync_meta 中记录的时区（{zone_key}）为 '{zone}'，PostgreSQL 不认识该时区；"
     "主库的时间按此时区读取并记入日志：请将其改为建立主库时所用的时区，例如 {zone_set}；"
     "未作任何更改"),
    (r"(?P<master>.+? \(schema [^)]+\)): the master's time zone in sync_meta "
     r"\((?P<zone_key>\S+)\) is '(?P<zone>.*)', but its capture writes times in "
     r"'(?P<zone_written>.*)', the zone the master was set up in: its times would be read in "
     r"the one and logged in the other; set it back: (?P<zone_set>UPDATE .+); nothing was "
     r"changed",
     "{master}：主库 sync_meta 中记录的时区（{zone_key}）为 '{zone}'，而修改记录按建立主库时"
     "所用的时区 '{zone_written}' 写入时间：主库的时间将按前者读取、按后者记入日志；请改回："
     "{zone_set}；未作任何更改"),
    (r"(?P<n>\d+) rows? of (?P<table>\S+) (?:was|were) changed in the database while this "
     r"ran.*",
     "{table} 有 {n} 个要素在执行期间被他人在数据库中修改：未作任何更改，请重新执行"),
    (r"columns added in PostgreSQL that the sync cannot carry: (?P<uncarried>.+?)\. Drop .*",
     "在 PostgreSQL 中新增的字段无法同步：{uncarried}。请删除这些字段（或给出常量默认值）后继续；"
     "未作任何更改"),
    (r"role (?P<role>\S+) may not use schema (?P<schema>\S+) of database (?P<db>\S+) \(no USAGE "
     r"on it\), which holds a master; the masters? (?P=role) may open there (is in schema|are "
     r"in schemas) (?P<listed>.+): name it in the address \(…\?schema=NAME or schema=NAME\); "
     r"to work on schema (?P=schema), its supervisor gives the editors' grants \(field-kit "
     r"grants ADDRESS --editor (?P=role)\); nothing was changed",
     "角色 {role} 无权使用数据库 {db} 中存放主库的模式 {schema}（没有 USAGE 权限）；{role} 可以打开"
     "的主库在模式 {listed} 中：请在地址中指明该模式（…?schema=名称 或 schema=名称）；如需在模式 "
     "{schema} 上工作，由其主管用 field-kit grants ADDRESS --editor {role} 授予编辑权限；"
     "未作任何更改"),
    (r"role (?P<role>\S+) may not use schema (?P<schema>\S+) of database (?P<db>\S+) \(no USAGE "
     r"on it\), which holds the master: .*?; supervisors are members of (?P<owner>\S+), the "
     r"role owning the schema \((?P<grant_sql>GRANT .+ TO .+)\); nothing was changed",
     "角色 {role} 无权使用数据库 {db} 中存放主库的模式 {schema}（没有 USAGE 权限）：GIS 人员所需"
     "的权限由主管用 field-kit grants ADDRESS --editor {role} 授予；主管须是拥有该模式的角色 "
     "{owner} 的成员（{grant_sql}）；未作任何更改"),
    (r"the ancestor of conflict (?P<id>\d+) is not known: the edit was logged without the value "
     r"it replaced .*",
     "冲突 {id} 的共同祖先值未知：该修改记录时没有其替换的原值（修改记录关闭后由 repair 找回）；"
     "请采用主库现值（ours）或另一方的值（theirs），或给出一个值；未处理任何冲突"),
    (r"the column (?P<col>\S+) added to (?P<tbl>\S+) in PostgreSQL holds values no logged edit "
     r"wrote \((?P<vals>.+?)\), so its rows have no common ancestor .*",
     "在 PostgreSQL 中为 {tbl} 新增的字段 {col} 含有修改日志中没有记录的值（{vals}），各要素没有"
     "共同的祖先值（写入时修改记录已关闭）：请删除该字段后重新添加，并在修改记录开启时写入其值；"
     "未作任何更改"),
    (r"change capture in PostgreSQL is not whole \(its trigger dropped or disabled\) on "
     r"(?P<capture_tables>.+?): .*",
     "PostgreSQL 中{capture_tables}的修改记录不完整（触发器被删除或停用），其间的编辑可能未记入"
     "日志：请对主库运行 field-kit repair；未作任何更改"),
    (r"capture was switched off on (?P<off>.+?): edits made while it was off may be missing "
     r"from the log; .*",
     "PostgreSQL 主库的修改记录曾被关闭（{off}）：关闭期间的编辑可能未记入日志："
     "请对主库运行 field-kit repair；未作任何更改"),
    (r"the change log in PostgreSQL is not numbered \(trigger toksun_number on sync_changes "
     r"dropped or disabled\): .*",
     "PostgreSQL 主库的修改日志未编号（sync_changes 上的触发器 toksun_number 被删除或停用）："
     "其间记入日志的编辑没有编号，外业数据包拉取不到：请对主库运行 field-kit repair；未作任何更改"),
    # each change named (field_kit.sync.postgis.altered.Change)
    (r"the schema of the PostgreSQL master changed where capture cannot follow: "
     r"(?P<altered>.+?)\. This command reads the master as it is, without it; the sync "
     r"\(export, merge, pull\) stops until field-kit repair has followed it",
     "PostgreSQL 主库的表结构在数据库中被修改，修改记录无法跟随：{altered}。本命令按主库现状读取"
     "（不含该表）；在运行 field-kit repair 跟随这一修改之前，同步（export、merge、pull）都会停止"),
    (r"the schema of the PostgreSQL master changed where capture cannot follow: "
     r"(?P<altered>.+?)\. Edits may be missing .*",
     "PostgreSQL 主库的表结构在数据库中被修改，修改记录无法跟随：{altered}。其间的编辑可能未记入"
     "日志，数据包的签出与合并会失败：请对主库运行 field-kit repair；未作任何更改"),
    (r"the schema of the PostgreSQL master changed where capture cannot follow: "
     r"(?P<what>.+?)\. Edits may be missing .*",
     "PostgreSQL 主库的表结构在数据库中被修改，修改记录无法跟随：{what}。其间的编辑可能未记入日志，"
     "数据包的签出与合并会失败：请对主库运行 field-kit repair；未作任何更改"),
    (r"(?P<field>\S+) holds (?P<held_rows>.+), beyond what its (?P<decl>\w+) column holds as "
     r"GDAL and QGIS read it \((?P<low>-?\d+) to (?P<high>-?\d+)\): QGIS shows such a value "
     r"wrapped and saves it back so; change it in the master, then pull",
     "{field} 中的 {held_rows} 超出其 {decl} 字段按 GDAL 和 QGIS 读取所能容纳的范围（{low} 至 "
     "{high}）：QGIS 会显示为溢出后的值并照此保存回去；请在主库中修改后再拉取"),
    (r"(?P<field>\S+) holds (?P<held_rows>.+), in which GDAL and QGIS read no "
     r"(?P<dtype>date|datetime): QGIS shows such a value empty, and an edit of another field "
     r"of its feature cannot be saved; change it in the master, then pull",
     "{field} 中的 {held_rows} 无法被 GDAL 和 QGIS 读作日期（{dtype}）：QGIS 会将其显示为空，"
     "且该要素其他字段的编辑无法保存；请在主库中修改后再拉取"),
    # several values of one change the database cannot take, each named
    (r"(?P<parts>[^:\s]+: the database cannot take it: [^;]+(?:; [^:\s]+: the database "
     r"cannot take it: [^;]+)+)", "{parts}"),
    # (each column by its name: what the database refuses is mostly of a county's own table,
    # whose column may share a plan column's name and not its meaning)
    (r"(?P<field>[^:\s]+): the database cannot take it: its column is bytea, which holds "
     r"bytes, not text \((?P<value>.*)\)",
     "{field}：数据库不接受此值：该字段为 bytea 类型，只能存放二进制数据，"
     "不能存放文本（{value}）"),
    (r"(?P<field>[^:\s]+): the database cannot take it: its column is bytea, which holds "
     r"bytes, not a number \((?P<value>.*)\)",
     "{field}：数据库不接受此值：该字段为 bytea 类型，只能存放二进制数据，"
     "不能存放数字（{value}）"),
    (r"(?P<field>[^:\s]+): the database cannot take it: (?P<db_why>[^;]+)",
     "{field}：数据库不接受此值：{db_why}"),
    (r"(?P<field>[^:]+): the database refused it: (?P<db_why>.+)",
     "{field}：数据库拒绝：{db_why}"),
    # rows PostgreSQL's rules refused a settling or an undo (postgis.writing.Unwritable)
    (r"the database refused (?P<refused_rows>the (?:insert|update|delete) of \S+ row .+); "
     r"nothing was changed", "数据库拒绝：{refused_rows}；未作任何更改"),
    (r"the database refused (?:it: )?(?P<db_why>.+); nothing was changed",
     "数据库拒绝：{db_why}；未作任何更改"),
    (r"the database refused it: (?P<db_why>.+)", "数据库拒绝：{db_why}"),
    (r"the database refused to record them: (?P<db_why>.+)", "数据库拒绝记录：{db_why}"),
    (r"the master's functions are from an earlier version, which cannot record the "
     r"conflicts of GIS staff's saves: .*",
     "主库的函数来自较早版本，无法记录 GIS 人员保存时覆盖的冲突：主管下次对其运行任一 field-kit "
     "命令时即会安装"),
    (r"schema (?P<schema>.+?) of database (?P<db>.+?) holds no master: make it one with "
     r"field-kit init on the master's address naming schema (?P=schema) \((?P<pg>.+?) or "
     r"service=NAME (?P<named>.+?)\), which installs change capture on its tables, or with "
     r"field-kit init ADDRESS --from GPKG, which publishes a GeoPackage there"
     r"(?P<there>; (?:no schema|the masters?) of database .+)?",
     "数据库 {db} 的模式 {schema} 中没有主库：请对主库地址（{pg} 或 service=名称 {named}）运行 "
     "field-kit init，为其中的表安装修改记录；或运行 field-kit init 地址 --from GPKG，把 "
     "GeoPackage 发布到该模式{there}"),
    (r"schema (?P<schema>\S+) of database (?P<db>.+?) holds no master( template)?[;:( ]+run "
     r"field-kit init\)?",
     "数据库 {db} 的模式 {schema} 中没有主库：请先运行 field-kit init"),
    (r"only supervisors (?P<doing>[^:]+): role (?P<user>.+?) is not a member of (?P<owner>.+?), "
     r"the role owning schema (?P<schema>.+?)\. GIS staff given the editors' grants .* is a "
     r"superuser, whose membership .*\)(?P<unchanged>; nothing was changed)?",
     "只有主管可以{doing}：角色 {user} 不是模式 {schema} 的所有者角色 {owner} 的成员。获得编辑人员"
     "权限（field-kit grants）的 GIS 人员可读取主库，并在 QGIS 中编辑其图层；{owner} 是超级"
     "用户，其成员资格不应给予他人：请把该模式及其表交给一个专门的角色，以主管为其成员（见 README "
     "的 Roles 一节）{unchanged}"),
    (r"only supervisors (?P<doing>[^:]+): role (?P<user>.+?) is not a member of (?P<owner>.+?), "
     r"the role owning schema (?P<schema>.+?)\. GIS staff given the editors' grants .*\)"
     r"(?P<unchanged>; nothing was changed)?",
     "只有主管可以{doing}：角色 {user} 不是模式 {schema} 的所有者角色 {owner} 的成员。获得编辑人员"
     "权限（field-kit grants）的 GIS 人员可读取主库，并在 QGIS 中编辑其图层；主管须是 {owner} "
     "的成员（GRANT \"{owner}\" TO \"{user}\"）{unchanged}"),
    (r"schema (?P<schema>\S+) belongs to role (?P<owner>.+?), of which (?P<user>.+?) is not a "
     r"member: a master made there by .* GRANT \S+ TO \S+, or name a schema .* "
     r"owns; nothing was changed",
     "模式 {schema} 属于角色 {owner}，{user} 不是其成员：{user} 在其中建的主库将只属于 {user}，"
     "主管们（{owner} 的成员）无法使用，且修改记录会把 {user} 的每次合并再记一次。请执行 "
     "GRANT \"{owner}\" TO \"{user}\"，或指定 {user} 拥有的模式；未作任何更改"),
    (r"no role (?P<role_name>.+?) in the database: make it first .*",
     "数据库中没有角色 {role_name}：请先创建（CREATE ROLE \"{role_name}\" LOGIN）；未作任何更改"),
    (r"no table (?P<tables>.+) in schema (?P<schema>\S+); nothing was changed",
     "模式 {schema} 中没有表 {tables}；未作任何更改"),
    (r"grants are for a PostgreSQL master: .*",
     "权限只用于 PostgreSQL 主库：GeoPackage 主库没有数据库角色（各角色在外业数据包中可改什么，"
     "见其 sync_roles 表）"),
    (r"schema (?P<schema>.+?) does not exist in database (?P<db>.+?): name the master's .*?"
     r"(?P<there>; (?:no schema|the masters?) of database .+)?",
     "数据库 {db} 中没有模式 {schema}：请给出主库所在的模式（…?schema=名称 或 schema=名称），或用 "
     "field-kit init 地址 --from GPKG 发布{there}"),
)


def _role_zh(role: str) -> str:
    """A role's Chinese title (plan.names.ROLE_TITLES), or the role as given."""
    from .plan.names import ROLE_TITLES  # (imported late: the plan's modules say through here)
    title = ROLE_TITLES.get(role)
    return title.zh if title else role


# what only supervisors do (field_kit.sync.postgis.roles.SUPERVISORS_DO)
_SUPERVISORS_DO = {"settle conflicts": "处理冲突", "undo merges": "撤销合并",
                   "check out field packages": "签出外业数据包",
                   "merge change packages": "合并修改包", "repair capture": "修复变更捕获",
                   "give the editors' grants": "授予编辑人员权限",
                   "take back the editors' grants": "收回编辑人员权限",
                   "check out field packages, merge change packages or undo merges":
                   "签出外业数据包、合并修改包或撤销合并"}
# what became of a change a merge was given (field_kit.sync.outcomes)
_STATUSES = {"applied": "已应用", "already": "此前已应用", "conflict": "冲突", "refused": "已拒收"}
_OPS = {"insert": "新增", "update": "修改", "delete": "删除"}
# an edit a pull gave up (field_kit.sync.refused): what it was, and what the pull did
_KINDS = {"edit": "修改", "new row": "新增记录", "delete": "删除"}
_RELATIONS = {"view": "视图", "table": "数据表", "materialized view": "物化视图",
              "index": "索引", "trigger": "触发器"}
_TAILS = {
    "the package now holds the master's value": "数据包现已采用主库的值",
    "the package now holds the master's values": "数据包现已采用主库的值",
    "the package no longer holds the row, which the master never took":
        "数据包中已不再有该行（主库从未接收它）",
    "the row is back in the package, as the master holds it": "该行已恢复到数据包中，与主库一致",
    "it is not sent again": "不再重新发送",
    "the feature is back where the master has it": "该要素已回到主库中的位置",
    "it is not sent again; a later edit of the row waits to be sent":
        "不再重新发送；本机对该行的后续修改尚待发送",
    # an edit a pull sends again (field_kit.sync.sent_again.send_again)
    "mend it, then export: it is sent again": "请先修正，再导出：它将被重新发送",
    "it is sent again with the next export": "它将随下次导出重新发送",
    "mend what the merge named, then export: it is sent again":
        "请先修正合并时指出的问题，再导出：它将被重新发送",
    # what a pull does not send again of such an edit, and why (sent_again.send_again)
    "it is not sent again: the package no longer holds the row":
        "不再重新发送：数据包中已不再有该行",
    "it is not sent again: the package holds the row again": "不再重新发送：数据包中又有了该行",
    "it is not sent again: a later copy of the new row, with its mend, goes instead":
        "不再重新发送：改由该新增记录其后的副本（含修正）发送",
    "it is not sent again: a later copy of the new row, with its mend, was merged instead":
        "不再重新发送：该新增记录其后的副本（含修正）已被主库合并",
    "it is not sent again: a later edit of it waits to be exported, and goes instead":
        "不再重新发送：本机其后对它的修改尚待导出，将改由该修改发送",
    "it is not sent again: a later edit of it, exported, waits to be merged, and goes instead":
        "不再重新发送：本机其后对它的修改已导出、尚待合并，将改由该修改发送",
    "it is not sent again: the package now holds a later edit of it":
        "不再重新发送：数据包现保存的是本机其后的修改",
    "it is not sent again: the package now holds another value":
        "不再重新发送：数据包现保存的是另一个值",
    "it is not sent again: the package now holds the master's value":
        "不再重新发送：数据包现已采用主库的值",
    "it is not sent again: the package now holds the master's values":
        "不再重新发送：数据包现已采用主库的值",
    "it is not sent again: the master dropped the column": "不再重新发送：主库已删除该字段",
}
_RENAMED_TAIL = re.compile(r"it is not sent again: the master renamed the column (?P<to>\S+): "
                           r"make the edit again in (?P=to)")
# the values typed of an edit a pull gave up (field_kit.sync.refused.typed_kept)
_TYPED = re.compile(r"(?P<tail>.+); you typed (?P<values>.+): the package's history keeps it "
                    r"\(field-kit history (?P<cmd>.+)\)")
_OWN_TAIL = re.compile(r"it is not sent again: the master has no column (?P<cols>.+), which "
                       r"this package added \(a (?P<role>\w+)'s package does not add columns\): "
                       r"ask GIS staff to add (?:it|them) to the master and merge this package "
                       r"again, then pull; or drop the column from the package")
_PART_SENT = re.compile(r"what the package still holds of it \((?P<sent>[^()]+)\) is sent "
                        r"again with the next export")
# why libpq could not connect (its words, said after these): what happened, in Chinese
_LIBPQ = (
    ("password authentication failed", "密码错误，或该用户不能用密码登录"),
    ("no password supplied", "服务器要求密码，而连接没有保存密码"),
    ("does not exist", "服务器上没有该数据库或该用户"),
    ("no pg_hba.conf entry", "服务器不允许此连接，见其 pg_hba.conf"),
    ("definition of service", "找不到该服务的定义，见 pg_service.conf"),
    ("shutting down", "数据库服务器正在关闭"),
    ("starting up", "数据库服务器正在启动"),
    ("too many", "数据库服务器的连接数已满"),
    ("server running", "数据库服务器未运行或无法访问"),
    ("timeout", "数据库服务器未运行或无法访问"),
    ("could not translate host name", "找不到数据库服务器，其主机名无法解析"),
)
_ASKED = " Is the server running, and reachable at the address given?"
# a session holding a lock as the server shows it (field_kit.sync.postgis.waiting.holder):
# its application, process and since when, then what it runs
_HOLDER = re.compile(r"(?P<app>.*?)\bprocess (?P<pid>\d+)(?:, in a transaction since "
                     r"(?P<since>\S+?))?(?:: (?P<query>.*))?", re.S)


# the parts of Conflict.how_changed and named, as a refusal over later edits lists them (the
# comma before who changed it taken with "now", said as Chinese puts it)
_SINCE = (
    ("deleted when it was recorded, there again now, ", "记录时已删除，现又存在，"),
    (" when it was recorded, its row deleted now, ", "（记录时），其要素现已删除，"),
    (" when it was recorded, deleted now, ", "（记录时），现已删除，"),
    (" when it was recorded, ", "（记录时），"), (" now, ", "（现在），"),
    ("no recorded edit says who changed it (written while capture was off)",
     "没有修改记录说明是谁改的（改时变更捕获已关闭）"),
    (", which its conflict ", "，该值在其冲突 "),
    (" keeps open: settle that one first", " 中待处理：请先处理该冲突"),
    ("changed by ", "修改者 "), (" (merge ", "（合并 "),
    (" (settling conflict ", "（处理冲突 "), (" (undoing merge ", "（撤销合并 "),
    (" (imported from ", "（导入自 "), (" at ", "，时间 "), (", field ", "，字段 "),
    (", the whole row)", "，整个要素）"),
    (" (row ", "（要素 "), ("; conflict ", "；冲突 "), ("conflict ", "冲突 "), (")，", "），"),
    ("): ", "）："), ("）: ", "）："))


# a conflict as a refusal over later edits names it (Conflict.named): its table, then its
# row's name, or "row UUID" where it has none
_CONFLICT_HEAD = re.compile(r"(?P<head>conflict \d+ \()(?P<table>\S+) "
                            r"(?P<row>row (?=\S+, (?:field \S+|the whole row)\)))?")


def _conflict_head_in_chinese(m: re.Match) -> str:
    from .plan.values import column_named  # (a plan layer by its title: not at import)
    return f"{m['head']}{column_named(m['table'], 'zh')} {'要素 ' if m['row'] else ''}"


def _holder_in_chinese(text: str) -> str:
    m = _HOLDER.fullmatch(text)
    if m is None:
        return text
    app = m["app"].removesuffix(", ")
    said = "，".join(p for p in (app, f"进程 {m['pid']}",
                                m["since"] and f"事务开始于 {m['since']}") if p)
    return f"{said}：{m['query']}" if m["query"] else said


# what change capture found wrong in a table (field_kit.sync.drift), as a message lists it
_DRIFTS = (("capture was switched off by another program at ", "记录修改曾被另一程序于 "),
           (" and on again: edits made meanwhile were not captured",
            " 关闭，之后又被打开：其间所做的编辑未被记录"),
           ("capture triggers missing", "记录修改的触发器缺失"),
           ("capture triggers altered", "记录修改的触发器被改动"),
           ("capture switched off (sync_state.capture is 0)",
            "记录修改被关闭（sync_state.capture 为 0）"),
           ("column gone", "字段已不存在"), ("table gone", "表已不存在"),
           # rows edited where no trigger saw them (drift.outside): by operation
           ("rows changed outside change capture", "有记录在修改记录之外被改动"),
           ("updated ", "修改 "), ("inserted ", "新增 "), ("deleted uuid ", "删除 uuid "),
           (" and ", " 及另外 "), (" more", f" {ROWS}"),
           (": renamed ", "：已改名为 "), (": ", "："),
           ("; ", "；"))
# the table each of them is in, where one begins ("t: capture triggers missing; t2: …")
_DRIFT_TABLE = re.compile(r"(?:^|(?<=; ))(?P<table>[^:;]+?)(?=: (?:capture |column gone|"
                          r"table gone|rows changed outside|renamed ))")


def _accepted_in_chinese(groups: dict) -> None:
    """The tables (``tracked_listed``) or a table's columns (``grant_cols`` of
    ``grant_table``) a refusal lists, each by its title or label with its name."""
    from .plan.names import listed
    if "tracked_listed" in groups:
        groups["tracked_listed"] = listed(groups["tracked_listed"].split(", "), "zh")
    if "grant_cols" in groups:
        table = groups["grant_table"]
        groups["grant_cols"] = listed(groups["grant_cols"].split(", "), "zh", table=table)
        groups["grant_table"] = _table_titled(table)


def _table_titled(table: str) -> str:
    """A plan layer by its Chinese title with the table after it in brackets (the name
    repair and SQL know it by), a layer of the county's own by its name."""
    from .plan.values import column_named  # (a plan layer by its title: not at import)
    title = column_named(table, "zh")
    return table if title == table else f"{title}（{table}）"


def layer_shown_in_chinese(shown: str) -> str:
    """A layer as :func:`~field_kit.sync.registry.layer_shown` names it, "its name (its
    table)", with the table in Chinese brackets; a plan layer named by its title in both
    languages (as the plan ships it) by its Chinese title alone."""
    from .plan import schema  # (not at import)
    m = re.fullmatch(r"(?P<name>.+) \((?P<table>[^()]+)\)", shown)
    if m is None:
        return shown
    plan = schema.BY_NAME.get(m["table"])
    name = plan.title.zh if plan and m["name"] == plan.title.both(" ") else m["name"]
    return f"{name}（{m['table']}）"


def _drift_tables_in_chinese(drifts: str) -> str:
    """Each table what capture found wrong names, by :func:`_table_titled`."""
    return _DRIFT_TABLE.sub(lambda m: _table_titled(m["table"]), drifts)


def _coordinate_hint(hint: str) -> str:
    """What the coordinates look like (importer.crs), in Chinese."""
    for pattern, zh in (
            (r"the coordinates look like longitude/latitude: if CGCS2000, give --crs "
             r"EPSG:4490", "坐标看似经纬度：若为 CGCS2000，请给出 --crs EPSG:4490"),
            (r"the eastings carry (?P<kind>6-degree )?zone prefix (?P<zone>\d+): if CGCS2000, "
             r"give --crs (?P<code>EPSG:\d+)", "东坐标带有{kind}带号 {zone}：若为 CGCS2000，请给出 "
             "--crs {code}"),
            (r"the eastings have no zone prefix: give the zone's EPSG code, (?P<rest>.+)",
             "东坐标没有带号：请给出所在分带的 EPSG 代码，{rest}"),
            (r"the eastings have no zone prefix, but (?P<label>.+?) expects one"
             r"(?P<probably>: the data is probably EPSG:\d+)?",
             "东坐标没有带号，而 {label} 的东坐标带有带号{probably}"),
            (r"the eastings carry a zone prefix \((?P<zone>\d+)\) that (?P<label>.+?) does not "
             r"expect(?P<probably>: the data is probably EPSG:\d+)?",
             "东坐标带有带号（{zone}），而 {label} 的东坐标不带带号{probably}")):
        got = re.fullmatch(pattern, hint)
        if got:
            groups = {k: ("6 度" if k == "kind" and v else v or "")
                      for k, v in got.groupdict().items()}
            if "rest" in groups:  # "e.g. --crs EPSG:4538 (CM 87E) or EPSG:4539 (CM 90E)"
                rest = re.sub(r" \(CM (\d+)E\)", r"（中央经线 \1°E）", groups["rest"])
                groups["rest"] = rest.replace("e.g. ", "例如 ").replace(" or ", "或 ")
            if groups.get("probably"):
                groups["probably"] = "：数据很可能是 " + groups["probably"].rsplit(" ", 1)[1]
            return zh.format(**groups)
    return hint


# a table capture was switched off on (field_kit.sync.postgis.watch.said): when, by whom
_CAPTURE_OFF = re.compile(r"(?P<tbl>\S+) at (?P<at>\S+) by (?P<who>\S+)"
                          r"(?: as (?P<acting>\S+))?(?: \((?!and \d)(?P<app>.+?)\))?"
                          r"(?: \(and (?P<more>\d+) times? more\))?")


def _capture_off(entry: str) -> str:
    m = _CAPTURE_OFF.fullmatch(entry)
    if m is None:
        return entry
    how = "，".join(p for p in (m["acting"] and f"以 {m['acting']} 身份",
                                m["app"] and f"经由 {m['app']}") if p)
    more = f"，另有 {m['more']} 次" if m["more"] else ""
    return f"{m['tbl']}：{m['at']} 由 {m['who']}{f'（{how}）' if how else ''} 关闭{more}"


def _layer_clash(what: str) -> str:
    """How two layers of one name differ (new_layers._clash), in Chinese."""
    for pattern, zh in (
            (r"one has a geometry, the other none", "一个有几何字段，另一个没有"),
            (r"geometry (?P<a>\S+) (?P<wa>in the .+?), (?P<b>\S+) (?P<wb>in .+)",
             "几何类型：{wa}为 {a}，{wb}为 {b}"),
            (r"coordinate system (?P<a>\S+) (?P<wa>in the .+?), (?P<b>\S+) (?P<wb>in .+)",
             "坐标系：{wa}为 {a}，{wb}为 {b}"),
            (r"column (?P<col>.+) of type (?P<a>\S+) (?P<wa>in the .+?), (?P<b>\S+) "
             r"(?P<wb>in .+)", "字段 {col} 的类型：{wa}为 {a}，{wb}为 {b}"),
            (r"no column in common", "没有共同的字段"),
            (r"(?P<twin>.+) (?P<w>in the .+?), a name that differs in case alone",
             "{w}为 {twin}，名称只差字母大小写，GeoPackage 视为同一名称")):
        got = re.fullmatch(pattern, what)
        if got:
            groups = {k: _WHERE.get(v, v) for k, v in got.groupdict().items()}
            return zh.format(**groups)
    return what


_ALTERED = (
    (r"table (?P<table>\S+) was dropped \(or moved out of the schema\)",
     "表 {table} 已被删除（或移出模式）"),
    (r"table (?P<table>\S+) was renamed to (?P<now>\S+)", "表 {table} 已改名为 {now}"),
    (r"column (?P<col>.+) of (?P<table>\S+) was dropped or renamed",
     "字段 {col}（{table}）已被删除或改名"),
    (r"column (?P<col>.+) of (?P<table>\S+) was changed to type (?P<now>.+)",
     "字段 {col}（{table}）的类型已改为 {now}"),
)


# why capture switched off and on again is not watched (watch.unwatched)
_UNWATCHED = (
    (r"its event trigger (\S+) is missing", r"其事件触发器 \1 不存在"),
    (r"its event trigger (\S+) is disabled", r"其事件触发器 \1 已停用"),
    (r"its table (\S+) is missing or not a superuser's", r"其记录表 \1 不存在或不属于超级用户"),
    (r"its functions are an earlier version's or not a superuser's",
     "其函数属于旧版本或不属于超级用户"),
)
# why a column added in PostgreSQL cannot be carried (grow.added_in_database)
_UNCARRIED = (
    (r" \(of type (.+?), which the sync does not carry\)", r"（类型为 \1，同步无法携带）"),
    (r" \(its default (.+?) is not a constant, so its rows have no common ancestor\)",
     r"（默认值 \1 不是常量，各要素没有共同的祖先值）"),
    (r" \(generated by the database: a merge cannot write it\)", "（由数据库生成，合并无法写入）"),
    (r" \(its name differs from (.+?)'s in the case of its letters alone, which a field package "
     r"takes for one name\)", r"（名称与 \1 仅大小写不同，外业数据包会把它们当作同一个名称）"),
    ("; ", "；"),
)


def _altered(part: str) -> str:
    """A change to a PostgreSQL master's schema capture cannot follow, in Chinese."""
    for pattern, zh in _ALTERED:
        got = re.fullmatch(pattern, part)
        if got:
            return zh.format(**got.groupdict())
    return part


def _pull_clash(part: str) -> str:
    """A column or layer a pull found defined otherwise in the master, in Chinese."""
    got = re.fullmatch(r"column (?P<col>.+) of (?P<table>\S+) is (?P<a>.+) in the master, "
                       r"(?P<b>.+) in the package", part)
    if got:
        return "字段 {col}（{table}）在主库中为 {a}，在数据包中为 {b}".format(**got.groupdict())
    got = re.fullmatch(r"column (?P<col>.+) of (?P<table>\S+) is (?P<twin>.+) in the master, a "
                       r"name that differs in case alone", part)
    if got:
        return "字段 {col}（{table}）与主库的 {twin} 只差字母大小写".format(**got.groupdict())
    got = re.fullmatch(r"layer (?P<table>\S+) \((?P<what>.+)\)", part)
    if got:
        return f"图层 {got['table']}（{_layer_clash(got['what'])}）"
    return part


def _gave_way(then: str) -> str:
    """What became of the values typed into a technician's column that gave way, in Chinese."""
    for pattern, zh in (
            (r"nothing had been typed into (?P<col>.+) here", "此前未在 {col} 中填写任何值"),
            (r"the (?P<n>\d+) values? typed into (?P<col>.+) here (?:is|are) written into "
             r"(?P<there>.+), to be sent with the next export:",
             "此前在 {col} 中填写的 {n} 个值已写入 {there}，随下次导出发送："),
            (r"the (?P<n>\d+) values? typed into (?P<col>.+) here, which the master cannot "
             r"take, (?:is|are) set aside in the package \(sync_values_set_aside\), not "
             r"sent: to keep one, type it again in the record's form, into (?P<there>.+) or "
             r"another field:",
             "此前在 {col} 中填写的 {n} 个值主库无法接收，已另存于数据包"
             "（sync_values_set_aside），不会发送：如需保留，请在记录表单中重新填写到 {there} "
             "或其他字段：")):
        got = re.fullmatch(pattern, then)
        if got:
            return zh.format(**got.groupdict())
    return then


_PULL_CLASH_TODO = (
    (r"rename the columns? in the package \(QGIS: Rename Field\), export all its changes again "
     r"\(field-kit export --all (.+?) ZIP\), merge that package, then pull",
     r"请在数据包中将字段改名（QGIS：重命名字段），重新导出其全部修改（field-kit export --all \1 "
     r"ZIP），合并该修改包，再拉取"),
    (r"the two layers cannot be one: the master's stands, the package's reaches the master under "
     r"another name only",
     "两个图层不能合为一个：以主库的为准，数据包的图层只能以另一名称进入主库"),
    (r"; ", "；"))


_CASE_WHERE = {"the master": "主库", "another package of this merge": "本次合并另一个修改包"}
_WHERE = {"in the master": "主库中", "in the package": "数据包中",
          "in the other package": "另一个修改包中", "in this one": "此修改包中"}
_BEYOND = re.compile(r"(\S+) of row (\S+): the master holds (-?\d+), beyond what the "
                     r"package's (\w+) column holds as GDAL and QGIS read it \((-?\d+) to "
                     r"(-?\d+)\)")
_COMPILED = tuple((re.compile(p, re.S), zh) for p, zh in _ZH)
# a value's reasons as FieldCheck.problems joins them, "field: why; field: why": split before
# each field, for a pattern over one value would run from the first field's to the last's
_REASONS = re.compile(r"; (?=[^:\s;]+: )")
_REASON = re.compile(r"[^:\s;]+: ")


def command_line_language() -> str:
    """"zh" or "en": the language of the command line's user, by FIELD_KIT_LANG, then the
    locale's variables in POSIX order."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        v = os.environ.get(var)
        if v:
            return "zh" if v.lower().startswith("zh") else "en"
    return "en"


# a PostgreSQL master's name said in Chinese, its schema in full-width brackets: no space
# after them before the Chinese that follows ("province（模式 toksun）的连接")
_SPACED_AFTER_SCHEMA = re.compile(r"(（模式 [^（）]+）) (?=[\u4e00-\u9fff])")


def master_in_chinese(name: str) -> str:
    """A master's name in Chinese: a PostgreSQL master's "province (schema toksun)" as
    "province（模式 toksun）"; a file's name as it is."""
    return re.sub(r" \(schema ([^()]+)\)$", r"（模式 \1）", name)


# the device name the master's own edits carry (field-kit init's default)
MASTER_DEVICE = "master"


def device_in_chinese(name: str) -> str:
    """A device by its name in Chinese: the master's own, ``master``, as 主库; any other
    (a technician's tablet's, tab-li) as it is."""
    return "主库" if name == MASTER_DEVICE else name


# the master's own device where a Chinese line says who changed a value ("修改者 master，")
_BY_MASTER = re.compile(rf"(?<=修改者 ){MASTER_DEVICE}(?=[，（])")


def _by_master_in_chinese(text: str) -> str:
    """``text`` with the master's own device, where it changed a value, said as 主库."""
    return _BY_MASTER.sub(device_in_chinese(MASTER_DEVICE), text)


# the commonest failures of a file, by the system's error number (its own words are English)
_OS_ERRORS = {errno.EACCES: "权限不足", errno.EPERM: "权限不足", errno.ENOENT: "文件或文件夹不存在",
              errno.ENOSPC: "磁盘已满", errno.EIO: "磁盘或存储设备读写出错",
              errno.EROFS: "只读文件系统"}
# an OSError as Python says it: its number, the system's words, and the file it names (and
# the one it was to become), quoted
_OS_SAID = re.compile(r"\[Errno (?P<n>\d+)\] [^:]*(?:: (?P<file>'[^']*'|\"[^\"]*\"|.+?)"
                      r"(?: -> (?P<file2>.+))?)?")


def os_error_in_chinese(exc: OSError) -> str:
    """An error of the operating system in Chinese by its number, with the file it names;
    one not known as the system says it."""
    said = _OS_ERRORS.get(exc.errno or 0)
    if said is None:
        return str(exc)
    if exc.filename is None:
        return said
    return f"{said}：{exc.filename}" + (f" → {exc.filename2}" if exc.filename2 else "")


def _os_said_in_chinese(said: str) -> str:
    """Why a line says something was not done, as it quotes it: an OSError in Chinese by its
    number, as :func:`os_error_in_chinese` says it ("[Errno 13] Permission denied: 'a.zip'"
    is 权限不足：a.zip); a message of the library (a file problem it named) in its Chinese;
    anything else as it is."""
    m = _OS_SAID.fullmatch(said)
    if m is None or int(m["n"]) not in _OS_ERRORS:
        return said if m is not None else chinese(said)
    file, file2 = (_unquoted(f) if f is not None else None for f in (m["file"], m["file2"]))
    return os_error_in_chinese(OSError(int(m["n"]), "", file, None, file2))


# PostgreSQL's own words refusing a value or a row (its server speaks English, whatever the
# user reads), in Chinese; a name it quotes is kept as it is
_DB_SAID = [(re.compile(p), zh) for p, zh in (
    (r"value too long for type character varying\((?P<n>\d+)\)",
     "值超过该字段的长度（最多 {n} 个字符）"),
    (r"value too long for type character\((?P<n>\d+)\)", "值超过该字段的长度（{n} 个字符）"),
    (r'null value in column "(?P<col>[^"]+)"(?: of relation "[^"]+")? violates not-null '
     r"constraint", "字段 {col} 不能为空"),
    (r'new row for relation "(?P<tbl>[^"]+)" violates check constraint "(?P<rule>[^"]+)"',
     "违反表 {tbl} 的检查约束 {rule}"),
    (r'value "(?P<value>[^"]*)" is out of range for type (?P<type>[\w ]+)',
     "值“{value}”超出 {type} 类型的范围"),
    (r"(?P<type>smallint|integer|bigint) out of range", "值超出 {type} 类型的范围"),
    (r"numeric field overflow", "数值超出该字段的精度"),
    (r'insert or update on table "(?P<tbl>[^"]+)" violates foreign key constraint '
     r'"(?P<rule>[^"]+)"', "违反表 {tbl} 的外键约束 {rule}"),
    (r'update or delete on table "(?P<tbl>[^"]+)" violates foreign key constraint '
     r'"(?P<rule>[^"]+)" on table "(?P<other>[^"]+)"',
     "表 {tbl} 的该记录仍被表 {other} 引用（外键约束 {rule}）"),
    (r'duplicate key value violates unique constraint "(?P<rule>[^"]+)"',
     "与唯一约束 {rule} 冲突（值重复）"),
    (r'invalid input syntax for type (?P<type>[\w ]+): "(?P<value>.*)"',
     "“{value}”不是有效的 {type} 值"),
    (r'date/time field value out of range: "(?P<value>.*)"', "日期时间“{value}”超出范围"),
    (r"permission denied for (?:table|relation|schema|sequence) (?P<name>\S+)",
     "无权访问 {name}"),
    # its detail, in brackets after them
    (r"A field with precision (?P<p>\d+), scale (?P<s>\d+) must round to an absolute value "
     r"less than (?P<limit>\S+)", "精度 {p}、小数位 {s} 的字段，其绝对值须小于 {limit}"),
    (r'Key \((?P<key>.+?)\)=\((?P<value>.*)\) is not present in table "(?P<tbl>[^"]+)"',
     "表 {tbl} 中没有 {key} 为 {value} 的记录"),
    (r'Key \((?P<key>.+?)\)=\((?P<value>.*)\) is still referenced from table '
     r'"(?P<tbl>[^"]+)"', "{key} 为 {value}"),
    (r"Key \((?P<key>.+?)\)=\((?P<value>.*)\) already exists", "{key} 为 {value} 的记录已存在"),
)]
_DB_DETAIL = re.compile(r"(?P<main>.+?)(?: \((?P<detail>.+)\))?")


def _db_words(said: str) -> str | None:
    for pattern, zh in _DB_SAID:
        m = pattern.fullmatch(said)
        if m is not None:
            return zh.format(**m.groupdict())
    return None


# what SQLite says of a damaged file (its own English, which no Chinese user should have to read)
_SQLITE_DAMAGE = {"database disk image is malformed": "数据库文件格式错误，内容受损",
                  "file is not a database": "不是数据库文件，文件头受损",
                  "file is encrypted or is not a database": "文件已加密或不是数据库文件",
                  "disk I/O error": "磁盘读写出错"}


def sqlite_said_in_chinese(said: str) -> str:
    """SQLite's words on a damaged file in Chinese where known, its own text kept after
    them, marked as SQLite's."""
    zh = _SQLITE_DAMAGE.get(said.strip())
    return f"{zh}；SQLite 原文：{said}" if zh else f"SQLite 原文：{said}"


def db_said_in_chinese(said: str) -> str:
    """Why the database refused a value or a row, as a line quotes it (PostgreSQL's words,
    with its detail in brackets): in Chinese where its words are known (a detail not known
    kept as it is, in brackets); a message of the library in its Chinese; anything else as
    it is."""
    m = _DB_DETAIL.fullmatch(said)
    main = _db_words(m["main"]) if m is not None else None
    if m is None or main is None:
        return chinese(said)
    detail = m["detail"]
    if detail is None:
        return main
    return f"{main}（{_db_words(detail) or detail}）"


# a row PostgreSQL's rules refused, as postgis.writing.Unwritable names it
_REFUSED_ROW = re.compile(r"the (?P<op>insert|update|delete) of (?P<table>\S+) row "
                          r"(?P<row>\S+?)(?:, field (?P<fields>[^:]+))?: (?P<why>.+?)"
                          r"(?=; the (?:insert|update|delete) of \S+ row |$)", re.S)


def _refused_rows_in_chinese(rows: str) -> str:
    """Each row the database refused: what was asked of it, its layer (a plan layer by its
    title), the fields it named and its reason, in Chinese where its words are known."""
    from .plan.values import column_named, field_label  # (not at import)
    said = [f"{_OPS[m['op']]} {column_named(m['table'], 'zh')} 要素 {m['row']}"
            + ("（字段 " + "、".join(field_label(m["table"], c, "zh")
                                      for c in m["fields"].split(", ")) + "）"
               if m["fields"] else "")
            + f"：{db_said_in_chinese(m['why'])}" for m in _REFUSED_ROW.finditer(rows)]
    return "；".join(said) if said else rows


def _unquoted(value: str) -> str:
    """A name the message quotes, without its quotes; quotes within words kept."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


# the photos an export refuses, by kind (field_kit.qfield.dcim.refused_said)
_PHOTO_PROBLEMS = (
    (re.compile(r"the folder (?P<names>\S+) is gone from (?P<folder>.+?), with every photo "
                r"taken in QField: copy it back from the phone"),
     "文件夹 {names} 已不在 {folder} 中（QField 拍的照片都在其中）：请从手机把它复制回来"),
    (re.compile(r"files? in (?P<dir>\S+) no photo record names, perhaps a missing photo "
                r"under another name \(give it back its name\): (?P<names>.+)"),
     "{dir} 中没有照片记录指向的文件，可能是改了名的缺失照片（请改回原名）：{names}"),
    (re.compile(r"photo files? missing from (?P<folder>.+?): (?P<names>.+)"),
     "{folder} 中缺少照片文件：{names}"),
    (re.compile(r"photo paths? outside the project folder: (?P<names>.+)"),
     "照片路径在项目文件夹之外：{names}"),
    (re.compile(r"not a JPEG or PNG image: (?P<names>.+)"), "不是 JPEG 或 PNG 图片：{names}"),
    (re.compile(r"not the whole picture, cut short: (?P<names>.+)"),
     "照片文件不完整（被截断）：{names}"),
)
_PHOTO_TODO = {
    "copy the missing photos back into DCIM/": "把缺少的照片复制回 DCIM/",
    "set the path of each photo record outside the folder as said (in QGIS: the photos layer "
    "of the project) and put its file there": "按所示修改路径在文件夹之外的照片记录的路径（在 "
    "QGIS 中：项目的照片图层），并把其文件放到那里",
    "put a picture in place of each file that is none": "用照片替换不是图片的文件",
    "copy each picture cut short again from the phone": "从手机重新复制每张被截断的照片",
}


def _outside_in_chinese(names: str) -> str:
    """"a (must be DCIM/a), b (must be DCIM/b)": each with the path it must be."""
    return "、".join(re.sub(r" \(must be ([^()]*)\)$", r"（应为 \1）", name)
                    for name in re.split(r"(?<=\)), ", names))


def _photo_problems_in_chinese(problems: str) -> str:
    out = []
    for part in problems.split("; "):
        for pattern, zh in _PHOTO_PROBLEMS:
            m = pattern.fullmatch(part)
            if m:
                names = m["names"]
                if pattern.pattern.startswith("photo path"):
                    names = _outside_in_chinese(names)
                out.append(zh.format(**{**m.groupdict(), "names": names}))
                break
        else:
            out.append(part)
    return "；".join(out)


_NAMED_KINDS = {"patch": "图斑", "project": "项目", "program": "工程"}
# a row an undo-merge refusal names (field_kit.sync.undo): its layer's title and name (or
# uuid), the fields by their labels, how it changed, by whom, when (local time)
_UNDO_ROW = re.compile(
    r"(?P<rest>.+?) \((?P<what>.+?), (?:(?:changed|edited) by (?P<dev>.+) at "
    r"(?P<at>an unrecorded time|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?: \((?P<how>merge of|"
    r"kept aside in a conflict by the merge of|undoing the merge of|settling conflict|"
    r"imported from) (?P<ref>[^()]+)\))?|"
    r"(?P<unrecorded>no recorded edit says who changed it \(written while capture was "
    r"off\)))\)(?:, to set back: (?P<to_set>.+))?", re.S)
# a field to set back by hand and the value it held before the merge (undo._to_set)
_TO_SET = re.compile(r"(?P<label>.+?) (?P<value>null|true|false|-?\d[\d.eE+-]*|"
                     r"\"(?:[^\"\\]|\\.)*\"|as before the merge \(History shows it\))"
                     r"(?:, |$)", re.S)
# how the rows an undo-merge refusal names were met since the merge: changed, or named by
# an edit a later merge kept aside in a conflict (it never changed them), or some of each
_UNDO_HOW = {"changed after the merge": "在合并之后又被修改",
             "with an edit a later merge kept aside": "有修改被之后的合并留作冲突",
             "changed after the merge or with an edit a later merge kept aside":
             "在合并之后又被修改或有修改被之后的合并留作冲突"}
# a shape as a value: its kind first (field_kit.plan.values.shape_shown)
_SHAPE_KIND = re.compile(r"^(points?|lines?|polygons?|geometry) @ ")
_SHAPE_ZH = {"point": "点", "points": "点", "line": "线", "lines": "线", "polygon": "面",
             "polygons": "面", "geometry": "几何"}
# a merge as the sync dock lists it, with the id undo-merge takes
_UNDO_MERGE = re.compile(r"(?P<package>.+?) from (?P<device>.+) at (?P<at>\S+ \S+) "
                         r"\(merge id (?P<id>[^()]+)\)")


def _layer_in_chinese(text: str) -> tuple[str, str, str]:
    """(the plan table, its Chinese title, the rest) of a row named by its layer's English
    title; a layer of the county's own by its name."""
    from .plan import schema  # (the plan's titles: not at import)
    for t in sorted(schema.TABLES, key=lambda t: -len(t.title.en)):
        if text.startswith(t.title.en + " "):
            return t.name, t.title.zh, text[len(t.title.en) + 1:]
    layer, _, rest = text.partition(" ")
    return layer, layer, rest


def _fields_in_chinese(table: str, what: str) -> str:
    """Fields named by their English labels, by their Chinese ones."""
    from .plan import schema  # (the plan's labels: not at import)
    plan = schema.BY_NAME.get(table)
    labels = {"Geometry": "几何", **{c.label.en: c.label.zh for c in plan.columns}} \
        if plan else {}
    return "、".join(labels.get(f, f) for f in what.split(", "))


def _label_anywhere(column: str) -> str:
    """A column a message names without its table, by its label where every plan table
    holding a column so named labels it alike; else (a county's own column) by its name."""
    from .plan import schema  # (the plan's labels: not at import)
    if column == schema.GEOMETRY_COLUMN:
        return "几何"
    labels = {c.label.zh for t in schema.TABLES for c in t.columns if c.name == column}
    return labels.pop() if len(labels) == 1 else column


def _names_in_chinese(names: str) -> str:
    """Columns and layers as the sync names them ("t.a, t.b, t2 (every column)"): each
    layer by its title once, its columns by their labels after it ("图层：字段甲、字段乙")."""
    from .plan.values import column_named, field_label
    columns: dict[str, list[str]] = {}  # (in the order named)
    whole = set()
    for n in names.split(", "):
        table, _, column = n.removesuffix(_WHOLE).partition(".")
        columns.setdefault(table, [])
        if column:
            columns[table].append(field_label(table, column))
        elif n.endswith(_WHOLE):
            whole.add(table)
    return "；".join(column_named(t) + ("（所有字段）" if t in whole else "") + (
        "：" + "、".join(cols) if cols else "") for t, cols in columns.items())


def _conflict_fields_in_chinese(names: str) -> str:
    """The fields of conflicts as ``resolve`` lists them ("t.c, t (a whole row)"): each by
    its layer's title and its label, a row's as the whole record of its layer."""
    from .plan.values import column_named, field_label
    out = []
    for n in names.split(", "):
        if n.endswith(" (a whole row)"):
            out.append(column_named(n.removesuffix(" (a whole row)")) + "（整个要素）")
        elif n == "…":
            out.append(n)
        else:
            table, _, column = n.partition(".")
            out.append(f"{column_named(table)}：{field_label(table, column)}")
    return "、".join(out)


def _fields_zh(groups: dict, table: str) -> None:
    """The fields of ``table`` a message names by their English labels (``field_en``,
    ``parent_en``; ``others_en``: conflicts, each with its field), by their Chinese ones;
    ``or_takes``: the other sides a decision may take; ``both``: the values to type for
    both instead."""
    for key in ("field_en", "parent_en"):
        if key in groups:
            groups[key] = _fields_in_chinese(table, groups[key])
    if "others_en" in groups:
        groups["others_en"] = re.sub(
            r" \(([^()]+)\)", lambda m: "（" + ("整个要素" if m[1] == "the whole row" else
                                              _fields_in_chinese(table, m[1])) + "）",
            groups["others_en"]).replace(", ", "、")
    if groups.get("or_takes"):
        groups["or_takes"] = f"（或 {groups['or_takes'].replace(', or ', '、')}）"
    if groups.get("both"):
        groups["both"] = f"，或自行给出两者的值：{groups['both']}"


def _undo_how_in_chinese(how: str, ref: str) -> str:
    """What made an edit an undo-merge refusal names (a merge by its package), in Chinese."""
    if how == "settling conflict":
        conflict, _, package = ref.partition(" of the merge of ")
        return f"处理冲突 {conflict}，属 {package} 的合并"
    return {"merge of": f"{ref} 的合并", "undoing the merge of": f"撤销 {ref} 的合并",
            "kept aside in a conflict by the merge of": f"{ref} 的合并作为冲突暂存，未写入",
            "imported from": f"导入自 {ref}"}[how]


def _undo_row_in_chinese(text: str) -> tuple[str, str, str]:
    """(table, layer's title, row) of a row as an undo names it ("Patch verifications
    P0000000 2022-01-01, row 3f2a…"), in Chinese."""
    table, layer, rest = _layer_in_chinese(text)
    name, comma, uuid = rest.rpartition(", row ")
    return table, layer, (f"要素 {rest[4:]}" if rest.startswith("row ") else
                          f"{name}，要素 {uuid}" if comma else rest)


def _undo_rows_in_chinese(rows: str) -> str:
    """The rows an undo-merge refusal names, with full-width brackets and commas."""
    out = []
    for part in rows.split("; "):
        m = _UNDO_ROW.fullmatch(part)
        if m is None:
            out.append(part)
            continue
        table, layer, row = _undo_row_in_chinese(m["rest"])
        what = {"deleted": "已删除", "there again": "已重新存在"}.get(
            m["what"]) or _fields_in_chinese(table, m["what"])
        if m["unrecorded"]:
            by = "没有修改记录说明是谁改的（改时变更捕获已关闭）"
        else:
            dev = "未命名设备" if m["dev"] == "an unnamed device" else device_in_chinese(m["dev"])
            at = "时间未记录" if m["at"] == "an unrecorded time" else f"时间 {m['at']}"
            how = f"（{_undo_how_in_chinese(m['how'], m['ref'])}）" if m["how"] else ""
            by = f"修改者 {dev}，{at}{how}"
        out.append(f"{layer} {row}（{what}，{by}）" + _to_set_in_chinese(table, m["to_set"]))
    return "；".join(out)


def _to_set_in_chinese(table: str, to_set: str | None) -> str:
    """"，应手工改回：治理阶段 "planned"、备注 null": the fields of a row an undo-merge refusal
    says to set back by hand, each by its Chinese label, with the value it held before."""
    if not to_set:
        return ""
    if to_set == "delete it":
        return "，应手工删除该要素"
    pairs = [(_fields_in_chinese(table, m["label"]),
              "合并之前的形状（修改历史中可见）" if m["value"].startswith("as before")
              else m["value"]) for m in _TO_SET.finditer(to_set)]
    return "，应手工改回：" + "、".join(f"{label} {value}" for label, value in pairs)


_WAITING_KINDS = {"added": "新增", "changed": "修改", "deleted": "删除",
                  "added and deleted again": "新增后又删除"}


def _title_in_chinese(title: str) -> str:
    """A plan layer by its Chinese title, from its English one; a layer of the county's own
    by its name."""
    _table, zh, rest = _layer_in_chinese(title + " ")
    return zh if not rest else title


def _masters_there_in_chinese(there: str) -> str:
    """"; the master(s) of database D is/are in schema(s) A, B" or "; no schema of database D
    holds a master", in Chinese."""
    _, found, schemas = there.partition(" in schema")
    if not found:
        return "；该数据库的任何模式中都没有主库"
    return "；该数据库中主库所在的模式：" + schemas.removeprefix("s").strip().replace(", ", "、")


def _later_merges_in_chinese(merges: str) -> str:
    """The later merges an undo-merge refusal says to undo first, as the dock lists them;
    several in the order to undo them ("A, then B": A，再撤销 B)."""
    out = []
    ordered = ", then " in merges
    for part in merges.split(", then " if ordered else ", "):
        m = _UNDO_MERGE.fullmatch(part)
        out.append(part if m is None else
                   f"{m['package']}（来自 {m['device']}，{m['at']}，合并编号 {m['id']}）")
    return ("，再撤销 " if ordered else "、").join(out)


def _untracked_in_chinese(text: str) -> str:
    """"t: why; t2: why" (the tables init could not track, each with why) in Chinese, after
    a colon; nothing where none is named. A reason may hold "; " itself: a part without
    "name: " is the previous one's."""
    if not text:
        return ""
    from .plan.values import column_named
    parts: list[str] = []
    for part in text.split("; "):
        if parts and ": " not in part:
            parts[-1] += "; " + part
        else:
            parts.append(part)
    said = []
    for part in parts:
        table, _, why = part.partition(": ")
        why_zh = chinese(why)
        if why_zh == why:  # several reasons, each said alone
            why_zh = "；".join(chinese(w) for w in why.split("; "))
        said.append(f"{column_named(table)}：{why_zh}")
    return "：" + "；".join(said)


def _reasons_in_chinese(text: str) -> str:
    """A refusal's reason, or several (a field's each), in Chinese: each on its own."""
    parts = _REASONS.split(text)
    if len(parts) > 1 and all(_REASON.match(part) for part in parts):
        return "；".join(chinese(part) for part in parts)
    said = chinese(text)
    if said == text and "; " in text:
        said = "；".join(chinese(part) for part in text.split("; "))
    return said


def _set_apart(zh: str, key: str, value: str) -> str:
    """The template ``zh`` with ``{key}`` set apart by a space from the Chinese words it
    meets where ``value`` ends in Latin letters or figures there (a layer of the county's
    own by its name, a column without a Chinese label); a Chinese title or label meets them
    unspaced, as the template writes it."""
    slot, word = re.escape("{" + key + "}"), r"[^\W\d_\x00-\x7f]"  # (a Chinese letter)
    if value and value[0].isascii():
        zh = re.sub(f"(?<={word}){slot}", lambda m: " " + m[0], zh)
    if value and value[-1].isascii():
        zh = re.sub(f"{slot}(?={word})", lambda m: m[0] + " ", zh)
    return zh


# where a change in the log came from (field_kit.sync.changelog: origin), and the marks of an
# edit of a row deleted, kept for its values, and of a delete logged for its time alone
_ORIGINS = {"local": "本机", "pull": "拉取", "merge": "合并", "resolve": "处理冲突",
            "undo": "撤销合并", "import": "导入自", "repair": "修复时接受"}
_ORIGIN_MARKS = {"parked": "（要素已删除，仅留其值）", "touch": "（要素已不在，仅记其时间）"}


def change_in_chinese(origin: str | None, op: str, table: str) -> str:
    """Where a change in the log came from ("merge:ID"), what it did and to which layer, as
    log and history head it, in Chinese: the layer by its title, the ids as they are."""
    from .plan.values import column_named
    kind, _, ref = (origin or "local").partition(":")
    ref, _, mark = ref.rpartition(":") if ref.endswith(tuple(_ORIGIN_MARKS)) else (ref, "", "")
    said = " ".join(w for w in (_ORIGINS.get(kind, kind), ref) if w) + _ORIGIN_MARKS.get(mark, "")
    return f"{said} {_OPS.get(op, op)} {column_named(table)}"


# what is wrong with a blob that is not a GeoPackage geometry (field_kit.sync.field_check)
_BLOB_FAULTS = {"no standard GP header": "没有标准的 GP 文件头", "bad envelope": "外包框有误",
                "its WKB does not parse": "其 WKB 无法解析"}
_WHOLE = " (every column)"  # a whole table's grant (field_kit.sync.registry)
_SIGNALS = {"interrupted (Ctrl-C)": "已中断（Ctrl-C）", "stopped (SIGTERM)": "已被终止（SIGTERM）"}


def _libpq_said(libpq: str) -> tuple[str, str]:
    """(what happened, in Chinese; libpq's own words) of why libpq could not connect."""
    what = next((zh for en, zh in _LIBPQ if en in libpq), "连接失败")
    # the question field-kit asks in its place (address.why_not), said by "what"
    return what, libpq.replace(_ASKED, "").rstrip(". ") or libpq


def libpq_in_chinese(libpq: str) -> str:
    """Why libpq could not connect (:func:`field_kit.sync.postgis.address.why_not`), what
    happened said in Chinese before its own words, kept whole."""
    return f"{_libpq_said(libpq)[0]}：{libpq}"


# what a refusal of an edit of a table the role holds no grant of ends with (outcomes.ASK_TABLE)
_ASK_TABLE = re.compile(r"(?P<said>.+); ask GIS staff for a grant of (?P<table>\S+): "
                        r"(?P<command>field-kit roles MASTER --grant \S+ (?P=table))")


# each part a merge says of an undo-merge a master lost in a restore (field_kit.sync.undone_lost)
_UNDONE_PARTS = re.compile(r"; (?=undone on the master before it was restored: |the master "
                           r"before the restore had undone merge )")


def _undone_in_chinese(pkg: str, dev: str, said: str) -> str:
    """The undo-merges a restore lost, said within what a merge says of the restore ("; "
    and each part): each put into Chinese as it is said alone, the package's name left off."""
    head = f"来自 {_unquoted(dev)} 的 {_unquoted(pkg)}："
    parts = [chinese(f"{pkg} from {dev}: {part}") for part in _UNDONE_PARTS.split(said[2:])]
    return "".join("；" + (part[len(head):] if part.startswith(head) else part)
                   for part in parts)


_NONE_WENT_IN = {"nothing new in it": "中没有新的修改",
                 "its changes all refused": "的修改全部被拒收",
                 "its changes all applied before or refused": "的修改均已在此前应用或被拒收"}


def chinese(message: str) -> str:
    """``message`` from the core in Chinese where it is known, else as it is."""
    if not message:
        return message
    if "\n" in message.strip():  # one message a line
        return "\n".join(chinese(line) for line in message.split("\n"))
    asked = _ASK_TABLE.fullmatch(message.strip())
    if asked:  # a refusal of a table the role holds no grant of, and the grant to ask for
        from .plan.values import column_named
        table = asked["table"]
        return (f"{chinese(asked['said'])}；请向 GIS 人员申请{column_named(table)}（{table}）的"
                f"权限（GIS 人员运行：{asked['command']}）")
    for pattern, zh in _COMPILED:
        m = pattern.fullmatch(message.strip())
        if m:
            # (a path as typed in a command keeps the quotes a shell needs)
            groups = {k: (v or "") if k.endswith("typed") else _unquoted(v or "")
                      for k, v in m.groupdict().items()}
            if "cut_typed" in groups:  # a checkout's options, or its cut not known
                groups["cut_typed"] = groups["cut_typed"].replace(" (cut as before)",
                                                                  "（按原来的范围签出）")
            if "role" in groups:
                groups["role"] = _role_zh(groups["role"])
            if " (row " in groups.get("row", ""):  # a name two rows share, with the uuid
                groups["row"] = groups["row"].replace(" (row ", "（要素 ").replace(")", "）")
            for key in ("any_col", "than"):  # a column named without its table
                if key in groups:
                    groups[key] = _label_anywhere(groups[key])
            if "named" in groups:  # the kind of row a code names
                groups["named"] = _NAMED_KINDS.get(groups["named"], groups["named"])
            for key in ("fids_held", "fids_now"):  # "fid 1 (stand_fid 2), …", "F1 (row …) (fid 6)"
                if key in groups:
                    groups[key] = groups[key].replace(" (row ", "（要素 ").replace(
                        " (", "（").replace(")", "）").replace(", ", "、")
            for key in ("kept_tables", "held_by"):  # tables, devices, listed
                if key in groups:
                    groups[key] = groups[key].replace(", ", "、")
            if "lacking" in groups:  # the tables a master lacks, two said with "and"
                groups["lacking"] = groups["lacking"].replace(" and ", "、")
            if "towns" in groups:  # townships with their other names, listed
                groups["towns"] = groups["towns"].replace(" (", "（").replace(
                    ")", "）").replace(", ", "、")
            if "untracked_why" in groups:  # a table by its title, each reason said alone
                from .plan.values import column_named
                groups["untracked_table"] = column_named(groups["untracked_table"])
                groups["untracked_why"] = "；".join(
                    chinese(part) for part in groups["untracked_why"].split("; "))
            if "sig" in groups:
                groups["sig"] = _SIGNALS.get(groups["sig"], groups["sig"])
            if "none" in groups:  # what a package none of whose changes went in held
                groups["none"] = _NONE_WENT_IN[groups["none"]]
            if "dropped_by" in groups:  # what a decision dropped: whose edit, when, which
                groups["dropped_by"] = "未命名设备" if groups["dropped_by"] == \
                    "an unnamed device" else device_in_chinese(groups["dropped_by"])
                groups["dropped_at"] = "未记录的时间" if groups["dropped_at"] == \
                    "an unrecorded time" else groups["dropped_at"]
                if "dropped_op" in groups:
                    groups["dropped_op"] = {"edit": "修改", "delete": "删除"}[groups["dropped_op"]]
            if "btu_seq" in groups:  # the change a package was brought up to, lacked
                groups["btu_said"] = (
                    f"主库的日志止于 {groups['top']}；本数据包已同步到 {groups['btu_seq']}，"
                    + (f"而此主库的第 {groups['btu_seq']} 项修改是另一项" if groups["btu_other"]
                       else "此主库从未有过该修改"))
            if "undone_said" in groups:  # the undo-merges the lost master made, said with it
                groups["undone_said"] = groups["undone_said"] and _undone_in_chinese(
                    m["pkg"], m["dev"], groups["undone_said"])
                groups["otherwise"] = "除此之外，" if groups["otherwise"] else ""
            if "lost_said" in groups:  # the lost master's own edits a package holds
                groups["lost_said"] = "".join(
                    "；" + chinese("this package holds " + part) for part in
                    groups["lost_said"].split("; this package holds ")[1:])
            if "undo_when" in groups:  # when an undo was made, and by whom
                groups["undo_when"] = re.sub(r" by (.+)$", r"，由 \1", groups["undo_when"])
            if "m" in groups and "at" in groups:  # said by status: at the last pull
                groups["at_said"] = f"上次拉取（{groups['at']}）时，" if groups["at"] else ""
            if "os_why" in groups:  # the system's error, by its number
                groups["os_why"] = _os_said_in_chinese(groups["os_why"])
            if "refused_rows" in groups:  # each row by its layer, field and the reason
                groups["refused_rows"] = _refused_rows_in_chinese(groups["refused_rows"])
            if "unchecked" in groups:  # a retired checkout the master kept no key of
                groups["unchecked"] = groups["unchecked"] and \
                    "（该替换早于主库保存被取代的签出，其签名无法核验）"
            if groups.get("issued"):  # when a retired checkout was made
                groups["issued"] = f"（{groups['issued']} 签出）"
            if "sqlite_why" in groups:  # SQLite's own words, kept after its Chinese
                groups["sqlite_why"] = sqlite_said_in_chinese(groups["sqlite_why"])
            if "db_why" in groups:  # PostgreSQL's own words
                groups["db_why"] = db_said_in_chinese(groups["db_why"])
            for key in [k for k in groups if k.startswith("size_")]:  # (bytes: 字节)
                groups[key] = size_in_chinese(groups[key])
            if "init" in groups:  # a master's layer given a key: tracked at its next init
                groups["init_said"] = (f"，然后再次运行 {groups['init']}" if groups["init"]
                                       else "")
            if "lock" in groups:  # a lock another computer holds: deleted by hand
                groups["lock_said"] = (f"；如果计算机 {groups['host']} 上已不再运行本程序，"
                                       f"请删除锁文件 {groups['lock']}") if groups["lock"] else ""
            if "found" in groups:  # what a repair found, as it is said alone (or not at all)
                found = chinese(groups["found"])
                if found == groups["found"]:
                    return message
                groups["found"] = found
            if "unsure" in groups:  # rows a repair cannot vouch for, the first ten named
                more = groups["unsure_more"]
                unsure = re.sub(r" \(row ([^()]+)\)", r"（要素 \1）", groups["unsure"])
                groups["shown"] = "、".join(unsure.split(", ")) + (
                    f" 等，另有 {more} 行（field-kit log 可全部列出）" if more else "")
            if "rows" in groups:  # how each row changed since the merge
                for en, word in (("(deleted", "（已删除"), ("(there again", "（已重新存在"),
                                 (" row ", " 要素 "), ("; ", "；"), (", changed by ", "，修改者 "),
                                 (") named ", ")，即 "),
                                 (" at ", "，时间 "), ("(merge ", "（合并 "),
                                 ("(settling conflict ", "（处理冲突 "),
                                 ("(undoing merge ", "（撤销合并 "),
                                 ("(imported from ", "（导入自 "),
                                 (", no recorded edit says who changed it (written while "
                                  "capture was off)", "，没有修改记录说明是谁改的（改时变更"
                                  "捕获已关闭）")):
                    groups["rows"] = groups["rows"].replace(en, word)
                groups["rows"] = _by_master_in_chinese(groups["rows"])
            if "title_en" in groups:  # a layer by its title, a field of it by its label
                table, groups["title_en"], _ = _layer_in_chinese(groups["title_en"] + " ")
                if "label_en" in groups:
                    groups["label_en"] = _fields_in_chinese(table, groups["label_en"])
            if "sync_table" in groups:  # a plan table by its title, its columns by their labels
                from .plan.values import column_named, field_label
                table = groups["sync_table"]
                _fields_zh(groups, table)
                if "sync_field" in groups:
                    groups["sync_field"] = field_label(table, groups["sync_field"])
                for cols in ("sync_cols", "edited"):  # "a, b": listed (no table named: by
                    if groups.get(cols):              # the label the plan gives them all)
                        groups[cols] = "、".join(field_label(table, c) if table else
                                                 _label_anywhere(c)
                                                 for c in groups[cols].split(", "))
                groups["sync_table"] = column_named(table)
            elif groups.get("sync_cols"):  # no table named: by the label the plan gives them
                groups["sync_cols"] = "、".join(map(_label_anywhere,
                                                   groups["sync_cols"].split(", ")))
            if "sync_row" in groups:  # "uuid (name)": its name in Chinese brackets
                groups["sync_row"] = re.sub(r" \((.*)\)$", r"（\1）", groups["sync_row"])
            if "code_list" in groups:  # "Remediation status (恢复治理情况)": its Chinese
                groups["code_list"] = re.sub(r"^[^()]* \(([^()]+)\)$", r"\1",
                                             groups["code_list"])
            if "conflict_fields" in groups:  # "t.c, t (a whole row)": the fields of conflicts
                groups["conflict_fields"] = _conflict_fields_in_chinese(
                    groups["conflict_fields"])
            if "photo_problems" in groups:  # each kind of photo refused, said apart
                groups["photo_problems"] = _photo_problems_in_chinese(groups["photo_problems"])
            if "photo_todo" in groups:  # what to do of each kind, listed
                groups["photo_todo"] = "，".join(_PHOTO_TODO.get(part, part) for part in
                                                groups["photo_todo"].split(", "))
            if "photo_outside" in groups:
                groups["photo_outside"] = _outside_in_chinese(groups["photo_outside"])
            if "features_chosen" in groups:  # "3 feature(s) of t chosen and …": by title
                from .plan.values import column_named
                groups["features_chosen"] = "、".join(
                    f"所选的 {column_named(t)} {n} 个要素" for n, t in re.findall(
                        r"(\d+) features? of (.+?) chosen", groups["features_chosen"]))
            if "layer_counts" in groups:  # "t 3, t2 1": each layer by its title
                from .plan.values import column_named
                groups["layer_counts"] = "，".join(
                    f"{column_named(t)} {n} 项" for t, n in
                    (c.rpartition(" ")[::2] for c in groups["layer_counts"].split(", ")))
            if "tracked_listed" in groups or "grant_cols" in groups:  # the names accepted
                _accepted_in_chinese(groups)
            if "sync_names" in groups:  # "t.c, t2": each layer by its title, column by label
                groups["sync_names"] = _names_in_chinese(groups["sync_names"])
            for key in ("sync_table", "sync_field", "sync_cols", "sync_names", "sync_row",
                        "any_col", "row", "grant_table"):
                zh = _set_apart(zh, key, groups.get(key, ""))
            if "filled" in groups:  # "column a, column b": the columns alone, listed
                groups["filled"] = "、".join(c.removeprefix("column ")
                                            for c in groups["filled"].split(", "))
            if groups.get("there"):  # the schemas of the database that hold a master
                groups["there"] = _masters_there_in_chinese(groups["there"])
            if "undo_row" in groups:  # a row an undo would leave breaking a rule
                _, layer, row = _undo_row_in_chinese(groups["undo_row"])
                groups["undo_row"] = f"{layer} {row}"
            for v in ("v", "left_v"):  # a shape said by its kind (plan.values.shape_shown)
                if v in groups:
                    groups[v] = _SHAPE_KIND.sub(lambda m: f"{_SHAPE_ZH[m[1]]} @ ", groups[v],
                                                count=1)
            # the value a conflict settled leaves, a text quoted as the English quotes it (it
            # may hold a ：)
            if "left_v" in groups and re.fullmatch(r'".*"', m["left_v"] or "", re.S):
                groups["left_v"] = f"“{groups['left_v']}”"
            if "undo_how" in groups:  # changed, or named by an edit kept aside, since
                groups["undo_how"] = _UNDO_HOW[groups["undo_how"]]
            if "undo_rows" in groups:  # the rows changed since the merge undone
                groups["undo_rows"] = _undo_rows_in_chinese(groups["undo_rows"])
            for merges in ("later_merges", "undo_merge"):  # merges as the dock lists them
                if merges in groups:
                    groups[merges] = _later_merges_in_chinese(groups[merges])
            if "figures" in groups:  # the figures a report cannot count, named
                for en, word in ((" holds ", " 的值为 "), ("; ", "；"), (
                        " is empty (专栏3-1 gives each indicator's 2020, 2025 and 2035 figures)",
                        " 为空（专栏3-1 给出每项指标 2020、2025 和 2035 年的数值）")):
                    groups["figures"] = groups["figures"].replace(en, word)
                groups["more_said"] = f" 等，另有 {groups['more']} 处" if groups["more"] else ""
            for held in ("held", "held_here"):  # what a copy of a QField project holds
                if held in groups:
                    # (no plural in Chinese: "1 change", "2 changes" both N 项修改)
                    for en, word in ((r"^(\d+) changes?", r"\1 项修改"),
                                     (" and files? ", "及文件 "), ("^files? ", "文件 "),
                                     (" and ", "、"), (" more", " 个")):
                        groups[held] = re.sub(en, word, groups[held])
                    if groups[held].startswith("文件 "):  # (written after its verb, unspaced)
                        zh = zh.replace(" {" + held + "}", "{" + held + "}")
            if "crs" in groups:  # layers and their coordinate systems
                for en, word in ((" are in ", " 的坐标系为 "), (" is in ", " 的坐标系为 "),
                                 ("no coordinate system", "无坐标系"), ("; ", "；"),
                                 ("a coordinate system of the file's own", "文件自定义的坐标系"),
                                 (", not longitude/latitude", "，非经纬度")):
                    groups["crs"] = groups["crs"].replace(en, word)
            if "master" in groups:  # a PostgreSQL master: "province (schema toksun)"
                groups["master"] = master_in_chinese(groups["master"])
            if groups.get("other_project"):  # the masters of a package of another project
                groups["other_project"] = _other_project_in_chinese(groups["other_project"])
            if "restored" in groups:  # this master, maybe the other restored under its name
                groups["restored"] = _restored_in_chinese(groups["restored"])
            if "elsewhere" in groups:  # the master a package was checked out from, and this
                groups["elsewhere"] = _elsewhere_in_chinese(groups["elsewhere"])
            if "libpq" in groups:
                groups["what"], groups["libpq"] = _libpq_said(groups["libpq"])
            if "beyond" in groups:  # each value beyond its package column's range
                groups["beyond"] = "；".join(
                    _BEYOND.sub(r"\1（行 \2）：主库中的值 \3 超出数据包中 \4 字段按 GDAL 和 QGIS "
                                r"读取所能容纳的范围（\5 至 \6）", part)
                    for part in m["beyond"].split("; "))
            # "a, b": with 、 (conflicts' ids as a command takes them, "1 2", unchanged)
            for listed in ("devices", "codes", "listed", "listed_there", "ids"):
                if listed in groups:
                    groups[listed] = groups[listed].replace(", ", "、")
            if "apart_values" in groups:  # "1.5 (C…1), 0.33 (C…2, C…3)": in Chinese brackets
                from .sync.project_figures import values_in_chinese
                groups["apart_values"] = values_in_chinese(groups["apart_values"])
            if "unphotographed" in groups:  # "CT… (u1), CT… (u2)": in Chinese brackets
                groups["unphotographed"] = groups["unphotographed"].replace(" (", "（").replace(
                    ")", "）").replace(", ", "、")
            if "held_rows" in groups:  # "5000000000 (row u1), 6000000000 (row u2)"
                groups["held_rows"] = groups["held_rows"].replace(" (row ", "（要素 ").replace(
                    ")", "）").replace(", ", "，")
            if "parts" in groups:  # each part a message of its own
                groups["parts"] = "；".join(chinese(p) for p in m["parts"].split("; "))
            if "formats" in groups:  # "C + 25 digits, CT + 19 digits"
                groups["formats"] = re.sub(r"(\w+) \+ (\d+) digits", r"\1+\2 位数字",
                                           groups["formats"]).replace(", ", "、")
            if "more_codes" in groups:  # a code list's values past those named
                more = groups["more_codes"]
                groups["more_codes"] = f"，另有 {more} 项" if more else ""
            if "choices" in groups:  # "'ancestor', 'ours', 'theirs'"
                from .plan.names import choice_shown  # (a layer or role by its title too)
                groups["choices"] = "、".join(choice_shown(_unquoted(c))
                                             for c in m["choices"].split(", "))
            if "nan" in groups:  # "r (rows id 1, 3); d (rows id 2)"
                for en, word in ((" (rows ", "（要素 "), (")", "）"), ("; ", "；"),
                                 (", … ", " … 共 "), (" or more in all", " 个以上"),
                                 (" in all", " 个")):
                    groups["nan"] = groups["nan"].replace(en, word)
            if "hint" in groups:  # what the coordinates look like (importer.crs)
                groups["hint"] = "；" + _coordinate_hint(m["hint"]) if m["hint"] else ""
            if "alike" in groups:  # "Year, year; NAME, name": names alike but for case
                groups["alike"] = "；".join(g.replace(", ", "、")
                                           for g in groups["alike"].split("; "))
            if "case_where" in groups:  # where a column's name differs in case alone
                groups["case_where"] = _CASE_WHERE[groups["case_where"]]
            if "aside" in groups:  # a value of a column that gave way, carried or set aside
                groups["aside"] = {"set aside": "已另存的值", "carried": "已写入的值"}[
                    groups["aside"]]
            if "then" in groups:  # what became of the values of a column that gave way
                groups["then"] = _gave_way(groups["then"])
                groups["kinds"] = (f"（主库中为 {groups['decl_m']}，数据包中为 "
                                   f"{groups['decl_p']}）" if groups["decl_m"] else "")
            if "clashed" in groups:  # a pull's columns and layers defined otherwise
                groups["clashed"] = "；".join(_pull_clash(p) for p in groups["clashed"].split("; "))
                for en, word in _PULL_CLASH_TODO if "todo" in groups else ():
                    groups["todo"] = re.sub(en, word, groups["todo"])
            if "what" in groups and "libpq" not in groups:  # how two layers of one name differ
                groups["what"] = _layer_clash(groups["what"])
            if "filekind" in groups:  # what kind of file field-kit status reads
                groups["filekind"] = {"master": "主库", "package": "数据包"}[groups["filekind"]]
            if "wlayer" in groups:  # a layer by its Chinese title; the county's own by name
                groups["wlayer"] = _title_in_chinese(groups["wlayer"])
            if "wcounts" in groups:  # "7 added, 1 added and deleted again"
                groups["wcounts"] = "，".join(
                    re.sub(r"(\d+) (.+)", lambda c: f"{_WAITING_KINDS[c[2]]} {c[1]} {ROWS}",
                           part)
                    for part in groups["wcounts"].split(", "))
            if "wmore" in groups:  # the rows past those named
                past = re.search(r"\d+", groups["wmore"] or "")
                groups["wmore"] = f"，另有 {past[0]} {ROWS}" if past else ""
            if "undone" in groups:
                groups["undone"] = f"，已于 {groups['undone']} 撤销" if groups["undone"] else ""
            if "to_write" in groups:  # several things, each said alone
                groups["to_write"] = "；".join(chinese(p) for p in m["to_write"].split(", and "))
            if "inner" in groups:  # a message of its own inside
                groups["inner"] = chinese(m["inner"])
            if "unwatched" in groups:  # why the watch is not there (watch.unwatched)
                for en, word in _UNWATCHED:
                    groups["unwatched"] = re.sub(en, word, groups["unwatched"])
            if "offthere" in groups:  # when and by whom (watch.by_table), as "off" says it
                groups["offthere"] = _capture_off(f"{m['table']} {m['offthere']}")
            if "uncarried" in groups:  # "t.c (of type text[], which …); …"
                for en, word in _UNCARRIED:
                    groups["uncarried"] = re.sub(en, word, groups["uncarried"])
            if "altered" in groups:  # "column c of t was dropped or renamed; …"
                groups["altered"] = "；".join(_altered(p) for p in m["altered"].split("; "))
            if "renames" in groups:  # "layer a was renamed b; layer c was renamed d"
                for en, word in (("layer ", "图层 "), (" was renamed ", " 被改名为 "),
                                 ("; ", "；")):
                    groups["renames"] = groups["renames"].replace(en, word)
            if "counted" in groups:  # "forest_stands (2 features), …"
                groups["counted"] = re.sub(
                    r" \((\d+) (feature|row)s?\)(, )?",
                    lambda f: f"（{f[1]} {'个要素' if f[2] == 'feature' else '行'}）"
                    + ("、" if f[3] else ""), groups["counted"])
            if "capture_tables" in groups:  # "mine_patches, townships": each by its title
                groups["capture_tables"] = "、".join(
                    map(_table_titled, groups["capture_tables"].split(", ")))
                zh = _set_apart(zh, "capture_tables", groups["capture_tables"])
            if "drift" in groups:  # "mine_patches: capture triggers missing; …"
                groups["drift"] = _drift_tables_in_chinese(groups["drift"])
                for en, word in _DRIFTS:
                    groups["drift"] = groups["drift"].replace(en, word)
            if "doing" in groups:
                groups["doing"] = _SUPERVISORS_DO.get(groups["doing"], groups["doing"])
            if "unchanged" in groups:  # said where something was asked, not where refused
                groups["unchanged"] = "；未作任何更改" if groups["unchanged"] else ""
            if "holder" in groups:
                groups["holder"] = _holder_in_chinese(groups["holder"])
            if "layer_title" in groups:  # a plan layer by its title, the county's by its name
                from .plan.values import column_named
                groups["layer_title"] = column_named(groups["layer_title"], "zh")
            if "status" in groups:  # a change a merge was given, and what became of it
                groups["status"] = _STATUSES[groups["status"]]
                groups["op"] = _OPS[groups["op"]]
                from .plan.values import column_named  # (a plan layer by its title)
                groups["table"] = column_named(groups["table"], "zh")
                groups["why"] = f"：{_reasons_in_chinese(groups['why'])}" if groups["why"] else ""
            if "since" in groups:  # how each conflict's value changed since it was recorded
                # each conflict's layer by its Chinese title, a row without a name as 要素
                groups["since"] = _CONFLICT_HEAD.sub(_conflict_head_in_chinese, groups["since"])
                groups["since"] = re.sub(  # the conflicts past the first ten, counted
                    r"; and (\d+) more \(field-kit conflicts lists them all\)$",
                    r"；另有 \1 个（field-kit conflicts 可全部列出）", groups["since"])
                for en, word in _SINCE:
                    groups["since"] = groups["since"].replace(en, word)
                since = re.sub(r"冲突 (\d+) \(", r"冲突 \1（", groups["since"])
                groups["since"] = re.sub(r"（(合并|处理冲突|撤销合并|导入自) ([^()（）]+)\)",
                                         r"（\1 \2）", since)
                # a session's name: "anna (psql)", its brackets alike
                groups["since"] = _by_master_in_chinese(re.sub(
                    r"修改者 (\S+) \(([^()（）]+)[)）]", r"修改者 \1（\2）", groups["since"]))
                # each field by its label, as the conflict's head names it
                groups["since"] = re.sub(r"，字段 (\w+)",
                                         lambda m: f"，字段 {_label_anywhere(m[1])}",
                                         groups["since"])
            if "off" in groups:  # the tables capture was switched off on: when, by whom
                groups["off"] = "；".join(_capture_off(e) for e in groups["off"].split("; "))
            if "in_changes" in groups:  # conflicts counted as listed to settle, in fewer changes
                n = re.search(r"in (\d+) change", groups["in_changes"])
                still = re.search(r"\((\d+) to settle\)", groups["in_changes"])
                # some settled or open, the others closed with their layer: each counted
                apart = re.search(r"\((\d+) (settled|to settle), (\d+) closed as dropped\)",
                                  groups["in_changes"])
                # (a merge's own, closed as superseded as it ran: its device's later edit)
                superseded = re.search(r"\((\d+) to settle, (\d+) superseded",
                                       groups["in_changes"])
                closed = (f"其中 {superseded[1]} 项待处理，{superseded[2]} 项{_SUPERSEDED}，"
                          if superseded else f"{_SUPERSEDED}，" if
                          " superseded by a later edit in" in groups["in_changes"] else
                          "已随撤销关闭，" if "closed by the undo" in groups["in_changes"] else
                          f"其中 {apart[1]} 项{'已处理' if apart[2] == 'settled' else '待处理'}，"
                          f"{apart[3]} 项已随图层删除关闭，" if apart else
                          "已随图层删除关闭，" if "closed as dropped" in groups["in_changes"] else
                          "均已处理，" if " settled in" in groups["in_changes"] else
                          f"其中 {still[1]} 项待处理，" if still else "")
                # (all to settle: as the plugin says it, "2 项待处理（涉及 1 项修改）")
                groups["in_changes"] = "" if not n else f"（{closed}涉及 {n[1]} 项修改）" \
                    if closed else f"待处理（涉及 {n[1]} 项修改）"
            if "fault" in groups:  # what is wrong with a geometry's blob
                groups["fault"] = _BLOB_FAULTS[groups["fault"]]
            if "patch_layer" in groups:  # "its name (its table)": the table in Chinese brackets
                groups["patch_layer"] = layer_shown_in_chinese(groups["patch_layer"])
                zh = _set_apart(zh, "patch_layer", groups["patch_layer"])
            if "untracked" in groups:  # "t: why; t2: why": each table by its title
                groups["untracked"] = _untracked_in_chinese(groups["untracked"])
            if "rest" in groups:  # one reason, or several
                groups["rest"] = _reasons_in_chinese(groups["rest"])
            if "relation" in groups:  # what a relation that is not a table is
                groups["relation"] = _RELATIONS.get(groups["relation"], groups["relation"])
            if "kind" in groups:
                groups["kind"] = _KINDS[groups["kind"]]
                typed = _TYPED.fullmatch(groups["tail"])
                if typed:  # (the values of an edit given up, said after what became of it)
                    groups["tail"] = typed["tail"]
                part = _PART_SENT.fullmatch(groups["tail"])
                renamed = _RENAMED_TAIL.fullmatch(groups["tail"])
                own = _OWN_TAIL.fullmatch(groups["tail"])
                groups["tail"] = (
                    f"数据包中仍保留的部分（{part['sent']}）将随下次导出重新发送" if part else
                    f"不再重新发送：主库中没有字段 {own['cols']}，它是本数据包自行新增的"
                    f"（{_role_zh(own['role'])}的数据包不能新增字段）：请 GIS "
                    "人员在主库中添加该字段并重新合并此数据包，再拉取；或从数据包中删除该字段"
                    if own else
                    f"不再重新发送：主库已将该字段改名为 {renamed['to']}，请在 {renamed['to']} "
                    "中重新修改" if renamed else _TAILS.get(groups["tail"], groups["tail"]))
                if typed:
                    values = typed["values"].replace(" (a shape)", "（图形）").replace(
                        " = empty", " = 空")
                    groups["tail"] += (f"；本机填写的是 {values}：数据包的修改记录中仍保存"
                                       f"（field-kit history {typed['cmd']}）")
                # (the columns edited in brackets; a name in letters set apart from 的)
                groups["edited"] = f"（{groups['edited']}）" if groups["edited"] else \
                    " " if groups["name"][-1:].isascii() else ""
            return _SPACED_AFTER_SCHEMA.sub(r"\1", zh.format(**groups))
    if "; " in message:  # several messages joined (a field's problems): each on its own
        parts = message.split("; ")
        said = [chinese(part) for part in parts]
        if said != parts:
            return "；".join(said)
    return _coordinate_hint(message)
