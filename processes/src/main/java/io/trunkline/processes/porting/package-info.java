/** The number-porting workflow: its id, tasks, service steps and start variables. */
package io.trunkline.processes.porting;
