using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Requests;

public sealed class RequestsApiTests(ReceptionService reception) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Every test runs in a registered estate of its own, as a clerk of that estate.
    private Guid _estateId;
    private Guid _unitId;

    public async ValueTask InitializeAsync()
    {
        var (estateId, unitIds) = await reception.NewEstateAsync();
        (_estateId, _unitId) = (estateId, unitIds[0]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private HttpClient Client => field ??= reception.CreateClient(TestCaller.Clerk(_estateId));

    private object RepairFor(Guid estateId, string description = "Water leaking from the ceiling") => new
    {
        estateId,
        unitId = _unitId,
        channel = "app",
        category = "repair",
        urgency = "urgent",
        description,
        requesterName = "Zhang Min",
    };

    [Fact]
    public async Task A_repair_request_is_stored_and_queues_RepairRequested_in_the_same_transaction()
    {
        var estateId = _estateId;

        var response = await Client.PostAsJsonAsync("/api/reception/requests", RepairFor(estateId), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        response.Headers.Location!.ToString().Should().Be($"/api/reception/requests/{created.Id}");
        created.Status.ToString().Should().Be("Received");
        (created.RouteBy - created.ReceivedAt).Should().Be(TimeSpan.FromMinutes(5));

        var events = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>()
            .OutboxMessages.ToListAsync(Ct));
        events.Where(m => m.Payload.Contains(created.Id.ToString(), StringComparison.Ordinal)).Should().ContainSingle().Which.EventType.Should().StartWith("PropertyPlatform.Contracts.Reception.RepairRequested");
    }

    [Fact]
    public async Task An_inquiry_is_stored_without_sending_anything_to_maintenance()
    {
        var estateId = _estateId;
        var inquiry = new { estateId, channel = "walkIn", category = "inquiry", description = "When is the water off?", requesterName = "Wang" };

        var response = await Client.PostAsJsonAsync("/api/reception/requests", inquiry, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        var events = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>()
            .OutboxMessages.ToListAsync(Ct));
        events.Should().NotContain(m => m.Payload.Contains(created.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_every_failing_field_and_stores_nothing()
    {
        var estateId = _estateId;
        var bad = new { estateId, unitId = Guid.Empty, channel = "pigeon", category = "repair", urgency = "whenever", description = "x", requesterName = "" };

        var response = await Client.PostAsJsonAsync("/api/reception/requests", bad, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
        problem.Errors.Keys.Should().BeEquivalentTo(["unitId", "channel", "urgency", "description", "requesterName"]);

        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Requests.CountAsync(r => r.EstateId == estateId, Ct));
        stored.Should().Be(0);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_problem()
    {
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");

        var response = await Client.PostAsync("/api/reception/requests", content, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task An_unknown_request_is_a_404_problem()
    {
        var response = await Client.GetAsync($"/api/reception/requests/{Guid.NewGuid()}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!;
        problem.Status.Should().Be(404);
    }

    [Fact]
    public async Task The_list_pages_newest_first_without_repeating_or_skipping_a_request()
    {
        var estateId = _estateId;
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var response = await Client.PostAsJsonAsync("/api/reception/requests", RepairFor(estateId, $"Leak number {i}"), Ct);
            ids.Add((await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!.Id);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/reception/requests?estateId={estateId}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = (await Client.GetFromJsonAsync<Page<RequestResponse>>(url, ApiJson.Options, Ct))!;
            page.Items.Should().OnlyContain(r => r.EstateId == estateId);
            seen.AddRange(page.Items.Select(r => r.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        pages.Should().Be(3);
        seen.Should().Equal(Enumerable.Reverse(ids));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=500", "limit")]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("status=lost", "status")]
    public async Task A_bad_list_query_is_a_problem_naming_the_parameter(string query, string field)
    {
        var response = await Client.GetAsync($"/api/reception/requests?{query}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
        problem.Errors.Should().ContainKey(field);
    }

    [Fact]
    public async Task The_correlation_id_of_the_caller_is_kept_on_the_request_and_echoed()
    {
        var correlationId = Guid.NewGuid();
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/reception/requests")
        {
            Content = JsonContent.Create(RepairFor(_estateId)),
        };
        message.Headers.Add(CorrelationContext.HeaderName, correlationId.ToString());

        var response = await Client.SendAsync(message, Ct);

        response.Headers.GetValues(CorrelationContext.HeaderName).Should().Equal(correlationId.ToString());
        var created = (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Requests.SingleAsync(r => r.Id == created.Id, Ct));
        stored.CorrelationId.Should().Be(correlationId);
    }

    [Fact]
    public async Task A_request_for_an_estate_or_unit_not_in_the_registry_names_the_field_and_stores_nothing()
    {
        var admin = reception.CreateClient(TestCaller.GroupAdmin());
        var unknownEstate = Guid.NewGuid();
        var (otherEstate, otherUnits) = await reception.NewEstateAsync();

        var noEstate = await admin.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = unknownEstate, channel = "phone", category = "inquiry", description = "Is the pool open?", requesterName = "Wang",
        }, Ct);
        var unitOfAnotherEstate = await Client.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = _estateId, unitId = otherUnits[0], channel = "phone", category = "repair", description = "Leak", requesterName = "Wang",
        }, Ct);

        (await noEstate.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("estateId");
        (await unitOfAnotherEstate.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("unitId");
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Requests
            .CountAsync(r => r.EstateId == unknownEstate || r.EstateId == _estateId || r.EstateId == otherEstate, Ct));
        stored.Should().Be(0);
    }

    [Fact]
    public async Task The_front_desk_records_same_day_feedback_once_and_only_in_its_own_estate()
    {
        var created = (await (await Client.PostAsJsonAsync("/api/reception/requests", RepairFor(_estateId), Ct))
            .Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        created.FeedbackGivenAt.Should().BeNull();
        created.FeedbackDueBy.Should().BeAfter(created.ReceivedAt).And.BeOnOrBefore(created.ReceivedAt.AddDays(1));

        var empty = await Client.PostAsJsonAsync($"/api/reception/requests/{created.Id}/feedback", new { note = " " }, Ct);
        var otherEstate = await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid()))
            .PostAsJsonAsync($"/api/reception/requests/{created.Id}/feedback", new { note = "Hello" }, Ct);
        var technician = await reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, _estateId))
            .PostAsJsonAsync($"/api/reception/requests/{created.Id}/feedback", new { note = "Hello" }, Ct);
        var given = await Client.PostAsJsonAsync($"/api/reception/requests/{created.Id}/feedback", new { note = "A plumber comes at 14:00" }, Ct);
        var again = await Client.PostAsJsonAsync($"/api/reception/requests/{created.Id}/feedback", new { note = "Once more" }, Ct);

        (await empty.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("note");
        otherEstate.StatusCode.Should().Be(HttpStatusCode.NotFound);
        technician.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        given.StatusCode.Should().Be(HttpStatusCode.OK);
        var answered = (await given.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        answered.FeedbackGivenAt.Should().NotBeNull();
        answered.FeedbackBreached.Should().BeFalse();
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }
}
