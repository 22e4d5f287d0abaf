"""Every form control of the main pages has a label, every page its landmarks."""

from __future__ import annotations

from html.parser import HTMLParser

PAGES = (
    "/regions",
    "/regions/ms",
    "/regions/ms/actors",
    "/regions/ms/actors/new",
    "/regions/ms/actors/a1",
    "/regions/ms/actors/a1/edit",
    "/regions/ms/streams",
    "/regions/ms/streams/s1",
    "/regions/ms/actors/a1/streams/new",
    "/regions/ms/streams/s1/edit",
    "/regions/ms/import",
    "/account",
)


class Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labels: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self.tags: set[str] = set()
        self.images_without_alt = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.add(tag)
        if tag == "label" and found.get("for"):
            self.labels.add(str(found["for"]))
        if tag in ("input", "select", "textarea") and found.get("type") not in ("hidden", "submit"):
            self.controls.append(found)
        if tag == "img" and "alt" not in found:
            self.images_without_alt += 1


def test_every_control_is_labelled_and_every_page_has_its_landmarks(as_user) -> None:
    client = as_user("fac@example.org")
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = Controls()
        parsed.feed(response.text)
        unlabelled = [
            c
            for c in parsed.controls
            if c.get("id") not in parsed.labels and not c.get("aria-label")
        ]
        assert unlabelled == [], (url, unlabelled)
        assert {"header", "nav", "main", "footer", "h1"} <= parsed.tags, url
        assert parsed.images_without_alt == 0, url
