# Stand-in: setup_finetune.py checks only that this file exists.
