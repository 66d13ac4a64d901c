import pytest
from django.conf import settings
from django.core.cache import cache

from careerpath import breakers
from roadmap import search
from roles.loading import load_content
from roles.models import Role
from tests import factories


@pytest.fixture(autouse=True)
def test_settings(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False
    settings.AXES_ENABLED = True
    # Reread the content version on every request, so a test's edit shows on its next request.
    settings.CONTENT_CHECK_SECONDS = 0
    # A test that simulated an outage leaves no breaker open for the next one.
    breakers.close_all()
    cache.clear()
    # Like the page cache, each process's search index is keyed by the content version; tests
    # that change rows without a save (update(), a rolled-back transaction) must not leave theirs.
    search.forget_index()
    yield
    cache.clear()
    breakers.close_all()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_content(settings.CONTENT_DIR)


@pytest.fixture
def content(db):
    """The real content from fixtures/ (reloaded if a transactional test flushed it)."""
    if not Role.objects.exists():
        load_content(settings.CONTENT_DIR)
    return Role.objects.all()


@pytest.fixture
def case_manager(content):
    return Role.objects.get(slug="case-manager")


@pytest.fixture
def role_factory(db):
    return factories.RoleFactory


@pytest.fixture
def step_factory(db):
    return factories.RoadmapStepFactory


@pytest.fixture
def faq_factory(db):
    return factories.FaqFactory
