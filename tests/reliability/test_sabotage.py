"""Each guarantee's test is seen to fail when the code is broken on purpose, on every run.

The README's guarantees table says, for each promise, how its test was seen to fail. The
deliberate breakages are kept in tests/reliability/sabotage/ (pytest plug-ins, and a
sitecustomize for the TUI's own process); here each is applied in a separate pytest run of
only the tests it must break, and that run must fail in exactly those tests. A breakage
that no longer breaks anything fails here: either the test or the claim has gone stale.
(The killed-writer sabotage runs inside test_killed_writers.py itself.)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SABOTAGE = ROOT / "tests" / "reliability" / "sabotage"

# (plug-in or GRIDBOOK_SABOTAGE value, test file, the tests it must make fail)
CASES = [
    ("sab_clock", "test_clocks.py",
     ["test_a_clock_set_back_still_lets_the_newest_edit_win"]),
    ("sab_nowarn", "test_clocks.py",
     ["test_a_clock_set_back_still_lets_the_newest_edit_win",
      "test_a_resolution_after_a_fast_clock_supersedes_it"]),
    ("sab_follow", "test_stamps_ahead.py",
     ["test_a_stamp_of_2099_is_kept_but_never_followed",
      "test_a_2099_stamp_never_reaches_another_books_clock",
      "test_a_laptop_fast_for_days_then_corrected_keeps_every_edit"]),
    ("sab_farpast", "test_stamps_ahead.py",
     ["test_a_stamp_of_2099_is_kept_but_never_followed"]),
    ("sab_mkdir", "test_privacy.py",
     ["test_books_are_private_files_in_private_folders"]),
    ("sab_union", "test_privacy.py",
     ["test_the_purge_survives_merging_a_stale_copy",
      "test_personal_data_written_concurrently_is_purged_by_the_next_run"]),
    ("sab_formula", "test_spreadsheet_text.py",
     ["test_values_from_people_are_text_in_csv_and_xlsx",
      "test_a_control_character_in_a_workers_name_keeps_the_xlsx_whole"]),
    ("sab_twice", "test_duplicate_ids.py",
     ["test_a_record_twice_is_joined_and_said", "test_the_merge_joins_the_copies_and_says_so",
      "test_a_table_twice_keeps_both_tables_records",
      "test_copies_that_cannot_be_joined_leave_the_file_alone",
      "test_a_book_naming_another_worker_says_what_is_wrong"]),
    ("sab_nomask", "test_masking.py",
     ["test_mask_text_finds_every_kind_of_number",
      "test_no_output_without_full_shows_a_number",
      "test_every_use_of_full_is_recorded_privately",
      "test_full_shows_nothing_when_its_use_cannot_be_recorded"]),
    ("sab_uncapped", "test_sizes.py",
     ["test_a_register_of_ten_thousand_values_is_listed_in_short",
      "test_f6_lists_a_register_of_ten_thousand_values_in_short[en]",
      "test_f6_lists_a_register_of_ten_thousand_values_in_short[zh]"]),
    ("sab_oneround", "test_key_bursts.py",
     ["test_f6_m_down_enter_y_in_one_burst_merges_the_pair[en]",
      "test_f6_m_down_enter_y_in_one_burst_merges_the_pair[zh]"]),
    ("sab_wholeday", "test_big_day.py",
     ["test_a_day_of_200000_entries_builds_one_page"]),
    ("sab_uithread", "test_big_day.py",
     ["test_the_first_look_at_a_huge_day_leaves_the_keys_working[en]"]),
    ("sab_meanwhile", "test_big_day.py",
     ["test_entries_written_while_a_day_is_read_are_in_its_index"]),
    ("sab_rawtext", "test_screen_controls.py",
     ["test_no_screen_sends_a_control_character",
      "test_the_forms_refuse_control_characters_in_names",
      "test_a_file_name_with_a_newline_forges_no_summary_line"]),
    ("sab_shallow", "test_bad_files.py",
     ["test_a_packed_book_too_deep_to_save_again_opens_read_only[False]",
      "test_a_packed_book_too_deep_to_save_again_opens_read_only[True]"]),
    ("sab_lockedsave", "test_saves_while_reading.py",
     ["test_a_reader_does_not_wait_for_a_save_and_sees_the_edit"]),
    ("sab_noturn", "test_saves_while_reading.py",
     ["test_a_second_write_waits_for_the_first_save_and_both_are_kept_in_order"]),
    ("sab_refreshwaits", "test_saves_while_reading.py",
     ["test_a_refresh_does_not_wait_for_a_save"]),
    ("sab_stalebytes", "test_saves_while_reading.py",
     ["test_every_save_holds_every_edit_read_back_from_the_file"]),
    ("sab_holdreplaced", "test_saves_while_reading.py",
     ["test_a_replaced_file_is_let_go_after_its_save"]),
    ("sab_bigbuffers", "test_big_buffers.py",
     ["test_a_whole_book_buffer_is_mapped_on_its_own_after_one_was_freed"]),
    ("env:no_signals", "test_tui_sessions.py",
     ["test_the_tui_leaves_cleanly_when_the_link_drops[SIGTERM]"]),
]


def _failed(output: str) -> set[str]:
    return {match.group(1) for match in re.finditer(r"^FAILED \S+::(\S+)", output, re.M)}


@pytest.mark.parametrize(("sabotage", "test_file", "must_fail"), CASES,
                         ids=[case[0] for case in CASES])
def test_the_sabotage_breaks_its_guarded_tests(sabotage: str, test_file: str,
                                               must_fail: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(SABOTAGE))
    argv = [sys.executable, "-m", "pytest", "-n0", "-q", "-rf", "-p", "no:cacheprovider",
            *[f"tests/reliability/{test_file}::{name}" for name in must_fail]]
    if sabotage.startswith("env:"):
        env["GRIDBOOK_SABOTAGE"] = sabotage.removeprefix("env:")
    else:
        argv[4:4] = ["-p", sabotage]
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 1, f"expected test failures (exit 1), got {done.returncode}:\n{output}"
    assert set(must_fail) <= _failed(output), output[-3000:]
