"""The look-up runs in the task queue (see participation.lookup.resending)."""

from django_tasks import task

from participation.lookup.resending import resend


@task()
def resend_link(reference: str, digest: str, language: str) -> None:
    # Returns nothing: a task's result is kept, and must not say whether it matched.
    resend(reference, digest, language)
