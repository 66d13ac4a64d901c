"""Arbitrary strings in every public URL's query parameters and form posts never give a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import attack_log

FUZZED = "hypothesis fuzzing: requests, none answered with a 5xx"

GET_PAGES = {
    "/": ["page", "q"],
    "/roles/case-manager/": ["fragment", "q"],
    "/roles/case-manager/steps/2/": ["view"],
    "/faqs/": ["q"],
    "/certifications/": ["q"],
    "/certifications/ccm/": ["q"],
    "/compare/": ["roles", "differences"],
    "/case-management/": ["q"],
    "/advisor/": ["education", "field", "licenses", "cm_months", "interests", "goal", "focus"],
    "/roles/case-manager/progress/share/": ["x"],
    "/roles/case-manager/progress/": ["step", "x"],
}
POSTS = {
    "/roles/case-manager/steps/1/status/": ["status", "next", "open"],
    "/roles/case-manager/steps/1/note/": ["note", "next"],
    "/roles/case-manager/progress/reset/confirm/": ["anything"],
    "/advisor/save/confirm/": ["education"],
}
text = st.text(max_size=200)
fuzz = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("path", GET_PAGES)
@fuzz
@given(data=st.data())
def test_query_strings_never_break_a_page(client, content, path, data):
    params = data.draw(st.dictionaries(st.sampled_from(GET_PAGES[path]), text, max_size=4))
    response = client.get(path, params, HTTP_HX_REQUEST=data.draw(st.sampled_from(["true", ""])))
    assert response.status_code < 500
    attack_log.record(FUZZED, 1, "query strings on every public page")


@pytest.mark.parametrize("path", POSTS)
@fuzz
@given(data=st.data())
def test_form_posts_never_break(client, content, path, data):
    fields = data.draw(st.dictionaries(st.sampled_from(POSTS[path]), st.text(max_size=2000), max_size=3))
    response = client.post(path, fields)
    assert response.status_code < 500
    attack_log.record(FUZZED, 1, "form posts to every progress and advisor endpoint")


@fuzz
@given(slug=st.text(min_size=1, max_size=100), number=st.integers(min_value=-(10**30), max_value=10**30))
def test_odd_addresses_are_404s_not_500s(client, content, slug, number):
    from urllib.parse import quote

    response = client.get(f"/roles/{quote(slug, safe='')}/steps/{number}/")
    assert response.status_code in {200, 404}
    response = client.get(f"/roles/case-manager/shared/{quote(slug, safe='')}/")
    assert response.status_code in {404}
    attack_log.record(FUZZED, 2, "odd role, step and share addresses")
