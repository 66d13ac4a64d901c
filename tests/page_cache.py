"""A check shared by the pages' query-count tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def assert_served_from_page_cache(client, url: str, response) -> None:
    """Asking for `url` again gives the same bytes with one query, the content-version read."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).content == response.content
    assert len(queries) == 1
    assert "roles_contentversion" in queries.captured_queries[0]["sql"]
