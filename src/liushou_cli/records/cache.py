"""A cache of read and validated record files, so a county's records load in a blink.

One file, ``.liushou-cache/records-v<N>.pickle`` under the records root (git-ignored
by ``liushou init``, owner-only), holds for each record file what reading it gave:
the model, where its parts stand, its problems. An entry is used only while the
file is unchanged, so the cache can never serve stale data:

- each entry is keyed by the file's relative path, size, mtime, ctime and inode
  (an edit, a ``touch``, a rename or ``cp -p`` over it all change the key);
- a file changed within a few seconds of being read could keep its key (the
  clock's tick is coarse, FAT's is 2 s), so such an entry also keeps a digest of
  the bytes, checked before use -- git's "racily clean" rule;
- problems carry words in the language they were read in: an entry with problems
  is used only in that language;
- the whole file belongs to one liushou: its version, the digest of the source
  that reads and validates records (models, parsers, messages), and the Python,
  pydantic and YAML libraries. Anything else, and the cache starts empty.

A damaged, foreign or unreadable cache is ignored and rewritten; one that cannot
be written (a read-only USB stick) is simply not kept. Unpickling is restricted
to the few classes records are made of, and a cache file not owned by the user,
or writable by others, is never read.

The core reads no environment: ``DEFAULTS.enabled`` is set by the CLI from
``--no-cache`` and ``LIUSHOU_NO_CACHE``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import stat
import sys
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

FORMAT = 2
FOLDER = ".liushou-cache"
FILE = f"records-v{FORMAT}.pickle"
RACY_NS = 3_000_000_000  # a file touched this close to a read may change unseen
_MAGIC = b"liushou-records-cache"

StatKey = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


@dataclass
class Settings:
    """How ``load`` uses the cache when its caller does not say."""

    enabled: bool = True


DEFAULTS = Settings()


def stat_key(info: os.stat_result) -> StatKey:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


_PACKAGE = Path(__file__).resolve().parent.parent
# The modules whose code decides what loading a file gives (``tests/test_cache.py``
# checks that every module ``load`` imports is here); all message catalogues too,
# since problems carry worded reasons. Editing any other module keeps the cache.
SOURCES = (
    "__init__.py", "i18n.py", "model.py", "problems.py", "progress.py",
    "records/__init__.py", "records/bounded.py", "records/cache.py", "records/csvio.py",
    "records/load.py", "records/locate.py", "records/paths.py", "records/text.py",
    "records/validate.py", "records/yamlio.py",
)


def _source_files() -> list[Path]:
    return [_PACKAGE / rel for rel in SOURCES] + sorted((_PACKAGE / "messages").glob("*.py"))


def _source_digest() -> str:
    """Digest of the modules that read, validate and word problems: a change to any of
    them (a new release, or an edited checkout) makes older entries meaningless."""
    h = hashlib.blake2b(digest_size=16)
    for path in _source_files():
        h.update(path.name.encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"?")
    return h.hexdigest()


def _library_stamp(module: str) -> str:
    """Where a library is and when it was installed, without importing it."""
    try:
        spec = find_spec(module)
    except (ImportError, ValueError):
        return module + ":-"
    origin = spec.origin if spec is not None else None
    if not origin:
        return module + ":-"
    try:
        info = os.stat(origin)
    except OSError:
        return module + ":-"
    return f"{module}:{origin}:{info.st_size}:{info.st_mtime_ns}"


_global_key: tuple[Any, ...] | None = None


def global_key() -> tuple[Any, ...]:
    """What every entry depends on besides its own file."""
    global _global_key
    if _global_key is None:
        import pydantic

        from liushou_cli import __version__

        _global_key = (
            FORMAT,
            __version__,
            sys.version,
            pydantic.VERSION,
            _source_digest(),
            _library_stamp("yaml"),
            _library_stamp("_yaml"),
            _library_stamp("ruamel.yaml"),
        )
    return _global_key


# -- models as plain tuples ------------------------------------------------------------
# Unpickling a pydantic model costs ~15 us (its __setstate__ is Python), validating one
# again ~10 us, and a child is ten models. Frozen as tuples of plain values, a validated
# model comes back as exactly the same object state, several times faster, and the
# cache file then holds no class references at all.

_models: list[type[Any]] | None = None
_names: list[tuple[str, ...]] = []
_index: dict[type[Any], int] = {}


def _registry() -> list[type[Any]]:
    global _models
    if _models is None:
        from pydantic import BaseModel

        from liushou_cli import model

        found = sorted((obj for obj in vars(model).values()
                        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == model.__name__),
                       key=lambda cls: cls.__name__)
        _names[:] = [tuple(cls.model_fields) for cls in found]
        _index.update({cls: i for i, cls in enumerate(found)})
        _models = found
    return _models


class Unfreezable(Exception):
    """A value the tuple form does not cover: the record is cached whole instead."""


def freeze_model(value: Any) -> Any:
    """A validated model (and what it holds) as nested tuples, lists and plain values."""
    from datetime import date

    from pydantic import BaseModel

    _registry()
    index_of, names, plain = _index, _names, _PLAIN_TYPES

    def freeze(value: Any) -> Any:
        kind = type(value)
        if kind in plain:
            return value
        if isinstance(value, BaseModel):
            index = index_of.get(kind)
            state = value.__dict__
            if index is None or tuple(state) != names[index] or value.__pydantic_private__ is not None:
                raise Unfreezable(kind.__name__)
            return ("m", index, tuple([freeze(v) for v in state.values()]),
                    tuple(sorted(value.__pydantic_fields_set__)), value.__pydantic_extra__)
        if kind is date:
            return ("d", value.toordinal())
        if kind is list:
            return [freeze(v) for v in value]
        if kind is dict:
            return {k: freeze(v) for k, v in value.items()}
        raise Unfreezable(kind.__name__)  # a datetime, a tuple, a subclass: cached whole

    return freeze(value)


def thaw_model(frozen: Any) -> Any:
    """``freeze_model`` undone: the same models, without validating them again."""
    from datetime import date

    models = _registry()
    names = _names
    new, setattr_, fromordinal = object.__new__, object.__setattr__, date.fromordinal
    plain = _PLAIN_TYPES

    def thaw(value: Any) -> Any:
        kind = type(value)
        if kind is tuple:
            if value[0] == "d":
                return fromordinal(value[1])
            _, index, values, fields_set, extra = value
            obj = new(models[index])
            setattr_(obj, "__dict__", dict(zip(names[index], [v if type(v) in plain else thaw(v) for v in values],
                                                strict=True)))
            setattr_(obj, "__pydantic_fields_set__", set(fields_set))
            setattr_(obj, "__pydantic_extra__", extra)
            setattr_(obj, "__pydantic_private__", None)
            return obj
        if kind is list:
            return [v if type(v) in plain else thaw(v) for v in value]
        if kind is dict:
            return {k: thaw(v) for k, v in value.items()}
        return value

    return thaw(frozen)


_PLAIN_TYPES = frozenset({str, int, bool, float, type(None)})


# what a cache file may hold: the record models, problems, positions, dates
_ALLOWED = {
    "liushou_cli.problems": {"Problem", "Severity"},
    "liushou_cli.records.yamlio": {"Located", "packed_located"},
    "liushou_cli.records.load": {"Loaded"},
    "datetime": {"date"},
    "copyreg": {"_reconstructor"},
    "builtins": {"object", "set", "frozenset"},
}


class _Unpickler(pickle.Unpickler):
    """Only the classes records are made of: a crafted cache runs no code."""

    def find_class(self, module: str, name: str) -> Any:
        if name in _ALLOWED.get(module, ()):
            return super().find_class(module, name)
        if module == "liushou_cli.model":
            from pydantic import BaseModel

            from liushou_cli import model

            found = getattr(model, name, None)
            if isinstance(found, type) and (issubclass(found, BaseModel) or found is model.Contact):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a records cache")


@dataclass
class _Entry:
    key: StatKey
    check: bytes  # digest of the bytes read
    racy: bool  # read soon after it changed: the digest is checked before use
    lang: str | None  # the language of the problems' words; None when there are none
    blob: bytes  # the value, pickled on its own: loaded only if used, rewritten only if new


def _loads(blob: bytes) -> Any:
    return _Unpickler(io.BytesIO(blob)).load()


class Cache:
    """The entries of one records root, read once and written back once if changed."""

    def __init__(self, root: Path, entries: dict[str, _Entry] | None = None) -> None:
        self.root = root
        self.path = root / FOLDER / FILE
        self.started_ns = time.time_ns()
        self.old: dict[str, _Entry] = entries or {}
        self.new: dict[str, _Entry] = {}
        self.changed = False

    @classmethod
    def open(cls, root: Path) -> Cache:
        """The cache as last written, or an empty one if it is missing, damaged or foreign."""
        cache = cls(root)
        cache.old = cache._read()
        return cache

    def _read(self) -> dict[str, _Entry]:
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return {}
        try:
            with os.fdopen(fd, "rb") as handle:
                info = os.fstat(handle.fileno())
                if not _trusted(info):
                    return {}
                data = handle.read()
            magic, key, entries = _Unpickler(io.BytesIO(data)).load()
            if magic != _MAGIC or key != global_key() or not isinstance(entries, dict):
                return {}
            return {rel: _Entry(*fields) for rel, fields in entries.items() if isinstance(fields[4], bytes)}
        except Exception:  # a damaged cache is no error: it is rebuilt
            return {}

    def get(self, rel: str, key: StatKey, path: Path, lang: str) -> Any | None:
        """The stored value for this file as it is now, or None."""
        entry = self.old.get(rel)
        if entry is None or entry.key != key or (entry.lang is not None and entry.lang != lang):
            return None
        if entry.racy:
            try:
                if digest(path.read_bytes()) != entry.check:
                    return None
            except OSError:
                return None
        value = self._value(entry)
        if value is None:
            return None
        if entry.racy and not self._racy(key):
            entry = _Entry(key, entry.check, False, entry.lang, entry.blob)
            self.changed = True
        self.new[rel] = entry
        return value

    def get_same(self, rel: str, raw: bytes, lang: str) -> Any | None:
        """The stored value for a file with these very bytes at ``rel`` (a copy of the
        records, as ``ChangeSet.validate`` makes), or None."""
        entry = self.old.get(rel)
        if entry is None or (entry.lang is not None and entry.lang != lang) or entry.check != digest(raw):
            return None
        return self._value(entry)

    @staticmethod
    def _value(entry: _Entry) -> Any | None:
        try:
            return _loads(entry.blob)
        except Exception:  # a damaged entry is a miss
            return None

    def put(self, rel: str, key: StatKey, raw: bytes | None, value: Any, lang: str | None) -> None:
        """Remember what reading the file gave; ``raw`` is what was read."""
        if raw is None:
            return  # unreadable: nothing to vouch for
        try:
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # something that does not pickle: not cached, read next time
            return
        self.new[rel] = _Entry(key, digest(raw), self._racy(key), lang, blob)
        self.changed = True

    def _racy(self, key: StatKey) -> bool:
        return max(key[1], key[2]) >= self.started_ns - RACY_NS

    def save(self) -> None:
        """Write the entries seen in this run (a removed file's entry goes) if any changed."""
        if not self.changed and set(self.new) == set(self.old):
            return
        entries = {rel: (e.key, e.check, e.racy, e.lang, e.blob) for rel, e in self.new.items()}
        data = pickle.dumps((_MAGIC, global_key(), entries), protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):
            _write_private(self.path, data)


def _trusted(info: os.stat_result) -> bool:
    """A regular file of ours that no one else can write."""
    if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _write_private(path: Path, data: bytes) -> None:
    """Owner-only folder and file, written whole or not at all."""
    import tempfile

    folder = path.parent
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    ignore = folder / ".gitignore"
    if not ignore.exists():  # a records repo not made by ``liushou init`` must not commit it either
        with contextlib.suppress(OSError):
            ignore.write_text("# liushou 的台账缓存：可随时删除，不要提交 (records cache: never commit)\n*\n",
                              encoding="utf-8")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)  # mode 0o600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
