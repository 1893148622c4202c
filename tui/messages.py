"""The sentences the command line prints (usage problems, summaries), in Chinese and English."""

from __future__ import annotations

CLI_MESSAGES: dict[str, dict[str, str]] = {
    "unexpected": {
        "zh": "gridbook 遇到意外问题，已停止，文件没有被改动。详情已记录在 {log}。",
        "en": "gridbook hit an unexpected problem and stopped; no file was changed. Details are in {log}.",
    },
    "interrupted": {"zh": "已中断。", "en": "Interrupted."},
    "broken_pipe_nothing": {
        "zh": "输出在报表写完之前被关闭（接收的程序已停止读取）；没有改动任何文件。",
        "en": "The output was closed before the report was fully written (a pipe whose reader stopped); no file was changed.",
    },
    "broken_pipe": {
        "zh": "输出在全部显示之前被关闭（接收的程序已停止读取）；写入的文件不受影响。",
        "en": "The output was closed before everything was shown (a pipe whose reader stopped); the files written are not affected.",
    },
    "seeded": {
        "zh": "已生成 {path}：{households} 户，共 {records} 条记录。",
        "en": "Wrote {path}: {households} households, {records} records in all.",
    },
    "check_ok": {
        "zh": "{path} 完好：{households} 户，{records} 条记录，{conflicts} 处冲突待处理。",
        "en": "{path} is sound: {households} households, {records} records, {conflicts} conflicts to settle.",
    },
    "too_big_number": {"zh": "{option} 最大为 {limit}。", "en": "{option} can be at most {limit}."},
    "bad_number": {"zh": "{option} 应为正整数。", "en": "{option} must be a whole number above 0."},
    "usage": {"zh": "命令用法有误：{problem}", "en": "The command is not right: {problem}"},
}

