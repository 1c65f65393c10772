"""The schema and the browsable docs (docs/api.md).

The docs are Swagger UI from the vendored drf-spectacular-sidecar files, with its start-up
script served as a file rather than inline, so the Content Security Policy (no inline script
or style) holds and no external network is needed.
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


class ApiSchemaView(SpectacularAPIView):
    pass


class ApiDocsView(SpectacularSwaggerSplitView):
    template_name = "api/docs.html"
    title = "Doorstep API"
