"""gunicorn settings of the web container (docker/Dockerfile copies this to /app).

GUNICORN_CMD_ARGS overrides anything here, e.g. GUNICORN_CMD_ARGS="--workers 8".
"""

import os

bind = "0.0.0.0:8000"
# Sync workers: nginx buffers request and response bodies, so slow clients never hold one.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Uploads of large TIFFs are hashed and stored inside the request: allow them time.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "300"))
graceful_timeout = 30
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# The heartbeat files on tmpfs, not on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm"
accesslog = "-"
# The usual combined format, plus the X-Accel-Redirect Django answered with: the log shows which
# media requests nginx then served from the disk (the stack's end-to-end test reads it).
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" accel="%({x-accel-redirect}o)s"'
)
errorlog = "-"
# Only nginx reaches gunicorn (internal network); Django reads X-Forwarded-Proto itself.
forwarded_allow_ips = "*"
