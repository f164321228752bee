"""The shape of every answer: the views pass their data through these serializers
(so no field outside them is ever sent), and drf-spectacular reads them to write
the OpenAPI document (each is a component named without "Serializer"). Field names
are GeoReport v2's."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from participation.reports.models import ReportState


@extend_schema_field(OpenApiTypes.DATETIME)
class DateTimeText(serializers.CharField):
    """A W3C date-time already written in the site's time zone."""


class ServiceSerializer(serializers.Serializer):
    service_code = serializers.CharField()
    service_name = serializers.CharField()
    description = serializers.CharField()
    metadata = serializers.BooleanField(
        help_text="True: services/{service_code} describes extra attributes."
    )
    type = serializers.ChoiceField(choices=["realtime", "batch", "blackbox"])
    keywords = serializers.CharField()
    group = serializers.CharField()


class AttributeValueSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class AttributeSerializer(serializers.Serializer):
    variable = serializers.BooleanField()
    code = serializers.CharField()
    datatype = serializers.ChoiceField(
        choices=[
            "string",
            "number",
            "datetime",
            "text",
            "singlevaluelist",
            "multivaluelist",
        ]
    )
    required = serializers.BooleanField()
    datatype_description = serializers.CharField(allow_blank=True)
    order = serializers.IntegerField()
    description = serializers.CharField()
    values = AttributeValueSerializer(many=True)


class ServiceDefinitionSerializer(serializers.Serializer):
    service_code = serializers.CharField()
    attributes = AttributeSerializer(many=True)


class ExtendedAttributesSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=list(ReportState.values))
    triage = serializers.CharField(allow_null=True)
    handling_class = serializers.CharField(allow_null=True)


class RequestSerializer(serializers.Serializer):
    service_request_id = serializers.CharField()
    status = serializers.ChoiceField(choices=["open", "closed"])
    status_notes = serializers.CharField()
    service_name = serializers.CharField()
    service_code = serializers.CharField()
    description = serializers.CharField(
        help_text="The moderator's redacted text, empty until published."
    )
    agency_responsible = serializers.CharField()
    service_notice = serializers.CharField()
    requested_datetime = DateTimeText()
    updated_datetime = DateTimeText()
    expected_datetime = DateTimeText(allow_null=True)
    address = serializers.CharField(help_text="The community, never the exact place.")
    address_id = serializers.CharField()
    zipcode = serializers.CharField(allow_null=True)
    lat = serializers.FloatField(allow_null=True)
    long = serializers.FloatField(allow_null=True)
    media_url = serializers.URLField(allow_null=True)
    extended_attributes = ExtendedAttributesSerializer()


class CreatedSerializer(serializers.Serializer):
    service_request_id = serializers.CharField()
    service_notice = serializers.CharField()
    account_id = serializers.CharField(allow_null=True)


class ErrorSerializer(serializers.Serializer):
    code = serializers.IntegerField()
    description = serializers.CharField()


class EndpointSerializer(serializers.Serializer):
    specification = serializers.URLField()
    url = serializers.URLField()
    changeset = DateTimeText()
    type = serializers.ChoiceField(choices=["production", "test"])
    formats = serializers.ListField(child=serializers.CharField())


class DiscoverySerializer(serializers.Serializer):
    changeset = DateTimeText()
    contact = serializers.CharField()
    key_service = serializers.CharField()
    endpoints = EndpointSerializer(many=True)
