/** REST adapter of number porting: porting desks, a port's numbers, rescheduling. */
package io.trunkline.web.porting;
