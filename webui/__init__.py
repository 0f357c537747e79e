"""The web chat: ``callbacks`` (plain Python over guide/, no Gradio, unit-testable) and ``ui`` (the Gradio layout;
the only module that imports Gradio). Rendering lives in guide/render."""
