from pmo_path.cli import run

run()
