"""`pmo-path framework import`: the role-by-competency matrix an organisation keeps, as a framework folder.

Each matrix is imported through the CLI, then its roles.yaml is read back;
every bad input is one `Error:` line naming the cell, exit 1, nothing written.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_path.reading.matrix import slug
from pmo_path.reading.yamldoc import parse
from pmo_path.render.framework_yaml import yaml_key
from pmo_path.render.safe import yaml_text

openpyxl = pytest.importorskip("openpyxl")
FIXTURES = Path(__file__).parent / "fixtures"

# Three levels by name, a Group column, track, seniority and grade rows: the shape docs/own-framework.md shows.
NAMED = [
    ["Competency", "Group", "Analyst", "Lead", "Head"],
    ["track", "", "Delivery", "Delivery", "Delivery"],
    ["grade", "", "Band 5", "Band 6", "Band 7"],
    ["Planning", "Delivery", "Practitioner", "Expert", "Expert"],
    ["Risk", "", "Awareness", "Practitioner", "Expert"],
    ["Stakeholders", "People", "", "Awareness", "Expert"],
]
NUMBERS = [
    ["Competency", "Officer", "Manager", "Director"],
    ["Planning", "1", "2", "3"],
    ["Risk", "1", "2", "2"],
    ["Reporting", "2", "", "3"],
]


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",", newline: str = "\n", bom: bool = False) -> str:
    text = newline.join(delimiter.join(row) for row in rows) + newline
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode())
    return str(path)


def write_xlsx(path: Path, rows: list[list[object]], more_sheets: tuple[str, ...] = (), setup=None) -> str:
    book = openpyxl.Workbook()
    book.active.title = "Matrix"
    for row in rows:
        book.active.append([int(cell) if isinstance(cell, str) and cell.isdigit() else cell or None for cell in row])
    for name in more_sheets:
        book.create_sheet(name).append(["notes"])
    if setup:
        setup(book.active)
    book.save(path)
    return str(path)


def roles_of(folder: Path) -> dict:
    """roles.yaml as pmo-path's own reader and PyYAML (a YAML 1.1 reader, as many editors are) both read it."""
    text = (folder / "roles.yaml").read_text(encoding="utf-8")
    ours = parse(text, "roles.yaml").data
    assert yaml.safe_load(text) == ours
    return ours


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Run in tmp_path, so files are named as a person types them: `matrix.csv:B7`."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_sample_matrix_becomes_a_framework_folder(invoke, here):
    result = invoke("framework", "import", str(EXAMPLES / "matrix" / "framework-matrix.csv"), "-o", "our-framework")
    assert result.exit_code == 0, result.stderr
    data = roles_of(here / "our-framework")
    assert data["scale"] == ["Awareness", "Practitioner", "Expert"]  # from the sheet's own scale row
    assert data["sources"] == {"role-matrix": {"title": "Role matrix (framework-matrix.csv)"}}
    assert data["tracks"] == {"delivery": "Delivery", "pmo": "PMO"}
    assert data["groups"] == {"delivery": "Delivery", "people": "People", "governance": "Governance"}
    assert list(data["competencies"])[:2] == ["planning-and-scheduling", "risk-and-issue-management"]
    assert data["competencies"]["leading-teams"] == {"name": "Leading teams", "group": "people"}
    officer, manager, senior = (data["roles"][r] for r in ("project-officer", "project-manager", "senior-project-manager"))
    assert (officer["title"], officer["grade"], officer["track"], officer["seniority"]) == (
        "Project Officer",
        "EO",
        "delivery",
        1,
    )
    assert officer["requirements"]["planning-and-scheduling"] == "Practitioner"
    assert "leading-teams" not in officer["requirements"]  # a blank cell: the role does not need it
    assert officer["next"] == ["project-manager"] and manager["next"] == ["senior-project-manager"]
    assert "next" not in senior and data["roles"]["pmo-analyst"]["next"] == ["pmo-lead"]  # a ladder a track
    assert all(role["sources"] == ["role-matrix"] for role in data["roles"].values())
    assert all("weight" not in str(role) for role in data["roles"].values())  # the framework's default weight
    advice = (here / "our-framework" / "recommendations.yaml").read_text(encoding="utf-8")
    assert parse(advice, "r").data == {"schema_version": 1, "recommendations": {}}
    team = EXAMPLES / "matrix" / "team"  # the walk of docs/own-framework.md, to its team view and bench
    assert invoke("validate", str(team), "--data-dir", "our-framework").exit_code == 0
    shown = invoke("team", str(team), "-t", "pmo-lead", "--data-dir", "our-framework", env={"COLUMNS": "80"})
    assert shown.exit_code == 0 and "Governance and assurance" in shown.stdout and "Ben Okoro" in shown.stdout
    assert "Levels: 0 not yet · 1 Awareness · 2 Practitioner · 3 Expert." in shown.stdout
    bench = invoke("bench", str(team), "--data-dir", "our-framework", env={"COLUMNS": "80"})
    assert bench.exit_code == 0 and "PMO Analyst" in bench.stdout
    assert result.stderr.splitlines()[-2:] == [
        "Next: pmo-path validate --data-dir our-framework",
        "Then: pmo-path form -o survey.html --data-dir our-framework  (the questionnaire to send your team)",
    ]


