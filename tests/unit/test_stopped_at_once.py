# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit`` stopped at once (Ctrl-C, or SIGTERM from a script or a service manager),
whenever the stop comes once the process has taken the signals, ends with the signal's exit
code and says so without a traceback, and leaves the master whole. A stop as the command
ends says what it did; one once the command is through (as Python ends) changes nothing of
its end; a stop Python could not raise where it came (in a weak reference's callback:
CPython prints "Exception ignored" there and goes on) is raised again."""

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from field_kit import errors
from tests.unit.gpkg_factory import merge_to_make

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CODES = {signal.SIGINT: errors.INTERRUPTED, signal.SIGTERM: errors.TERMINATED}
SAID = {signal.SIGINT: "interrupted (Ctrl-C)", signal.SIGTERM: "stopped (SIGTERM)"}


@pytest.fixture(scope="module")
def merge_made(tmp_path_factory):
    return merge_to_make(tmp_path_factory.mktemp("at-once"), 300)


def _sha(path) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _taken(pid: int) -> bool:
    """Whether the process has a handler of its own for SIGTERM (Python has one for SIGINT
    from its start)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            caught = next(line for line in f if line.startswith("SigCgt:"))
    except (OSError, StopIteration):
        return False
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)))


def _whole(master, before: str, err: str, out_pkg) -> None:
    """The master whole; untouched, and no package, where the command said it committed
    nothing."""
    assert not os.path.exists(str(master) + "-journal")
    conn = sqlite3.connect(master)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    if "nothing was committed" in err:
        assert _sha(master) == before
        assert not os.path.exists(out_pkg)


