from django.http import HttpResponse


def compare(request):
    return HttpResponse("todo")
