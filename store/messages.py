"""The sentences the store shows a person (errors, notices), in Chinese and English.

They are written for grid workers and office staff: one plain sentence, naming the file
and the problem, saying nothing of Python.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # printing (store/printing)
    "no_cjk_font": {
        "zh": "找不到可以打印中文的字体：请安装 fonts-wqy-microhei（Debian/Ubuntu：sudo apt install fonts-wqy-microhei），或用 --font 或环境变量 {env} 指定一个字体文件。",
        "en": "No font that can print Chinese was found: install fonts-wqy-microhei (Debian/Ubuntu: sudo apt install fonts-wqy-microhei), or name a font file with --font or the {env} variable.",
    },
    "font_missing": {
        "zh": "指定的字体文件 {path} 不存在。",
        "en": "The font file {path} does not exist.",
    },
    "font_unusable": {
        "zh": "字体文件 {path} 无法使用（不是 TrueType/OpenType 字体，或不含中文）。",
        "en": "The font file {path} cannot be used (not a TrueType/OpenType font, or without Chinese).",
    },
    "template_bad": {
        "zh": "信件模板 {path} 无法读取：{problem}。",
        "en": "The letter template {path} cannot be read: {problem}.",
    },
    "household_unknown": {
        "zh": "{path} 中没有住户 {what}（可以用门牌如 3-2-501、户主姓名或编号）。",
        "en": "{path} has no household {what} (use an address such as 3-2-501, the head's name, or the id).",
    },
    "nothing_to_print": {
        "zh": "没有可打印的内容：{what}。",
        "en": "Nothing to print: {what}.",
    },
    "not_found": {
        "zh": "找不到文件 {path}。",
        "en": "The file {path} does not exist.",
    },
    "not_a_file": {
        "zh": "{path} 不是一个普通文件。",
        "en": "{path} is not an ordinary file.",
    },
    "symlink": {
        "zh": "{path} 是一个符号链接，为了保护数据，gridbook 不会通过它写入。",
        "en": "{path} is a symbolic link; to protect the data, gridbook will not write through it.",
    },
    "unreadable": {
        "zh": "无法读取 {path}：没有权限或磁盘出错。",
        "en": "{path} cannot be read: no permission, or a disk error.",
    },
    "empty": {
        "zh": "{path} 是空文件，不是 gridbook 工作簿。",
        "en": "{path} is empty; it is not a gridbook book.",
    },
    "not_utf8": {
        "zh": "{path} 不是 UTF-8 编码（可能被其他编辑器另存过），gridbook 无法读取。",
        "en": "{path} is not UTF-8 text (perhaps another editor saved it); gridbook cannot read it.",
    },
    "bom": {
        "zh": "{path} 开头有 BOM 标记（可能被记事本另存过），不是 gridbook 保存的文件。",
        "en": "{path} starts with a byte-order mark (perhaps Notepad saved it); gridbook did not write it.",
    },
    "not_json": {
        "zh": "{path} 已损坏或不完整，不是有效的 JSON 文件。",
        "en": "{path} is damaged or incomplete; it is not valid JSON.",
    },
    "not_gridbook": {
        "zh": "{path} 不是 gridbook 工作簿。",
        "en": "{path} is not a gridbook book.",
    },
    "newer_schema": {
        "zh": "{path} 由更新版本的 gridbook 创建（格式 {found}，本程序支持 {supported}），请先升级 gridbook。",
        "en": "{path} was made by a newer gridbook (format {found}; this one reads {supported}); please upgrade gridbook.",
    },
    "too_large": {
        "zh": "{path} 太大（{size}），不像是 gridbook 工作簿。",
        "en": "{path} is too large ({size}) to be a gridbook book.",
    },
    "locked_timeout": {
        "zh": "{path} 正被另一个程序长时间占用，请稍后再试。",
        "en": "{path} has been busy in another program for too long; please try again shortly.",
    },
    "write_failed": {
        "zh": "无法保存到 {path}：{reason}。修改仍保留在内存中，稍后会再试。",
        "en": "Could not save to {path}: {reason}. The change is kept in memory and will be saved when possible.",
    },
    "reason_nospace": {"zh": "磁盘已满", "en": "the disk is full"},
    "reason_denied": {"zh": "没有写入权限", "en": "permission denied"},
    "reason_readonly": {"zh": "磁盘为只读", "en": "the disk is read-only"},
    "reason_other": {"zh": "磁盘出错（{error}）", "en": "a disk error ({error})"},
    "invalid_records": {
        "zh": "{path} 中有 {count} 条记录无法识别，已单独保留，不会被删除。",
        "en": "{path} has {count} records that could not be read; they are set aside, not deleted.",
    },
    "tightened": {
        "zh": "{path} 原先其他用户也能读取，已改为只有您本人可读写。",
        "en": "{path} could be read by other users; it is now readable by you alone.",
    },
    "moved": {
        "zh": "工作簿已被复制或移动到新位置，此后的修改将单独标记，合并时不会丢失。",
        "en": "This book was copied or moved; edits made here are marked separately so a merge loses neither copy.",
    },
    "clock_behind": {
        "zh": "电脑时钟比工作簿中的记录晚了 {days} 天，请检查系统日期。",
        "en": "This computer's clock is {days} days behind the book's records; please check the system date.",
    },
    "migrated": {
        "zh": "{path} 已从旧格式 {old} 升级，原文件备份为 {backup}。",
        "en": "{path} was upgraded from format {old}; the original is backed up as {backup}.",
    },
    "record_missing": {
        "zh": "找不到这条记录（可能已被删除）。",
        "en": "That record no longer exists (it may have been deleted).",
    },
    "policy_bad": {
        "zh": "隔离规则文件 {path} 有误：{problem}",
        "en": "The quarantine policy file {path} is wrong: {problem}",
    },
}

MESSAGES["invalid_input"] = {"zh": "{sentence}", "en": "{sentence}"}
MESSAGES["readonly"] = {
    "zh": "{path} 以只读方式打开，修改不会保存。",
    "en": "{path} is open read-only; changes are not saved.",
}
MESSAGES["exists"] = {
    "zh": "{path} 已存在，gridbook 不会覆盖它。",
    "en": "{path} already exists; gridbook will not overwrite it.",
}
MESSAGES["write_failed_plain"] = {
    "zh": "无法写入 {path}：{reason}。原文件没有改动。",
    "en": "Could not write {path}: {reason}. The file was not changed.",
}
MESSAGES["out_folder_missing"] = {
    "zh": "无法写入 {path}：文件夹 {folder} 不存在。没有改动任何文件。",
    "en": "Could not write {path}: the folder {folder} does not exist. No file was changed.",
}
MESSAGES["no_household"] = {
    "zh": "找不到住户“{query}”：请写住户编号、地址（如 3栋2单元501）或户主姓名。",
    "en": "No household matches \u201c{query}\u201d: give its id, its address (like 3栋2单元501) or the head's name.",
}
MESSAGES["many_households"] = {
    "zh": "“{query}”对应多户（{matches}），请写得更具体些，例如写地址。",
    "en": "\u201c{query}\u201d matches several households ({matches}); please be more specific, e.g. give the address.",
}
MESSAGES["no_errand"] = {
    "zh": "找不到代买代送单“{query}”。",
    "en": "No errand matches \u201c{query}\u201d.",
}
MESSAGES["many_errands"] = {
    "zh": "“{query}”对应多张代买代送单，请多写几位编号。",
    "en": "\u201c{query}\u201d matches several errands; please give more of the id.",
}
MESSAGES["no_books"] = {
    "zh": "没有找到可合并的工作簿，没有写入任何文件。",
    "en": "No books were found to merge; nothing was written.",
}
MESSAGES["too_deep"] = {
    "zh": "{path} 已损坏（数据嵌套过深），只能以只读方式打开，修改不会保存。",
    "en": "{path} is damaged (data nested too deeply); it opens read-only and changes are not saved.",
}
MESSAGES["too_deep_data"] = {
    "zh": "数据嵌套过深（某个输入文件可能已损坏），无法写出，没有写入任何文件。",
    "en": "The data is nested too deeply to be written (an input file may be damaged); nothing was written.",
}

# office: folder merges, guarded merges, unwritable outputs
MESSAGES["write_failed_nothing"] = {
    "zh": "无法写入 {path}：{reason}。没有改动任何文件。",
    "en": "Could not write {path}: {reason}. No file was changed.",
}
MESSAGES["link_loop"] = {
    "zh": "{path} 是一个指向自身或找不到目标的链接。",
    "en": "{path} is a link that loops or leads nowhere.",
}
MESSAGES["link_outside"] = {
    "zh": "{path} 是指向文件夹 {folder} 之外的链接，为了安全不予读取。",
    "en": "{path} is a link leading out of the folder {folder}; it is not followed.",
}
MESSAGES["is_folder"] = {
    "zh": "{path} 是一个文件夹，不是工作簿。",
    "en": "{path} is a folder, not a book.",
}
MESSAGES["foreign_community"] = {
    "zh": "{path} 是{theirs}的工作簿，而 {where} 属于{ours}：没有合并，没有改动任何文件。确实要合并不同社区时，请加 --allow-community。",
    "en": "{path} is a book of {theirs}, but {where} belongs to {ours}: nothing was merged and no file was changed. To merge different communities on purpose, add --allow-community.",
}
MESSAGES["into_worker_book"] = {
    "zh": "{out} 是网格员 {worker} 的工作簿，{path} 不是其本人的工作簿或分发给其本人的文件，不能合并进去（否则会变成社区汇总）：没有改动任何文件。请用 -o 写到新的社区汇总文件。",
    "en": "{out} is worker {worker}'s own book, and {path} is neither their book nor their slice, so it cannot be merged into it (that would turn it into a community file): no file was changed. Write to a community file with -o instead.",
}
MESSAGES["assign_what"] = {
    "zh": "请写出要调整的住户（编号、地址或姓名），或用 --building 指定楼栋；没有改动任何文件。",
    "en": "Name the households to assign (id, address or name), or a building with --building; no file was changed.",
}
MESSAGES["assign_no_worker"] = {
    "zh": "{path} 中没有网格员 {worker}（已有：{known}）；没有改动任何文件。",
    "en": "{path} has no worker {worker} (it has: {known}); no file was changed.",
}
MESSAGES["assign_no_building"] = {
    "zh": "{path} 中没有 {building} 栋的住户；没有改动任何文件。",
    "en": "{path} has no households in building {building}; no file was changed.",
}
MESSAGES["readonly_file"] = {
    "zh": "{path} 只能以只读方式打开，无法修改；没有改动任何文件。",
    "en": "{path} can only be opened read-only, so it cannot be changed; no file was changed.",
}
MESSAGES["moved_household"] = {
    "zh": "{address} {name} 已由社区交给网格员 {worker} 负责，不在您的名单上了；没有记录。",
    "en": "{address} {name} is now looked after by worker {worker}, no longer on your list; nothing was recorded.",
}
# issue 17: stamps and clocks no real clock gives (store.clock.MAX_STAMP)
MESSAGES["absurd_clock"] = {
    "zh": "{path} 记录的时钟不可能是真实时间（超过 2100 年或为负数），已忽略，不会被采用。",
    "en": "{path} carries a clock no real clock gives (after 2100 or negative); it is ignored, never adopted.",
}
MESSAGES["absurd_stamps"] = {
    "zh": "{path} 中有 {count} 条记录带有不可能的时间戳（超过 2100 年或为负数），已单独保留，不会合并或采用。",
    "en": "{path} has {count} records stamped at times no real clock gives (after 2100 or negative); they are set aside, never merged or adopted.",
}
MESSAGES["too_big_number_data"] = {
    "zh": "数据中有一个大得无法写出的数字（某个输入文件可能已损坏），没有写入任何文件。",
    "en": "The data holds a number too big to be written (an input file may be damaged); nothing was written.",
}
MESSAGES["far_date"] = {
    "zh": "{value} 离今天超过 {years} 年，请检查日期。",
    "en": "{value} is more than {years} years from today; please check the date.",
}
MESSAGES["too_long_quarantine"] = {
    "zh": "隔离期将长达 {days} 天，超过规定的最长 {longest} 天，未作修改；请检查解除日期。",
    "en": "The quarantine would last {days} days, longer than the policy's {longest}; nothing was changed. Please check the release date.",
}


from store.exchange_messages import EXCHANGE_MESSAGES  # noqa: E402 - import, key, sync, collect

MESSAGES.update(EXCHANGE_MESSAGES)

# errand moves (store/errand_rules.py), shared by the app and the shell
MESSAGES["errand_already"] = {
    "zh": "这张代买代送单已经是“{status}”了。",
    "en": "This errand is already {status}.",
}
MESSAGES["errand_move"] = {
    "zh": "代买代送单不能从“{status}”改为“{wanted}”：只能向前（待接单、已接单、已购买、已送达）或在完成前取消。",
    "en": "An errand cannot go from {status} to {wanted}: only forward (requested, accepted, "
          "bought, delivered), or cancelled before it is done.",
}
MESSAGES["many_errands_listed"] = {
    "zh": "“{query}”对应多张代买代送单：{choices}。请写出编号。",
    "en": "\u201c{query}\u201d matches several errands: {choices}. Please give the number.",
}
MESSAGES["replaced_on_disk"] = {
    "zh": "{path} 已被换成另一个文件（链接、其他网格员的工作簿或非普通文件），gridbook 不会读入或覆盖它；您的修改保留在内存中，退出时会另存。请联系社区办公室。",
    "en": "{path} was replaced by another file (a link, another worker's book, or not an ordinary file); gridbook will neither read it nor write over it. Your changes are kept in memory and rescued on exit; please call the community office.",
}
# item 5 of issue 17: a record id written twice in one file; a book of another worker
MESSAGES["duplicate_records"] = {
    "zh": "{path} 的表 {table} 中记录 {rid} 出现了 {copies} 次{more}；gridbook 已像合并那样把副本合在一起（每项显示最新的值，不同的值列为冲突），没有丢弃任何内容。",
    "en": "{path} holds record {rid} {copies} times in the table {table}{more}; gridbook joins the copies as a merge does (each field shows its newest value, differing values become conflicts), so nothing is dropped.",
}
MESSAGES["duplicate_records_more"] = {
    "zh": "（另有 {count} 条记录也重复）",
    "en": " (and {count} more records are there more than once)",
}
MESSAGES["duplicate_table"] = {
    "zh": "{path} 中表 {table} 出现了 {copies} 次；gridbook 已把它们的记录合在一起，没有丢弃任何内容。",
    "en": "{path} holds the table {table} {copies} times; gridbook joins their records, so nothing is dropped.",
}
MESSAGES["duplicate_unjoinable"] = {
    "zh": "{path} 的表 {table} 中记录 {rid} 出现了两次，且有一份已损坏，无法判断保留哪一份；文件未被打开，也没有改动。请联系社区办公室。",
    "en": "{path} holds record {rid} twice in the table {table} and one copy is damaged, so gridbook cannot tell which to keep; the file was not opened or changed. Please call the community office.",
}
MESSAGES["duplicate_key"] = {
    "zh": "{path} 的表 {table} 中记录 {rid} 的同一项写了两次，文件已损坏；文件未被打开，也没有改动。请联系社区办公室。",
    "en": "{path} is damaged: record {rid} in the table {table} names one of its fields twice; the file was not opened or changed. Please call the community office.",
}
MESSAGES["worker_mismatch"] = {
    "zh": "{path} 标明属于网格员 {meta}，但其中的记录属于 {found}，所以看不到任何住户。请打开自己的工作簿，或联系社区办公室。",
    "en": "{path} says it is the book of worker {meta}, but its records belong to {found}, so none of its households are shown. Open your own book, or call the community office.",
}
MESSAGES["audit_failed"] = {
    "zh": "无法写入 --full 的使用记录 {path}，所以不显示完整号码；请去掉 --full 再试，或联系管理员。",
    "en": "The record of this use of --full could not be written to {path}, so no whole number is shown; try again without --full, or call your administrator.",
}