# (stops once the process took the signals: denser where it loads, the first moments)
TRIES = [(("status", "merge", "checkout")[k % 3], (signal.SIGINT, signal.SIGTERM)[k // 3 % 2],
          0.25 * (k / 35) ** 2) for k in range(36)]


@pytest.mark.skipif(not os.path.exists(f"/proc/{os.getpid()}/status"),
                    reason="reads /proc to see the signals taken")
def test_stopped_at_any_moment_ends_with_the_signals_code_and_no_traceback(merge_made,
                                                                           tmp_path):
    source, zipped = merge_made
    ended = []
    for n, (command, sig, delay) in enumerate(TRIES):
        master = tmp_path / f"master{n}.gpkg"
        shutil.copyfile(source, master)
        before = _sha(master)
        out_pkg = tmp_path / f"device{n}.gpkg"
        args = {"status": [str(master)], "merge": [str(master), str(zipped)],
                "checkout": [str(master), str(out_pkg), "--device", f"tab-{n}"]}[command]
        proc = subprocess.Popen([sys.executable, "-m", "field_kit", command, *args], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while not _taken(proc.pid) and proc.poll() is None:
            time.sleep(0.0002)
        time.sleep(delay)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=120)
        what = f"{command} stopped by {sig.name} {delay * 1000:.0f} ms in: {err}"
        assert "Traceback" not in err and "Exception ignored" not in err, what
        if proc.returncode == 0:  # (done before the stop came: it is too late to stop it)
            assert SAID[sig] not in err, what
        else:
            assert proc.returncode == CODES[sig], what
            assert f"field-kit: {SAID[sig]}" in err, what
            ended.append(delay)
        _whole(master, before, err, out_pkg)
    assert len(ended) > len(TRIES) // 2  # (stopped, most of them: not all done first)


# the process is sent ``SIG`` inside a weak reference's callback, as it imports ``module``
# (as it loads) or as the command first opens a database (as it runs)
# the process sent ``SIG`` by itself inside a weak reference's callback
_STOP_IN_A_CALLBACK = """
import os, signal, sys, weakref
def stop_in_a_callback():
    class Gone:
        pass
    def callback(ref):
        os.kill(os.getpid(), signal.{sig})
        for _ in range(1000):
            pass
    gone = Gone()
    kept = weakref.ref(gone, callback)
    del gone
"""
_STOPPED_IN_A_CALLBACK = _STOP_IN_A_CALLBACK + """
class Stop:
    def find_spec(self, name, path, target=None):
        if name == {module!r}:
            sys.meta_path.remove(self)
            stop_in_a_callback()
        return None
if {module!r}:
    sys.meta_path.insert(0, Stop())
connected = []
def audit(event, args):
    if event == "sqlite3.connect" and {on_connect} and not connected:
        connected.append(args)
        stop_in_a_callback()
sys.addaudithook(audit)
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize(("module", "on_connect"), [("field_kit.sync.masters", False),
                                                   ("", True)], ids=["loading", "running"])
def test_a_stop_lost_in_a_callback_is_raised_again(merge_made, tmp_path, module, on_connect,
                                                    sig):
    source, zipped = merge_made
    master = tmp_path / "master.gpkg"
    shutil.copyfile(source, master)
    before = _sha(master)
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(_STOPPED_IN_A_CALLBACK.format(
        sig=sig.name, module=module, on_connect=on_connect))
    done = subprocess.run([sys.executable, "-m", "field_kit", "merge", str(master),
                           str(zipped)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FIELD_KIT_LANG": "zh_CN.UTF-8",
                               "PYTHONPATH": os.pathsep.join([ROOT, str(hook)])})
    assert done.returncode == CODES[sig], done.stderr
    assert done.stderr.splitlines()[0] == f"field-kit: {SAID[sig]}; nothing was committed"
    assert "Exception ignored" not in done.stderr
    assert _sha(master) == before


# ``field-kit`` as installed, its command sent ``SIG`` as it returns, its outcome said
_STOPPED_AS_IT_ENDS = """
import os, signal, sys
from field_kit.cli import commands, process
real = commands._run
def run(args):
    done = real(args)
    os.kill(os.getpid(), signal.{sig})
    return done
commands._run = run
sys.exit(process.main())
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stop_as_the_command_ends_says_what_it_did(merge_made, tmp_path, sig):
    """Not that nothing was committed: the merge is in the master."""
    source, zipped = merge_made
    master = tmp_path / "master.gpkg"
    shutil.copyfile(source, master)
    done = subprocess.run([sys.executable, "-c", _STOPPED_AS_IT_ENDS.format(sig=sig.name),
                           "merge", str(master), str(zipped)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == CODES[sig], done.stderr
    assert done.stderr.splitlines() == [
        # (this master has no code lists: the merge says so first)
        "field-kit: warning: mine_patches: the values merged into phase could not be checked "
        "against their code lists: the master has no table code_lists; merged as given: check "
        "them",
        f"field-kit: {SAID[sig]} after its changes were committed: `field-kit merge` is done "
        f"in {master}; run `field-kit status` on it to see what it holds"]


# ``field-kit`` as installed, sent ``SIG`` as its command takes the signals from the process
_STOPPED_AS_THE_COMMAND_TAKES_THEM = """
import os, signal, sys
from field_kit.cli import process
getsignal = signal.getsignal
def stop_first(signum):
    signal.getsignal = getsignal
    os.kill(os.getpid(), signal.{sig})
    for _ in range(1000):
        pass
    return getsignal(signum)
signal.getsignal = stop_first
sys.exit(process.main())
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stop_as_the_command_takes_the_signals_is_said_as_the_signal_it_was(merge_made,
                                                                              tmp_path, sig):
    """SIGTERM, not Ctrl-C, though the process's own handler heard it."""
    source, zipped = merge_made
    master = tmp_path / "master.gpkg"
    shutil.copyfile(source, master)
    before = _sha(master)
    done = subprocess.run([sys.executable, "-c",
                           _STOPPED_AS_THE_COMMAND_TAKES_THEM.format(sig=sig.name), "merge",
                           str(master), str(zipped)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == CODES[sig], done.stderr
    assert done.stderr.splitlines() == [f"field-kit: {SAID[sig]}; nothing was committed"]
    assert _sha(master) == before


# ``field-kit`` as installed, sent ``SIG`` as it loads, while Python names a class's fields
# (a dataclass's ``field()``: Python 3.11 turns what is raised there into a RuntimeError)
_STOPPED_AS_A_CLASS_IS_MADE = """
import dataclasses, os, signal, sys
set_name = dataclasses.Field.__set_name__
def stop_first(self, owner, name):
    dataclasses.Field.__set_name__ = set_name
    os.kill(os.getpid(), signal.{sig})
    for _ in range(1000):
        pass
    set_name(self, owner, name)
dataclasses.Field.__set_name__ = stop_first
from field_kit.cli import process
sys.exit(process.main())
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stop_as_a_class_is_made_is_said_not_a_traceback(merge_made, tmp_path, sig):
    source, zipped = merge_made
    master = tmp_path / "master.gpkg"
    shutil.copyfile(source, master)
    before = _sha(master)
    done = subprocess.run([sys.executable, "-c", _STOPPED_AS_A_CLASS_IS_MADE.format(sig=sig.name),
                           "merge", str(master), str(zipped)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == CODES[sig], done.stderr
    assert done.stderr.splitlines() == [f"field-kit: {SAID[sig]}; nothing was committed"]
    assert _sha(master) == before


# ``field-kit`` as installed, sent ``SIG`` as Python ends it, once its command is through
_STOPPED_AS_PYTHON_ENDS = """
import atexit, os, signal, sys
from field_kit.cli import process
def at_exit():
    os.kill(os.getpid(), signal.{sig})
    for _ in range(1000):
        pass
atexit.register(at_exit)
sys.exit(process.main())
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("args", [["--version"], ["merge"]], ids=["version", "bad-arguments"])
def test_a_stop_once_it_is_through_changes_nothing_of_its_end(tmp_path, args, sig):
    """Its answer given (its version, or what its arguments lack), the stop is too late to
    stop anything: no traceback, its own exit code."""
    done = subprocess.run([sys.executable, "-c", _STOPPED_AS_PYTHON_ENDS.format(sig=sig.name),
                           *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, \
        done.stderr
    assert done.returncode == (errors.OK if args == ["--version"] else errors.BAD_INPUT)


# ``field-kit`` as installed, its command sent ``SIG`` in a weak reference's callback as it
# returns; the stop lost there raised again only once the process is through (the alarm it
# asks for held until then, however long the machine keeps the process waiting before)
_LOST_AS_IT_ENDS = _STOP_IN_A_CALLBACK + """
from field_kit.cli import commands, process
setitimer = signal.setitimer
asked = []
signal.setitimer = lambda which, seconds: asked.append((which, seconds))
real = commands._run
def run(args):
    done = real(args)
    stop_in_a_callback()
    return done
commands._run = run
code = process.main()
assert asked[-1] == (signal.ITIMER_REAL, 0), asked  # (the process, through, cancels it)
again = signal.getsignal(signal.SIGALRM)
rang = []
def alarm(signum, frame):
    rang.append(signum)
    again(signum, frame)
signal.signal(signal.SIGALRM, alarm)
setitimer(*[a for a in asked if a[1]][-1])  # (were it to ring all the same)
while not rang:  # (the script's last line, as long as the alarm takes)
    pass
sys.exit(code)
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stop_lost_as_the_command_ends_is_not_raised_once_it_is_through(merge_made,
                                                                          tmp_path, sig):
    source, _ = merge_made
    done = subprocess.run([sys.executable, "-c", _LOST_AS_IT_ENDS.format(sig=sig.name),
                           "status", str(source)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, \
        done.stderr
    assert done.returncode == errors.OK


def test_a_stop_lost_once_the_process_is_through_sets_no_alarm():
    """A stop Python swallows once the process is through (a weak reference's callback as
    Python ends) is too late to stop anything: it asks for no alarm, which would ring after
    Python has given SIGALRM back and kill the process (exit 142) once its command has said
    what it did."""
    from types import SimpleNamespace

    from field_kit.cli import process
    said = []
    unraisable = process._raised_again(said.append, [True])
    unraisable(SimpleNamespace(exc_value=KeyboardInterrupt()))
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    other = SimpleNamespace(exc_value=ValueError())
    unraisable(other)  # (anything else is the hook's, as before)
    assert said == [other]
