using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Cashier;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The cashier records a water or electricity reading of the unit found at the counter, for the estate's day (today
/// unless said otherwise), and sees the unit's latest readings; billing's refusal of a reading shows under the reading.
/// </summary>
public sealed class CashierMeterReadingTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly EstateTime Shanghai = new("Asia/Shanghai");
    private const string LowerThanBefore = "Cannot be lower than the electricity meter's reading of 5300.000 on 2026-11-30: a meter only counts up.";

    private readonly List<MeterReadingView> _readings =
        [new(Guid.NewGuid(), Estate, Unit, "water", 812.5m, "m³", new DateOnly(2026, 11, 30), "move-in", "clerk.north", DateTimeOffset.UtcNow.AddDays(-4))];

    public CashierMeterReadingTests() => User.SetAuthorized("cashier.north");

    private static string Today => Shanghai.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private IRenderedComponent<UnitMeters> Render()
    {
        var page = Context.Render<UnitMeters>(p => p.Add(c => c.UnitId, Unit).Add(c => c.Time, Shanghai));
        page.WaitForElement("form[data-interactive=true]");
        return page;
    }

    private static async Task RecordAsync(IRenderedComponent<UnitMeters> page, string meter, string reading)
    {
        var option = page.FindAll("#meter fluent-option").Single(o => o.TextContent.Trim() == meter);
        await page.Find("#meter").TriggerEventAsync("ondropdownchange", new DropdownEventArgs { Id = "meter", SelectedOptions = option.Id });
        await page.Find("#meter-reading").ChangeAsync(new ChangeEventArgs { Value = reading });
        await page.Find("form").SubmitAsync();
    }

    [Fact]
    public void The_units_latest_readings_are_listed_with_their_meter_and_unit_of_measure()
    {
        var page = Render();

        page.WaitForAssertion(() => page.Find("[data-testid=readings] tbody tr").TextContent.Should().Contain("Water").And.Contain("812.5 m³").And.Contain("Move-in handover"));
        Asked.Should().Contain($"/api/billing/units/{Unit}/meter-readings?limit=10", "the latest few, never the whole history");
    }

    [Fact]
    public async Task An_electricity_reading_is_sent_for_the_estates_today_and_then_listed_first()
    {
        var page = Render();

        await RecordAsync(page, "Electricity", "5321.4");

        JsonSerializer.Deserialize<MeterReadingBody>(Sent.Should().ContainSingle().Subject, GatewayClient.Json)
            .Should().Be(new MeterReadingBody("electricity", 5321.4m, Today));
        Asked.Should().Contain($"/api/billing/units/{Unit}/meter-readings");
        page.WaitForAssertion(() => page.Find("[data-testid=reading-recorded]").TextContent.Should().Contain("Electricity meter: 5321.4 kWh recorded"));
        page.FindAll("[data-testid=readings] tbody tr")[0].TextContent.Should().Contain("Electricity").And.Contain("5321.4 kWh");
        page.Find("#meter-reading").GetAttribute("value").Should().BeNullOrEmpty("the form is ready for the next meter");
    }

    [Fact]
    public async Task A_reading_billing_refuses_shows_its_reason_under_the_reading_field()
    {
        var page = Render();

        await RecordAsync(page, "Electricity", "5200");

        page.WaitForAssertion(() => page.Find("#meter-reading-field").TextContent.Should().Contain(LowerThanBefore));
        page.FindAll("[data-testid=reading-recorded]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_day_billing_refuses_shows_under_the_read_on_field()
    {
        var page = Render();

        await page.Find("#meter-readOn").ChangeAsync(new ChangeEventArgs { Value = "2099-01-01" });
        await RecordAsync(page, "Water", "820");

        page.WaitForAssertion(() => page.Find("#meter-readOn-field").TextContent.Should().Contain("Cannot be in the future"));
    }

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path != $"/api/billing/units/{Unit}/meter-readings")
        {
            return null;
        }

        if (request.Method != HttpMethod.Post)
        {
            return new PageOf<MeterReadingView>([.. _readings.OrderByDescending(r => r.RecordedAt)], null);
        }

        var body = JsonSerializer.Deserialize<MeterReadingBody>(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult(), GatewayClient.Json)!;
        var errors = new Dictionary<string, string[]>();
        if (body.Reading < 5300m && body.Meter == "electricity")
        {
            errors["reading"] = [LowerThanBefore];
        }

        if (body.ReadOn == "2099-01-01")
        {
            errors["readOn"] = ["Cannot be in the future (today is 2026-12-04 in the estate)."];
        }

        if (errors.Count > 0)
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = JsonContent.Create(new { title = "One or more fields are invalid.", errors }, new MediaTypeHeaderValue("application/problem+json")),
            };
        }

        var reading = new MeterReadingView(Guid.NewGuid(), Estate, Unit, body.Meter!, body.Reading!.Value, body.Meter == "water" ? "m³" : "kWh",
            DateOnly.ParseExact(body.ReadOn!, "yyyy-MM-dd", CultureInfo.InvariantCulture), "staff", "cashier.north", DateTimeOffset.UtcNow);
        _readings.Add(reading);
        return new HttpResponseMessage(HttpStatusCode.Created) { Content = JsonContent.Create(reading, options: GatewayClient.Json) };
    }
}
