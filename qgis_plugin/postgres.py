# SPDX-License-Identifier: GPL-2.0-or-later
"""A master in PostgreSQL/PostGIS, opened through QGIS's saved PostgreSQL connections: its
layers are read by QGIS's own PostgreSQL provider, and the docks work on its address."""

from __future__ import annotations

import configparser
import contextlib
import getpass
import json
import os
from collections.abc import Iterator
from typing import NamedTuple

from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsDataSourceUri,
    QgsProject,
    QgsProviderRegistry,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)
from qgis.PyQt.QtXml import QDomDocument

from field_kit.app.editors import Combo
from field_kit.errors import NoMaster, NotUsable, SyncError
from field_kit.messages_zh import libpq_in_chinese
from field_kit.plan import schema
from field_kit.sync.postgis import address as pg_address
from field_kit.sync.postgis import template

from .core_messages import in_user_language, master_named
from .dialogs.conflicts import MESSAGE_STYLE
from .help import add_help
from .i18n import listed, tr, user_language
from .plan_layers import PLAN_TABLES, layer_title

DEFAULT_SCHEMA = pg_address.SCHEMA
# the schema opened last through each saved connection, by the connection's name (JSON)
OPENED_SCHEMAS = "toksun/postgres_opened_schemas"
# seconds a server is waited for while its schemas are read: the dialog waits meanwhile
READ_TIMEOUT = 10


def saved_connections() -> dict[str, QgsDataSourceUri]:
    """QGIS's saved PostgreSQL connections, by name (Data Source Manager → PostgreSQL)."""
    meta = QgsProviderRegistry.instance().providerMetadata("postgres")
    if meta is None:
        return {}
    return {name: QgsDataSourceUri(conn.uri()) for name, conn in meta.connections().items()}


def login(uri: QgsDataSourceUri) -> tuple[str, str]:
    """(user, password) of a connection: saved in it, or in its authentication
    configuration."""
    user, password = uri.username(), uri.password()
    if uri.authConfigId():
        cfg = QgsAuthMethodConfig()
        QgsApplication.authManager().loadAuthenticationConfig(uri.authConfigId(), cfg, True)
        user = cfg.config("username") or user
        password = cfg.config("password") or password
    return user, password


def master_address(uri: QgsDataSourceUri, schema_name: str, remember: bool = True) -> str:
    """The address the library takes for the master in ``schema_name`` of a connection; a
    saved password (or an authentication configuration's) is handed over in memory only
    (with ``remember``; else see :func:`password_tried`)."""
    user, password = login(uri)
    parts = [("service", uri.service()), ("host", uri.host()), ("port", uri.port()),
             ("dbname", uri.database()), ("user", user), ("schema", schema_name)]
    text = " ".join(f"{k}={_quoted(v)}" for k, v in parts if v)
    if password and remember:
        pg_address.remember_password(text, password)
    return text


@contextlib.contextmanager
def password_tried(master: str, password: str) -> Iterator[None]:
    """``master`` connected to with ``password`` (none: without one) in the block: kept once
    it opened, else the password the address had is put back. Passwords are kept by address,
    and another connection of the same server, database and user has the same one: a wrong
    password tried once must not break a master open at that address."""
    before = pg_address.remembered_password(master)
    pg_address.remember_password(master, password)
    try:
        yield
    except BaseException:
        pg_address.remember_password(master, before)
        raise


def not_opened_reason(master: str, error: Exception) -> str:
    """Why ``master`` did not open, in the user's language. Where the server asks for a
    password and the connection has none, where QGIS keeps one (the command line's advice,
    ~/.pgpass, is not for a QGIS user)."""
    if isinstance(error, pg_address.Unreachable) and "no password supplied" in error.reason:
        return tr("Cannot connect to {master}: the server asks for a password and the "
                  "connection has none saved ({why}). Save it in the connection or in an "
                  "authentication configuration: Layer → Data Source Manager → PostgreSQL, "
                  "the connection, Edit.").format(master=master_named(master, short=True),
                                                  why=error.reason)
    if isinstance(error, NoMaster):
        return no_master_said(error)
    if isinstance(error, NotUsable):
        return not_usable_said(error)
    return in_user_language(getattr(error, "message", str(error)))


