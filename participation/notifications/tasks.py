"""The delivery task: one try at one recorded message (sending.deliver_now)."""

from django_tasks import task

from participation.notifications.sending import deliver_now


@task()
def deliver(notification_id: int) -> str:
    return deliver_now(notification_id)
