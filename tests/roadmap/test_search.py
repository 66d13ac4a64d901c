"""Site search (/search/): the same tests run on SQLite (FTS5) and on PostgreSQL (full-text search)."""

import re
from urllib.parse import urlsplit

import pytest
import yaml
from django.core.cache import cache
from pydantic import ValidationError

from roadmap import search
from roles.models import Faq, RoadmapStep
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


def hits(client, query: str, **params) -> list[tuple[str, str, str]]:
    """Give (kind label, title, link) for each result the page shows, in order."""
    response = client.get("/search/", {"q": query, **params}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    found = re.findall(
        r'<span class="kind-label">([^<]+)</span>.*?<h2 class="search-hit-title"><a href="([^"]+)">(.*?)</a>',
        html,
        flags=re.S,
    )
    return [(kind, re.sub(r"</?mark>", "", title), url) for kind, url, title in found]


class TestSearchPage:
    def test_a_question_in_plain_words_finds_the_roles_salary_ladder_first(self, client, content):
        first = hits(client, "how much do case managers earn")[0]
        assert first == ("Salary ladder", "Case Manager salary", "/roles/case-manager/#salary-ladder")

    @pytest.mark.parametrize("query", ["salaries", "Salary", "pay", "WAGE", "income"])
    def test_pay_words_find_the_salary_ladders_first(self, client, content, query):
        top = hits(client, query)[:3]
        assert {kind for kind, _, _ in top} == {"Salary ladder"}
        assert {url for _, _, url in top} == {
            "/roles/case-manager/#salary-ladder",
            "/roles/clinical-case-manager/#salary-ladder",
            "/roles/care-manager/#salary-ladder",
        }

    def test_spellings_of_licence_find_the_same_places(self, client, content):
        found = [{url for _, _, url in hits(client, word)} for word in ("licence", "license", "licensure")]
        assert found[0] and found[0] == found[1] == found[2]

    def test_case_and_accents_do_not_matter(self, client, content):
        assert hits(client, "RÉSUMÉ") == hits(client, "resume") != []

    def test_results_are_labelled_by_kind_and_role(self, client, content):
        html = client.get("/search/?q=stressful").content.decode()
        assert '<span class="kind-label">FAQ</span> · Case Manager' in html
        assert "Is case management a <mark>stressful</mark> job?" in html

    def test_snippets_highlight_the_matched_words(self, client, content):
        html = client.get("/search/?q=crisis").content.decode()
        snippets = re.findall(r'<p class="search-hit-snippet">(.*?)</p>', html, flags=re.S)
        marked = [snippet for snippet in snippets if "<mark>crisis</mark>" in snippet.lower()]
        assert len(marked) >= 3

    def test_a_role_name_alone_finds_that_roles_guide_first(self, client, content):
        assert hits(client, "care manager")[0][2] == "/roles/care-manager/"

    def test_a_certification_code_finds_the_certification(self, client, content):
        kinds_and_links = [(kind, url) for kind, _, url in hits(client, "CCM eligibility")[:6]]
        assert ("Certification", "/certifications/ccm/") in kinds_and_links

    def test_kind_narrows_the_results(self, client, content):
        found = hits(client, "degree", kind="faq")
        assert found and {kind for kind, _, _ in found} == {"FAQ"}
        assert len(found) < len(hits(client, "degree"))

    def test_nothing_found_gives_suggestions(self, client, content):
        html = client.get("/search/?q=zeppelin").content.decode()
        assert "Nothing found for “zeppelin”" in html
        assert "No role, step, FAQ, certification or source mentions “zeppelin”" in html
        assert 'href="/search/?q=salary"' in html

    def test_some_words_are_enough_when_nothing_has_them_all(self, client, content):
        html = client.get("/search/?q=salary+zeppelin").content.decode()
        assert "No page has all of your words; these have some of them." in html
        assert "/roles/case-manager/#salary-ladder" in html

    def test_htmx_gets_only_the_results(self, client, content):
        response = client.get("/search/?q=degree", **HTMX)
        html = response.content.decode()
        assert html.strip().startswith('<div id="search-results"')
        assert "<html" not in html
        assert "private" in response["Cache-Control"]

    def test_the_page_is_public_and_canonical(self, client, content):
        response = client.get("/search/?q=degree")
        assert "public" in response["Cache-Control"] and response.has_header("ETag")
        redirect = client.get("/search/?kind=faq&q=degree&utm=x")
        assert redirect.status_code == 301 and redirect["Location"] == "/search/?q=degree&kind=faq"

    def test_every_page_has_the_search_box_in_its_header(self, client, content):
        for url in ["/", "/roles/case-manager/", "/certifications/", "/search/"]:
            header = client.get(url).content.decode().split("</header>")[0]
            assert 'action="/search/"' in header and 'name="q"' in header, url

    @pytest.mark.parametrize(
        "query",
        [
            "",
            " ",
            "a" * 10_000,
            "salary " * 2_000,
            "!!! ??? ...",
            "NEAR(",
            "NEAR(case manager 2)",
            '"',
            'salary"',
            "*",
            "sal*",
            "AND",
            "case AND OR NOT manager",
            "-",
            "-salary",
            "title: salary",
            "^salary",
            "(((",
            "'; DROP TABLE roles_role; --",
            "\x00",
            "é" * 5000,
            "<script>alert(1)</script>",
            "日本語",
            "the of and",
        ],
    )
    def test_bad_input_gives_a_normal_page(self, client, content, query):
        response = client.get("/search/", {"q": query}, follow=True)
        assert response.status_code == 200
        body = response.content.decode().split("</header>")[1]
        assert "<script>alert" not in body

    def test_content_and_queries_are_escaped_around_the_highlights(self, client, case_manager):
        factories.FaqFactory(
            role=case_manager,
            source=case_manager.source,
            question="Is <b>zeppelin</b> & travel part of the job?",
            answer=['<img src=x onerror="alert(1)"> A zeppelin answer.'],
        )
        html = client.get("/search/", {"q": "zeppelin <i>"}, follow=True).content.decode()
        assert "Is &lt;b&gt;<mark>zeppelin</mark>&lt;/b&gt; &amp; travel part of the job?" in html
        # SQLite shows the tag as text; PostgreSQL's headline leaves tags out of snippets.
        assert "<img src=x" not in html
        assert "<i>" not in html.split("</header>")[1]

    def test_edits_to_the_content_are_found_at_once(self, client, case_manager):
        assert hits(client, "zeppelin") == []
        faq = Faq.objects.filter(role=case_manager).first()
        faq.question = "Do zeppelin pilots make good case managers?"
        faq.save()
        cache.clear()
        assert hits(client, "zeppelin")[0][1] == "Do zeppelin pilots make good case managers?"

    def test_its_query_count_does_not_grow_with_content(
        self, client, case_manager, django_assert_num_queries
    ):
        # The content version; on PostgreSQL, one query for the results. The index is built once
        # for each content version (a first search), before the counted request.
        expected = 1 + search.queries_per_search()
        client.get("/search/?q=warm")
        with django_assert_num_queries(expected):
            assert "Salary ladder" in client.get("/search/?q=salary").content.decode()
        for number in range(5):
            factories.RoadmapStepFactory(
                role=case_manager, source=case_manager.source, title=f"Salary talk {number}"
            )
        client.get("/search/?q=warm")
        with django_assert_num_queries(expected):
            assert "</mark> talk 4" in client.get("/search/?q=salaries").content.decode()


class TestResultLinks:
    def test_every_result_links_to_a_place_that_exists(self, client, content):
        pages: dict[str, str] = {}
        documents = search.build_documents()
        assert len(documents) > 250
        for document in documents:
            parts = urlsplit(document.url)
            if parts.path not in pages:
                response = client.get(parts.path)
                assert response.status_code == 200, document.url
                pages[parts.path] = response.content.decode()
            if parts.fragment:
                assert f'id="{parts.fragment}"' in pages[parts.path], document.url

    def test_an_faq_result_leads_to_that_question_not_just_the_list(self, client, content):
        faq = Faq.objects.filter(role__slug="care-manager").order_by("order").last()
        kind, title, url = hits(client, faq.question)[0]
        assert (kind, title) == ("FAQ", faq.question)
        path, fragment = url.split("#")
        html = client.get(path).content.decode()
        target = html.split(f'id="{fragment}"', 1)[1].split("</details>", 1)[0]
        assert faq.question in target

    def test_every_kind_of_content_is_searchable(self, content):
        kinds = {document.kind for document in search.build_documents()}
        assert kinds == set(search.Kind.LABELS)

    def test_steps_link_to_their_own_page(self, client, content):
        step = RoadmapStep.objects.get(role__slug="case-manager", number=3)
        found = hits(client, step.title)
        assert ("Step", f"Step 3: {step.title}", "/roles/case-manager/steps/3/") in found[:3]


class TestFaqPage:
    def test_it_uses_the_site_search(self, client, content):
        html = client.get("/faqs/?q=stress").content.decode()
        assert "3 of 15 questions match" in html

    def test_a_search_with_no_words_lists_every_question(self, client, content):
        assert "15 of 15 questions match" in client.get("/faqs/", {"q": "!!!"}, follow=True).content.decode()


class TestVocabulary:
    def test_the_synonym_file_is_valid(self):
        vocabulary = search.vocabulary()
        assert vocabulary.synonyms[0][:3] == ["pay", "salary", "earn"]
        assert "the" in vocabulary.stop_words

    def test_a_word_in_two_groups_is_refused(self):
        data = yaml.safe_load(search.SYNONYMS_FILE.read_text())
        data["synonyms"].append(["salary", "remuneration"])
        with pytest.raises(ValidationError, match="more than one synonym group"):
            search.Vocabulary.model_validate(data)

    def test_synonyms_widen_each_word_and_common_words_are_dropped(self):
        query = search.parse_query("How much do Case Managers EARN?")
        assert query.words == ("case", "managers", "earn")
        assert "salary" in query.groups[2] and "wage" in query.groups[2]

    @pytest.mark.parametrize("query", ['NEAR("a" b', 'x" OR "y', "*", "AND NOT"])
    def test_fts5_expressions_quote_every_word(self, query):
        expression = search.fts5_expression(search.parse_query(query).groups, all_groups=True)
        assert re.fullmatch(r'(\("[a-z0-9]+"( OR "[a-z0-9]+")*\)( AND )?)*', expression)
