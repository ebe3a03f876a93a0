#!/bin/sh
# Restore a backup of deploy/backup.sh into an EMPTY database and an empty MEDIA_ROOT.
#
#   DATABASE_URL=postgres://…/methodflow_new MEDIA_ROOT=/srv/methodflow-media deploy/restore.sh BACKUP_DIRECTORY
#
# Create the database first (`createdb -O methodflow methodflow_new`), with the app servers and workers
# stopped. It refuses a database that already has tables or a MEDIA_ROOT that already has files, so a
# mistyped URL never overwrites a live installation. Afterwards run `manage.py migrate` (a no-op unless
# the code is newer than the backup) and start the services.
set -eu

backup="${1:?usage: restore.sh BACKUP_DIRECTORY}"
: "${DATABASE_URL:?DATABASE_URL must name the empty database to restore into}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the empty directory for the uploaded files}"

(cd "$backup" && sha256sum --check --quiet SHA256SUMS)

tables="$(psql --no-psqlrc --tuples-only --no-align --dbname="$DATABASE_URL" \
    --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tables" != "0" ]; then
    echo "restore.sh: the database already has $tables tables; restore into an empty one" >&2
    exit 1
fi
mkdir -p "$MEDIA_ROOT"
if [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
    echo "restore.sh: $MEDIA_ROOT is not empty; restore into an empty directory" >&2
    exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$backup/database.dump"
tar -C "$MEDIA_ROOT" -xzf "$backup/media.tar.gz"
echo "restored $backup"
