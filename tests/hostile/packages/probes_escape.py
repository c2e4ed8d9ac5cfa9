

@probe(group="escape", budget_seconds=10.0)
def escape(ctx: ProbeContext) -> dict[str, object]:
    return {"at_import": _AT_IMPORT, "in_probe": _escape()}
