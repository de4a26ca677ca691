# SPDX-License-Identifier: MIT
# Nautilus: "Show Previous Versions" in the context menu of one local file or folder, and of the background of a
# local folder, which opens `holdfast-gui --versions PATH`. Nautilus has no system-wide scripts directory, so this is
# a nautilus-python extension (Debian: python3-nautilus), loaded from /usr/share/nautilus-python/extensions. It is
# written for the API of Nautilus 43 and later (nautilus-python 4: get_file_items() without the window argument).
import gi

gi.require_version("Nautilus", "4.0")
from gi.repository import GLib, GObject, Nautilus  # noqa: E402 (after require_version, as PyGObject wants)

COMMAND = "holdfast-gui"

# Label and tooltip by language, for a selected file or folder and for the background of the folder shown, as the
# actions of the other file managers have them.
TEXTS = {
    "C": {
        "selection": ("Show Previous Versions", "Browse and restore earlier versions from ZFS snapshots"),
        "folder": (
            "Show Previous Versions of This Folder",
            "Browse and restore earlier versions of this folder from ZFS snapshots",
        ),
    },
    "de": {
        "selection": (
            "Frühere Versionen anzeigen",
            "Frühere Versionen aus ZFS-Snapshots ansehen und wiederherstellen",
        ),
        "folder": (
            "Frühere Versionen dieses Ordners anzeigen",
            "Frühere Versionen dieses Ordners aus ZFS-Snapshots ansehen und wiederherstellen",
        ),
    },
}


def texts(kind):
    # GLib's list follows LANGUAGE, LC_ALL, LC_MESSAGES and LANG as gettext does: "de_DE.UTF-8", ..., "de", "C".
    for name in GLib.get_language_names():
        if name in TEXTS:
            return TEXTS[name][kind]
    return TEXTS["C"][kind]


def local_path(file_info):
    """The local path of a Nautilus.FileInfo, or None for anything that is not on this machine's file systems."""
    if file_info.get_uri_scheme() != "file":
        return None
    return file_info.get_location().get_path()


class HoldfastVersionsMenu(GObject.GObject, Nautilus.MenuProvider):
    def get_file_items(self, files):
        # One path at a time: the versions window shows the history of one file or folder.
        if len(files) != 1:
            return []
        return self._items(files[0], "selection")

    def get_background_items(self, current_folder):
        # The folder shown: where a file that was deleted can be found again.
        return self._items(current_folder, "folder")

    def _items(self, file_info, kind):
        path = local_path(file_info)
        if path is None:
            return []
        label, tip = texts(kind)
        item = Nautilus.MenuItem(name=f"Holdfast::ShowPreviousVersions::{kind}", label=label, tip=tip, icon="holdfast")
        item.connect("activate", self._show_versions, path)
        return [item]

    def _show_versions(self, _item, path):
        # An argument vector, not a command line: no quoting of the path can go wrong. Without DO_NOT_REAP_CHILD
        # GLib reaps the child itself, so Nautilus collects no zombies.
        try:
            GLib.spawn_async([COMMAND, "--versions", path], flags=GLib.SpawnFlags.SEARCH_PATH)
        except GLib.Error as error:
            print(f"holdfast: cannot start {COMMAND} --versions {path!r}: {error.message}", flush=True)
