#!/usr/bin/env bash
# Times a billing run of one estate with 100,000 units against a raw binary COPY of the same bill rows (billing in
# process, real PostgreSQL and RabbitMQ), and prints the ratio and where the run's time went:
#   eng/benchmark-billing.sh                          # the full run
#   eng/benchmark-billing.sh --units 10000            # a quick look
#   eng/benchmark-billing.sh --drain-seconds 0        # without waiting for the run's events to leave the outbox
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dotnet build tests/Benchmarks/Billing.Benchmarks -c Release -m:1 -nologo -v quiet
exec dotnet run --project tests/Benchmarks/Billing.Benchmarks -c Release --no-build -- "$@"
