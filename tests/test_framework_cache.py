"""The checked framework kept between runs (interface.framework_cache): equal to a fresh reading, or not used."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st

from pmo_path import __version__
from pmo_path.domain import model
from pmo_path.interface import app, framework_cache
from pmo_path.reading import framework as reading
from pmo_path.reading.framework import bundled_data_dir, load_framework

HOUR_AGO = time.time() - 3600


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "pmo-path"


@pytest.fixture
def own_folder(tmp_path):
    """An organisation's own data folder (copies of the bundled files), last changed an hour ago."""
    folder = tmp_path / "org"
    folder.mkdir()
    for name in ("roles.yaml", "recommendations.yaml"):
        text = (bundled_data_dir() / name).read_text(encoding="utf-8")
        (folder / name).write_text(text.replace("PMO Director", "Head of Portfolio Office"), encoding="utf-8")
        os.utime(folder / name, (HOUR_AGO, HOUR_AGO))
    return folder


def no_reading(monkeypatch):
    """From here on, reading the framework files fails the test: only the cache can answer."""

    def refuse(*args, **kwargs):
        raise AssertionError("the framework files were read again")

    monkeypatch.setattr(reading, "load_framework", refuse)


def assert_same(cached: model.Framework, fresh: model.Framework) -> None:
    """Field by field (a clear message for the field that differs), then as a whole, types included."""
    for field in dataclasses.fields(fresh):
        assert getattr(cached, field.name) == getattr(fresh, field.name), field.name
        assert type(getattr(cached, field.name)) is type(getattr(fresh, field.name)), field.name
    for name, role in fresh.roles.items():
        assert type(cached.roles[name].requirements) is tuple and cached.roles[name] == role
    assert cached == fresh


@pytest.mark.parametrize("own", [False, True], ids=["bundled", "data-dir"])
def test_a_cached_framework_equals_a_fresh_reading(cache, own_folder, monkeypatch, own):
    data_dir = str(own_folder) if own else None
    fresh = load_framework(data_dir)
    assert app.load_framework(data_dir) == fresh  # a miss: read in full, and kept
    assert len(list(cache.glob("framework-*.json"))) == 1
    no_reading(monkeypatch)
    cached = app.load_framework(data_dir)
    assert_same(cached, fresh)
    assert cached.data_dir == data_dir and cached.files == fresh.files
    assert ("head of portfolio office" in cached.role_names) is own  # the folder's own title, or the bundled one


def test_each_folder_has_its_own_entry(cache, own_folder, monkeypatch):
    bundled, own = app.load_framework(None), app.load_framework(str(own_folder))
    no_reading(monkeypatch)
    assert app.load_framework(None) == bundled and app.load_framework(str(own_folder)) == own
    assert bundled.roles["pmo-director"].title != own.roles["pmo-director"].title


def test_an_edited_file_is_read_again(cache, own_folder):
    app.load_framework(str(own_folder))
    roles = own_folder / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("Head of Portfolio Office", "Portfolio Office Lead"))
    assert app.load_framework(str(own_folder)).roles["pmo-director"].title == "Portfolio Office Lead"


def test_a_file_changed_just_now_is_not_kept(cache, own_folder):
    """Changed within the clock's resolution, a file could change again and keep the same key."""
    os.utime(own_folder / "recommendations.yaml")  # now
    app.load_framework(str(own_folder))
    assert not list(cache.glob("framework-*.json"))


def test_a_broken_framework_is_never_kept(cache, own_folder, invoke):
    roles = own_folder / "roles.yaml"
    roles.write_text("roles: {}\n", encoding="utf-8")
    os.utime(roles, (HOUR_AGO, HOUR_AGO))
    for _ in range(2):
        result = invoke("assess", "-p", str(EXAMPLES / "jordan-lee.yaml"), "--data-dir", str(own_folder), "-f", "json")
        assert result.exit_code == 1 and "roles.yaml" in result.stderr
    assert not list(cache.glob("framework-*.json"))


def entry(cache: Path) -> Path:
    (found,) = cache.glob("framework-*.json")
    return found


