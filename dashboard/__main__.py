from dashboard.cli import PROG, main
from frontline.cli import run_cli

run_cli(PROG, main)
