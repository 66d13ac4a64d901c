from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "CareerPath content"
admin.site.site_title = "CareerPath admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("roadmap.urls")),
]

handler404 = "careerpath.errors.page_not_found"
handler500 = "careerpath.errors.server_error"
