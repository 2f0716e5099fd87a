"""A paired phone's push tokens: ``POST /api/v1/mobile/push-tokens/`` registers the FCM
or APNs token of the calling device, ``DELETE …/push-tokens/{token}`` forgets it. Thin:
the work is in :mod:`eurzad.notifications.push.services`."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.authentication import DeviceTokenAuthentication
from api.permissions import IsPairedDevice
from api.problems import Problem
from api.throttling import DeviceThrottle
from eurzad.notifications.push.services import forget_device_token, register_device_token


class PushTokenRequestSerializer(serializers.Serializer):
    provider = serializers.ChoiceField(
        choices=[("fcm", "Firebase Cloud Messaging"), ("apns", "Apple Push Notification service")],
        help_text=gettext_lazy("Usługa push telefonu: fcm (Android) lub apns (iOS)."),
    )
    token = serializers.CharField(
        max_length=1000,
        trim_whitespace=True,
        help_text=gettext_lazy("Token rejestracji FCM lub token urządzenia APNs."),
    )


class PushTokenSerializer(serializers.Serializer):
    provider = serializers.CharField(help_text=gettext_lazy("fcm lub apns."))
    token = serializers.CharField()
    created = serializers.DateTimeField(help_text=gettext_lazy("Kiedy token zapisano."))


class PushTokenListView(APIView):
    authentication_classes = [DeviceTokenAuthentication]
    permission_classes = [IsPairedDevice]
    throttle_classes = [DeviceThrottle]

    @extend_schema(
        summary="Zapisz token push tego telefonu",
        description=(
            "Token FCM / APNs należy do sparowanego urządzenia, które wywołuje API, i "
            "przestaje działać, gdy urządzenie zostanie odłączone. Ponowne wysłanie tego "
            "samego tokenu jest bezpieczne."
        ),
        request=PushTokenRequestSerializer,
        responses={
            201: PushTokenSerializer,
            200: PushTokenSerializer,
        },
        tags=["aplikacja mobilna"],
    )
    def post(self, request: Request) -> Response:
        incoming = PushTokenRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            subscription, created = register_device_token(
                request.auth,
                provider=incoming.validated_data["provider"],
                token=incoming.validated_data["token"],
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError({"token": error.messages}) from None
        body = PushTokenSerializer(
            {
                "provider": subscription.kind,
                "token": subscription.token,
                "created": subscription.created,
            }
        ).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class PushTokenDetailView(APIView):
    authentication_classes = [DeviceTokenAuthentication]
    permission_classes = [IsPairedDevice]
    throttle_classes = [DeviceThrottle]

    @extend_schema(
        summary="Usuń token push tego telefonu",
        parameters=[
            OpenApiParameter("token", str, OpenApiParameter.PATH, description="Token FCM / APNs.")
        ],
        request=None,
        responses={204: None},
        tags=["aplikacja mobilna"],
    )
    def delete(self, request: Request, token: str) -> Response:
        if not forget_device_token(request.auth, token=token):
            raise Problem(404, "push-token-unknown", _("To urządzenie nie ma takiego tokenu push."))
        return Response(status=status.HTTP_204_NO_CONTENT)
