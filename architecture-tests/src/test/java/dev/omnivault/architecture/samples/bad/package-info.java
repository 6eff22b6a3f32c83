/**
 * A small hexagon that breaks every architecture rule on purpose (test sources only), so each
 * rule is shown to report what it exists to catch.
 */
package dev.omnivault.architecture.samples.bad;
