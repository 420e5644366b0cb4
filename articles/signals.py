"""Notifications the domain sends for other apps to act on (never domain logic itself)."""

from django.dispatch import Signal

# What readers can see has changed (a publish, a schedule, a kill, a fold). Sent when the
# change is made and again when its transaction commits; the reader site's page cache
# moves to a new generation on it.
readers_see_a_change = Signal()
