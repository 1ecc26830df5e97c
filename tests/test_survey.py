"""Real survey exports, as Google Forms and Microsoft Forms write them, and one person counted once.

Each export here is built in the shape its tool writes (Google Forms' CSV
with Timestamp, Email address and a grid question; Microsoft Forms' .xlsx
with ID, Start time, Completion time, Email, Name, Last modified time, and its
CSV with `;` and a byte-order mark), and `team`, `bench` and `validate` must
read it as it is and give the figures the same people give as YAML files.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
import zipfile
from datetime import date, datetime

import pytest
from conftest import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st

from pmo_path.domain.model import Profile
from pmo_path.domain.people import one_each, person_key
from pmo_path.reading.csv_team import read_csv_team
from pmo_path.reading.survey import Reader, date_order, parse_date

openpyxl = pytest.importorskip("openpyxl")

# Three people, as each would answer: ratings by competency id (None: left unanswered).
PEOPLE = [
    {
        "name": "Ana Silva",
        "current": "project-manager",
        "target": "pmo-manager",
        "when": datetime(2026, 11, 20, 9, 14, 3),
        "ratings": {"project-delivery": 4, "stakeholder-management": 3, "pmo-governance": 1, "strategic-thinking": 2},
    },
    {
        "name": "Cai Lin",
        "current": "pmo-analyst",
        "target": "pmo-manager",
        "when": datetime(2026, 11, 21, 16, 2, 41),
        "ratings": {"project-delivery": 3, "pmo-governance": 4, "metrics-reporting": 5, "financial-management": 0},
    },
    {
        "name": "Dee Okafor",
        "current": "senior-project-manager",
        "target": "pmo-manager",
        "when": datetime(2026, 11, 23, 8, 0, 0),
        "ratings": {"project-delivery": 5, "pmo-governance": 2, "people-development": 3, "change-leadership": 3},
    },
]


def yaml_team(folder, framework, people=PEOPLE):
    folder.mkdir(exist_ok=True)
    for person in people:
        lines = [
            f"name: {person['name']}",
            f"current_role: {person['current']}",
            f"target_role: {person['target']}",
            f"assessed_on: {person['when'].date().isoformat()}",
            "ratings:",
        ]
        lines += [f"  {c}: {level}" for c, level in person["ratings"].items()]
        (folder / f"{person['name'].lower().replace(' ', '-')}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def google_forms_csv(path, framework, people=PEOPLE):
    """Google Forms' CSV download: Timestamp, Email address, the questions; a grid question is one column a row."""
    names = [c.name for c in framework.competencies.values()]
    header = ["Timestamp", "Email address", "Your name", "Your current role", "The role you aim for"]
    header += [f"Rate yourself [{name}]" for name in names]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # CRLF, quotes where needed, as Google writes it
    writer.writerow(header)
    for person in people:
        stamp = person["when"]
        hour = stamp.hour % 12 or 12
        row = [
            f"{stamp:%Y/%m/%d} {hour}:{stamp:%M:%S} {'AM' if stamp.hour < 12 else 'PM'} GMT+1",
            f"{person['name'].split()[0].lower()}@example.org",
            person["name"],
            framework.roles[person["current"]].title,  # the form lists role titles
            framework.roles[person["target"]].title,
        ]
        for competency in framework.competencies:
            level = person["ratings"].get(competency)
            row.append("Not sure" if level is None else f"{level} - {framework.scale[level]}")
        writer.writerow(row)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


MS_COLUMNS = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]


def microsoft_rows(framework, people=PEOPLE, dates_as_text=False):
    names = [c.name for c in framework.competencies.values()]
    header = [*MS_COLUMNS, "Your name", "Your current role", "Target role"]
    header += [f"{name} - how would you rate yourself?" for name in names]
    rows = [header]
    for number, person in enumerate(people, 1):
        stamp = person["when"]
        shown = f"{stamp.month}/{stamp.day}/{stamp:%y} {stamp.hour}:{stamp:%M:%S}" if dates_as_text else stamp
        row = [number, shown, shown, "anonymous", "anonymous", None, person["name"]]
        row += [framework.roles[person["current"]].title, person["target"]]  # a title or an id: both are fine
        for competency in framework.competencies:
            level = person["ratings"].get(competency)
            row.append(None if level is None else framework.scale[level].capitalize())  # a Likert answer: the level name
        rows.append(row)
    return rows


