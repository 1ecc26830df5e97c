"""`pmo-path init`: a template with every competency and its descriptors, that loads as it is."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from pmo_path.reading.framework import bundled_data_dir
from pmo_path.reading.profile import load_profile, parse_profile
from pmo_path.reading.yamldoc import parse
from pmo_path.render.template import profile_template, yaml_key


def comment_words(text: str) -> str:
    """All comment text of a template as one line of words, so wrapped descriptors can be found."""
    return " ".join(" ".join(line.split("#", 1)[1] for line in text.splitlines() if "#" in line).split())


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("args", [(), ("-",)], ids=["no-file", "dash"])
def test_template_goes_to_stdout_and_loads_as_it_is(invoke, framework, args):
    result = invoke("init", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    profile = parse_profile(result.stdout, framework, "template.yaml")
    assert profile.ratings == {}
    assert profile.name is None and profile.current_role is None and profile.target_role is None
    assert profile.assessed_on == date.today()


def test_template_lists_every_competency_with_its_description_and_descriptors(framework):
    text = profile_template(framework)
    comments = comment_words(text)
    for competency in framework.competencies.values():
        assert f"\n  {competency.id}:    # 0-5\n" in text
        assert words(f"{competency.name}: {competency.description}") in comments
        for level, descriptor in competency.levels.items():
            assert words(f"{level} {framework.scale[level]}: {descriptor}") in comments


def test_descriptors_come_just_above_their_rating_line(framework):
    lines = profile_template(framework).splitlines()
    for competency in framework.competencies.values():
        at = lines.index(f"  {competency.id}:    # 0-5")
        above = " ".join(line.split("#", 1)[1].strip() for line in lines[at - 12 : at] if line.strip().startswith("#"))
        assert words(competency.levels[5]) in words(above)
        assert lines[at - 1].lstrip().startswith("#")


def test_every_role_id_is_listed_for_current_and_target_role(framework):
    comments = comment_words(profile_template(framework))
    listed = set(re.findall(r"[a-z][a-z-]+", comments))
    assert set(framework.roles) <= listed


def test_template_without_a_date_leaves_assessed_on_blank(framework):
    text = profile_template(framework)
    assert re.search(r"^assessed_on: +#", text, re.MULTILINE)
    assert parse_profile(text, framework).assessed_on is None


def test_filled_in_template_loads_the_ratings(framework):
    text = profile_template(framework, date(2026, 11, 20))
    text = text.replace("  strategic-thinking:    # 0-5", "  strategic-thinking: 3    # 0-5")
    text = text.replace("  business-acumen:    # 0-5", '  business-acumen: {level: 2, evidence: "Built the FY27 case"}    # 0-5')
    text = text.replace("current_role:        #", "current_role: pmo-analyst   #")
    profile = parse_profile(text, framework)
    assert profile.level("strategic-thinking") == 3
    assert profile.ratings["business-acumen"].evidence == "Built the FY27 case"
    assert profile.current_role == "pmo-analyst"
    assert profile.assessed_on == date(2026, 11, 20)
    assert len(profile.ratings) == 2


def test_writes_a_file_that_loads_and_validates(invoke, framework, tmp_path):
    target = tmp_path / "me.yaml"
    result = invoke("init", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Wrote {target}",
        f"Wrote {tmp_path / 'pmo-path-profile.schema.json'} (the profile's JSON Schema: editors check the file against it)",
        f"Next: set target_role (and current_role) and fill in the ratings, then run: pmo-path assess -p {target}",
    ]
    assert load_profile(str(target), framework).ratings == {}
    checked = invoke("validate", str(target))
    assert checked.exit_code == 0
    assert checked.stdout.endswith("and 1 profile\n")


def test_refuses_to_overwrite_without_force(invoke, tmp_path):
    target = tmp_path / "me.yaml"
    target.write_text("name: keep me\n")
    result = invoke("init", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {target}: already exists and may hold answers (YAML data); pass --force to replace it\n"
    assert target.read_text() == "name: keep me\n"

    forced = invoke("init", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text().startswith("# pmo-path profile")


def test_unwritable_places_are_one_line_errors(invoke, tmp_path):
    folder = invoke("init", str(tmp_path))
    assert folder.exit_code == 1
    assert folder.stderr == f"Error: {tmp_path}: is a folder; give a file name to write\n"
    nowhere = invoke("init", str(tmp_path / "missing" / "me.yaml"))
    assert nowhere.exit_code == 1
    assert len(nowhere.stderr.splitlines()) == 1 and "does not exist" in nowhere.stderr


def test_template_follows_an_own_framework(invoke, tmp_path):
    roles = (bundled_data_dir() / "roles.yaml").read_text()
    (tmp_path / "roles.yaml").write_text(roles.replace("name: Strategic thinking\n", "name: Strategy and foresight\n"))
    result = invoke("init", "--data-dir", str(tmp_path))
    assert result.exit_code == 0
    assert "# Strategy and foresight:" in result.stdout
    assert "# Strategic thinking:" not in result.stdout


@pytest.mark.parametrize("ident", ["project-delivery", "yes", "No", "null", "5", "1.5", "a: b", "#x", "-lead", "été"])
def test_ids_are_written_as_keys_that_read_back_as_the_same_text(ident):
    assert parse(f"{yaml_key(ident)}: 1\n").data == {ident: 1}


def test_copied_bundled_data_gives_the_same_template(invoke, tmp_path):
    for name in ("roles.yaml", "recommendations.yaml"):
        shutil.copy(bundled_data_dir() / name, tmp_path / name)
    own = invoke("init", "--data-dir", str(tmp_path)).stdout
    assert own.replace(f" --data-dir {tmp_path}", "") == invoke("init").stdout  # the commands it suggests keep the folder


def test_following_next_with_only_the_ratings_filled_in_points_at_target_role(invoke, tmp_path, monkeypatch):
    """Next: asks for target_role too; the file without it gets one line naming the field and where it is."""
    monkeypatch.chdir(tmp_path)
    made = invoke("init", "me.yaml")
    (next_line,) = [line for line in made.stderr.splitlines() if line.startswith("Next:")]
    assert "set target_role" in next_line and next_line.endswith("then run: pmo-path assess -p me.yaml")
    text = (tmp_path / "me.yaml").read_text(encoding="utf-8")
    filled = re.sub(r"^(  [a-z-]+):( +#)", r"\1: 2\2", text, flags=re.M)  # every rating, nothing else
    assert filled.count(": 2 ") >= 10
    (tmp_path / "me.yaml").write_text(filled, encoding="utf-8")
    line = 1 + filled.splitlines().index(next(row for row in filled.splitlines() if row.startswith("target_role:")))
    done = invoke("assess", "-p", "me.yaml")
    assert done.exit_code == 1 and done.stdout == ""
    (error,) = done.stderr.splitlines()
    assert error.startswith(f"Error: me.yaml:{line}: target_role: no target role; ")
    assert "`pmo-path roles` lists them" in error and error.endswith("or pass --target ROLE")
