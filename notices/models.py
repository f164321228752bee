"""Stations, duty lists, the lenient catalogue, notices and events (issues 3-5)."""
