import os
os.chmod('profiles/etc/secrets.cfg', 0o600)
