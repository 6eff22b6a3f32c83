package dev.omnivault.torture;

/** One line of the table: what was measured, its value, the goal, and whether it holds. */
record Figure(String scenario, String name, String value, String goal, Verdict verdict) {

    enum Verdict {
        OK,
        FAIL,
        INFO,
        SKIPPED
    }

    static Figure check(String scenario, String name, long value, String goal, boolean holds) {
        return new Figure(scenario, name, Long.toString(value), goal, holds ? Verdict.OK : Verdict.FAIL);
    }

    static Figure zero(String scenario, String name, long value) {
        return check(scenario, name, value, "0", value == 0);
    }

    static Figure info(String scenario, String name, String value) {
        return new Figure(scenario, name, value, "", Verdict.INFO);
    }

    static Figure skipped(String scenario, String why) {
        return new Figure(scenario, "SKIPPED", why, "", Verdict.SKIPPED);
    }
}
