"""`pmo-path form`: the HTML questionnaire, driven in a real headless Chromium (Debian's, never a download)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import bundled_framework

from pmo_path.reading.framework import bundled_data_dir
from pmo_path.reading.profile import load_profile
from pmo_path.render.form import form_html, script_json

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the module (each test opens its own context: no storage shared)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="the test extra's playwright package is not installed")
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


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


def test_fill_reload_download_and_validate(invoke, framework, tmp_path, chromium):
    page_file = tmp_path / "survey.html"
    assert invoke("form", "-o", str(page_file)).exit_code == 0
    ids = list(framework.competencies)
    levels = {competency: (index * 2) % 6 for index, competency in enumerate(ids)}
    with chromium.new_context(accept_downloads=True) as context:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_file.as_uri())
        page.get_by_label("Your name").fill("Zoë O'Brien")
        page.get_by_label("Your current role").select_option("project-manager")
        page.get_by_label("The role you aim for").select_option("pmo-manager")
        for competency in ids[:7]:
            page.check(f"#r-{ids.index(competency)}-{levels[competency]}")
        page.fill("#e-0", 'Ran the "FY27" plan: on time')
        page.reload()  # the tab closed and opened again: nothing is lost
        assert page.get_by_label("Your name").input_value() == "Zoë O'Brien"
        assert page.is_checked(f"#r-3-{levels[ids[3]]}")
        assert page.input_value("#e-0") == 'Ran the "FY27" plan: on time'
        assert "7 of 15 rated" in page.inner_text("#progress-label")
        for competency in ids[7:-1]:
            page.focus(f"#r-{ids.index(competency)}-{levels[competency]}")  # keyboard: focus, then space
            page.keyboard.press("Space")
        page.check(f"#r-{len(ids) - 1}-skip")
        page.get_by_role("button", name="Download my profile").click()  # the download step: nothing missing
        assert "Every question is answered" in page.inner_text("#check")
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download now").click()
        download = download_info.value
        assert download.suggested_filename == "zoe-obrien.yaml"
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        assert errors == []
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


def test_hostile_framework_strings_stay_text(invoke, hostile_framework, tmp_path, chromium):
    page_file = tmp_path / "survey.html"
    assert invoke("form", "--data-dir", str(hostile_framework), "-o", str(page_file)).exit_code == 0
    with chromium.new_context() as context:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(page_file.as_uri())
        assert page.locator("img").count() == 0 and page.locator("fieldset b").count() == 15 * 6
        options = page.locator("#target_role option").all_inner_texts()
        assert 'PMO </script><img src=x onerror=alert(1)> "Manager"' in options
        strategic = list(bundled_framework().competencies).index("strategic-thinking")
        assert "Strategic <b>thinking</b> & 'more'" in page.inner_text(f"#q-{strategic} legend")
        assert dialogs == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_fits_desktop_and_phone(invoke, tmp_path, width, chromium):
    page_file = tmp_path / "survey.html"
    invoke("form", "-t", "pmo-manager", "-o", str(page_file))
    with chromium.new_context(viewport={"width": width, "height": 900}) as context:
        page = context.new_page()
        page.goto(page_file.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        assert page.locator("fieldset").count() == 13  # the target's competencies only
        assert page.is_disabled("#target_role")


def test_the_evidence_box_shows_its_placeholder_whole_on_a_phone_and_grows_with_the_text(invoke, tmp_path, chromium):
    page_file = tmp_path / "survey.html"
    invoke("form", "-t", "pmo-manager", "-o", str(page_file))
    fits = "(t) => t.scrollHeight <= t.clientHeight && t.scrollWidth <= t.clientWidth"
    with chromium.new_context(viewport={"width": 375, "height": 800}) as context:
        page = context.new_page()
        page.goto(page_file.as_uri())
        boxes = page.locator("textarea")
        assert boxes.count() == 13
        assert all(boxes.nth(i).evaluate(fits) for i in range(13))  # the placeholder wraps, nothing clipped
        first = boxes.first
        empty = first.bounding_box()["height"]
        first.fill("Ran the portfolio review for two quarters, " * 6)
        assert first.evaluate(fits) and first.bounding_box()["height"] > empty  # the box grows: all the evidence shows


# --- ids and text that validate accepts, however odd: the page carries them all -------------------------------------

# Competency ids that break a page keeping answers in a plain object or finding inputs by a selector.
ODD_IDS = {
    "value-delivery": "__proto__",
    "strategic-thinking": "constructor",
    "business-acumen": "toString",
    "financial-management": 'a"b\\c',
    "people-development": "hasOwnProperty",
    "change-leadership": "x']:checked, [name='",
    "collaborative-leadership": "esc\x1b[2J\u2028---\x85\u202e",
}
ODD_ROLE = 'pm"\\</script>\u2028'


def odd_framework(folder: Path) -> Path:
    from hostile_text import rename_id

    from pmo_path.reading.profile import quote

    roles = (bundled_data_dir() / "roles.yaml").read_text(encoding="utf-8")
    recs = (bundled_data_dir() / "recommendations.yaml").read_text(encoding="utf-8")
    for old, new in [*ODD_IDS.items(), ("pmo-analyst", ODD_ROLE)]:
        roles, recs = rename_id(roles, old, new), rename_id(recs, old, new)
    roles = roles.replace("    title: PMO Manager\n", f"    title: {quote('PMO __DATA__ __TITLE__ Manager')}\n")
    (folder / "roles.yaml").write_text(roles, encoding="utf-8")
    (folder / "recommendations.yaml").write_text(recs, encoding="utf-8")
    return folder


def open_form(context, page_file: Path):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_file.as_uri())
    return page, errors


def download(page, folder: Path) -> Path:
    """Download through the page's download step (it may list what is missing: the person goes on)."""
    page.get_by_role("button", name="Download my profile").click()
    with page.expect_download() as download_info:
        page.click("#save")
    saved = folder / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    return saved


