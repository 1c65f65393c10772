from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.myday.selectors import my_day


def my_day_view(request: AuthedHttpRequest) -> HttpResponse:
    day = my_day(user=request.user, now=timezone.now())
    context = {"day": day, **paginate(request, day.items, 50)}
    template = "myday/partials/items.html" if request.htmx else "myday/my_day.html"
    return render(request, template, context)
