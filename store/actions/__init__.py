"""What a grid worker does, as operations on a book; each is one durable save.

Screens and quick-capture commands call these instead of composing raw writes, so the
rules live in one place: a quarantine's schedule comes from the policy, a household's
status follows its quarantine, and the worker's own actions write themselves into the
daily log (marked `auto`, with ids derived from the action so that a repeated action or
the same action merged from two machines is one entry).

One module per subject: `households` (and quarantines), `checklist` (and tests),
`errands`, `journal`; every operation is reachable here as `actions.NAME`.
"""

from store.actions.checklist import (
    BUILDING_KINDS,
    EVERYONE,
    GROUPED_KINDS,
    delete_test,
    record_test,
    record_tests,
    set_test_result,
    test_record_id,
    tick,
    tick_building,
)
from store.actions.errands import (
    add_errand,
    advance_errand,
    edit_errand,
    set_errand_repaid,
    set_errand_status,
    undo_errand_step,
)
from store.actions.households import (
    add_household,
    assign,
    change_quarantine_end,
    move_to_monitoring,
    note_status,
    register_household,
    release,
    release_problems,
    remove_household,
    start_quarantine,
)
from store.actions.journal import GROUP_ADDRESSES, add_log, auto_log, who_of

__all__ = ['BUILDING_KINDS', 'EVERYONE', 'GROUPED_KINDS', 'GROUP_ADDRESSES', 'add_errand',
           'add_household', 'add_log', 'advance_errand', 'assign', 'auto_log',
           'change_quarantine_end', 'delete_test', 'edit_errand', 'move_to_monitoring',
           'note_status', 'record_test', 'record_tests', 'register_household', 'release',
           'release_problems', 'remove_household', 'set_errand_repaid',
           'set_errand_status', 'set_test_result', 'start_quarantine', 'test_record_id',
           'tick', 'tick_building', 'undo_errand_step', 'who_of']
