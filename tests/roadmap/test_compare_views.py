import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

HTMX = {"HTTP_HX_REQUEST": "true"}


class TestCompare:
    def test_no_roles_named_compares_all_three(self, client, content):
        html = client.get("/compare/").content.decode()
        assert "Clinical Case Manager compared with Case Manager compared with Care Manager" in html
        assert "Skills all of them list" in html
        assert (
            'value="http://testserver/compare/?roles=clinical-case-manager,case-manager,care-manager"' in html
        )

    def test_two_roles_show_two_columns_and_a_shared_chart(self, client, content):
        html = client.get("/compare/?roles=clinical-case-manager,care-manager").content.decode()
        assert "Clinical Case Manager compared with Care Manager" in html
        assert html.count('<th scope="col"><a href=') == 2
        assert html.count('class="bar"') == 10
        assert "Only Clinical Case Manager" in html

    def test_every_row_the_advisor_needs_is_there(self, client, content):
        html = client.get("/compare/?roles=case-manager,care-manager").content.decode()
        for label in [
            "Summary",
            "Education required",
            "Experience needed",
            "How long it takes",
            "Licensing",
            "Certifications that apply",
            "Career ladder, first to top position",
            "Salary, level 1",
            "Work environment",
            "Where the data came from",
        ]:
            assert f'<th scope="row">{label}</th>' in html

    def test_education_shows_each_sources_view_for_the_clinical_role(self, client, content):
        html = client.get("/compare/?roles=clinical-case-manager").content.decode()
        row = html.split('id="row-education"')[1].split("</tr>")[0]
        assert ">000</abbr>" in row and ">002</abbr>" in row

    def test_only_differences_hides_rows_that_say_the_same(self, client, content):
        full = client.get("/compare/?roles=case-manager").content.decode()
        assert 'id="row-summary"' in full
        html = client.get("/compare/?roles=case-manager,care-manager&differences=1").content.decode()
        assert 'id="row-summary"' in html  # they differ
        assert "only the rows where they differ" in html
        assert 'name="differences" value="1" checked' in html

    def test_htmx_gets_only_the_comparison(self, client, content):
        html = client.get("/compare/?roles=case-manager", **HTMX).content.decode()
        assert html.strip().startswith('<div id="comparison"')
        assert "<html" not in html and "compare-form" not in html

    def test_the_plain_form_submits_repeated_roles(self, client, content):
        html = client.get("/compare/?roles=case-manager&roles=care-manager").content.decode()
        assert "Case Manager compared with Care Manager" in html

    def test_a_role_named_twice_is_shown_once_and_the_page_says_so(self, client, content):
        html = client.get("/compare/?roles=case-manager,care-manager,case-manager").content.decode()
        assert "A role named more than once in the link is shown once." in html
        assert "<caption>Case Manager compared with Care Manager</caption>" in html
        plain = client.get("/compare/?roles=case-manager,care-manager").content.decode()
        assert "named more than once" not in plain

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("roles=astronaut,case-manager", "We do not know the role “astronaut”"),
            ("roles=case-manager,case-manager", "<caption>Case Manager</caption>"),
            ("roles=,,case-manager,", "<caption>Case Manager</caption>"),
            ("roles=" + ",".join(["care-manager"] * 50), "<caption>Care Manager</caption>"),
            ("roles=%3Cscript%3Ealert(1)%3C/script%3E", "&lt;script&gt;"),
            ("roles=%00%ff%fe", "We do not know"),
            ("roles=", "Choose at least one role"),
            ("roles=nobody", "Choose at least one role"),
            ("differences=maybe&roles=care-manager", "<caption>Care Manager</caption>"),
        ],
    )
    def test_bad_input_never_breaks_it(self, client, content, query, expected):
        response = client.get("/compare/?" + query)
        assert response.status_code == 200
        assert expected in response.content.decode()

    @pytest.mark.parametrize("slugs", ["case-manager", "case-manager,care-manager", ""])
    def test_the_query_count_is_the_same_for_one_two_or_three_roles(self, client, content, slugs):
        url = f"/compare/?roles={slugs}" if slugs else "/compare/"
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # Roles, sources, steps, 9 sections (certifications also read their link table), 2 child lists.
        assert len(queries) == 15

    def test_role_pages_offer_compare_with_each_other_role(self, client, content):
        html = client.get("/roles/case-manager/").content.decode()
        assert 'href="/compare/?roles=case-manager,clinical-case-manager"' in html
        assert 'href="/compare/?roles=case-manager,care-manager"' in html
