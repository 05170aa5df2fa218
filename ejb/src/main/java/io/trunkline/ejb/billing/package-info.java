/** Billing: carriers' rate decks as they arrive, and the record of every file ingested with its quarantine. */
package io.trunkline.ejb.billing;
