"""Event registrations (活动报名): the registration model, the seats an event has
left, registering, the waitlist and check-in, the resident's private page and the
staff screens."""
