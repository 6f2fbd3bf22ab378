using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.MeterReadings;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>Water and electricity readings as staff record them: a meter only counts up, one reading per meter and day.</summary>
public sealed class MeterReadingsTests(BillingService billing)
{
    private static readonly DateOnly Today = BillingService.LocalToday;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid EstateId, Guid UnitId)> UnitAsync()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        return (estateId, unitId);
    }

    private static Task<HttpResponseMessage> ReadAsync(HttpClient client, Guid unitId, object body) =>
        client.PostAsJsonAsync($"/api/billing/units/{unitId}/meter-readings", body, Ct);

    private Task<List<MeterReading>> StoredAsync(Guid unitId) => billing.QueryAsync(db => db.MeterReadings.Where(r => r.UnitId == unitId).ToListAsync(Ct));

    [Fact]
    public async Task Bad_readings_are_refused_naming_each_failing_field_and_nothing_is_stored()
    {
        var (estateId, unitId) = await UnitAsync();
        var cashier = billing.Cashier(estateId);

        var unknownNegativeFuture = await ReadAsync(cashier, unitId, new { meter = "gas", reading = -1m, readOn = Billing.Day(Today.AddDays(1)) });
        var overPrecise = await ReadAsync(cashier, unitId, new { meter = "water", reading = 12.3456m, readOn = Billing.Day(Today) });
        var empty = await ReadAsync(cashier, unitId, new { });

        (await unknownNegativeFuture.ErrorFieldsAsync()).Should().BeEquivalentTo("meter", "reading", "readOn");
        (await overPrecise.ErrorFieldsAsync()).Should().Equal("reading");
        (await empty.ErrorFieldsAsync()).Should().BeEquivalentTo("meter", "reading", "readOn");
        (await StoredAsync(unitId)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_meter_only_counts_up_and_a_day_has_one_reading_sent_again_it_is_the_same_reading()
    {
        var (estateId, unitId) = await UnitAsync();
        var cashier = billing.Cashier(estateId);
        var first = await ReadAsync(cashier, unitId, new { meter = "water", reading = 100m, readOn = Billing.Day(Today.AddDays(-10)) });
        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        var kept = (await first.Content.ReadFromJsonAsync<MeterReadingResponse>(ApiJson.Options, Ct))!;

        var lowerLater = await ReadAsync(cashier, unitId, new { meter = "water", reading = 99.999m, readOn = Billing.Day(Today.AddDays(-5)) });
        var higherEarlier = await ReadAsync(cashier, unitId, new { meter = "water", reading = 100.001m, readOn = Billing.Day(Today.AddDays(-20)) });
        var otherSameDay = await ReadAsync(cashier, unitId, new { meter = "water", reading = 100.5m, readOn = Billing.Day(Today.AddDays(-10)) });
        var sameAgain = await ReadAsync(cashier, unitId, new { meter = "water", reading = 100.000m, readOn = Billing.Day(Today.AddDays(-10)) });
        var otherMeter = await ReadAsync(cashier, unitId, new { meter = "electricity", reading = 5m, readOn = Billing.Day(Today.AddDays(-5)) });

        (await lowerLater.ErrorFieldsAsync()).Should().Equal("reading");
        (await higherEarlier.ErrorFieldsAsync()).Should().Equal("reading");
        (await otherSameDay.ErrorFieldsAsync()).Should().Equal("reading");
        sameAgain.StatusCode.Should().Be(HttpStatusCode.OK);
        (await sameAgain.Content.ReadFromJsonAsync<MeterReadingResponse>(ApiJson.Options, Ct))!.Id.Should().Be(kept.Id);
        otherMeter.StatusCode.Should().Be(HttpStatusCode.Created, "each meter counts on its own");
        (await StoredAsync(unitId)).Select(r => (r.Meter, r.Value, r.Source)).Should().BeEquivalentTo(
            [(Meter.Water, 100m, MeterReadingSource.Staff), (Meter.Electricity, 5m, MeterReadingSource.Staff)]);
        (kept.Meter, kept.UnitOfMeasure, kept.Source).Should().Be(("water", "m³", "staff"));
        (await billing.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.EntityType == nameof(MeterReading) && a.EntityId == kept.Id.ToString(), Ct)))
            .Should().BeTrue("readings are audited like every billing write");
    }

    [Fact]
    public async Task Another_estates_unit_is_not_found()
    {
        var (_, unitId) = await UnitAsync();
        var stranger = billing.Manager(await billing.NewEstateAsync());

        (await ReadAsync(stranger, unitId, new { meter = "water", reading = 1m, readOn = Billing.Day(Today) })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/billing/units/{unitId}/meter-readings", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await StoredAsync(unitId)).Should().BeEmpty();
    }

    [Fact]
    public async Task Readings_are_listed_latest_first_a_page_at_a_time_and_by_meter()
    {
        var (estateId, unitId) = await UnitAsync();
        var cashier = billing.Cashier(estateId);
        foreach (var (meter, reading, daysAgo) in new[] { ("water", 1m, 3), ("water", 2m, 2), ("electricity", 30m, 2), ("water", 3m, 1) })
        {
            (await ReadAsync(cashier, unitId, new { meter, reading, readOn = Billing.Day(Today.AddDays(-daysAgo)) })).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var first = await cashier.GetFromJsonAsync<Page<MeterReadingResponse>>($"/api/billing/units/{unitId}/meter-readings?meter=water&limit=2", ApiJson.Options, Ct);
        var second = await cashier.GetFromJsonAsync<Page<MeterReadingResponse>>(
            $"/api/billing/units/{unitId}/meter-readings?meter=water&limit=2&cursor={Uri.EscapeDataString(first!.NextCursor!)}", ApiJson.Options, Ct);
        var all = await cashier.GetFromJsonAsync<Page<MeterReadingResponse>>($"/api/billing/units/{unitId}/meter-readings", ApiJson.Options, Ct);

        first.Items.Select(r => r.Reading).Should().Equal(3m, 2m);
        second!.Items.Select(r => r.Reading).Should().Equal(1m);
        second.NextCursor.Should().BeNull();
        all!.Items.Should().HaveCount(4);
    }
}
