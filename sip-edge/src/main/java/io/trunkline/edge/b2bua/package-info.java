/** The B2BUA: pairs each PBX dialog with a carrier dialog, relays answers, fails over, ends both legs. */
package io.trunkline.edge.b2bua;
