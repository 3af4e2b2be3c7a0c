/**
 * The one check model of every step that checks something: a {@link io.aiops.catalog.step.check.Finding} per
 * outcome, a {@link io.aiops.catalog.step.check.CheckReport} of them, and its verdict, the worst
 * {@link io.aiops.catalog.step.check.Status} (SKIP &lt; PASS &lt; WARN &lt; ERROR &lt; FAIL), to exit code:
 * 0 for SKIP/PASS/WARN, 4 for ERROR, 3 for FAIL (also when ERRORs are beside it). No step orders statuses itself.
 */
package io.aiops.catalog.step.check;
