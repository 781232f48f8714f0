"""Extension points for apps that act on what happens in check-ins (sent inside the
transaction of the change, so what a receiver writes commits or rolls back with it).

- `check_in_escalated` — with `escalation`: an answer was raised to the manager's manager;
- `check_in_escalation_resolved` — with `escalation`: the person it was raised to decided.

Momentum (workflows/receivers.py) tells the people concerned.
"""

from django.dispatch import Signal

check_in_escalated = Signal()
check_in_escalation_resolved = Signal()