def test_numbers_alone_make_a_numbered_scale_and_the_column_order_the_seniority(invoke, here):
    write_csv(here / "matrix.csv", NUMBERS)
    result = invoke("framework", "import", "matrix.csv", "-o", "out")
    assert result.exit_code == 0, result.stderr
    data = roles_of(here / "out")
    assert data["scale"] == ["Level 1", "Level 2", "Level 3"]
    assert "scale is levels 1 to 3" in result.stderr and "--scale" in result.stderr
    assert data["tracks"] == {"all-roles": "All roles"} and "groups" not in data
    assert [(ident, role["seniority"], role.get("next")) for ident, role in data["roles"].items()] == [
        ("officer", 1, ["manager"]),
        ("manager", 2, ["director"]),
        ("director", 3, None),
    ]
    assert data["roles"]["manager"]["requirements"] == {"planning": 2, "risk": 2}
    assert all("group" not in competency for competency in data["competencies"].values())


def test_scale_names_the_numbers_and_sets_the_top(invoke, here):
    write_csv(here / "matrix.csv", NUMBERS)
    result = invoke("framework", "import", "matrix.csv", "-o", "out", "--scale", "Aware, Practised,Competent,Proficient,Expert")
    assert result.exit_code == 0, result.stderr
    data = roles_of(here / "out")
    assert data["scale"] == ["Aware", "Practised", "Competent", "Proficient", "Expert"]
    assert data["roles"]["director"]["requirements"] == {"planning": "Competent", "risk": "Practised", "reporting": "Competent"}


def test_level_names_need_an_order(invoke, here):
    rows = [row for row in NAMED]
    write_csv(here / "matrix.csv", rows)
    result = invoke("framework", "import", "matrix.csv", "-o", "out")
    assert result.exit_code == 1
    assert errors(result) == [
        "Error: matrix.csv: the cells name levels (Practitioner C4, Expert D4, Awareness C5) but not their order; "
        "pass --scale \"NAME,NAME,...\" lowest first, or add a row 'scale' listing them"
    ]
    assert not (here / "out").exists()
    result = invoke("framework", "import", "matrix.csv", "-o", "out", "--scale", "awareness,practitioner,expert")
    assert result.exit_code == 0, result.stderr
    data = roles_of(here / "out")
    assert data["scale"] == ["awareness", "practitioner", "expert"]  # as given; cells match in any case
    assert data["roles"]["lead"] == {
        "title": "Lead",
        "grade": "Band 6",
        "track": "delivery",
        "seniority": 2,
        "requirements": {"planning": "expert", "risk": "practitioner", "stakeholders": "awareness"},
        "next": ["head"],
        "sources": ["role-matrix"],
    }
    # a blank group cell continues the group above, as a merged cell exports
    assert data["competencies"]["risk"]["group"] == "delivery"


def test_rows_above_the_first_group_have_none(invoke, here):
    rows = [list(row) for row in NAMED]
    rows[3][1] = ""  # Planning, Risk: no group yet; Stakeholders: People
    write_csv(here / "matrix.csv", rows)
    assert invoke("framework", "import", "matrix.csv", "-o", "out", *SCALE).exit_code == 0
    data = roles_of(here / "out")
    assert data["groups"] == {"people": "People"}
    assert [competency.get("group") for competency in data["competencies"].values()] == [None, None, "people"]
    assert invoke("validate", "--data-dir", "out").exit_code == 0


