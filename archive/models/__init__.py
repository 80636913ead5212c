"""The archive's models: deposited originals, their fixity checks and their derivatives."""

from .derivative import Derivative
from .fixity_check import FixityCheck
from .media_file import MediaFile

__all__ = ["Derivative", "FixityCheck", "MediaFile"]
