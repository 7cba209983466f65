"""Sign-in throttling (django-axes, configured in config/settings/base.py): whose address a
sign-in comes from, and the page a paused sign-in gets.

Axes counts wrong passwords per username and address; the address is the client's, read from
X-Forwarded-For behind settings.REVERSE_PROXY_COUNT reverse proxies, or REMOTE_ADDR with none.
(Axes' own AXES_IPWARE_* settings need django-ipware, which this project does not install.)
"""

from __future__ import annotations

import ipaddress
import math

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control

TEMPLATE = "registration/sign_in_paused.html"


def client_ip(request) -> str | None:
    """The client's address: with N reverse proxies in front, each appending the address it
    was reached from to X-Forwarded-For, the N-th from the right (what the outermost proxy
    saw). Anything before that was sent by the client, who can write anything there. A
    request that did not pass through them all, or a value that is not an address, falls back
    to REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "REVERSE_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-proxies]))
    except ValueError:
        return remote


def sign_in_paused(request, original_response=None, credentials=None):
    """The page for a sign-in refused because of too many wrong passwords (AXES_LOCKOUT_CALLABLE):
    in the site's layout, saying for how long and how to get help. 429, with Retry-After."""
    cool_off = get_cool_off(request)
    now = timezone.now()
    latest = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=getattr(request, "axes_ip_address", None),
    ).aggregate(latest=Max("attempt_time"))["latest"]
    until = (latest or now) + cool_off
    seconds = max(60, math.ceil((until - now).total_seconds()))
    response = render(
        request,
        TEMPLATE,
        {"minutes": math.ceil(seconds / 60), "until": until},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(seconds)
    patch_cache_control(response, no_store=True)
    return response
