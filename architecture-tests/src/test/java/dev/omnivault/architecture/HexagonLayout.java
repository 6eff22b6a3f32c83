package dev.omnivault.architecture;

/**
 * Where each ring of the hexagon lives, under one root package. The rules are written against a
 * layout so they can be run on the product ({@code dev.omnivault}) and on the deliberately
 * broken samples that prove each rule bites.
 */
record HexagonLayout(String root) {

    static final HexagonLayout PRODUCT = new HexagonLayout("dev.omnivault");

    String domain() {
        return root + ".domain";
    }

    String application() {
        return root + ".application";
    }

    String portIn() {
        return application() + ".port.in";
    }

    String portOut() {
        return application() + ".port.out";
    }

    String service() {
        return application() + ".service";
    }

    String adapters() {
        return root + ".adapter";
    }

    /** The sealing layer: every piece of vault cryptography, a library the stores read. */
    String seal() {
        return adapters() + ".seal";
    }

    /** The store adapters, which keep bytes they cannot read. */
    String stores() {
        return adapters() + ".storage";
    }

    String bootstrap() {
        return root + ".bootstrap";
    }

    static String tree(String pkg) {
        return pkg + "..";
    }
}
