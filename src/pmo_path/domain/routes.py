"""Routes through the role graph (each role's `next` list is an edge)."""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Mapping

from ..errors import NoRouteError
from .model import Framework


def fewest_steps(framework: Framework, start: str, goal: str) -> list[str]:
    """The shortest route, ties broken by the order of each role's `next`."""
    framework.role(start, "from"), framework.role(goal, "to")
    came_from: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        if here == goal:
            return _walk_back(came_from, goal)
        for there in framework.roles[here].next:
            if there not in came_from:
                came_from[there] = here
                queue.append(there)
    raise _no_route(framework, start, goal)


def step_cost(framework: Framework, role_id: str, levels: Mapping[str, int]) -> int:
    """The new growth a role asks of this person: sum of weighted gaps."""
    return sum(r.weight * max(0, r.level - levels.get(r.competency, 0)) for r in framework.roles[role_id].requirements)


def personal_route(framework: Framework, start: str, goal: str, levels: Mapping[str, int]) -> list[str]:
    """The route whose steps ask the least growth of this person.

    Cost is the sum over the roles entered of their weighted gaps; equal cost
    goes to fewer steps, then to framework order. Dijkstra, costs are >= 0.
    """
    framework.role(start, "from"), framework.role(goal, "to")
    index = {role_id: i for i, role_id in enumerate(framework.roles)}
    best: dict[str, tuple[int, int]] = {start: (0, 0)}
    heap: list[tuple[int, int, tuple[int, ...], str]] = [(0, 0, (index[start],), start)]
    while heap:
        cost, steps, trail, here = heapq.heappop(heap)
        if here == goal:
            roles = list(framework.roles)
            return [roles[i] for i in trail]
        if best.get(here, (cost, steps)) < (cost, steps):
            continue
        for there in framework.roles[here].next:
            candidate = (cost + step_cost(framework, there, levels), steps + 1)
            if there not in best or candidate < best[there]:
                best[there] = candidate
                heapq.heappush(heap, (*candidate, trail + (index[there],), there))
    raise _no_route(framework, start, goal)


def _walk_back(came_from: dict[str, str | None], goal: str) -> list[str]:
    route = [goal]
    while (previous := came_from[route[-1]]) is not None:
        route.append(previous)
    return route[::-1]


def _no_route(framework: Framework, start: str, goal: str) -> NoRouteError:
    return NoRouteError(start, goal)
