from django.urls import include, path

urlpatterns = [path("site/", include("careerpath.urls"))]
