"""Browser tests: JupyterLab from the Binder rehearsal, driven in Debian's Chromium."""
