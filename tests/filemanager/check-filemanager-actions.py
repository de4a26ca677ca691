#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The file managers' "Show Previous Versions" actions of resources/filemanager/, as the file managers read them.

    check-filemanager-actions.py --source resources/filemanager   the files in the tree (ctest)
    check-filemanager-actions.py --installed /                    the files where holdfast-gui's package put them

Each file is parsed strictly (groups, keys, localized keys, escapes), its keys are checked against what its file
manager needs (local files only, one path, the app's icon, a German name), and its Exec line is expanded the way its
file manager expands it, for a path full of shell characters, then split into arguments the way that file manager
splits it: the result must be exactly holdfast-gui --versions PATH. The service menu's Exec is also given to
desktop-file-validate (the .desktop files themselves are not Application entries, which is all it validates). The
Nautilus extension is byte-compiled and, where Nautilus' introspection data is installed (python3-nautilus), loaded
against the real API: its menu items are asked for, in English and German, and one is activated with a stand-in
holdfast-gui on PATH that records its arguments.
Exits 0 when everything holds, 1 otherwise; prints what was checked and what was not.
"""
import argparse
import json
import os
import py_compile
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import textwrap

COMMAND = ["holdfast-gui", "--versions"]
ICON = "holdfast"
# Spaces, both quotes, the shell's specials, a backslash, a percent sign and non-ASCII: whatever a file manager
# fails to quote breaks this path into pieces or changes it.
HOSTILE_PATH = "/tank/home/a b/it's \"x\" $HOME `id` \\n;&|<>*?[a]~#%f {c}/Übersicht.txt"

# name in the source tree -> where holdfast-gui's package installs it (relative to the root).
FILES = {
    "dolphin/holdfast-versions.desktop": "usr/share/kio/servicemenus/holdfast-versions.desktop",
    "caja/holdfast-versions.desktop": "usr/share/file-manager/actions/holdfast-versions.desktop",
    "nemo/holdfast-versions.nemo_action": "usr/share/nemo/actions/holdfast-versions.nemo_action",
    "nemo/holdfast-versions-folder.nemo_action": "usr/share/nemo/actions/holdfast-versions-folder.nemo_action",
    "nautilus/holdfast_versions.py": "usr/share/nautilus-python/extensions/holdfast_versions.py",
}


class Failures:
    def __init__(self):
        self.count = 0

    def fail(self, where, message):
        self.count += 1
        print(f"FAIL: {where}: {message}")

    def check(self, condition, where, message):
        if not condition:
            self.fail(where, message)
        return condition


def ok(message):
    print(f"ok: {message}")


def note(message):
    print(f"note: {message}")


# --- Key files (Desktop Entry Specification §3; GKeyFile and KConfig read the same syntax) ---------------------------

KEY_RE = re.compile(r"^([A-Za-z0-9-]+)(\[([A-Za-z]{2,3}(_[A-Z]{2})?(\.[A-Za-z0-9-]+)?(@[A-Za-z]+)?)\])?$")


class KeyFile:
    """Groups in order, each a dict of key (with its [locale]) -> raw value. Parse errors are collected, not raised."""

    def __init__(self, path):
        self.path = path
        self.groups = {}
        self.errors = []
        try:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.errors.append(f"cannot read it as UTF-8: {error}")
            return
        group = None
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("["):
                name = line[1:-1] if line.endswith("]") else None
                if not name or "[" in name or "]" in name:
                    self.errors.append(f"line {number}: not a group header: {line!r}")
                elif name in self.groups:
                    self.errors.append(f"line {number}: group [{name}] appears twice")
                else:
                    group = self.groups[name] = {}
                continue
            key, equals, value = line.partition("=")
            key = key.rstrip()
            if not equals:
                self.errors.append(f"line {number}: neither a group, a key nor a comment: {line!r}")
            elif group is None:
                self.errors.append(f"line {number}: key {key!r} before the first group")
            elif not KEY_RE.match(key):
                self.errors.append(f"line {number}: {key!r} is not a key name (with an optional [locale])")
            elif key in group:
                self.errors.append(f"line {number}: key {key} appears twice in its group")
            elif value != value.strip() and key != "Separator":
                self.errors.append(f"line {number}: {key} has white space around its value")
            else:
                try:
                    group[key] = unescape(value)
                except ValueError as error:
                    self.errors.append(f"line {number}: {key}: {error}")


def unescape(value):
    """A string value's escapes (§4): \\s \\n \\t \\r \\\\; \\; stays, for lists."""
    out = []
    i = 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            if i + 1 == len(value):
                raise ValueError("ends in a lone backslash")
            n = value[i + 1]
            mapped = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\", ";": "\\;"}.get(n)
            if mapped is None:
                raise ValueError(f"unknown escape \\{n}")
            out.append(mapped)
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def as_list(value):
    """A list value: items separated by ';', the last one optionally terminated."""
    items = re.split(r"(?<!\\);", value)
    if items and items[-1] == "":
        items.pop()
    return [item.replace("\\;", ";") for item in items]


# --- How each file manager turns an Exec line into arguments ----------------------------------------------------------

RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def split_desktop_exec(exec_line):
    """The Desktop Entry Specification's Exec rules (KIO's KService follows them): arguments separated by spaces, a
    double-quoted argument may hold reserved characters with \\" \\` \\$ \\\\ escaped, reserved characters elsewhere
    are an error. Returns (argument, was quoted) pairs."""
    args = []
    i = 0
    while i < len(exec_line):
        if exec_line[i] == " ":
            i += 1
            continue
        if exec_line[i] == '"':
            j = i + 1
            arg = []
            while j < len(exec_line) and exec_line[j] != '"':
                if exec_line[j] == "\\":
                    if j + 1 == len(exec_line) or exec_line[j + 1] not in '"`$\\':
                        raise ValueError(f"a backslash in a quoted argument must escape \" ` $ or \\: {exec_line!r}")
                    j += 1
                elif exec_line[j] in "`$":
                    raise ValueError(f"unescaped {exec_line[j]} in a quoted argument: {exec_line!r}")
                arg.append(exec_line[j])
                j += 1
            if j == len(exec_line):
                raise ValueError(f"unterminated quote: {exec_line!r}")
            args.append(("".join(arg), True))
            i = j + 1
        else:
            j = i
            while j < len(exec_line) and exec_line[j] != " ":
                if exec_line[j] in RESERVED:
                    raise ValueError(f"reserved character {exec_line[j]!r} outside quotes: {exec_line!r}")
                j += 1
            args.append((exec_line[i:j], False))
            i = j
    return args


def kio_argv(exec_line, path):
    """KIO (KIO::DesktopExecParser): a field code is expanded only in an unquoted argument (the specification forbids
    one inside quotes, and KIO would pass it on literally), and the file name becomes one argument."""
    argv = []
    for arg, quoted in split_desktop_exec(exec_line):
        if quoted and re.search(r"%[fFuU]", arg):
            raise ValueError(f"field code inside a quoted argument: {exec_line!r}")
        if not quoted and arg in ("%f", "%F"):
            argv.append(path)
        elif not quoted and "%" in arg.replace("%%", ""):
            raise ValueError(f"a field code that is not a whole argument: {arg!r}")
        else:
            argv.append(arg.replace("%%", "%"))
    return argv


def g_shell_quote(text):
    # GLib's g_shell_quote: one single-quoted word, ' written as '\''.
    return "'" + text.replace("'", "'\\''") + "'"


def caja_argv(exec_line, path):
    """caja-actions (src/core/na-tokens.c, parse_singular with quoted=TRUE): every %f in the line is replaced by
    g_shell_quote(path), wherever it is, then g_shell_parse_argv splits the line."""
    if re.search(r"%[^%f]", exec_line.replace("%%", "")):
        raise ValueError(f"a parameter other than %f: {exec_line!r}")
    return shlex.split(re.sub(r"%([%f])", lambda m: "%" if m.group(1) == "%" else g_shell_quote(path), exec_line))


def nemo_path(path, quote):
    # nemo-action.c get_path() and insert_quote() (Nemo 5.6, Debian 12; the same since).
    if quote == "double":
        return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if quote == "single":
        return "'" + path.replace("'", "'\\''") + "'"
    raise ValueError(f"Quote={quote!r}: without double or single quotes, Nemo before 5.6 splits paths at spaces")


def nemo_argv(exec_line, path, quote):
    """Nemo: %F (the selection, or the folder shown when nothing is selected) and %P (the folder shown) are replaced
    by the quoted path, then g_shell_parse_argv splits the line."""
    if re.search(r"%[^%FP]", exec_line.replace("%%", "")):
        raise ValueError(f"a token other than %F or %P: {exec_line!r}")
    quoted = nemo_path(path, quote)
    return shlex.split(re.sub(r"%([%FP])", lambda m: "%" if m.group(1) == "%" else quoted, exec_line))


# --- The files --------------------------------------------------------------------------------------------------------


def check_translated(failures, where, group, key):
    english, german = group.get(key, ""), group.get(f"{key}[de]", "")
    if failures.check(english, where, f"no {key}") and failures.check(german, where, f"no {key}[de]"):
        failures.check(german != english, where, f"{key}[de] is the English text")


def check_exec(failures, where, argv_of, exec_line):
    try:
        argv = argv_of(exec_line, HOSTILE_PATH)
    except ValueError as error:
        failures.fail(where, f"Exec={exec_line}: {error}")
        return
    if failures.check(argv == COMMAND + [HOSTILE_PATH], where,
                      f"Exec={exec_line} runs {argv!r}, not {COMMAND + [HOSTILE_PATH]!r}"):
        ok(f"{where}: Exec={exec_line} gives holdfast-gui --versions and the path as one argument")


def check_dolphin(failures, where, keys):
    entry = keys.groups.get("Desktop Entry", {})
    failures.check(entry.get("Type") == "Service", where, "Type is not Service")
    failures.check("KonqPopupMenu/Plugin" in entry.get("X-KDE-ServiceTypes", "").split(","), where,
                   "X-KDE-ServiceTypes lacks KonqPopupMenu/Plugin (KF5)")
    failures.check("all/all" in as_list(entry.get("MimeType", "")), where, "MimeType lacks all/all (files and folders)")
    failures.check(entry.get("X-KDE-Protocols") == "file", where, "X-KDE-Protocols is not file (local files only)")
    failures.check(entry.get("X-KDE-RequiredNumberOfUrls") == "1", where, "X-KDE-RequiredNumberOfUrls is not 1")
    actions = as_list(entry.get("Actions", ""))
    action_groups = [name for name in keys.groups if name.startswith("Desktop Action ")]
    failures.check(actions and sorted(f"Desktop Action {a}" for a in actions) == sorted(action_groups), where,
                   f"Actions={actions} and the groups {action_groups} differ")
    for name in action_groups:
        group = keys.groups[name]
        at = f"{where} [{name}]"
        check_translated(failures, at, group, "Name")
        failures.check(group.get("Icon") == ICON, at, f"Icon is not {ICON}")
        check_exec(failures, at, kio_argv, group.get("Exec", ""))
        desktop_file_validate(failures, at, group)


def check_caja(failures, where, keys):
    entry = keys.groups.get("Desktop Entry", {})
    failures.check(entry.get("Type") == "Action", where, "Type is not Action")
    check_translated(failures, where, entry, "Name")
    check_translated(failures, where, entry, "Tooltip")
    failures.check(entry.get("Icon") == ICON, where, f"Icon is not {ICON}")
    failures.check(entry.get("TargetContext", "true") == "true", where, "TargetContext is not true")
    profiles = as_list(entry.get("Profiles", ""))
    failures.check(profiles, where, "no Profiles")
    for profile in profiles:
        at = f"{where} [X-Action-Profile {profile}]"
        group = keys.groups.get(f"X-Action-Profile {profile}")
        if not failures.check(group is not None, where, f"profile {profile} has no group"):
            continue
        failures.check(as_list(group.get("Schemes", "")) == ["file"], at, "Schemes is not file; (local files only)")
        failures.check("all/all" in as_list(group.get("MimeTypes", "")), at, "MimeTypes lacks all/all")
        failures.check(group.get("SelectionCount") == "=1", at, "SelectionCount is not =1")
        check_exec(failures, at, caja_argv, group.get("Exec", ""))


def check_nemo(failures, where, keys):
    if not failures.check(list(keys.groups) == ["Nemo Action"], where, "the only group is not [Nemo Action]"):
        return
    group = keys.groups["Nemo Action"]
    check_translated(failures, where, group, "Name")
    check_translated(failures, where, group, "Comment")
    failures.check(group.get("Icon-Name") == ICON, where, f"Icon-Name is not {ICON}")
    failures.check(group.get("UriScheme") == "file", where, "UriScheme is not file (local folders only)")
    failures.check(as_list(group.get("Extensions", "")) == ["any"], where, "Extensions is not any; (files and folders)")
    failures.check("holdfast-gui" in as_list(group.get("Dependencies", "")), where,
                   "Dependencies lacks holdfast-gui")
    exec_line = group.get("Exec", "")
    # One selected path (%F with Selection=s), or the folder shown (%P with nothing selected).
    selection = {"%F": "s", "%P": "none"}.get(next((t for t in ("%F", "%P") if t in exec_line), ""))
    failures.check(selection and group.get("Selection") == selection, where,
                   f"Selection={group.get('Selection')} does not go with Exec={exec_line}")
    check_exec(failures, where, lambda line, path: nemo_argv(line, path, group.get("Quote")), exec_line)


def desktop_file_validate(failures, where, action):
    """The action's Exec, Name and Icon as a plain Application entry, the only kind desktop-file-validate knows."""
    tool = shutil.which("desktop-file-validate")
    if not tool:
        note(f"{where}: desktop-file-validate is not installed (desktop-file-utils): not run")
        return
    lines = ["[Desktop Entry]", "Type=Application"]
    lines += [f"{key}={action[key]}" for key in ("Name", "Name[de]", "Icon", "Exec") if key in action]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "holdfast-versions-action.desktop")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        result = subprocess.run([tool, path], capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if failures.check(result.returncode == 0 and not output, where, f"desktop-file-validate: {output}"):
        ok(f"{where}: desktop-file-validate accepts its Exec, Name and Icon")


# --- The Nautilus extension -----------------------------------------------------------------------------------------

# Runs in a child process per language (GLib reads the locale environment once): loads the extension from its
# file, asks for its items as Nautilus 43 does, and prints what it got as JSON; activates the first item when asked.
NAUTILUS_PROBE = textwrap.dedent("""
    import importlib.util, json, sys
    sys.dont_write_bytecode = True  # no __pycache__ beside an installed extension
    import gi
    gi.require_version("Nautilus", "4.0")
    from gi.repository import Gio, Nautilus

    spec = importlib.util.spec_from_file_location("holdfast_versions", sys.argv[1])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    providers = [c for c in vars(module).values()
                 if isinstance(c, type) and issubclass(c, Nautilus.MenuProvider) and c is not Nautilus.MenuProvider]
    assert len(providers) == 1, f"expected one Nautilus.MenuProvider, found {providers}"
    provider = providers[0]()

    class FileInfo:  # the part of Nautilus.FileInfo the extension may call
        def __init__(self, scheme, location):
            self.scheme = scheme
            self.location = location
        def get_uri_scheme(self):
            return self.scheme
        def get_location(self):
            return self.location
        def get_uri(self):
            return self.location.get_uri()
        def get_name(self):
            return self.location.get_basename()
        def is_directory(self):
            return False

    local = FileInfo("file", Gio.File.new_for_path(sys.argv[2]))
    # A remote file has a local path too where gvfs mounts it through FUSE: it must still get no item.
    remote = FileInfo("sftp", Gio.File.new_for_path("/run/user/1000/gvfs/sftp:host=host.invalid/tank/home/a"))
    def describe(items):
        return [{"label": i.props.label, "tip": i.props.tip, "icon": i.props.icon} for i in items]
    out = {
        "one local": describe(provider.get_file_items([local])),
        "two local": describe(provider.get_file_items([local, local])),
        "none": describe(provider.get_file_items([])),
        "one remote": describe(provider.get_file_items([remote])),
        "background local": describe(provider.get_background_items(local)),
        "background remote": describe(provider.get_background_items(remote)),
    }
    if len(sys.argv) > 3:
        provider.get_file_items([local])[0].activate()
    print(json.dumps(out))
""")


def check_nautilus(failures, where, path):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            py_compile.compile(path, cfile=os.path.join(tmp, "extension.pyc"), doraise=True)
            ok(f"{where}: python3 -m py_compile")
        except py_compile.PyCompileError as error:
            failures.fail(where, f"does not compile: {error.msg}")
            return
    probe = subprocess.run([sys.executable, "-c", "import gi; gi.require_version('Nautilus', '4.0'); "
                            "from gi.repository import Nautilus"], capture_output=True, text=True)
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["no reason given"])[-1]
        note(f"{where}: Nautilus 4.0's introspection data is not installed (python3-nautilus): "
             f"the extension was compiled but not run ({reason})")
        return

    with tempfile.TemporaryDirectory() as tmp:
        record = os.path.join(tmp, "argv")
        fake = os.path.join(tmp, "holdfast-gui")
        with open(fake, "w") as f:
            f.write(f"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > {shlex.quote(record)}.part\n"
                    f"mv {shlex.quote(record)}.part {shlex.quote(record)}\n")
        os.chmod(fake, 0o755)
        results = {}
        for language in ("C", "de"):
            # A desktop session's locale: LANG alone.
            env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
            env.update(LANG="C.UTF-8" if language == "C" else "de_DE.UTF-8",
                       PATH=tmp + os.pathsep + os.environ.get("PATH", ""))
            activate = ["activate"] if language == "C" else []
            args = [sys.executable, "-c", NAUTILUS_PROBE, path, HOSTILE_PATH] + activate
            run = subprocess.run(args, capture_output=True, text=True, env=env)
            if not failures.check(run.returncode == 0, where, f"the extension fails under Nautilus' API: {run.stderr}"):
                return
            results[language] = json.loads(run.stdout.strip().splitlines()[-1])
        for language, expected_label in (("C", "Show Previous Versions"), ("de", "Frühere Versionen anzeigen")):
            got = results[language]
            one = got["one local"]
            failures.check(len(one) == 1 and one[0]["label"] == expected_label and one[0]["icon"] == ICON, where,
                           f"{language}: one local file gives {one}, not one item {expected_label!r} with icon {ICON}")
            failures.check(len(got["background local"]) == 1 and got["background local"][0]["icon"] == ICON, where,
                           f"{language}: a local folder's background gives {got['background local']}")
            for case in ("two local", "none", "one remote", "background remote"):
                failures.check(got[case] == [], where, f"{language}: {case} gives items: {got[case]}")
        failures.check(results["C"]["background local"][0]["label"] != results["de"]["background local"][0]["label"],
                       where, "the background item is not translated")
        for _ in range(100):  # GLib starts the stand-in detached: wait for its record
            if os.path.exists(record):
                break
            subprocess.run(["sleep", "0.05"])
        if failures.check(os.path.exists(record), where, "activating the item started no holdfast-gui"):
            with open(record, "rb") as f:
                argv = f.read().decode("utf-8").split("\0")[:-1]
            if failures.check(argv == COMMAND[1:] + [HOSTILE_PATH], where,
                              f"activating the item ran holdfast-gui {argv!r}"):
                ok(f"{where}: items for one local file and a local folder's background, in English and German, "
                   "none for remote files or several; activating runs holdfast-gui --versions PATH")


