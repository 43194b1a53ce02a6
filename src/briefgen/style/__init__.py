"""The house style both writers read (see sheet.py and house.yaml)."""

from .sheet import HOUSE_STYLE, Role, Style, house_style, load_style, rgb, style_yaml

__all__ = ["HOUSE_STYLE", "Role", "Style", "house_style", "load_style", "rgb", "style_yaml"]
