"""`python -m clusterbridge` runs the command line, like the `clusterbridge` script."""

from clusterbridge.cli.main import main

main()
