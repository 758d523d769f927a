"""Waiting in tests for something another task or process does."""

import asyncio


async def until(condition) -> None:
    for _ in range(500):  # ten seconds
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not reached in time")
