"""WSGI entry point (gunicorn imports it once in each worker)."""

import gc
import os

from django.core.wsgi import get_wsgi_application


def tune_gc() -> None:
    """Tune the garbage collector for a worker that builds large pages; call it once loaded.

    A page of 500 OAI records or a REST list makes tens of thousands of objects, enough to start
    a full collection every page or two, and each scanned the whole worker: about 50 ms of a
    250 ms OAI page at 1,000,000 items (docs/benchmarks.md, "The OAI-PMH read path and the
    garbage collector").
    - What is loaded by now (Django, the apps, their modules, lxml) lives as long as the worker:
      frozen, it is left out of every later collection (18 ms a page left).
    - The youngest generation is collected after 10,000 new objects instead of 700, so most of
      a page's objects are freed by reference counting before a collection looks at them (5 ms).
    """
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
tune_gc()
