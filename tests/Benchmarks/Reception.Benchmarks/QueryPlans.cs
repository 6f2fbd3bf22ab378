using System.Data.Common;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>
/// The plans PostgreSQL chooses for the request list, for the query reception really sends: the list handler itself
/// runs against the seeded database as the clerk (estate filter included), and each command it sends is first run
/// under <c>EXPLAIN (ANALYZE, BUFFERS)</c>.
/// </summary>
public static class QueryPlans
{
    /// <summary>The cursor of the page that starts after <paramref name="skip"/> requests of the estate, newest first.</summary>
    public static async Task<string> CursorAfterAsync(string connectionString, Guid estateId, int skip, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT received_at, id FROM customer_requests WHERE estate_id = @estate ORDER BY received_at DESC, id DESC OFFSET @skip LIMIT 1", connection);
        command.Parameters.AddWithValue("estate", estateId);
        command.Parameters.AddWithValue("skip", skip - 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new KeysetCursor(reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1)).Encode();
    }

    public static async Task<IReadOnlyList<string>> ExplainListAsync(
        string connectionString, Guid estateId, string? cursor, CancellationToken cancellationToken)
    {
        var explain = new ExplainInterceptor();
        var clerk = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(PlatformClaims.Subject, "benchmark-plan"),
                new Claim(PlatformClaims.Role, PlatformRoles.FrontDeskClerk),
                new Claim(PlatformClaims.Estate, estateId.ToString()),
            ],
            authenticationType: "benchmark",
            nameType: PlatformClaims.Name,
            roleType: PlatformClaims.Role));
        var scope = EstateScope.For(clerk);
        await using var db = new ReceptionDbContext(
            new DbContextOptionsBuilder<ReceptionDbContext>()
                .UseNpgsql(connectionString).UseSnakeCaseNamingConvention().AddInterceptors(explain).Options,
            scope);
        await RequestsApi.ListRequests(db, scope, TimeProvider.System, estateId, null, cursor, null, cancellationToken);
        return explain.Plans;
    }

    private sealed class ExplainInterceptor : DbCommandInterceptor
    {
        public List<string> Plans { get; } = [];

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await using var explain = (NpgsqlCommand)command.Connection!.CreateCommand();
            explain.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText;
            explain.Transaction = (NpgsqlTransaction?)command.Transaction;
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                explain.Parameters.Add(parameter.Clone());
            }

            var lines = new List<string> { command.CommandText, "" };
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    lines.Add(reader.GetString(0));
                }
            }

            Plans.Add(string.Join(Environment.NewLine, lines));
            return result;
        }
    }
}
