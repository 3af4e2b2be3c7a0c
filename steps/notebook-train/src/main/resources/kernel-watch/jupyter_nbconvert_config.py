# Written by notebook-train prepare into the run's report directory; the execute step's JUPYTER_CONFIG_PATH makes
# jupyter nbconvert load it beside the image's own configuration. It changes nothing in how the notebook runs: it
# records, in kernel-state.json beside this file, the code cell being run and, when the kernel dies, its exit status
# and the step cgroup's OOM-kill count, so that notebook-train collect can say "OOM-killed at cell N" instead of
# "the kernel died". Anything it cannot do (an older nbclient or jupyter_client) it leaves undone, silently.
import json
import os

_STATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel-state.json")


def _oom_kills():
    """The step cgroup's oom_kill count (cgroup v2 memory.events, else v1 memory.oom_control), or None."""
    candidates = []
    try:
        with open("/proc/self/cgroup") as f:
            for line in f:
                _, controllers, path = line.rstrip("\n").split(":", 2)
                if controllers == "":
                    candidates.append("/sys/fs/cgroup" + path.rstrip("/") + "/memory.events")
                elif "memory" in controllers.split(","):
                    candidates.append("/sys/fs/cgroup/memory" + path.rstrip("/") + "/memory.oom_control")
    except (OSError, ValueError):
        pass
    candidates += ["/sys/fs/cgroup/memory.events", "/sys/fs/cgroup/memory/memory.oom_control"]
    for name in candidates:
        try:
            with open(name) as f:
                for line in f:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except (OSError, ValueError):
            continue
    return None


_state = {"cell": None, "oomKillsBefore": _oom_kills()}


def _record(**fields):
    _state.update(fields)
    try:
        with open(_STATE + ".tmp", "w") as f:
            json.dump(_state, f)
        os.replace(_STATE + ".tmp", _STATE)
    except OSError:
        pass


def _cell_started(cell=None, cell_index=None, **_):
    if cell is not None and cell.get("cell_type") == "code":
        _record(cell=cell_index)


c.ExecutePreprocessor.on_cell_start = _cell_started  # noqa: F821 (c is the config traitlets gives this file)

try:
    from jupyter_client import AsyncKernelManager

    class _WatchedKernelManager(AsyncKernelManager):
        """The default kernel manager, noting the kernel's exit status when nbclient finds it dead."""

        async def is_alive(self):
            alive = await super().is_alive()
            if not alive and "exitCode" not in _state:
                code = getattr(getattr(self.provisioner, "process", None), "returncode", None)
                if code is not None:
                    _record(exitCode=code, oomKillsAfter=_oom_kills())
            return alive

    c.ExecutePreprocessor.kernel_manager_class = _WatchedKernelManager  # noqa: F821
except Exception:  # noqa: BLE001: watching is optional, running the notebook is not
    pass

_record()
