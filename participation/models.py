"""Reports, registrations, volunteers and roundtable proposals (issues 5-7)."""
