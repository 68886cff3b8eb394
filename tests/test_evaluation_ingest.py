"""Reading result exports: every shape gives the same answers; bad files say file:line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glocal.cli import cli

from .evalgen import BERLIN_L1, TIDY_HEADER, make_workspace, tidy_rows
from .wsgen import PROGRAM_ID

QUESTION = "How relevant was this session to your work?"


def _run(runner: CliRunner, root: Path) -> tuple[int, str, str]:
    result = runner.invoke(cli, [
        "evaluate", PROGRAM_ID, "--workspace", str(root), "--results", str(root / "results"),
        "--out", str(root / "out"), "--today", "2027-10-01",
    ])
    return result.exit_code, result.stdout, result.stderr


def _config(root: Path, text: str) -> None:
    (root / "programs" / PROGRAM_ID / "evaluation.yaml").write_text(text, encoding="utf-8")


def _l1(root: Path) -> dict[str, object]:
    doc = json.loads((root / "out" / "evaluation.json").read_text(encoding="utf-8"))
    berlin = next(g for g in doc["groups"] if g["grouping"] == "cohort" and g["key"] == "berlin")
    level: dict[str, object] = berlin["levels"]["1"]
    return level


def _wide(header: list[str], row: callable) -> list[list[str]]:  # type: ignore[valid-type]
    rows = [header]
    for who, answers in BERLIN_L1.items():
        for title, value in zip(("Intro", "Practice"), answers, strict=True):
            rows.append(row(who, title, str(value)))
    return rows


def _csv(rows: list[list[str]]) -> str:
    return "".join(",".join(f'"{c}"' if "," in c or '"' in c else c for c in r) + "\r\n" for r in rows)


MAPPING = """exports:
  - file: {file}
    format: {format}
    cohort_column: {cohort}
    participant_column: {participant}
    module_column: {module}
    questions:
      - {{column: "{question}", level: 1, measure: relevance}}
"""


def _shape(root: Path, shape: str) -> None:
    results = root / "results"
    if shape == "microsoft-forms":
        rows = _wide(["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Cohort", "Participant code", "Session", QUESTION],
                     lambda who, title, v: ["1", "3/1/2027 10:01:02", "3/1/2027 10:05:11", "anonymous", "", "", "berlin", who, title, v])
        (results / "l1.csv").write_bytes(("\ufeff" + _csv(rows)).encode("utf-8"))  # Forms writes a BOM
        _config(root, MAPPING.format(file="l1.csv", format=shape, cohort="Cohort", participant="Participant code", module="Session", question=QUESTION))
    elif shape == "google-forms":
        rows = _wide(["Timestamp", "Cohort", "Participant code", "Session", QUESTION],
                     lambda who, title, v: ["3/1/2027 10:05:11", "berlin", who, title, v])
        (results / "l1.csv").write_text(_csv(rows), encoding="utf-8")
        _config(root, MAPPING.format(file="l1.csv", format=shape, cohort="Cohort", participant="Participant code", module="Session", question=QUESTION))
    else:
        rows = _wide(["StartDate", "EndDate", "RecordedDate", "ResponseId", "Q1", "Q2", "Q3", "Q4"],
                     lambda who, title, v: ["2027-03-01 10:01:02", "2027-03-01 10:05:11", "2027-03-01 10:05:11", f"R_{who}{title}", "berlin", who, title, v])
        texts = ["Start Date", "End Date", "Recorded Date", "Response ID", "Your cohort", "Participant code", "Session", QUESTION]
        ids = [json.dumps({"ImportId": k}) for k in ("startDate", "endDate", "recordedDate", "_recordId", "QID1", "QID2", "QID3", "QID4")]
        (results / "l1.csv").write_text(_csv([rows[0], texts, ids, *rows[1:]]), encoding="utf-8")
        # Qualtrics columns may be named by id (Q1) or by question text
        _config(root, MAPPING.format(file="l1.csv", format=shape, cohort="Q1", participant="Participant code", module="Q3", question=QUESTION))


@pytest.mark.parametrize("shape", ["tidy", "microsoft-forms", "google-forms", "qualtrics"])
def test_every_export_shape_gives_the_same_figures(tmp_path: Path, runner: CliRunner, shape: str) -> None:
    root = make_workspace(tmp_path, tidy=shape == "tidy")
    if shape != "tidy":
        _shape(root, shape)
    code, _, err = _run(runner, root)
    assert code == 0, err
    level = _l1(root)
    assert (level["n"], level["mean"], level["ci95"], level["response_rate"]) == (5, 4.1, [3.2905, 4.9095], 0.5)
    files = json.loads((root / "out" / "evaluation.json").read_text(encoding="utf-8"))["files"]
    assert list(files.values()) == [shape]


def test_labels_reverse_coding_and_rescaling(tmp_path: Path, runner: CliRunner) -> None:
    root = make_workspace(tmp_path, tidy=False)
    rows = [["Timestamp", "Cohort", "Code", "Too theoretical", "Score 0-10"]]
    answers = {"b1": ("Agree", "10"), "b2": ("Disagree", "0"), "b3": ("Neutral", "5"), "b4": ("Agree", "10"), "b5": ("Disagree", "5")}
    rows += [["3/9/2027 9:00:00", "berlin", who, a, b] for who, (a, b) in answers.items()]
    (root / "results" / "l1.csv").write_text(_csv(rows), encoding="utf-8")
    _config(root, """exports:
  - file: l1.csv
    format: google-forms
    cohort_column: Cohort
    participant_column: Code
    questions:
      - {column: Too theoretical, level: 1, measure: practical, reverse: true, scale: {min: 1, max: 5},
         labels: {Disagree: 2, Neutral: 3, Agree: 4}}
      - {column: Score 0-10, level: 1, measure: score, scale: {min: 0, max: 10}}
