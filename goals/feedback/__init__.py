"""Feedback: recognition and corrective feedback, and requests for it."""
