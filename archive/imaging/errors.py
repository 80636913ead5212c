"""Exception classes for derivative generation, split into permanent and transient failures."""

from __future__ import annotations

import errno
import os
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image

# errno values that describe the machine's state rather than the file's content: retrying later
# (after space is freed, the mount comes back, the load drops) can succeed. ENOENT, EACCES,
# EPERM and EROFS are here too: a vanished original or a read-only/misconfigured mount is an
# operator's problem that is fixed without touching the file, so it must not be recorded as a
# permanent verdict on the file.
_TRANSIENT_ERRNOS = frozenset(
    code
    for code in (
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EIO,
        errno.EAGAIN,
        errno.EBUSY,
        errno.EINTR,
        errno.ENOMEM,
        errno.EMFILE,
        errno.ENFILE,
        errno.ESTALE,
        errno.ETIMEDOUT,
        errno.EROFS,
        errno.EACCES,
        errno.EPERM,
        errno.ENOENT,
    )
    if code is not None  # (all exist on Linux; the guard is for exotic platforms)
)


class ImagingError(Exception):
    """Base class of every error raised by archive.imaging; ``retryable`` tells the caller what to do."""

    retryable: bool = False

    def __init__(self, message: str, *, path: str | os.PathLike[str] | None = None) -> None:
        self.path = os.fspath(path) if path is not None else None
        self.message = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


class PermanentError(ImagingError):
    """The file itself is the problem: retrying gives the same result, so never retry."""

    retryable = False


class UnsupportedFormatError(PermanentError):
    """The content is not a format we make derivatives of (sniffed from bytes, not the name)."""


class CorruptFileError(PermanentError):
    """The file claims a supported format but cannot be decoded."""


class TruncatedFileError(CorruptFileError):
    """The file ends before its image data does (an interrupted upload or copy)."""


class DecompressionBombError(PermanentError):
    """The declared pixel count exceeds the configured limit; nothing was decoded."""

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        pixels: int | None = None,
        limit: int | None = None,
    ) -> None:
        self.pixels = pixels
        self.limit = limit
        super().__init__(message, path=path)


class EncryptedDocumentError(PermanentError):
    """A PDF that needs a password we do not have."""


class TransientError(ImagingError):
    """The environment failed (disk full, I/O error, storage unavailable): retry later."""

    retryable = True

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        errno_: int | None = None,
    ) -> None:
        self.errno = errno_
        super().__init__(message, path=path)


def is_transient_os_error(exc: BaseException) -> bool:
    """True for an OSError raised by the operating system for a reason outside the file's bytes."""
    # Pillow reports decoder failures as OSError without an errno; only real system calls set one.
    return isinstance(exc, OSError) and exc.errno in _TRANSIENT_ERRNOS


def transient_from_os_error(exc: OSError, path: str | os.PathLike[str] | None) -> TransientError:
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    target = exc.filename if exc.filename else path
    return TransientError(f"system error ({reason}); retry later", path=target, errno_=exc.errno)


@contextmanager
def decoding_errors(path: str | os.PathLike[str], what: str = "image") -> Iterator[None]:
    """Translate whatever a decoder raises into our permanent/transient classes.

    Decoders signal bad data with a zoo of exception types (OSError without errno, SyntaxError,
    ValueError, struct.error, EOFError, zlib.error...). All of those mean the bytes are bad, so
    they become permanent; only OS-level failures with an errno are transient.
    """
    try:
        yield
    except ImagingError:
        raise
    except Image.DecompressionBombError as exc:
        raise DecompressionBombError(str(exc), path=path) from exc
    except MemoryError as exc:
        # Inputs are size-checked against the pixel limit before decoding, so running out of
        # memory means the worker is overloaded, not that the file is hostile.
        raise TransientError(f"out of memory while decoding the {what}", path=path) from exc
    except EOFError as exc:
        raise TruncatedFileError(
            f"truncated {what}: the file ends before its data does ({exc or 'EOF'})", path=path
        ) from exc
    except OSError as exc:
        if is_transient_os_error(exc):
            raise transient_from_os_error(exc, path) from exc
        if exc.errno is not None:
            # EISDIR, ENAMETOOLONG...: the caller passed a bad path; that is a bug, not a file
            # problem, so it must stay visible as itself.
            raise
        text = str(exc)
        if "truncated" in text.lower():
            raise TruncatedFileError(
                f"truncated {what}: the file ends before its data does ({text})", path=path
            ) from exc
        raise CorruptFileError(f"corrupt {what}: {text or type(exc).__name__}", path=path) from exc
    except (
        SyntaxError,
        ValueError,
        TypeError,
        IndexError,
        KeyError,
        struct.error,
        zlib.error,
    ) as exc:
        text = str(exc) or type(exc).__name__
        raise CorruptFileError(f"corrupt {what}: {text}", path=path) from exc


@contextmanager
def writing_errors(path: str | os.PathLike[str]) -> Iterator[None]:
    """Map failures while writing outputs: any OS error there is the machine's, hence transient."""
    try:
        yield
    except ImagingError:
        raise
    except OSError as exc:
        if exc.errno is None:
            # An encoder error (Pillow raises OSError without errno) is a bug in our parameters,
            # not the environment; let it surface as is.
            raise
        raise transient_from_os_error(exc, path) from exc
