"""Search excerpts mark the reader's words, in any of their forms, in escaped text."""

from bs4 import BeautifulSoup

from newsdesk.articles.highlights import highlighted_excerpt


def marked(html: str) -> list[str]:
    return [mark.get_text() for mark in BeautifulSoup(html, "html.parser").find_all("mark")]


def test_other_forms_of_the_word_are_marked_in_russian():
    text = "Итоги выборов задерживаются: выборы прошли в воскресенье, о выборах спорят."
    assert marked(highlighted_excerpt(text, "выборы", "ru")) == ["выборов", "выборы", "выборах"]


def test_other_forms_are_marked_in_english_and_every_word_of_the_query():
    text = "Stranded travellers queued; the airport said one traveller waited all night."
    excerpt = highlighted_excerpt(text, "traveller airports", "en")
    assert marked(excerpt) == ["travellers", "airport", "traveller"]


def test_arabic_words_are_marked_by_their_stem():
    text = "صوت النواب على قانون الانتخابات أمس."
    assert marked(highlighted_excerpt(text, "بالانتخابات", "ar")) == ["الانتخابات"]


def test_the_text_is_escaped_and_only_marks_are_markup():
    excerpt = highlighted_excerpt('<img src=x onerror="alert(1)"> & bold', "bold", "en")
    soup = BeautifulSoup(excerpt, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["mark"]
    assert soup.get_text() == '<img src=x onerror="alert(1)"> & bold'


def test_without_a_match_the_excerpt_is_the_start_of_the_text():
    text = " ".join(f"w{n}" for n in range(100))
    excerpt = highlighted_excerpt(text, "headline-only", "en")
    assert marked(excerpt) == []
    assert excerpt.startswith("w0 w1") and excerpt.endswith("…")


def test_an_empty_text_gives_an_empty_excerpt():
    assert highlighted_excerpt("", "word", "en") == ""
    assert highlighted_excerpt("…!", "word", "en") == ""
