"""travelban: find travel by UN-sanctioned people in news and judge it against UN travel bans."""

__version__ = "0.1.0"