def test_a_spreadsheet_export_semicolons_crlf_bom_and_trailing_empty_columns(invoke, here):
    rows = [[*row, "", ""] for row in NAMED]
    rows.insert(1, ["Scale", "Awareness", "Practitioner", "Expert", "", "", ""])
    rows.append(["", "", "", "", "", "", ""])  # the empty rows below a table
    write_csv(here / "matrix.csv", rows, delimiter=";", newline="\r\n", bom=True)
    result = invoke("framework", "import", "matrix.csv", "-o", "out")
    assert result.exit_code == 0, result.stderr
    data = roles_of(here / "out")
    assert list(data["roles"]) == ["analyst", "lead", "head"]
    assert data["competencies"]["planning"] == {"name": "Planning", "group": "delivery"}  # no BOM in the first name
    write_csv(here / "plain.csv", [NAMED[0][:1] + NAMED[0][2:], *([row[0], *row[2:]] for row in NAMED[1:])])
    assert invoke("framework", "import", "plain.csv", "-o", "plain", "--scale", "Awareness,Practitioner,Expert").exit_code == 0
    plain = roles_of(here / "plain")
    assert plain["roles"] == data["roles"] and "groups" not in plain


def test_an_xlsx_reads_as_its_csv(invoke, here):
    write_csv(here / "matrix.csv", NAMED)
    write_xlsx(here / "matrix.xlsx", NAMED, more_sheets=("Notes", "Legend"))
    for name in ("matrix.csv", "matrix.xlsx"):
        result = invoke("framework", "import", name, "-o", name.replace(".", "-"), "--scale", "Awareness,Practitioner,Expert")
        assert result.exit_code == 0, result.stderr
    csv_text, xlsx_text = ((here / folder / "roles.yaml").read_text(encoding="utf-8") for folder in ("matrix-csv", "matrix-xlsx"))
    assert xlsx_text == csv_text.replace("(matrix.csv)", "(matrix.xlsx)")
    assert "matrix.xlsx: 3 sheets; read the first, 'Matrix' (left out: 'Notes', 'Legend')" in result.stderr


def test_a_group_merged_down_its_rows_is_one_group_in_an_xlsx(invoke, here):
    rows = [row for row in NAMED]
    write_xlsx(here / "matrix.xlsx", rows, setup=lambda sheet: sheet.merge_cells("B4:B5"))
    result = invoke("framework", "import", "matrix.xlsx", "-o", "out", "--scale", "Awareness,Practitioner,Expert")
    assert result.exit_code == 0, result.stderr
    assert roles_of(here / "out")["competencies"]["risk"]["group"] == "delivery"


# --- bad input: one line a cell, exit 1, nothing written ------------------------------------------------------


def header_twice(rows):
    rows[0][3] = " analyst "
    return rows


BAD_CSV = [
    (
        "blank role header",
        lambda rows: [[*row[:3], "", *row[4:]] if n == 0 else row for n, row in enumerate(rows)],
        ["matrix.csv:D1: blank role header; give the role's title, or delete the column"],
    ),
    ("role title twice", header_twice, ["matrix.csv:D1: role 'analyst' is also column C; give each role its own title"]),
    (
        "a cell neither number nor name",
        lambda rows: [*rows[:4], ["Risk", "", "Awareness", "Advanced", "Expert"], rows[5]],
        [
            "matrix.csv:D5: 'Advanced' is neither a level number (1 to 3) nor a level name (Awareness, Practitioner, Expert); "
            "leave it blank (or 0) if the role does not need it"
        ],
    ),
    (
        "a level above the scale",
        lambda rows: [*rows[:4], ["Risk", "", "1", "2", "4"], rows[5]],
        ["matrix.csv:E5: level 4 is above the scale's top, 3 (Expert)"],
    ),
    (
        "a blank row",
        lambda rows: [*rows[:4], ["", "", "", "", ""], *rows[4:]],
        ["matrix.csv:A5: blank row; delete it (one competency a row, no gaps)"],
    ),
    (
        "a heading spread over a row",
        lambda rows: [*rows[:4], ["", "People skills", "", "", ""], *rows[4:]],
        ["matrix.csv:A5: no competency name; each row's first cell names its competency"],
    ),
    (
        "a competency twice",
        lambda rows: [*rows, ["planning", "", "1", "", ""]],
        ["matrix.csv:A7: competency 'planning' is also row 4; give each its own name"],
    ),
    (
        "a bad seniority",
        lambda rows: [*rows[:2], ["seniority", "", "1", "two", "21"], *rows[2:]],
        [
            "matrix.csv:D3: seniority is a whole number from 1 to 20, found 'two'",
            "matrix.csv:E3: seniority is a whole number from 1 to 20, found '21'",
        ],
    ),
    (
        "a role without a track",
        lambda rows: [rows[0], ["track", "", "Delivery", "", "Delivery"], *rows[2:]],
        ["matrix.csv:D2: no track for 'Lead'; every role's track, or no track row"],
    ),
    (
        "a role that needs nothing",
        lambda rows: [row[:4] + ["0" if n > 2 else row[4]] for n, row in enumerate(rows)],
        ["matrix.csv:E1: 'Head' needs no level of any competency; a role needs at least one"],
    ),
    (
        "too few competencies",
        lambda rows: rows[:4],
        ["matrix.csv: 1 competency; a framework needs at least 3 (one row each, below the header)"],
    ),
    (
        "a scale row that is no scale",
        lambda rows: [rows[0], ["scale", "Basic", "", "basic"], *rows[1:]],
        ["matrix.csv:A2: scale: level name 'basic' is given twice"],
    ),
]


