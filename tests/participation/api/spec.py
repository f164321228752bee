"""The field lists of the GeoReport v2 specification (wiki.open311.org/GeoReport_v2),
written out once for the API tests, so that they do not read them from the code
they check."""

SPEC_SERVICE = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
SPEC_REQUEST = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
SPEC_ATTRIBUTE = [
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
]
SPEC_DISCOVERY = ["changeset", "contact", "key_service", "endpoints"]
SPEC_ENDPOINT = ["specification", "url", "changeset", "type", "formats"]
