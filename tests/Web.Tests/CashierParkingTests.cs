using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Cashier;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The parking spaces rented to the unit found at the counter: the cashier sees them, rents a space from the estate's
/// today, and ends a running rental on its last day; a space another unit rents is shown under the space field in
/// billing's own words (its 409's detail), and billing's errors under their fields.
/// </summary>
public sealed class CashierParkingTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly EstateTime Shanghai = new("Asia/Shanghai");
    private readonly List<ParkingRentalView> _rentals = [Rental("B1-007", new DateOnly(2026, 1, 1), null)];

    public CashierParkingTests() => User.SetAuthorized("cashier.north");

    private static DateOnly Today => Shanghai.Today(TimeProvider.System);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ParkingRentalView Rental(string space, DateOnly from, DateOnly? until) =>
        new(Guid.NewGuid(), Estate, Unit, space, from, until, "cashier.north", DateTimeOffset.UtcNow, null, null);

    private IRenderedComponent<UnitParking> Render()
    {
        var page = Context.Render<UnitParking>(p => p.Add(c => c.UnitId, Unit).Add(c => c.Time, Shanghai));
        page.WaitForElement("form[data-interactive=true]");
        return page;
    }

    [Fact]
    public async Task The_cashier_rents_a_space_from_today_and_sees_it_among_the_units_rentals()
    {
        var page = Render();
        page.Find("[data-testid=rentals]").TextContent.Should().Contain("B1-007").And.Contain("Running");

        await page.Find("#parking-space").ChangeAsync(new ChangeEventArgs { Value = "B1-023" });
        await page.Find("form").SubmitAsync();

        JsonSerializer.Deserialize<RentParkingSpaceBody>(Sent.Should().ContainSingle().Subject, GatewayClient.Json)
            .Should().Be(new RentParkingSpaceBody("B1-023", Day(Today), null));
        page.WaitForAssertion(() => page.Find("[data-testid=parking-done]").TextContent.Should().Contain("Space B1-023 rented to this unit."));
        page.FindAll("[data-testid=rentals] tbody tr").Should().HaveCount(2);
        page.Find("#parking-space").GetAttribute("value").Should().BeNullOrEmpty();
    }

    [Theory]
    [InlineData("B1-099", "Space B1-099 is rented 2026-01-01..open end; a space is rented to one unit at a time.")]
    [InlineData("B1-098", "车位 B1-098 已于 2026-01-01 起出租；一个车位同一时间只租给一户。")]
    public async Task A_space_rented_to_another_unit_shows_billings_detail_under_the_space_field_not_its_title(string space, string detail)
    {
        var page = Render();

        await page.Find("#parking-space").ChangeAsync(new ChangeEventArgs { Value = space });
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => page.Find("#parking-space-field").TextContent.Should().Contain(detail));
        page.Markup.Should().NotContain("Conflict.", "billing's 409 title says nothing about the space");
        page.FindAll("[data-testid=rentals] tbody tr").Should().ContainSingle();
    }

    [Fact]
    public async Task Billings_error_about_the_space_shows_under_the_space_field()
    {
        var page = Render();

        await page.Find("#parking-space").ChangeAsync(new ChangeEventArgs { Value = "B1 023!" });
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => page.Find("#parking-space-field").TextContent.Should().Contain("Only letters, digits"));
    }

    [Fact]
    public async Task The_cashier_ends_a_running_rental_on_its_last_day()
    {
        var page = Render();
        var running = _rentals[0];

        await page.Find("[data-testid=end-rental]").ClickAsync(new());
        page.WaitForElement("#end-until");
        page.Find("#end-until").GetAttribute("value").Should().Be(Day(Today), "ending today is the usual case");
        await page.Find("#end-until").ChangeAsync(new ChangeEventArgs { Value = "2026-12-31" });
        await page.Find("form[aria-labelledby=end-title]").SubmitAsync();

        Asked.Should().Contain($"/api/billing/units/{Unit}/parking-rentals/{running.Id}/end");
        JsonSerializer.Deserialize<EndParkingRentalBody>(Sent.Should().ContainSingle().Subject, GatewayClient.Json).Should().Be(new EndParkingRentalBody("2026-12-31"));
        page.WaitForAssertion(() => page.Find("[data-testid=parking-done]").TextContent.Should().Contain("The rental of B1-007 ends on"));
        page.FindAll("#end-until").Should().BeEmpty("the rental is ended: its form is gone");
    }

    [Fact]
    public async Task Billings_error_about_the_last_day_shows_under_the_end_field()
    {
        var page = Render();

        await page.Find("[data-testid=end-rental]").ClickAsync(new());
        page.WaitForElement("#end-until");
        await page.Find("#end-until").ChangeAsync(new ChangeEventArgs { Value = "2025-06-30" });
        await page.Find("form[aria-labelledby=end-title]").SubmitAsync();

        page.WaitForAssertion(() => page.Find("#end-until-field").TextContent.Should().Contain("Cannot be before the rental's first day"));
        page.Find("#parking-until-field").TextContent.Should().NotContain("Cannot be before", "the error is the end form's, not the rent form's");
    }

    /// <summary>Billing's 409 for a space rented on one of the days: the title every conflict has, the clash in the detail.</summary>
    private static HttpResponseMessage Clash(string detail) => new(HttpStatusCode.Conflict)
    {
        Content = JsonContent.Create(new { title = "Conflict.", detail }, new MediaTypeHeaderValue("application/problem+json")),
    };

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var rentals = $"/api/billing/units/{Unit}/parking-rentals";
        if (path == rentals && request.Method == HttpMethod.Get)
        {
            return new PageOf<ParkingRentalView>([.. Enumerable.Reverse(_rentals)], null);
        }

        var text = request.Content?.ReadAsStringAsync().GetAwaiter().GetResult() ?? "{}";
        if (path == rentals)
        {
            var body = JsonSerializer.Deserialize<RentParkingSpaceBody>(text, GatewayClient.Json)!;
            switch (body.Space)
            {
                case "B1-099":
                    return Clash("Space B1-099 is rented 2026-01-01..open end; a space is rented to one unit at a time.");
                case "B1-098":
                    return Clash("车位 B1-098 已于 2026-01-01 起出租；一个车位同一时间只租给一户。");
                case "B1 023!":
                    return FieldProblem("space", "Only letters, digits, '-', '/' and '.' (e.g. B1-023).");
            }

            var rented = Rental(body.Space!, DateOnly.ParseExact(body.From!, "yyyy-MM-dd", CultureInfo.InvariantCulture), null);
            _rentals.Add(rented);
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = JsonContent.Create(rented, options: GatewayClient.Json) };
        }

        if (path == $"{rentals}/{_rentals[0].Id}/end")
        {
            var until = JsonSerializer.Deserialize<EndParkingRentalBody>(text, GatewayClient.Json)!.Until!;
            if (string.CompareOrdinal(until, "2026-01-01") < 0)
            {
                return FieldProblem("until", "Cannot be before the rental's first day, 2026-01-01.");
            }

            _rentals[0] = _rentals[0] with { Until = DateOnly.ParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture), EndedBy = "cashier.north", EndedAt = DateTimeOffset.UtcNow };
            return _rentals[0];
        }

        return null;
    }
}
