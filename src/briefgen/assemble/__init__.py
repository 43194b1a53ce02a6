"""Assembly: curated facts + section templates → one format-neutral Brief."""

from .build import assemble, default_templates_dir
from .specs import BriefSpec, briefs_style, default_specs

__all__ = ["BriefSpec", "assemble", "briefs_style", "default_specs", "default_templates_dir"]
