/** What the edge reports to the platform: call records (and, to come, trunk state changes and security events). */
package io.trunkline.contract.events;
