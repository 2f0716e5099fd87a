"""The SP's messages in the login.gov.pl profile."""

from lxml import etree

from eurzad.identity import protocol as p

SP = p.ServiceProvider(
    entity_id="https://zembrzyce.localhost/logowanie/sp",
    acs_url="https://zembrzyce.localhost/logowanie/acs/",
    slo_url="https://zembrzyce.localhost/logowanie/slo/",
    certificate_pem="-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n",
)
SSO = "https://symulator.login.gov.pl/login/SingleSignOnService"


def test_authn_request_follows_the_wk_profile():
    request = p.authn_request(
        SP, SSO, "http://eidas.europa.eu/LoA/substantial", provider_name="Gmina Zembrzyce"
    )
    assert request.get("ForceAuthn") == "true"
    # The WK integration environment refuses a request without ProviderName.
    assert request.get("ProviderName") == "Gmina Zembrzyce"
    assert request.get("ProtocolBinding") == p.HTTP_ARTIFACT
    assert request.get("Destination") == SSO
    assert request.get("ID").startswith("ID-") and len(request.get("ID")) > 30
    assert request.findtext(f"{{{p.SAML}}}Issuer") == SP.entity_id
    assert request.findtext(f".//{{{p.EIDAS}}}SPType") == "public"
    names = {a.get("Name") for a in request.iter(f"{{{p.EIDAS}}}RequestedAttribute")}
    assert names == set(p.REQUESTED_ATTRIBUTES.values())
    context = request.find(f"{{{p.SAMLP}}}RequestedAuthnContext")
    assert context.get("Comparison") == "minimum"
    assert context.findtext(f"{{{p.SAML}}}AuthnContextClassRef").endswith("substantial")


def test_request_ids_are_unique_and_unguessable():
    ids = {p.new_message_id() for _ in range(1000)}
    assert len(ids) == 1000


def test_metadata_declares_artifact_acs_and_both_key_uses():
    metadata = p.sp_metadata(SP)
    descriptor = metadata.find(f"{{{p.MD}}}SPSSODescriptor")
    assert descriptor.get("AuthnRequestsSigned") == "true"
    acs = descriptor.find(f"{{{p.MD}}}AssertionConsumerService")
    assert (acs.get("Binding"), acs.get("Location")) == (p.HTTP_ARTIFACT, SP.acs_url)
    uses = {k.get("use") for k in descriptor.findall(f"{{{p.MD}}}KeyDescriptor")}
    assert uses == {"signing", "encryption"}
    assert descriptor.findtext(f".//{{{p.DS}}}X509Certificate") == "QUJD"


def test_artifact_resolve_is_wrapped_in_soap():
    resolve = p.artifact_resolve(SP, "https://idp/ars", "AAQAAB==")
    envelope = etree.fromstring(p.soap_envelope(resolve))
    body = envelope.find(f"{{{p.SOAP}}}Body")
    assert body[0].tag == f"{{{p.SAMLP}}}ArtifactResolve"
    assert body[0].findtext(f"{{{p.SAMLP}}}Artifact") == "AAQAAB=="
