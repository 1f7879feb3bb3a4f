"""The recipe: a small model trained from the tiny set the tests write, measured on its dev rows."""

import pytest

from newsdesk.moderation.abuse_model import AbuseModel
from newsdesk.moderation.abuse_model.features import FeatureSpec
from newsdesk.moderation.abuse_model.training import (
    LabelledComment,
    TrainingDataError,
    read_labelled_csv,
    read_shared_sets,
    split_rows,
    threshold_for,
    train_model,
)

pytest.importorskip("sklearn", reason="training needs scikit-learn (the [train] extra)")

SMALL = FeatureSpec(bits=14)


def test_a_small_model_learns_the_tiny_set(tiny_shared_data, tmp_path):
    """Trained on the tiny train split, it scores unseen insults above unseen thanks."""
    train = read_shared_sets(tiny_shared_data, "train")
    dev = read_shared_sets(tiny_shared_data, "dev")
    model = train_model(train, dev, SMALL, strength=10.0)
    assert model.score("you stupid idiot").abuse > model.score("thanks for the report").abuse
    assert model.score("тупой дебил").abuse > model.score("спасибо за статью").abuse
    assert model.score("i will kill you").threat > model.score("the council meets").threat
    assert set(model.meta["dev_figures"]) == {"en", "ru"}
    assert model.meta["train"]["en"]["rows"] == 16
    assert model.meta["dev"]["ru"]["rows"] == 3

    path = tmp_path / "model.npz"
    model.save(path)
    again = AbuseModel.load(path)
    assert again.version == model.version
    assert again.thresholds == model.thresholds
    assert again.score("you idiot").abuse == pytest.approx(model.score("you idiot").abuse)


def test_dev_rows_are_never_trained_on(tiny_shared_data):
    """The figures come from rows the regression did not see."""
    train = read_shared_sets(tiny_shared_data, "train")
    dev = read_shared_sets(tiny_shared_data, "dev")
    assert not {row.text for row in train} & {row.text for row in dev}


def test_split_keeps_both_labels_in_dev_and_is_reproducible():
    rows = [LabelledComment(f"text {i}", i % 2) for i in range(40)]
    train, dev = split_rows(rows)
    assert len(dev) == 4 and {row.label for row in dev} == {0, 1}
    assert not {r.text for r in train} & {r.text for r in dev}
    assert split_rows(rows) == (train, dev)


def test_threshold_holds_at_most_the_share_asked():
    scores = [i / 100 for i in range(100)]
    threshold = threshold_for(scores, 0.05)
    assert sum(score >= threshold for score in scores) == 5


def test_a_bad_label_names_the_file_and_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("text,label\nfine,0\nbad,maybe\n", encoding="utf-8")
    with pytest.raises(TrainingDataError, match=r"bad.csv, row 3: label must be 0 or 1"):
        read_labelled_csv(path)


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "nolabel.csv"
    path.write_text("comment,toxic\nhello,0\n", encoding="utf-8")
    with pytest.raises(TrainingDataError, match="has no text or label column"):
        read_labelled_csv(path)
