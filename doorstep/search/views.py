from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render

from doorstep.core.http import AuthedHttpRequest
from doorstep.search.selectors import search as search_for


def search(request: AuthedHttpRequest) -> HttpResponse:
    results = search_for(
        user=request.user,
        query=request.GET.get("q", ""),
        kind=request.GET.get("kind", ""),
        page=request.GET.get("page"),
    )
    params = {"q": results.query}
    if results.kind:
        params["kind"] = results.kind
    context = {
        "results": results,
        "search_query": results.query,
        "all_results_query": urlencode({"q": results.query}),
        "querystring_without_page": urlencode(params) + "&",
    }
    template = "search/partials/results.html" if request.htmx else "search/results.html"
    return render(request, template, context)
