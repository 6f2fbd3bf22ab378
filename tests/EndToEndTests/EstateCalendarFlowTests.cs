using Npgsql;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.EndToEndTests;

/// <summary>A new estate registered at reception through the gateway: its calendar reaches every other service's read model.</summary>
public sealed class EstateCalendarFlowTests(Platform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] CalendarKeepers = ["maintenance", "billing", "security-gate", "hr-training"];

    private async Task<string?> KnownTimeZoneAsync(string service, Guid estateId)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync($"{service}-db"));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT time_zone_id FROM estate_calendars WHERE estate_id = @estate", connection);
        query.Parameters.AddWithValue("estate", estateId);
        return await query.ExecuteScalarAsync(Ct) as string;
    }

    [Fact]
    public async Task A_new_estates_calendar_reaches_every_service()
    {
        var estateId = await platform.NewEstateAsync(Ct);

        foreach (var service in CalendarKeepers)
        {
            await Eventually.Async(async () => await KnownTimeZoneAsync(service, estateId) == "Asia/Shanghai",
                TimeSpan.FromSeconds(60), $"{service} should keep the new estate's calendar");
        }
    }
}
