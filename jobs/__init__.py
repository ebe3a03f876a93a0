"""Background work on Django's Tasks API (the django-tasks backport of Django 6's `django.tasks`) with
the database backend (django-tasks-db): e-mail of notices, firing workflow timers, deadline reminders and
the daily rebuild of role grants. A job is a row written in the transaction that asks for it; workers
(`manage.py run_jobs`) on any number of machines share the queue (README, Background jobs)."""
