"""OpenCC needs only its conversion configs and dictionaries at run time.

Replaces the contrib hook, which collects the whole package data: C++ headers, static
libraries and command-line tools (about 5 MB the app never uses).
"""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("opencc", includes=["clib/share/opencc/*.json",
                                               "clib/share/opencc/*.ocd2"])
