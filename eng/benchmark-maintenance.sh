#!/usr/bin/env bash
# Measures maintenance's dispatch candidates and the technician's work list with 500 technicians and 50,000 open work
# orders (maintenance in process, real PostgreSQL and RabbitMQ):
#   eng/benchmark-maintenance.sh                                   # the full run
#   eng/benchmark-maintenance.sh --orders 5000 --count 100         # a quick look
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dotnet build tests/Benchmarks/Maintenance.Benchmarks -c Release -m:1 -nologo -v quiet
exec dotnet run --project tests/Benchmarks/Maintenance.Benchmarks -c Release --no-build -- "$@"
