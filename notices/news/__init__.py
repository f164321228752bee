"""Notices (通知公告) and events (活动): their pages, the RSS and iCalendar feeds."""
