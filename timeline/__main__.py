from frontline.cli import run_cli
from timeline.cli import PROG, main

run_cli(PROG, main)
