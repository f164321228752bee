"""The OpenAPI generator of this project (settings.SPECTACULAR_SETTINGS): only the
Open311 API's addresses, so the deployment check's trial run and `manage.py
spectacular` describe what openapi.json serves, not Wagtail's pages API. Its own
module: drf-spectacular imports it while its views module is being loaded."""

from drf_spectacular.generators import SchemaGenerator

API_URLCONF = "participation.api.urls"


class Open311SchemaGenerator(SchemaGenerator):
    """drf-spectacular's generator over the Open311 API's own addresses, unless
    told another urlconf."""

    def __init__(self, *args, urlconf=None, **kwargs):
        super().__init__(*args, urlconf=urlconf or API_URLCONF, **kwargs)
