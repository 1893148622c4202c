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
        "zh": "电脑时钟比工作簿中的记录晚了 {days} 天，请检查系统日期（如果日期无误，这些记录来自时钟偏快的电脑：此后的修改仍按本机时间记录，并照常取代它们）。",
        "en": "This computer's clock is {days} days behind the book's records; please check the system date (if it is right, they came from a computer whose clock ran fast: edits made here keep this computer's time and still replace them).",
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
# issue 17: stamps and clocks no real clock gives (store.book.clock.MAX_STAMP)
MESSAGES["absurd_clock"] = {
    "zh": "{path} 记录的时钟不可能是真实时间（超过 2100 年或为负数），已忽略，不会被采用。",
    "en": "{path} carries a clock no real clock gives (after 2100 or negative); it is ignored, never adopted.",
}
MESSAGES["absurd_stamps"] = {
    "zh": "{path} 中有 {count} 条记录带有不可能的时间戳（超过 2100 年或为负数），已单独保留，不会合并或采用。",
    "en": "{path} has {count} records stamped at times no real clock gives (after 2100 or negative); they are set aside, never merged or adopted.",
}
MESSAGES["stamps_ahead"] = {
    "zh": "{path} 中有 {count} 条记录的时间戳比本机时钟超前一天以上（最远 {days} 天，到 {day}）；这些记录照常保留和合并，但任何工作簿的时钟都不会跟随它们。请检查本机日期，或写入它们的电脑的时钟。",
    "en": "{path} has {count} records stamped more than a day ahead of this computer's clock (up to {days} days, to {day}); they are kept and merged, but no book's clock follows them. Check this computer's date, or the clock of the computer that wrote them.",
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

# the words of the domain: statuses, checklist kinds, errand steps, categories, tests, parties (screens, paper, journal, report)
MESSAGES.update({
    "status_normal": {"zh": "正常", "en": "normal"},
    "status_quarantine": {"zh": "居家隔离", "en": "quarantine"},
    "status_monitoring": {"zh": "健康监测", "en": "monitoring"},
    "status_released": {"zh": "已解除", "en": "released"},
    "kind_test": {"zh": "核酸检测", "en": "test"},
    "kind_garbage": {"zh": "垃圾消杀清运", "en": "garbage"},
    "kind_needs": {"zh": "需求询问", "en": "needs asked"},
    "kind_letter": {"zh": "告知书送达", "en": "letter"},
    "kind_release": {"zh": "解除隔离", "en": "release"},
    "errand_requested": {"zh": "待接单", "en": "requested"},
    "errand_accepted": {"zh": "已接单", "en": "accepted"},
    "errand_bought": {"zh": "已购买", "en": "bought"},
    "errand_delivered": {"zh": "已送达", "en": "delivered"},
    "errand_cancelled": {"zh": "已取消", "en": "cancelled"},
    "cat_control": {"zh": "管控到位", "en": "Control"},
    "cat_service": {"zh": "服务到位", "en": "Service"},
    "cat_publicity": {"zh": "宣传到位", "en": "Publicity"},
    "cat_screening": {"zh": "排查到位", "en": "Screening"},
    "cat_protection": {"zh": "防护到位", "en": "Protection"},
    "test_nucleic": {"zh": "核酸", "en": "nucleic acid"},
    "test_antigen": {"zh": "抗原", "en": "antigen"},
    "result_pending": {"zh": "待出", "en": "pending"},
    "result_negative": {"zh": "阴性", "en": "negative"},
    "result_positive": {"zh": "阳性", "en": "POSITIVE"},
    "party_street": {"zh": "街道", "en": "Street office"},
    "party_community": {"zh": "社区", "en": "Community"},
    "party_clinic": {"zh": "卫生院", "en": "Clinic"},
    "party_police": {"zh": "派出所", "en": "Police station"},
    "party_employer": {"zh": "单位", "en": "Employer"},
})

# the roster import and the encrypted exchange (store/office/importer.py, store/office/sync.py)
MESSAGES.update({
    "import_too_big": {"zh": "{path} 太大，不像是一份花名册。",
                       "en": "{path} is too large to be a roster."},
    "import_too_many": {"zh": "表格超过 {rows} 行，请分成几个文件导入。",
                        "en": "The sheet has more than {rows} rows; split it into several files."},
    "import_kind": {"zh": "{path} 不是 .xlsx 或 .csv 文件；请在 Excel 或 WPS 中另存为这两种格式之一。",
                    "en": "{path} is not an .xlsx or .csv file; save it as one of these in Excel or WPS."},
    "import_sheet_csv": {"zh": "{path} 是 CSV 文件，没有工作表，不能用 --sheet。",
                         "en": "{path} is a CSV file and has no sheets; --sheet does not apply."},
    "import_bad_xlsx": {"zh": "{path} 已损坏，或不是 Excel 的 .xlsx 文件（旧的 .xls 请先另存为 .xlsx）。",
                        "en": "{path} is damaged or not an Excel .xlsx file (save an old .xls as .xlsx first)."},
    "import_no_sheet": {"zh": "{path} 中没有名为“{sheet}”的工作表；有：{sheets}。",
                        "en": "{path} has no sheet named \u201c{sheet}\u201d; it has: {sheets}."},
    "import_bad_map": {"zh": "--map {item} 应写成“表头=字段”，字段为 {fields} 之一。",
                       "en": "--map {item} should be HEADER=FIELD, with FIELD one of {fields}."},
    "import_no_header": {
        "zh": "前 10 行中找不到表头（需要“姓名”列和“住址”或“门牌号”列）；可以用 --map 表头=字段 指明。",
        "en": "No header row in the first 10 rows (a name column and an address or room column are needed); name them with --map HEADER=FIELD.",
    },
    "import_bad_worker": {"zh": "网格员编号“{worker}”不能为空，也不能超过 40 个字。",
                          "en": "The worker id \u201c{worker}\u201d must be 1 to 40 characters."},
    "key_exists": {"zh": "{path} 已存在；为了不丢失已有的密钥，gridbook 不会覆盖它。",
                   "en": "{path} already exists; so as not to lose a key, gridbook will not replace it."},
    "key_bad_file": {"zh": "{path} 不是 gridbook 或 age 的私钥文件。",
                     "en": "{path} is not a gridbook or age private key file."},
    "key_open": {"zh": "私钥文件 {path} 其他用户也能读取；请运行 chmod 600 {path} 后再试。",
                 "en": "The private key file {path} can be read by other users; run chmod 600 {path} and try again."},
    "key_bad_public": {"zh": "“{key}”不是有效的公钥（应以 age1 开头，由 gridbook key new 打印）。",
                       "en": "\u201c{key}\u201d is not a valid public key (it starts with age1; gridbook key new prints it)."},
    "sync_no_office_key": {
        "zh": "还不知道社区的公钥；第一次同步请加上 --office-key 公钥（社区用 gridbook key new 得到它）。",
        "en": "The office's public key is not known yet; the first time, add --office-key KEY (the office gets it from gridbook key new).",
    },
    "sync_not_dir": {"zh": "{path} 不是一个文件夹（U 盘或收件文件夹）。",
                     "en": "{path} is not a folder (a USB stick or an inbox folder)."},
    "sync_no_book": {"zh": "找不到工作簿 {path}；请先打开 gridbook 建立自己的工作簿。",
                     "en": "There is no book at {path}; open gridbook first to make your own book."},
    "sync_not_worker": {"zh": "{path} 是社区汇总文件，不是网格员的工作簿；社区请用 gridbook collect。",
                        "en": "{path} is a community file, not a worker's book; the office uses gridbook collect."},
    "sync_write_failed": {"zh": "无法写入 {path}：{reason}。",
                          "en": "Could not write {path}: {reason}."},
    "exchange_truncated": {
        "zh": "{path} 不完整或已损坏（可能在写入时拔出了 U 盘），已拒绝使用；再同步一次就会写入完整的副本。",
        "en": "{path} is incomplete or damaged (perhaps the stick was pulled out while it was written); it was refused; syncing again writes a whole one.",
    },
    "exchange_not_for_me": {
        "zh": "{path} 不是为这把密钥加密的（可能是换了电脑或密钥），无法打开。",
        "en": "{path} was not encrypted for this key (perhaps a new laptop or key); it cannot be opened.",
    },
    "exchange_not_book": {"zh": "{path} 解密后不是 gridbook 工作簿：{reason}",
                          "en": "{path} decrypted is not a gridbook book: {reason}"},
    "exchange_wrong_worker": {
        "zh": "{path} 是给网格员 {other} 的，不是给 {worker} 的，已跳过。",
        "en": "{path} is meant for worker {other}, not {worker}; it was skipped.",
    },
})

# the journal's sentences (store/logtext.py): `log.` + the entry's event
MESSAGES.update({
    "log.quarantine_started": {"zh": "{address} {name} 开始居家隔离，至 {end} 解除。",
                               "en": "{address} {name}: home quarantine started, release on {end}."},
    "log.quarantine_changed": {"zh": "{address} {name} 隔离期调整至 {end}：{reason}",
                               "en": "{address} {name}: quarantine changed to end {end}: {reason}"},
    "log.monitoring": {"zh": "{address} {name} 转为健康监测。",
                       "en": "{address} {name}: moved to health monitoring."},
    "log.monitoring_why": {"zh": "{address} {name} 提前转为健康监测：{reason}",
                           "en": "{address} {name}: moved to health monitoring early: {reason}"},
    "log.released": {"zh": "{address} {name} 解除隔离。", "en": "{address} {name}: released."},
    "log.released_why": {"zh": "{address} {name} 提前解除隔离：{reason}",
                         "en": "{address} {name}: released early: {reason}"},
    "log.test_recorded": {"zh": "{address} {name} 上门检测（{kind}），结果：{result}。",
                          "en": "{address} {name}: door-to-door test ({kind}), result: {result}."},
    "log.errand_delivered": {"zh": "{address} {name} 代买代送已送达：{items}。",
                             "en": "{address} {name}: errand delivered: {items}."},
    "log.day_done": {"zh": "{address} {name} 今日管控事项全部完成。",
                     "en": "{address} {name}: all of today's checklist done."},
    "log.household_added": {"zh": "登记住户 {address} {name}。",
                            "en": "Household registered: {address} {name}."},
    "log.household_removed": {"zh": "删除住户 {address} {name}：{reason}",
                              "en": "Household removed: {address} {name}: {reason}"},
    "log.households_merged": {"zh": "住户 {other} 并入 {address} {name}。",
                              "en": "Household {other} merged into {address} {name}."},
    "log.errands_accepted": {"zh": "接单代买 {count} 件：{errands}",
                             "en": "Errands taken: {count}: {errands}"},
    "log.errands_repaid": {"zh": "收回垫付 {count} 笔：{errands}",
                           "en": "Money repaid: {count}: {errands}"},
    "log.ticks_grouped": {"zh": "{kind} {count} 户：{addresses}",
                          "en": "{kind}: {count} households: {addresses}"},
    "log.building_done": {"zh": "{building}栋 {kind} 全部完成（{count} 户）。",
                          "en": "Building {building}: {kind} done for all ({count} households)."},
    "log.place_registered": {"zh": "登记场所：{place}（{kind}，{state}）。",
                             "en": "Place registered: {place} ({kind}, {state})."},
    "log.place_state": {"zh": "{place} 改为{state}。", "en": "{place} is now {state}."},
    "log.place_inspected": {"zh": "排查 {place}：{count} 项，未通过：{failed}。",
                            "en": "Inspected {place}: {count} checks, failed: {failed}."},
    "log.place_followed_up": {"zh": "复查 {place}：已整改：{checks}；仍未通过：{failed}。",
                              "en": "Followed up {place}: now passed: {checks}; still failed: {failed}."},
    "log.place_put_right": {"zh": "复查 {place}：{checks} 已整改，全部通过。",
                            "en": "Followed up {place}: {checks} put right, all passed."},
    "log.round_done_building": {"zh": "{where}栋公共区域消杀完成（{count} 个单元）。",
                                "en": "Building {where}: common areas disinfected ({count} units)."},
    "log.round_done_place": {"zh": "{where} 消杀完成。", "en": "{where}: disinfected."},
    "log.notice_issued": {"zh": "下发通知“{notice}”，需张贴 {count} 处。",
                          "en": "Notice \"{notice}\" issued: to post at {count} doors."},
    "log.notice_posted_building": {"zh": "{where}栋单元门已张贴“{notice}”（{count} 处）。",
                                   "en": "Building {where}: \"{notice}\" posted ({count} doors)."},
    "log.notice_posted_place": {"zh": "{where} 已张贴“{notice}”。",
                                "en": "{where}: \"{notice}\" posted."},
})

# the journal's own words for kinds and results (others are the domain's words)
MESSAGES.update({
    "log.garbage": {"zh": "垃圾消杀清运", "en": "garbage collected"},
    "log.letter": {"zh": "告知书送达", "en": "letter delivered"},
    "log.positive": {"zh": "阳性", "en": "positive"},
})

# places and rounds: kinds, states, checks, round kinds (store/place_words.py)
MESSAGES.update({
    "place.shop": {"zh": "商户", "en": "shop"},
    "place.supermarket": {"zh": "超市", "en": "supermarket"},
    "place.pharmacy": {"zh": "药店", "en": "pharmacy"},
    "place.elderly_home": {"zh": "养老院", "en": "old people's home"},
    "place.tutoring": {"zh": "辅导班", "en": "tutoring class"},
    "place.clinic": {"zh": "诊所", "en": "clinic"},
    "place.other": {"zh": "其他", "en": "other"},
    "place.gate": {"zh": "小区出入口", "en": "gate"},
    "place.garbage_point": {"zh": "垃圾点", "en": "garbage point"},
    # states
    "place.open": {"zh": "营业", "en": "open"},
    "place.limited": {"zh": "限流", "en": "limited"},
    "place.closed_management": {"zh": "封闭管理", "en": "closed management"},  # also a check
    "place.closed": {"zh": "关停", "en": "closed"},
    # checks
    "place.scan_station": {"zh": "扫码站", "en": "scan station"},
    "place.limit": {"zh": "限流", "en": "limit"},
    "place.temperature": {"zh": "测温", "en": "temperature"},
    "place.code_check": {"zh": "验码", "en": "code check"},
    "place.masks": {"zh": "佩戴口罩", "en": "masks"},
    "place.stays_closed": {"zh": "保持关停", "en": "stays closed"},
    # round kinds
    "place.disinfect": {"zh": "消杀", "en": "disinfection"},
    "place.posted": {"zh": "张贴通知", "en": "notice posted"},
})

# what a place's action refuses (store/places.py)
MESSAGES.update({
    "place.no_checks": {"zh": "这次检查没有任何检查项。", "en": "This inspection has no checks."},
    "place.no_notice": {"zh": "请写明通知名称。", "en": "Please name the notice."},
})

# what an action refuses (store/actions.py)
MESSAGES.update({
    "action.end_before_start": {"zh": "解除日期必须晚于隔离开始日期。",
                                "en": "The release date must come after the quarantine's start."},
    "action.end_in_past": {"zh": "新的解除日期已经过去；要提前解除，请用“解除隔离”并写明原因。",
                           "en": "The new release date has passed; to end it early, release the "
                                 "household with a reason."},
    "action.early_needs_reason": {"zh": "提前解除必须写明原因。",
                                  "en": "An early release needs a reason."},
    "action.no_bulk_tests": {"zh": "核酸检测要按人登记，不能整栋勾选。",
                             "en": "Tests are recorded per person, not ticked for a building."},
    "action.release_early": {"zh": "隔离第 {day}/{days} 天，应于 {end} 解除。",
                             "en": "Day {day} of {days}: the release is due on {end}."},
    "action.release_tests": {"zh": "核酸检测不足 {need} 次：{who}。",
                             "en": "Fewer than {need} tests: {who}."},
    "action.release_pending": {"zh": "{count} 次检测结果待出。",
                               "en": "Results still pending: {count}."},
    "action.release_positive": {"zh": "有阳性检测结果。", "en": "A test came back positive."},
    "action.release_errands": {"zh": "{count} 件代买代送未完成。",
                               "en": "Errands still open: {count}."},
    "action.release_owed": {"zh": "垫付未还 {yuan} 元。", "en": "{yuan} yuan advanced not yet repaid."},
    "action.merge_self": {"zh": "不能与自己合并。", "en": "A household cannot be merged with itself."},
    "action.reason_needed": {"zh": "请写明原因。", "en": "Please give a reason."},
    "action.nothing_to_undo": {"zh": "这件代买没有可以撤销的步骤。",
                               "en": "This errand has no step to undo."},
})

# what was typed is not a date, time, amount (store/parsing.py)
MESSAGES.update({
    "parse.bad_date": {
              "zh": "“{value}”不是日期，请写成 {year}-03-21、3-21、3月21日、明天或 +2。",
              "en": "\"{value}\" is not a date; write it like {year}-03-21, 3-21, tomorrow or +2.",
          },
    "parse.far_date": {
              "zh": "“{value}”离今天太远（{year} 年），请检查年份。",
              "en": "\"{value}\" is too far from today (the year {year}); check the year.",
          },
    "parse.bad_time": {
              "zh": "“{value}”不是时刻，请写成 09:30 或 0930。",
              "en": "\"{value}\" is not a time; write it like 09:30 or 0930.",
          },
    "parse.bad_when": {
              "zh": "“{value}”不是日期和时刻，请写成 18:00、明天 18:00 或 {year}-03-14 18:00。",
              "en": "\"{value}\" is not a date and time; write it like 18:00, tomorrow 18:00 or "
                    "{year}-03-14 18:00.",
          },
    "parse.bad_money": {
              "zh": "“{value}”不是金额，请写成 35 或 35.50（元，最多 999999.99）。",
              "en": "\"{value}\" is not an amount; write it like 35 or 35.50 (yuan, at most 999999.99).",
          },
    "parse.bad_days": {
              "zh": "“{value}”不是 1 到 {most} 之间的天数。",
              "en": "\"{value}\" is not a number of days from 1 to {most}.",
          },
})

# fields by the names their forms give them (store/book/validation.py, store/office/conflict_text.py, store/office/importer.py)
MESSAGES.update({
    "list.names": {"zh": "、", "en": ", "},
    "list.assignment": {"zh": "{worker}（{on} 起）", "en": "{worker} (from {on})"},
    "field.name": {"zh": "姓名", "en": "name"},
    "field.phone": {"zh": "电话", "en": "phone"},
    "field.id_number": {"zh": "身份证号", "en": "ID number"},
    "field.building": {"zh": "楼栋", "en": "building"},
    "field.unit": {"zh": "单元", "en": "unit"},
    "field.room": {"zh": "门牌号", "en": "room"},
    "field.text": {"zh": "日志内容", "en": "entry text"},
    "field.at": {"zh": "时间", "en": "time"},
    "field.items": {"zh": "代买物品", "en": "items"},
    "field.advanced": {"zh": "垫付金额", "en": "money advanced"},
    "field.repaid": {"zh": "已还金额", "en": "money repaid"},
    "field.reason": {"zh": "原因", "en": "reason"},
    "field.due": {"zh": "截止时间", "en": "due time"},
    "field.category": {"zh": "类别", "en": "category"},
    "field.household": {"zh": "住户", "en": "household"},
    "field.start": {"zh": "开始日期", "en": "start date"},
    "field.end": {"zh": "解除日期", "en": "release date"},
    "field.community": {"zh": "社区", "en": "community"},
    "field.grid": {"zh": "网格", "en": "grid"},
    "field.items_list": {"zh": "物品", "en": "items"},
    "field.status": {"zh": "状态", "en": "status"},
    "field.worker": {"zh": "网格员", "en": "worker"},
    "field.note": {"zh": "备注", "en": "note"},
    "field.people": {"zh": "家庭成员", "en": "people"},
    "field.done": {"zh": "已完成", "en": "done"},
    "field.done_at": {"zh": "完成时间", "en": "done at"},
    "field.result": {"zh": "检测结果", "en": "result"},
    "field.kind": {"zh": "类型", "en": "kind"},
    "field.on": {"zh": "日期", "en": "date"},
    "field.released_on": {"zh": "解除日期", "en": "released on"},
    "field.person": {"zh": "受检人", "en": "person tested"},
    "field.steps": {"zh": "办理步骤", "en": "steps"},
    "field.parties": {"zh": "五位一体", "en": "responsible parties"},
    "field._deleted": {"zh": "删除", "en": "deleted"},
    "field.removed_reason": {"zh": "删除原因", "en": "why removed"},
    "field.merged_into": {"zh": "并入", "en": "merged into"},
    "field.assignments": {"zh": "负责网格员", "en": "workers in turn"},
    "field.origin": {"zh": "来源地", "en": "origin"},
    "field.address": {"zh": "住址", "en": "address"},
})

# what is wrong with a field (store/book/validation.py)
MESSAGES.update({
    "problem.id_number": {
                "zh": "身份证号不正确：应为18位，出生日期有效，最后一位校验码正确。",
                "en": "The ID number is not valid: it needs 18 characters, a real birth date and the right check character.",
            },
    # The one rule an ID number breaks (store.idnumber.id_number_problem), not all four.
    "problem.id_number_length": {
                "zh": "身份证号应为18位，现在是{length}位。",
                "en": "An ID number has 18 characters; this one has {length}.",
            },
    "problem.id_number_chars": {
                "zh": "身份证号前17位应为数字，最后一位是数字或 X。",
                "en": "An ID number is 17 digits and then a digit or X.",
            },
    "problem.id_number_birth": {
                "zh": "身份证号中的出生日期（第7到14位）不是真实的日期。",
                "en": "The birth date in the ID number (characters 7 to 14) is not a real date.",
            },
    "problem.id_number_check": {
                "zh": "身份证号最后一位校验码不对，请核对每一位。",
                "en": "The last (check) character of the ID number does not match; check each digit.",
            },
    "problem.phone": {
                "zh": "电话号码只能包含数字、空格、+ 和 -。",
                "en": "A phone number may hold only digits, spaces, + and -.",
            },
    "problem.missing": {"zh": "请填写{field}。", "en": "Please fill in the {field}."},
    "problem.too_short": {"zh": "请填写{field}。", "en": "Please fill in the {field}."},
    "problem.too_long": {"zh": "{field}太长了，请缩短。", "en": "The {field} is too long; please shorten it."},
    "problem.at": {"zh": "时间格式应为 时:分，例如 09:30。", "en": "Write the time as hours:minutes, e.g. 09:30."},
    "problem.number": {"zh": "{field}应为不小于 0 的数字。", "en": "The {field} must be a number, 0 or more."},
    "problem.date": {"zh": "{field}应为日期，例如 2022-03-14。", "en": "The {field} must be a date, e.g. 2022-03-14."},
    "problem.choice": {"zh": "{field}的取值无效。", "en": "That {field} is not one of the choices."},
    "problem.other": {"zh": "{field}填写有误。", "en": "The {field} is not valid."},
})

# values of fields in conflicts (others are the domain's words)
MESSAGES.update({
    "value.quarantine": {"zh": "居家隔离", "en": "in quarantine"},
    "value.pending": {"zh": "待出结果", "en": "pending"},
    "value.false": {"zh": "否", "en": "no"},
})

# what is wrong with a row of a roster (store/office/importer.py)
MESSAGES.update({
    "row.no_name": {"zh": "第 {row} 行：没有姓名。", "en": "Row {row}: there is no name."},
    "row.no_address": {"zh": "第 {row} 行：没有住址（楼栋和门牌号）。",
                       "en": "Row {row}: there is no address (building and room)."},
    "row.bad_address": {
            "zh": "第 {row} 行：住址“{address}”无法分成楼栋、单元和门牌号（应像 3栋2单元501 或 3-2-501）。",
            "en": "Row {row}: the address \u201c{address}\u201d cannot be split into building, unit and room (write it like 3栋2单元501 or 3-2-501).",
        },
    "row.id_as_number": {
            "zh": "第 {row} 行：身份证号被表格存成了数字（{value}），后几位已丢失；请把该列设为文本后重新录入。",
            "en": "Row {row}: the spreadsheet stored the ID number as a number ({value}), losing its last digits; format the column as text and type it again.",
        },
    "row.bad_id": {
            "zh": "第 {row} 行：身份证号 {value} 不正确（应为18位，出生日期有效，校验码正确）。",
            "en": "Row {row}: the ID number {value} is not valid (18 characters, a real birth date, the right check character).",
        },
    "row.bad_phone": {"zh": "第 {row} 行：电话“{value}”只能包含数字、空格、+ 和 -。",
                      "en": "Row {row}: the phone \u201c{value}\u201d may hold only digits, spaces, + and -."},
    "row.bad_date": {"zh": "第 {row} 行：返回日期“{value}”不是日期（应像 2022-03-14）。",
                     "en": "Row {row}: the return date \u201c{value}\u201d is not a date (write it like 2022-03-14)."},
    "row.too_long": {"zh": "第 {row} 行：{what}太长。", "en": "Row {row}: the {what} is too long."},
    "row.id_twice": {
            "zh": "第 {row} 行：身份证号 {value} 在第 {other} 行已出现，住址不同。",
            "en": "Row {row}: the ID number {value} already appears in row {other}, at another address.",
        },
    "row.id_elsewhere": {
            "zh": "第 {row} 行：身份证号 {value} 已登记在 {address}（{name}），与此行住址不同。",
            "en": "Row {row}: the ID number {value} is already registered at {address} ({name}), not at this row's address.",
        },
    "row.name_mismatch": {
            "zh": "第 {row} 行：身份证号 {value} 在工作簿中属于 {name}，与此行姓名不同。",
            "en": "Row {row}: the ID number {value} belongs to {name} in the book, not to this row's name.",
        },
})

# what a purged record keeps (store/office/purge.py)
MESSAGES.update({
    "purge.purged": {"zh": "（已按规定清除个人信息）", "en": "(personal details purged)"},
})

# the office report's headers and words (store/office/report_labels.py)
MESSAGES.update({
    "report.title_summary": {"zh": "社区日报 {on}（按网格员和网格）", "en": "Daily report {on} (by worker and grid)"},
    "report.title_line_list": {"zh": "居家隔离台账 {on}", "en": "Home quarantine line list {on}"},
    "report.title_conflicts": {"zh": "待处理的冲突", "en": "Conflicts to settle"},
    "report.sheet_summary": {"zh": "汇总", "en": "Summary"},
    "report.sheet_line_list": {"zh": "台账", "en": "Line list"},
    "report.sheet_conflicts": {"zh": "冲突", "en": "Conflicts"},
    "report.title_duplicates": {"zh": "可能重复的住户", "en": "Possible duplicate households"},
    "report.sheet_duplicates": {"zh": "疑似重复", "en": "Duplicates"},
    "report.group": {"zh": "组", "en": "Group"},
    "report.made_by": {"zh": "制表：{by}（{at}）", "en": "made by {by} ({at})"},
    "report.made_at": {"zh": "制表时间：{at}", "en": "made {at}"},
    "report.status": {"zh": "状态", "en": "Status"},
    "report.total": {"zh": "合计", "en": "Total"},
    "report.unassigned": {"zh": "未分配", "en": "unassigned"},
    "report.item": {"zh": "项目", "en": "Item"},
    "report.none": {"zh": "（无）", "en": "(none)"},
    "report.older_values": {"zh": "（另有 {count} 个较早的值未列出）", "en": "({count} older values not listed)"},
    # summary columns
    "report.worker": {"zh": "网格员编号", "en": "Worker id"},
    "report.worker_name": {"zh": "网格员", "en": "Worker"},
    "report.grid": {"zh": "网格", "en": "Grid"},
    "report.households": {"zh": "住户总数", "en": "Households"},
    "report.status_normal": {"zh": "正常", "en": "Normal"},
    "report.status_quarantine": {"zh": "居家隔离", "en": "In quarantine"},
    "report.status_monitoring": {"zh": "健康监测", "en": "Monitoring"},
    "report.status_released": {"zh": "已解除", "en": "Released"},
    "report.new_quarantines": {"zh": "新增隔离", "en": "New quarantines"},
    "report.released_today": {"zh": "今日解除", "en": "Released today"},
    "report.due_tomorrow": {"zh": "明日到期", "en": "Due tomorrow"},
    "report.tests_due": {"zh": "今日应检", "en": "Tests due"},
    "report.tests_done": {"zh": "今日已检", "en": "Tests done"},
    "report.tests_missed": {"zh": "漏检", "en": "Tests missed"},
    "report.errands_open": {"zh": "代买未完成", "en": "Errands open"},
    "report.errands_overdue": {"zh": "代买超时", "en": "Errands overdue"},
    "report.errands_delivered": {"zh": "今日送达", "en": "Delivered today"},
    "report.money_advanced": {"zh": "垫付金额(元)", "en": "Advanced (yuan)"},
    "report.money_outstanding": {"zh": "未还金额(元)", "en": "Not repaid (yuan)"},
    "report.log_control": {"zh": "日志·管控", "en": "Log: control"},
    "report.log_service": {"zh": "日志·服务", "en": "Log: service"},
    "report.log_publicity": {"zh": "日志·宣传", "en": "Log: publicity"},
    "report.log_screening": {"zh": "日志·排查", "en": "Log: screening"},
    "report.log_protection": {"zh": "日志·防护", "en": "Log: protection"},
    "report.open_needs": {"zh": "未问需求", "en": "Needs not asked"},
    # line list columns
    "report.address": {"zh": "地址", "en": "Address"},
    "report.name": {"zh": "姓名", "en": "Name"},
    "report.id_number": {"zh": "身份证号", "en": "ID number"},
    "report.phone": {"zh": "电话", "en": "Phone"},
    "report.origin": {"zh": "来源地", "en": "Came from"},
    "report.start": {"zh": "隔离开始", "en": "Start"},
    "report.end": {"zh": "解除日期", "en": "Release day"},
    "report.day": {"zh": "隔离天数", "en": "Day"},
    "report.tests": {"zh": "已检次数", "en": "Tests"},
    # conflict columns
    "report.table": {"zh": "类别", "en": "Kind"},
    "report.record": {"zh": "记录", "en": "Record"},
    "report.field": {"zh": "字段", "en": "Field"},
    "report.value": {"zh": "值", "en": "Value"},
    "report.written_by": {"zh": "录入人", "en": "Written by"},
    "report.written_at": {"zh": "录入时间", "en": "Written at"},
    "report.replica": {"zh": "来源副本", "en": "Copy"},
    "report.shown": {"zh": "当前显示", "en": "Shown"},
    "report.yes": {"zh": "是", "en": "yes"},
    "report.no": {"zh": "", "en": ""},
    "report.tbl_workers": {"zh": "网格员", "en": "worker"},
    "report.tbl_households": {"zh": "住户", "en": "household"},
    "report.tbl_quarantines": {"zh": "隔离", "en": "quarantine"},
    "report.tbl_checklist": {"zh": "管控事项", "en": "checklist item"},
    "report.tbl_tests": {"zh": "检测", "en": "test"},
    "report.tbl_errands": {"zh": "代买代送", "en": "errand"},
    "report.tbl_log": {"zh": "日志", "en": "log entry"},
    "report.title_places": {"zh": "场所（按状态）{on}", "en": "Places by state {on}"},
    "report.title_place_failures": {"zh": "排查未通过、尚未整改 {on}",
                                    "en": "Checks failed and not yet passed {on}"},
    "report.title_rounds": {"zh": "消杀与张贴 {on}（按楼栋）", "en": "Rounds {on} (by building)"},
    "report.sheet_places": {"zh": "场所", "en": "Places"},
    "report.sheet_place_failures": {"zh": "未整改", "en": "Failed checks"},
    "report.sheet_rounds": {"zh": "消杀张贴", "en": "Rounds"},
    "report.kind": {"zh": "类型", "en": "Kind"},
    "report.place_open": {"zh": "营业", "en": "Open"},
    "report.place_limited": {"zh": "限流", "en": "Limited"},
    "report.place_closed_management": {"zh": "封闭管理", "en": "Closed mgmt"},
    "report.place_closed": {"zh": "关停", "en": "Closed"},
    "report.places_total": {"zh": "合计", "en": "Total"},
    "report.place": {"zh": "场所", "en": "Place"},
    "report.check": {"zh": "检查项", "en": "Check"},
    "report.failed_on": {"zh": "发现日期", "en": "Failed on"},
    "report.days_open": {"zh": "未整改天数", "en": "Days open"},
    "report.note": {"zh": "情况", "en": "Note"},
    "report.area": {"zh": "区域", "en": "Area"},
    "report.units": {"zh": "单元/处", "en": "Units"},
    "report.disinfected": {"zh": "已消杀", "en": "Disinfected"},
    "report.not_disinfected": {"zh": "未消杀", "en": "Not yet"},
    "report.notices_open": {"zh": "待张贴", "en": "Notices to post"},
    "report.building_n": {"zh": "{building}栋", "en": "Building {building}"},
    "report.tbl_places": {"zh": "场所", "en": "place"},
    "report.tbl_inspections": {"zh": "排查", "en": "inspection"},
    "report.tbl_rounds": {"zh": "消杀张贴", "en": "round item"},
})

# printed on paper (store/printing): the printed forms of words, where they differ
MESSAGES.update({
    "paper.kind_test": {"zh": "核酸检测", "en": "Test"},
    "paper.kind_garbage": {"zh": "垃圾清运", "en": "Garbage"},
    "paper.kind_needs": {"zh": "询问需求", "en": "Needs"},
    "paper.kind_letter": {"zh": "送告知书", "en": "Letter"},
    "paper.kind_release": {"zh": "解除隔离", "en": "Release"},
    "paper.test_nucleic": {"zh": "核酸", "en": "nucleic"},
    "paper.party_employer": {"zh": "工作单位", "en": "Employer"},
    "paper.status_quarantine": {"zh": "居家隔离", "en": "home quarantine"},
    "paper.status_monitoring": {"zh": "健康监测", "en": "health monitoring"},
    "paper.record_title": {"zh": "五位一体管控记录", "en": "Five-in-one control record"},
    "paper.record_section": {"zh": "管控记录 {name}", "en": "Control record {name}"},
    "paper.letter_section": {"zh": "告知书 {address}", "en": "Letter {address}"},
    "paper.round_title": {"zh": "入户工作单 {on}", "en": "Door-to-door round {on}"},
    "paper.round_section": {"zh": "入户工作单 {on}", "en": "Round {on}"},
    "paper.report_section": {"zh": "社区日报 {on}", "en": "Daily report {on}"},
    "paper.person": {"zh": "人员信息", "en": "The person"},
    "paper.name": {"zh": "姓名", "en": "Name"},
    "paper.id_number": {"zh": "身份证号", "en": "ID number"},
    "paper.phone": {"zh": "联系电话", "en": "Phone"},
    "paper.origin": {"zh": "来源地", "en": "Came from"},
    "paper.address": {"zh": "住址", "en": "Address"},
    "paper.household": {"zh": "同住人员", "en": "Lives with"},
    "paper.worker": {"zh": "网格员", "en": "Grid worker"},
    "paper.worker_phone": {"zh": "网格员电话", "en": "Worker tel."},
    "paper.grid": {"zh": "社区网格", "en": "Grid"},
    "paper.status": {"zh": "当前状态", "en": "Status"},
    "paper.parties": {"zh": "五位一体包保责任人", "en": "The five responsible parties"},
    "paper.role": {"zh": "包保方", "en": "Party"},
    "paper.who": {"zh": "单位 / 责任人", "en": "Office / person"},
    "paper.sign": {"zh": "签字", "en": "Signature"},
    "paper.period": {"zh": "隔离期", "en": "Quarantine period"},
    "paper.start": {"zh": "隔离开始", "en": "Start"},
    "paper.end": {"zh": "解除日期", "en": "Release day"},
    "paper.length": {"zh": "隔离天数", "en": "Days"},
    "paper.released": {"zh": "实际解除", "en": "Released on"},
    "paper.not_yet": {"zh": "未解除", "en": "not yet"},
    "paper.changes": {"zh": "隔离期变更：", "en": "Changes to the period: "},
    "paper.changed_on": {"zh": "变更日期", "en": "Changed on"},
    "paper.old_end": {"zh": "原解除日期", "en": "Old release day"},
    "paper.new_end": {"zh": "新解除日期", "en": "New release day"},
    "paper.reason": {"zh": "原因", "en": "Reason"},
    "paper.no_changes": {"zh": "无变更。", "en": "No changes."},
    "paper.tests": {"zh": "核酸检测计划与结果", "en": "Test plan and results"},
    "paper.day_n": {"zh": "第{n}天", "en": "day {n}"},
    "paper.day": {"zh": "天数", "en": "Day"},
    "paper.date": {"zh": "日期", "en": "Date"},
    "paper.kind": {"zh": "检测方式", "en": "Kind"},
    "paper.result": {"zh": "结果", "en": "Result"},
    "paper.plan": {"zh": "类别", "en": "Plan"},
    "paper.planned": {"zh": "计划", "en": "planned"},
    "paper.extra": {"zh": "计划外", "en": "extra"},
    "paper.daily": {"zh": "每日管控记录（每天勾选并签字）", "en": "Daily checklist (tick and sign each day)"},
    "paper.other": {"zh": "其他情况", "en": "Other"},
    "paper.worker_sign": {"zh": "网格员签字", "en": "Worker signs"},
    "paper.resident_sign": {"zh": "居民签字", "en": "Resident signs"},
    "paper.legend": {"zh": "□ 待办　✓ 已在系统中记录完成　空白 当天无此项", "en": "□ to do   ✓ recorded done   blank: not due that day"},
    "paper.made": {"zh": "打印：{at}", "en": "printed {at}"},
    "paper.no": {"zh": "序号", "en": "No."},
    "paper.head": {"zh": "户主", "en": "Head"},
    "paper.errands": {"zh": "代买代送（送达打勾）", "en": "Errands to deliver (tick)"},
    "paper.notes": {"zh": "备注 / 签字", "en": "Notes / signature"},
    "paper.round_counts": {"zh": "共 {households} 户；检测 {tests} 户；代买代送 {errands} 件；预计解除 {releases} 户。",
                           "en": "{households} households; {tests} tests; {errands} errands; {releases} releases."},
    "paper.advanced": {"zh": "垫付 {yuan} 元", "en": "advanced {yuan} yuan"},
    "paper.overdue": {"zh": "已超时", "en": "overdue"},
    "paper.nothing_today": {"zh": "（这一天没有需要入户的事项）", "en": "(nothing to do at the door this day)"},
    "paper.errand_to_buy": {"zh": "待购买", "en": "to buy"},
    "paper.masked_note": {"zh": "身份证号和电话已部分隐藏；需要完整号码请加 --full。",
                          "en": "ID and phone numbers are partly hidden; add --full for the whole numbers."},
})


def word(key: str, /, **params: object) -> str:
    """The store's word or sentence `key` in the current language."""
    from store.lang import pick

    return pick(MESSAGES, key, **params)
