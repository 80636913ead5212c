"""Container health check of the web service: GET /health/ready/ from gunicorn (200: ready).

It sends a Host from DJANGO_ALLOWED_HOSTS (Django answers 400 to any other) and
X-Forwarded-Proto: https (with DJANGO_HTTPS=1 Django redirects plain requests), and exits 0 only
on 200. No Django import: it must stay cheap.
"""

import http.client
import os
import sys


def allowed_host() -> str:
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(","):
        host = host.strip()
        if host and host != "*":
            return host.lstrip(".")  # ".example.org" also allows example.org
    return "localhost"


def main() -> int:
    conn = http.client.HTTPConnection("127.0.0.1", 8000, timeout=4)
    try:
        conn.request(
            "GET",
            "/health/ready/",
            headers={"Host": allowed_host(), "X-Forwarded-Proto": "https"},
        )
        status = conn.getresponse().status
    except OSError as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1
    finally:
        conn.close()
    if status != 200:
        print(f"unhealthy: /health/ready/ answered {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
