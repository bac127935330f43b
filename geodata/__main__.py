from frontline.cli import run_cli
from geodata.cli import PROG, main

run_cli(PROG, main)
