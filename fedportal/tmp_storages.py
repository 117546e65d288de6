"""Where an import's uploaded file waits between the preview and the confirm
(IMPORT_EXPORT_TMP_STORAGE_CLASS), and how it leaves.

A file may hold personal data, so it waits no longer than it must:
- a preview that refuses the file removes it at once (nothing can be confirmed);
- the confirm takes it (`take`): read and removed in one step that succeeds once, so a
  preview is confirmed at most once, whatever the record type, and a confirm that fails
  leaves no copy behind either;
- an abandoned preview's file is removed after IMPORT_FILE_LIFETIME: by the cache's own
  expiry, or, in the folder, by `manage.py clean_import_files`, which a deployment runs
  from cron.

Two stores, both django-import-export's own with these rules added:
- `FolderStorage` (one node): IMPORT_TMP_DIR, a folder only the portal's user can read;
- `CacheStorage` (several nodes, set when the cache is shared): the cache, so the confirm
  may reach any node.
A file over IMPORT_MAX_BYTES is kept by neither: the preview refuses it
(`fedportal.imports.check_size`) from this request's copy, so an oversized upload fills
neither the disk nor the cache. A file gone by the confirm (confirmed already, expired,
evicted) raises ImportFileError with a message for the user.
"""

import os
import re
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from import_export import tmp_storages

from fedportal.imports import ImportFileError

GONE = (
    "待确认的导入文件已不存在：可能已经确认导入过，或上传后超过一小时已过期。"
    "请到记录列表核对后重新上传文件。"
)
# Names are made here; anything else posted back as a file name is no file of ours.
NAME_RE = re.compile(r"[0-9a-f]{32}")


class KeepsOversizedInMemory:
    """A file over IMPORT_MAX_BYTES stays in this request only, for the preview to refuse."""

    def save(self, data):
        self.name = self.name or uuid4().hex
        if len(data) > settings.IMPORT_MAX_BYTES:
            self._refused = data
            return
        self._refused = None
        self._store(data)

    def read(self):
        if getattr(self, "_refused", None) is not None:
            return self._refused
        return self._load()


class FolderStorage(KeepsOversizedInMemory, tmp_storages.TempFolderStorage):
    def _path(self) -> Path:
        if not NAME_RE.fullmatch(self.name or ""):
            raise ImportFileError(GONE)
        return Path(settings.IMPORT_TMP_DIR) / self.name

    def get_full_path(self):
        return str(self._path())

    def _store(self, data):
        folder = Path(settings.IMPORT_TMP_DIR)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(self._path(), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)

    def _load(self):
        try:
            return self._path().read_bytes()
        except FileNotFoundError:
            raise ImportFileError(GONE) from None

    def take(self):
        """The file's bytes, removed from the folder: the first confirm gets them, any
        other gets ImportFileError. Renaming is atomic, so two confirms at once cannot
        both read it."""
        path = self._path()
        taken = path.with_name(f"{path.name}.{uuid4().hex}.taken")
        try:
            path.rename(taken)
        except FileNotFoundError:
            raise ImportFileError(GONE) from None
        try:
            return taken.read_bytes()
        finally:
            taken.unlink(missing_ok=True)

    def remove(self):
        if getattr(self, "_refused", None) is None:
            self._path().unlink(missing_ok=True)


class CacheStorage(KeepsOversizedInMemory, tmp_storages.CacheStorage):
    CACHE_PREFIX = "fedportal:import-file:"

    def _key(self):
        if not NAME_RE.fullmatch(self.name or ""):
            raise ImportFileError(GONE)
        return self.CACHE_PREFIX + self.name

    def _store(self, data):
        cache.set(self._key(), data, settings.IMPORT_FILE_LIFETIME)

    def _load(self):
        data = cache.get(self._key())
        if data is None:
            raise ImportFileError(GONE)
        return data

    def take(self):
        """The file's bytes, removed from the cache: of two confirms at once, only the one
        whose delete removed the entry goes on."""
        data = self._load()
        if not cache.delete(self._key()):
            raise ImportFileError(GONE)
        return data

    def remove(self):
        if getattr(self, "_refused", None) is None:
            cache.delete(self._key())


def clean_folder(max_age_seconds: float, now: float) -> int:
    """Remove files of abandoned previews older than `max_age_seconds` from IMPORT_TMP_DIR;
    return how many went."""
    folder = Path(settings.IMPORT_TMP_DIR)
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and now - path.stat().st_mtime > max_age_seconds:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # confirmed meanwhile
    return removed
