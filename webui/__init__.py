"""The web chat's pieces: safe rendering (``render``), the source viewer (``viewer``), the callbacks that call
``guide/`` (``callbacks``) and the Gradio layout (``ui``). Only ``ui`` imports Gradio."""
