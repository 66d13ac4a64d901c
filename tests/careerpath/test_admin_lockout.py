"""The admin sign-in lockout policy, tried from several addresses (django-axes, django-ipware)."""

import datetime
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery"
HOME, STRANGERS = "198.51.100.10", [f"203.0.113.{n}" for n in range(1, 8)]


def sign_in(address: str, username: str = "owner", password: str = PASSWORD, **headers) -> int:
    """POST the admin login from `address`; give the status (302 signed in, 200 refused, 429 locked)."""
    return (
        Client()
        .post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)
        .status_code
    )


@pytest.fixture
def owner(db):
    user = User.objects.create_superuser("owner", "owner@example.com", PASSWORD)
    assert sign_in(HOME) == 302  # the owner's usual address
    return user


class TestLockoutPolicy:
    def test_five_failures_lock_that_address_and_say_so(self, owner):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert sign_in(STRANGERS[0], password="wrong") == 200
        assert sign_in(STRANGERS[0], password="wrong") == 429
        response = Client().post(LOGIN, {"username": "owner", "password": PASSWORD}, REMOTE_ADDR=STRANGERS[0])
        assert response.status_code == 429
        assert "Too many failed sign-ins" in response.content.decode()

    def test_a_stranger_cannot_lock_the_owner_out_of_their_usual_address(self, owner):
        for _ in range(3 * settings.AXES_FAILURE_LIMIT):
            sign_in(STRANGERS[0], password="wrong")
        assert sign_in(STRANGERS[0]) == 429
        assert sign_in(HOME) == 302

    def test_guesses_spread_over_addresses_lock_the_account_for_unfamiliar_addresses(self, owner):
        # 20 guesses from 5 addresses, 4 each: under the limit at every address.
        for address in STRANGERS[:5]:
            for _ in range(4):
                sign_in(address, password="wrong")
        assert sign_in(STRANGERS[5]) == 429  # even with the right password, from a new address
        assert sign_in(HOME) == 302  # while the owner signs in as usual

    def test_one_address_trying_many_accounts_is_locked(self, owner):
        User.objects.create_user("editor", password=PASSWORD, is_staff=True)
        for number in range(settings.AXES_FAILURE_LIMIT):
            sign_in(STRANGERS[0], username=f"guess{number}", password="wrong")
        assert sign_in(STRANGERS[0], username="editor") == 429
        assert sign_in(STRANGERS[1], username="editor") == 302

    def test_a_few_mistakes_from_home_do_not_lock_anyone(self, owner):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            sign_in(HOME, password="wrong")
        assert sign_in(HOME) == 302
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):  # the success reset the count
            sign_in(HOME, password="wrong")
        assert sign_in(HOME) == 302

    def test_the_owner_mistyping_at_home_is_locked_there_too(self, owner):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(HOME, password="wrong")
        assert sign_in(HOME) == 429

    def test_a_lockout_ends_after_the_cool_off(self, owner, settings):
        settings.AXES_COOLOFF_TIME = datetime.timedelta(seconds=1)
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(STRANGERS[0], password="wrong")
        assert sign_in(STRANGERS[0]) == 429
        time.sleep(1.2)
        assert sign_in(STRANGERS[0]) == 302


@pytest.fixture
def behind_one_proxy(settings):
    """The settings TRUSTED_PROXY_COUNT=1 gives (checked against settings.py below)."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_PROXY_ORDER = "left-most"
    settings.IPWARE_STRICT = False


class TestClientAddressBehindTheProxy:
    """Under `make serve` every request comes from nginx (127.0.0.1), which appends the client."""

    def via_nginx(self, client_address: str, password: str = PASSWORD, sent: str = "") -> int:
        forwarded = f"{sent}, {client_address}" if sent else client_address
        return sign_in("127.0.0.1", password=password, HTTP_X_FORWARDED_FOR=forwarded)

    def test_each_client_behind_the_proxy_is_counted_apart(self, behind_one_proxy, db):
        User.objects.create_superuser("owner", "owner@example.com", PASSWORD)
        assert self.via_nginx(HOME) == 302
        for _ in range(3 * settings.AXES_FAILURE_LIMIT):
            self.via_nginx(STRANGERS[0], password="wrong")
        assert self.via_nginx(STRANGERS[0]) == 429
        assert self.via_nginx(HOME) == 302  # not locked out by a stranger sharing the proxy

    def test_a_forged_forwarded_for_does_not_dodge_the_count(self, behind_one_proxy, db):
        User.objects.create_superuser("owner", "owner@example.com", PASSWORD)
        assert self.via_nginx(HOME) == 302
        for number in range(settings.AXES_FAILURE_LIMIT):
            self.via_nginx(STRANGERS[0], password="wrong", sent=f"192.0.2.{number}")
        assert self.via_nginx(STRANGERS[0], sent="192.0.2.99") == 429
        # Nor can a forged header claim the owner's address.
        for _ in range(3 * settings.AXES_FAILURE_LIMIT):
            self.via_nginx(STRANGERS[1], password="wrong", sent=HOME)
        assert self.via_nginx(HOME) == 302

    def test_without_a_trusted_proxy_the_header_is_ignored(self, db):
        User.objects.create_superuser("owner", "owner@example.com", PASSWORD)
        for number in range(settings.AXES_FAILURE_LIMIT):
            sign_in(STRANGERS[0], password="wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
        assert sign_in(STRANGERS[0], HTTP_X_FORWARDED_FOR="192.0.2.99") == 429

    @pytest.mark.parametrize(
        "count,expected",
        [
            ("", "('REMOTE_ADDR',) None"),
            ("1", "('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR') 0 left-most False"),
            ("2", "('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR') 1 left-most False"),
        ],
    )
    def test_the_number_of_trusted_proxies_comes_from_the_environment(self, count, expected):
        code = (
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.AXES_IPWARE_META_PRECEDENCE_ORDER, s.AXES_IPWARE_PROXY_COUNT, "
            "*([s.AXES_IPWARE_PROXY_ORDER, s.IPWARE_STRICT] if s.AXES_IPWARE_PROXY_COUNT is not None else [])"
            ")"
        )
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "careerpath.settings",
            "TRUSTED_PROXY_COUNT": count,
        }
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=environment,
            cwd=settings.BASE_DIR,
        )
        assert result.stdout.strip() == expected, result.stderr