def no_master_said(error: NoMaster) -> str:
    """A schema not there or holding no master, said as a QGIS user picks one (the
    connection's schema), with the schemas that do hold one; making a master stays the
    command line's."""
    if error.exists:
        first = tr("Schema {schema} of database {database} holds no master.")
    else:
        first = tr("Schema {schema} does not exist in database {database}.")
    if not error.masters:
        there = tr("No schema of database {database} holds a master you may open: publish "
                   "one with field-kit init (see Help).")
    elif len(error.masters) == 1:
        there = tr("The master of database {database} is in schema {schemas}: choose it as "
                   "the schema.")
    else:
        there = tr("The masters of database {database} are in schemas {schemas}: choose one "
                   "as the schema.")
    said = [t.format(schema=error.schema, database=error.database,
                     schemas=listed(error.masters)) for t in (first, there)]
    return ("" if user_language() == "zh" else " ").join(said)


def not_usable_said(error: NotUsable) -> str:
    """A schema whose master the user's role may not use, said as a QGIS user picks one,
    with the schemas there whose master it may (another county's schema, the default one,
    taken for the user's own)."""
    first = tr("Role {role} may not use schema {schema} of database {database}, which holds a "
               "master.")
    if len(error.masters) == 1:
        there = tr("The master you may open there is in schema {schemas}: choose it as the "
                   "schema.")
    else:
        there = tr("The masters you may open there are in schemas {schemas}: choose one as "
                   "the schema.")
    said = [t.format(role=error.role, schema=error.schema, database=error.database,
                     schemas=listed(error.masters)) for t in (first, there)]
    return ("" if user_language() == "zh" else " ").join(said)


def opens(master: str) -> None:
    """Raise why ``master`` cannot be worked on: its database not reached, or its schema
    holding no master."""
    pg = pg_address.connect(master)
    try:
        template.check(pg)
    finally:
        pg.close()


def _quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _master_layers(master: str
                   ) -> tuple[dict[str, str], dict[str, str], list[str], list[str]]:
    """(table -> geometry column, table -> default style QML, the county's own tables it
    tracks, the database's other schemas holding a master the user may open) of the master,
    read at once; a schema that holds no master is refused, by name."""
    pg = pg_address.connect(master)
    try:
        template.check(pg)
        with pg.cursor() as cur:
            cur.execute("SELECT f_table_name, f_geometry_column FROM geometry_columns WHERE "
                        "f_table_schema = current_schema()")
            geoms = dict(cur.fetchall())
            cur.execute("SELECT to_regclass('layer_styles')")
            styles: dict[str, str] = {}
            if cur.fetchone()[0] is not None:  # as the published GeoPackage kept them
                cur.execute('SELECT f_table_name, "styleQML" FROM layer_styles '
                            'ORDER BY "useAsDefault"')
                styles = dict(cur.fetchall())
            cur.execute("SELECT tbl FROM sync_tables WHERE tbl <> ALL(%s) ORDER BY tbl",
                        (sorted(PLAN_TABLES),))
            own = [t for (t,) in cur.fetchall()]
        return geoms, styles, own, [s for s in template.masters_there(pg) if s != pg.schema]
    finally:
        pg.close()