def with_crc(header: str, body: str) -> str:
    """An entry whose check sum matches its (changed) body: only the other checks can refuse it."""
    kept = json.loads(header)
    kept["crc"] = zlib.crc32(body.encode("utf-8"))
    return json.dumps(kept) + "\n" + body


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda header, body: "not json at all", id="garbage"),
        pytest.param(lambda header, body: header + "\n" + body[: len(body) // 2], id="cut-short"),
        pytest.param(lambda header, body: header + "\n" + body.replace("Program Manager", "Program Mangler", 1), id="changed"),
        pytest.param(lambda header, body: with_crc(header, body.replace('"Thresholds"', '"PurePath"', 1)), id="foreign-class"),
        pytest.param(lambda header, body: with_crc(header, body.replace('"Role"', '"Verdict"', 1)), id="wrong-class"),
        pytest.param(lambda header, body: with_crc(header, body.replace('"title"', '"tilte"', 1)), id="unknown-field"),
        pytest.param(lambda header, body: with_crc(header, '["c","Thresholds",{"ready":1}]'), id="not-a-framework"),
        pytest.param(lambda header, body: header.replace('"0.1.0"', '"0.0.9"', 1) + "\n" + body, id="other-version"),
    ],
)
def test_a_spoilt_entry_is_a_miss(cache, monkeypatch, spoil):
    fresh = app.load_framework(None)
    path = entry(cache)
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    assert "Program Manager" in body and '"title"' in body and __version__ in header
    path.write_text(spoil(header, body), encoding="utf-8")
    read = []
    monkeypatch.setattr(reading, "load_framework", lambda data_dir=None: read.append(1) or fresh)
    assert app.load_framework(None) == fresh and read == [1]


def test_an_entry_others_may_write_is_not_trusted(cache, monkeypatch):
    fresh = app.load_framework(None)
    entry(cache).chmod(0o666)
    read = []
    monkeypatch.setattr(reading, "load_framework", lambda data_dir=None: read.append(1) or fresh)
    assert app.load_framework(None) == fresh and read == [1]


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path, monkeypatch):
    (tmp_path / "cache").write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert app.load_framework(None) == load_framework() == app.load_framework(None)


def test_what_cannot_be_kept_is_refused_not_mangled():
    with pytest.raises(TypeError):
        framework_cache.encode(Path("roles.yaml"))
    with pytest.raises(TypeError):
        framework_cache.decode(["c", "Path", {}])
    with pytest.raises(TypeError):
        framework_cache.decode({"a": 1})


PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.integers() | st.text(max_size=5), inner, max_size=3)
        | st.builds(model.Requirement, st.text(max_size=5), st.integers(0, 5), st.integers(1, 3))
        | st.sampled_from(model.Verdict)
    ),
    max_leaves=12,
)


@given(PLAIN)
def test_plain_data_comes_back_equal_and_of_the_same_types(value):
    back = framework_cache.decode(json.loads(json.dumps(framework_cache.encode(value))))
    assert back == value and shape(back) == shape(value)


def shape(value):
    """The types of a value all the way down (1 == 1.0 == True, but not for the cache)."""
    if isinstance(value, dict):
        return ("dict", [(shape(k), shape(v)) for k, v in value.items()])
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [shape(item) for item in value])
    return type(value).__name__


def test_the_command_answers_the_same_from_the_cache(tmp_path):
    """Through the installed command: the first run fills the cache, the second answers from it, alike."""
    shutil.copytree(bundled_data_dir(), tmp_path / "org")
    for file in (tmp_path / "org").iterdir():
        os.utime(file, (HOUR_AGO, HOUR_AGO))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "pmo_path", "assess", "-p", str(EXAMPLES / "jordan-lee.yaml"), "-f", "json"]
    runs = []
    for data_dir in ([], ["--data-dir", str(tmp_path / "org")]):
        for _ in range(2):
            done = subprocess.run([*command, *data_dir], capture_output=True, text=True, env=env, timeout=60)
            assert done.returncode == 0, done.stderr
            runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1] and runs[2] == runs[3]
    assert len(list((tmp_path / "cache" / "pmo-path").glob("framework-*.json"))) == 2


def test_an_own_roles_file_alone_is_cached_and_advice_added_later_is_read(cache, own_folder, monkeypatch):
    """A folder with roles.yaml only (no advice yet) is cached; the advice file written later is a miss, not stale."""
    advice = own_folder / "recommendations.yaml"
    kept = advice.read_text(encoding="utf-8")
    advice.unlink()
    first = app.load_framework(str(own_folder))
    assert not first.recommendations
    with monkeypatch.context() as patched:
        no_reading(patched)
        assert_same(app.load_framework(str(own_folder)), first)
    advice.write_text(kept, encoding="utf-8")
    os.utime(advice, (HOUR_AGO, HOUR_AGO))
    assert app.load_framework(str(own_folder)).recommendations
