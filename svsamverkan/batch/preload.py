"""Load the default pipeline's models in the process server that batch workers fork from.

With the ``forkserver`` start method every worker is a fork of one server process.
When a run uses the default pipeline, :func:`svsamverkan.batch.pool.LocalPool` asks
that server to import this module, which (only when :data:`ENV` is set) builds the
default pipeline and runs it once. Workers forked afterwards start with the models
in memory, shared copy-on-write, instead of loading them again (about 2-3 s and
400 MB each), and a worker that replaces a killed one is ready at once.

A failure here is never fatal: the workers then load the models themselves.
Importing the module elsewhere (without :data:`ENV`) does nothing.

>>> import os
>>> ENV in os.environ or preloaded()
False
"""

from __future__ import annotations

import gc
import os

ENV = "SVSAMVERKAN_PRELOAD_DEFAULT_PIPELINE"
"""Set to ``1`` in the parent before the process server starts (it inherits the environment)."""

_DONE = False


def preload_default_pipeline() -> bool:
    """Build and warm up the default pipeline in this process; ``True`` when it worked."""
    global _DONE
    try:
        from ..pipeline import default_pipeline
        from ..repair.lexicon import load_lexicon
        from .worker import WARM_UP_TEXT

        default_pipeline().analyze_text(WARM_UP_TEXT)
        load_lexicon().warm()  # tables the clean warm-up text does not reach
    except Exception:  # the workers will load the models themselves and report the error
        return False
    gc.collect()
    gc.freeze()  # the models live as long as the server: keep the collector off them
    _DONE = True
    return True


def preloaded() -> bool:
    """Whether this process holds the preloaded default pipeline."""
    return _DONE


if os.environ.get(ENV) == "1":
    preload_default_pipeline()
