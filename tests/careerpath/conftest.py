from tests import attack_log

SHOWN_DETAILS = 4


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say what the attack suite tried (only the areas the run reached)."""
    if not attack_log.tried:
        return
    terminalreporter.section("attack suite: what was tried")
    for area, count in attack_log.tried.items():
        terminalreporter.write_line(f"{area}: {count}")
        details = attack_log.details[area]
        for detail in details[:SHOWN_DETAILS]:
            terminalreporter.write_line(f"    {detail}")
        if len(details) > SHOWN_DETAILS:
            terminalreporter.write_line(f"    … and {len(details) - SHOWN_DETAILS} more")
