"""Rendering, apart from the data it renders: plain text (the CLI), Markdown (answers in the chat) and HTML (the web
app's panels), each in one place. Nothing here reads the index except the source viewer, which reads a file's lines
through ``GuideIndex.file_lines``."""
