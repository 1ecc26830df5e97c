"""`pmo-path form` as a hand-off (contract section 10, v3), driven in Debian's headless Chromium.

Whom to send the file to and by when, the check before download, notes on unrated questions, file
names from any name, the person's local date, start again, no JavaScript, focus never under the
sticky bar (WCAG 2.2 SC 2.4.11) and a bar that stays small at 400% zoom.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_form import chromium, download, open_form  # noqa: F401  (chromium is a fixture)

from pmo_path.reading.profile import load_profile

SEND_TO = 'Sam <b>Okafor</b> & "PMO"'


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from pmo_path.interface.app import app

    path = tmp_path_factory.mktemp("form") / "survey.html"
    args = ["form", "-o", str(path), "--send-to", SEND_TO, "--due", "2026-12-15", "--intro", "For our 2027 plans.\nTen minutes."]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return path


# --- the command -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("due", ["15/12/2026", "2026-02-30", "2026-12-5", "tomorrow"])
def test_a_due_date_not_yyyy_mm_dd_is_a_usage_error(invoke, tmp_path, due):
    out = tmp_path / "survey.html"
    result = invoke("form", "--due", due, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: --due: expected a date like 2026-12-15, found '{due}'"]
    assert not out.exists()


def test_hand_off_text_from_the_command_line_is_shown_as_text(invoke, tmp_path):
    out = tmp_path / "survey.html"
    args = ("--send-to", "Sam\x1b[2J <script>", "--intro", "Line one\x07\nLine <two>", "--due", "2026-12-15")
    assert invoke("form", *args, "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    page = html.split("</style>")[1].split('<script type="application/json"')[0]  # the markup, before the data
    assert "\x1b" not in html and "\x07" not in html and "<script>" not in page
    assert 'send this file to Sam[2J &lt;script&gt; by <span class="nowrap">2026-12-15</span>.' in html
    assert '<p class="intro" id="intro">Line one\nLine &lt;two&gt;</p>' in html


def test_without_hand_off_options_the_page_has_no_hand_off_line(invoke, framework):
    from pmo_path.render.form import form_html

    html = form_html(framework)
    assert 'id="handoff"></p>' in html and 'id="intro"></p>' in html


# --- on the page, with and without JavaScript --------------------------------------------------------------------------


def test_hand_off_is_on_the_page_and_at_the_download_step_as_text(page_file, tmp_path, chromium):  # noqa: F811
    with chromium.new_context(accept_downloads=True) as context:
        page, errors = open_form(context, page_file)
        line = f"send this file to {SEND_TO} by 2026-12-15."
        assert line in page.inner_text("#handoff") and page.locator("#handoff b").count() == 0  # text, not markup
        assert page.inner_text("#intro") == "For our 2027 plans.\nTen minutes."
        page.get_by_role("button", name="Download my profile").click()
        assert line in page.inner_text("#check")
        with page.expect_download():
            page.click("#save")
        done = page.inner_text("#check")
        assert "Saved profile-" in done and f"Send this file to {SEND_TO} by 2026-12-15." in done
        assert f"Send this file to {SEND_TO}" in page.inner_text("#status")
        assert errors == []


def test_with_javascript_off_the_page_says_what_to_do(page_file, chromium):  # noqa: F811
    with chromium.new_context(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(page_file.as_uri())
        assert page.locator("#noscript").is_visible()
        message = page.inner_text("#noscript")
        assert "needs JavaScript" in message and f"tell {SEND_TO}" in message
        assert page.locator("#handoff").is_visible() and page.locator("h1").inner_text() == "Career self-assessment"
        # nothing that cannot work is offered: no empty questions, no dead download button
        assert not page.locator("#download").is_visible() and not page.locator("#name").is_visible()
    with chromium.new_context() as context:
        page = context.new_page()
        page.goto(page_file.as_uri())
        assert page.locator("#noscript").count() == 0 or not page.locator("#noscript").is_visible()
        assert page.locator("#download").is_visible()


# --- the check before download -----------------------------------------------------------------------------------------


def test_before_download_it_lists_what_is_missing_and_lets_the_person_go_on(page_file, framework, tmp_path, chromium):  # noqa: F811
    names = [c.name for c in framework.competencies.values()]
    with chromium.new_context(accept_downloads=True) as context:
        page, errors = open_form(context, page_file)
        page.check("#r-0-3")
        page.check("#r-1-skip")  # "not sure yet" is an answer: it is not listed
        page.get_by_role("button", name="Download my profile").click()
        missing = page.locator("#missing li").all_inner_texts()
        assert missing[0] == "Your name is missing."
        assert page.inner_text("#check-file").startswith("The file will be called profile-")
        assert missing[1:3] == ["Your current role is not chosen.", "The role you aim for is not chosen."]
        assert missing[3].startswith(f"{len(names) - 2} questions are not answered: 3. {names[2]}, 4. {names[3]}")
        assert names[0] not in missing[3] and names[1] not in missing[3]
        page.get_by_role("button", name=f"5. {names[4]}").click()  # back to that question, by keyboard too
        assert page.evaluate("document.activeElement.id") == "r-4-0" and not page.locator("#check").is_visible()
        page.get_by_label("Your name").fill("Ada Lovelace")
        page.get_by_label("Your current role").select_option(label="None of these / not in one")
        page.get_by_role("button", name="Download my profile").click()
        missing = page.locator("#missing li").all_inner_texts()
        assert len(missing) == 2 and missing[0] == "The role you aim for is not chosen."
        with page.expect_download() as got:
            page.get_by_role("button", name="Download anyway").click()
        assert got.value.suggested_filename == "ada-lovelace.yaml"
        assert "ada-lovelace.yaml" in page.inner_text("#check-title")
        page.click("#back")
        page.get_by_label("The role you aim for").select_option("pmo-manager")
        for index in range(2, len(names)):
            page.check(f"#r-{index}-1")
        page.get_by_role("button", name="Download my profile").click()
        assert page.locator("#missing").count() == 0 and "Every question is answered" in page.inner_text("#check")
        assert page.inner_text("#save") == "Download now"
        assert errors == []


# --- notes, kept whatever the rating ---------------------------------------------------------------------------------------


def test_a_note_on_an_unrated_question_survives_reload_and_download(invoke, page_file, framework, tmp_path, chromium):  # noqa: F811
    ids = list(framework.competencies)
    with chromium.new_context(accept_downloads=True) as context:
        page, errors = open_form(context, page_file)
        page.get_by_label("Your name").fill("Ada")
        page.fill("#e-0", "Shadowed the portfolio board for a quarter")  # no level chosen at all
        page.check("#r-1-skip")
        page.evaluate(  # pasted with DEL and other controls: stripped, the file still valid
            """() => { const note = document.getElementById("e-1");
                note.value = "Ran\\u007f a \\u0001PMO\\u009b review\\u2028twice";
                note.dispatchEvent(new Event("input", {bubbles: true})); }"""
        )
        page.check("#r-2-4")
        page.fill("#e-2", "Led the FY27 case")
        page.reload()  # stored answers keep the notes too
        assert page.input_value("#e-0") == "Shadowed the portfolio board for a quarter"
        assert page.is_checked("#r-1-skip") and not page.is_checked("#r-0-0")
        saved = download(page, tmp_path)
        assert errors == []
    checked = invoke("validate", str(saved))
    assert checked.exit_code == 0, (checked.stdout, checked.stderr, saved.read_text(encoding="utf-8"))
    profile = load_profile(str(saved), framework)
    assert dict(profile.notes) == {ids[0]: "Shadowed the portfolio board for a quarter", ids[1]: "Ran a PMO review\ntwice"}
    assert profile.levels() == {ids[2]: 4} and profile.ratings[ids[2]].evidence == "Led the FY27 case"


# --- file names and the local date ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("utc", "zone", "local"),
    [
        ("2026-11-30T23:30:00Z", "Asia/Tokyo", "2026-12-01"),  # already tomorrow there
        ("2026-12-01T03:00:00Z", "America/Los_Angeles", "2026-11-30"),  # still yesterday there
    ],
)
def test_file_names_from_any_name_and_the_local_date(invoke, page_file, framework, tmp_path, chromium, utc, zone, local):  # noqa: F811
    names = {
        "": f"profile-{local}.yaml",
        "   ": f"profile-{local}.yaml",
        "🙂🚀✨": f"profile-{local}.yaml",
        "王小明": "王小明.yaml",
        "Анна Петрова": "анна-петрова.yaml",
        "अनीता शर्मा": "अनीता-शर्मा.yaml",  # the vowel signs are part of the letters: kept
        "Zoë O'Brien-Ñúñez": "zoe-obrien-nunez.yaml",
        "-rf /": "rf.yaml",
        "CON": "con-profile.yaml",
        "李 🙂 Li": "李-li.yaml",
        "\u0301\u0301 Bo": "bo.yaml",  # accents with no letter under them are dropped
    }
    with chromium.new_context(accept_downloads=True, timezone_id=zone) as context:
        page, errors = open_form(context, page_file)
        page.clock.set_fixed_time(datetime.fromisoformat(utc.replace("Z", "+00:00")))
        page.reload()
        folder = tmp_path / zone.replace("/", "-")
        folder.mkdir()
        assert dict(zip(names, page.evaluate(FILE_NAMES, list(names)), strict=True)) == names  # what the page says
        for name in ("", "王小明"):  # and what the browser saves
            page.get_by_label("Your name").fill(name)
            saved = download(page, folder)
            assert saved.name == names[name]
            page.click("#back")
            text = saved.read_text(encoding="utf-8")
            assert f'\nassessed_on: "{local}"\n' in text
            assert text.splitlines()[0].endswith(f"check it with: pmo-path validate {saved.name}")
        assert errors == []
    assert invoke("validate", str(folder / "王小明.yaml")).exit_code == 0


# --- start again ---------------------------------------------------------------------------------------------------------------


def test_start_again_for_someone_else_clears_the_page_and_the_stored_answers(page_file, chromium):  # noqa: F811
    with chromium.new_context(accept_downloads=True) as context:
        page, errors = open_form(context, page_file)
        answers = {"dismiss": True}
        page.on("dialog", lambda dialog: dialog.dismiss() if answers["dismiss"] else dialog.accept())
        page.get_by_label("Your name").fill("First Person")
        page.get_by_label("Your current role").select_option("project-manager")
        page.check("#r-0-4")
        page.fill("#e-3", "a note")
        page.get_by_role("button", name="Start again for someone else").click()  # asked, and said no: all kept
        assert page.input_value("#name") == "First Person" and page.is_checked("#r-0-4")
        answers["dismiss"] = False
        page.get_by_role("button", name="Start again for someone else").click()
        assert page.input_value("#name") == "" and page.input_value("#current_role") == ""
        assert not page.is_checked("#r-0-4") and page.input_value("#e-3") == ""
        assert "0 of 15 rated" in page.inner_text("#progress-label")
        assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pmo-path-form:')).length") == 0
        assert page.evaluate("document.activeElement.id") == "name"
        page.reload()  # the next person opens it: nothing of the first
        assert page.input_value("#name") == "" and not page.is_checked("#r-0-4")
        # from the download step too, once the file is saved
        page.get_by_label("Your name").fill("Second Person")
        page.get_by_role("button", name="Download my profile").click()
        with page.expect_download():
            page.click("#save")
        page.locator("#check").get_by_role("button", name="Start again for someone else").click()
        assert not page.locator("#check").is_visible() and page.input_value("#name") == ""
        page.reload()
        assert page.input_value("#name") == ""
        assert errors == []


# --- focus never under the bar; the bar at 400% zoom ----------------------------------------------------------------------

FOCUSED = """() => {
    const node = document.activeElement, box = node.getBoundingClientRect();
    const bar = document.getElementById("bar").getBoundingClientRect();
    return {id: node.id, type: node.type || node.tagName, name: node.name || "",
            last: node.type === "radio" && [...document.getElementsByName(node.name)].pop() === node,
            top: box.top, bottom: box.bottom, left: box.left, right: box.right,
            barTop: bar.top, width: innerWidth, height: innerHeight};
}"""
OUTLINE = 5  # the focus ring: a 3px outline 2px away from the box


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_keyboard_focus_is_never_hidden_under_the_bar(page_file, framework, chromium, width, height):  # noqa: F811
    with chromium.new_context(viewport={"width": width, "height": height}) as context:
        page, errors = open_form(context, page_file)
        page.focus("#name")
        seen, radios = [], 0
        for _ in range(400):
            where = page.evaluate(FOCUSED)
            if where["id"] == "download":
                break
            seen.append(where["id"])
            assert where["top"] - OUTLINE >= 0 and where["left"] >= 0 and where["right"] <= where["width"], where
            assert where["bottom"] + OUTLINE <= where["barTop"], where  # fully above the sticky bar
            if where["type"] == "radio" and not where["last"]:
                page.keyboard.press("ArrowDown")  # through every option of the question
                radios += 1
            else:
                page.keyboard.press("Tab")
        else:
            pytest.fail("never reached the download button")
        options = page.locator("input[type=radio]").count()
        assert options == sum(len(c.levels) + 2 for c in framework.competencies.values())  # 0, 1..5, "not sure yet"
        assert len({i for i in seen if i.startswith("r-")}) == options and radios == options - len(framework.competencies)
        assert seen[:3] == ["name", "current_role", "target_role"] and seen[-1] == "clear"
        assert errors == []


def test_a_click_just_above_the_bar_is_not_lost_to_a_scroll(page_file, chromium):  # noqa: F811
    """Keeping keyboard focus clear of the bar must not move the page under a mouse: the click would miss."""
    with chromium.new_context(viewport={"width": 1280, "height": 900}) as context:
        page, errors = open_form(context, page_file)
        page.evaluate(  # the option for level 2 of question 3 ends 2px above the bar, inside the focus ring's room
            """() => { const box = document.getElementById("r-2-2").getBoundingClientRect();
                const bar = document.getElementById("bar").getBoundingClientRect();
                window.scrollBy(0, box.bottom + 2 - bar.top); }"""
        )
        before = page.evaluate("scrollY")
        box = page.locator("#r-2-2").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert page.is_checked("#r-2-2") and page.evaluate("scrollY") == before
        assert errors == []


def test_at_400_percent_zoom_the_bar_takes_at_most_a_quarter_of_the_screen(page_file, chromium):  # noqa: F811
    # 1280x1024 at 400% is a 320x256 CSS-pixel window
    window = {"width": 320, "height": 256}
    with chromium.new_context(viewport=window, device_scale_factor=4, accept_downloads=True) as context:
        page, errors = open_form(context, page_file)
        page.check("#r-0-2")
        assert page.locator("#bar").bounding_box()["height"] <= 256 / 4
        assert page.locator("#download").is_visible()
        page.get_by_role("button", name="Download my profile").click()
        box = page.locator("#check").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 256  # the download step fits the window (it scrolls inside)
        with page.expect_download():
            page.click("#save")
        page.click("#back")
        assert page.locator("#bar").bounding_box()["height"] <= 256 / 4  # with the saved message too
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert errors == []


# Any name at all: what the page makes of it is a file name every system accepts.
FILE_NAMES = """(names) => names.map((name) => {
    const field = document.getElementById("name");
    field.value = name;
    field.dispatchEvent(new Event("input", {bubbles: true}));
    document.getElementById("download").click();
    const said = document.getElementById("check-file").textContent;
    document.getElementById("check").close();
    return said.replace(/^The file will be called /, "").replace(/\\.$/, "");
})"""
UNSAFE_IN_FILE_NAMES = set('/\\:*?"<>|') | {chr(c) for c in range(32)} | {"\x7f"}


@pytest.fixture(scope="module")
def name_page(page_file, chromium):  # noqa: F811
    with chromium.new_context() as context:
        page, _ = open_form(context, page_file)
        yield page


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=120), min_size=1, max_size=40))
def test_any_name_makes_a_safe_file_name(name_page, names):
    made = name_page.evaluate(FILE_NAMES, names)
    for name, file in zip(names, made, strict=True):
        assert file.endswith(".yaml") and len(file) > len(".yaml"), (name, file)
        assert not file.startswith(("-", ".")) and not set(file) & UNSAFE_IN_FILE_NAMES, (name, file)
        assert len(file.encode("utf-8")) <= 255 and file == unicodedata.normalize("NFC", file), (name, file)
        assert not file[:-5].endswith(("-", " ")) and " " not in file, (name, file)
        assert unicodedata.category(file[0])[0] != "M", (name, file)  # no accent without its letter
