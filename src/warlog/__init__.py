"""warlog: news reports about armed conflict in, verified and geolocated ACLED-style events out."""

__version__ = "0.1.0"
