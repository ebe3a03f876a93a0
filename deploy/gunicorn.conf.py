"""gunicorn settings of one app server: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Read from the environment so one file serves every machine: GUNICORN_BIND (default 127.0.0.1:8000),
WEB_CONCURRENCY (worker processes, default 2 per core + 1), GUNICORN_TIMEOUT (seconds, default 60).
"""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * multiprocessing.cpu_count() + 1)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Workers are replaced now and then, so a slow leak never grows for long; the jitter keeps them from
# restarting together.
max_requests = 2000
max_requests_jitter = 200
# Each worker opens its own database connection: the app is loaded after the fork, never in the master.
preload_app = False
# The application writes its own JSON line per request (config.request_log): no second access log.
accesslog = None
errorlog = "-"
# The proxy in front sets X-Forwarded-Proto; Django reads it (BEHIND_TLS_PROXY), gunicorn need not.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
