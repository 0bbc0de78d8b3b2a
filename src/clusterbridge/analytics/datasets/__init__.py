"""Regional statistics kept in the database: named datasets that mapping pages and reports read.

The mapping core (:mod:`clusterbridge.analytics.mapping`) is pure; this package stores its
input so agencies load a file once and every page and report reuses it.
"""
