"""Contract tests of the SMS senders for Aliyun and Tencent Cloud
(participation/notifications/providers.py), through their official SDKs against a
local stub of each provider's API: what the request carries, and which answers are
tried again."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from participation.notifications.models import DeliveryStatus
from participation.notifications.sending import send_sms

pytestmark = pytest.mark.django_db

PHONE = "13812345678"


@pytest.fixture
def provider(settings, stub):
    settings.PORTAL_SMS_ENDPOINT = stub.url
    settings.PORTAL_SMS_ACCESS_KEY_ID = "LTAI-test-id"
    settings.PORTAL_SMS_ACCESS_KEY_SECRET = "test-secret"
    settings.PORTAL_SMS_APP_ID = "1400000001"
    settings.PORTAL_SMS_SIGNATURE = "某市城管"
    settings.PORTAL_SMS_TEMPLATES = {"report_received": "SMS_460000001"}
    return stub


def received_sms(key: str = "k"):
    return send_sms(
        key=key,
        phone=PHONE,
        template="report_received",
        params={"reference": "ABC23456", "link": "https://cg.example.gov.cn/t/x/"},
        text="反映 ABC23456 已收到。",
    )


# Aliyun SMS


@pytest.fixture
def aliyun(settings, provider):
    settings.PORTAL_SMS_BACKEND = (
        "participation.notifications.providers.AliyunSmsSender"
    )
    return provider


ALIYUN_OK = {"Code": "OK", "Message": "OK", "BizId": "9001^0", "RequestId": "r1"}


def test_aliyun_gets_the_template_code_parameters_and_signature_signed(aliyun):
    aliyun.answers = [(200, ALIYUN_OK)]
    sent = received_sms()
    assert sent.status == DeliveryStatus.SENT and sent.provider_id == "9001^0"
    request = aliyun.received[0]
    query = {k: v[0] for k, v in parse_qs(urlsplit(request.path).query).items()}
    assert query["PhoneNumbers"] == PHONE
    assert query["SignName"] == "某市城管"
    assert query["TemplateCode"] == "SMS_460000001"
    assert json.loads(query["TemplateParam"]) == {
        "reference": "ABC23456",
        "link": "https://cg.example.gov.cn/t/x/",
    }
    assert request.headers["x-acs-action"] == "SendSms"
    assert request.headers["x-acs-version"] == "2017-05-25"
    assert "LTAI-test-id" in request.headers["Authorization"]


def test_aliyun_5xx_is_tried_again_until_it_goes_through(aliyun):
    busy = {"Code": "ServiceUnavailable", "Message": "busy", "RequestId": "r"}
    aliyun.answers = [(503, busy), (500, busy), (200, ALIYUN_OK)]
    sent = received_sms()
    assert sent.status == DeliveryStatus.SENT and sent.attempts == 3
    assert len(aliyun.received) == 3


def test_aliyun_4xx_is_not_tried_again_and_the_reason_is_recorded(aliyun):
    refused = {"Code": "isv.SMS_TEMPLATE_ILLEGAL", "Message": "bad", "RequestId": "r"}
    aliyun.answers = [(400, refused)]
    failed = received_sms()
    assert failed.status == DeliveryStatus.FAILED and failed.attempts == 1
    assert failed.error.startswith("isv.SMS_TEMPLATE_ILLEGAL")
    assert len(aliyun.received) == 1


def test_aliyun_refusing_with_a_code_fails_and_throttling_is_tried_again(aliyun):
    limit = {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "x", "RequestId": "r"}
    wrong = {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "x", "RequestId": "r"}
    aliyun.answers = [(200, limit), (200, ALIYUN_OK), (200, wrong)]
    assert received_sms("a").status == DeliveryStatus.SENT
    failed = received_sms("b")
    assert failed.status == DeliveryStatus.FAILED and failed.attempts == 1
    assert "isv.MOBILE_NUMBER_ILLEGAL" in failed.error


def test_aliyun_failing_every_time_is_given_up_after_three_tries(aliyun):
    busy = {"Code": "ServiceUnavailable", "Message": "busy", "RequestId": "r"}
    aliyun.default = (500, busy)
    failed = received_sms()
    assert failed.status == DeliveryStatus.FAILED and failed.attempts == 3
    assert "ServiceUnavailable" in failed.error


# Tencent Cloud SMS


@pytest.fixture
def tencent(settings, provider):
    settings.PORTAL_SMS_BACKEND = (
        "participation.notifications.providers.TencentSmsSender"
    )
    settings.PORTAL_SMS_TEMPLATES = {"report_received": "1875432"}
    return provider


def tencent_ok(serial="2640:1"):
    status = {"SerialNo": serial, "PhoneNumber": f"+86{PHONE}", "Code": "Ok"}
    return {"Response": {"SendStatusSet": [status], "RequestId": "r1"}}


def tencent_error(code):
    return {"Response": {"Error": {"Code": code, "Message": "x"}, "RequestId": "r"}}


def test_tencent_gets_the_template_id_parameters_in_order_and_signature_signed(
    tencent,
):
    tencent.answers = [(200, tencent_ok())]
    sent = received_sms()
    assert sent.status == DeliveryStatus.SENT and sent.provider_id == "2640:1"
    request = tencent.received[0]
    assert request.json() == {
        "PhoneNumberSet": [f"+86{PHONE}"],
        "SmsSdkAppId": "1400000001",
        "TemplateId": "1875432",
        "SignName": "某市城管",
        "TemplateParamSet": ["ABC23456", "https://cg.example.gov.cn/t/x/"],
    }
    assert request.headers["X-TC-Action"] == "SendSms"
    assert request.headers["Authorization"].startswith("TC3-HMAC-SHA256 ")


def test_tencent_5xx_is_tried_again_until_it_goes_through(tencent):
    tencent.answers = [(502, "bad gateway"), (200, tencent_ok())]
    sent = received_sms()
    assert sent.status == DeliveryStatus.SENT and sent.attempts == 2


def test_tencent_refusing_the_request_is_not_tried_again(tencent):
    code = "FailedOperation.TemplateIncorrectOrUnapproved"
    tencent.answers = [(200, tencent_error(code))]
    failed = received_sms()
    assert failed.status == DeliveryStatus.FAILED and failed.attempts == 1
    assert failed.error.startswith(code)
    assert len(tencent.received) == 1


def test_tencent_throttling_and_internal_errors_are_tried_again(tencent):
    tencent.answers = [
        (200, tencent_error("RequestLimitExceeded")),
        (200, tencent_error("InternalError.Timeout")),
        (200, tencent_ok()),
    ]
    assert received_sms().attempts == 3


def test_tencent_a_number_refused_in_the_answer_is_recorded(tencent):
    refused = tencent_ok()
    refused["Response"]["SendStatusSet"][0]["Code"] = (
        "InvalidParameterValue.IncorrectPhoneNumber"
    )
    tencent.answers = [(200, refused)]
    failed = received_sms()
    assert failed.status == DeliveryStatus.FAILED
    assert "IncorrectPhoneNumber" in failed.error
