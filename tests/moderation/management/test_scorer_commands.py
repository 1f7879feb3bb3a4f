"""`newsdesk train_scorer` and `newsdesk evaluate_scorer`: the recipe and the measurement."""

import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from newsdesk.moderation.abuse_model import AbuseModel
from tests.moderation.abuse_model.conftest import (  # noqa: F401 (fixture)
    tiny_shared_data,
    write_set,
)

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def labelled_csv(path, rows, header=("text", "language", "label")):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


CHECK_ROWS = [
    ("You are a pathetic idiot and a liar", "en", 1),
    ("Shut up, you stupid moron", "en", 1),
    ("Thank you for the report on the bridge", "en", 0),
    ("The council meets on Tuesday to vote", "en", 0),
    ("Ты тупой урод", "ru", 1),
    ("Спасибо за статью о мосте", "ru", 0),
]


def test_evaluate_prints_held_rates_sweep_and_time(tmp_path):
    path = labelled_csv(tmp_path / "check.csv", CHECK_ROWS)
    out = run("evaluate_scorer", str(path), "--scores", str(tmp_path / "scores.csv"))
    assert "abusive held" in out and "acceptable held" in out and "precision" in out
    assert "Threshold sweep, en" in out and "Threshold sweep, ru" in out
    assert "at most 5% of acceptable held" in out
    assert "Time per comment (patterns and model): median" in out
    with open(tmp_path / "scores.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["text"] for row in rows] == [text for text, _, _ in CHECK_ROWS]
    assert {row["verdict"] for row in rows} <= {"allow", "hold", "reject"}
    assert float(rows[0]["abuse"]) > float(rows[2]["abuse"])


def test_evaluate_threshold_changes_what_is_held(tmp_path):
    path = labelled_csv(tmp_path / "check.csv", CHECK_ROWS[2:4])
    run("evaluate_scorer", str(path), "--threshold", "0", "--scores", str(tmp_path / "a.csv"))
    with open(tmp_path / "a.csv", encoding="utf-8") as handle:
        assert {row["verdict"] for row in csv.DictReader(handle)} == {"hold"}
    run("evaluate_scorer", str(path), "--threshold", "1", "--scores", str(tmp_path / "b.csv"))
    with open(tmp_path / "b.csv", encoding="utf-8") as handle:
        assert {row["verdict"] for row in csv.DictReader(handle)} == {"allow"}


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("comment,toxic\nhi,0\n", (), "has no text or label column"),
        ("text,label\nhi,yes\n", (), "row 2: label must be 0 or 1"),
        ("text,label\n", (), "has no rows"),
        ("text,label\nhi,0\n", ("--threshold", "2"), "--threshold must be between 0 and 1"),
        ("text,label\nhi,0\n", ("--model", "/nonexistent/model.npz"), "is not a Newsdesk abuse"),
    ],
)
def test_evaluate_explains_bad_input(tmp_path, content, args, message):
    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run("evaluate_scorer", str(path), *args)


def test_evaluate_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*missing\.csv"):
        run("evaluate_scorer", str(tmp_path / "missing.csv"))


def test_train_writes_a_model_and_its_card(tiny_shared_data, tmp_path):  # noqa: F811
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the [train] extra)")
    out_path = tmp_path / "site-model.npz"
    output = run(
        "train_scorer", "--data", str(tiny_shared_data), "--out", str(out_path), "--bits", "14"
    )
    assert "dev en:" in output and "dev ru:" in output
    model = AbuseModel.load(out_path)
    assert model.spec.bits == 14
    card = out_path.with_suffix(".md").read_text()
    assert card.startswith(f"# Abuse model {model.version}")
    assert "| train | en | 16 |" in card and "| dev | ru | 3 |" in card
    assert "Figures on the dev split" in card


def test_train_takes_the_word_weight_and_smoothing(tiny_shared_data, tmp_path):  # noqa: F811
    """The recipe's two knobs reach the model file and its card."""
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the [train] extra)")
    out_path = tmp_path / "site-model.npz"
    run(
        "train_scorer",
        "--data",
        str(tiny_shared_data),
        "--out",
        str(out_path),
        "--bits",
        "14",
        "--word-weight",
        "1.5",
        "--smoothing",
        "0.25",
    )
    model = AbuseModel.load(out_path)
    assert model.spec.word_weight == 1.5
    assert model.meta["smoothing"] == 0.25
    card = out_path.with_suffix(".md").read_text()
    assert "words weighted 1.5 beside the characters" in card
    assert "smoothing 0.25 for abuse" in card


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--word-weight", "0", "--word-weight must be above 0"),
        ("--word-weight", "11", "--word-weight must be above 0 and at most 10"),
        ("--smoothing", "0", "--smoothing must be above 0"),
        ("--smoothing", "101", "--smoothing must be above 0 and at most 100"),
    ],
)
def test_train_explains_a_bad_knob(tmp_path, option, value, message):
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the [train] extra)")
    with pytest.raises(CommandError, match=message):
        run("train_scorer", "--data", "none", option, value, "--out", str(tmp_path / "m.npz"))
    assert not (tmp_path / "m.npz").exists()


def test_train_adds_the_sites_own_moderation(tiny_shared_data, tmp_path, section, moderator):  # noqa: F811
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the [train] extra)")
    from newsdesk.discussion.models import Comment
    from tests.common.db.articles import make_story
    from tests.common.db.moderation import make_comment

    story = make_story(section, "Bridge closes")
    for n in range(10):
        make_comment(
            story,
            f"you dunderhead number {n}",
            status=Comment.Status.REJECTED,
            moderated_by=moderator,
            language="en",
        )
        make_comment(
            story,
            f"useful point number {n}",
            status=Comment.Status.APPROVED,
            moderated_by=moderator,
            language="en",
        )
    make_comment(story, "never looked at", status=Comment.Status.APPROVED)
    out_path = tmp_path / "site-model.npz"
    run(
        "train_scorer",
        "--data",
        str(tiny_shared_data),
        "--site-history",
        "--out",
        str(out_path),
        "--bits",
        "14",
    )
    card = out_path.with_suffix(".md").read_text()
    assert "this site's moderation: 20 comments decided by a moderator (10 rejected)" in card
    model = AbuseModel.load(out_path)
    assert model.score("you dunderhead").abuse > model.score("a useful point").abuse


def test_train_explains_missing_data(tmp_path):
    with pytest.raises(CommandError, match="holds none of en-jigsaw"):
        run("train_scorer", "--data", str(tmp_path), "--out", str(tmp_path / "m.npz"))
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nhi,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="label must be 0 or 1"):
        run("train_scorer", "--data", "none", "--extra", str(bad), "--out", str(tmp_path / "m.npz"))
    assert not (tmp_path / "m.npz").exists()
