/** The catalogue of rulebooks; each context's facts sit in its own sub-package. */
package io.trunkline.rules;
