"""The wheel carries the framework data, so `pip install .` works from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import REPO


def test_wheel_contains_the_framework_data(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = tmp_path.glob("pmo_path-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "pmo_path/data/roles.yaml" in names
    assert "pmo_path/data/recommendations.yaml" in names
    assert "pmo_path/interface/cli.py" in names
    assert "pmo_path/render/form_template.html" in names  # the form command's page
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "pmo-path = pmo_path.__main__:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    bundled = zipfile.ZipFile(wheel).read("pmo_path/data/roles.yaml").decode()
    assert bundled == (REPO / "data" / "roles.yaml").read_text(encoding="utf-8")
