"""Tests of diagnostics and individual routes."""


def diagnostics_form_data(diagnostics=None, *, deficits: tuple[dict, ...] = (), **fields) -> dict:
    """POST data of the diagnostics page: the main form, the saved deficits as they are, then `deficits` as new rows."""
    data = {
        "date": diagnostics.date.isoformat() if diagnostics else "2025-10-15",
        "provider": diagnostics.provider if diagnostics else "cnppm",
        "competence_areas": list(diagnostics.competence_areas) if diagnostics else ["subject", "methodical"],
        "notes": diagnostics.notes if diagnostics else "",
    }
    saved = list(diagnostics.deficits.all()) if diagnostics else []
    for index, deficit in enumerate(saved):
        data.update({
            f"deficits-{index}-id": deficit.pk, f"deficits-{index}-diagnostics": diagnostics.pk,
            f"deficits-{index}-area": deficit.area, f"deficits-{index}-title": deficit.title,
            f"deficits-{index}-severity": deficit.severity, f"deficits-{index}-description": deficit.description,
        })
    for index, row in enumerate(deficits, start=len(saved)):
        data.update({f"deficits-{index}-{name}": value for name, value in row.items()})
    data.update({
        "deficits-TOTAL_FORMS": len(saved) + len(deficits), "deficits-INITIAL_FORMS": len(saved),
        "deficits-MIN_NUM_FORMS": 0, "deficits-MAX_NUM_FORMS": 1000,
    })
    data.update(fields)
    return data
