"""What `pmo-path` answers before typer is imported: `--version`, and Tab on a value the shell asks for.

Importing typer alone costs more than half of the floor `--version` is held
to (docs/performance.md), and a person pressing Tab feels every tenth of a
second, so these two never load it (nor yaml, rich or the framework reader):

- `pmo-path --version`, exactly that, prints the version;
- shell completion (`_PMO_PATH_COMPLETE=complete_bash|zsh|fish`, as the
  scripts of `--install-completion` call it) of a value whose choices are
  known here: a role id (`-t/--target`, `--current`, `--vs`, the ROLE of
  `role`, FROM and TO of `path`), `--relation` and `--members`. Role ids and
  titles come from a small cache in the user cache folder, keyed by the
  framework files' paths, sizes, modification times and inodes; on a miss
  (or any doubt) the full typer path answers and refreshes the cache.

Everything else falls through to typer, which gives the same answers
(tests/test_completion.py compares the two).
"""

from __future__ import annotations

import os
import sys

from .. import __version__

# The values of the options completed here. RELATIONS is domain.model.RaterRelation and MEMBERS the
# choices of `team --members` (tests keep them equal; importing those here would cost what this saves).
RELATIONS = ("manager", "peer", "report", "other")
MEMBERS = ("top", "all")
TARGET = ("-t", "--target")
ROLE_OPTIONS = {  # by command, the options whose value is a role id
    "assess": (*TARGET, "--current"),
    "plan": TARGET,
    "team": TARGET,
    "progress": TARGET,
    "feedback": TARGET,
    "form": TARGET,
    "role": ("--vs",),
}
LISTS = {("assess", "--relation"): RELATIONS, ("team", "--members"): MEMBERS}
ROLE_ARGUMENTS = {"role": 1, "path": 2}  # commands whose first N arguments are role ids
# The options of `role` and `path` that take a value, so that value is not counted as an argument.
VALUE_OPTIONS = ("--vs", "-f", "--format", "-o", "--output", "--data-dir", "-p", "--profile")
SHELLS = ("complete_bash", "complete_zsh", "complete_fish")
CACHE_VERSION = 1


def answered(argv: list[str], environ: os._Environ | dict[str, str]) -> bool:
    """Answer `--version` or a completion here and return True; False leaves it to typer."""
    if argv == ["--version"]:
        sys.stdout.write(f"pmo-path {__version__}\n")
        return True
    instruction = environ.get("_PMO_PATH_COMPLETE")
    if instruction not in SHELLS:
        return False
    try:
        words, incomplete = completion_words(instruction, environ)
    except (KeyError, ValueError):
        return False
    values = choices(words, incomplete, environ)
    if values is None:
        return False
    shown = [(value, help) for value, help in values if value.startswith(incomplete)]
    return reply(instruction, shown, environ)


def completion_words(instruction: str, environ) -> tuple[list[str], str]:
    """The words before the one being completed, and that word, as typer's completion classes split them."""
    if instruction == "complete_bash":
        words = split(environ["COMP_WORDS"])
        index = int(environ["COMP_CWORD"])
        return words[1:index], words[index] if index < len(words) else ""
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = split(line)[1:]
    if words and not line.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def split(line: str) -> list[str]:
    """Shell words; shlex (which loads re and enum) only when there is quoting to undo."""
    if not any(char in line for char in "'\"\\"):
        return line.split()
    import shlex

    return shlex.split(line)


def choices(words: list[str], incomplete: str, environ) -> list[tuple[str, str]] | None:
    """The values for the word being completed, or None when typer should answer."""
    if incomplete.startswith("-") or "=" in incomplete:
        return None
    command, previous = (words[0], words[-1]) if words else ("", "")
    if (command, previous) in LISTS:
        return [(value, "") for value in LISTS[command, previous]]
    if previous in ROLE_OPTIONS.get(command, ()) or _role_argument(words):
        return cached_roles(_data_dir(words, environ))
    return None


def _role_argument(words: list[str]) -> bool:
    """Whether the next word is one of the role ids `role` or `path` takes as arguments."""
    if not words or words[0] not in ROLE_ARGUMENTS:
        return False
    given, rest = 0, words[1:]
    index = 0
    while index < len(rest):
        word = rest[index]
        if word == "--":
            return False  # after `--` typer's own rules apply
        if word in VALUE_OPTIONS:
            index += 2
            continue
        if not word.startswith("-"):
            given += 1
        index += 1
    return index == len(rest) and given < ROLE_ARGUMENTS[words[0]] and (not rest or rest[-1] not in VALUE_OPTIONS)


def _data_dir(words: list[str], environ) -> str | None:
    """--data-dir DIR or --data-dir=DIR as typed so far (the last one wins, as in click), else PMO_PATH_DATA."""
    found = None
    for index, word in enumerate(words):
        if word == "--data-dir" and index + 1 < len(words):
            found = words[index + 1]
        elif word.startswith("--data-dir="):
            found = word.partition("=")[2]
    return found or environ.get("PMO_PATH_DATA") or None