def open_layers(uri: QgsDataSourceUri, master: str, order: tuple[str, ...]
                ) -> tuple[dict[str, QgsVectorLayer], dict[str, QgsVectorLayer], list[str]]:
    """The plan's layers of the master (``order``) and the county's own layers it tracks,
    as QGIS PostgreSQL layers, styled as published; and the database's other schemas
    holding a master the user may open (:func:`others_said`)."""
    _, schema_name = pg_address.parse(master)
    geoms, styles, own, others = _master_layers(master)
    layers: dict[str, QgsVectorLayer] = {}
    county: dict[str, QgsVectorLayer] = {}
    for name in [*order, *own]:
        source = QgsDataSourceUri(uri)
        plan = name in order
        # (the provider finds the key of a county's table itself)
        source.setDataSource(schema_name, name, geoms.get(name), "", "fid" if plan else "")
        layer = QgsVectorLayer(source.uri(False), layer_title(schema.table(name)) if plan
                               else name, "postgres", _styled_here())
        if not layer.isValid():
            raise RuntimeError(tr("QGIS cannot open the layer {layer} of {path}.").format(
                layer=name, path=master_named(master, short=True)))
        if name in styles:
            doc = QDomDocument()
            doc.setContent(styles[name])
            layer.importNamedStyle(doc)
        (layers if plan else county)[name] = layer
    return layers, county, others


def others_said(master: str, others: list[str]) -> str:
    """The master just opened named, and the database's other masters the user may open
    (another county's, in one database): the schema taken is said, not assumed."""
    if len(others) == 1:
        text = tr("{master} is open. Its database also holds the master in schema {schemas}: "
                  "to work on that one, choose its schema when opening it (Open a PostgreSQL "
                  "master…).")
    else:
        text = tr("{master} is open. Its database also holds the masters in schemas "
                  "{schemas}: to work on one of them, choose its schema when opening it (Open "
                  "a PostgreSQL master…).")
    return text.format(master=master_named(master), schemas=listed(others))


def _styled_here() -> QgsVectorLayer.LayerOptions:
    """Layer options with no default style looked for: QGIS's PostgreSQL provider reads
    ``layer_styles`` outside the master's schema (an erroneous query in its log, once a
    layer); the master's own styles are applied here instead."""
    options = QgsVectorLayer.LayerOptions(QgsProject.instance().transformContext())
    options.loadDefaultStyle = False
    return options


def layer_master(layer) -> tuple[str, str] | None:
    """(database, schema) of a PostgreSQL layer, or None for another provider."""
    if layer.providerType() != "postgres":
        return None
    uri = QgsDataSourceUri(layer.source())
    return uri.database(), uri.schema()


def master_key(master: str) -> tuple[str, str]:
    """(database, schema) a master address names, to find its layers in the project."""
    return pg_address.database(master), pg_address.parse(master)[1]


class Masters(NamedTuple):
    """What a connection's database holds for its role (:func:`masters_of`)."""
    usable: list[str]  # schemas holding a master the role may open, the default one first
    refused: list[str]  # schemas holding one it may not use (no grants given to it)
    role: str
    database: str  # (as the server names it: a service names none)


def masters_of(uri: QgsDataSourceUri) -> Masters:
    """The schemas of a connection's database that hold a master the user may open (where
    the toolkit's template is, as opening one checks), and those holding one the user's
    role may not use."""
    address = f"{master_address(uri, DEFAULT_SCHEMA, remember=False)} " \
              f"connect_timeout={READ_TIMEOUT}"
    with password_tried(address, login(uri)[1]):
        # (the catalog alone: the default schema's zone typed wrong stops no listing)
        pg = pg_address.connect(address, catalog=True)
    try:
        with pg_address.transaction(address, pg):
            found = template.masters_there(pg)
            refused = template.masters_not_usable(pg)
            with pg.cursor() as cur:
                cur.execute("SELECT current_user, current_database()")
                role, database = cur.fetchone()
    finally:
        pg.close()
    return Masters(sorted(found, key=lambda s: s != DEFAULT_SCHEMA), refused, role, database)


def role_tried(uri: QgsDataSourceUri) -> str:
    """The role libpq signs in as for a connection: the one saved in it, else the one its
    service names, else PGUSER, else the system user (a connection saved without its user
    name)."""
    user = login(uri)[0] or _service_user(uri.service())
    return user or os.environ.get("PGUSER") or getpass.getuser()


