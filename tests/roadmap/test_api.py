"""The read-only JSON API under /api/v1/ and its OpenAPI document."""

import json
import re

import jsonschema
import pytest
from django.conf import settings
from openapi_spec_validator import validate

from roadmap import search
from roles.models import Certification, Role, SalaryLevel
from tests import factories

# A real value for each path parameter the document declares.
EXAMPLES = {"slug": {"/api/v1/roles/{slug}/": "case-manager", "/api/v1/certifications/{slug}/": "ccm"}}


@pytest.fixture
def document(client, content):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: EXAMPLES[match[1]][path], path)


def validator(document: dict, schema: dict) -> jsonschema.Draft202012Validator:
    # The document's components resolve the schema's $refs.
    return jsonschema.Draft202012Validator({**schema, "components": document["components"]})


class TestOpenApiDocument:
    def test_it_is_a_valid_openapi_3_document(self, document):
        validate(document)
        assert document["openapi"].startswith("3.")

    def test_every_documented_path_answers_as_documented(self, client, document):
        assert len(document["paths"]) >= 7
        for path, methods in document["paths"].items():
            assert set(methods) == {"get"}, path
            response = client.get(concrete(path))
            assert response.status_code == 200, path
            assert response["Content-Type"].startswith("application/json")
            schema = methods["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            validator(document, schema).validate(response.json())

    def test_documented_errors_answer_with_their_schema(self, client, document):
        for path in ["/api/v1/roles/{slug}/", "/api/v1/certifications/{slug}/"]:
            response = client.get(path.replace("{slug}", "no-such-thing"))
            assert response.status_code == 404
            answer = document["paths"][path]["get"]["responses"]["404"]
            schema = answer["content"]["application/json"]["schema"]
            validator(document, schema).validate(response.json())
            assert "no-such-thing" in response.json()["detail"]


class TestAnswers:
    def test_a_role_has_its_whole_guide_with_sources(self, client, case_manager):
        role = client.get("/api/v1/roles/case-manager/").json()
        assert role["title"] == "Case Manager"
        assert len(role["steps"]) == case_manager.steps.count()
        assert role["steps"][2]["page"] == "/roles/case-manager/steps/3/"
        levels = SalaryLevel.objects.filter(role=case_manager).order_by("order")
        assert [(level["low"], level["high"]) for level in role["salary_levels"]] == [
            (level.low, level.high) for level in levels
        ]
        sources = {source["code"] for source in client.get("/api/v1/sources/").json()}
        facts = [*role["steps"], *role["skills"], *role["salary_levels"], *role["faqs"]]
        facts += role["requirements"]
        assert facts and all(fact["source"] in sources for fact in facts)

    def test_a_certification_has_its_eligibility_rules(self, client, content):
        ccm = client.get("/api/v1/certifications/ccm/").json()
        certification = Certification.objects.get(slug="ccm")
        assert [path["key"] for path in ccm["eligibility"]] == list(
            certification.eligibility.values_list("key", flat=True)
        )
        assert all(path["requirements"] for path in ccm["eligibility"])
        assert ccm["organization"]["abbreviation"] == "CCMC"

    def test_the_roles_list_links_to_each_role(self, client, content):
        roles = client.get("/api/v1/roles/").json()
        assert [role["slug"] for role in roles] == list(Role.objects.values_list("slug", flat=True))
        assert client.get(roles[0]["api"]).status_code == 200

    def test_search_gives_the_same_results_as_the_search_page(self, client, content):
        answer = client.get("/api/v1/search/", {"q": "how much do case managers earn"}).json()
        assert answer["results"][0]["url"] == "/roles/case-manager/#salary-ladder"
        assert answer["results"][0]["role"] == "case-manager"
        expected = search.search("how much do case managers earn")
        assert [hit["url"] for hit in answer["results"]] == [hit.url for hit in expected.hits]
        assert "<mark>" not in json.dumps(answer)

    def test_search_narrows_by_kind_and_limit(self, client, content):
        answer = client.get("/api/v1/search/", {"q": "degree", "kind": "faq", "limit": 2}).json()
        assert len(answer["results"]) == 2 and {hit["kind"] for hit in answer["results"]} == {"faq"}


class TestAdvisor:
    ANSWERS = {"education": "bachelor", "field": "nursing", "licenses": "rn", "cm_months": "24"}

    def test_it_ranks_the_roles_and_gives_the_eligibility_verdicts(self, client, content):
        answer = client.get("/api/v1/advisor/", self.ANSWERS).json()
        assert answer["answered"] is True
        assert {fit["slug"] for fit in answer["roles"]} == set(Role.objects.values_list("slug", flat=True))
        scores = [fit["score"] for fit in answer["roles"]]
        assert scores == sorted(scores, reverse=True)
        verdicts = {verdict["slug"]: verdict for verdict in answer["certifications"]}
        assert set(verdicts) == set(Certification.objects.values_list("slug", flat=True))
        # A nurse with two years of case management meets CCMC's licence-and-24-months rule.
        assert verdicts["ccm"]["status_kind"] == "now"
        assert verdicts["ccm"]["path"]["key"] == "licence-24-months"
        assert answer["plan"]["role"] == answer["roles"][0]["slug"]

    def test_it_reads_the_same_parameters_as_the_advisor_page(self, client, content):
        page = client.get("/advisor/", self.ANSWERS).content.decode()
        answer = client.get("/api/v1/advisor/", {**self.ANSWERS, "goal": "care-manager"}).json()
        assert answer["plan"]["role"] == "care-manager"
        for given in answer["answers"]:
            assert given["question"] in page

    def test_every_form_field_is_a_documented_parameter(self, document):
        from roadmap.advisor_form import AdvisorForm

        documented = {
            parameter["name"] for parameter in document["paths"]["/api/v1/advisor/"]["get"]["parameters"]
        }
        assert documented == set(AdvisorForm.base_fields)

    @pytest.mark.parametrize(
        ("query", "parameter"),
        [({"cm_months": "abc"}, "cm_months"), ({"licenses": "zzz"}, "licenses"), ({"goal": "nope"}, "goal")],
    )
    def test_bad_answers_get_a_400_naming_them(self, client, content, query, parameter):
        response = client.get("/api/v1/advisor/", query)
        assert response.status_code == 400
        assert parameter in [problem["parameter"] for problem in response.json()["problems"]]

    def test_an_oversized_query_gets_a_400(self, client, content):
        response = client.get("/api/v1/advisor/?cm_months=1&" + "x" * 5000)
        assert response.status_code == 400 and "too long" in response.json()["detail"]


class TestErrors:
    @pytest.mark.parametrize(
        ("query", "parameter"),
        [
            ({"limit": "0"}, "limit"),
            ({"limit": "abc"}, "limit"),
            ({"limit": "101"}, "limit"),
            ({"kind": "zeppelin"}, "kind"),
            ({"q": "a" * 201}, "q"),
        ],
    )
    def test_bad_parameters_get_a_400_naming_them(self, client, content, query, parameter):
        response = client.get("/api/v1/search/", query)
        assert response.status_code == 400
        body = response.json()
        assert body["detail"] == "Some parameters are not valid."
        assert [problem["parameter"] for problem in body["problems"]] == [parameter]
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cache-Control"] == "no-store"

    @pytest.mark.parametrize("query", ['NEAR("', "*", "AND", "-", "\x00", "!!!", ""])
    def test_hostile_search_words_are_never_an_error(self, client, content, query):
        assert client.get("/api/v1/search/", {"q": query}).status_code == 200

    @pytest.mark.parametrize(
        "url", ["/api/v1/roles/" + "x" * 5000 + "/", "/api/v1/nothing/", "/api/v1/roles/case-manager/steps/"]
    )
    def test_unknown_addresses_get_a_json_404(self, client, content, url):
        response = client.get(url)
        assert response.status_code == 404
        assert "detail" in response.json()

    def test_it_is_read_only(self, client, content):
        assert client.post("/api/v1/roles/").status_code == 405


class TestCaching:
    def test_answers_are_public_and_cacheable_from_any_origin(self, client, content):
        response = client.get("/api/v1/roles/case-manager/")
        assert "public" in response["Cache-Control"]
        assert response["Access-Control-Allow-Origin"] == "*"
        again = client.get("/api/v1/roles/case-manager/", HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304

    def test_an_edit_changes_the_answer(self, client, case_manager):
        before = client.get("/api/v1/roles/case-manager/")
        factories.FaqFactory(role=case_manager, source=case_manager.source, question="A new question?")
        after = client.get("/api/v1/roles/case-manager/")
        assert after["ETag"] != before["ETag"]
        assert "A new question?" in after.content.decode()


class TestQueryCounts:
    @pytest.mark.parametrize(
        ("url", "queries"),
        [
            # Always the content version first.
            ("/api/v1/roles/", 4),  # Role.objects.for_listing(): roles, salary levels, requirements
            ("/api/v1/roles/case-manager/", 14),  # Role.objects.for_guide()
            ("/api/v1/certifications/", 3),  # certifications with bodies, their roles
            ("/api/v1/certifications/ccm/", 5),  # certification, roles, statements, paths
            ("/api/v1/sources/", 2),
            ("/api/v1/field/", 6),  # definitions, phases, types, figures, organisations
            ("/api/v1/openapi.json", 1),
            # Role.objects.for_advisor() (5), certifications for_detail() (4), types of case manager.
            ("/api/v1/advisor/?education=bachelor&cm_months=24", 11),
        ],
    )
    def test_each_endpoint_makes_a_fixed_number_of_queries(
        self, client, case_manager, django_assert_num_queries, url, queries
    ):
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200
        for _ in range(3):
            factories.SalaryLevelFactory(role=case_manager, source=case_manager.source)
            factories.FaqFactory(role=case_manager, source=case_manager.source)
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200

    def test_search_makes_a_fixed_number_of_queries(self, client, content, django_assert_num_queries):
        client.get("/api/v1/search/?q=warm")  # the index is built once for each content version
        with django_assert_num_queries(1 + search.queries_per_search()):
            assert client.get("/api/v1/search/?q=salary").json()["total"] > 0


class TestDocsPage:
    def test_it_documents_every_endpoint_from_our_own_files(self, client, document):
        response = client.get("/api/v1/docs/")
        html = response.content.decode()
        assert response.status_code == 200 and "public" in response["Cache-Control"]
        for path in document["paths"]:
            assert f"GET {path}</code>" in html
        assert 'href="/api/v1/openapi.json"' in html
        assert f"curl -s '{settings.SITE_URL}/api/v1/search/" in html
        assert "testserver" not in html  # the same bytes whatever Host the request names
        assert not re.search(r'(src|href)="(https?:)?//', html)
        assert "unsafe-inline" not in response["Content-Security-Policy"]
