"""The OAI-PMH response schema (with oai_dc), loaded from tests/docs_center/schemas/ with no
network: the official files' remote imports are answered from that folder."""

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
LOCAL = {
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
}


class _Local(etree.Resolver):
    def resolve(self, url, public_id, context):
        for remote, name in LOCAL.items():
            if url == remote or url.endswith("/" + name):
                return self.resolve_filename(str(SCHEMAS / name), context)
        return None


@cache
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Local())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "bundle.xsd"), parser))


def validate(content: bytes) -> etree._Element:
    """The parsed response; AssertionError with the schema's complaints if it is invalid."""
    document = etree.fromstring(content)
    checker = schema()
    assert checker.validate(document), "\n".join(str(e) for e in checker.error_log)
    return document