def _service_user(service: str) -> str:
    """The user ``service``'s entry in pg_service.conf names, if any (libpq's files, in
    its order)."""
    if not service:
        return ""
    files = [os.environ.get("PGSERVICEFILE") or os.path.expanduser("~/.pg_service.conf"),
             os.path.join(os.environ.get("PGSYSCONFDIR", "/etc/postgresql-common"),
                          "pg_service.conf")]
    for path in files:
        conf = configparser.ConfigParser(interpolation=None)
        try:
            conf.read(path, encoding="utf-8")
        except (OSError, configparser.Error):  # (libpq's own error says what is wrong)
            continue
        if conf.has_section(service):
            return conf.get(service, "user", fallback="")
    return ""


def schemas_not_read(uri: QgsDataSourceUri, error: SyncError) -> str:
    """Why a connection's schemas were not read, in the user's language, and what to do
    about it; the box still takes a schema typed."""
    # (a service connection names the service, not a database)
    where = (tr("database {database}").format(database=uri.database()) if uri.database()
             or not uri.service() else tr("service {service}").format(service=uri.service()))
    if isinstance(error, pg_address.Unreachable):
        if "no password supplied" in error.reason:
            return tr("The schemas of {where} were not read: the server asks role {role} for "
                      "a password and the connection has none saved ({why}). Save it in the "
                      "connection or in an authentication configuration: Layer → Data Source "
                      "Manager → PostgreSQL, the connection, Edit.").format(
                where=where, role=role_tried(uri), why=error.reason)
        # (libpq's words are English: what happened said in Chinese too)
        why = libpq_in_chinese(error.reason) if user_language() == "zh" else error.reason
        if "password authentication failed" in error.reason:
            return tr("The schemas of {where} were not read ({why}): check the password "
                      "saved in the connection (Layer → Data Source Manager → PostgreSQL, "
                      "the connection, Edit) or in ~/.pgpass.").format(where=where, why=why)
        if "server running" in error.reason or "timeout" in error.reason:
            return tr("The schemas of {where} were not read ({why}): start the database "
                      "server, or check the connection's host and port (Layer → Data Source "
                      "Manager → PostgreSQL, the connection, Edit).").format(
                where=where, why=why)
    else:
        why = in_user_language(error.message)
    return tr("The schemas of {where} were not read ({why}): type the master's "
              "schema.").format(where=where, why=why)


def not_given_said(there: Masters) -> str:
    """A database whose masters the connection's role may not use: who gives it them."""
    if len(there.refused) == 1:
        text = tr("Role {role} may not use schema {schemas} of database {database}, which "
                  "holds a master: ask a supervisor to give it the editors' grants (field-kit "
                  "grants ADDRESS --editor {role}), or choose a connection signing in as "
                  "another role.")
    else:
        text = tr("Role {role} may not use schemas {schemas} of database {database}, which "
                  "hold masters: ask a supervisor to give it the editors' grants (field-kit "
                  "grants ADDRESS --editor {role}), or choose a connection signing in as "
                  "another role.")
    return text.format(role=there.role, schemas=listed(there.refused),
                       database=there.database)


def opened_schema(connection: str) -> str | None:
    """The schema opened last through ``connection``, if any."""
    return _opened_schemas().get(connection)


def remember_opened(connection: str, schema_name: str) -> None:
    opened = _opened_schemas()
    opened[connection] = schema_name
    QgsSettings().setValue(OPENED_SCHEMAS, json.dumps(opened, ensure_ascii=False))


def _opened_schemas() -> dict[str, str]:
    try:
        opened = json.loads(str(QgsSettings().value(OPENED_SCHEMAS, "") or "{}"))
    except ValueError:  # (written by hand, or by another version: nothing recalled)
        return {}
    return opened if isinstance(opened, dict) else {}


class _Wrapped(QLabel):
    """A label that wraps, asking for the height its lines take at the width it is given:
    a form gives a wrapping label the height of one line, and a dialog shown already kept
    its height, the rest of the label under its buttons. Asked for, the dialog grows."""

    def __init__(self):
        super().__init__()
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        # (hidden, its width is none the layout gave it)
        high = self.heightForWidth(self.width()) if self.text() and self.isVisible() else 0
        if high != self.minimumHeight():
            self.setMinimumHeight(max(high, 0))


