"""What a reader's browser does in the discussion tests: fetch a token, post the form, read HTML."""

from bs4 import BeautifulSoup

ORIGIN = "http://testserver"


def fresh_token(client) -> str:
    return client.get("/en/discussion/token/").json()["token"]


def comment_data(client, **fields) -> dict:
    data = {
        "author_name": "Anna Reader",
        "author_email": "anna@example.org",
        "text": "The Russians are guilty of ordinary Syrian people losing their lives",
        "token": fresh_token(client),
    }
    data.update(fields)
    return data


def post_comment(
    client, story, *, json: bool = False, origin: str | None = ORIGIN, headers=None, **fields
):
    """Post the comment form on `story` as a reader's browser would (with JS when `json`)."""
    headers = dict(headers or {})
    if origin:
        headers["Origin"] = origin
    if json:
        headers["Accept"] = "application/json"
    return client.post(
        f"/en/discussion/stories/{story.pk}/comments/",
        comment_data(client, **fields),
        headers=headers,
    )


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")
