"""No English word on any page a demo user reaches from their start page: every role signs in and follows
the links of the pages it opens (same site, GET only, a bounded number of pages of each kind)."""
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db

# Each role sees other pages and other buttons; the mentor, tutor and jury member are teachers besides.
ROLES = ["teacher", "lead", "director", "methodist", "expert", "committee", "officer", "auditor"]
PAGES_PER_ROLE = 40
# Pages whose addresses differ only in their numbers are one kind (/routes/12/, /routes/13/); a dozen of a kind
# reach a municipality's cases in every state.
PAGES_PER_KIND = 12
# Not pages: the administration (Django's own), the API, downloads, printed forms, signing out.
SKIPPED = re.compile(r"^/(admin|api|static|media|jsi18n|logout|accounts/logout)\b|/files/|/certificate/|/print/"
                     r"|[?&]format=pdf|\.(pdf|xlsx)$")

# Words that are Russian usage too: file formats (in any case: «.xlsx») and the product's name.
FORMATS = {"PDF", "XLSX", "DOCX", "PPTX", "ZIP", "ODT", "ODS", "ODP", "RTF", "TXT", "JPEG", "JPG", "PNG", "DOC", "XLS",
           "PPT"}
ALLOWED = {"Methodflow"}
IGNORED = re.compile(
    r"https?://\S+"                  # addresses
    r"|[\w.+-]+@[\w-]+(\.[\w-]+)+"   # e-mail addresses
    r"|\b[a-z]+\.[a-z]+\b"           # demo user names (teacher.tomsk)
    r"|[^\s/«»\"]+\.[A-Za-z0-9]{2,4}\b"  # file names (удостоверение.pdf)
)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


class VisibleText(HTMLParser):
    """The text a reader sees: text nodes, placeholders, tooltips and button captions, without scripts, styles and
    icon ligatures (`<i class="material-icons">search</i>` draws a magnifier, not the word)."""

    HIDDEN = {"script", "style", "template", "noscript", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.hiding: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if self.hiding:
            if tag == self.hiding[0]:
                self.hiding.append(tag)
            return
        classes = attributes.get("class") or ""
        if tag in self.HIDDEN or "material-icons" in classes or "material-symbols" in classes:
            self.hiding.append(tag)
            return
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        self.parts.extend(attributes[name] for name in ("placeholder", "title") if attributes.get(name))
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag: str) -> None:
        if self.hiding and tag == self.hiding[0]:
            self.hiding.pop()

    def handle_data(self, data: str) -> None:
        if not self.hiding:
            self.parts.append(data)


def english_words(text: str) -> set[str]:
    return {word for word in WORD.findall(IGNORED.sub(" ", text)) if word not in ALLOWED and word.upper() not in FORMATS}


def kind_of(url: str) -> str:
    return re.sub(r"\d+", "N", urlsplit(url).path)


def crawl(client, user: User | None, start: list[str]) -> tuple[dict[str, set[str]], dict[str, int], int]:
    """English words by page, pages that answered 5xx, and how many pages were read."""
    if user is not None:
        client.force_login(user)
    queue, seen, kinds = deque(start), set(start), Counter()
    found: dict[str, set[str]] = {}
    failed: dict[str, int] = {}
    read = 0
    while queue and read < PAGES_PER_ROLE:
        url = queue.popleft()
        response = client.get(url, follow=True)
        read += 1
        if response.status_code >= 500:
            failed[url] = response.status_code
        if "text/html" not in response.get("Content-Type", ""):
            continue
        page = VisibleText()
        page.feed(response.content.decode())
        words = english_words(" ".join(page.parts))
        if words:
            found[url] = words
        for href in page.links:
            link = urldefrag(urljoin(url, href)).url
            parts = urlsplit(link)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if link in seen or SKIPPED.search(link) or kinds[kind_of(link)] >= PAGES_PER_KIND:
                continue
            seen.add(link)
            kinds[kind_of(link)] += 1
            queue.append(link)
    client.logout()
    return found, failed, read


def report(found: dict[str, set[str]]) -> str:
    return "\n".join(f"{url}: {' '.join(sorted(words))}" for url, words in found.items())


@pytest.mark.parametrize("role", ROLES)
def test_no_page_a_demo_user_reaches_shows_an_english_word(client, demo_region, role):
    found, failed, read = crawl(client, User.objects.get(username=f"{role}.tomsk"), ["/"])

    assert read >= 5, f"{role} reached only {read} pages"
    assert failed == {}
    assert found == {}, report(found)


def test_no_page_a_visitor_reaches_without_signing_in_shows_an_english_word(client, demo_region):
    found, failed, read = crawl(client, None, ["/", "/bank/", "/accounts/password_reset/"])

    assert read >= 3
    assert failed == {}
    assert found == {}, report(found)
