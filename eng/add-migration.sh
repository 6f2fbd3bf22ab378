#!/usr/bin/env bash
# Adds an EF Core migration to one service: eng/add-migration.sh Reception AddComplaints
# The connection string only satisfies start-up; generating a migration does not connect.
set -euo pipefail
service="$1"; name="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
db="$(echo "$service" | sed -E 's/([a-z])([A-Z])/\1-\2/g' | tr 'A-Z' 'a-z')-db"
cd "$root"
dotnet tool restore >/dev/null
env "ConnectionStrings__${db}=Host=localhost;Database=design;Username=design;Password=design" \
    "ConnectionStrings__messaging=amqp://design:design@localhost:5672/" \
    dotnet ef migrations add "$name" --project "src/$service" --output-dir Data/Migrations
