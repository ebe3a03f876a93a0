#!/bin/sh
# Back up Methodflow: the database (pg_dump, custom format) and the uploaded files (a tar of MEDIA_ROOT).
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/methodflow-media BACKUP_DIR=/srv/methodflow-backups deploy/backup.sh
#
# Writes BACKUP_DIR/<UTC time>/{database.dump,media.tar.gz,SHA256SUMS} and prints that directory. The
# database is dumped first: a file uploaded during the dump is in the tar with no row naming it, which is
# harmless, while the other order could restore rows whose files are missing. KEEP_BACKUPS (default 14)
# newest backups are kept, older ones removed.
set -eu

: "${DATABASE_URL:?DATABASE_URL must name the database to back up}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the directory of uploaded files}"
: "${BACKUP_DIR:?BACKUP_DIR must name where backups go}"
KEEP_BACKUPS="${KEEP_BACKUPS:-14}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/$stamp"
partial="$BACKUP_DIR/.partial-$stamp"
umask 077
mkdir -p "$partial"
trap 'rm -rf "$partial"' EXIT

pg_dump --format=custom --no-owner --no-privileges --file="$partial/database.dump" --dbname="$DATABASE_URL"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -czf "$partial/media.tar.gz" .
(cd "$partial" && sha256sum database.dump media.tar.gz > SHA256SUMS)

# A backup appears under its final name only when it is whole.
mv "$partial" "$target"
trap - EXIT

ls -1d "$BACKUP_DIR"/[0-9]*Z 2>/dev/null | sort | head -n "-$KEEP_BACKUPS" | while read -r old; do
    rm -rf "$old"
done
echo "$target"
