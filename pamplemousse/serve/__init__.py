"""`pmp serve`: the workspace's missions live in the browser, on this computer.

app.py (the Starlette routes), pages.py (each page as HTML, rendered by the path
of `pmp render`), forms.py (the journal's forms, appended by the path of
`pmp log`), live.py (file watching, server-sent events), safety.py (Host,
cross-site and path checks), server.py (Uvicorn). Starlette, Uvicorn and
watchfiles are imported only here, so `pmp --help` stays light.

This layer sits above write/ (it appends through write.journal) and below cli/.
"""
