#!/usr/bin/env bash
# Creates the Trunkline realm's user files and, when asked ("true"), the demo accounts (password = user
# name): ana (analyst), carla (compliance), oscar (ops), adam (admin, all roles), edge-1/edge-2 (edge).
# User names must differ from role names: the task service keeps users and groups in one table.
# Never run with "true" on a production server: add real users with add-user.sh (ear/README.md).
# Run it before configure.cli: Elytron refuses to start a properties realm whose files do not exist.
# Re-runnable: existing files are kept, and add-user.sh updates a user that exists.
set -euo pipefail
: "${JBOSS_HOME:?JBOSS_HOME must point at the WildFly installation}"
conf="$JBOSS_HOME/standalone/configuration"
touch "$conf/trunkline-users.properties" "$conf/trunkline-roles.properties"
[ "${1:-false}" = "true" ] || exit 0
add() {
  "$JBOSS_HOME/bin/add-user.sh" -s -sc "$conf" -up trunkline-users.properties -gp trunkline-roles.properties \
    -r Trunkline -u "$1" -p "$2" -g "$3" >/dev/null
}
add ana ana analyst
add carla carla compliance
add oscar oscar ops
add adam adam admin,analyst,compliance,ops
add edge-1 edge-1 edge
add edge-2 edge-2 edge
