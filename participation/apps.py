from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("What residents send in")

    def ready(self):
        import participation.search_providers  # noqa: F401  (registers search providers)
        from participation import signals

        signals.connect()
        register_jobs()


def register_jobs() -> None:
    """The periodic jobs of residents' submissions (run by manage.py run_scheduler)."""
    import datetime as dt

    from portal.scheduler import register

    register(
        "report-deadlines", "check_report_deadlines", every=dt.timedelta(minutes=5)
    )
    register(
        "department-acknowledgements",
        "check_department_calls",
        every=dt.timedelta(minutes=5),
    )
    register("report-digest", "send_report_digest", daily_at=dt.time(8, 0))
    register("event-reminders", "send_event_reminders", daily_at=dt.time(9, 0))
    register("report-contact-purge", "purge_report_contacts", daily_at=dt.time(3, 0))
    register("volunteer-data-purge", "purge_volunteer_data", daily_at=dt.time(3, 30))
    # The last full month's station ranking, once (a kept month is left alone).
    register("community-ranking", "rank_communities", daily_at=dt.time(4, 0))
    register("vote-code-purge", "purge_vote_codes", daily_at=dt.time(3, 45))
