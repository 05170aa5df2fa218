package io.trunkline.ejb.workflow.api;

import java.io.Serializable;

/** One output of a human task's form: its name, its type's simple name (String, Integer...) and whether it is required. */
public record FormField(String name, String type, boolean required) implements Serializable {
}
