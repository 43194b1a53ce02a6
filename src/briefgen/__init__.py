"""briefgen: curated facts → one Brief model → right-to-left-correct PDF and DOCX."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("briefgen")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+src"
