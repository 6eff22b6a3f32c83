/** A small hexagon that keeps every architecture rule, so the rules are shown not to cry wolf. */
package dev.omnivault.architecture.samples.good;
