/** The REST API (JAX-RS, one resource per context) and the UI pages; no logic beyond parsing and delegating. */
package io.trunkline.web;
