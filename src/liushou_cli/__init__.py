"""liushou: care-programme records for left-behind children (留守儿童关爱帮扶)."""

__version__ = "0.1.0"
