"""A tiny labelled set the project writes itself, in English and Russian, for training tests."""

import csv

import pytest

ABUSIVE_EN = [
    "you are a stupid idiot",
    "shut up you moron",
    "what a pathetic loser you are",
    "go to hell you idiot",
    "you stupid pathetic moron",
    "idiot moron loser",
    "i will kill you",
    "i am going to kill you and your family",
]
ACCEPTABLE_EN = [
    "thank you for the article",
    "the council meets on tuesday",
    "good reporting on the floods",
    "the bridge reopens next week",
    "i disagree with the mayor on taxes",
    "the article explains the budget well",
    "thanks for covering the election",
    "the school will reopen in march",
]
ABUSIVE_RU = [
    "ты тупой идиот",
    "заткнись дебил",
    "жалкий урод и идиот",
    "ты дебил и урод",
    "идиот тупой дебил",
    "пошел вон урод",
]
ACCEPTABLE_RU = [
    "спасибо за статью",
    "мост откроют на следующей неделе",
    "хороший репортаж о паводке",
    "совет соберется во вторник",
    "я не согласен с мэром",
    "школа откроется в марте",
]


def write_set(path, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "threat"])
        writer.writerows(rows)


def labelled(abusive, acceptable, threats=()):
    return [(text, 1, int(text in threats)) for text in abusive] + [
        (text, 0, 0) for text in acceptable
    ]


@pytest.fixture
def tiny_shared_data(tmp_path):
    """A folder shaped like ../shared/data/moderation/ holding the tiny set (train and dev)."""
    root = tmp_path / "moderation"
    threats = {"i will kill you", "i am going to kill you and your family"}
    en = labelled(ABUSIVE_EN, ACCEPTABLE_EN, threats)
    ru = labelled(ABUSIVE_RU, ACCEPTABLE_RU)
    write_set(root / "en-jigsaw" / "train.csv", en)
    write_set(
        root / "en-jigsaw" / "dev.csv",
        [
            ("you idiot", 1, 0),
            ("shut up moron", 1, 0),
            ("i will kill you all", 1, 1),
            ("thanks for the report", 0, 0),
            ("the mayor spoke on tuesday", 0, 0),
        ],
    )
    write_set(root / "ru-2ch-pikabu" / "train.csv", [(text, label, "") for text, label, _ in ru])
    write_set(
        root / "ru-2ch-pikabu" / "dev.csv",
        [("тупой урод", 1, ""), ("спасибо за репортаж", 0, ""), ("мэр выступил", 0, "")],
    )
    return root
