"""The sentences of the roster import and the encrypted exchange (key, sync, collect)."""

from __future__ import annotations

EXCHANGE_MESSAGES: dict[str, dict[str, str]] = {
    "import_too_big": {"zh": "{path} 太大，不像是一份花名册。",
                       "en": "{path} is too large to be a roster."},
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
    "sync_write_failed": {"zh": "无法写入 {path}：{reason}。工作簿没有改动。",
                          "en": "Could not write to {path}: {reason}. The book is unchanged."},
    "exchange_truncated": {
        "zh": "{path} 不完整或已损坏（可能在写入时拔出了 U 盘），已拒绝使用；请重新同步一次。",
        "en": "{path} is incomplete or damaged (perhaps the stick was pulled out while it was written); it was refused. Please sync again.",
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
}
