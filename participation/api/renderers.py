"""GeoReport v2's XML: the same data as the JSON, with the element names of the
specification (`<services><service>`, `<service_requests><request>`,
`<service_definition><attributes><attribute>`, `<discovery><endpoints><endpoint>`,
`<errors><error>`).

djangorestframework-xml writes every list item as `<list-item>` under `<root>`, which
is not GeoReport's shape, and changing that would mean overriding its private methods;
so the API has this small renderer of its own, on Django's SimplerXMLGenerator (which
escapes). A view names its root and item elements in `xml_root`; an error response is
always `<errors><error>`. `FormatByAddress` lets the address alone choose the
format, whatever the client's Accept header or `?format=` says.
"""

import re
from collections.abc import Mapping
from io import StringIO

from django.utils.xmlutils import SimplerXMLGenerator
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer

# The element of each member of a list, by the list's element name.
ITEM_ELEMENTS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}
# XML 1.0 has no way to write these; a resident's text could hold them.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_IN_XML.sub("", str(value))


class GeoReportXMLRenderer(BaseRenderer):
    media_type = "text/xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        context = renderer_context or {}
        response = context.get("response")
        if response is not None and getattr(response, "exception", False):
            root = "errors"
        else:
            root = getattr(context.get("view"), "xml_root", "response")
        stream = StringIO()
        xml = SimplerXMLGenerator(stream, self.charset, short_empty_elements=True)
        xml.startDocument()
        self.element(xml, root, data)
        xml.endDocument()
        return stream.getvalue().encode(self.charset)

    def element(self, xml: SimplerXMLGenerator, name: str, value) -> None:
        xml.startElement(name, {})
        if isinstance(value, Mapping):
            for key, member in value.items():
                self.element(xml, key, member)
        elif isinstance(value, list | tuple):
            item = ITEM_ELEMENTS.get(name, "item")
            for member in value:
                self.element(xml, item, member)
        elif value is not None:
            xml.characters(xml_text(value))
        xml.endElement(name)


class FormatByAddress(BaseContentNegotiation):
    """The address decides the format (`.json` or `.xml`: each has one renderer), so
    an Accept header never turns a request into a 406."""

    def select_parser(self, request, parsers):
        media_type = request.content_type.split(";")[0].strip()
        return next((p for p in parsers if p.media_type == media_type), None)

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