def microsoft_forms_xlsx(path, framework, people=PEOPLE):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in microsoft_rows(framework, people):
        sheet.append(row)
    book.save(path)
    return path


def microsoft_forms_csv(path, framework, people=PEOPLE):
    """The same answers saved as CSV by Excel in much of Europe: `;`, a byte-order mark, CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";")
    for row in microsoft_rows(framework, people, dates_as_text=True):
        writer.writerow(["" if cell is None else cell for cell in row])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


EXPORTS = {"google.csv": google_forms_csv, "microsoft.xlsx": microsoft_forms_xlsx, "microsoft.csv": microsoft_forms_csv}


def without_files(team_json: str) -> dict:
    data = json.loads(team_json)
    for member in data["members"]:
        del member["file"]
    return data


@pytest.mark.parametrize("export", list(EXPORTS))
def test_each_export_reads_as_it_is_with_the_figures_of_the_yaml_team(invoke, framework, tmp_path, export):
    survey = EXPORTS[export](tmp_path / export, framework)
    folder = yaml_team(tmp_path / "yaml", framework)
    from_survey = invoke("team", str(survey), "-f", "json")
    from_yaml = invoke("team", str(folder), "-f", "json")
    assert from_survey.exit_code == 0, from_survey.stderr
    assert without_files(from_survey.stdout) == without_files(from_yaml.stdout)
    assert json.loads(from_survey.stdout)["people"] == 3
    bench = invoke("bench", str(survey), "-f", "json")
    assert bench.exit_code == 0, bench.stderr
    assert json.loads(bench.stdout) == json.loads(invoke("bench", str(folder), "-f", "json").stdout)
    checked = invoke("validate", str(survey))
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout.splitlines()[-1].endswith("and 3 profiles")


@pytest.mark.parametrize("export", list(EXPORTS))
def test_the_columns_that_are_no_answers_are_listed_once(invoke, framework, tmp_path, export):
    survey = EXPORTS[export](tmp_path / export, framework)
    result = invoke("team", str(survey), "-f", "json")
    notes = [line for line in result.stderr.splitlines() if "not answers" in line]
    assert len(notes) == 1 and notes[0].startswith(f"Note: {survey}: not answers, left out: ")
    if export == "google.csv":
        assert "'Timestamp' (its date is assessed_on), 'Email address'" in notes[0]
    else:
        for column in ("'Completion time' (its date is assessed_on)", "'ID'", "'Start time'", "'Email'", "'Last modified time'"):
            assert column in notes[0]
        # the form's own account column is not taken as the person: the question is, and stderr says so
        assert "the name is taken from 'Your name', not from 'Name'" in result.stderr
        assert "anonymous" not in result.stdout


def test_the_accounts_name_is_the_person_when_no_question_asks_it_and_anonymous_names_nobody(invoke, framework, tmp_path):
    rows = microsoft_rows(framework)
    index = rows[0].index("Your name")
    for row in rows:
        del row[index]
    rows[1][4] = "Ana Silva"  # signed in
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "signed.xlsx")
    people, failures = read_csv_team(str(tmp_path / "signed.xlsx"), framework)
    assert [p.name for _, p in people] == ["Ana Silva", None, None]
    assert all("the name is taken" not in str(f) for f in failures)


def test_a_grid_question_and_a_question_title_find_their_competency(framework, tmp_path):
    path = tmp_path / "titles.csv"
    path.write_text(
        "Full name,Role now,Next role,Rate yourself [project-delivery],Stakeholder management - how would you rate yourself?,"
        "How strong is your  STRATEGIC   thinking?\n"
        "Ana,PMO Analyst,pmo manager,Practitioner,2 (developing),level 4\n",
        encoding="utf-8",
    )
    [(_, ana)], failures = read_csv_team(str(path), framework)
    assert failures == []
    assert (ana.name, ana.current_role, ana.target_role) == ("Ana", "pmo-analyst", "pmo-manager")
    assert ana.levels() == {"project-delivery": 3, "stakeholder-management": 2, "strategic-thinking": 4}


def test_every_header_that_cannot_be_placed_is_in_one_message_and_columns_settles_them(invoke, framework, tmp_path):
    survey = google_forms_csv(tmp_path / "survey.csv", framework)
    lines = survey.read_bytes().decode().split("\r\n")
    lines[0] = (
        lines[0]
        .replace("Rate yourself [Project delivery]", "Rate yourself [Projct delivery]")
        .replace("Rate yourself [Strategic thinking]", "Leadership")
        .replace("Rate yourself [Business acumen]", "Business acumen and value delivery")
    ) + ",Anything else?"
    lines[1] += ',"Two lines:\r\nthe second, with a comma"'  # a free answer over two lines, quoted as Google quotes it
    lines[2:4] = [line + "," for line in lines[2:4]]
    survey.write_bytes("\r\n".join(lines).encode())
    yaml_team(tmp_path / "team", framework, PEOPLE[:1])
    result = invoke("team", str(survey), str(tmp_path / "team"), "-f", "json")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and errors[0].startswith(f"Error: {survey}:1: columns pmo-path cannot place: ")
    assert "'Rate yourself [Projct delivery]' matches no competency (did you mean 'Project delivery'?)" in errors[0]
    assert "'Leadership' matches no competency (did you mean 'Collaborative leadership' or 'Change leadership'?)" in errors[0]
    assert "'Business acumen and value delivery' names more than one competency (Business acumen, Value delivery)" in errors[0]
    assert "'Anything else?' matches no competency" in errors[0] and "--columns" in errors[0]
    assert json.loads(result.stdout)["people"] == 1  # the other input is still analysed
    mapping = tmp_path / "columns.yaml"
    mapping.write_text(
        "Rate yourself [Projct delivery]: project-delivery\nleadership: Strategic thinking\n"
        "business acumen and value delivery: business-acumen\nAnything else?: ignore\n",
        encoding="utf-8",
    )
    settled = invoke("team", str(survey), "--columns", str(mapping), "-f", "json")
    assert settled.exit_code == 0, settled.stderr
    as_yaml = invoke("team", str(yaml_team(tmp_path / "y", framework)), "-f", "json")
    assert without_files(settled.stdout) == without_files(as_yaml.stdout)
    assert "'Anything else?'" in settled.stderr  # left out, and said so
    assert invoke("bench", str(survey), "--columns", str(mapping)).exit_code == 0
    assert invoke("validate", str(survey), "--columns", str(mapping)).exit_code == 0


def test_a_bad_columns_map_is_named_with_its_line(invoke, framework, tmp_path):
    survey = google_forms_csv(tmp_path / "survey.csv", framework)
    mapping = tmp_path / "columns.yaml"
    mapping.write_text("Anything else?: ignore\nLeadership: strategic-thinkin\n", encoding="utf-8")
    result = invoke("team", str(survey), "--columns", str(mapping))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {mapping}:2: Leadership: 'strategic-thinkin' is no competency id")
    assert "(did you mean 'strategic-thinking'?)" in result.stderr
    checked = invoke("validate", str(survey), "--columns", str(mapping))
    assert checked.exit_code == 1 and f"{mapping}:2: Leadership:" in checked.stdout
    written = mapping.read_bytes()
    refused = invoke("bench", str(survey), "--columns", str(mapping), "-o", str(mapping))  # never an output over an input
    assert refused.exit_code == 2 and mapping.read_bytes() == written


def test_two_columns_for_one_competency_are_one_line_and_the_rest_analysed(invoke, framework, tmp_path):
    survey = tmp_path / "twice.csv"
    survey.write_text("name,strategic-thinking,Rate yourself [Strategic thinking]\nAna,3,3\n", encoding="utf-8")
    yaml_team(tmp_path / "team", framework, PEOPLE[:1])
    result = invoke("team", str(survey), str(tmp_path / "team"), "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {survey}:1: a column pmo-path cannot place: 'strategic-thinking' and 'Rate yourself [Strategic thinking]' "
        "both give Strategic thinking. Map each to a competency id, a person field or 'ignore' in a YAML file and "
        "pass --columns FILE\n"
    )
    assert json.loads(result.stdout)["people"] == 1


def test_bad_cells_are_named_by_row_and_column_and_only_that_row_is_left_out(invoke, framework, tmp_path):
    survey = google_forms_csv(tmp_path / "survey.csv", framework, [*PEOPLE, {**PEOPLE[0], "name": "Eve Adams"}])
    lines = survey.read_bytes().decode().split("\r\n")
    lines[2] = lines[2].replace("PMO Analyst", "PMO Analist")  # Cai
    lines[3] = lines[3].replace("5 - expert", "9")  # Dee
    lines[4] += ",,"  # Eve: more cells than headers
    survey.write_bytes("\r\n".join(lines).encode())
    yaml_team(tmp_path / "team", framework, PEOPLE[1:2])
    result = invoke("team", str(survey), str(tmp_path / "team"), "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["people"] == 2  # Ana from the survey, Cai from his file: nothing else lost
    assert [line for line in result.stderr.splitlines() if line.startswith("Error:")] == [
        f"Error: {survey}:3: Your current role: unknown role 'PMO Analist' (did you mean 'PMO Analyst'?); "
        "give a role id or title (pmo-path roles lists them)",
        f"Error: {survey}:4: Rate yourself [Project delivery]: must be from 0 to 5, found 9",
        f"Error: {survey}:5: has 22 cells, the header 20; row left out",
    ]


@pytest.mark.parametrize(
    ("cell", "level"),
    [
        ("3", 3),
        (" 3 ", 3),
        ("3 - practitioner", 3),
        ("3 – Practitioner", 3),
        ("3: practitioner", 3),
        ("3 (practitioner)", 3),
        ("3.0", 3),
        ("Level 3", 3),
        ("Practitioner", 3),
        ("  EXPERT ", 5),
        ("0 - none", 0),
        ("", None),
        ("N/A", None),
        ("n/a", None),
        ("Not sure", None),
        ("not  sure", None),
    ],
)
def test_a_rating_cell_reads_as_forms_write_it(framework, cell, level):
    assert Reader(framework).rating(cell) == level


@pytest.mark.parametrize("cell", ["3.5", "3-5", "9", "-1", "high", "practitioner-ish"])
def test_anything_else_in_a_rating_cell_is_an_error(framework, cell):
    with pytest.raises(ValueError, match=r"must be from 0 to 5|is not a level"):
        Reader(framework).rating(cell)


@given(st.integers(0, 5), st.sampled_from([" - ", " – ", ": ", " ", ". ", " ("]), st.text(min_size=1).filter(lambda t: t.strip()))
def test_a_number_then_any_label_is_that_level(level, separator, label):
    from conftest import bundled_framework

    cell = f"{level}{separator}{label.strip()}"  # a form's own label after the number: "3 - I can run it alone"
    assert Reader(bundled_framework()).rating(cell) == level


@pytest.mark.parametrize(
    ("cell", "order", "day"),
    [
        ("2026-11-20", "md", date(2026, 11, 20)),
        ("2026-11-20 09:14:03", "md", date(2026, 11, 20)),
        ("2026-11-20T09:14:03.120Z", "md", date(2026, 11, 20)),
        ("2026/11/20 9:14:03 AM GMT+1", "md", date(2026, 11, 20)),
        ("11/20/2026 9:14:03", "md", date(2026, 11, 20)),
        ("11/20/26 9:14:03", "md", date(2026, 11, 20)),
        ("3/4/2026 9:14:03", "md", date(2026, 3, 4)),
        ("3/4/2026 9:14:03", "dm", date(2026, 4, 3)),
        ("20.11.2026 09:14", "md", date(2026, 11, 20)),
        ("yesterday", "md", None),
        ("13/13/2026", "md", None),
    ],
)
def test_timestamps_in_the_shapes_the_tools_write(cell, order, day):
    assert parse_date(cell, order) == day


def test_day_or_month_first_is_told_by_the_column():
    assert date_order(["3/4/2026 9:00", "20/11/2026 9:14"]) == "dm"
    assert date_order(["3/4/2026 9:00", "11/20/2026 9:14"]) == "md"
    assert date_order(["3/4/2026 9:00"]) == "md"  # what both tools write by default


def test_a_timestamp_in_an_unknown_format_is_named_once_and_the_rows_kept(invoke, framework, tmp_path):
    survey = google_forms_csv(tmp_path / "survey.csv", framework)
    text = re.sub(r"\r\n2026/11/2[01] [^,]+,", "\r\nlast Friday,", survey.read_bytes().decode())
    survey.write_bytes(text.encode())
    result = invoke("team", str(survey), "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["people"] == 3
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        f"Error: {survey}: Timestamp: 2 dates in a format pmo-path does not know (first 'last Friday', row 2); "
        "those rows are read without assessed_on"
    ]
    people, _ = read_csv_team(str(survey), framework)
    assert [p.assessed_on for _, p in people] == [None, None, date(2026, 11, 23)]


def test_a_workbook_uses_saved_formula_values_and_names_merged_cells_and_unsaved_formulas(invoke, framework, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in microsoft_rows(framework):
        sheet.append(row)
    column = microsoft_rows(framework)[0].index("Project delivery - how would you rate yourself?") + 1
    sheet.cell(2, column, "=1+2")  # Ana's answer, computed; Excel saves its value beside it
    sheet.cell(3, column, "=2+2")  # Cai's, saved by a tool that never computed it
    sheet.merge_cells(start_row=4, start_column=column, end_row=4, end_column=column + 1)
    book.save(tmp_path / "raw.xlsx")
    path = tmp_path / "survey.xlsx"
    with zipfile.ZipFile(tmp_path / "raw.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>1+2</f><v />", b"<f>1+2</f><v>3</v>")
            target.writestr(item, data)
    result = invoke("team", str(path), "-f", "json")
    assert result.exit_code == 1
    letter = openpyxl.utils.get_column_letter(column)
    assert [line for line in result.stderr.splitlines() if line.startswith("Error:")] == [
        f"Error: {path}:3: {letter}3 is a formula with no saved value; open and save the workbook in Excel; row left out",
        f"Error: {path}:4: merged cells ({letter}4:{openpyxl.utils.get_column_letter(column + 1)}4); "
        "unmerge them, one answer a cell; row left out",
    ]
    people, _ = read_csv_team(str(path), framework)
    [(_, ana)] = people
    assert ana.name == "Ana Silva" and ana.levels()["project-delivery"] == 3


def test_a_merged_header_leaves_the_workbook_out(invoke, framework, tmp_path):
    book = openpyxl.Workbook()
    for row in microsoft_rows(framework):
        book.active.append(row)
    book.active.merge_cells("G1:H1")
    book.save(tmp_path / "survey.xlsx")
    result = invoke("team", str(tmp_path / "survey.xlsx"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'survey.xlsx'}:1: the header has merged cells (G1:H1); unmerge them, one header a column\n"
    )


def test_without_openpyxl_a_workbook_is_one_line_naming_the_extra(invoke, framework, tmp_path, monkeypatch):
    microsoft_forms_xlsx(tmp_path / "survey.xlsx", framework)
    yaml_team(tmp_path, framework, PEOPLE[:1])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # what a missing package looks like to `import`
    result = invoke("team", str(tmp_path), "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'survey.xlsx'}: reading .xlsx needs openpyxl, an optional extra: pip install 'pmo-path[xlsx]' "
        "(or: pip install openpyxl)\n"
    )
    assert json.loads(result.stdout)["people"] == 1


def test_a_survey_over_64_mib_is_refused_and_a_large_real_export_is_read(invoke, framework, tmp_path):
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.write(b"name,strategic-thinking\n")
        handle.truncate(64 * 1024 * 1024 + 1)
    result = invoke("validate", str(huge))
    assert result.exit_code == 1
    assert result.stdout == f"{huge}: file is larger than the 64 MiB limit (67,108,864 bytes)\n"
    many = [
        {**PEOPLE[number % 3], "name": f"Person {number:05d}", "when": datetime(2026, 1 + number % 12, 1 + number % 28, 9)}
        for number in range(20_000)
    ]
    survey = google_forms_csv(tmp_path / "big.csv", framework, many)
    assert survey.stat().st_size > 1024 * 1024  # over one profile's limit
    people, failures = read_csv_team(str(survey), framework)
    assert len(people) == 20_000 and [f for f in failures if "not answers" not in str(f)] == []


# --- one person counts once ---------------------------------------------------------------------------------------


def test_a_second_download_of_the_same_person_counts_once(invoke, framework, tmp_path):
    folder = yaml_team(tmp_path / "team", framework)
    first = folder / "ana-silva.yaml"
    again = folder / "ana-silva (1).yaml"
    again.write_text(first.read_text(encoding="utf-8").replace("project-delivery: 4", "project-delivery: 5"), encoding="utf-8")
    result = invoke("team", str(folder), "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["people"] == 3
    assert [m["file"] for m in data["members"] if m["name"] == "Ana Silva"] == [str(again)]  # the later input
    assert result.stderr == (f"Note: Ana Silva is in 2 inputs: counted once, from {again} (the latest); set aside: {first}\n")
    checked = invoke("validate", str(folder))
    assert checked.exit_code == 0
    assert checked.stdout.splitlines()[0] == (
        f"{first}: name: warning: Ana Silva is also in {again}, which team and bench count (the latest); this one is set aside"
    )
    assert checked.stdout.splitlines()[-1].endswith("and 4 profiles")
    assert "1 warning: team and bench count each person once" in checked.stderr


def test_a_resubmitted_row_counts_once_the_latest_answer_winning_over_row_order(invoke, framework, tmp_path):
    later = {**PEOPLE[0], "when": datetime(2026, 11, 25, 10), "ratings": {"project-delivery": 5}}
    survey = google_forms_csv(tmp_path / "survey.csv", framework, [later, *PEOPLE])  # the later answer is the first row
    result = invoke("team", str(survey), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["people"] == 3
    assert [m["file"] for m in json.loads(result.stdout)["members"] if m["name"] == "Ana Silva"] == [f"{survey}:2"]
    assert f"Note: Ana Silva is in 2 inputs: counted once, from {survey}:2 (the latest); set aside: {survey}:3" in result.stderr
    checked = invoke("validate", str(survey))
    assert checked.exit_code == 0
    assert checked.stdout.splitlines()[0].startswith(f"{survey}:3: name: warning: Ana Silva is also in {survey}:2")


def test_a_person_in_a_yaml_file_and_a_survey_row_counts_once_whatever_the_case_spacing_or_width(invoke, framework, tmp_path):
    folder = yaml_team(tmp_path / "team", framework)
    renamed = [{**PEOPLE[0], "name": "ＡNA   silva", "when": datetime(2026, 11, 1, 9)}]  # full-width A, other case and spaces
    survey = google_forms_csv(tmp_path / "survey.csv", framework, renamed)
    result = invoke("bench", str(folder), str(survey), "-f", "json")
    assert result.exit_code == 0
    assert f"counted once, from {folder / 'ana-silva.yaml'} (the latest); set aside: {survey}:2" in result.stderr
    assert json.loads(result.stdout) == json.loads(invoke("bench", str(folder), "-f", "json").stdout)


def test_people_without_a_name_are_never_merged(framework, tmp_path):
    profiles = [(f"p{n}.yaml", Profile(name=None)) for n in range(3)] + [("q.yaml", Profile(name="  "))]
    assert one_each(profiles) == (profiles, [])


names = st.sampled_from(["Ana Silva", "ana silva", " Ana  Silva ", "Cai Lin", "CAI LIN", "Dee"])
days = st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2026, 12, 31)))


@given(st.lists(st.tuples(names, days), max_size=12))
def test_one_each_keeps_one_input_a_person_the_latest_then_the_last(entries):
    profiles = [(f"in-{index}", Profile(name=name, assessed_on=day)) for index, (name, day) in enumerate(entries)]
    kept, aside = one_each(profiles)
    keys = [person_key(p.name) for _, p in kept]
    assert len(keys) == len(set(keys)) and set(keys) == {person_key(name) for name, _ in entries}
    assert len(kept) + len(aside) == len(profiles)
    for file, profile in kept:
        index = int(file.split("-")[1])
        rivals = [i for i, (_, p) in enumerate(profiles) if person_key(p.name) == person_key(profile.name)]
        best = max(rivals, key=lambda i: (profiles[i][1].assessed_on or date.min, i))
        assert index == best


def test_a_workbook_in_a_folder_with_yaml_files_is_read_as_well_and_excels_lock_file_skipped(invoke, framework, tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    shutil.copy(EXAMPLES / "jordan-lee.yaml", folder)
    microsoft_forms_xlsx(folder / "survey.xlsx", framework)
    (folder / "~$survey.xlsx").write_bytes(b"\x00" * 165)  # Excel's lock file while the workbook is open
    result = invoke("team", str(folder), "-t", "pmo-manager", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["people"] == 4


def test_a_csv_survey_never_loads_openpyxl(framework, tmp_path):
    import subprocess
    import textwrap

    survey = google_forms_csv(tmp_path / "survey.csv", framework)
    probe = textwrap.dedent(
        f"""
        import contextlib, io, sys
        from pmo_path.interface.cli import app
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                app(["team", {str(survey)!r}, "-f", "json"], prog_name="pmo-path")
            except SystemExit as done:
                assert done.code in (0, None), done.code
        print("openpyxl" in sys.modules)
        """
    )
    finished = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "False"


@given(st.data())
def test_a_competency_is_found_in_any_question_title_in_any_case(data):
    from conftest import bundled_framework

    from pmo_path.reading.survey import plan_columns

    framework = bundled_framework()
    competency = data.draw(st.sampled_from(sorted(framework.competencies.values(), key=lambda c: c.id)))
    spaced = "  ".join(competency.name.split())
    name = data.draw(st.sampled_from([competency.name, competency.id, competency.name.upper(), spaced]))
    template = data.draw(
        st.sampled_from(
            ["{}", "Rate yourself [{}]", "{} - how would you rate yourself?", "How strong is your {}?", "Q7. {}: your level"]
        )
    )
    plan = plan_columns("survey.csv", ["Your name", template.format(name)], framework)
    assert [column.target for column in plan.columns] == ["name", competency.id]


@pytest.mark.parametrize(
    ("header", "suggestion"),
    [
        ("Rate yourself [Delivery]", "(did you mean 'Project delivery' or 'Value delivery'?)"),
        ("Rate yourself [Stakeholder mgmt]", "(did you mean 'Stakeholder management'?)"),
        ("How good is your stakeholder mangement?", "(did you mean 'Stakeholder management'?)"),
        ("portfolio-managment", "(did you mean 'portfolio-management'?)"),
    ],
)
def test_a_header_that_matches_nothing_gets_a_suggestion(framework, header, suggestion):
    from pmo_path.errors import InputError
    from pmo_path.reading.survey import plan_columns

    with pytest.raises(InputError) as raised:
        plan_columns("survey.csv", ["name", header], framework)
    assert f"'{header}' matches no competency {suggestion}" in str(raised.value)


def test_parallel_reading_passes_columns_and_notices_as_one_process_does(framework, tmp_path, monkeypatch):
    from pmo_path.reading import team_files

    for number in range(12):
        people = [{**person, "name": f"{person['name']} {number}"} for person in PEOPLE]
        survey = google_forms_csv(tmp_path / f"survey-{number:02d}.csv", framework, people)
        survey.write_bytes(survey.read_bytes().replace(b"Rate yourself [Project delivery]", b"Delivery as you see it"))
    mapping = {"Delivery as you see it": "project-delivery"}
    single = team_files.load_team([str(tmp_path)], framework, mapping)
    monkeypatch.setattr(team_files, "PARALLEL_FROM", 10)
    monkeypatch.setattr(team_files.os, "cpu_count", lambda: 2)
    parallel = team_files.load_team([str(tmp_path)], framework, mapping)
    assert parallel.profiles == single.profiles and len(single.profiles) == 36
    assert single.profiles[0][1].levels()["project-delivery"] == 4
    assert parallel.failures == single.failures == []
    assert [str(n) for n in parallel.notices] == [str(n) for n in single.notices] and len(single.notices) == 12


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_a_survey_export_given_to_framework_import_is_named_in_one_line(invoke, framework, tmp_path, monkeypatch, export):
    """Not a role matrix whose emails and names would be unknown level names: one line saying what to give it to."""
    monkeypatch.chdir(tmp_path)
    path = EXPORTS[export](tmp_path / export, framework)
    result = invoke("framework", "import", path.name, "-o", "ours")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"Error: {export}: this looks like a survey export (a '")
    assert result.stderr.rstrip().endswith("not a role matrix: give it to pmo-path team or bench")
    assert "@example.org" not in result.stderr and not (tmp_path / "ours").exists()
