"""Celery workers: judge submissions in the sandbox and write the results back."""
