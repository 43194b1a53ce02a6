"""briefgen: curated facts → one Brief model → right-to-left-correct PDF and DOCX."""


def __getattr__(name: str) -> str:
    """`__version__` on first use: importlib.metadata costs a tenth of a second at every start."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("briefgen")
        except PackageNotFoundError:  # running from a source tree without installation
            value = "0.0.0+src"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
