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
    "bad_date": {"zh": "{value} 不是日期，请写成 2022-03-14 的形式。",
                 "en": "{value} is not a date; write it like 2022-03-14."},
    "usage": {"zh": "命令用法有误：{problem}", "en": "The command is not right: {problem}"},
}