@pytest.mark.parametrize(("change", "expected"), [case[1:] for case in BAD_CSV], ids=[case[0] for case in BAD_CSV])
def test_each_bad_cell_is_named(invoke, here, change, expected):
    write_csv(here / "matrix.csv", change([list(row) for row in NAMED]))
    result = invoke("framework", "import", "matrix.csv", "-o", "out", "--scale", "Awareness,Practitioner,Expert")
    assert result.exit_code == 1, result.stderr
    assert errors(result) == [f"Error: {line}" for line in expected]
    assert not (here / "out").exists()


def test_every_problem_is_one_line_in_the_order_of_the_sheet(invoke, here):
    rows = [
        ["Competency", "A", "", "A", "B"],
        ["Planning", "1", "9", "1", "x"],
        ["", "", "", "", ""],
        ["Risk", "1", "", "1", "1"],
        ["Reporting", "2", "", "", "7"],
    ]
    write_csv(here / "matrix.csv", rows)
    result = invoke("framework", "import", "matrix.csv", "-o", "out", "--scale", "Low,High")
    assert result.exit_code == 1
    cells = [line.split(": ")[1] for line in errors(result)]
    assert cells == ["matrix.csv:C1", "matrix.csv:D1", "matrix.csv:E2", "matrix.csv:A3", "matrix.csv:E5"]
    assert not (here / "out").exists()


