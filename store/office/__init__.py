"""The office's work on books: merge, report and exports, slices, sync, purge, rosters,
printing."""
