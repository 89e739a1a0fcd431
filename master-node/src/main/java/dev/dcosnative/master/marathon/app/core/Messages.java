package dev.dcosnative.master.marathon.app.core;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Marathon's generic validation wording (the Accord validators behind {@code api/v2/Validation.scala}), so that a
 * bound reads {@code got -3.0, expected 0.0 or more} here as it does upstream. Numbers print as Java prints them,
 * which is how Scala prints them: an int bound as {@code 0}, a double bound as {@code 0.0}.
 */
final class Messages {

    static final String NOT_EMPTY = "must not be empty";
    static final String MUST_BE_EMPTY = "must be empty";
    static final String NOT_DEFINED = "not defined";

    private Messages() {
    }

    static String atLeast(Object got, Object bound) {
        return "got " + got + ", expected " + bound + " or more";
    }

    static String atMost(Object got, Object bound) {
        return "got " + got + ", expected " + bound + " or less";
    }

    static String lessThan(Object got, Object bound) {
        return "got " + got + ", expected less than " + bound;
    }

    static String between(Object got, Object lower, Object upper) {
        return "got " + got + ", expected between " + lower + " and " + upper;
    }

    static String equalTo(Object got, Object expected) {
        return "got " + got + ", expected " + expected;
    }

    static String notOneOf(Collection<String> options) {
        return "is not one of (" + String.join(",", options) + ")";
    }

    static String fullyMatch(Pattern pattern) {
        return "must fully match regular expression '" + pattern.pattern() + "'";
    }

    /** A duration in seconds as Scala's {@code FiniteDuration} prints it: {@code 1 second}, {@code 300 seconds}. */
    static String seconds(long seconds) {
        return seconds + (seconds == 1 ? " second" : " seconds");
    }
}
