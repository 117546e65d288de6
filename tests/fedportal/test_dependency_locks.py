"""The two dependency locks (`make lock`): a server installs requirements.lock only, which
must hold every runtime package and no test, lint or browser tool; development installs
requirements-dev.lock on top, with the same pins. Every pin carries its hashes, so pip
installs exactly the files that were locked."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(filename):
    """{package: (version, number of hashes)} of a lock file."""
    found = {}
    current = None
    for line in (ROOT / filename).read_text().splitlines():
        match = PIN_RE.match(line)
        if match:
            current = canonical(match.group(1))
            found[current] = [match.group(2), 0]
        elif current and line.strip().startswith("--hash=sha256:"):
            found[current][1] += 1
        elif line and not line.startswith(" "):
            current = None
    return {name: tuple(value) for name, value in found.items()}


def declared(group=None):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return {canonical(re.split(r"[\[=<>!~ ;]", item, maxsplit=1)[0]) for item in listed}


def test_every_pin_has_hashes():
    for filename in ("requirements.lock", "requirements-dev.lock"):
        unhashed = [name for name, (_, hashes) in pins(filename).items() if not hashes]
        assert unhashed == [], filename


def test_the_runtime_lock_holds_the_runtime_set_and_no_development_tool():
    runtime = pins("requirements.lock")
    assert declared() <= set(runtime)
    tools = declared("dev") | {"pytest", "playwright", "hypothesis", "ruff", "pypdf", "greenlet"}
    assert tools & set(runtime) == set()


def test_the_development_lock_is_built_on_the_runtime_one():
    runtime = pins("requirements.lock")
    development = pins("requirements-dev.lock")
    assert declared("dev") <= set(development)
    assert {name: development.get(name, (None,))[0] for name in runtime} == {
        name: version for name, (version, _) in runtime.items()
    }
