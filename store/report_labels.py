"""Column headers and words of the office report, in Chinese and English."""

from __future__ import annotations

from store.lang import pick

LABELS: dict[str, dict[str, str]] = {
    # sections
    "title_summary": {"zh": "社区日报 {on}（按网格员和网格）", "en": "Daily report {on} (by worker and grid)"},
    "title_line_list": {"zh": "居家隔离台账 {on}", "en": "Home quarantine line list {on}"},
    "title_conflicts": {"zh": "待处理的冲突", "en": "Conflicts to settle"},
    "sheet_summary": {"zh": "汇总", "en": "Summary"},
    "sheet_line_list": {"zh": "台账", "en": "Line list"},
    "sheet_conflicts": {"zh": "冲突", "en": "Conflicts"},
    "title_duplicates": {"zh": "可能重复的住户", "en": "Possible duplicate households"},
    "sheet_duplicates": {"zh": "疑似重复", "en": "Duplicates"},
    "group": {"zh": "组", "en": "Group"},
    "made_by": {"zh": "制表：{by}（{at}）", "en": "made by {by} ({at})"},
    "made_at": {"zh": "制表时间：{at}", "en": "made {at}"},
    "status": {"zh": "状态", "en": "Status"},
    "total": {"zh": "合计", "en": "Total"},
    "unassigned": {"zh": "未分配", "en": "unassigned"},
    "item": {"zh": "项目", "en": "Item"},
    "none": {"zh": "（无）", "en": "(none)"},
    # summary columns
    "worker": {"zh": "网格员编号", "en": "Worker id"},
    "worker_name": {"zh": "网格员", "en": "Worker"},
    "grid": {"zh": "网格", "en": "Grid"},
    "households": {"zh": "住户总数", "en": "Households"},
    "status_normal": {"zh": "正常", "en": "Normal"},
    "status_quarantine": {"zh": "居家隔离", "en": "In quarantine"},
    "status_monitoring": {"zh": "健康监测", "en": "Monitoring"},
    "status_released": {"zh": "已解除", "en": "Released"},
    "new_quarantines": {"zh": "新增隔离", "en": "New quarantines"},
    "released_today": {"zh": "今日解除", "en": "Released today"},
    "due_tomorrow": {"zh": "明日到期", "en": "Due tomorrow"},
    "tests_due": {"zh": "今日应检", "en": "Tests due"},
    "tests_done": {"zh": "今日已检", "en": "Tests done"},
    "tests_missed": {"zh": "漏检", "en": "Tests missed"},
    "errands_open": {"zh": "代买未完成", "en": "Errands open"},
    "errands_overdue": {"zh": "代买超时", "en": "Errands overdue"},
    "errands_delivered": {"zh": "今日送达", "en": "Delivered today"},
    "money_advanced": {"zh": "垫付金额(元)", "en": "Advanced (yuan)"},
    "money_outstanding": {"zh": "未还金额(元)", "en": "Not repaid (yuan)"},
    "log_control": {"zh": "日志·管控", "en": "Log: control"},
    "log_service": {"zh": "日志·服务", "en": "Log: service"},
    "log_publicity": {"zh": "日志·宣传", "en": "Log: publicity"},
    "log_screening": {"zh": "日志·排查", "en": "Log: screening"},
    "log_protection": {"zh": "日志·防护", "en": "Log: protection"},
    "open_needs": {"zh": "未问需求", "en": "Needs not asked"},
    # line list columns
    "address": {"zh": "地址", "en": "Address"},
    "name": {"zh": "姓名", "en": "Name"},
    "id_number": {"zh": "身份证号", "en": "ID number"},
    "phone": {"zh": "电话", "en": "Phone"},
    "origin": {"zh": "来源地", "en": "Came from"},
    "start": {"zh": "隔离开始", "en": "Start"},
    "end": {"zh": "解除日期", "en": "Release day"},
    "day": {"zh": "隔离天数", "en": "Day"},
    "tests": {"zh": "已检次数", "en": "Tests"},
    # conflict columns
    "table": {"zh": "类别", "en": "Kind"},
    "record": {"zh": "记录", "en": "Record"},
    "field": {"zh": "字段", "en": "Field"},
    "value": {"zh": "值", "en": "Value"},
    "written_by": {"zh": "录入人", "en": "Written by"},
    "written_at": {"zh": "录入时间", "en": "Written at"},
    "replica": {"zh": "来源副本", "en": "Copy"},
    "shown": {"zh": "当前显示", "en": "Shown"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "", "en": ""},
    "tbl_workers": {"zh": "网格员", "en": "worker"},
    "tbl_households": {"zh": "住户", "en": "household"},
    "tbl_quarantines": {"zh": "隔离", "en": "quarantine"},
    "tbl_checklist": {"zh": "管控事项", "en": "checklist item"},
    "tbl_tests": {"zh": "检测", "en": "test"},
    "tbl_errands": {"zh": "代买代送", "en": "errand"},
    "tbl_log": {"zh": "日志", "en": "log entry"},
}


def label(key: str, **params: object) -> str:
    """A header or word in the current language (the key itself when unknown)."""
    return pick(LABELS, key, **params) if key in LABELS else key
