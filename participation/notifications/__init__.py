"""One way to tell people things: email, SMS and webhook (the WeCom / DingTalk group
robots bureaus use), each message a template filled with parameters, recorded
(`Notification`: queued, sent, failed and why) and delivered from the task queue with
retries, at most once per idempotency key.

Callers are background tasks: they read the item as it is when they run, render
what they send in the recipient's language and call `send_email`, `send_sms` or
`send_webhook` (participation/notifications/sending.py), which records the message
and makes its first try at once; a retry is a `tasks.deliver` task, deferred where
the backend allows. An item's messages are listed on its admin page (`for_item`).
"""
