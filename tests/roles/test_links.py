from django.urls import reverse, set_script_prefix

from roles.links import cached_reverse


def test_it_gives_what_reverse_gives():
    assert cached_reverse("roadmap:step", "case-manager", 3) == reverse(
        "roadmap:step", args=["case-manager", 3]
    )
    assert cached_reverse("roadmap:home") == "/"


def test_it_follows_the_script_prefix():
    assert cached_reverse("roadmap:role", "care-manager") == "/roles/care-manager/"
    set_script_prefix("/careers/")
    try:
        assert cached_reverse("roadmap:role", "care-manager") == "/careers/roles/care-manager/"
    finally:
        set_script_prefix("/")
    assert cached_reverse("roadmap:role", "care-manager") == "/roles/care-manager/"


def test_it_follows_the_urlconf(settings):
    assert cached_reverse("roadmap:home") == "/"
    settings.ROOT_URLCONF = "tests.roles.prefixed_urls"
    assert cached_reverse("roadmap:home") == "/site/"
