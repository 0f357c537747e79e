"""Errors of the answering models, apart so that the providers and the local model share them without a cycle."""

from __future__ import annotations


class LLMConfigError(ValueError):
    """An unusable model setting; the message lists the valid ones or the install command."""


class LocalLLMError(LLMConfigError):
    """The local model cannot be used; the message says how to install or repair it."""


class ModelVerificationError(LocalLLMError):
    """The model file is not the expected one (size or SHA-256)."""


__all__ = ["LLMConfigError", "LocalLLMError", "ModelVerificationError"]
