from django.http import HttpResponse


def advisor(request):
    return HttpResponse("todo")


def save_to_roadmap(request):
    return HttpResponse("todo")