class PostgresMasterDialog(QDialog):
    """Pick a saved PostgreSQL connection and the schema holding the master: the schemas of
    its database holding one offered, another typed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Open a PostgreSQL master"))
        # (wide enough that why the schemas were not read is a few lines, not a column)
        self.setMinimumWidth(70 * self.fontMetrics().averageCharWidth())
        self.connections = saved_connections()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        # (drop-downs a wheel passing over them never turns: a value changes by a click or
        # a key)
        self.connection = Combo()
        self.connection.addItems(sorted(self.connections))
        form.addRow(tr("Connection"), self.connection)
        self.schema = Combo()
        # (a schema not offered is typed: one whose schemas were not read, or not yet made
        # a master's; opening it says what it holds)
        self.schema.setEditable(True)
        self.schema.setInsertPolicy(QComboBox.NoInsert)
        self.schema.setMinimumContentsLength(24)
        form.addRow(tr("Schema"), self.schema)
        self.schemas_said = _Wrapped()
        self.schemas_said.setTextFormat(Qt.PlainText)
        self.schemas_said.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.schemas_said.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.schemas_said.hide()
        form.addRow("", self.schemas_said)
        layout.addLayout(form)
        if not self.connections:
            none = QLabel(tr(
                "QGIS has no saved PostgreSQL connection: add one in Layer → Data Source "
                "Manager → PostgreSQL first."))
            none.setWordWrap(True)  # (on one line, cut at a small screen's width)
            layout.addWidget(none)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.connections))
        add_help(buttons)  # (what a database holding no master is told to see)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.connection.currentTextChanged.connect(self.read_schemas)
        self.read_schemas(self.connection.currentText())

    def read_schemas(self, name: str) -> None:
        """The schemas of ``name``'s database holding a master offered, the one opened
        last through it chosen; where they cannot be read, why, beside the box."""
        uri = self.connections.get(name)
        last = opened_schema(name) if name else None
        self.schema.clear()
        self.schema.setEditText(last or DEFAULT_SCHEMA)
        self._said("")
        if uri is None:
            return
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            there = masters_of(uri)
        except SyncError as e:
            self._said(schemas_not_read(uri, e), refused=True)
            return
        finally:
            QApplication.restoreOverrideCursor()
        found = there.usable
        if not found and there.refused:  # a master there, not given to this role: no init
            self._said(not_given_said(there), refused=True)
            return
        if not found:
            self._said(tr("No schema of database {database} holds a master you may open: "
                          "publish one with field-kit init (see Help).").format(
                database=there.database), refused=True)
            return
        self.schema.addItems(found)
        self.schema.setCurrentIndex(max(self.schema.findText(last or ""), 0))

    def _said(self, text: str, refused: bool = False) -> None:
        self.schemas_said.setText(text)
        self.schemas_said.setStyleSheet(MESSAGE_STYLE if refused else "")
        self.schemas_said.setVisible(bool(text))

    def chosen(self) -> tuple[QgsDataSourceUri, str] | None:
        """(connection, master address) picked, or None."""
        name = self.connection.currentText()
        if name not in self.connections:
            return None
        uri = self.connections[name]
        return uri, master_address(uri, self.schema_chosen(),
                                   remember=False)  # (remembered once it opened)

    def schema_chosen(self) -> str:
        return self.schema.currentText().strip() or DEFAULT_SCHEMA

    def opened(self) -> None:
        """The master chosen was opened: its schema is offered first next time."""
        remember_opened(self.connection.currentText(), self.schema_chosen())


def in_project(master: str, project: QgsProject | None = None) -> list[QgsVectorLayer]:
    key = master_key(master)
    project = project or QgsProject.instance()
    return [layer for layer in project.mapLayers().values()
            if isinstance(layer, QgsVectorLayer) and layer_master(layer) == key]
