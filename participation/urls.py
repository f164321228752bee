"""Public URLs of what residents send in (under the language prefix)."""

from django.urls import path

from participation.registrations import views as registrations

app_name = "participation"

urlpatterns: list = [
    path(
        "event-registration/<id:event_id>/",
        registrations.registration_form,
        name="registration_form",
    ),
    path(
        "event-registration/manage/<str:token>/",
        registrations.registration_manage,
        name="registration_manage",
    ),
    path(
        "event-registration/manage/<str:token>/cancel/",
        registrations.registration_cancel,
        name="registration_cancel",
    ),
]

# Volunteers and roundtables (issue 7).
from participation.roundtables import views as _roundtables  # noqa: E402
from participation.volunteers import views as _volunteers  # noqa: E402

urlpatterns += [
    path("volunteer/", _volunteers.volunteer_signup, name="volunteer_signup"),
    path("volunteer/teams/", _volunteers.volunteer_teams, name="volunteer_teams"),
    path(
        "volunteer/honour-roll/",
        _volunteers.volunteer_honour_roll,
        name="volunteer_honour_roll",
    ),
    path(
        "volunteer/status/<str:token>/",
        _volunteers.volunteer_status,
        name="volunteer_status",
    ),
    path(
        "volunteer/status/<str:token>/withdraw/",
        _volunteers.volunteer_withdraw,
        name="volunteer_withdraw",
    ),
    path("roundtables/", _roundtables.roundtable_index, name="roundtable_index"),
    path(
        "roundtables/community/<id:community_id>/",
        _roundtables.roundtable_community,
        name="roundtable_community",
    ),
    path(
        "roundtables/community/<id:community_id>/follow-up/",
        _roundtables.roundtable_follow_up,
        name="roundtable_follow_up",
    ),
    path(
        "roundtables/<id:meeting_id>/",
        _roundtables.roundtable_detail,
        name="roundtable_detail",
    ),
    path(
        "roundtables/<id:meeting_id>/meeting.ics",
        _roundtables.roundtable_ics,
        name="roundtable_ics",
    ),
    path(
        "roundtables/<id:meeting_id>/propose/",
        _roundtables.roundtable_propose,
        name="roundtable_propose",
    ),
    path(
        "roundtables/topic/<str:token>/",
        _roundtables.proposal_track,
        name="proposal_track",
    ),
]

# Problem reports and suggestions (issue 6).
from participation.reports import form_views as _report_form  # noqa: E402
from participation.reports import public_map as _report_map  # noqa: E402
from participation.reports import public_views as _report_public  # noqa: E402
from participation.reports import tracking_views as _report_tracking  # noqa: E402

urlpatterns += [
    path("report/", _report_form.report_form, name="report_form"),
    path("report/support/", _report_form.report_support, name="report_support"),
    path("report/nearby.json", _report_form.report_nearby, name="report_nearby"),
    path("report/map/", _report_map.report_map, name="report_map"),
    path(
        "report/track/<str:token>/",
        _report_tracking.report_track,
        name="report_track",
    ),
    path(
        "report/track/<str:token>/<str:action>/",
        _report_tracking.report_track_action,
        name="report_track_action",
    ),
    path(
        "report/track/<str:token>/photos/<id:photo_id>/",
        _report_tracking.report_track_photo,
        name="report_track_photo",
    ),
    path(
        "report/community/<id:community_id>/",
        _report_public.community_reports,
        name="report_community",
    ),
    path(
        "report/photos/<id:photo_id>/", _report_public.public_photo, name="report_photo"
    ),
    path(
        "report/statistics/",
        _report_public.report_statistics_view,
        name="report_statistics",
    ),
    path(
        "report/statistics/<id:area_id>/",
        _report_public.report_statistics_view,
        name="report_statistics_area",
    ),
]

# 吹哨报到: a department's private link (issue 24).
from participation.departments import views as _departments  # noqa: E402

urlpatterns += [
    path(
        "department-call/<str:token>/",
        _departments.escalation_page,
        name="escalation",
    ),
    path(
        "department-call/<str:token>/<str:step>/",
        _departments.escalation_action,
        name="escalation_action",
    ),
]

# 查询进度: a lost private link sent again by text message (issue 25).
from participation.lookup import views as _lookup  # noqa: E402

urlpatterns += [
    path("track/", _lookup.lookup, name="lookup"),
]

# The monthly ranking of community stations (issue 27).
from participation.rankings import views as _rankings  # noqa: E402

urlpatterns += [
    path("rankings/", _rankings.ranking_latest, name="ranking"),
    path("rankings/<str:month>/", _rankings.ranking_month, name="ranking_month"),
]

# 最美商户: model-merchant campaigns (issue 27).
from participation.campaigns import views as _campaigns  # noqa: E402

urlpatterns += [
    path("campaigns/", _campaigns.campaign_index, name="campaign_index"),
    path(
        "campaigns/<id:campaign_id>/",
        _campaigns.campaign_detail,
        name="campaign_detail",
    ),
    path(
        "campaigns/<id:campaign_id>/nominate/",
        _campaigns.campaign_nominate,
        name="campaign_nominate",
    ),
    path(
        "campaigns/<id:campaign_id>/vote/",
        _campaigns.campaign_vote,
        name="campaign_vote",
    ),
    path(
        "campaigns/vote/<str:token>/",
        _campaigns.campaign_vote_code,
        name="campaign_vote_code",
    ),
    path(
        "campaigns/<id:campaign_id>/results/",
        _campaigns.campaign_results,
        name="campaign_results",
    ),
]
