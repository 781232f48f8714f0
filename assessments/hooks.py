"""Extension points for apps that act on assessment results.

- `cycle_closed` — sent once the closing transaction has committed, with `cycle_id` and
  `organization_id`; receivers start their follow-up work (development plans, re-assessment).
"""

from django.dispatch import Signal

cycle_closed = Signal()
