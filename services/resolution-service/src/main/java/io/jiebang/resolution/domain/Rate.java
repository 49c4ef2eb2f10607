package io.jiebang.resolution.domain;

/** A rate with its numerator and denominator; the value is null when there is nothing to count. */
public record Rate(int numerator, int denominator, Double value) {

    public static Rate of(int numerator, int denominator) {
        return new Rate(numerator, denominator, denominator == 0 ? null : Math.round(10_000.0 * numerator / denominator) / 10_000.0);
    }
}