# what `gridbook import`, `key`, `sync` and `collect` print
CLI_MESSAGES.update({
    "import_read": {"zh": "从 {source} 读取了 {rows} 行（表头在第 {header} 行）。",
                    "en": "Read {rows} rows from {source} (the header is row {header})."},
    "import_unplaced": {"zh": "未使用的列：{headers}（可用 --map 表头=字段 指明）。",
                        "en": "Columns not used: {headers} (name them with --map HEADER=FIELD)."},
    "import_refused": {
        "zh": "有 {count} 行有问题，没有写入任何内容；请改正后再导入，或加 --skip-bad 跳过这些行。",
        "en": "{count} rows have problems, so nothing was written; fix them and import again, or add --skip-bad to leave them out.",
    },
    "import_skipped": {"zh": "跳过了 {count} 行有问题的行。", "en": "Left out {count} rows with problems."},
    "import_counts": {
        "zh": "新住户 {new_h} 户、新居民 {new_p} 人；已有住户 {old_h} 户、已有居民 {old_p} 人；{changes} 处改动。",
        "en": "New: {new_h} households, {new_p} people; already there: {old_h} households, {old_p} people; {changes} changes.",
    },
    "import_new_workers": {"zh": "分给了尚未同步过的网格员：{workers}（他们第一次 gridbook sync 后即可收到自己的住户）。",
                           "en": "Assigned to workers who have not synced yet: {workers} (they get their households after their first gridbook sync)."},
    "import_change": {"zh": "  {address} {who}：{field} {old} → {new}",
                      "en": "  {address} {who}: {field} {old} -> {new}"},
    "import_new_person": {"zh": "  {address}：新增居民 {who}", "en": "  {address}: new resident {who}"},
    "more_listed": {"zh": "  ……另有 {count} 处", "en": "  ... and {count} more"},
    "import_dry": {"zh": "试运行：没有写入任何内容。", "en": "Dry run: nothing was written."},
    "import_wrote": {"zh": "已写入 {path}。", "en": "Wrote {path}."},
    "import_nothing": {"zh": "{path} 中已经都有，没有改动。", "en": "{path} already holds all of it; nothing changed."},
    "import_created": {"zh": "{path} 不存在，已新建为社区汇总文件。",
                       "en": "{path} did not exist; it was made as a new community file."},
    "import_field_people": {"zh": "居民", "en": "person"},
    "import_field_returnee": {"zh": "返回人员", "en": "returnee"},
    "key_public_hint": {
        "zh": "私钥已保存在 {path}（仅本人可读，请妥善保管并备份）。公钥 {public} 可以公开发给网格员，他们第一次同步时用：gridbook sync 目录 --office-key {public}",
        "en": "The private key is in {path} (readable by you alone; keep it safe and backed up). Give the public key {public} to the workers; the first time they sync: gridbook sync DIR --office-key {public}",
    },
    "sync_key_made": {"zh": "已为你生成密钥 {path}（仅本人可读；社区发给你的文件要用它打开）。",
                      "en": "Made your key {path} (readable by you alone; it opens what the office sends you)."},
    "sync_wrote": {"zh": "你的工作簿已加密写入 {path}，只有社区能打开。",
                   "en": "Your book is in {path}, encrypted so that only the office can open it."},
    "sync_slice": {"zh": "已收到社区的分发（{path}）：新增 {new} 条记录，更新 {changed} 条。",
                   "en": "Took in the office's share for you ({path}): {new} records new, {changed} changed."},
    "sync_slice_same": {"zh": "社区的分发（{path}）没有新内容。",
                        "en": "The office's share for you ({path}) held nothing new."},
    "sync_no_slice": {"zh": "{folder} 中还没有社区给你的分发。",
                      "en": "There is no share from the office for you in {folder} yet."},
    "sync_removed": {"zh": "删除了你之前留下的 {count} 份旧副本（内容都已包含在新副本中）。",
                     "en": "Removed {count} older copies of your book (the new one holds all they held)."},
    "sync_office_key": {"zh": "已记住社区公钥，下次同步不必再写 --office-key。",
                        "en": "The office's key is remembered; next time --office-key is not needed."},
    "collect_handed": {"zh": "已交回（{count} 人）：{workers}", "en": "Handed in ({count}): {workers}"},
    "collect_missing": {"zh": "未交回（{count} 人）：{workers}", "en": "Not handed in ({count}): {workers}"},
    "collect_everyone": {"zh": "所有网格员都已交回。", "en": "Every worker handed in."},
    "collect_nothing": {"zh": "没有找到网格员的工作簿；{out} 未改动，只重新写了分发。",
                        "en": "No worker books were found; {out} is unchanged, the shares were written again."},
    "collect_wrote": {"zh": "已写入 {out}。", "en": "Wrote {out}."},
    "collect_same": {"zh": "{out} 已是最新，没有改动。", "en": "{out} was already up to date."},
    "collect_slices": {"zh": "已为 {count} 位网格员写回加密的分发：{workers}",
                       "en": "Wrote back encrypted shares for {count} workers: {workers}"},
    "collect_no_key": {"zh": "{workers} 还没有同步过，社区没有他们的公钥，未写分发。",
                       "en": "{workers} have not synced yet, so the office has no key for them; no share was written."},
    "collect_removed": {"zh": "从文件夹中删除了 {count} 份已合并的旧副本（每位网格员保留最新一份）。",
                        "en": "Removed {count} older copies already merged from the folders (the newest of each worker stays)."},
    "collect_key_changed": {
        "zh": "网格员 {worker} 的密钥变了（换了电脑？），为安全起见没有写回分发；确认无误后加上 --accept-key {worker} 再运行一次。",
        "en": "Worker {worker}'s key has changed (a new laptop?); to be safe no share was written back. Once you have checked with them, run again with --accept-key {worker}.",
    },
})

