"""Cluster mapping: location quotients, strong clusters, stars and relatedness.

Pure numpy code with typed inputs and outputs (:mod:`.types`); no database imports.
"""
