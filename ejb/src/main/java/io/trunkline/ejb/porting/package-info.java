/**
 * Number porting: moving an enterprise's numbers from a losing to a gaining carrier. {@code domain} holds what is
 * pure about it, such as the letter of authorization the gaining carrier's porting desk is sent.
 */
package io.trunkline.ejb.porting;
