using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Requests;

public sealed class RequestAnalysisTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Guid> RecordAsync(HttpClient clerk, object request)
    {
        var response = await clerk.PostAsJsonAsync("/api/reception/requests", request, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!.Id;
    }

    [Fact]
    public async Task The_monthly_analysis_counts_every_request_by_category_channel_estate_and_outcome_with_routing_and_feedback_met()
    {
        var (north, northUnits) = await reception.NewEstateAsync();
        var (south, _) = await reception.NewEstateAsync();
        var northClerk = reception.CreateClient(TestCaller.Clerk(north));
        var southClerk = reception.CreateClient(TestCaller.Clerk(south));
        var routed = await RecordAsync(northClerk, new { estateId = north, channel = "walkIn", category = "inquiry", description = "When is the water off?", requesterName = "Wang" });
        await RecordAsync(northClerk, new { estateId = north, channel = "walkIn", category = "inquiry", description = "Where do parcels go?", requesterName = "Li" });
        await RecordAsync(northClerk, new
        {
            estateId = north, unitId = northUnits[0], channel = "app", category = "repair", urgency = "normal", description = "Tap drips", requesterName = "Zhao",
        });
        await RecordAsync(southClerk, new { estateId = south, channel = "phone", category = "suggestion", description = "More benches please", requesterName = "Sun" });
        (await northClerk.PostAsJsonAsync($"/api/reception/requests/{routed}/route", new { department = "customerService", assignee = "clerk.north" }, Ct))
            .IsSuccessStatusCode.Should().BeTrue();

        var manager = reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, north));
        var northOnly = await manager.GetFromJsonAsync<RequestAnalysisResponse>($"/api/reception/requests/analysis?period=month", ApiJson.Options, Ct);
        var admin = reception.CreateClient(TestCaller.GroupAdmin());
        var both = await admin.GetFromJsonAsync<RequestAnalysisResponse>(
            $"/api/reception/requests/analysis?period=week&estateId={south}", ApiJson.Options, Ct);

        var estate = northOnly!.Estates.Should().ContainSingle("a manager sees the estates they are assigned to").Subject;
        estate.EstateId.Should().Be(north);
        estate.Total.Received.Should().Be(3);
        estate.Total.RoutedInTime.Should().Be(1, "only the routed inquiry was routed, within 5 minutes");
        estate.ByCategory.Select(t => (t.Name, t.Received)).Should().Equal(("Inquiry", 2), ("Repair", 1));
        estate.ByChannel.Select(t => (t.Name, t.Received)).Should().Equal(("App", 1), ("WalkIn", 2));
        estate.ByOutcome.Select(t => (t.Name, t.Received)).Should().Equal(("Received", 2), ("Routed", 1));
        northOnly.Total.Received.Should().Be(3);
        both!.Estates.Should().ContainSingle().Which.ByCategory.Should().ContainSingle(t => t.Name == "Suggestion" && t.Received == 1);
    }

    [Fact]
    public async Task The_analysis_downloads_as_a_workbook_clerks_cannot_read_it_and_bad_input_names_the_field()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        await RecordAsync(reception.CreateClient(TestCaller.Clerk(estateId)), new
        {
            estateId, channel = "email", category = "basicService", description = "Please clean the lobby", requesterName = "Qian",
        });
        var supervisor = reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId));

        var workbook = await supervisor.GetAsync($"/api/reception/requests/analysis?estateId={estateId}&format=xlsx", Ct);
        var clerk = await reception.CreateClient(TestCaller.Clerk(estateId)).GetAsync($"/api/reception/requests/analysis?estateId={estateId}", Ct);
        var bad = await supervisor.GetAsync($"/api/reception/requests/analysis?estateId={estateId}&period=day&date=yesterday&format=pdf", Ct);

        workbook.StatusCode.Should().Be(HttpStatusCode.OK);
        workbook.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using (var book = new XLWorkbook(await workbook.Content.ReadAsStreamAsync(Ct)))
        {
            var rows = book.Worksheet("Requests").RowsUsed().Skip(1)
                .Select(r => (Group: r.Cell(2).GetString(), Name: r.Cell(3).GetString(), Received: r.Cell(4).GetValue<int>())).ToList();
            rows.Should().Contain(("Category", "BasicService", 1)).And.Contain(("Channel", "Email", 1));
        }

        clerk.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["period", "date", "format"]);
    }
}
