"""The book on disk and in memory: its records (models), file format, storage, the
merge-ready shape (crdt), the clock, loading, tables and the write path."""
