"""schema.org JSON-LD on the public pages: what each holds, and that it is all from the content."""

import json
import re

import pytest
from django.conf import settings

from roles.models import Certification, Faq, Role
from tests import factories

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def graph(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    blocks = LD_JSON.findall(response.content.decode())
    items = []
    for block in blocks:
        data = json.loads(block)
        assert data["@context"] == "https://schema.org"
        items.extend(data["@graph"])
    return items


def of_type(items: list[dict], kind: str) -> list[dict]:
    return [item for item in items if item["@type"] == kind]


def visible_breadcrumbs(client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    trail = re.search(r'<nav class="breadcrumbs[^"]*" aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    return (
        [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", trail[1])]
        if trail
        else []
    )


PUBLIC_PAGES = [
    "/",
    "/roles/case-manager/",
    "/roles/clinical-case-manager/",
    "/roles/care-manager/",
    "/roles/case-manager/steps/3/",
    "/faqs/",
    "/certifications/",
    "/certifications/ccm/",
    "/case-management/",
    "/sources/",
    "/compare/",
    "/search/?q=salary",
    "/api/v1/docs/",
]

REQUIRED = {
    "WebSite": {"name", "url", "potentialAction"},
    "Occupation": {"name", "description", "estimatedSalary", "skills", "url"},
    "FAQPage": {"mainEntity"},
    "EducationalOccupationalCredential": {"name", "credentialCategory", "recognizedBy", "url"},
    "BreadcrumbList": {"itemListElement"},
}


class TestEveryPage:
    @pytest.mark.parametrize("url", PUBLIC_PAGES)
    def test_its_json_ld_parses_with_known_types_and_required_properties(self, client, content, url):
        for item in graph(client, url):
            assert item["@type"] in REQUIRED, url
            assert REQUIRED[item["@type"]] <= set(item), (url, item["@type"])

    @pytest.mark.parametrize("url", PUBLIC_PAGES)
    def test_breadcrumbs_shown_are_breadcrumbs_described(self, client, content, url):
        shown = visible_breadcrumbs(client, url)
        lists = of_type(graph(client, url), "BreadcrumbList")
        if not shown:
            assert lists == []
            return
        [described] = lists
        assert [element["name"] for element in described["itemListElement"]] == shown
        positions = [element["position"] for element in described["itemListElement"]]
        assert positions == list(range(1, len(shown) + 1))
        assert all(element["item"].startswith(settings.SITE_URL) for element in described["itemListElement"])


class TestRolePage:
    def test_it_describes_an_occupation_with_the_articles_salary_figures(self, client, content):
        role = Role.objects.for_guide().get(slug="case-manager")
        [job] = of_type(graph(client, "/roles/case-manager/"), "Occupation")
        assert job["name"] == "Case Manager" and job["description"] == role.summary
        assert job["skills"] == [skill.name for skill in role.skills.all()]
        levels = list(role.salary_levels.all())
        assert len(job["estimatedSalary"]) == len(levels)
        for distribution, level in zip(job["estimatedSalary"], levels, strict=True):
            assert distribution["@type"] == "MonetaryAmountDistribution"
            assert distribution["currency"] == "USD" and distribution["duration"] == "P1Y"
            assert distribution["minValue"] == level.low
            assert distribution.get("maxValue") == (None if level.open_ended else level.high)
            assert level.span in distribution["name"]
        education = [s.text for s in role.requirements.all() if s.aspect == "education"]
        assert job["educationRequirements"] == education and education

    def test_its_faqs_are_an_faq_page(self, client, content):
        [faqs] = of_type(graph(client, "/roles/care-manager/"), "FAQPage")
        questions = list(Faq.objects.filter(role__slug="care-manager").values_list("question", flat=True))
        assert [question["name"] for question in faqs["mainEntity"]] == questions
        assert all(question["acceptedAnswer"]["text"] for question in faqs["mainEntity"])

    def test_content_cannot_break_out_of_the_script(self, client, case_manager):
        factories.FaqFactory(
            role=case_manager,
            source=case_manager.source,
            question="Is </script><script>alert(1)</script> <!-- safe?",
        )
        html = client.get("/roles/case-manager/").content.decode()
        block = LD_JSON.search(html)[1]
        assert "</script" not in block and "<!--" not in block
        questions = of_type(json.loads(block)["@graph"], "FAQPage")[0]["mainEntity"]
        assert "Is </script><script>alert(1)</script> <!-- safe?" in [
            question["name"] for question in questions
        ]


class TestOtherPages:
    def test_a_certification_page_describes_the_credential(self, client, content):
        certification = Certification.objects.get(slug="ccm")
        [credential] = of_type(graph(client, "/certifications/ccm/"), "EducationalOccupationalCredential")
        assert credential["alternateName"] == "CCM" and credential["name"] == certification.name
        assert credential["recognizedBy"]["name"] == certification.organization.name

    def test_the_faqs_page_lists_the_questions_it_shows(self, client, content):
        [faqs] = of_type(graph(client, "/faqs/"), "FAQPage")
        assert len(faqs["mainEntity"]) == Faq.objects.count()

    def test_the_home_page_offers_the_site_search(self, client, content):
        [site] = of_type(graph(client, "/"), "WebSite")
        template = site["potentialAction"]["target"]["urlTemplate"]
        assert template == settings.SITE_URL + "/search/?q={search_term_string}"
