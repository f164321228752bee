"""Roundtables (议事圆桌会): meetings and their course, residents' agenda proposals
and their moderation, minutes, resolutions and their follow-up, the public pages and
the staff screens."""
