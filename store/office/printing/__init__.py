"""Paper: the control record booklet, the letter, the round sheet and the report as PDF.

Made with fpdf2 on the worker's or the office's machine, with no network, using a Chinese
font found on the machine (`store.office.printing.fonts`). Pure store code: no textual, no rich;
fpdf2 is imported only when something is printed.
"""
