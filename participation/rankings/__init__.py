"""The monthly ranking of community stations (红黑榜 of stations), computed from the
reports and kept month by month."""
