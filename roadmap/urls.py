from django.urls import path

from roadmap import advisor_views, compare_views, search_views, views

app_name = "roadmap"

urlpatterns = [
    path("", views.home, name="home"),
    path("roles/<slug:slug>/", views.role_guide, name="role"),
    path("roles/<slug:slug>/steps/<int:number>/", views.step_detail, name="step"),
    path("roles/<slug:slug>/steps/<int:number>/status/", views.mark_step, name="mark-step"),
    path("roles/<slug:slug>/steps/<int:number>/note/", views.save_note, name="save-note"),
    path("roles/<slug:slug>/progress/", views.my_progress, name="my-progress"),
    path("roles/<slug:slug>/progress/reset/", views.reset_progress_confirm, name="reset-confirm"),
    path("roles/<slug:slug>/progress/reset/confirm/", views.reset_progress, name="reset"),
    path("roles/<slug:slug>/progress/share/", views.share_progress, name="share-progress"),
    path("roles/<slug:slug>/shared/<str:token>/", views.shared_progress, name="shared-progress"),
    path(
        "roles/<slug:slug>/shared/<str:token>/copy/", views.copy_shared_progress, name="copy-shared-progress"
    ),
    path("faqs/", views.faqs, name="faqs"),
    path("search/", search_views.search_page, name="search"),
    path("certifications/", views.certification_list, name="certifications"),
    path("certifications/<slug:slug>/", views.certification_detail, name="certification"),
    path("case-management/", views.case_management, name="case-management"),
    path("sources/", views.sources, name="sources"),
    path("compare/", compare_views.compare, name="compare"),
    path("advisor/", advisor_views.advisor_page, name="advisor"),
    path("advisor/save/", advisor_views.save_confirm, name="advisor-save"),
    path("advisor/save/confirm/", advisor_views.save_to_roadmap, name="advisor-save-confirm"),
]
