"""SMS senders for mainland providers, through their official SDKs: Aliyun SMS
(alibabacloud_dysmsapi20170525) and Tencent Cloud SMS (tencentcloud-sdk-python-sms).

Each sends one approved template: its code, its parameters and the signature; the
SDK signs the request with the access key. Settings (from the environment):
PORTAL_SMS_ACCESS_KEY_ID, PORTAL_SMS_ACCESS_KEY_SECRET, PORTAL_SMS_SIGNATURE,
PORTAL_SMS_TEMPLATES, and PORTAL_SMS_ENDPOINT to reach another endpoint than the
provider's own (a regional one; the contract tests' stub). Tencent also needs
PORTAL_SMS_APP_ID (SmsSdkAppId) and PORTAL_SMS_REGION.

Errors become `SmsError`: retryable when the provider had trouble (a server error, no
answer, throttling), not when it refused the request (a wrong template, number or
signature), so `participation.notifications` tries again only when that may help.
"""

import json

from alibabacloud_dysmsapi20170525 import models as aliyun
from alibabacloud_dysmsapi20170525.client import Client as AliyunClient
from alibabacloud_tea_openapi import models as openapi
from alibabacloud_tea_openapi.exceptions import ClientException
from darabonba.runtime import RuntimeOptions
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sms.v20210111 import models as tencent
from tencentcloud.sms.v20210111 import sms_client

from participation.notifications.sms import SmsError, SmsMessage

ALIYUN_ENDPOINT = "dysmsapi.aliyuncs.com"
TENCENT_ENDPOINT = "sms.tencentcloudapi.com"
# Aliyun answers these with HTTP 200 and a code: worth trying again later.
ALIYUN_RETRYABLE = {"isp.SYSTEM_ERROR", "isv.BUSINESS_LIMIT_CONTROL", "Throttling"}
TENCENT_RETRYABLE_PREFIXES = (
    "ServerNetworkError",
    "ClientNetworkError",
    "InternalError",
    "RequestLimitExceeded",
)


def setting(name: str, required: bool = True) -> str:
    value = getattr(settings, name, "") or ""
    if required and not value:
        raise ImproperlyConfigured(f"{name} must be set to send SMS.")
    return value


def endpoint_and_scheme(default: str) -> tuple[str, str]:
    """PORTAL_SMS_ENDPOINT as host[:port], with http only when it says so."""
    configured = setting("PORTAL_SMS_ENDPOINT", required=False) or default
    scheme, found, rest = configured.partition("://")
    return (rest, scheme) if found else (configured, "https")


class AliyunSmsSender:
    """Aliyun SMS (阿里云短信服务), API version 2017-05-25, SendSms."""

    def client(self):
        endpoint, scheme = endpoint_and_scheme(ALIYUN_ENDPOINT)
        return AliyunClient(
            openapi.Config(
                access_key_id=setting("PORTAL_SMS_ACCESS_KEY_ID"),
                access_key_secret=setting("PORTAL_SMS_ACCESS_KEY_SECRET"),
                endpoint=endpoint,
                protocol=scheme,
            )
        )

    def send(self, message: SmsMessage) -> str:
        request = aliyun.SendSmsRequest(
            phone_numbers=message.phone,
            sign_name=message.signature,
            template_code=message.template_code,
            template_param=json.dumps(message.params, ensure_ascii=False),
        )
        # One try per call: participation.notifications decides about retries.
        runtime = RuntimeOptions(
            autoretry=False, connect_timeout=5000, read_timeout=10000
        )
        try:
            response = self.client().send_sms_with_options(request, runtime)
        except ClientException as error:
            raise SmsError(f"{error.code}: {error.message}"[:300]) from error
        except Exception as error:  # noqa: BLE001 - a 5xx, or no answer at all
            code = getattr(error, "code", "") or type(error).__name__
            raise SmsError(f"{code}: {error}"[:300], retryable=True) from error
        body = response.body
        if body.code != "OK":
            raise SmsError(
                f"{body.code}: {body.message}"[:300],
                retryable=body.code in ALIYUN_RETRYABLE,
            )
        return body.biz_id or ""


class TencentSmsSender:
    """Tencent Cloud SMS (腾讯云短信), API version 2021-01-11, SendSms. Its template
    parameters are a list: they go in the order the message gives them.

    The SDK reports any HTTP status but 200 as "ServerNetworkError" without the
    status, so such an answer is tried again; the API's own refusals (a wrong
    template, number or signature: Tencent's 4xx) are not."""

    def client(self):
        endpoint, scheme = endpoint_and_scheme(TENCENT_ENDPOINT)
        profile = ClientProfile(
            httpProfile=HttpProfile(protocol=scheme, endpoint=endpoint, reqTimeout=10)
        )
        return sms_client.SmsClient(
            credential.Credential(
                setting("PORTAL_SMS_ACCESS_KEY_ID"),
                setting("PORTAL_SMS_ACCESS_KEY_SECRET"),
            ),
            setting("PORTAL_SMS_REGION", required=False) or "ap-guangzhou",
            profile,
        )

    def send(self, message: SmsMessage) -> str:
        request = tencent.SendSmsRequest()
        request.PhoneNumberSet = [f"+86{message.phone}"]
        request.SmsSdkAppId = setting("PORTAL_SMS_APP_ID")
        request.SignName = message.signature
        request.TemplateId = message.template_code
        request.TemplateParamSet = [str(value) for value in message.params.values()]
        try:
            response = self.client().SendSms(request)
        except TencentCloudSDKException as error:
            code = error.get_code() or ""
            raise SmsError(
                f"{code}: {error.get_message()}"[:300],
                retryable=code.startswith(TENCENT_RETRYABLE_PREFIXES),
            ) from error
        except Exception as error:  # noqa: BLE001 - no answer at all
            raise SmsError(f"{type(error).__name__}: {error}"[:300], True) from error
        status = (response.SendStatusSet or [None])[0]
        if status is None or status.Code != "Ok":
            code = status.Code if status else "NoStatus"
            raise SmsError(
                f"{code}: {status.Message if status else ''}"[:300],
                retryable=code.startswith(TENCENT_RETRYABLE_PREFIXES),
            )
        return status.SerialNo or ""
