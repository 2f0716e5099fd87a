"""The town's login.gov.pl configuration: sealed keys, environments, simulator gate."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django_tenants.utils import schema_context

from eurzad.core.sealed import SealedSecretError, seal, unseal
from eurzad.identity.models import LoginGovConfig

PEM = "test-only key material, not a real private key"


def test_every_town_gets_its_own_sealed_sp_key_at_onboarding(towns):
    with schema_context("zembrzyce"):
        z = LoginGovConfig.objects.get()
        stored = LoginGovConfig.objects.values_list("sp_private_key_sealed", flat=True).get()
        assert "PRIVATE KEY" not in stored
        assert "PRIVATE KEY" in z.sp_private_key
        assert z.entity_id == "https://zembrzyce.localhost/logowanie/sp"
        assert z.environment == "local"  # simulators are on in tests
    with schema_context("glogow"):
        g = LoginGovConfig.objects.get()
    assert g.entity_id == "https://glogow.localhost/logowanie/sp"
    assert g.sp_certificate != z.sp_certificate


def test_changed_private_key_is_sealed_again(towns):
    with schema_context("zembrzyce"):
        config = LoginGovConfig.objects.get()
        config.sp_private_key = PEM
        config.save()
        stored = LoginGovConfig.objects.values_list("sp_private_key_sealed", flat=True).get()
        assert PEM not in stored and "test-only" not in stored
        assert LoginGovConfig.objects.get().sp_private_key == PEM


def test_sealed_with_another_secret_key_is_refused():
    token = seal("sekret")
    with override_settings(SECRET_KEY="inny-klucz-" * 6), pytest.raises(SealedSecretError):
        unseal(token)
    assert unseal(token) == "sekret"


@pytest.mark.parametrize(
    ("environment", "base"),
    [
        ("symulator", "https://symulator.login.gov.pl"),
        ("int", "https://int.login.gov.pl"),
        ("production", "https://login.gov.pl"),
    ],
)
def test_environment_gives_the_documented_endpoints(environment, base):
    config = LoginGovConfig(environment=environment)
    assert config.sso_url == f"{base}/login/SingleSignOnService"
    assert config.artifact_resolution_url == f"{base}/login-services/idpArtifactResolutionService"
    assert config.single_logout_url == f"{base}/login-services/singleLogoutService"


def test_local_simulator_is_refused_when_simulators_are_off():
    config = LoginGovConfig(
        environment="local", entity_id="e", sp_certificate="c", idp_certificate="c"
    )
    config.sp_private_key = PEM
    with override_settings(SIMULATORS_ENABLED=False), pytest.raises(ValidationError) as error:
        config.full_clean()
    assert "Lokalny symulator jest wyłączony na tej instalacji." in str(error.value)
