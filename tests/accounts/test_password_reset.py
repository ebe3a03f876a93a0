"""A forgotten password is reset by e-mail: the request, the letter with an absolute link to the site, the
new password twice, then signing in with it; all in Russian."""
import re

import pytest
from django.core import mail

# The reset limit counts requests in the cache, which outlives a test's transaction: emptied around each test.
from tests.accounts.test_login_throttling import LOGIN, RESET, _empty_cache  # noqa: F401
from tests.school import School

pytestmark = pytest.mark.django_db

SITE = "https://methodflow.example.org"
NEW_PASSWORD = "Kalina-2026-roots"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE + "/"


def reset_link(letter) -> str:
    links = re.findall(r"https?://\S+", letter.body)
    assert len(links) == 1, letter.body
    return links[0]


def signs_in(client, username: str, password: str) -> bool:
    return client.post(LOGIN, {"username": username, "password": password}).status_code == 302


def test_the_login_page_offers_the_reset(client):
    page = client.get(LOGIN).content.decode()

    assert f'href="{RESET}"' in page
    assert "Забыли пароль?" in page


def test_the_reset_request_page_is_russian(client):
    page = client.get(RESET).content.decode()

    assert "Восстановление пароля" in page
    assert "Отправить ссылку" in page
    assert "Вернуться ко входу" in page


def test_a_teacher_resets_a_forgotten_password_by_email_and_signs_in_with_the_new_one(client, school: School):
    # The request arrives under another name than the site's: the letter still names the site.
    sent = client.post(RESET, {"email": school.teacher.email}, HTTP_HOST="127.0.0.1", follow=True)

    assert "Проверьте почту" in sent.content.decode()
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == [school.teacher.email]
    assert letter.subject == "Восстановление пароля — Методическая служба"
    assert "Здравствуйте" in letter.body and f"Ваше имя пользователя: {school.teacher.username}" in letter.body
    link = reset_link(letter)
    assert link.startswith(f"{SITE}/accounts/reset/")

    form = client.get(link.removeprefix(SITE), follow=True)
    page = form.content.decode()
    assert "Введите новый пароль дважды." in page and "Установить пароль" in page
    assert "&lt;li&gt;" not in page  # the password rules read as text, not as escaped HTML

    # Django swaps the token in the address for one kept in the session (the set-password page).
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
                       follow=True)

    assert "Новый пароль установлен" in done.content.decode()
    client.logout()
    assert signs_in(client, school.teacher.username, NEW_PASSWORD)


def test_a_used_reset_link_is_refused_in_russian_with_a_way_to_ask_again(client, school: School):
    client.post(RESET, {"email": school.teacher.email})
    path = reset_link(mail.outbox[0]).removeprefix(SITE)
    form = client.get(path, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(path, follow=True).content.decode()

    assert "Ссылка недействительна" in again
    assert f'href="{RESET}"' in again


def test_mismatched_new_passwords_are_refused_next_to_the_field_and_the_old_password_stays(client, school: School):
    client.post(RESET, {"email": school.teacher.email})
    form = client.get(reset_link(mail.outbox[0]).removeprefix(SITE), follow=True)

    refused = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": "другой"})

    assert refused.status_code == 200
    assert refused.context["form"].errors["new_password2"]
    assert not signs_in(client, school.teacher.username, NEW_PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_letter(client, db):
    response = client.post(RESET, {"email": "nobody@example.org"}, follow=True)

    assert "Проверьте почту" in response.content.decode()
    assert mail.outbox == []
