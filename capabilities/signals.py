"""Extension points for apps that store capability levels (ratings, learning items, plans).

- `scale_in_use` — receivers return how many of their rows use a level of the organisation's
  scale; a change of the scale's levels is then refused unless a level mapping is given. Sent
  with `counts`: when False, a receiver may answer 1 or 0 (whether any row does) instead of
  counting them all.
- `scale_levels_remapped` — sent with `mapping` ({old number: new number}) inside the scale
  change's transaction; receivers move their stored levels.
- `capability_merged` — sent with `keep` and `duplicate` inside the merge's transaction;
  receivers move their rows (ratings, learning items, feedback) to `keep`.
- `job_role_assigned` — sent with `employee`, `role` (None when the role was taken away) and
  `previous` inside the assignment's transaction; receivers start what a new role holder
  needs (e.g. an open assessment cycle whose scope now includes the person).
"""

from django.dispatch import Signal

scale_in_use = Signal()
scale_levels_remapped = Signal()
capability_merged = Signal()
job_role_assigned = Signal()
