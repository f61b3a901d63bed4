# SPDX-License-Identifier: GPL-2.0-or-later
"""The field app's own words, in Chinese and English.

A small dict rather than Qt .ts files: the kit runs without Qt's translation tools, and
the form labels and messages already come in both languages from ``field_kit.forms``.
The language follows the system locale and can be switched at run time; widgets that
show text register a listener and re-label themselves.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Callable

from ..bilingual import EN, ZH, Text, counted

TEXTS: dict[str, Text] = {
    "app_title": Text("托克逊生态修复 · 野外核查", "Toksun Restoration · Field Kit"),
    "search": Text("搜索图斑编号或名称…", "Search patch code or name…"),
    "all_townships": Text("全部乡镇", "All townships"),
    "all_statuses": Text("全部状态", "All statuses"),
    "not_verified": Text("未核查", "Not verified"),
    "not_inspected": Text("未检查", "Not inspected"),
    "legend": Text("图例", "Legend"),
    "legend_show": Text("显示图例", "Show the legend"),
    "legend_hide": Text("收起图例", "Hide the legend"),
    "patch": Text("图斑", "Patch"),
    "project": Text("项目", "Project"),
    "col_code": Text("编号", "Code"),
    "col_name": Text("名称", "Name"),
    "col_township": Text("乡镇", "Township"),
    "col_status": Text("状态", "Status"),
    "export": Text("导出修改包…", "Export change package…"),
    "pull": Text("拉取更新…", "Take update…"),
    # the tool bar's short labels (the whole name is the button's tooltip): 1366 px hold them all
    "export_short": Text("导出修改包…", "Export…"),
    "pull_short": Text("拉取更新…", "Update…"),
    "measure_short": Text("测量面积", "Measure"),
    "tool_bar": Text("工具栏", "Tool bar"),
    # the menus' titles: Alt and the letter opens each, its actions then taken with the arrows
    "file_menu": Text("文件(&F)", "&File"),
    "position_menu": Text("定位(&P)", "&Position"),
    "language": Text("语言 Language", "Language 语言"),
    "language_menu": Text("语言 Language(&L)", "&Language 语言"),
    "position": Text("定位", "Position"),
    "pos_device": Text("NMEA 接收机（串口）…", "NMEA receiver (serial)…"),
    "pos_replay": Text("回放 NMEA 文件…", "Replay NMEA file…"),
    "pos_typed": Text("手工输入坐标…", "Type coordinates…"),
    "pos_stop": Text("停止定位", "Stop position"),
    "waiting": Text("{n} 条修改待发送", "{changes} waiting to be sent"),  # changes: counted
    "waiting_void": Text("，其中 {n} 条属于新增后又删除、从未发送的记录（合并后不改变任何数据）",
                         ", {n} of them add and delete again records never sent (together "
                         "they change nothing)"),
    "waiting_back": Text("，其中 {n} 条属于删除后又恢复的记录（合并后不改变任何数据）",
                         ", {n} of them delete records and put them back (together they change "
                         "nothing)"),
    "waiting_dropped": Text("；图层 {layer} 已从主库删除：其中 {n} 个要素的修改合并时将被拒收",
                            "; layer {layer} was dropped from the master: a merge refuses the "
                            "edits of {n} features of it"),
    "no_fix": Text("无定位", "No fix"),
    "fix": Text("定位 {quality} · 精度 ±{acc} 米 · {sats} 颗卫星",
                "Fix {quality} · ±{acc} m · {sats} satellites"),
    "fix_typed": Text("手工坐标 · 精度 ±{acc} 米", "Typed position · ±{acc} m"),
    # the last fix no longer live: the position is not taken from it
    "fix_waiting": Text("无定位：等待接收机…", "No fix: waiting for the receiver…"),
    "fix_silent": Text("无定位：接收机已 {n}未发送位置", "No fix: receiver silent for {n}"),
    "fix_disconnected": Text("无定位：接收机已断开", "No fix: receiver disconnected"),
    "fix_replay_ended": Text("无定位：NMEA 文件已回放完", "No fix: the NMEA replay has ended"),
    "fix_stopped": Text("无定位：定位已停止", "No fix: position stopped"),
    "fix_no_receiver": Text("无定位：没有接收机（串口未能打开）",
                            "No fix: no receiver (its port did not open)"),
    "fix_not_followed": Text("{why}。在重新定位之前，此处位置不随定位更新，也不取最后一次定位",
                             "{why}. Until a fix comes again the position here is not updated "
                             "and the last fix is not taken"),
    # a form following the fix when it went dead: its boxes hold the last fix, said as old
    "fix_held": Text("{why}。此处为 {age}前的最后一次定位，在重新定位之前不再更新；"
                     "要用它请点“固定最后一次定位”",
                     "{why}. The position here is the last fix, {age} ago, not updated until "
                     "a fix comes again; to use it press “Keep the last fix”"),
    "nav_none": Text("导航：在地图或列表中选择一个图斑",
                     "To navigate: select a patch on the map or in the list"),
    "nav_no_pos": Text("等待定位…", "Waiting for a position…"),
    "nav_no_outline": Text("图斑 {code} 没有绘制边界，无法导航到它。"
                           "请按编号、名称和乡镇在现场查找。",
                           "Patch {code} has no outline drawn: there is nothing to walk to. "
                           "Find it on the ground by its code, name and township."),
    "nav_project_no_outline": Text("项目 {code} 的图斑都没有绘制边界，无法导航。",
                                   "No patch of project {code} has an outline drawn: there is "
                                   "nothing to walk to."),
    # measured to the patch's outline, as the nearest patch is chosen: the bar says so
    "nav_edge": Text("距图斑边界 {dist}  方位 {bearing:.0f}° {cardinal}",
                     "{dist} to the edge · {bearing:.0f}° {cardinal}"),
    "on_patch": Text("已在图斑内 · {dist}", "On the patch · {dist}"),
    # the fix no longer live: the way is from where the technician was, not where they are
    "map_last_fix": Text("最后一次定位，{age}前", "last fix, {age} ago"),
    "nav_last_fix": Text("{way}（按 {age}前的最后一次定位，现在无定位）",
                         "{way} (from the last fix, {age} ago; no fix now)"),
    "select_hint": Text("在列表或地图上选择一个图斑或项目",
                        "Pick a patch or project in the list or map"),
    "save": Text("保存记录", "Save record"),
    "saved": Text("已保存 {time}", "Saved {time}"),
    "errors_block": Text("{n} 处错误，改正后才能保存", "{n} errors to fix before saving"),
    "warnings_only": Text("{n} 条提醒（可以保存）", "{n} warnings (you can save)"),
    "layers_not_drawn": Text("未在地图上绘制（坐标系不是经纬度 EPSG:4490，无法放到正确位置）："
                             "{layers}",
                             "Not drawn on the map (not in longitude/latitude, EPSG:4490, so "
                             "they cannot be placed where they are): {layers}"),
    # the legend's lines of the county's own layers the map leaves off, by name
    "own_not_drawn_many": Text("{layer}：未在地图上绘制，要素过多"
                               "（{n} 个，地图最多绘制 {most} 个）",
                               "{layer}: not drawn on the map, too many features ({n}; the map "
                               "draws up to {most})"),
    "own_not_drawn_crs": Text("{layer}：未在地图上绘制，坐标系不是经纬度（{crs}）",
                              "{layer}: not drawn on the map, not in longitude/latitude ({crs})"),
    "own_not_drawn_shapes": Text("{layer}：未在地图上绘制，其图形无法读取",
                                 "{layer}: not drawn on the map, its shapes cannot be read"),
    "plan_not_drawn": Text("{layers}：规划图层，未在地图上绘制",
                           "{layers}: layers of the plan not drawn on the map"),
    # the ecological pattern's layers in that line (each Chinese title says 生态格局 itself)
    "plan_pattern": Text("{parts}", "Ecological pattern ({parts})"),
    "all_ok": Text("可以保存", "Ready to save"),
    "required_left": Text("带 * 的为必填项，还有 {n} 项未填", "Fields marked * are required: "
                          "{n} still empty"),
    "required_left_more": Text("；另有 {n} 项必填项未填", "; {n} more required fields "
                               "still empty"),
    "draft_restored": Text("已恢复未保存的草稿（{time}）", "Unsaved draft restored ({time})"),
    "draft_of_gone": Text("您在修改的记录 {record} 已不在数据包中（主库删除了它，更新时带来了"
                          "删除）：您填写的内容都在这里，作为一条新记录，尚未保存：请保存，或放弃",
                          "The record you were correcting, {record}, is no longer in the "
                          "package (the master deleted it, and the update brought that): all "
                          "you typed is here as a new record, not saved yet: save it, or "
                          "discard it"),
    "draft_clashes": Text("以下字段在记录里也已被修改，显示的是草稿的值，记录中现为：{fields}",
                          "Changed in the record too since the draft; the draft's value is shown, "
                          "the record now holds: {fields}"),
    "draft_kept": Text("每次修改都已存为草稿", "Every edit is kept as a draft"),
    # typed in fields whose grant an update took away: kept, said, never saved nor dropped
    "stranded": Text("以下字段中您输入的内容无法保存：更新后，您的角色已无权修改{fields}"
                     "（主管收回了授权），字段中显示的是主库的值。您输入的内容仍保存在草稿中"
                     "（保存其他字段后也保留），直到您丢弃它；可选中或复制，交给主管：",
                     "What you typed in these fields cannot be saved: since the update, your "
                     "role may no longer change {fields} (the supervisor took the grant back), "
                     "and the field shows the master's value. What you typed stays in the draft "
                     "(also when you save the other fields) until you throw it away; select or "
                     "copy it to send it to your supervisor:"),
    "stranded_empty": Text("（清空）", "(emptied)"),
    "stranded_copy": Text("复制输入的内容", "Copy what was typed"),
    "stranded_photos_copy": Text("将照片复制到文件夹…", "Copy the photos to a folder…"),
    "stranded_photos_copied": Text("已将 {names} 复制到 {folder}", "Copied {names} to {folder}"),
    "stranded_photos_missing": Text("找不到以下照片文件（存储卡或 U 盘已拔出？），未复制：{names}",
                                    "Not copied, their files are not there (a card or stick "
                                    "taken out?): {names}"),
    "stranded_photos_unstored": Text("本数据包未存有以下照片的图片，未复制：{names}",
                                     "Not copied, the package does not hold their pictures: "
                                     "{names}"),
    # a saved photo taken off in a draft whose taking off an update made impossible
    "stranded_taken_off": Text("{name}（已移除；记录仍保留此照片）",
                               "{name} (taken off; the record keeps it)"),
    "stranded_forget": Text("丢弃无法保存的内容", "Throw away what cannot be saved"),
    "stranded_forget_confirm": Text("确定丢弃您在{fields}中输入、无法保存的内容吗？"
                                    "丢弃后无法恢复。",
                                    "Throw away what you typed in {fields}? It cannot be "
                                    "saved, and cannot be brought back once thrown away."),
    "discard_stranded": Text("其中包括您在{fields}中输入、无法保存的内容。",
                             " This includes what you typed in {fields}, which cannot be "
                             "saved."),
    "saved_stranded": Text("；您在{fields}中输入的内容无法保存，仍保留在草稿中（见上方）",
                           "; what you typed in {fields} cannot be saved and stays in the draft "
                           "(see above)"),
    # the mark of a record saved whose draft holds only what cannot be saved (not "unsaved")
    "has_stranded": Text("有无法保存的输入", "typed text that cannot be saved"),
    "stranded_waiting": Text("记录已保存；您在{fields}中输入的内容无法保存，保留在上方的提示中",
                             "The record is saved; what you typed in {fields} cannot be saved "
                             "and waits in the note above"),
    "discard_draft": Text("放弃草稿", "Discard draft"),
    "choice_not_found": Text("{what}中没有以“{typed}”开头的代码或名称：请输入代码或名称的开头，"
                             "或按空格键打开列表",
                             "Nothing in {what} has a code or a word starting with “{typed}”: "
                             "type the start of a code or of a name, or open the list with "
                             "Space"),
    "delete_record": Text("删除记录", "Delete record"),
    "delete_confirm": Text("确定删除 {subject} 的这条{form}记录（{date}，{who}）及其 {n} 张照片"
                           "吗？下次合并时，主库中的这条记录也会删除。",
                           "Delete this {form} record of {subject} ({date}, {who}) and its {n} "
                           "photos? At the next merge it is deleted in the master too."),
    "delete_confirm_unsent": Text("确定删除 {subject} 的这条{form}记录（{date}，{who}）及其 {n} "
                                  "张照片吗？这条记录从未发送，删除后直接消失（主库中从来没有它）。",
                                  "Delete this {form} record of {subject} ({date}, {who}) and "
                                  "its {n} photos? It was never sent: it simply goes away "
                                  "(the master never had it)."),
    # (the deleted record is held in memory only: closing the app loses the way back)
    "delete_undo_while_open": Text("只有在本程序保持打开期间才能“撤销删除”"
                                   "（Ctrl+Z）；程序关闭后无法恢复。",
                                   " Undo delete (Ctrl+Z) can bring it back only while the app "
                                   "stays open: once the app is closed, it cannot."),
    "deleted": Text("记录已删除 {time}。点“撤销删除”（Ctrl+Z）可连同照片恢复",
                    "Record deleted {time}. Undo delete (Ctrl+Z) brings it back with its "
                    "photos"),
    "undo_delete": Text("撤销删除", "Undo delete"),
    "edit_menu": Text("编辑(&E)", "&Edit"),
    "undo_delete_of": Text("撤销删除：{record}", "Undo delete: {record}"),
    "nothing_to_undo": Text("没有可撤销的操作：没有待恢复的已删除记录",
                            "Nothing to undo: no deleted record is waiting to come back"),
    "deleted_named": Text("{time} 删除的 {subject} {form}记录",
                          "the {form} of {subject} deleted at {time}"),
    "undo_no_subject": Text("{record}无法恢复：{subject} 已不在此数据包中（拉取更新时已被"
                            "移除）。未作任何更改。",
                            "Undo delete is not possible for {record}: {subject} is no longer "
                            "in this package (an update took it out). Nothing was changed."),
    "undo_no_record": Text("无需撤销：{record}已重新在数据包中（拉取更新时带回）。",
                           "Nothing to undo for {record}: it is in the package again (an "
                           "update brought it back)."),
    "undo_no_columns": Text("{record}无法恢复：数据包已变化，其中已没有字段 {columns}。"
                            "未作任何更改。",
                            "Undo delete is not possible for {record}: the package has changed "
                            "under it and no longer has the columns {columns}. Nothing was "
                            "changed."),
    "undo_other_package": Text("{record}无法恢复：{path} 现在是另一个数据包（删除后已被替换）。"
                               "未作任何更改。",
                               "Undo delete is not possible for {record}: {path} is another "
                               "package now (replaced since the delete). Nothing was changed."),
    "undeleted": Text("已撤销删除：记录及其 {n} 张照片已恢复，主库将保留它",
                      "Delete undone: the record and its {n} photos are back, and the "
                      "master keeps it"),
    "undeleted_draft": Text("已撤销删除：记录、其 {n} 张照片及其草稿已恢复，主库将保留这条记录",
                            "Delete undone: the record, its {n} photos and its draft are back, "
                            "and the master keeps the record"),
    # a delete undone whose rescue file's folder no longer takes it: the draft holds its values
    "rescue_not_rewritten": Text("其备份文件 {path} 无法重新写入："
                                 "其中的内容已作为草稿保存在数据包中",
                                 "Its rescue file {path} could not be written again: what it "
                                 "held is kept as the package's draft instead"),
    "discard_confirm": Text("确定放弃这份草稿吗？已输入的内容将丢失，无法恢复。",
                            "Throw this draft away? What was typed is lost; this cannot be "
                            "undone."),
    # Discard forgets only the draft's list of the photos not saved: their files stay
    "discard_photos": Text("尚未保存的 {n} 张照片只是从此表单中移除，照片文件不会被删除。",
                           " The {n} photos not saved yet are only taken off this form: "
                           "their files are not deleted."),
    "keep_position": Text("固定此位置", "Keep this position"),
    "keep_last_fix": Text("固定最后一次定位（{age}前）", "Keep the last fix ({age} ago)"),
    # Save pressed while the boxes hold a dead fix older than a live one can be
    "stale_fix_title": Text("最后一次定位已过时", "An old position"),
    "stale_fix_confirm": Text("{why}。此处位置是 {age}前的最后一次定位，您可能已离开那里。"
                              "保存时保留这个旧位置吗？",
                              "{why}. The position here is the last fix, {age} ago: you may "
                              "have moved since. Keep that old position in the record saved?"),
    "stale_fix_keep": Text("保留旧位置并保存", "Keep it and save"),
    "cancel": Text("取消", "Cancel"),
    "average_fixes": Text("多次定位取平均", "Average fixes"),
    "following": Text("位置随当前定位更新，点“固定此位置”后不再变化",
                      "Following the live position; press “Keep this position” to fix it"),
    # (an average is as good as the receiver's own figure: no way out of a poor one)
    "accuracy_poor": Text("精度 ±{acc} 米，差于 {limit} 米：请到开阔处等待更好的定位，检查接收机"
                          "天线，或输入已测点的坐标（定位 → 手工输入坐标…）",
                          "Accuracy ±{acc} m is worse than {limit} m: wait in the open for a "
                          "better fix, check the receiver's antenna, or type the position of a "
                          "surveyed point (Position → Type coordinates…)"),
    "averaging": Text("正在取平均：{k}/{n} 次定位…", "Averaging: {k}/{n} fixes…"),
    "averaging_dropped": Text("正在取平均：0/{n} 次定位…（定位中断前取得的 {k} 次已舍弃）",
                              "Averaging: 0/{n} fixes… (the {k} taken before the fix was lost "
                              "dropped)"),
    # fixes seconds apart err alike: their average is not √n times better than one
    "averaged": Text("已取 {n} 次定位的平均：精度 ±{acc} 米，由接收机自报的精度 ±{own} 米（中位数）"
                     "与各次定位的离散 ±{spread} 米合成（相隔数秒的定位误差相近，取平均不会使"
                     "接收机的精度变好）",
                     "Average of {n} fixes: ±{acc} m, the receiver's own ±{own} m (the median) "
                     "combined with the fixes' spread ±{spread} m (fixes seconds apart err "
                     "alike: averaging them does not make the receiver's figure better)"),
    "averaged_spread": Text("已取 {n} 次定位的平均：精度 ±{acc} 米，即各次定位的离散"
                            "（接收机未报精度）",
                            "Average of {n} fixes: ±{acc} m, the spread of the fixes (the "
                            "receiver gave no accuracy of its own)"),
    "new_record": Text("新建记录", "New record"),
    "record_new": Text("新记录（未保存）", "New record (not saved)"),
    "records_saved": Text("已保存 {n} 条记录，点击打开修改：",
                          "{n} saved records, click one to correct it:"),
    "records_none": Text("尚无已保存的记录", "No saved record yet"),
    # (the person last: where the column is narrow, the name is cut, not the photos)
    "record_line": Text("{date} · {n} 张照片{sent} · {who}", "{date} · {n} photos{sent} · {who}"),
    "not_sent": Text("待发送", "not sent yet"),
    "has_draft": Text("草稿", "draft"),
    # edits the package could not take, kept outside it
    "has_rescue": Text("修改在备份文件中，不在数据包中",
                       "edits in a rescue file, not in the package"),
    "editing_saved": Text("正在修改 {date} 保存的记录", "Correcting the record saved on {date}"),
    "add_photo": Text("添加照片…", "Add photo…"),
    "remove_photo": Text("移除照片", "Remove photo"),
    "photo_files": Text("照片 (*.jpg *.jpeg *.png *.heic)", "Photos (*.jpg *.jpeg *.png *.heic)"),
    "photo_pending": Text("待保存", "not saved yet"),
    "not_a_photo": Text("以下文件不是照片（需要 JPEG 或 PNG 图片），未添加：\n{names}",
                        "Not added: these files are not photos (a JPEG or PNG picture is "
                        "needed):\n{names}"),
    "photo_cut_short": Text("以下照片文件不完整（被截断，如复制中途停止），未添加：请重新复制后"
                            "再添加：\n{names}",
                            "Not added: these photo files are not the whole picture (cut "
                            "short, as by a copy stopped partway); copy them again, then add "
                            "them:\n{names}"),
    "same_photo": Text("以下文件与本记录已有的照片是同一张图片，未重复添加：\n{names}",
                       "Not added again: these files hold the same picture as a photo the "
                       "record has:\n{names}"),
    "photo_gone": Text("待保存的照片已不在原处（存储卡拔出？）：{names}。"
                       "草稿仍记着它们，插回存储卡后表单会重新加入；现在保存则不含这些照片。",
                       "Photos waiting to be saved are no longer where they were (a card taken "
                       "out?): {names}. The draft still lists them: put the card back and the "
                       "form takes them again; saving now leaves them out."),
    "photo_back": Text("待保存的照片已回到原处，将随记录保存：{names}",
                       "Photos waiting to be saved are back where they were, and are saved "
                       "with the record: {names}"),
    "show_first": Text("查看第一处", "show the first"),
    "use_gnss": Text("用当前定位", "Use current position"),
    "use_photo": Text("用照片位置", "Use photo position"),
    "today": Text("今天", "Today"),
    "lon": Text("经度", "Lon"),
    "lat": Text("纬度", "Lat"),
    "accuracy": Text("精度（米）", "Acc. (m)"),
    "export_title": Text("选择导出文件夹（U 盘）", "Choose a folder (USB stick) to export to"),
    "export_unmarked": Text("数据包已完整写出，可以合并；但本机数据包无法记下已发送（{why}），"
                            "下次导出会再次带上这些修改（重复合并不会改变任何数据）。",
                            "The change package is whole and can be merged, but this device's "
                            "package could not note that it was sent ({why}): the next export "
                            "carries these changes again (merging them twice changes nothing)."),
    "export_again": Text("自上次导出以来没有新的修改。要把本机全部已导出的修改再导出一份吗？"
                         "（例如上次的 U 盘丢失或损坏；重复合并不会重复计入）",
                         "Nothing new since the last export. Export everything this device has "
                         "sent again? (e.g. the last USB stick was lost or broken; merging it "
                         "twice changes nothing)"),
    "exporting": Text("正在导出修改包到\n{path}\n请勿拔出 U 盘。",
                      "Exporting the change package to\n{path}\nDo not pull the USB stick out."),
    "exporting_photos": Text("正在导出修改包到\n{path}\n已写入照片 {i} / {n}，请勿拔出 U 盘。",
                             "Exporting the change package to\n{path}\n"
                             "{i} of {n} pictures written. Do not pull the USB stick out."),
    "export_met_ended": Text("上次导出（{since} 开始）在本程序关闭前已完整写出：{zip}，"
                             "其中的修改已记为已发送。",
                             "The last export (started {since}) was written whole before the app "
                             "was closed: {zip}; its changes count as sent."),
    "export_met_unnoted": Text(
        "上次导出（{since} 开始）刚写完本程序就被关闭：{zip} 完整，可以合并，"
        "但本机数据包未记下已发送，下次导出会再次带上这些修改（重复合并不会改变任何内容）。",
        "The app was closed as its last export (started {since}) ended: {zip} is whole and "
        "can be merged, but the package did not note it as sent: the next export sends those "
        "changes again (merging them twice changes nothing)."),
    "export_met_cut": Text(
        "上次导出（{since} 开始，写往 {zip}）未完成：本程序在写完前被关闭或电脑断电。"
        "没有丢失任何内容：这些修改仍在等待发送，下次导出会带上。",
        "The last export (started {since}, to {zip}) was cut short: the app was closed or the "
        "computer stopped before it was written whole. Nothing was lost: its changes are "
        "still waiting and go with the next export."),
    "export_met_removed": Text("未写完的文件 {part} 已删除。",
                               "The unfinished file {part} was removed."),
    "export_met_delete": Text("如果 U 盘上有 {part}，请删除：它不是修改包。",
                              "If {part} is on the USB stick, delete it: it is no change "
                              "package."),
    "export_nothing": Text("没有待发送的修改", "Nothing to send: no changes since the last export"),
    "export_unsaved": Text("有 {n} 份表单尚未保存（草稿），草稿不会被导出：\n{which}",
                           "{n} forms are not saved (drafts) and will not be exported:\n{which}"),
    # (a saved record whose draft holds only what cannot be saved: not "unsaved")
    "export_stranded": Text("有 {n} 条已保存的记录另有无法保存的输入，留在其表单上方的提示中，"
                            "不会被导出：\n{which}",
                            "{n} saved records hold typed text that cannot be saved, waiting "
                            "in the note on their form; it will not be exported:\n{which}"),
    "export_anyway": Text("仍然导出？", "Export anyway?"),
    "draft_subject_gone": Text("已被主库删除、不在此数据包中的记录（{uuid}）",
                               "a record the master deleted, no longer in this package ({uuid})"),
    "kept_nowhere": Text("这些值只在屏幕上：数据包和备份文件夹都无法写入。"
                         "请先腾出空间（或换一个有空间的磁盘），再保存或关闭。",
                         "These values are only on the screen: neither the package nor the "
                         "rescue folder could take them. Free some space (or use another disk) "
                         "before you save or close."),
    "kept_nowhere_read_only": Text(
        "这些值只在屏幕上：数据包和备份文件夹都无法写入（只读或写保护）。请先关闭 U 盘或存储卡的"
        "写保护再保存；关闭前请记下这些值。",
        "These values are only on the screen: neither the package nor the rescue folder can be "
        "written (read-only or write-protected). Turn off the write protection of the USB stick "
        "or memory card, then save; write the values down before you close."),
    "unkept_title": Text("值尚未保存", "Values not kept"),
    "unkept_confirm": Text("当前表单的值没有保存在任何地方（数据包和备份文件夹都无法写入），"
                           "离开后将丢失。仍要离开？",
                           "The form's values are kept nowhere (neither the package nor the "
                           "rescue folder could be written) and will be lost if you leave. "
                           "Leave anyway?"),
    "pulling": Text("正在用新的主库\n{path}\n更新本机数据包（未发送的修改保留），请勿拔出 U 盘。",
                    "Taking the updated master\n{path}\ninto this device's package (edits not "
                    "sent yet are kept). Do not pull the USB stick out."),
    "pull_title": Text("选择新的主库（master.gpkg）", "Choose the updated master (master.gpkg)"),
    "pull_open_gone": Text("您打开的 {code} 已被主库删除，不在此数据包中了：其表单已关闭",
                           "{code}, which you had open, was deleted in the master and is no "
                           "longer in this package: its form is closed"),
    "pull_open_gone_typed": Text(
        "您打开的 {code} 已被主库删除，不在此数据包中了：其表单已关闭；您在上面填写、尚未保存的内容"
        "无法再保存，仍作为草稿留在数据包中（导出时会列出）",
        "{code}, which you had open, was deleted in the master and is no longer in this "
        "package: its form is closed; what you typed on it and had not saved can no longer be "
        "saved, and stays in the package as a draft (export lists it)"),
    "pull_done": Text("已拉取更新：应用 {applied} 项，已有 {already} 项，冲突 {conflict} 项"
                      "（冲突中保留本机未发送的值）；本机已有记录中有 {fields} 个字段改为主库的值",
                      "Update taken: {applied} applied, {already} already there, {conflict} "
                      "conflicts (where they clash, this device's unsent values are kept); "
                      "{fields} fields of records already here now hold the master's value"),
    "pull_fields": Text("改为主库值的 {n} 个字段（按记录）：\n{which}",
                        "The {n} fields now holding the master's value, by record:\n{which}"),
    "pull_more": Text("… 另有 {n} 条记录", "… and {n} more records"),
    "pull_kept": Text("{n} 项冲突，本机保留未发送的值（下次导出时带到主库，在那里处理）：\n{which}",
                      "{n} conflicts, this device's unsent value kept (the next export takes "
                      "it to the master, where it is settled):\n{which}"),
    "pull_replaced": Text("本机已发送的 {n} 个值被主库的值替换（主库采用了另一个值）：\n{which}",
                          "{n} values this device had sent are replaced by the master's (it "
                          "holds another value):\n{which}"),
    "pull_closed": Text("本机的 {n} 项冲突已解决：本机现与主库一致",
                        "{n} conflicts of this device are settled: it now holds what the "
                        "master holds"),
    "pull_closed_dropped": Text("本机在图层 {layer} 上的 {n} 项冲突已随图层删除关闭："
                                "该图层已从主库删除，无需处理",
                                "{n} conflicts of this device on layer {layer} are closed as "
                                "dropped: the layer was dropped from the master, so there is "
                                "nothing left to settle"),
    "pull_rows_back": Text("本机删除的 {n} 条记录已恢复（主库保留了它们）：\n{which}",
                           "{n} records this device had deleted are back (the master kept "
                           "them):\n{which}"),
    "pull_rows_gone": Text("本机修改过的 {n} 条记录已移除（主库删除了它们）：\n{which}",
                           "{n} records this device had edited are gone (the master deleted "
                           "them):\n{which}"),
    "pull_rows_back_undone": Text("本机删除的 {n} 条记录已恢复（主库撤销了删除它们的那次合并）："
                                  "\n{which}",
                                  "{n} records this device had deleted are back (the master "
                                  "undid the merge that deleted them):\n{which}"),
    "pull_rows_gone_undone": Text("本机修改过的 {n} 条记录已移除（主库撤销了带来它们的那次合并）："
                                  "\n{which}",
                                  "{n} records this device had edited are gone (the master "
                                  "undid the merge that brought them):\n{which}"),
    "pull_rows_added_gone": Text("本机新增的 {n} 条记录已移除（主库删除了它们）：\n{which}",
                                 "{n} records this device had added are gone (the master "
                                 "deleted them):\n{which}"),
    "pull_rows_added_gone_undone": Text("本机新增的 {n} 条记录已移除（主库撤销了带来它们的"
                                        "那次合并）：\n{which}",
                                        "{n} records this device had added are gone (the "
                                        "master undid the merge that brought them):\n{which}"),
    "pull_resent": Text("本机已发送的 {n} 项修改被主库拒收，现重新排队待发送：\n{which}",
                        "{n} edits this device had sent were refused by the master and are "
                        "waiting to be sent again:\n{which}"),
    "pull_brought": Text("主库中新划入本数据包范围的 {n} 条记录（含核查记录和照片）已一并带入。",
                         "{n} rows the master moved into this package's area (records and "
                         "photos included) were brought in."),
    "pull_photos": Text("更新带来的 {n} 张照片已写入 QField 项目文件夹（按其记录中的文件名）。",
                        "{n} photos the update brought were written into the QField project "
                        "folder, under the file names their records give."),
    "pull_zip": Text("已按项目文件夹重新写出 {path}（供 QField“从 ZIP 导入”）。",
                     "{path} was written again from the project folder (for QField's import "
                     "from ZIP)."),
    "pull_problem": Text("未能完成：{text}", "Not done: {text}"),
    "failed": Text("操作失败", "It did not work"),
    "err_disk_full": Text("存储空间已满，未能写入。请删除不需要的文件或换一个有空间的磁盘/U 盘，"
                          "然后再试一次。",
                          "The disk is full, nothing was written. Free some space (or use another "
                          "disk or USB stick), then try again."),
    "err_missing": Text("找不到文件或文件夹：{path}。请检查 U 盘是否插好、路径是否正确，"
                        "然后再试一次。",
                        "File or folder not found: {path}. Check that the USB stick is plugged in "
                        "and the path is right, then try again."),
    "receiver_missing": Text("在 {port} 上找不到接收机。请检查数据线或蓝牙配对，以及串口名称"
                             "（定位 → NMEA 接收机（串口）…），然后再试一次。",
                             "No receiver found on {port}. Check the cable or the Bluetooth "
                             "pairing, and the port's name (Position → NMEA receiver "
                             "(serial)…), then try again."),
    "receiver_denied": Text("当前用户无权打开接收机的串口 {port}。请把该用户加入 dialout 组："
                            "sudo usermod -aG dialout {user}，然后注销并重新登录，再试一次。",
                            "This user may not open the receiver's port {port}. Add the user to "
                            "the dialout group: sudo usermod -aG dialout {user}, then log out and "
                            "log in again, and try again."),
    "receiver_in_use": Text("接收机的串口 {port} 正被另一个程序使用。请关闭该程序，然后再试一次。",
                            "The receiver's port {port} is in use by another program. Close it, "
                            "then try again."),
    "receiver_error": Text("接收机的串口 {port} 未能打开（{error}）。请检查数据线或蓝牙配对，"
                           "以及串口名称（定位 → NMEA 接收机（串口）…），然后再试一次。",
                           "The receiver's port {port} did not open ({error}). Check the cable "
                           "or the Bluetooth pairing, and the port's name (Position → NMEA "
                           "receiver (serial)…), then try again."),
    "err_folder": Text("{path} 是文件夹，不是文件。请选择其中的文件。",
                       "{path} is a folder, not a file. Choose a file in it."),
    "err_permission": Text("没有写入权限：{path}。请换一个文件夹，或检查 U 盘是否写保护。",
                           "No permission to write {path}. Choose another folder, or check that "
                           "the USB stick is not write-protected."),
    "err_read_only": Text("无法写入：文件、其文件夹或 U 盘/存储卡为只读（写保护），文件并未损坏。"
                          "请关闭写保护，或换一个可以写入的文件夹。",
                          "Cannot write: the file, its folder or the USB stick/card is read-only "
                          "(write-protected); the file is not damaged. Turn off the write "
                          "protection, or use a folder you may write to."),
    "err_busy": Text("数据包正被另一个程序使用（例如 QGIS 编辑未保存），请关闭后再试一次。",
                     "The package is in use by another program (e.g. an unsaved QGIS edit); close "
                     "it, then try again."),
    "err_bad_file": Text("所选文件不对（不是这个项目的主库或数据包，或文件已损坏）。"
                         "请检查后选择正确的文件。",
                         "That file is not the right one (not this project's master or package, or "
                         "damaged). Check it and choose the right file."),
    "err_refused": Text("更新被拒绝，本机数据未作任何改动。请把下面的原因告诉负责同步的同事。",
                        "The update was refused; nothing on this device changed. Pass the reason "
                        "below to whoever runs the sync."),
    "measure": Text("测量面积", "Measure area"),
    "measure_help": Text("在地图上依次点击治理范围的拐点，或打开“沿走过的路线”后绕范围走一圈；"
                         "面积按椭球面计算。",
                         "Click the treated outline's corners on the map, or turn on 'Walk it' "
                         "and walk round it; the area is ellipsoidal."),
    "measure_walk": Text("沿走过的路线", "Walk it"),
    "measure_undo": Text("撤销一点", "Undo point"),
    "measure_clear": Text("清除", "Clear"),
    "measure_use": Text("填入已治理面积", "Use as treated area"),
    "measure_close": Text("结束测量", "Stop measuring"),
    "measure_points": Text("已有 {n} 个点，至少需要 3 个点。",
                           "{n} points; at least 3 are needed."),
    "measure_perimeter": Text("周长 {m} 米", "perimeter {m} m"),
    "measure_no_form": Text("请先打开一条图斑核查记录，再填入面积。",
                            "Open a patch verification first, then use the area."),
    "err_capture": Text("这个数据包的变更记录不完整（记录修改的触发器被其他工具删除或改动），"
                        "此后的修改可能没有记下来。请先不要导出，请负责同步的同事运行 "
                        "field-kit repair 修复后再继续。",
                        "This package's change log is not whole (the triggers that record edits "
                        "were dropped or altered by another tool): edits made since may be "
                        "missing. Do not export yet: ask whoever runs the sync to run "
                        "field-kit repair on it, then go on."),
    "capture_short": Text("✖ 变更记录不完整", "✖ change log not whole"),
    "err_too_large": Text("数值太大，请检查数字和单位。",
                          "A number is far too large: check it and its unit."),
    "err_unexpected": Text("发生了意外错误。程序仍在运行，请再试一次；"
                           "如果反复出现，请把下面的信息告诉技术支持。",
                           "Something unexpected went wrong. The app is still running: try again; "
                           "if it keeps happening, pass the line below to support."),
    # (the form's own line says whether it is kept as a draft: an unforeseen error cannot)
    "err_kept": Text("已输入的内容仍保留在表单中。", "What you typed is still in the form."),
    # how a failed save's box ends: what was typed, and where it is kept (or not)
    "kept_as_draft": Text("已输入的内容仍在表单中，并已作为草稿保存在数据包中。",
                          "What you typed is still in the form, and kept in the package as a "
                          "draft."),
    "kept_in_rescue": Text("已输入的内容仍在表单中；数据包无法写入，已另存到备份文件：\n{path}",
                           "What you typed is still in the form; the package could not take it, "
                           "so it is kept in the rescue file:\n{path}"),
    "kept_nothing": Text("没有保存任何内容，也没有草稿：数据包和备份文件夹都无法写入，"
                         "已输入的内容只在这个表单里。请不要关闭表单；腾出空间（或换一个有空间的"
                         "磁盘）后再保存。",
                         "Nothing was kept, not even a draft: neither the package nor the rescue "
                         "folder could take it, so what you typed is only in this form. Keep the "
                         "form open; free some space (or use another disk), then save again."),
    "kept_nothing_read_only": Text(
        "没有保存任何内容，也没有草稿：数据包和备份文件夹都无法写入（只读或写保护），"
        "已输入的内容只在这个表单里。请不要关闭表单；关闭 U 盘或存储卡的写保护后再保存。"
        "如果必须关闭，请先记下这些值。",
        "Nothing was kept, not even a draft: neither the package nor the rescue folder can be "
        "written (read-only or write-protected), so what you typed is only in this form. Keep "
        "the form open; turn off the write protection of the USB stick or memory card, then "
        "save again. If you must close it, write the values down first."),
    "save_failed": Text("记录未保存。", "The record was not saved."),
    "package_gone": Text("数据包文件不见了：{path}\n（U 盘被拔出或文件被移动？）请把它放回原处。",
                         "The package file is gone: {path}\n(USB stick pulled out, or the file "
                         "moved?) Put it back where it was."),
    "package_gone_rescued": Text("当前表单的内容已另存到：\n{rescue}",
                                 "The open form's values are kept in:\n{rescue}"),
    "package_gone_unkept": Text("当前表单的内容也无法另存到备份文件：在数据包放回原处之前，"
                                "请不要关闭表单。",
                                "The open form's values could not be written to a rescue file "
                                "either: keep the form open until the package is back."),
    "package_held": Text("此数据包已在另一个野外核查程序中打开"
                         "（计算机 {host}，进程 {pid}，自 {since}）。"
                         "请先关闭那个程序。如果那台计算机上已没有运行本程序，请删除锁文件：{lock}",
                         "This package is already open in another copy of the field app (computer "
                         "{host}, process {pid}, since {since}). Close that one first. If that "
                         "computer no longer runs the app, delete the lock file: {lock}"),
    "lock_taken_over": Text("已接管过期的锁文件：其中记录的进程 {pid}（计算机 {host}，自 {since}）"
                            "已不是野外核查程序。",
                            "took over the stale lock file: the process {pid} it names "
                            "(computer {host}, since {since}) no longer runs the field app."),
    # a bureau's own layer granted to the role: edited elsewhere, said when the package opens
    "no_form_for": Text("您的角色可以修改 {layers}，本程序没有它们的表单："
                        "请用装有托克逊插件的 QGIS 打开此数据包编辑，"
                        "或请主管签出一个 QField 数据包（field-kit checkout --for qfield）。",
                        "Your role may change {layers}, which this app has no form for: edit "
                        "them in QGIS with the Toksun plugin (this package), or ask your "
                        "supervisor for a QField package (field-kit checkout --for qfield)."),
    "every_column": Text("全部字段", "every column"),
    # what the role may not change of a form's record, by the grants the master gave
    "read_only_summary": Text("只能查看：您的角色无权保存此表单",
                              "Read only: your role may not save this form"),
    "grant_none": Text("您的角色（{role}）无权修改{table}：主库给本数据包的权限不包括它，"
                       "这里的记录只能查看，不能新建、修改或删除（修改了也会在合并时被拒收）。",
                       "Your role ({role}) may not change {table}: the grants the master gave "
                       "this package do not include them, so these records are shown to read "
                       "only, and none can be added, changed or deleted (the merge would refuse "
                       "it)."),
    "grant_no_new": Text("您的角色（{role}）只能修改已有{table}的部分字段（{fields}），"
                         "不能新建或删除记录（合并时会被拒收）。",
                         "Your role ({role}) may change only some fields of {table} already "
                         "saved ({fields}), and may not add or delete records (the merge "
                         "would refuse it)."),
    "grant_columns": Text("您的角色（{role}）只能修改{table}的这些字段：{fields}；"
                          "其他字段只能查看，也不能新建或删除记录（合并时会被拒收）。",
                          "Your role ({role}) may change only these fields of {table}: "
                          "{fields}; the others are shown to read only, and records cannot be "
                          "added or deleted (the merge would refuse it)."),
    "grant_no_add": Text("您的角色（{role}）不能新建或删除{table}记录。",
                         "Your role ({role}) may not add or delete {table} records."),
    "grant_photos": Text("您的角色（{role}）无权添加或移除照片。",
                         "Your role ({role}) may not add or remove photos."),
    "grant_ask": Text("如需修改，请主管授权（field-kit roles … --grant），然后拉取更新。",
                      "To change them, ask your supervisor for the grant (field-kit roles … "
                      "--grant), then take the update."),
    "qt_words_missing": Text("未找到 Qt 自带的中文翻译（{file}）：Qt 的标准按钮（确定、取消、"
                             "是、否）和文件对话框以英文显示。请安装 Qt 的翻译文件（Debian 或 "
                             "Ubuntu 上为 qttranslations5-l10n），使其显示为中文。",
                             "Qt's own Chinese translation was not found ({file}): Qt's standard "
                             "buttons (OK, Cancel, Yes, No) and file dialogs are shown in "
                             "English. Install Qt's translations (on Debian or Ubuntu: "
                             "qttranslations5-l10n) to have them in Chinese."),
    "grants_forms": Text("按主库给本数据包的权限，您的角色不能修改：{which}；这些表单只能查看。"
                         "如需修改，请主管授权，然后拉取更新。",
                         "By the grants the master gave this package, your role may not change "
                         "{which}: the app shows them to read only. To change them, ask your "
                         "supervisor for the grant, then take the update."),
    "grants_only": Text("{table}（已保存记录的这些字段除外：{fields}）",
                        "{table} (other than these fields of a record already saved: "
                        "{fields})"),
    "photos": Text("照片", "photos"),
    # what a pull changed of the role's grants, a form's fields by their labels
    "grants_changed": Text("权限已变更：{what}", "grants changed: {what}"),
    "grants_whole": Text("{role}现在可以修改{table}的全部字段，也可以新建、删除记录",
                         "{role} may now change every field of {table}, and add and delete "
                         "records"),
    "grants_none_now": Text("{role}不再可以修改{table}：这些记录只能查看",
                            "{role} may no longer change {table}: its records are shown to "
                            "read only"),
    "grants_only_now": Text("{role}现在只能修改已保存{table}记录的这些字段：{fields}；"
                            "不能新建或删除记录",
                            "{role} may now change only these fields of {table} records "
                            "already saved: {fields}; not add or delete records"),
    "grants_more": Text("{role}现在也可以修改{table}的这些字段：{fields}",
                        "{role} may now also change these fields of {table}: {fields}"),
    "grants_fewer": Text("{role}不再可以修改{table}的这些字段：{fields}",
                         "{role} may no longer change these fields of {table}: {fields}"),
    "grants_photos_now": Text("{role}现在可以添加和移除照片",
                              "{role} may now add and remove photos"),
    "grants_photos_gone": Text("{role}不再可以添加或移除照片",
                               "{role} may no longer add or remove photos"),
    "package_gone_short": Text("数据包文件不见了，请放回原处", "Package file missing: put it back"),
    "draft_rescued": Text("草稿无法写入数据包，已另存到 {path}",
                          "The draft could not be written to the "
                          "package; it is kept in {path}"),
    "rescue_restored": Text("已从备份文件恢复未保存的内容（{time}）",
                            "Unsaved values restored from the rescue file ({time})"),
    "rescue_saved_already": Text("备份文件中的内容已保存为上方列出的一条记录，备份文件已删除。",
                                 "The rescue file's values were saved already, as a record "
                                 "listed above; the rescue file is removed."),
    "gpkg_files": Text("GeoPackage (*.gpkg)", "GeoPackage (*.gpkg)"),
    "nmea_files": Text("NMEA 记录 (*.nmea *.txt *.log)", "NMEA logs (*.nmea *.txt *.log)"),
    "device_prompt": Text("串口（如 COM3、/dev/ttyUSB0）：",
                          "Serial port (e.g. COM3, /dev/ttyUSB0):"),
    "baud_prompt": Text("波特率（接收机说明书中的值，常见 4800 或 9600）：",
                        "Baud rate (see the receiver's manual; often 4800 or 9600):"),
    "typed_prompt": Text("经度, 纬度[, 精度米]：", "Longitude, latitude[, accuracy m]:"),
    "bad_typed": Text("请按“经度, 纬度”输入，例如 88.65, 42.79",
                      "Type “longitude, latitude”, e.g. 88.65, 42.79"),
    "typed_too_many": Text("最多三个数：经度, 纬度, 精度（米），小数用点，不用逗号；"
                           "输入的是 {n} 个数：{text}",
                           "At most three numbers: longitude, latitude, accuracy (m), with a "
                           "decimal point, not a comma; typed: {n} numbers: {text}"),
    "typed_swapped": Text("输入的 {text} 按“经度, 纬度”不在托克逊县内，对调后在县内："
                          "已按经度 {lon}、纬度 {lat} 读取",
                          "{text} as longitude, latitude lies outside Toksun County; the "
                          "other way round it lies inside: taken as longitude {lon}, "
                          "latitude {lat}"),
    "typed_outside": Text("输入的 {text}（按经度 {lon}、纬度 {lat} 读取）在托克逊县范围"
                          "（东经 {west}–{east}°，北纬 {south}–{north}°）之外，多为输入有误。"
                          "仍以此作为当前位置吗？",
                          "{text} (read as longitude {lon}, latitude {lat}) lies outside "
                          "Toksun County ({west}–{east}°E, {south}–{north}°N), most often a "
                          "slip in typing. Take it as your position all the same?"),
    "typed_swapped_beyond": Text("输入的 {text} 不能是经度 {lon}、纬度 {lat}：纬度在 ±90° 以内。"
                                 "两个数像是写反了，请先写经度。托克逊县在东经 {west}–{east}°、"
                                 "北纬 {south}–{north}°，例如 88.65, 42.79",
                                 "{text} cannot be longitude {lon}, latitude {lat}: a latitude "
                                 "lies within ±90°. The two figures look swapped: type the "
                                 "longitude first. Toksun County lies at {west}–{east}°E, "
                                 "{south}–{north}°N, e.g. 88.65, 42.79"),
    "typed_beyond": Text("输入的 {text} 不能是经度 {lon}、纬度 {lat}：经度在 ±180° 以内，纬度在 "
                         "±90° 以内。托克逊县在东经 {west}–{east}°、北纬 {south}–{north}°，"
                         "例如 88.65, 42.79",
                         "{text} cannot be longitude {lon}, latitude {lat}: a longitude lies "
                         "within ±180° and a latitude within ±90°. Toksun County lies at "
                         "{west}–{east}°E, {south}–{north}°N, e.g. 88.65, 42.79"),
    "typed_accuracy": Text("精度须为 0 或更大的米数：{acc}",
                           "The accuracy must be 0 m or more: {acc}"),
    "zoom_all": Text("全县", "Whole county"),
    "zoom_all_short": Text("全县", "County"),
    "zoom_me": Text("我的位置", "My position"),
    "schematic": Text("示意边界，非测绘成果", "Schematic boundaries, not surveyed"),
}

CARDINALS = tuple(Text(zh, en) for zh, en in zip(
    ("北", "东北", "东", "东南", "南", "西南", "西", "西北"),
    ("N", "NE", "E", "SE", "S", "SW", "W", "NW")))

_current = ZH
_listeners: list[Callable[[str], None]] = []


def system_language() -> str:
    """'zh' when the system locale is Chinese (or unset, the users' language), else 'en'.
    The C or POSIX locale is unset (a system nobody chose a language for): Python turns it
    into C.UTF-8, which its locale module names en_US."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value and not _unset(value):
            return ZH if value.lower().startswith("zh") else EN
    loc = locale.setlocale(locale.LC_CTYPE)  # (asked, not changed: the name as set)
    return EN if not _unset(loc) and not loc.lower().startswith(("zh", "chinese")) else ZH


def _unset(name: str) -> bool:
    return name.split(".")[0].upper() in ("", "C", "POSIX")


def language() -> str:
    return _current


def set_language(lang: str) -> None:
    global _current
    if lang not in (ZH, EN):
        raise ValueError(f"language is 'zh' or 'en', not {lang!r}")
    if lang != _current:
        _current = lang
        for fn in list(_listeners):
            fn(lang)


def on_change(fn: Callable[[str], None]) -> None:
    _listeners.append(fn)


def forget(fn: Callable[[str], None]) -> None:
    if fn in _listeners:
        _listeners.remove(fn)


def core(message: str | None, lang: str | None = None) -> str:
    """A message of the sync core (written in English) in the interface's language: in
    Chinese where the library knows it, else as the core wrote it."""
    from ..messages_zh import chinese
    return chinese(message or "") if (lang or language()) == ZH else message or ""


def pick_name(zh: str | None, en: str | None, lang: str) -> str:
    """The English name where the plan gives one, else the Chinese."""
    return (en if lang == EN and en else zh) or ""


# The English of a text counting one thing (Chinese counts alike for one and more): for each
# count the text names, its words said of more than one, and said of one, which tr() puts in
# their place where the count is 1.
SINGULAR: dict[str, dict[str, tuple[str, str]]] = {
    "waiting_dropped": {"n": ("{n} features", "{n} feature")},
    "errors_block": {"n": ("{n} errors", "{n} error")},
    "warnings_only": {"n": ("{n} warnings", "{n} warning")},
    "required_left_more": {"n": ("{n} more required fields", "{n} more required field")},
    "delete_confirm": {"n": ("{n} photos", "{n} photo")},
    "delete_confirm_unsent": {"n": ("{n} photos", "{n} photo")},
    "undo_no_columns": {"n": ("the columns", "the column")},
    "undeleted": {"n": ("{n} photos", "{n} photo")},
    "undeleted_draft": {"n": ("{n} photos", "{n} photo")},
    "discard_photos": {"n": ("{n} photos not saved yet are only taken off this form: their "
                             "files are", "{n} photo not saved yet is only taken off this "
                             "form: its file is")},
    "records_saved": {"n": ("{n} saved records, click one", "{n} saved record, click it")},
    "record_line": {"n": ("{n} photos", "{n} photo")},
    "export_unsaved": {"n": ("{n} forms are not saved (drafts)",
                             "{n} form is not saved (a draft)")},
    "export_stranded": {"n": ("{n} saved records hold typed text that cannot be saved, waiting "
                              "in the note on their form",
                              "{n} saved record holds typed text that cannot be saved, waiting "
                              "in the note on its form")},
    "pull_done": {"conflict": ("{conflict} conflicts", "{conflict} conflict"),
                  "fields": ("{fields} fields of records already here now hold",
                             "{fields} field of records already here now holds")},
    "pull_fields": {"n": ("The {n} fields", "The {n} field")},
    "pull_more": {"n": ("{n} more records", "{n} more record")},
    "pull_kept": {"n": ("{n} conflicts", "{n} conflict")},
    "pull_replaced": {"n": ("{n} values this device had sent are", "{n} value this device had "
                            "sent is")},
    "pull_closed": {"n": ("{n} conflicts of this device are", "{n} conflict of this device is")},
    "pull_closed_dropped": {"n": ("{n} conflicts of this device on layer {layer} are",
                                  "{n} conflict of this device on layer {layer} is")},
    **{key: {"n": (f"{{n}} records this device had {done} are {where} (the master {how} them)",
                   f"{{n}} record this device had {done} is {where} (the master {how} it)")}
       for key, done, where, how in (
           ("pull_rows_back", "deleted", "back", "kept"),
           ("pull_rows_gone", "edited", "gone", "deleted"),
           ("pull_rows_back_undone", "deleted", "back", "undid the merge that deleted"),
           ("pull_rows_gone_undone", "edited", "gone", "undid the merge that brought"),
           ("pull_rows_added_gone", "added", "gone", "deleted"),
           ("pull_rows_added_gone_undone", "added", "gone", "undid the merge that brought"))},
    "pull_resent": {"n": ("{n} edits this device had sent were refused by the master and are",
                          "{n} edit this device had sent was refused by the master and is")},
    "pull_brought": {"n": ("{n} rows the master moved into this package's area (records and "
                           "photos included) were",
                           "{n} row the master moved into this package's area (records and "
                           "photos included) was")},
    "pull_photos": {"n": ("{n} photos the update brought were written into the QField project "
                          "folder, under the file names their records give",
                          "{n} photo the update brought was written into the QField project "
                          "folder, under the file name its record gives")},
    "measure_points": {"n": ("{n} points", "{n} point")},
}


def tr(key: str, lang: str | None = None, **args) -> str:
    lang = lang or _current
    text = TEXTS[key](lang)
    if lang == EN:  # a count of one said in the singular
        for count, (more, one) in SINGULAR.get(key, {}).items():
            if str(args.get(count)) == "1":
                text = text.replace(more, one)
    return text.format(**args) if args else text


def cardinal(bearing: float, lang: str | None = None) -> str:
    return CARDINALS[int((bearing % 360 + 22.5) // 45) % 8](lang or _current)


def accuracy_text(metres: float | None) -> str:
    """'?' when unknown; centimetres matter for RTK, not for a phone-grade fix."""
    if metres is None:
        return "?"
    return f"{metres:.2f}" if metres < 1 else f"{metres:.1f}" if metres < 10 else f"{metres:.0f}"


def distance_text(metres: float, lang: str | None = None) -> str:
    """Metres below 1 km, else kilometres: how far to walk matters more than the digits;
    in Chinese 米 and 千米, as the rest of the window says them."""
    m, km = ("米", "千米") if (lang or _current) == ZH else ("m", "km")
    if metres < 1000:
        return f"{metres:.0f} {m}"
    return f"{metres / 1000:.2f} {km}" if metres < 10000 else f"{metres / 1000:.1f} {km}"


def age_text(seconds: float, lang: str | None = None) -> str:
    """How long ago, in whole seconds, minutes or hours: 12 s, 3 min, 2 h."""
    n, unit = ((seconds, 0) if seconds < 60 else (seconds / 60, 1) if seconds < 3600
               else (seconds / 3600, 2))
    if (lang or _current) == ZH:
        return f"{int(n)} {('秒', '分钟', '小时')[unit]}"
    return f"{int(n)} {('s', 'min', 'h')[unit]}"


class Age(int):
    """Seconds, said as :func:`age_text` says them wherever a text is formatted, in the
    language shown then."""

    def __format__(self, spec: str) -> str:
        return age_text(self)


ROLE_NAMES = {"technician": Text("技术员", "technician"), "gis": Text("GIS 人员", "GIS staff")}


def role_name(role: str, lang: str | None = None) -> str:
    text = ROLE_NAMES.get(role)
    return text(lang or _current) if text else role


def export_said(changes: int, added: int, removed: int, stored: int, path,
                lang: str | None = None) -> str:
    """What an export carried: its changes, the photos as the records have them (added,
    taken off) and, where fewer, the pictures stored (one picture on two records is stored
    once); English in the singular or plural as the numbers are."""
    lang = lang or _current
    if lang == ZH:
        parts = [f"{changes} 条修改"]
        if added:
            parts.append(f"{added} 张照片" + (f"（图片存 {stored} 份）" if stored < added else ""))
        if removed:
            parts.append(f"移除 {removed} 张照片")
        return f"已导出 {'、'.join(parts)}到\n{path}"
    parts = [counted(changes, "change")]
    if added:
        parts.append(counted(added, "photo") + (
            f" ({counted(stored, 'picture')} stored)" if stored < added else ""))
    if removed:
        parts.append(counted(removed, "photo") + " taken off")
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Exported {said} to\n{path}"


def grants_text(grants: dict[str, set[str]], lang: str | None = None) -> str:
    """Layers with the columns granted, as a sentence lists them: ``well_checks (every
    column), springs (depth_m, checked_on)``; in Chinese with 、 and full-width brackets."""
    lang = lang or _current
    sep, left, right = ("、", "（", "）") if lang == ZH else (", ", " (", ")")
    return sep.join(
        f"{tbl}{left}{tr('every_column', lang) if '*' in cols else sep.join(sorted(cols))}{right}"
        for tbl, cols in grants.items())
