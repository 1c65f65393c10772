"""Reports and dashboards keep no records of their own: every figure is an aggregate query
over the other apps' tables (`tsm.py`, `dashboard.py`), so a report always agrees with the
records it counts."""
