"""Whom a failed admin sign-in counts against: django-axes' AXES_LOCKOUT_PARAMETERS.

From an address where this username has signed in before, failures count against that
username at that address only, so nobody elsewhere can lock an editor out of their usual
address. From any other address they count against the address (whatever username it tries)
and against the username (from wherever it is tried): AXES_FAILURE_LIMIT guesses spread over
many addresses lock the account, for unfamiliar addresses only, until AXES_COOLOFF_TIME passes.
"""

from __future__ import annotations

from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessLog
from django.http import HttpRequest


def lockout_parameters(request: HttpRequest, credentials: dict | None = None) -> list:
    username = get_client_username(request, credentials)
    ip_address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    if username and AccessLog.objects.filter(username=username, ip_address=ip_address).exists():
        return [["username", "ip_address"]]
    return ["ip_address", "username"]
