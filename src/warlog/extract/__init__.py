"""Extraction. Importing it routes the process's regex compilations through warlog.regexcache: the extractors'
~1,300 patterns are built from code kept between processes instead of parsed again in each one."""

from warlog import regexcache

regexcache.install()