# what the office commands print (merge, slice, report, quick capture)
CLI_MESSAGES.update({
    "merge_books": {"zh": "读取了 {count} 个工作簿：", "en": "Read {count} books:"},
    "merge_books_one": {"zh": "读取了 {count} 个工作簿：", "en": "Read 1 book:"},
    "merge_missing_one": {"zh": "注意：有 {count} 个工作簿没有合并进来：{paths}",
                          "en": "Missing: 1 book was not merged: {paths}"},
    "merge_book": {"zh": "  {path}（{who}，{records} 条记录）",
                   "en": "  {path} ({who}, {records} records)"},
    "merge_book_covered": {
        "zh": "  {path}（{who}，{records} 条记录）：已合并过或比 {out} 中的旧，没有新内容",
        "en": "  {path} ({who}, {records} records): already merged or older than {out}; nothing new",
    },
    "who_worker": {"zh": "网格员 {worker}", "en": "worker {worker}"},
    "who_community": {"zh": "社区汇总", "en": "community file"},
    "merge_counts": {"zh": "新增 {new} 条记录，更新 {changed} 条。",
                     "en": "{new} records new, {changed} changed."},
    "merge_no_conflicts": {"zh": "没有冲突。", "en": "No conflicts."},
    "merge_conflicts": {
        "zh": "{count} 处冲突（两处同时修改了同一项），已全部保留，显示最新的一个；用 gridbook report {out} --conflicts 查看，在 gridbook --data {out} 中处理：",
        "en": "{count} conflicts (the same field changed in two places); every value is kept and the newest shown. List them with gridbook report {out} --conflicts, settle them in gridbook --data {out}:",
    },
    "merge_conflict": {"zh": "  {what} {field}：{candidates}", "en": "  {what} {field}: {candidates}"},
    "merge_candidate": {"zh": "“{value}”（{worker}，{when}，{source}）",
                        "en": "\u201c{value}\u201d ({worker}, {when}, {source})"},
    "merge_shown": {"zh": " ← 显示", "en": " <- shown"},
    "merge_more_values": {"zh": "（另有 {count} 个较早的值未列出）", "en": "({count} older values not listed)"},
    "merge_more_sources": {"zh": " 等另 {count} 个文件", "en": " and {count} more files"},
    "merge_duplicates": {"zh": "{count} 组可能重复的住户（编号不同，地址和户主相同）：",
                         "en": "{count} groups of possible duplicate households (different ids, same address and head):"},
    "merge_duplicate": {"zh": "  {address} {head}：{ids}", "en": "  {address} {head}: {ids}"},
    "merge_clock_future": {
        "zh": "时钟异常：{path} 中副本 {replica} 的时间比本机快 {days} 天以上，请检查那台电脑的日期。",
        "en": "Clock off: in {path}, copy {replica} is {days}+ days ahead of this computer; check that computer's date.",
    },
    "merge_clock_behind": {
        "zh": "时钟异常：{path} 中副本 {replica} 的时间比所记日期慢 {days} 天以上，请检查那台电脑的日期。",
        "en": "Clock off: in {path}, copy {replica} is {days}+ days behind the days it recorded; check that computer's date.",
    },
    "merge_set_aside": {"zh": "{count} 条无效记录未合并：", "en": "{count} invalid records were left out:"},
    "merge_set_aside_one": {"zh": "  {path} {table}/{rid}：{reason}",
                            "en": "  {path} {table}/{rid}: {reason}"},
    "reason_shape": {"zh": "结构损坏", "en": "damaged structure"},
    "reason_stamp": {"zh": "时间戳不可能（超过 2100 年或为负数）",
                     "en": "a stamp no real clock gives (after 2100 or negative)"},
    "merge_skipped": {"zh": "已跳过 {path}：{reason}", "en": "Skipped {path}: {reason}"},
    "merge_ignored_folder": {"zh": "未读取子文件夹 {path}（只读取所给文件夹中的 .json 文件）。",
                             "en": "Not read: the subfolder {path} (only the .json files of a given folder are read)."},
    "merge_missing": {"zh": "注意：有 {count} 个工作簿没有合并进来：{paths}",
                      "en": "Missing: {count} books were not merged: {paths}"},
    "assigned": {"zh": "已将 {count} 户交给网格员 {worker}（{name}）；另有 {already} 户本来就是其负责。",
                 "en": "Households now worker {worker}'s ({name}): {count}; already theirs: {already}."},
    "assigned_next": {
        "zh": "下次用 gridbook slice {file} 分发时，原网格员的工作簿合并后就不再显示这些住户。",
        "en": "At the next gridbook slice {file} and merge, the former workers' books let these households go.",
    },
    "merge_wrote": {"zh": "已写入 {out}（{records} 条记录）。",
                    "en": "Wrote {out} ({records} records)."},
    "merge_unchanged": {"zh": "{out} 已包含全部内容，没有改动。",
                        "en": "{out} already held everything; it was not changed."},
    "no_inputs": {"zh": "没有找到可合并的工作簿。", "en": "No books were found to merge."},
    "slice_wrote": {
        "zh": "已为网格员 {worker} 写出 {out}：{households} 户，共 {records} 条记录。用 gridbook merge 我的工作簿 {out} -o 我的工作簿 合并。",
        "en": "Wrote {out} for worker {worker}: {households} households, {records} records. Merge it with gridbook merge MYBOOK {out} -o MYBOOK.",
    },
    "slice_no_worker": {"zh": "{path} 中没有网格员 {worker}。",
                        "en": "{path} has no worker {worker}."},
    "xlsx_needs_out": {"zh": "xlsx 格式需要用 -o 指定输出文件。",
                       "en": "The xlsx format needs an output file: add -o FILE."},
    "report_wrote": {"zh": "已写出 {out}。", "en": "Wrote {out}."},
    "log_added": {"zh": "已记入 {on} 的工作日志（{category}）。",
                  "en": "Added to the log of {on} ({category})."},
    "errand_added": {"zh": "已登记代买代送 {id}：{address} {items}，{due} 前送达。",
                     "en": "Errand {id} added: {address} {items}, due {due}."},
    "errand_set": {"zh": "代买代送 {id} 已改为“{status}”。",
                   "en": "Errand {id} is now \u201c{status}\u201d."},
    "errand_set_usage": {"zh": "请写出哪张代买代送单和新状态，例如：gridbook errand set #k3f9 已送达。",
                         "en": "Say which errand and its new status, for example: gridbook errand set #k3f9 delivered."},
    "bad_amount": {"zh": "金额“{value}”不对，请写成 35 或 35.50（元）。",
                   "en": "The amount \u201c{value}\u201d is not right; write it like 35 or 35.50 (yuan)."},
    "bad_when": {"zh": "时间“{value}”不对，请写成 18:00、明天 18:00 或 2022-03-14 18:00。",
                 "en": "The time \u201c{value}\u201d is not right; write it like 18:00, tomorrow 18:00 or 2022-03-14 18:00."},
    "bad_choice": {"zh": "“{value}”不是可选值，可选：{choices}。",
                   "en": "\u201c{value}\u201d is not one of the choices: {choices}."},
    "no_default_book": {
        "zh": "还没有自己的工作簿 {path}：请先运行 gridbook 建立，或用 --data 指定文件。",
        "en": "Your book {path} does not exist yet: run gridbook once to create it, or name a file with --data.",
    },
})

