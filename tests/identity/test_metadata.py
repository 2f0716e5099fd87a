"""Each town publishes its own signed SP metadata at /logowanie/metadata/."""

import pytest
from django_tenants.utils import schema_context
from lxml import etree

from eurzad.core.xmlsecurity import xmldsig
from eurzad.identity.models import LoginGovConfig
from eurzad.identity.protocol import HTTP_ARTIFACT, MD
from tests.conftest import host_client


@pytest.mark.parametrize("schema", ["zembrzyce", "glogow"])
def test_town_serves_its_own_signed_metadata(towns, schema):
    response = host_client(f"{schema}.localhost").get("/logowanie/metadata/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/samlmetadata+xml"
    assert b"PRIVATE KEY" not in response.content
    metadata = etree.fromstring(response.content)
    assert metadata.get("entityID") == f"https://{schema}.localhost/logowanie/sp"
    acs = metadata.find(f".//{{{MD}}}AssertionConsumerService")
    assert acs.get("Binding") == HTTP_ARTIFACT
    assert acs.get("Location") == f"http://{schema}.localhost/logowanie/acs/"
    with schema_context(schema):
        own_certificate = LoginGovConfig.objects.get().sp_certificate
    xmldsig.verify(metadata, own_certificate)
    other = "glogow" if schema == "zembrzyce" else "zembrzyce"
    with schema_context(other):
        foreign_certificate = LoginGovConfig.objects.get().sp_certificate
    with pytest.raises(xmldsig.SignatureError):
        xmldsig.verify(metadata, foreign_certificate)
