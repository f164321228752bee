"""Volunteering (志愿服务): teams and their places, sign-ups and the staff's
decisions, service hours and points, the honour roll, the public pages and the staff
screens."""
