"""`pmo-path form`: the HTML questionnaire, driven in a real headless Chromium (Debian's, never a download)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pmo_path.reading.framework import bundled_data_dir
from pmo_path.reading.profile import load_profile
from pmo_path.render.form import form_html, script_json

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the test extra's playwright package is not installed")
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")
    return sync_api.sync_playwright()


def test_the_page_is_one_file_with_nothing_fetched(framework):
    html = form_html(framework)
    assert html.count("<script") == 2 and "src=" not in html.split("<style>")[0]
    for outside in ("http://", "https://", "<link", "@import", "url("):
        assert outside not in html.replace("https://json-schema", ""), outside


def test_script_json_cannot_close_its_script_element():
    text = script_json({"name": "</script><img src=x onerror=alert(1)> & \u2028"})
    assert "</script" not in text and "<img" not in text and "\u2028" not in text


@pytest.fixture
def hostile_framework(tmp_path) -> Path:
    roles = (bundled_data_dir() / "roles.yaml").read_text(encoding="utf-8")
    roles = roles.replace("title: PMO Manager\n", 'title: "PMO </script><img src=x onerror=alert(1)> \\"Manager\\""\n')
    roles = roles.replace("name: Strategic thinking\n", "name: \"Strategic <b>thinking</b> & 'more'\"\n")
    (tmp_path / "roles.yaml").write_text(roles, encoding="utf-8")
    return tmp_path


def test_fill_reload_download_and_validate(invoke, framework, tmp_path):
    page_file = tmp_path / "survey.html"
    assert invoke("form", "-o", str(page_file)).exit_code == 0
    ids = list(framework.competencies)
    levels = {competency: (index * 2) % 6 for index, competency in enumerate(ids)}
    with browser() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = chromium.new_context(accept_downloads=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_file.as_uri())
        page.get_by_label("Your name").fill("Zoë O'Brien")
        page.get_by_label("Your current role").select_option("project-manager")
        page.get_by_label("The role you aim for").select_option("pmo-manager")
        for competency in ids[:7]:
            page.check(f"#r-{competency}-{levels[competency]}")
        page.fill(f"#e-{ids[0]}", 'Ran the "FY27" plan: on time')
        page.reload()  # the tab closed and opened again: nothing is lost
        assert page.get_by_label("Your name").input_value() == "Zoë O'Brien"
        assert page.is_checked(f"#r-{ids[3]}-{levels[ids[3]]}")
        assert page.input_value(f"#e-{ids[0]}") == 'Ran the "FY27" plan: on time'
        assert "7 of 15 rated" in page.inner_text("#progress-label")
        for competency in ids[7:-1]:
            page.focus(f"#r-{competency}-{levels[competency]}")  # keyboard: focus, then space
            page.keyboard.press("Space")
        page.check(f"#r-{ids[-1]}-skip")
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download my profile").click()
        download = download_info.value
        assert download.suggested_filename == "zoe-obrien.yaml"
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        assert errors == []
        chromium.close()
    checked = invoke("validate", str(saved))
    assert checked.exit_code == 0, checked.stdout
    header = saved.read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("check it with: pmo-path validate zoe-obrien.yaml")  # the file's own name, to run as printed
    profile = load_profile(str(saved), framework)
    assert (profile.name, profile.current_role, profile.target_role) == ("Zoë O'Brien", "project-manager", "pmo-manager")
    assert profile.levels() == {c: levels[c] for c in ids[:-1]}
    assert profile.ratings[ids[0]].evidence == 'Ran the "FY27" plan: on time'
    team = invoke("team", str(saved), "-f", "json")
    assert team.exit_code == 0 and '"people": 1' in team.stdout


def test_hostile_framework_strings_stay_text(invoke, hostile_framework, tmp_path):
    page_file = tmp_path / "survey.html"
    assert invoke("form", "--data-dir", str(hostile_framework), "-o", str(page_file)).exit_code == 0
    with browser() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = chromium.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(page_file.as_uri())
        assert page.locator("img").count() == 0 and page.locator("fieldset b").count() == 15 * 6
        options = page.locator("#target_role option").all_inner_texts()
        assert 'PMO </script><img src=x onerror=alert(1)> "Manager"' in options
        assert "Strategic <b>thinking</b> & 'more'" in page.inner_text("#q-strategic-thinking legend")
        assert dialogs == []
        chromium.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_fits_desktop_and_phone(invoke, tmp_path, width):
    page_file = tmp_path / "survey.html"
    invoke("form", "-t", "pmo-manager", "-o", str(page_file))
    with browser() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = chromium.new_page(viewport={"width": width, "height": 900})
        page.goto(page_file.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        assert page.locator("fieldset").count() == 13  # the target's competencies only
        assert page.is_disabled("#target_role")
        chromium.close()
