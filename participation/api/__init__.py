"""Open311 GeoReport v2 (JSON) for partners such as the 12345 hotline platform.

    GET  /api/open311/v2/services.json          the categories: today's duty items
    GET  /api/open311/v2/requests.json          public view of reports
    POST /api/open311/v2/requests.json          a new report (api_key required)
    GET  /api/open311/v2/requests/<id>.json     one report
    GET  /api/open311/v2/openapi.json           this API described in OpenAPI 3.1

Only public fields leave here: never a name, phone, email, the resident's own words or
the exact place (the description and photo appear only once a moderator published a
redacted version; the address is the community's). `status` is GeoReport's
open/closed; the fine state travels in `extended_attributes`. Errors are GeoReport
error lists, `[{"code": 400, "description": "…"}]`, with the same HTTP status.

The package: `errors` (how bad input is answered), `parameters` (what a request may
ask), `serialising` (what a report shows), `views` and `urls`, `openapi` (the
description), `keys` (partners' keys) and `admin_views` (issuing and revoking them).
"""