def test_ids_validate_accepts_are_carried_through_the_form(invoke, tmp_path, chromium):
    """`__proto__`, `constructor`, quotes and backslashes: rated, kept over a reload, downloaded, read back."""
    folder = tmp_path / "fw"
    folder.mkdir()
    odd_framework(folder)
    assert invoke("validate", "--data-dir", str(folder)).exit_code == 0  # validate accepts every one of these ids
    page_file = tmp_path / "survey.html"
    assert invoke("form", "-t", "pmo-manager", "--data-dir", str(folder), "-o", str(page_file)).exit_code == 0
    html = page_file.read_text(encoding="utf-8")
    assert html.count("<title>") == 1 and '"tracks"' not in html.split("</title>")[0]  # the title stays a title
    from pmo_path.reading.framework import load_framework

    framework = load_framework(folder)
    shown = [c for c in framework.competencies if c in {r.competency for r in framework.roles["pmo-manager"].requirements}]
    odd = [shown.index(i) for i in ODD_IDS.values()]
    with chromium.new_context(accept_downloads=True) as context:
        page, errors = open_form(context, page_file)
        assert page.title() == "Career self-assessment: PMO __DATA__ __TITLE__ Manager"
        assert all(page.input_value(f"#e-{index}") == "" for index in range(len(shown)))  # no function source pre-filled
        page.get_by_label("Your name").fill("Ada")
        page.get_by_label("Your current role").select_option(ODD_ROLE)
        for number, index in enumerate(odd):
            page.check(f"#r-{index}-{number % 5 + 1}")
            page.fill(f"#e-{index}", f"note {number}")
        page.reload()
        assert all(page.is_checked(f"#r-{index}-{number % 5 + 1}") for number, index in enumerate(odd))
        assert [page.input_value(f"#e-{index}") for index in odd] == [f"note {n}" for n in range(len(odd))]
        assert f"{len(odd)} of {len(shown)} rated" in page.inner_text("#progress-label")
        saved = download(page, tmp_path)
        assert errors == []
    checked = invoke("validate", str(saved), "--data-dir", str(folder))
    assert checked.exit_code == 0, checked.stdout
    profile = load_profile(str(saved), framework)
    assert profile.current_role == ODD_ROLE and profile.target_role == "pmo-manager"
    assert profile.levels() == {i: n % 5 + 1 for n, i in enumerate(ODD_IDS.values())}
    assert {i: profile.ratings[i].evidence for i in ODD_IDS.values()} == {i: f"note {n}" for n, i in enumerate(ODD_IDS.values())}


# What people paste from other tools: controls, DEL, C1, non-characters, lone surrogates, and line or
# paragraph separators followed by text that would end or start a YAML document.
PASTED = [
    ("\u0092Zoë\x7f O\ufffe'Brien\u2028---", "Zoë O'Brien ---"),
    ("\x1b[31mSam\x00\u0085\ufeff\uffff Okafor\ud800", "[31mSam Okafor\ufffd"),
]
NOTES = [
    ("first\u2028---\nsecond\u2029...\x85third", "first\n---\nsecond\n...\nthird"),
    ("\u009b2J\x7f#: not: a key\r\n- item\udc00", "2J#: not: a key\n- item\ufffd"),
]


def test_pasted_text_makes_a_download_that_validates(invoke, framework, tmp_path, chromium):
    page_file = tmp_path / "survey.html"
    assert invoke("form", "-o", str(page_file)).exit_code == 0
    for number, (pasted, note) in enumerate(zip(PASTED, NOTES, strict=True)):
        with chromium.new_context(accept_downloads=True) as context:
            page, errors = open_form(context, page_file)
            # set as a paste would (a lone surrogate cannot travel through fill), then tell the page
            page.evaluate(
                """([name, note]) => {
                    for (const [id, value] of [["name", name], ["e-0", note]]) {
                        const field = document.getElementById(id);
                        field.value = value;
                        field.dispatchEvent(new Event("input", {bubbles: true}));
                    }
                }""",
                [pasted[0].replace("\ud800", ""), note[0].replace("\udc00", "")],
            )
            page.evaluate(
                """() => {  // lone surrogates, added in JavaScript where a string may hold one
                    const name = document.getElementById("name"), note = document.getElementById("e-0");
                    if (name.value.endsWith("Okafor")) name.value += "\\ud800";
                    if (note.value.endsWith("item")) note.value += "\\udc00";
                }"""
            )
            page.check("#r-0-3")
            folder = tmp_path / str(number)
            folder.mkdir()
            saved = download(page, folder)
            assert errors == []
        checked = invoke("validate", str(saved))
        assert checked.exit_code == 0, (checked.stdout, saved.read_bytes())
        profile = load_profile(str(saved), framework)
        assert profile.name == pasted[1]
        assert profile.ratings[next(iter(framework.competencies))].evidence == note[1]
