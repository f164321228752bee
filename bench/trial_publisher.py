"""The three ways of publishing that bench/publish_trials.py times: an editor's
publish and a workflow approval, made by a separate process with production settings
(run as `python bench/trial_publisher.py`, one JSON request a line on its stdin, each
answered "TRIALS {json}"), and Wagtail's bulk publish action posted to the admin."""

import json
import queue
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

from server import ROOT, say

STAFF = "bench-moderator"  # bench/generate_city.py's signed-in superuser
PATHS = {
    "edit": "an editor's publish: new revision, `revision.publish(user=…)`",
    "bulk": "Wagtail's bulk publish action, posted to A's admin",
    "workflow": "workflow approval: submitted, each task approved",
}


def publisher() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    user = get_user_model().objects.get(username=STAFF)

    def fresh(page_id: int):
        """The notice as the editor's form would start from: its latest revision."""
        page = Page.objects.get(pk=page_id).specific
        state = page.current_workflow_state
        if state is not None:  # a run stopped halfway left it in a workflow
            state.cancel(user=user)
        return page.get_latest_revision_as_object()

    def edit(page_id: int, title: str) -> dict:
        page = fresh(page_id)
        page.title = title
        revision = page.save_revision(user=user, log_action=True)
        started = time.time()
        revision.publish(user=user)
        return {"started": started, "returned": time.time()}

    def draft(page_id: int, title: str) -> dict:
        page = fresh(page_id)
        page.title = title
        page.save_revision(user=user, log_action=True)
        return {}

    def workflow(page_id: int, title: str) -> dict:
        page = fresh(page_id)
        page.title = title
        page.save_revision(user=user, log_action=True)
        state = page.get_workflow().start(page, user)
        tasks = 0
        while state.status == state.STATUS_IN_PROGRESS:
            task_state = state.current_task_state.specific
            started = time.time()
            task_state.approve(user=user)
            returned = time.time()
            tasks += 1
            state.refresh_from_db()
        return {"started": started, "returned": returned, "tasks": tasks}

    actions = {"edit": edit, "draft": draft, "workflow": workflow}
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = actions[request["do"]](request["page"], request["title"])
        except Exception:  # reported to the driver, which stops the run
            answer = {"error": traceback.format_exc()}
        say("TRIALS " + json.dumps(answer))


class Publisher:
    """The publishing process, driven from here; its answers come back on a queue."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log.open("w"),
            text=True,
        )
        self.answers: queue.Queue = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        for line in self.process.stdout:
            if line.startswith("TRIALS "):
                self.answers.put(json.loads(line[len("TRIALS ") :]))

    def call(self, do: str, page: int, title: str) -> dict:
        self.process.stdin.write(
            json.dumps({"do": do, "page": page, "title": title}) + "\n"
        )
        self.process.stdin.flush()
        answer = self.answers.get(timeout=120)
        if "error" in answer:
            raise RuntimeError(f"publisher failed:\n{answer['error']}")
        return answer

    def stop(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def bulk_publish(staff, base: str, page_id: int) -> float:
    """Post Wagtail's bulk publish for the page as the admin's form does; the moment
    the answer came back."""
    from multi_server import csrf_field

    action = f"{base}/admin/bulk/wagtailcore/page/publish/?id={page_id}"
    _status, _headers, confirm = staff.request(action)
    status, _headers, _body = staff.request(
        action, {"csrfmiddlewaretoken": csrf_field(confirm)}, {"Referer": action}
    )
    returned = time.time()
    if status != 302:
        raise RuntimeError(f"bulk publish answered HTTP {status}")
    return returned


if __name__ == "__main__":
    publisher()
