"""Where an import's uploaded file waits between the preview and the confirm, with several
web nodes (IMPORT_EXPORT_TMP_STORAGE_CLASS, set when the cache is shared).

django-import-export's own CacheStorage, so that the confirm may reach any node, with two
limits: the file waits an hour rather than a day (an idle session has ended by then
anyway), and a file over IMPORT_MAX_BYTES never enters the cache: the preview refuses it
(`fedportal.imports.check_size`) from this request's copy, so an oversized upload cannot
push rendered reports and sessions out of the cache. A file gone from the cache by the
confirm (expired, evicted) raises ImportFileError with a message for the user.
"""

from uuid import uuid4

from django.conf import settings
from import_export import tmp_storages

from fedportal.imports import ImportFileError

GONE = "待确认的导入文件已过期（上传后超过一小时）或已被清除，请重新上传文件。"


class CacheStorage(tmp_storages.CacheStorage):
    CACHE_LIFETIME = 60 * 60
    CACHE_PREFIX = "fedportal:import-file:"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._refused = None

    def save(self, data):
        if len(data) > settings.IMPORT_MAX_BYTES:
            self.name = self.name or uuid4().hex
            self._refused = data
            return
        super().save(data)

    def read(self):
        if self._refused is not None:
            return self._refused
        data = super().read()
        if data is None:
            raise ImportFileError(GONE)
        return data
