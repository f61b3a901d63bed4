# SPDX-License-Identifier: GPL-2.0-or-later
"""GIS staff given the editors' grants open the Sync panel of a PostgreSQL master: the
buttons only supervisors may use (check out, merge, undo a merge) are off, and the panel
says why and which grant makes one, in their language, as Settle conflicts does (each
button's tip too); a supervisor has them on, nothing said (a real QGIS, a throwaway
PostgreSQL cluster)."""

from __future__ import annotations

from tests.qgis.test_postgres_failures import (  # noqa: F401 (fixtures)
    _open_postgres,
    connections,
    lang,
    published_with_an_editor,
)


def test_gis_staff_find_the_supervisors_buttons_off_and_why(
        iface, plugin, lang, cluster, database, connections, tmp_path,  # noqa: F811
        plan_gpkg):
    db, owner, anna = published_with_an_editor(cluster, database, tmp_path, plan_gpkg)
    connections("editor", cluster, db, anna)
    connections("supervisor", cluster, db)
    _open_postgres(plugin, "editor")
    dock = plugin.show_sync()
    buttons = (dock.checkout_button, dock.merge_button, dock.undo_button)
    assert not any(b.isEnabled() for b in buttons)
    said = dock.rights_label.text()
    assert dock.rights_label.isVisibleTo(dock), said
    assert {"en": f"only supervisors check out field packages, merge change packages or undo "
                  f"merges: role {anna} is not a member of {owner}, the role owning schema "
                  "toksun",
            "zh": f"只有主管可以签出外业数据包、合并修改包或撤销合并：角色 {anna} 不是模式 toksun "
                  f"的所有者角色 {owner} 的成员"}[lang] in said, said
    assert f'GRANT "{owner}" TO "{anna}"' in said, said
    assert [b.toolTip() for b in buttons] == [said] * 3  # (each greyed button says why too)
    _open_postgres(plugin, "supervisor")  # (postgres: a superuser, a supervisor)
    assert all(b.isEnabled() for b in buttons)
    assert [b.toolTip() for b in buttons] == [""] * 3
    assert not dock.rights_label.isVisibleTo(dock) and not dock.rights_label.text()
