"""What `gridbook import`, `key`, `sync` and `collect` print, in Chinese and English."""

from __future__ import annotations

EXCHANGE_OUT: dict[str, dict[str, str]] = {
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
        "en": "{new_h} new households and {new_p} new people; {old_h} households and {old_p} people already there; {changes} changes.",
    },
    "import_new_workers": {"zh": "新登记的网格员：{workers}", "en": "Workers added: {workers}"},
    "import_change": {"zh": "  {address} {who}：{field} {old} → {new}",
                      "en": "  {address} {who}: {field} {old} -> {new}"},
    "import_more": {"zh": "  ……另有 {count} 处", "en": "  ... and {count} more"},
    "import_dry": {"zh": "试运行：没有写入任何内容。", "en": "Dry run: nothing was written."},
    "import_wrote": {"zh": "已写入 {path}。", "en": "Wrote {path}."},
    "import_nothing": {"zh": "{path} 中已经都有，没有改动。", "en": "{path} already holds all of it; nothing changed."},
    "import_created": {"zh": "{path} 不存在，已新建为社区汇总文件。",
                       "en": "{path} did not exist; it was made as a new community file."},
    "field_people": {"zh": "居民", "en": "person"},
    "field_note": {"zh": "备注", "en": "note"},
    "field_worker": {"zh": "网格员", "en": "worker"},
    "field_origin": {"zh": "来源地", "en": "origin"},
    "field_returnee": {"zh": "返回人员", "en": "returnee"},
    "field_phone": {"zh": "电话", "en": "phone"},
    "field_id_number": {"zh": "身份证号", "en": "ID number"},
}
