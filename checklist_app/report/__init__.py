"""Self-assessment report (自查报告) as PDF (reportlab) and Word (python-docx)."""
