"""This API described in OpenAPI 3.1 (`openapi.json`), for partners' developers."""

from django.http import HttpRequest

from participation.api.parameters import PAGE_SIZE
from participation.reports.models import ReportState


def openapi_document(request: HttpRequest) -> dict:
    error = {"$ref": "#/components/schemas/Errors"}
    string = {"type": "string"}
    nullable = {"type": ["string", "null"]}
    query = [
        ("service_request_id", "Comma-separated ids; other filters are ignored."),
        ("service_code", "Comma-separated service codes."),
        ("status", "open, closed or both comma-separated."),
        ("start_date", "W3C date-time; requests received at or after it."),
        ("end_date", "W3C date-time; requests received at or before it."),
        ("address_id", "A community id (as in the station posters' QR codes)."),
        (
            "page",
            f"Page number, {PAGE_SIZE} requests a page; a Link header names "
            "the next page.",
        ),
        ("locale", "zh-hans (default) or en."),
    ]
    request_schema = {
        "type": "object",
        "properties": {
            "service_request_id": string,
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": string,
            "service_name": string,
            "service_code": string,
            "description": {
                **string,
                "description": "The moderator's redacted text, empty until published.",
            },
            "agency_responsible": string,
            "service_notice": string,
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "expected_datetime": {"type": ["string", "null"], "format": "date-time"},
            "address": {
                **string,
                "description": "The community, never the exact place.",
            },
            "address_id": string,
            "zipcode": nullable,
            "lat": {"type": ["number", "null"]},
            "long": {"type": ["number", "null"]},
            "media_url": nullable,
            "extended_attributes": {
                "type": "object",
                "properties": {
                    "state": {"type": "string", "enum": list(ReportState.values)},
                    "triage": nullable,
                    "handling_class": nullable,
                },
            },
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Open311 GeoReport v2: city management in communities",
            "version": "2.0",
            "description": (
                "Public reports of residents (no personal data) and report intake "
                "for partners with an API key issued in the admin."
            ),
        },
        "servers": [
            {"url": request.build_absolute_uri("/api/open311/v2/").rstrip("/")}
        ],
        "paths": {
            "/services.json": {
                "get": {
                    "summary": (
                        "Service list (the duty list's current items; with "
                        "address_id, that community's own duties too)"
                    ),
                    "parameters": [
                        {"name": "locale", "in": "query", "schema": string},
                        {"name": "address_id", "in": "query", "schema": string},
                    ],
                    "responses": {
                        "200": {
                            "description": "Services",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {
                                            "$ref": "#/components/schemas/Service"
                                        },
                                    }
                                }
                            },
                        }
                    },
                }
            },
            "/requests.json": {
                "get": {
                    "summary": "Service requests (public fields only)",
                    "parameters": [
                        {
                            "name": name,
                            "in": "query",
                            "schema": string,
                            "description": text,
                        }
                        for name, text in query
                    ],
                    "responses": {
                        "200": {
                            "description": "Requests",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {
                                            "$ref": "#/components/schemas/Request"
                                        },
                                    }
                                }
                            },
                        },
                        "400": {
                            "description": "Bad parameter",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                },
                "post": {
                    "summary": "Create a service request",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": {
                                    "type": "object",
                                    "required": [
                                        "api_key",
                                        "service_code",
                                        "description",
                                    ],
                                    "properties": {
                                        "api_key": string,
                                        "service_code": string,
                                        "description": string,
                                        "address_id": string,
                                        "address_string": string,
                                        "lat": {"type": "number"},
                                        "long": {"type": "number"},
                                        "first_name": string,
                                        "last_name": string,
                                        "phone": string,
                                        "email": string,
                                        "locale": string,
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "Created",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "properties": {
                                                "service_request_id": string,
                                                "service_notice": string,
                                                "account_id": nullable,
                                            },
                                        },
                                    }
                                }
                            },
                        },
                        "400": {
                            "description": "Bad parameter",
                            "content": {"application/json": {"schema": error}},
                        },
                        "403": {
                            "description": "Missing or invalid api_key",
                            "content": {"application/json": {"schema": error}},
                        },
                        "429": {
                            "description": "Too many requests",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                },
            },
            "/requests/{service_request_id}.json": {
                "get": {
                    "summary": "One service request",
                    "parameters": [
                        {
                            "name": "service_request_id",
                            "in": "path",
                            "required": True,
                            "schema": string,
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The request, as a one-element list",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {
                                            "$ref": "#/components/schemas/Request"
                                        },
                                    }
                                }
                            },
                        },
                        "404": {
                            "description": "Not found",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Service": {
                    "type": "object",
                    "properties": {
                        "service_code": string,
                        "service_name": string,
                        "description": string,
                        "metadata": {"type": "boolean"},
                        "type": {
                            "type": "string",
                            "enum": ["realtime", "batch", "blackbox"],
                        },
                        "keywords": string,
                        "group": string,
                    },
                },
                "Request": request_schema,
                "Errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "code": {"type": "integer"},
                            "description": string,
                        },
                    },
                },
            }
        },
    }
