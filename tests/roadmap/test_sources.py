"""Readable citations and the /sources/ page that every citation links to."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import set_script_prefix

from roadmap.templatetags.content_display import source_label
from roles.models import Certification, Role, Source
from tests import factories

CITATION = re.compile(r'<span class="source">Source: <a href="/sources/#([^"]+)">([^<]+)</a></span>')
# "Source: 000", "Source: <abbr …>000</abbr>", "Source: ref-ccmc": an internal code shown as a source.
CODE_CITATION = re.compile(r"Source:\s*(?:<abbr[^>]*>)?\s*(?:\d{3}|ref-|sec-)")


def public_pages() -> list[str]:
    pages = ["/", "/faqs/", "/certifications/", "/case-management/", "/sources/"]
    pages += ["/compare/?roles=case-manager&roles=clinical-case-manager&roles=care-manager"]
    pages += ["/advisor/?education=bsw&interests=older-adults&goal=clinical-case-manager"]
    for role in Role.objects.all():
        pages += [f"/roles/{role.slug}/", f"/roles/{role.slug}/steps/1/"]
    pages += [f"/certifications/{slug}/" for slug in Certification.objects.values_list("slug", flat=True)]
    return pages


class TestCitations:
    def test_no_page_shows_an_internal_code_or_file_name(self, client, content):
        for page in public_pages():
            response = client.get(page, follow=True)
            assert response.status_code == 200, page
            html = response.content.decode()
            assert not CODE_CITATION.search(html), page
            assert ".txt" not in html, page
            assert "<abbr title=" not in html, page

    def test_every_citation_names_its_source_readably_and_finds_it_on_the_sources_page(self, client, content):
        sources_html = client.get("/sources/").content.decode()
        labels = {source.anchor: source.label for source in Source.objects.all()}
        cited = set()
        for page in public_pages():
            for anchor, text in CITATION.findall(client.get(page, follow=True).content.decode()):
                assert f'id="{anchor}"' in sources_html, (page, anchor)
                assert text == labels[anchor].replace("'", "&#x27;"), (page, anchor)
                cited.add(anchor)
        assert {"source-000", "source-001", "source-002", "source-003", "source-004"} <= cited

    def test_a_role_guide_cites_by_short_title(self, client, content):
        html = client.get("/roles/clinical-case-manager/").content.decode()
        texts = {text for _, text in CITATION.findall(html)}
        assert "Managing Medical Mayhem!" in texts
        assert "How to Become a Clinical Case Manager" in texts
        assert len(CITATION.findall(html)) > 50  # cited fact by fact

    def test_the_advisor_links_each_rule_to_its_source_entry(self, client, content):
        html = client.get("/advisor/?education=bsw&goal=case-manager").content.decode()
        assert 'href="/sources/#source-ref-ccmc">CCMC eligibility criteria</a>' in html
        assert 'href=""' not in html

    def test_a_certification_page_never_links_to_an_address_it_does_not_have(self, client, content):
        for slug in Certification.objects.values_list("slug", flat=True):
            html = client.get(f"/certifications/{slug}/").content.decode()
            assert 'href=""' not in html, slug


class TestSourceLabel:
    def test_it_is_empty_without_a_source(self):
        assert source_label(None) == ""

    def test_it_escapes_the_title_and_falls_back_to_it(self):
        source = Source(code="x", title="<b>A & B</b>", kind="article")
        assert source_label(source) == (
            '<span class="source">Source: '
            '<a href="/sources/#source-x">&lt;b&gt;A &amp; B&lt;/b&gt;</a></span>'
        )

    def test_it_prefers_the_short_title(self):
        source = Source(code="x", title="A very long title", short_title="Short", kind="article")
        assert ">Short</a>" in source_label(source)

    def test_it_follows_the_script_prefix(self):
        set_script_prefix("/careerpath/")
        try:
            assert 'href="/careerpath/sources/#source-x"' in source_label(
                Source(code="x", title="T", kind="article")
            )
        finally:
            set_script_prefix("/")


class TestSourcesFixture:
    """The sources cite only what the reference and the seeds give: no invented address or date."""

    def test_no_source_names_an_internal_file(self, content):
        assert not hasattr(Source, "file")

    def test_ancc_gives_no_address_or_date_it_does_not_have(self, content):
        ancc = Source.objects.get(code="ref-ancc")
        assert (ancc.url, ancc.read_on, ancc.kind) == ("", None, "secondary")
        assert "nursingworld" not in ancc.title + ancc.note

    def test_nasw_is_its_credentialing_center_faq_on_a_bare_site(self, content):
        nasw = Source.objects.get(code="ref-nasw")
        assert nasw.title == "National Association of Social Workers (NASW), Credentialing Center FAQ"
        assert urlsplit(nasw.url).path in ("", "/")
        assert nasw.read_on is None

    @pytest.mark.parametrize(
        "code, site",
        [
            ("sec-humanservicesedu", "humanservicesedu.org"),
            ("sec-ollusa", "onlineprograms.ollusa.edu"),
            ("sec-cmstudyguide", "casemanagementstudyguide.com"),
            ("sec-nursecom", "nurse.com"),
        ],
    )
    def test_secondary_summaries_give_only_their_site(self, content, code, site):
        source = Source.objects.get(code=code)
        assert source.kind == "secondary"
        assert urlsplit(source.url).netloc == site
        assert urlsplit(source.url).path in ("", "/")

    def test_articles_have_no_address_or_date(self, content):
        for article in Source.objects.filter(kind="article"):
            assert (article.url, article.read_on) == ("", None), article.code


class TestSourcesPage:
    def test_it_lists_every_source_with_its_kind_date_and_address(self, client, content):
        html = client.get("/sources/").content.decode()
        for source in Source.objects.all():
            entry = html.split(f'id="{source.anchor}"')[1].split("</section>")[0]
            assert source.title.replace("'", "&#x27;") in entry
            assert source.get_kind_display().replace("'", "&#x27;") in entry
            if source.url:
                assert f'<a href="{source.url}" rel="noopener">' in entry
            else:
                assert "None recorded" in entry and '<a href="http' not in entry
            if source.read_on:
                assert f'<time datetime="{source.read_on.isoformat()}">' in entry
            else:
                assert "No date recorded" in entry
        for heading in ("Guide articles", "Certifying bodies&#x27; criteria", "Secondary summaries"):
            assert heading in html

    def test_it_names_the_pages_that_cite_each_source(self, client, content):
        html = client.get("/sources/").content.decode()

        def cited_on(anchor):
            return html.split(f'id="{anchor}"')[1].split("</section>")[0].split("Cited on")[1]

        assert '<a href="/roles/clinical-case-manager/">Clinical Case Manager guide</a>' in cited_on(
            "source-000"
        )
        assert "/roles/care-manager/" not in cited_on("source-000")
        assert '<a href="/case-management/">About case management</a>' in cited_on("source-003")
        assert '<a href="/certifications/ccm/">' in cited_on("source-ref-ccmc")
        assert '<a href="/advisor/">Career Path Advisor</a>' in cited_on("source-ref-ccmc")
        assert '<a href="/faqs/">FAQs</a>' in cited_on("source-001")

    def test_a_source_nothing_cites_says_so(self, client, content):
        factories.SourceFactory(code="zz-unused", title="Unused source")
        html = client.get("/sources/").content.decode()
        assert "No page yet" in html.split('id="source-zz-unused"')[1].split("</section>")[0]

    def test_its_query_count_does_not_grow_with_content(
        self, client, content, django_assert_num_queries, role_factory, step_factory
    ):
        # The content version; one UNION of (source, page) pairs over every content model;
        # the roles; the certifications; the sources.
        with django_assert_num_queries(5):
            assert client.get("/sources/").status_code == 200
        role = role_factory(source=Source.objects.get(code="004"))
        step_factory(role=role, source=Source.objects.get(code="003"))
        factories.SourceFactory(code="zz-new", title="New source")
        with django_assert_num_queries(5):
            html = client.get("/sources/").content.decode()
        assert role.title in html and "New source" in html

    def test_it_is_public_cached_and_the_same_for_everyone(self, client, content, django_assert_num_queries):
        first = client.get("/sources/")
        assert "public" in first["Cache-Control"]
        assert first.has_header("ETag")
        other = client.__class__().get("/sources/")
        assert other.content == first.content
        with django_assert_num_queries(1):  # the content version only: the page comes from the cache
            assert client.get("/sources/").content == first.content

    def test_it_has_breadcrumbs_and_every_page_links_to_it(self, client, content):
        html = client.get("/sources/").content.decode()
        assert '<nav class="breadcrumbs wrap" aria-label="Breadcrumb">' in html
        assert '<span aria-current="page">Sources</span>' in html
        for page in ("/", "/faqs/", "/case-management/", "/roles/care-manager/"):
            assert '<a href="/sources/">Sources</a>' in client.get(page).content.decode(), page


class TestCaseManagementPage:
    def test_it_links_to_the_sources_page_instead_of_listing_codes(
        self, client, content, django_assert_num_queries
    ):
        # The content version, definitions, phases, types, figures, organisations: the source
        # list moved to /sources/, so one query fewer than before.
        with django_assert_num_queries(6):
            html = client.get("/case-management/").content.decode()
        section = html.split('id="sources-heading"')[1].split("</section>")[0]
        assert '<a href="/sources/">All sources</a>' in section
        assert "<strong>000</strong>" not in html
