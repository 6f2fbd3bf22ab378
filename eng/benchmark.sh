#!/usr/bin/env bash
# Measures reception through the gateway on one seeded estate (5,000 units, 200,000 customer requests):
#   eng/benchmark.sh                       # the full run (a few minutes; run it on a quiet machine)
#   eng/benchmark.sh --requests 20000 --list 300 --intake 100 --concurrency 2   # a quick look
#   eng/benchmark.sh --scenario passes --concurrency 8    # security-gate's pass check, gateway and direct, against a GET by id
#   eng/benchmark.sh --scenario intake --requests 20000    # intake and the event path alone, with the SQL each intake costs
#   eng/benchmark.sh --scenario all                       # every scenario on one started system
#   eng/benchmark.sh --scenario import                    # the 10,000-row registry import alone (CSV and XLSX), about 5 minutes
# Builds everything in Release first: the AppHost runs the services from the same configuration as the benchmark.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dotnet build tests/Benchmarks/Reception.Benchmarks -c Release -m:1 -nologo -v quiet
exec dotnet run --project tests/Benchmarks/Reception.Benchmarks -c Release --no-build -- "$@"
