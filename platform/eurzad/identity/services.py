"""Setting up a town as a login.gov.pl service provider."""

from __future__ import annotations

from django.conf import settings
from lxml import etree

from eurzad.core.xmlsecurity import keys, xmldsig
from eurzad.identity.models import LoginGovConfig
from eurzad.identity.protocol import ServiceProvider, sp_metadata

LOGIN_PREFIX = "/logowanie/"


def sp_urls(hostname: str, scheme: str = "https") -> dict[str, str]:
    base = f"{scheme}://{hostname}{LOGIN_PREFIX}"
    return {"entity_id": base + "sp", "acs_url": base + "acs/", "slo_url": base + "slo/"}


def ensure_login_config(hostname: str, official_name: str) -> LoginGovConfig:
    """The town's SP configuration, created with a fresh P-256 key and certificate the first
    time (the key never leaves the town's schema, sealed). Runs in the town's schema."""
    config = LoginGovConfig.objects.first()
    if config is not None:
        return config
    private_pem, certificate_pem = keys.generate_key_and_certificate(
        hostname, organization=official_name[:64]
    )
    config = LoginGovConfig(
        environment=(
            LoginGovConfig.Environment.LOCAL
            if settings.SIMULATORS_ENABLED
            else LoginGovConfig.Environment.INTEGRATION
        ),
        entity_id=sp_urls(hostname)["entity_id"],
        sp_certificate=certificate_pem.decode(),
    )
    config.sp_private_key = private_pem.decode()
    config.save()
    return config


def signed_metadata(config: LoginGovConfig, host: str, scheme: str) -> bytes:
    """The SP metadata the town registers with the Węzeł Krajowy, signed with its key.

    ``host`` is the request's host with its port, if any, so the metadata's ACS and SLO
    addresses are exactly those the AuthnRequest names."""
    urls = sp_urls(host, scheme)
    sp = ServiceProvider(
        entity_id=config.entity_id,
        acs_url=urls["acs_url"],
        slo_url=urls["slo_url"],
        certificate_pem=config.sp_certificate,
    )
    metadata = sp_metadata(sp)
    metadata.set("ID", "metadata-" + config.entity_id.encode().hex()[:32])
    xmldsig.sign(metadata, config.sp_private_key, config.sp_certificate)
    return etree.tostring(metadata, xml_declaration=True, encoding="UTF-8")


RESIDENT_SERVICE_GROUP = "Obsługa mieszkańców"
IDENTITY_ADMIN_GROUP = "Administratorzy e-Urzędu"
GROUP_PERMISSIONS = {
    # Clerks who review access requests.
    RESIDENT_SERVICE_GROUP: ["review_accessrequest", "access_admin"],
    # The town's e-Urząd administrators: login.gov.pl settings and account policy.
    IDENTITY_ADMIN_GROUP: [
        "access_admin",
        "view_logingovconfig",
        "change_logingovconfig",
        "change_accountsettings",
    ],
}


def set_up_resident_service_group() -> None:
    """The town's staff groups for identity (in the town's schema); safe to run again."""
    from django.contrib.auth.models import Group, Permission

    for name, codenames in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=["identity", "wagtailadmin"],
                codename__in=codenames,
            )
        )
