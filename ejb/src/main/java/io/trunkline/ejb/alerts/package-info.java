/**
 * Alerts: the analysts' threshold table (rulebook {@code alerts}) judged on every subject's latest window, trunk
 * state and traffic; one open alert per title and subject, updated while its row holds, closed when it no longer
 * does, escalated when nobody acknowledged it in time; sent by e-mail and webhook, each delivery recorded.
 */
package io.trunkline.ejb.alerts;
