# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit`` stopped at once (Ctrl-C, or SIGTERM from a script or a service manager),
whenever the stop comes once the process has taken the signals, ends with the signal's exit
code and says so without a traceback: a stop as the command ends says what it did; one
once the command is through (as Python ends) changes nothing of its end."""

import os
import shutil
import signal
import subprocess
import sys

import pytest

from field_kit import errors
from tests.unit.gpkg_factory import merge_to_make

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CODES = {signal.SIGINT: errors.INTERRUPTED, signal.SIGTERM: errors.TERMINATED}
SAID = {signal.SIGINT: "interrupted (Ctrl-C)", signal.SIGTERM: "stopped (SIGTERM)"}


@pytest.fixture(scope="module")
def merge_made(tmp_path_factory):
    return merge_to_make(tmp_path_factory.mktemp("at-once"), 300)


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
        f"field-kit: {SAID[sig]} after its changes were committed: `field-kit merge` is done "
        f"in {master}; run `field-kit status` on it to see what it holds"]


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