def test_workbook_problems(invoke, here):
    def merged_row(sheet):
        sheet.merge_cells("C5:E5")

    write_xlsx(here / "merged.xlsx", NAMED, setup=merged_row)
    result = invoke("framework", "import", "merged.xlsx", "-o", "out", "--scale", "Awareness,Practitioner,Expert")
    assert errors(result) == ["Error: merged.xlsx:C5: merged cells (C5:E5); unmerge them, one value a cell"]

    (here / "corrupt.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    result = invoke("framework", "import", "corrupt.xlsx", "-o", "out")
    assert result.exit_code == 1 and len(errors(result)) == 1
    assert errors(result)[0].startswith("Error: corrupt.xlsx: not an .xlsx workbook that can be read")

    result = invoke("framework", "import", str(FIXTURES / "matrix-password.xlsx"), "-o", "out")
    assert errors(result) == [
        f"Error: {FIXTURES / 'matrix-password.xlsx'}: is password-protected (encrypted); save a copy without the password"
    ]

    write_xlsx(here / "book.xlsx", NAMED)
    os.rename(here / "book.xlsx", here / "really-a-workbook.csv")
    result = invoke("framework", "import", "really-a-workbook.csv", "-o", "out")
    assert errors(result) == [
        "Error: really-a-workbook.csv: is a workbook (.xlsx, a zip file), not CSV text; name it .xlsx, or export CSV UTF-8"
    ]
    (here / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    result = invoke("framework", "import", "old.xls", "-o", "out")
    assert errors(result) == ["Error: old.xls: a .xls spreadsheet cannot be read; save it as .xlsx or as CSV UTF-8"]
    assert result.exit_code == 1 and not (here / "out").exists()


def test_a_formula_with_no_saved_value_is_named_by_cell(invoke, here):
    write_xlsx(here / "raw.xlsx", NAMED, setup=lambda sheet: sheet.cell(4, 3, "=1+1"))
    result = invoke("framework", "import", "raw.xlsx", "-o", "out", "--scale", "Awareness,Practitioner,Expert")
    assert errors(result) == ["Error: raw.xlsx:C4: a formula with no saved value; open and save the workbook in Excel"]


def test_without_openpyxl_an_xlsx_is_one_line_naming_the_extra(invoke, here, monkeypatch):
    import sys

    write_xlsx(here / "matrix.xlsx", NAMED)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    result = invoke("framework", "import", "matrix.xlsx", "-o", "out")
    assert result.exit_code == 1
    assert errors(result) == [
        "Error: matrix.xlsx: reading .xlsx needs openpyxl, an optional extra: pip install 'pmo-path[xlsx]' "
        "(or: pip install openpyxl)"
    ]
    write_csv(here / "matrix.csv", NUMBERS)  # a CSV never needs it
    assert invoke("framework", "import", "matrix.csv", "-o", "out").exit_code == 0


@pytest.mark.parametrize(
    ("scale", "message"),
    [
        ("Only", "1 level given; a scale has 2 to 7 (0, 'not yet', is implied)"),
        ("A,B,C,D,E,F,G,H", "8 levels given; a scale has 2 to 7 (0, 'not yet', is implied)"),
        ("Low,,High", "a level name is blank; list the names lowest first, separated by commas"),
        ("Low,high,HIGH", "level name 'HIGH' is given twice"),
        ("Low,3", "level name '3' is a number; name the levels (the numbers 1 to 2 come from their order)"),
        (
            "Not yet,Aware,Expert",
            "level name 'Not yet' means level 0 (not needed, not yet), which is implied; name the levels from 1",
        ),
    ],
)
def test_a_scale_option_that_is_no_scale_is_a_usage_error(invoke, here, scale, message):
    write_csv(here / "matrix.csv", NUMBERS)
    result = invoke("framework", "import", "matrix.csv", "-o", "out", "--scale", scale)
    assert result.exit_code == 2
    assert errors(result) == [f"Error: --scale: {message}"]
    assert not (here / "out").exists()


# --- the output folder: nothing a person owns is lost ------------------------------------------------------------


def test_a_folder_with_a_roles_yaml_is_replaced_only_with_force_and_advice_is_kept(invoke, here):
    write_csv(here / "matrix.csv", NUMBERS)
    (here / "out").mkdir()
    (here / "out" / "roles.yaml").write_text("roles: {}\n", encoding="utf-8")
    advice = "schema_version: 1\nrecommendations:\n  mine: {title: kept}\n"
    (here / "out" / "recommendations.yaml").write_text(advice, encoding="utf-8")
    result = invoke("framework", "import", "matrix.csv", "-o", "out")
    assert result.exit_code == 1
    assert errors(result) == [
        f"Error: {os.path.join('out', 'roles.yaml')}: already exists and may hold answers (YAML data); pass --force to replace it"
    ]
    assert (here / "out" / "roles.yaml").read_text(encoding="utf-8") == "roles: {}\n"
    result = invoke("framework", "import", "matrix.csv", "-o", "out", "--force")
    assert result.exit_code == 0, result.stderr
    assert "officer" in roles_of(here / "out")["roles"]
    assert (here / "out" / "recommendations.yaml").read_text(encoding="utf-8") == advice
    assert "Kept out/recommendations.yaml (your advice; validate checks it against the new roles)" in result.stderr
    assert sorted(os.listdir(here / "out")) == ["recommendations.yaml", "roles.yaml"]  # no temporary file left


def test_an_empty_folder_or_one_with_other_files_is_written_into(invoke, here):
    write_csv(here / "matrix.csv", NUMBERS)
    (here / "out").mkdir()
    (here / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    assert invoke("framework", "import", "matrix.csv", "-o", "out").exit_code == 0
    assert sorted(os.listdir(here / "out")) == ["notes.txt", "recommendations.yaml", "roles.yaml"]


def test_an_output_that_cannot_be_a_folder_is_refused_before_reading(invoke, here):
    write_csv(here / "matrix.csv", NUMBERS)
    (here / "file").write_text("x", encoding="utf-8")
    result = invoke("framework", "import", "matrix.csv", "-o", "file")
    assert errors(result) == ["Error: file: --output: is a file, not a folder; give a folder to write roles.yaml into"]
    result = invoke("framework", "import", "missing.csv", "-o", "no/such/folder")
    assert errors(result) == ["Error: no/such/folder: --output: cannot make the folder: 'no/such' does not exist"]
    assert (here / "file").read_text(encoding="utf-8") == "x"


def test_the_matrix_is_never_replaced(invoke, here):
    (here / "out").mkdir()
    write_csv(here / "out" / "roles.yaml", NUMBERS)  # a matrix saved under the name of the output
    result = invoke("framework", "import", "out/roles.yaml", "-o", "out", "--force")
    assert result.exit_code == 2
    assert errors(result)[0].startswith("Error: --output: 'out/roles.yaml' is an input of this command")


# --- text is data ---------------------------------------------------------------------------------------------


HOSTILE = [
    "no",
    "yes",
    "Lead: Delivery # 2",
    "- Band 7",
    "on",
    "null",
    "[x]",
    "{a: 1}",
    "&anchor *alias",
    "!!python/object x",
    "tab\there",
    "line\nbreak",
    "bell\x07 \x1b[31mred\x1b[0m",
    "'quoted'",
    '"double"',
    "back\\slash",
    "zero\u200bwidth",
    "rtl\u202eevil",
]


def test_titles_and_names_are_written_as_data(invoke, here):
    rows = [["Competency", *HOSTILE[:9]], ["track", *HOSTILE[:9]], ["grade", *HOSTILE[-9:]]]
    rows += [[name, *["1"] * 9] for name in HOSTILE]
    with open(here / "matrix.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = invoke("framework", "import", "matrix.csv", "-o", "out")
    assert result.exit_code == 0, result.stderr
    data = roles_of(here / "out")
    assert [role["title"] for role in data["roles"].values()] == HOSTILE[:9]
    assert [competency["name"] for competency in data["competencies"].values()] == HOSTILE
    assert list(data["tracks"].values()) == HOSTILE[:9]
    assert [role["grade"] for role in data["roles"].values()] == HOSTILE[-9:]
    assert all(isinstance(key, str) for key in [*data["roles"], *data["competencies"], *data["tracks"]])
    text = (here / "out" / "roles.yaml").read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text and "\u200b" not in text


@settings(deadline=None)
@given(st.text())
def test_yaml_text_reads_back_as_written(text):
    document = f"a: {yaml_text(text)}\nb: [{yaml_text(text)}]\n"
    assert yaml.safe_load(document) == {"a": text, "b": [text]}
    assert parse(document, "t").data == {"a": text, "b": [text]}


@given(st.text())
def test_an_id_made_from_any_name_is_a_key_every_reader_keeps_as_text(name):
    ident = slug(name)
    assert ident == ident.strip("-") and "--" not in ident and not any(char.isspace() for char in ident)
    if ident:
        assert yaml.safe_load(f"{yaml_key(ident)}: 1") == {ident: 1}


def test_ids_are_unique_and_plain():
    from pmo_path.reading.matrix import unique_id

    taken: set[str] = set()
    names = ["Risk & Issue", "Risk / Issue", "Gestión de riesgos", "???", "项目管理", "Yes"]
    assert [unique_id(name, taken, "role") for name in names] == [
        "risk-issue",
        "risk-issue-2",
        "gestion-de-riesgos",
        "role",
        "项目管理",
        "yes",
    ]
    assert yaml_key("yes") == '"yes"' and yaml_key("risk-issue") == "risk-issue" and yaml_key("2nd") == '"2nd"'


def test_a_row_no_role_needs_is_kept_and_named(invoke, here):
    write_csv(here / "matrix.csv", [*NUMBERS, ["Delivery skills", "", "", ""]])
    result = invoke("framework", "import", "matrix.csv", "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert "matrix.csv: no role needs A5 'Delivery skills'; kept as competencies people rate" in result.stderr
    assert "delivery-skills" in roles_of(here / "out")["competencies"]


def test_zip_bytes_in_a_stream_are_refused_as_a_workbook(tmp_path):
    from pmo_path.errors import InputError
    from pmo_path.reading.matrix import read_matrix

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x", "y")
    (tmp_path / "m.txt").write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="is a workbook"):
        read_matrix(str(tmp_path / "m.txt"))


LEVEL_CELL = st.sampled_from(["", "0", "1", "2", "3", "-", "Awareness", "expert", " Practitioner "])


@st.composite
def sheets(draw):
    """A matrix with any names (controls, quotes, YAML syntax), levels in the cells, and now and then any text in one cell."""
    roles = draw(st.integers(1, 4))
    names = draw(st.lists(st.text(min_size=1, max_size=8), min_size=3 + roles, max_size=3 + roles + 3))
    titles = [f"{name}{index}" for index, name in enumerate(names[:roles])]  # a digit at the end: never blank, never twice
    competencies = [f"{name}{index}" for index, name in enumerate(names[roles:])]
    grid = [["Competency", *titles]]
    grid += [
        [name, *(["1"] * roles if row == 0 else draw(st.lists(LEVEL_CELL, min_size=roles, max_size=roles)))]
        for row, name in enumerate(competencies)
    ]
    if draw(st.booleans()):
        row, column = draw(st.integers(0, len(grid) - 1)), draw(st.integers(0, roles))
        grid[row][column] = draw(st.text(max_size=6))
    return grid


@settings(deadline=None)  # a file written and read each time: slow on a busy machine, never wrong
@given(sheets())
def test_any_sheet_is_a_framework_or_problems_by_cell_never_a_crash(grid):
    """Whatever the cells hold: a Matrix whose roles.yaml reads back as written, or InputErrors that each name the file."""
    import tempfile

    from pmo_path.errors import InputError
    from pmo_path.reading.matrix import read_matrix
    from pmo_path.render.framework_yaml import roles_yaml

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "m.csv")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(grid)
        try:
            matrix = read_matrix(path, ("Awareness", "Practitioner", "Expert"))
        except InputError as err:
            assert all(str(problem).startswith(path) for problem in err.problems)
            return
    data = parse(roles_yaml(matrix), "roles.yaml").data
    assert [role["title"] for role in data["roles"].values()] == [role.title for role in matrix.roles]
    assert [c["name"] for c in data["competencies"].values()] == [c.name for c in matrix.competencies]
    assert all(role["requirements"] for role in data["roles"].values())


# --- once imported: every command uses the framework as it is ---------------------------------------------------

PEOPLE = {
    "ana.yaml": "name: Ana Silva\ncurrent_role: analyst\ntarget_role: head\nratings: {planning: 2, risk: 1, stakeholders: 1}\n",
    "ben.yaml": "name: Ben Okoro\ncurrent_role: lead\ntarget_role: head\nratings: {planning: 3, risk: 2, stakeholders: 2}\n",
}
SCALE = ("--scale", "Awareness,Practitioner,Expert")


def import_each(invoke, here, shape: str) -> str:
    """One of the matrices a test imports, as a folder name: CSV, the same as .xlsx, a spreadsheet export, numbers."""
    if shape == "csv":
        write_csv(here / "matrix.csv", NAMED)
    elif shape == "xlsx":
        write_xlsx(here / "matrix.xlsx", NAMED, more_sheets=("Notes",))
    elif shape == "export":
        rows = [[*row, ""] for row in NAMED]
        rows.insert(1, ["scale", "Awareness", "Practitioner", "Expert"])
        write_csv(here / "matrix.csv", rows, delimiter=";", newline="\r\n", bom=True)
    name = "matrix.xlsx" if shape == "xlsx" else "matrix.csv"
    result = invoke("framework", "import", name, "-o", shape, *(SCALE if shape in ("csv", "xlsx") else ()))
    assert result.exit_code == 0, result.stderr
    return shape


@pytest.mark.parametrize("shape", ["csv", "xlsx", "export"])
def test_an_imported_matrix_validates_and_assess_team_and_bench_use_it(invoke, here, shape):
    folder = import_each(invoke, here, shape)
    result = invoke("validate", "--data-dir", folder)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "OK: framework (3 roles, 3 competencies, 0 recommendations)" in result.stdout
    (here / "team").mkdir()
    for name, text in PEOPLE.items():
        (here / "team" / name).write_text(text, encoding="utf-8")
    assert invoke("validate", "team", "--data-dir", folder).exit_code == 0
    env = {"COLUMNS": "120"}
    assess = invoke("assess", "-p", "team/ana.yaml", "--data-dir", folder, env=env)
    assert assess.exit_code == 0, assess.stderr
    assert "Head (Band 7)" in assess.stdout and "2 Practitioner" in assess.stdout and "3 Expert" in assess.stdout
    team = invoke("team", "team", "-t", "head", "--data-dir", folder, env=env)
    assert team.exit_code == 0, team.stderr
    assert "Stakeholders" in team.stdout and "Ben Okoro" in team.stdout
    bench = invoke("bench", "team", "--data-dir", folder, "-f", "json")
    assert bench.exit_code == 0, bench.stderr
    assert "Ana Silva" in bench.stdout and "lead" in bench.stdout
    for output in (assess.stdout, team.stdout, bench.stdout):
        assert "Talent Triangle" not in output and "strategic-thinking" not in output and "PMO Director" not in output


def test_the_next_commands_run_as_printed(invoke, here, monkeypatch):
    import shlex

    write_csv(here / "matrix.csv", NUMBERS)
    result = invoke("framework", "import", "matrix.csv", "-o", "our framework")
    assert result.exit_code == 0, result.stderr
    printed = [line.split(": ", 1)[1] for line in result.stderr.splitlines() if line.startswith(("Next: ", "Then: "))]
    assert len(printed) == 2
    for line in printed:
        words = shlex.split(line.split("  (")[0])
        assert words[0] == "pmo-path" and words[-2:] == ["--data-dir", "our framework"]
        ran = invoke(*words[1:])
        assert ran.exit_code == 0, ran.stdout + ran.stderr
    assert "Officer" in (here / "survey.html").read_text(encoding="utf-8")


def test_the_framework_group_reads_the_same_when_only_it_is_built():
    """The console script builds only the group run (interface.cli): its help and a misspelt subcommand read as in full."""
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "100"}
    full = "from pmo_path.interface.cli import app; app(prog_name='pmo-path')"
    for args in (["framework", "import", "--help"], ["framework", "imprt"], ["framework"]):
        slim = subprocess.run([sys.executable, "-m", "pmo_path", *args], capture_output=True, text=True, env=env, timeout=30)
        whole = subprocess.run([sys.executable, "-c", full, *args], capture_output=True, text=True, env=env, timeout=30)
        assert (slim.returncode, slim.stdout, slim.stderr) == (whole.returncode, whole.stdout, whole.stderr), args
    assert "import  A role-by-competency matrix (CSV, .xlsx) as a framework folder." in slim.stderr  # bare: its help


def test_the_three_level_framework_of_the_own_framework_tests_is_what_import_makes(invoke, here):
    """tests/frameworks/three-level/ (every command runs on it in test_own_frameworks) is the import of
    three-level.csv, byte for byte; the same rows as an .xlsx import to the same framework."""
    frameworks = Path(__file__).parent / "frameworks"
    assert invoke("framework", "import", str(frameworks / "three-level.csv"), "-o", "csv").exit_code == 0
    for name in ("roles.yaml", "recommendations.yaml"):
        assert (here / "csv" / name).read_bytes() == (frameworks / "three-level" / name).read_bytes(), name
    with open(frameworks / "three-level.csv", encoding="utf-8", newline="") as handle:
        write_xlsx(here / "three-level.xlsx", list(csv.reader(handle)))
    assert invoke("framework", "import", "three-level.xlsx", "-o", "xlsx").exit_code == 0
    expected = (frameworks / "three-level" / "roles.yaml").read_text(encoding="utf-8")
    assert (here / "xlsx" / "roles.yaml").read_text(encoding="utf-8") == expected.replace("three-level.csv", "three-level.xlsx")
    assert invoke("validate", "--data-dir", "xlsx").exit_code == 0


def test_the_form_of_an_imported_xlsx_in_chromium_saves_a_profile_team_reads(invoke, here):
    """From a workbook to a team view: import the .xlsx, make the form, rate in Chromium with the scale's names,
    download, and the saved file validates and counts in `team` (docs/own-framework.md's walk)."""
    from test_form import CHROMIUM, download, open_form

    sync_api = pytest.importorskip("playwright.sync_api", reason="the test extra's playwright package is not installed")
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")
    with open(Path(__file__).parent / "frameworks" / "three-level.csv", encoding="utf-8", newline="") as handle:
        write_xlsx(here / "matrix.xlsx", list(csv.reader(handle)))
    assert invoke("framework", "import", "matrix.xlsx", "-o", "fw").exit_code == 0
    assert invoke("form", "-t", "change-lead", "--data-dir", "fw", "-o", "survey.html").exit_code == 0
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            with browser.new_context(accept_downloads=True) as context:
                page, errors = open_form(context, here / "survey.html")
                assert "Practitioner" in page.inner_text("body") and "Expert" in page.inner_text("body")
                page.get_by_label("Your name").fill("Ada Obi")
                for index in range(5):  # the role's five competencies, each at level index % 3 + 1
                    page.check(f"#r-{index}-{index % 3 + 1}")
                saved = download(page, here)
                assert errors == []
        finally:
            browser.close()
    checked = invoke("validate", str(saved), "--data-dir", "fw")
    assert checked.exit_code == 0, checked.stdout
    from pmo_path.reading.framework import load_framework
    from pmo_path.reading.profile import load_profile

    framework = load_framework("fw")
    rated = load_profile(str(saved), framework).levels()
    assert sorted(rated.values()) == sorted(index % 3 + 1 for index in range(5)) and set(rated) == set(framework.competencies)
    (here / "team").mkdir()
    saved.rename(here / "team" / saved.name)
    shown = invoke("team", "team", "-t", "change-lead", "--data-dir", "fw", env={"COLUMNS": "100"})
    assert shown.exit_code == 0 and "Ada Obi" in shown.stdout and "→ Change Lead" in shown.stdout
    assert "Levels: 0 not yet · 1 Awareness · 2 Practitioner · 3 Expert." in shown.stdout


def test_a_bad_cell_is_quoted_inert_in_its_error_line(invoke, here):
    rows = [list(row) for row in NUMBERS]
    rows[2][2] = "\x1b[2J\x07[bold]x[/bold]"
    write_csv(here / "matrix.csv", rows)
    result = invoke("framework", "import", "matrix.csv", "-o", "out")
    [line] = errors(result)  # a number matrix with one word: named with its cell
    assert line.startswith("Error: matrix.csv: the cells name levels (\\x1b[2J\\x07[bold]x[/bold] C3) but not their order")
    result = invoke("framework", "import", "matrix.csv", "-o", "out", "--scale", "Low,Mid,High")
    [line] = errors(result)
    assert line.startswith("Error: matrix.csv:C3: '\\x1b[2J\\x07[bold]x[/bold]' is neither a level number")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