""")
    code, _, err = _run(runner, root)
    assert code == 0, err
    measures = _l1(root)["measures"]
    # reverse of 4, 2, 3, 4, 2 on 1-5 is 2, 4, 3, 2, 4: mean 3
    assert measures["practical"]["mean"] == 3  # type: ignore[index]
    # 10, 0, 5, 10, 5 on 0-10 rescaled to the level's 1-5: 5, 1, 3, 5, 3
    assert measures["score"]["mean"] == 3.4  # type: ignore[index]


def test_bad_tidy_file_reports_every_problem_with_its_line(tmp_path: Path, runner: CliRunner) -> None:
    root = make_workspace(tmp_path)
    rows = tidy_rows()
    rows[2] = rows[2].replace("berlin,", "berln,", 1)  # line 4
    rows[10] = rows[10].replace(",2,pre,40,", ",2,pre,forty,")  # line 12
    rows.append(rows[0])  # a duplicate of line 2, at the end
    (root / "results" / "answers.csv").write_text(TIDY_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    code, _, err = _run(runner, root)
    assert code == 2
    last = len(rows) + 1
    assert "results/answers.csv:4: unknown cohort 'berln'; did you mean 'berlin'?" in err
    assert "results/answers.csv:12: value 'forty' is not a number; write a number such as 4 or 3.5" in err
    assert (f"results/answers.csv:{last}: duplicate response: participant 'b1' of cohort 'berlin' answered "
            "level 1 measure 'relevance' about module 'intro' already at results/answers.csv:2; keep one of them") in err
    assert "3 errors; nothing was written" in err
    assert not (root / "out" / "evaluation.json").exists()
    assert not (root / "out" / "report.html").exists()


def test_missing_column(tmp_path: Path, runner: CliRunner) -> None:
    root = make_workspace(tmp_path)
    (root / "results" / "answers.csv").write_text("cohort,participant,level,measure\nberlin,b1,1,relevance\n", encoding="utf-8")
    code, _, err = _run(runner, root)
    assert code == 2
    assert "results/answers.csv:1: missing column 'value'; a tidy file needs columns cohort, participant, level, measure, value" in err


def test_bad_wide_export_lines_count_quoted_newlines(tmp_path: Path, runner: CliRunner) -> None:
    root = make_workspace(tmp_path, tidy=False)
    text = (
        "Timestamp,Cohort,Participant code,Comment,Q\r\n"
        '3/1/2027 10:00:00,berlin,b1,"two\r\nlines",4\r\n'  # lines 2-3
        "3/1/2027 10:00:00,berlin,b2,,very\r\n"  # line 4
        "3/1/2027 10:00:00,tokio,b3,,4\r\n"  # line 5
        "3/1/2027 10:00:00,berlin,b1,,5\r\n"  # line 6: b1 again
        "someday,berlin,b4,,5\r\n"  # line 7
    )
    (root / "results" / "l1.csv").write_text(text, encoding="utf-8")
    _config(root, "exports:\n  - {file: l1.csv, format: google-forms, cohort_column: Cohort, participant_column: Participant code,\n"
                  "     questions: [{column: Q, level: 1, measure: relevance}]}\n")
    code, _, err = _run(runner, root)
    assert code == 2
    assert "results/l1.csv:4: answer 'very' to 'Q' is not a number" in err
    assert "results/l1.csv:5: unknown cohort 'tokio'; did you mean 'tokyo'?" in err
    assert "results/l1.csv:6: duplicate response: participant 'b1' of cohort 'berlin' answered level 1 measure 'relevance' already at results/l1.csv:2" in err
    assert "results/l1.csv:7: date 'someday' is not a date" in err


def test_qualtrics_without_its_extra_rows(tmp_path: Path, runner: CliRunner) -> None:
    root = make_workspace(tmp_path, tidy=False)
    (root / "results" / "l2.csv").write_text("Q1,Q2,SC0\nberlin,b1,50\nberlin,b2,60\n", encoding="utf-8")
    _config(root, "exports:\n  - {file: l2.csv, format: qualtrics, cohort_column: Q1, participant_column: Q2,\n"
                  "     questions: [{column: SC0, level: 2, measure: pre}]}\n")
    code, _, err = _run(runner, root)
    assert code == 2
    assert "results/l2.csv:3: not a Qualtrics export" in err


def test_bad_mapping_file(tmp_path: Path, runner: CliRunner) -> None:
    root = make_workspace(tmp_path)
    _config(root, "min_grup: 3\nexports:\n  - file: missing.csv\n    format: surveymonkey\n    participant_column: P\n"
                  "    questions: [{column: Q, level: 5, measure: x}]\n")
    code, _, err = _run(runner, root)
    assert code == 2
    assert f"programs/{PROGRAM_ID}/evaluation.yaml:1:1: unknown key 'min_grup'" in err
    assert f"programs/{PROGRAM_ID}/evaluation.yaml:4:13:" in err  # the format
    assert f"programs/{PROGRAM_ID}/evaluation.yaml:6:" in err  # level 5


def test_exports_not_there_yet_are_warnings(tmp_path: Path, runner: CliRunner) -> None:
    root = make_workspace(tmp_path)
    _config(root, "exports:\n  - {file: l3-later.csv, format: google-forms, cohort_column: C, participant_column: P,\n"
                  "     questions: [{column: Q, level: 3, measure: x}]}\n"
                  "  - {file: ../../etc/passwd.csv, format: google-forms, cohort: berlin, participant_column: P,\n"
                  "     questions: [{column: Q, level: 3, measure: x}]}\n")
    code, _, err = _run(runner, root)
    assert code == 2
    assert (f"programs/{PROGRAM_ID}/evaluation.yaml:2:12: warning: export 'l3-later.csv' is not in the results "
            "folder yet; its answers are not counted") in err
    assert f"programs/{PROGRAM_ID}/evaluation.yaml:4:12: export file '../../etc/passwd.csv' must be a .csv file inside the results folder" in err
    _config(root, "exports:\n  - {file: l3-later.csv, format: google-forms, cohort_column: C, participant_column: P,\n"
                  "     questions: [{column: Q, level: 3, measure: x}]}\n")
    code, _, err = _run(runner, root)
    assert code == 0 and "warning: export 'l3-later.csv'" in err
    assert (root / "out" / "evaluation.json").is_file()


def _statement(who: dict[str, str], activity: str, result: dict[str, object], cohort: str = "berlin",
               verb: str = "answered", module: str | None = None) -> dict[str, object]:
    extensions = {"https://example.com/xapi/cohort": cohort}
    if module:
        extensions["https://example.com/xapi/module"] = module
    return {"actor": who, "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
            "object": {"id": f"https://example.com/act/{activity}"}, "result": result,
            "context": {"extensions": extensions}, "timestamp": "2027-03-01T23:30:00+09:00"}


XAPI_MAPPING = """xapi:
  - file: lrs.json
    cohort_extension: https://example.com/xapi/cohort
    module_extension: https://example.com/xapi/module
    activities:
      - {id: https://example.com/act/survey, level: 1, measure: relevance}
      - {id: https://example.com/act/pre, level: 2, measure: pre}
      - {id: https://example.com/act/post, level: 2, measure: post}
      - {id: https://example.com/act/observed, level: 3, measure: explains}
"""


def test_xapi_statements(tmp_path: Path, runner: CliRunner) -> None:
    root = make_workspace(tmp_path, tidy=False)
    people = [{"account": {"homePage": "https://lms.example.com", "name": f"b{i}"}} for i in range(1, 5)]
    people.append({"mbox": "mailto:b5@example.com"})  # hashed, never kept
    statements = []
    for who, (first, second) in zip(people, BERLIN_L1.values(), strict=True):
        statements += [
            _statement(who, "survey", {"score": {"raw": first, "min": 1, "max": 5}}, module="intro"),
            _statement(who, "survey", {"score": {"raw": second, "min": 1, "max": 5}}, module="practice"),
            _statement(who, "observed", {"success": True}),
            _statement(who, "survey", {"score": {"raw": 1}}, verb="launched"),  # not an answer: ignored
            _statement(who, "elsewhere", {"score": {"raw": 1}}),  # another course: ignored
        ]
    text = json.dumps({"statements": statements, "more": ""}, indent=2)
    (root / "results" / "lrs.json").write_text(text, encoding="utf-8")
    _config(root, XAPI_MAPPING)
    code, _, err = _run(runner, root)
    assert code == 0, err
    level = _l1(root)
    assert (level["n"], level["mean"], level["ci95"]) == (5, 4.1, [3.2905, 4.9095])
    written = (root / "out" / "evaluation.json").read_text(encoding="utf-8")
    assert "b5@example.com" not in written
    assert json.loads(written)["files"] == {"results/lrs.json": "xapi"}


def test_bad_xapi_statements_name_their_line(tmp_path: Path, runner: CliRunner) -> None:
    root = make_workspace(tmp_path, tidy=False)
    who = {"account": {"homePage": "https://lms.example.com", "name": "b1"}}
    statements = [
        _statement(who, "pre", {"score": {"scaled": 0.5}}),
        _statement(who, "post", {"completion": True}),  # no score, no success
        _statement(who, "pre", {"score": {"raw": 7, "min": 0, "max": 5}}, cohort="berlim"),
        _statement(who, "pre", {"score": {"scaled": 0.7}}),  # b1 took the pre test twice
    ]
    text = "[\n" + ",\n".join(json.dumps(s) for s in statements) + "\n]\n"  # one statement a line
    (root / "results" / "lrs.json").write_text(text, encoding="utf-8")
    _config(root, XAPI_MAPPING)
    code, _, err = _run(runner, root)
    assert code == 2
    assert "results/lrs.json:3: statement has no result.score.raw, result.score.scaled or result.success" in err
    assert "results/lrs.json:4: unknown cohort 'berlim'; did you mean 'berlin'?" in err
    assert "results/lrs.json:5: duplicate response: participant 'b1' of cohort 'berlin' answered level 2 measure 'pre' already at results/lrs.json:2" in err
    (root / "results" / "lrs.json").write_text('{"statements": 3}', encoding="utf-8")
    code, _, err = _run(runner, root)
    assert code == 2 and "results/lrs.json:1: expected a list of xAPI statements" in err


def test_levels_values_and_encodings(tmp_path: Path, runner: CliRunner) -> None:
    root = make_workspace(tmp_path)
    rows = [*tidy_rows(), "berlin,b9,5,x,1,,", "berlin,b9,1,relevance,6,intro,", "berlin,b9,1,relevance,,practice,",
            "berlin,b9,two,pre,1,,", "berlin,b9,1,relevance,4,lunch,"]
    (root / "results" / "answers.csv").write_text(TIDY_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    (root / "results" / "excel.csv").write_bytes("cohort,participant,level,measure,value\nberlin,b1,1,gr\xfc\xdfe,4\n".encode("cp1252"))
    code, _, err = _run(runner, root)
    assert code == 2
    first = len(tidy_rows()) + 2
    assert f"answers.csv:{first}: level 5 is not evaluated by demo (its program.yaml declares levels 1, 2, 3, 4)" in err
    assert f"answers.csv:{first + 1}: value 6 is outside the scale 1-5" in err
    assert f"answers.csv:{first + 2}: no value; every row of a tidy file holds one answer" in err
    assert f"answers.csv:{first + 3}: level 'two' is not a number; Kirkpatrick levels are 1, 2, 3 and 4" in err
    assert f"answers.csv:{first + 4}: unknown module 'lunch'; modules: intro, practice" in err
    assert "results/excel.csv:2: file is not UTF-8 text (byte 0xfc); export or save it as 'CSV UTF-8'" in err
