/** Dial plans: turning what a user dialed on a PBX into E.164, an extension or an emergency number. */
package io.trunkline.ejb.dialplan;
