# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit`` stopped (Ctrl-C, SIGTERM) while it loads, before any command began, says
it was stopped and that nothing was committed, in the user's language, with the signal's
exit code: no traceback, and not a silent end either. So do ``python -m field_kit``,
``python -m field_kit.cli`` and the script the package installs."""

import os
import re
import signal
import subprocess
import sys

import pytest

from field_kit import errors
from tests.unit.gpkg_factory import make_gpkg

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# the process sends itself ``SIG`` as it is about to import ``module``, then ``run`` starts
# field-kit as the user does
_STOPPED_LOADING = """
import os, runpy, signal, sys
class Stop:
    def find_spec(self, name, path, target=None):
        if name == {module!r}:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.{sig})
        return None
sys.meta_path.insert(0, Stop())
{run}
"""


def _script() -> str:
    """What the ``field-kit`` script installed from pyproject.toml runs."""
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as f:
        module, function = re.search(r'^field-kit = "([\w.]+):(\w+)"$', f.read(),
                                     re.MULTILINE).groups()
    return f"from {module} import {function}\nsys.exit({function}())"


RUNS = {
    "python -m field_kit": "runpy.run_module('field_kit', run_name='__main__', alter_sys=True)",
    "python -m field_kit.cli": "runpy.run_module('field_kit.cli', run_name='__main__', "
                               "alter_sys=True)",
    "field-kit": _script(),
}

SAID = {
    signal.SIGINT: (errors.INTERRUPTED, ["interrupted (Ctrl-C); nothing was committed",
                                         "已中断（Ctrl-C）；未提交任何更改"]),
    signal.SIGTERM: (errors.TERMINATED, ["stopped (SIGTERM); nothing was committed",
                                         "已被终止（SIGTERM）；未提交任何更改"]),
}


def _stopped(tmp_path, run: str, module: str, sig: signal.Signals):
    master = make_gpkg(tmp_path / "master.gpkg", patches=2, tables=("mine_patches",))
    code = _STOPPED_LOADING.format(module=module, sig=sig.name, run=RUNS[run])
    return subprocess.run([sys.executable, "-c", code, "status", str(master)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FIELD_KIT_LANG": "zh_CN.UTF-8"})


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("run", list(RUNS))
def test_stopped_while_loading_says_nothing_was_committed(tmp_path, run, sig):
    # (stopped as the messages themselves load: they are what says it in Chinese)
    done = _stopped(tmp_path, run, "field_kit.messages_zh", sig)
    code, said = SAID[sig]
    assert done.returncode == code, done.stderr
    assert done.stderr.splitlines() == [f"field-kit: {line}" for line in said]
    assert done.stdout == ""


@pytest.mark.parametrize("module", ["field_kit.sync.masters", "field_kit.cli.reports"])
def test_stopped_later_in_loading_says_so_too(tmp_path, module):
    """Stopped as the sync loads, or as the command line reads its arguments (its commands
    of the reports loaded then), before its command takes the signals itself."""
    done = _stopped(tmp_path, "field-kit", module, signal.SIGINT)
    code, said = SAID[signal.SIGINT]
    assert done.returncode == code, done.stderr
    assert done.stderr.splitlines() == [f"field-kit: {line}" for line in said]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("run", list(RUNS))
@pytest.mark.parametrize("module", ["field_kit.errors", "typing", "field_kit.__about__"])
def test_stopped_as_its_first_modules_load_says_so_too(tmp_path, run, module, sig):
    """Stopped a moment after it started, as the first modules it needs load (the exit
    codes, the standard library's typing): said, not a traceback, nor SIGTERM's silent end."""
    done = _stopped(tmp_path, run, module, sig)
    code, said = SAID[sig]
    assert done.returncode == code, done.stderr
    assert done.stderr.splitlines() == [f"field-kit: {line}" for line in said]
    assert done.stdout == ""


# as the process loads ``module``, a stop comes while Python runs code it made from a string
# (the ``__init__`` a dataclass or a named tuple gets), which leaves CPython's mark of a Ctrl-C
# not handled
_STOPPED_IN_CODE_FROM_A_STRING = """
import os, signal, sys
class Stop:
    def find_spec(self, name, path, target=None):
        if name == {module!r}:
            sys.meta_path.remove(self)
            exec("os.kill(os.getpid(), signal.{sig})\\nfor _ in range(1000): pass",
                 {{"os": os, "signal": signal}})
        return None
sys.meta_path.insert(0, Stop())
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("module", ["field_kit", "field_kit.cli"])
def test_stopped_in_code_made_from_a_string_ends_with_its_own_exit_code(tmp_path, module, sig):
    """``python -m field_kit`` stopped so ends with the signal's exit code (143 for SIGTERM),
    not killed by SIGINT after saying so."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=2, tables=("mine_patches",))
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(_STOPPED_IN_CODE_FROM_A_STRING.format(
        module="field_kit.sync.masters", sig=sig.name))
    done = subprocess.run([sys.executable, "-m", module, "status", str(master)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FIELD_KIT_LANG": "zh_CN.UTF-8",
                               "PYTHONPATH": os.pathsep.join([ROOT, str(hook)])})
    code, said = SAID[sig]
    assert done.returncode == code, done.stderr
    assert done.stderr.splitlines() == [f"field-kit: {line}" for line in said]
