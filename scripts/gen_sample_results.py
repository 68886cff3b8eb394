"""Generate the example's evaluation results, seeded, in every export shape glocal reads.

Writes results/leading-through-change/ (then run scripts/sync_example.py):

* l1-session-feedback-msforms.csv: Microsoft Forms (UTF-8 with byte-order mark), one row per
  participant and session, three 1-5 ratings (one reverse-coded);
* l2-pretest-qualtrics.csv, l2-posttest-qualtrics.csv: Qualtrics (two extra header rows),
  the knowledge test score SC0 out of 100;
* l3-manager-observation-gforms.csv: Google Forms (Timestamp column), a manager's Yes/No
  checklist of four behaviours 60 days after the last session;
* l4-team-engagement.csv: tidy long format, the team engagement index before and after.

The story the figures tell as of 2027-10-15 (``make demo``): the Japanese consensus variant
gains less at L2 than the core; dubai-1 liked the program but applies little of it;
singapore-1 answered few L1 surveys; tokyo-2's last session feedback and its L3 checklist,
and new-york-1's L4 review, are missing.

    python scripts/gen_sample_results.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "results" / "leading-through-change"
SEED = 17

# cohort -> (size, first session, language for Qualtrics, L1 mean, L2 gain, L3 share)
COHORTS = {
    "oslo-1": (16, dt.date(2027, 2, 1), "NB", 4.1, 18, 0.70),
    "frankfurt-1": (20, dt.date(2027, 2, 1), "DE", 3.9, 17, 0.66),
    "sao-paulo-1": (22, dt.date(2027, 2, 1), "PT-BR", 4.3, 16, 0.64),
    "new-york-1": (18, dt.date(2027, 2, 2), "EN", 4.0, 19, 0.72),
    "tokyo-1": (15, dt.date(2027, 2, 1), "JA", 3.8, 7, 0.61),
    "tokyo-2": (15, dt.date(2027, 3, 2), "JA", 3.9, 8, 0.0),
    "singapore-1": (20, dt.date(2027, 2, 2), "EN", 4.0, 18, 0.69),
    "bengaluru-1": (24, dt.date(2027, 2, 1), "EN", 4.2, 18, 0.71),
    "dubai-1": (14, dt.date(2027, 2, 1), "AR", 4.6, 17, 0.27),
}
SESSIONS = ["Foundations of change", "Coaching conversations", "Feedback that lands",
            "Working with resistance", "Change simulation", "Capstone presentations"]
SESSION_WEEKS = [0, 1, 2, 3, 4, 6]
BEHAVIOURS = [
    "Explains to the team why the change is happening",
    "Holds a coaching conversation with each report every two weeks",
    "Gives specific feedback within a week of what it is about",
    "Invites objections in team meetings and answers them",
]


def code(cohort: str, i: int) -> str:
    """A pseudonymous participant code: no name, no e-mail."""
    city, number = cohort.rsplit("-", 1)
    return f"{city[:3].upper()}{number}-{i:02d}"


def likert(rng: random.Random, mean: float) -> int:
    return min(5, max(1, round(rng.gauss(mean, 0.75))))


def stamp(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9)) + dt.timedelta(seconds=rng.randrange(9 * 3600))


def write(name: str, rows: list[list[str]], bom: bool = False) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    data = ("\ufeff" if bom else "") + buffer.getvalue()
    (OUT / name).write_bytes(data.encode("utf-8"))


def l1(rng: random.Random) -> None:
    questions = ["How relevant was this session to your work?",
                 "How confident are you that you will use what you practised?",
                 "The session was too theoretical for my job"]
    rows = [["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
             "Cohort", "Participant code", "Session", *questions]]
    n = 0
    for cohort, (size, first, _, mean, _, _) in COHORTS.items():
        rate = 0.35 if cohort == "singapore-1" else 0.85
        for s, (title, week) in enumerate(zip(SESSIONS, SESSION_WEEKS, strict=True)):
            if cohort == "tokyo-2" and s == len(SESSIONS) - 1:
                continue  # the capstone's feedback survey was never sent
            day = first + dt.timedelta(weeks=week, days=rng.randrange(3))
            for i in range(1, size + 1):
                if rng.random() > rate:
                    continue
                n += 1
                done = stamp(day, rng)
                begun = done - dt.timedelta(seconds=rng.randrange(60, 400))
                answers = [likert(rng, mean), likert(rng, mean - 0.2), 6 - likert(rng, mean - 0.3)]
                rows.append([str(n), f"{begun:%-m/%-d/%Y %-H:%M:%S}", f"{done:%-m/%-d/%Y %-H:%M:%S}",
                             "anonymous", "", "", cohort, code(cohort, i), title, *map(str, answers)])
    write("l1-session-feedback-msforms.csv", rows, bom=True)


def l2(rng: random.Random) -> None:
    header = ["StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished",
              "RecordedDate", "ResponseId", "DistributionChannel", "UserLanguage", "Q1", "Q2", "SC0"]
    texts = ["Start Date", "End Date", "Response Type", "Progress", "Duration (in seconds)", "Finished",
             "Recorded Date", "Response ID", "Distribution Channel", "User Language",
             "Which cohort are you in?", "Your participant code", "Score"]
    ids = [json.dumps({"ImportId": key}) for key in
           ("startDate", "endDate", "status", "progress", "duration", "finished", "recordedDate",
            "_recordId", "distributionChannel", "userLanguage", "QID1", "QID2", "SC_0")]
    pre_rows, post_rows = [header, texts, ids], [header, texts, ids]
    for cohort, (size, first, language, _, gain, _) in COHORTS.items():
        for i in range(1, size + 1):
            pre = min(100, max(0, round(rng.gauss(55, 11))))
            post = min(100, max(0, round(pre + rng.gauss(gain, 7))))
            for rows, score, day in ((pre_rows, pre, first - dt.timedelta(days=3)),
                                     (post_rows, post, first + dt.timedelta(weeks=6, days=2))):
                if rng.random() > 0.9:
                    continue
                done = stamp(day, rng)
                seconds = rng.randrange(600, 1800)
                begun = done - dt.timedelta(seconds=seconds)
                response = "R_" + "".join(rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(15))
                rows.append([f"{begun:%Y-%m-%d %H:%M:%S}", f"{done:%Y-%m-%d %H:%M:%S}", "IP Address", "100",
                             str(seconds), "True", f"{done:%Y-%m-%d %H:%M:%S}", response, "anonymous",
                             language, cohort, code(cohort, i), str(score)])
    write("l2-pretest-qualtrics.csv", pre_rows)
    write("l2-posttest-qualtrics.csv", post_rows)


def l3(rng: random.Random) -> None:
    rows = [["Timestamp", "Cohort", "Participant code", *BEHAVIOURS]]
    for cohort, (size, first, _, _, _, share) in COHORTS.items():
        if cohort == "tokyo-2":
            continue  # the managers' checklist is overdue
        for i in range(1, size + 1):
            if rng.random() > 0.8:
                continue
            day = first + dt.timedelta(weeks=6, days=60 + rng.randrange(10))
            answers = ["Yes" if rng.random() < share else "No" for _ in BEHAVIOURS]
            rows.append([f"{stamp(day, rng):%-m/%-d/%Y %-H:%M:%S}", cohort, code(cohort, i), *answers])
    write("l3-manager-observation-gforms.csv", rows)


def l4(rng: random.Random) -> None:
    rows = [["cohort", "participant", "level", "measure", "value", "date"]]
    for cohort, (size, first, _, _, _, _) in COHORTS.items():
        if cohort in ("new-york-1", "tokyo-2"):
            continue  # new-york-1's review is overdue; tokyo-2's is due in the grace days
        answering = 4 if cohort == "oslo-1" else size  # four teams only: suppressed
        for i in range(1, answering + 1):
            baseline = round(rng.gauss(62, 8), 1)
            current = round(baseline + rng.gauss(4, 3), 1)
            rows.append([cohort, code(cohort, i), "4", "baseline", f"{baseline}", f"{first - dt.timedelta(days=20)}"])
            rows.append([cohort, code(cohort, i), "4", "current", f"{current}", f"{first + dt.timedelta(weeks=6, days=185)}"])
    write("l4-team-engagement.csv", rows)


def main() -> None:
    """Write every file (the same bytes on every run)."""
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    l1(rng)
    l2(rng)
    l3(rng)
    l4(rng)
    print(f"wrote {OUT.relative_to(REPO)}/")


if __name__ == "__main__":
    main()
