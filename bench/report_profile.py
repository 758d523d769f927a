"""The report's profile section: where a cold article page spends its time."""

from bench.databases import LABELS
from bench.profile_summary import WAITING, Profile
from bench.results import Results

TOP_PACKAGES = 10


def profiles(results: Results) -> list[str]:
    found = [(run.database, run.profile) for run in results.databases if run.profile]
    if not found:
        return []
    lines = [
        "## Where a cold article page spends its time",
        "",
        "pyinstrument (0.5 ms interval, async mode) around the app in process, response cache "
        "off, pinned to core 0, one request after another, called straight through ASGI "
        "(no HTTP server or client in the profile); shares are of the wall time. "
        f"`{WAITING}` is time the request's task spent suspended in an `await`: waiting for "
        "the database driver (aiosqlite's thread, PostgreSQL's socket) or other I/O; a low CPU "
        "share means the process also waited for its core.",
        "",
    ]
    for database, profile in found:
        lines += _profile(LABELS[database], profile)
    return lines


def _profile(database: str, profile: Profile) -> list[str]:
    lines = [
        f"### {database}",
        "",
        f"{profile.requests} requests in {profile.seconds:.1f} s: "
        f"**{profile.ms_per_request:.1f} ms per request** in process, "
        f"{profile.cpu_seconds / profile.seconds:.0%} of it on the CPU; {profile.samples} samples.",
        "",
        "| package (self time) | share |",
        "| --- | ---: |",
    ]
    lines += [f"| {name} | {share:.1%} |" for name, share in profile.packages[:TOP_PACKAGES]]
    lines += ["", "| function (self time) | where | share |", "| --- | --- | ---: |"]
    lines += [f"| `{name}` | {where} | {share:.1%} |" for name, where, share in profile.functions]
    lines += [
        "",
        "<details><summary>Call tree (frames of 2 % or more)</summary>",
        "",
        "```text",
        *profile.tree,
        "```",
        "",
        "</details>",
        "",
    ]
    return lines
