"""Embedded storage: one SQLite file per story (schema versioned with migrations), filled
incrementally by `storyline add` and read by `storyline serve`.

    add_inputs(store, inputs)      read inputs and add them (creates the store if needed)
    add_records(store, records)    add already-read RawDocuments
    open_store(path) / read_story(conn)   the story.json the store holds
"""

from storyline.store.db import STORE_FILE, open_store, resolve_store_path
from storyline.store.views import read_story

__all__ = ["STORE_FILE", "open_store", "resolve_store_path", "read_story", "add_inputs", "add_records"]


def __getattr__(name: str):  # the incremental builder pulls in the whole pipeline: import it on use
    if name in ("add_inputs", "add_records"):
        from storyline.store import incremental

        return getattr(incremental, name)
    raise AttributeError(name)
