"""Where articles come from over the network: the feeds to follow and the items of a feed
answer (``feedlist``), and a polite HTTP client (``http``).

Nothing here stores or codes anything; ``dateline.engines.watch`` drives a watch run.
"""
