"""Staff choose how they are alerted on their own admin account page
(participation/notifications/account.py)."""

import pytest

from participation.models import AlertSetting
from tests.participation.report_builders import staff_user

pytestmark = pytest.mark.django_db


def test_staff_choose_text_message_alerts_on_their_account_page(client, world):
    user = staff_user(world.a, "view_report", username="duty_choice")
    client.force_login(user)
    page = client.get("/admin/account/")
    assert "居民反映提醒" in page.content.decode()
    response = client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Li",
            "name_email-last_name": "Lei",
            "name_email-email": user.email,
            "locale-preferred_language": "zh-hans",
            "locale-current_time_zone": "Asia/Shanghai",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
            "alerts-channel": "sms",
            "alerts-phone": "13900004444",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    setting = AlertSetting.objects.get(user=user)
    assert setting.channel == "sms" and setting.phone == "13900004444"


def test_text_message_alerts_without_a_mobile_number_are_refused(client, world):
    user = staff_user(world.a, "view_report", username="duty_nophone")
    client.force_login(user)
    response = client.post(
        "/admin/account/", {"alerts-channel": "sms", "alerts-phone": "12345"}
    )
    assert response.status_code == 200
    assert not AlertSetting.objects.filter(user=user).exists()
    assert "请输入中国大陆手机号" in response.content.decode()


def test_people_who_see_no_reports_get_no_alert_panel(client, world):
    user = staff_user(world.a, username="no_reports")
    client.force_login(user)
    assert "居民反映提醒" not in client.get("/admin/account/").content.decode()
