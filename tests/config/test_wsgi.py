"""The WSGI entry point tunes the garbage collector of each gunicorn worker (config/wsgi.py)."""

import gc
import importlib


def test_the_worker_freezes_what_it_loaded_and_collects_young_objects_less_often():
    before = gc.get_threshold()
    try:
        gc.unfreeze()
        import config.wsgi

        importlib.reload(config.wsgi)  # run the module as a worker does, even if imported before
        assert gc.get_freeze_count() > 10_000  # Django and the apps, out of every collection
        assert gc.get_threshold()[0] == 10_000
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
