/**
 * Runnable benchmarks. Each prints rows for docs/benchmarks.md in the form
 * {@code | id | value | unit | date | command |}. They are programs, not tests: the test build never runs them.
 */
package io.chainwatch.benchmarks;
