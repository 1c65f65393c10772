"""Settings for the test suite and type checking: config.settings with DOORSTEP_TESTING on."""

import os

os.environ["DOORSTEP_TESTING"] = "1"

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
AXES_ENABLED = True
