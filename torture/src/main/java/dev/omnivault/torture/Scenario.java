package dev.omnivault.torture;

import java.util.List;

/** One bounded scenario: it starts its own daemon(s) in its own home and stops them before returning. */
interface Scenario {

    String name();

    List<Figure> run(Workbench bench) throws Exception;
}