# what `gridbook purge` prints
CLI_MESSAGES.update({
    "purge_purged": {
              "zh": "已清除 {count} 户解除隔离超过 {days} 天的住户的个人信息（保留编号、地址和状态）：{addresses}",
              "en": "Purged the personal details of {count} households released more than {days} days ago (id, address and status kept): {addresses}",
          },
    "purge_would_purge": {
              "zh": "将清除 {count} 户解除隔离超过 {days} 天的住户的个人信息（未做任何修改）：{addresses}",
              "en": "Would purge the personal details of {count} households released more than {days} days ago (nothing changed): {addresses}",
          },
    "purge_future_date": {
              "zh": "--date 不能晚于今天：清除只针对已经过去的日子。",
              "en": "--date cannot be after today: a purge only counts days that have passed.",
          },
    "purge_nothing": {
              "zh": "没有解除隔离超过 {days} 天、需要清除个人信息的住户。",
              "en": "No household was released more than {days} days ago; nothing to purge.",
          },
})

# leaving the TUI: a signal, unsaved edits rescued, a crash (tui/signals.py)
CLI_MESSAGES.update({
    "saved_on_exit": {
        "zh": "未保存的修改已在退出时保存到 {path}。",
        "en": "The unsaved changes were saved to {path} on exit.",
    },
    "rescued": {
        "zh": "无法保存到 {path}，未保存的修改已另存到 {copy}。磁盘恢复后请运行：gridbook merge {path} {copy} -o {path}",
        "en": "Could not save to {path}; the unsaved changes were saved to {copy}. When the disk is fine again, run: gridbook merge {path} {copy} -o {path}",
    },
    "crashed": {
        "zh": "gridbook 遇到意外问题，已关闭；已保存的修改都在工作簿里。详情已记录在 {log}。",
        "en": "gridbook hit an unexpected problem and closed; every saved edit is in the book. Details are in {log}.",
    },
    "lost": {
        "zh": "无法保存到 {path}，也无法另存到其他位置：请先不要关闭电脑，联系社区办公室。",
        "en": "Could not save to {path} nor anywhere else; please keep this computer on and call the community office.",
    },
})