def reply(instruction: str, shown: list[tuple[str, str]], environ) -> bool:
    """Write the values as typer's completion class for the shell would."""
    if instruction == "complete_bash":
        sys.stdout.write("".join(f"{value}\n" for value, _ in shown) or "\n")
    elif instruction == "complete_zsh":
        items = [f'"{_zsh(value)}":"{_zsh(help)}"' if help else f'"{_zsh(value)}"' for value, help in shown]
        sys.stdout.write(("_arguments '*: :((" + "\n".join(items) + "))'" if items else "_files") + "\n")
    else:
        action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            sys.exit(0 if shown else 1)
        lines = [f"{value}\t{help}" if help else value for value, help in shown]
        sys.stdout.write(("\n".join(lines) if action == "get-args" and lines else "") + "\n")
    return True


def plain_help(title: str) -> str:
    """A role title as completion help: one line, no control characters (text from a file is data)."""
    return " ".join("".join(char for char in title if char.isprintable() or char.isspace()).split())


def _zsh(text: str) -> str:
    return text.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")


# --- the role ids, from a cache the full path keeps --------------------------------------------------------------


def framework_files(data_dir: str | None) -> tuple[str, str | None]:
    """The roles.yaml and recommendations.yaml the framework reader would use (reading.framework.data_files,
    which tests hold this equal to), without importing it: None for an own roles.yaml with no advice file;
    OSError where the reader would refuse the folder."""
    bundled = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")
    if not os.path.isfile(os.path.join(bundled, "roles.yaml")):  # the source tree keeps data/ at the top
        bundled = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(bundled))), "data")
    names = ("roles.yaml", "recommendations.yaml")
    if not data_dir:
        return (os.path.join(bundled, names[0]), os.path.join(bundled, names[1]))
    roles, advice = (os.path.join(data_dir, name) for name in names)
    if not os.path.isdir(data_dir) or not (os.path.exists(roles) or os.path.exists(advice)):
        raise FileNotFoundError(data_dir)
    if not os.path.exists(advice):  # the organisation's roles, no advice yet: never the bundled advice
        return (roles, None)
    return (roles if os.path.exists(roles) else os.path.join(bundled, names[0]), advice)


# Shared with interface.framework_cache: where both caches live, and when a file is old enough to cache.
SETTLED_NS = 2_000_000_000  # a file changed more recently than this may change again with the same timestamp


def cache_folder() -> str:
    """pmo-path's folder in the user cache folder ($XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pmo-path")


def cache_path(files: tuple[str, str | None]) -> str:
    """One cache file a pair of framework files; pairs sharing a name only miss, as the key inside names them."""
    import zlib  # built in, where hashlib loads OpenSSL (tens of ms)

    both = "\0".join(os.path.realpath(file) if file else "" for file in files).encode("utf-8", "surrogateescape")
    return os.path.join(cache_folder(), f"roles-{zlib.crc32(both):08x}.json")


def cache_key(files: tuple[str, str | None]) -> list:
    """Both files as they are now (a broken recommendations.yaml means no roles either, as in the full path)."""
    key: list = [CACHE_VERSION, __version__]
    for file in files:
        if file is None:  # no advice file: one written later changes the key
            key += ["", -1, 0, 0]
            continue
        info = os.stat(file)
        key += [os.path.realpath(file), info.st_size, info.st_mtime_ns, info.st_ino]
    return key


def settled(key: list) -> bool:
    """Whether every file in a role-cache key last changed long enough ago to be cached."""
    import time

    now = time.time_ns()
    return all(now - mtime > SETTLED_NS for size, mtime in zip(key[3::4], key[4::4], strict=False) if size >= 0)


def roles_key(data_dir: str | None) -> list | None:
    """The cache key of the framework files as they are now: taken before reading them, so an edit meanwhile is a miss."""
    try:
        return cache_key(framework_files(data_dir))
    except OSError:
        return None


def cached_roles(data_dir: str | None) -> list[tuple[str, str]] | None:
    """(id, title) of every role, if the cache holds them for the roles file as it is now; else None."""
    import json

    try:
        files = framework_files(data_dir)
        with open(cache_path(files), "rb") as stream:  # bytes: json reads UTF-8 itself
            kept = json.load(stream)
        if kept.get("key") != cache_key(files):
            return None
        return [(str(role), plain_help(str(title))) for role, title in kept["roles"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def keep_roles(data_dir: str | None, roles: list[tuple[str, str]], key: list | None) -> None:
    """Remember the framework's roles (read when the roles file had `key`) for the next Tab.

    Called by the full path only (typer is loaded then). A cache that cannot be written is simply
    not kept: completion then takes the full path each time."""
    import json

    from ..errors import InputError
    from .atomic import atomic_write

    if key is None or not settled(key):
        return
    try:
        path = cache_path(framework_files(data_dir))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        atomic_write(path, json.dumps({"key": key, "roles": roles}))
    except (OSError, InputError):
        pass
