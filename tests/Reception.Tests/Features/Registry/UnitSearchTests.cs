using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Registry;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Registry;

/// <summary>A unit field finds a unit by the start of its number among thousands; a page labels its rows by the units' ids.</summary>
public sealed class UnitSearchTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Page<UnitResponse>> ListAsync(Guid estateId, string query) =>
        (await reception.CreateClient(TestCaller.Clerk(estateId))
            .GetFromJsonAsync<Page<UnitResponse>>($"/api/reception/units?{query}", ApiJson.Options, Ct))!;

    [Fact]
    public async Task Units_are_found_by_the_start_of_their_number_whatever_the_case_with_their_building()
    {
        var (estateId, _) = await reception.NewEstateAsync(units: 150);
        var lettered = await reception.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ReceptionDbContext>();
            var building = await db.Buildings.SingleAsync(b => b.EstateId == estateId, Ct);
            var unit = Unit.Register(estateId, building.Id, "B-1502", 15, 90m, UnitUsage.Residential, UnitStatus.Vacant, DateTimeOffset.UtcNow);
            db.Units.Add(unit);
            await db.SaveChangesAsync(Ct);
            return unit.Id;
        });

        var twoHundreds = await ListAsync(estateId, $"estateId={estateId}&number=24&limit=100");
        var byLetter = await ListAsync(estateId, $"estateId={estateId}&number=b-15");
        var wildcard = await ListAsync(estateId, $"estateId={estateId}&number=1_");

        twoHundreds.Items.Select(u => u.Number).Should().BeEquivalentTo("240", "241", "242", "243", "244", "245", "246", "247", "248", "249");
        twoHundreds.Items.Should().OnlyContain(u => u.BuildingCode == "1");
        byLetter.Items.Should().ContainSingle().Which.Id.Should().Be(lettered);
        wildcard.Items.Should().BeEmpty("an _ typed is a character, not a wildcard");
    }

    [Fact]
    public async Task A_search_finds_only_the_callers_estates_units()
    {
        var (north, northUnits) = await reception.NewEstateAsync(units: 3);
        var (south, southUnits) = await reception.NewEstateAsync(units: 3);

        var asked = await ListAsync(north, "number=10");
        var otherEstate = await ListAsync(north, $"estateId={south}&number=10");

        asked.Items.Select(u => u.Id).Should().BeEquivalentTo(northUnits);
        otherEstate.Items.Should().BeEmpty();
        (await ListAsync(south, $"ids={string.Join(',', northUnits)}")).Items.Should().BeEmpty("another estate's ids are not looked up");
        southUnits.Should().HaveCount(3);
    }

    [Fact]
    public async Task Units_are_looked_up_by_their_ids_in_one_call()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 120);
        var wanted = units.Skip(100).Take(5).Append(units[0]).ToArray();

        var found = await ListAsync(estateId, $"ids={string.Join(',', wanted)}&limit=100");

        found.Items.Select(u => u.Id).Should().BeEquivalentTo(wanted);
        found.Items.Should().OnlyContain(u => u.BuildingCode == "1" && u.Number.Length == 3);
    }

    [Fact]
    public async Task A_number_search_offers_its_matches_in_number_order_page_after_page()
    {
        var (estateId, _) = await reception.NewEstateAsync(units: 0);
        await reception.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ReceptionDbContext>();
            var building = await db.Buildings.SingleAsync(b => b.EstateId == estateId, Ct);
            var start = DateTimeOffset.UtcNow;
            // 1001–1025 registered first, 101 and 102 last: registration order would offer them last.
            var numbers = Enumerable.Range(1001, 25).Concat([101, 102]).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
            db.Units.AddRange(numbers.Select((n, i) =>
                Unit.Register(estateId, building.Id, n, 1, 80m, UnitUsage.Residential, UnitStatus.Occupied, start.AddSeconds(i))));
            await db.SaveChangesAsync(Ct);
            return 0;
        });

        var first = await ListAsync(estateId, $"estateId={estateId}&number=10&limit=20");
        var second = await ListAsync(estateId, $"estateId={estateId}&number=10&limit=20&cursor={first.NextCursor}");

        first.Items.Select(u => u.Number).Should().Equal(
            Enumerable.Range(101, 2).Concat(Enumerable.Range(1001, 18)).Select(n => n.ToString(CultureInfo.InvariantCulture)));
        first.NextCursor.Should().NotBeNull();
        second.Items.Select(u => u.Number).Should().Equal(Enumerable.Range(1019, 7).Select(n => n.ToString(CultureInfo.InvariantCulture)));
        second.NextCursor.Should().BeNull();
    }

    [Fact]
    public async Task Equal_numbers_in_two_buildings_page_by_id_without_repeats()
    {
        var (estateId, firstBuildingUnits) = await reception.NewEstateAsync(units: 3);
        var secondBuildingUnits = await reception.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ReceptionDbContext>();
            var building = Building.Create(estateId, "2", "Building 2", DateTimeOffset.UtcNow);
            var units = Enumerable.Range(101, 3)
                .Select(n => Unit.Register(estateId, building.Id, n.ToString(CultureInfo.InvariantCulture), 1, 80m, UnitUsage.Residential, UnitStatus.Occupied, DateTimeOffset.UtcNow))
                .ToList();
            db.Add(building);
            db.Units.AddRange(units);
            await db.SaveChangesAsync(Ct);
            return units.Select(u => u.Id).ToArray();
        });

        var seen = new List<UnitResponse>();
        string? cursor = null;
        do
        {
            var page = await ListAsync(estateId, $"estateId={estateId}&number=1&limit=1{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && seen.Count < 10);

        seen.Select(u => u.Id).Should().BeEquivalentTo(firstBuildingUnits.Concat(secondBuildingUnits)).And.OnlyHaveUniqueItems();
        seen.Select(u => u.Number).Should().Equal("101", "101", "102", "102", "103", "103");
    }

    [Fact]
    public async Task A_number_search_refuses_a_registration_order_cursor()
    {
        var (estateId, _) = await reception.NewEstateAsync(units: 3);
        var byRegistration = await ListAsync(estateId, $"estateId={estateId}&limit=1");

        var response = await reception.CreateClient(TestCaller.Clerk(estateId))
            .GetAsync($"/api/reception/units?estateId={estateId}&number=10&cursor={byRegistration.NextCursor}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("cursor");
    }

    [Theory]
    [InlineData("number=%20", "number")]
    [InlineData("number=123456789012345678901234567890123", "number")]
    [InlineData("ids=not-an-id", "ids")]
    [InlineData("ids=,", "ids")]
    [InlineData("ids=00000000-0000-0000-0000-000000000000", "ids")]
    public async Task A_bad_search_or_lookup_names_its_field(string query, string field)
    {
        var estateId = Guid.NewGuid();

        var response = await reception.CreateClient(TestCaller.Clerk(estateId)).GetAsync($"/api/reception/units?estateId={estateId}&{query}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal(field);
    }

    [Fact]
    public async Task More_than_a_hundred_ids_are_refused()
    {
        var estateId = Guid.NewGuid();
        var ids = string.Join(',', Enumerable.Range(0, RegistryApi.MaxIds + 1).Select(_ => Guid.NewGuid()));

        var response = await reception.CreateClient(TestCaller.Clerk(estateId)).GetAsync($"/api/reception/units?estateId={estateId}&ids={ids}", Ct);

        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("ids");
    }

    /// <summary>Planned with sequential scans off: without the prefix index PostgreSQL walks the estate's whole list.</summary>
    [Fact]
    public async Task The_number_search_is_served_by_the_prefix_index()
    {
        var (estateId, _) = await reception.NewEstateAsync(units: 400);
        await reception.InScopeAsync(services => services.GetRequiredService<ReceptionDbContext>().Database.ExecuteSqlRawAsync("ANALYZE units", Ct));
        var plans = new QueryPlanRecorder();
        await using var db = new ReceptionDbContext(
            new DbContextOptionsBuilder<ReceptionDbContext>()
                .UseNpgsql(reception.DatabaseConnectionString).UseSnakeCaseNamingConvention().AddInterceptors(plans).Options,
            EstateScope.System);

        var first = await RegistryApi.ListUnits(db, estateId, null, null, "15", null, null, 5, Ct);
        await RegistryApi.ListUnits(db, estateId, null, null, "15", null, first.Value!.NextCursor, 5, Ct);

        // The first page's query and the next one's (each followed by the buildings' codes): both find the units by the index.
        plans.Plans.Should().HaveCount(4);
        plans.Plans[0].Should().Contain("ix_units_estate_id_number_prefix").And.NotContain("Seq Scan");
        plans.Plans[2].Should().Contain("ix_units_estate_id_number_prefix").And.NotContain("Seq Scan");
    }
}
