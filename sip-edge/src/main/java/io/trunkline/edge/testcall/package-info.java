/**
 * The management endpoint the platform places synthetic test calls through ({@code POST /v1/test-calls}, HTTP with a
 * bearer token, bound to the management network only); the calls themselves are the B2BUA's.
 */
package io.trunkline.edge.testcall;
