"""Policy text and .docx files to core documents; the checklists/ file format."""
