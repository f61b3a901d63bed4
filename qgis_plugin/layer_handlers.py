# SPDX-License-Identifier: GPL-2.0-or-later
"""Handlers the plugin connects to layers' signals, by layer id, until QGIS deletes the layer
or the plugin is unloaded (and its code perhaps replaced by another version's: handlers left
connected would run beside the new ones)."""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import QgsVectorLayer
from qgis.PyQt import sip


class LayerHandlers:
    """Each layer is held here with its handlers: its Python side is then never the
    collector's to clear (clearing it takes the connections made through it with it)."""

    def __init__(self, forgotten: Callable[[str], None] | None = None):
        self.layers: dict[str, QgsVectorLayer] = {}
        self._connections: dict[str, list] = {}
        self._forgotten = forgotten  # told each layer id let go

    def __contains__(self, layer_id: str) -> bool:
        return layer_id in self.layers

    def get(self, layer_id: str) -> QgsVectorLayer | None:
        """The layer, unless QGIS deleted it."""
        layer = self.layers.get(layer_id)
        return None if layer is None or sip.isdeleted(layer) else layer

    def connect(self, layer: QgsVectorLayer, handlers: list[tuple]) -> None:
        """Connect each (signal of ``layer``, handler) pair."""
        lid = layer.id()
        self.layers[lid] = layer
        self._connections[lid] = [(signal, signal.connect(handler))
                                  for signal, handler in handlers] + [
            (layer.willBeDeleted, layer.willBeDeleted.connect(lambda: self.forget(lid)))]

    def forget(self, layer_id: str) -> None:
        self.layers.pop(layer_id, None)
        self._connections.pop(layer_id, None)
        if self._forgotten is not None:
            self._forgotten(layer_id)

    def close(self) -> None:
        """Disconnect every handler; the layers stay as they are."""
        for lid in list(self.layers):
            if self.get(lid) is not None:
                for signal, connection in self._connections.get(lid, ()):
                    signal.disconnect(connection)
            self.forget(lid)