# --- Main -------------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--source", help="resources/filemanager of the source tree")
    where.add_argument("--installed", help="the root the packages were installed to")
    options = parser.parse_args()

    failures = Failures()
    if options.source:
        paths = {name: os.path.join(options.source, name) for name in FILES}
        present = {os.path.relpath(os.path.join(d, f), options.source)
                   for d, _, files in os.walk(options.source) for f in files if "__pycache__" not in d}
        failures.check(present == set(FILES), options.source,
                       f"files here and in this test differ: {sorted(present ^ set(FILES))}")
    else:
        paths = {name: os.path.join(options.installed, target) for name, target in FILES.items()}

    for name, path in paths.items():
        if not failures.check(os.path.isfile(path), path, "missing"):
            continue
        if path.endswith(".py"):
            check_nautilus(failures, path, path)
            continue
        keys = KeyFile(path)
        for error in keys.errors:
            failures.fail(path, error)
        if keys.errors:
            continue
        before = failures.count
        {"dolphin": check_dolphin, "caja": check_caja, "nemo": check_nemo}[name.split("/")[0]](failures, path, keys)
        if failures.count == before:
            ok(f"{path}: keys as its file manager needs them")

    if failures.count:
        print(f"FAIL: {failures.count} problems")
        return 1
    print(f"PASS: {len(paths)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
