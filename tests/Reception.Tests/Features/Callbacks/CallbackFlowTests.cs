using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Callbacks;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Callbacks;

/// <summary>Work-order events drive a repair request to completion; the desk calls back within 24 hours.</summary>
public sealed class CallbackFlowTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Work_order_events_move_a_repair_request_to_in_progress_completed_and_closed_even_when_delivered_twice()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var request = await RecordRepairAsync(estateId, units[0]);
        var workOrderId = await RouteAsync(estateId, request.Id);
        var technician = Guid.NewGuid();

        var started = new WorkOrderStarted(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), workOrderId, request.Id, technician, "Wang");
        await PublishTwiceAsync(started);
        await Eventually.Async(async () => (await LoadAsync(request.Id)).Status == RequestStatus.InProgress, TimeSpan.FromSeconds(30));

        await PublishTwiceAsync(Completed(estateId, workOrderId, request.Id, technician));
        await Eventually.Async(async () => (await LoadAsync(request.Id)).Status == RequestStatus.Completed, TimeSpan.FromSeconds(30));
        (await LoadAsync(request.Id)).TechnicianName.Should().Be("Wang");
        await Eventually.Async(async () => (await CallbacksOfAsync(request.Id)).Count == 1, TimeSpan.FromSeconds(30));
        var callback = (await CallbacksOfAsync(request.Id)).Single();
        callback.Selection.Should().Be(CallbackSelection.Repair);
        callback.TechnicianId.Should().Be(technician);
        // An ordinary repair: called back the same estate-local day (Shanghai).
        callback.Due.DueAt.Should().Be(EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30)).EndOfLocalDay(callback.CreatedAt));
        callback.Policy.Should().Be(Callback.SameDayDeadline);

        await PublishTwiceAsync(new WorkOrderClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), workOrderId, request.Id));
        await Eventually.Async(async () => (await LoadAsync(request.Id)).Status == RequestStatus.Closed, TimeSpan.FromSeconds(30));
        (await CallbacksOfAsync(request.Id)).Should().HaveCount(1, "redelivered completions open no second callback");
    }

    [Fact]
    public async Task A_chargeable_repair_is_called_back_as_a_paid_service()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var request = await RecordRepairAsync(estateId, units[0]);
        var workOrderId = await RouteAsync(estateId, request.Id);

        await reception.Bus.Publish(Completed(estateId, workOrderId, request.Id, Guid.NewGuid(), chargeable: true), Ct);

        await Eventually.Async(async () => (await CallbacksOfAsync(request.Id)).Count == 1, TimeSpan.FromSeconds(30));
        (await CallbacksOfAsync(request.Id)).Single().Selection.Should().Be(CallbackSelection.PaidService);
    }

    [Fact]
    public async Task A_satisfied_callback_publishes_the_scores_and_the_technician_for_the_appraisal()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (request, callback, technician) = await CompletedRepairAsync(estateId, units[0]);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var response = await clerk.PostAsJsonAsync($"/api/reception/callbacks/{callback.Id}/complete",
            new { attitude = 5, quality = 4, speed = 3, suggestions = "Call before coming" }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<CallbackResponse>(ApiJson.Options, Ct))!;
        body.Satisfied.Should().BeTrue();
        body.Status.Should().Be(CallbackStatus.Completed);
        var completed = (await reception.OutboxAsync<CallbackCompleted>()).Should().ContainSingle(e => e.CallbackId == callback.Id).Which;
        completed.Should().Match<CallbackCompleted>(e =>
            e.TechnicianId == technician && e.Attitude == 5 && e.Quality == 4 && e.Speed == 3 && e.Satisfied && e.WithinDeadline && e.RequestId == request.Id);
        (await LoadAsync(request.Id)).Status.Should().Be(RequestStatus.Completed);
        (await reception.OutboxAsync<RequestReopened>()).Should().NotContain(e => e.RequestId == request.Id);

        var again = await clerk.PostAsJsonAsync($"/api/reception/callbacks/{callback.Id}/complete", new { attitude = 1, quality = 1, speed = 1 }, Ct);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_dissatisfied_callback_reopens_the_request_and_tells_maintenance()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (request, callback, _) = await CompletedRepairAsync(estateId, units[0]);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var response = await clerk.PostAsJsonAsync($"/api/reception/callbacks/{callback.Id}/complete",
            new { attitude = 4, quality = 1, speed = 4, shortcomings = "Still dripping" }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var reopened = await LoadAsync(request.Id);
        reopened.Status.Should().Be(RequestStatus.Reopened);
        reopened.ReopenCount.Should().Be(1);
        (await reception.OutboxAsync<RequestReopened>()).Should().ContainSingle(e => e.RequestId == request.Id && e.WorkOrderId == request.WorkOrderId)
            .Which.Reason.Should().Contain("Still dripping");
        (await reception.OutboxAsync<CallbackCompleted>()).Should().ContainSingle(e => e.CallbackId == callback.Id && !e.Satisfied);
    }

    [Fact]
    public async Task Callback_scores_out_of_range_are_refused_naming_each_field_and_nothing_changes()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (_, callback, _) = await CompletedRepairAsync(estateId, units[0]);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var response = await clerk.PostAsJsonAsync($"/api/reception/callbacks/{callback.Id}/complete", new { attitude = 0, quality = 6 }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        problem.Should().Contain("\"attitude\"").And.Contain("\"quality\"").And.Contain("\"speed\"");
        (await CallbacksOfAsync(callback.RequestId)).Single().Status.Should().Be(CallbackStatus.Pending);
    }

    [Fact]
    public async Task Only_the_estates_desk_makes_callbacks()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var (_, callback, _) = await CompletedRepairAsync(estateId, units[0]);
        var scores = new { attitude = 5, quality = 5, speed = 5 };

        var technician = await reception.CreateClient(TestCaller.Staff("technician", estateId))
            .PostAsJsonAsync($"/api/reception/callbacks/{callback.Id}/complete", scores, Ct);
        var owner = await reception.CreateClient(TestCaller.Owner(estateId, units[0]))
            .PostAsJsonAsync($"/api/reception/callbacks/{callback.Id}/complete", scores, Ct);
        var stranger = await reception.CreateClient(TestCaller.Clerk(otherEstate))
            .PostAsJsonAsync($"/api/reception/callbacks/{callback.Id}/complete", scores, Ct);

        technician.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        owner.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        stranger.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var theirList = await reception.CreateClient(TestCaller.Clerk(otherEstate))
            .GetFromJsonAsync<Page<CallbackResponse>>("/api/reception/callbacks", ApiJson.Options, Ct);
        theirList!.Items.Should().NotContain(c => c.Id == callback.Id);
    }

    [Fact]
    public async Task An_owner_answers_the_callback_of_their_own_unit_in_the_app_and_dissatisfied_reopens_the_request()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 2);
        var (request, callback, _) = await CompletedRepairAsync(estateId, units[0]);
        var owner = reception.CreateClient(TestCaller.Owner(estateId, units[0]));
        var otherOwner = reception.CreateClient(TestCaller.Owner(estateId, units[1]));

        var mine = await owner.GetFromJsonAsync<Page<CallbackResponse>>($"/api/reception/callbacks/mine?requestId={request.Id}", ApiJson.Options, Ct);
        var notTheirs = await otherOwner.GetFromJsonAsync<Page<CallbackResponse>>("/api/reception/callbacks/mine", ApiJson.Options, Ct);
        var answeredByAnother = await otherOwner.PostAsJsonAsync($"/api/reception/callbacks/{callback.Id}/answers", new { attitude = 5, quality = 5, speed = 5 }, Ct);
        var answered = await owner.PostAsJsonAsync($"/api/reception/callbacks/{callback.Id}/answers",
            new { attitude = 4, quality = 2, speed = 4, shortcomings = "Still damp under the sink", suggestions = "Bring a dryer" }, Ct);

        mine!.Items.Should().ContainSingle(c => c.Id == callback.Id && c.Status == CallbackStatus.Pending);
        notTheirs!.Items.Should().NotContain(c => c.Id == callback.Id);
        answeredByAnother.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        answered.StatusCode.Should().Be(HttpStatusCode.OK, await answered.Content.ReadAsStringAsync(Ct));
        (await answered.Content.ReadFromJsonAsync<CallbackResponse>(ApiJson.Options, Ct))!.Satisfied.Should().BeFalse();
        (await LoadAsync(request.Id)).Status.Should().Be(RequestStatus.Reopened);
        (await reception.OutboxAsync<RequestReopened>()).Should().ContainSingle(e => e.RequestId == request.Id)
            .Which.Reason.Should().Contain("Still damp under the sink");
    }

    [Fact]
    public async Task A_callback_not_made_in_time_is_listed_overdue_and_breaches_to_the_supervisor()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var request = await RecordRepairAsync(estateId, units[0]);
        var workOrderId = await RouteAsync(estateId, request.Id);
        var completedAt = DateTimeOffset.UtcNow.AddHours(-25);
        await reception.Bus.Publish(Completed(estateId, workOrderId, request.Id, Guid.NewGuid()) with { OccurredAt = completedAt }, Ct);
        await Eventually.Async(async () => (await CallbacksOfAsync(request.Id)).Count == 1, TimeSpan.FromSeconds(30));
        var callback = (await CallbacksOfAsync(request.Id)).Single();

        await reception.CheckDeadlinesAsync();

        var overdue = await reception.CreateClient(TestCaller.Clerk(estateId))
            .GetFromJsonAsync<Page<CallbackResponse>>($"/api/reception/callbacks?estateId={estateId}&overdue=true", ApiJson.Options, Ct);
        overdue!.Items.Should().ContainSingle(c => c.Id == callback.Id && c.Overdue);
        var breaches = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().SlaEvents.AsNoTracking()
            .Where(e => e.SubjectId == callback.Id && e.Kind == SlaEventKind.Breached).ToListAsync(Ct));
        breaches.Should().ContainSingle(e => e.Policy == Callback.SameDayDeadline.Name && e.NotifiedRole == "cs-supervisor");
    }

    [Fact]
    public async Task The_desk_routes_and_resolves_an_inquiry_but_cannot_route_a_repair_and_names_a_bad_department()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var inquiry = await RecordAsync(clerk, estateId, units[0], "inquiry");
        var repair = await RecordRepairAsync(estateId, units[0]);

        var bad = await clerk.PostAsJsonAsync($"/api/reception/requests/{inquiry.Id}/route", new { department = "kitchen" }, Ct);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Ct)).Should().Contain("\"department\"");
        (await LoadAsync(inquiry.Id)).Status.Should().Be(RequestStatus.Received);

        var routed = await clerk.PostAsJsonAsync($"/api/reception/requests/{inquiry.Id}/route", new { department = "billing", assignee = "Cashier Zhao" }, Ct);
        routed.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = (await routed.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        body.Status.Should().Be(RequestStatus.Routed);
        body.RoutedTo.Should().Be(Department.Billing);
        body.RoutedAt.Should().NotBeNull();
        body.RoutingBreached.Should().BeFalse();

        var resolved = await clerk.PostAsJsonAsync($"/api/reception/requests/{inquiry.Id}/resolve", new { resolution = "Explained the fee schedule" }, Ct);
        (await resolved.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!.Status.Should().Be(RequestStatus.Completed);
        var tally = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().CallbackSampleTallies.AsNoTracking()
            .SingleAsync(t => t.EstateId == estateId, Ct));
        tally.Should().Match<CallbackSampleTally>(t => t.Eligible == 1 && t.Sampled == 1, "the first eligible request is sampled to keep the sample at 10 %");
        (await CallbacksOfAsync(inquiry.Id)).Should().ContainSingle(c => c.Selection == CallbackSelection.Sample && c.SampleDraw != null);

        var routeRepair = await clerk.PostAsJsonAsync($"/api/reception/requests/{repair.Id}/route", new { department = "maintenance" }, Ct);
        routeRepair.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_paid_service_resolved_at_the_desk_is_always_called_back_and_a_closed_complaint_feeds_the_sample()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var supervisor = reception.CreateClient(TestCaller.Staff("cs-supervisor", estateId));
        var manager = reception.CreateClient(TestCaller.Staff("estate-manager", estateId));
        var rate = await manager.PutAsJsonAsync($"/api/reception/estates/{estateId}/callback-sampling", new { rate = 0.05m }, Ct);
        (await rate.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("rate");
        (await manager.PutAsJsonAsync($"/api/reception/estates/{estateId}/callback-sampling", new { rate = 1.00m }, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var paid = await RecordAsync(clerk, estateId, units[0], "basicService");
        (await clerk.PostAsJsonAsync($"/api/reception/requests/{paid.Id}/route", new { department = "management" }, Ct)).EnsureSuccessStatusCode();

        (await clerk.PostAsJsonAsync($"/api/reception/requests/{paid.Id}/resolve", new { resolution = "Door lock changed (paid)", paidService = true }, Ct))
            .EnsureSuccessStatusCode();
        var complaint = (await RecordAsync(clerk, estateId, units[0], "complaint"));
        var complaintId = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Complaints.Where(c => c.RequestId == complaint.Id).Select(c => c.Id).SingleAsync(Ct));
        foreach (var (client, step, body) in new (HttpClient, string, object)[]
        {
            (clerk, "classify", new { kind = "complaint", category = "noise" }),
            (supervisor, "assign", new { department = "management", responsiblePerson = "Manager Sun" }),
            (clerk, "resolve", new { note = "Neighbour warned" }),
            (clerk, "inform", new { note = "Told by phone" }),
            (clerk, "satisfaction", new { score = 4 }),
        })
        {
            (await client.PostAsJsonAsync($"/api/reception/complaints/{complaintId}/{step}", body, Ct)).EnsureSuccessStatusCode();
        }

        (await CallbacksOfAsync(paid.Id)).Should().ContainSingle(c => c.Selection == CallbackSelection.PaidService, "every paid service is called back");
        (await CallbacksOfAsync(complaint.Id)).Should().ContainSingle(c => c.Selection == CallbackSelection.Sample, "the estate samples all of its other requests now");
    }

    [Fact]
    public async Task The_monthly_report_measures_repair_callbacks_against_98_percent_and_satisfaction_against_90_percent()
    {
        var (estateId, units) = await reception.NewEstateAsync(2);
        var (_, called, _) = await CompletedRepairAsync(estateId, units[0]);
        await CompletedRepairAsync(estateId, units[1]);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        (await clerk.PostAsJsonAsync($"/api/reception/callbacks/{called.Id}/complete", new { attitude = 5, quality = 5, speed = 5 }, Ct))
            .EnsureSuccessStatusCode();
        var month = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var report = await reception.CreateClient(TestCaller.Staff("estate-manager", estateId))
            .GetFromJsonAsync<CallbackReportResponse>($"/api/reception/callbacks/report?estateId={estateId}&month={month}", ApiJson.Options, Ct);

        report!.Repairs.Should().Match<CallbackCoverage>(r => r.Due == 2 && r.Called == 1 && r.CalledInTime == 1 && r.Rate == 0.5m && !r.MeetsTarget && r.Target == 0.98m);
        report.PaidServices.Due.Should().Be(0);
        report.PaidServices.MeetsTarget.Should().BeTrue("nothing was due");
        report.Satisfaction.Should().Match<SatisfactionLine>(s => s.Answered == 1 && s.Satisfied == 1 && s.Rate == 1m && s.MeetsTarget);
        var badMonth = await clerk.GetAsync($"/api/reception/callbacks/report?estateId={estateId}&month=November", Ct);
        badMonth.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badMonth.Content.ReadAsStringAsync(Ct)).Should().Contain("\"month\"");
    }

    private static WorkOrderCompleted Completed(Guid estateId, Guid workOrderId, Guid requestId, Guid technician, bool chargeable = false) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), workOrderId, requestId, null, technician, "Wang", "plumbing",
            chargeable, chargeable ? 80.00m : null, chargeable ? "CNY" : null);

    private async Task<(RequestResponse Request, Callback Callback, Guid Technician)> CompletedRepairAsync(Guid estateId, Guid unitId)
    {
        var request = await RecordRepairAsync(estateId, unitId);
        var workOrderId = await RouteAsync(estateId, request.Id);
        var technician = Guid.NewGuid();
        await reception.Bus.Publish(Completed(estateId, workOrderId, request.Id, technician), Ct);
        await Eventually.Async(async () => (await CallbacksOfAsync(request.Id)).Count == 1, TimeSpan.FromSeconds(30));
        var loaded = await LoadAsync(request.Id);
        return (request with { WorkOrderId = loaded.WorkOrderId }, (await CallbacksOfAsync(request.Id)).Single(), technician);
    }

    private async Task<Guid> RouteAsync(Guid estateId, Guid requestId)
    {
        var workOrderId = Guid.NewGuid();
        await reception.Bus.Publish(new WorkOrderCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), workOrderId, requestId, "Normal"), Ct);
        await Eventually.Async(async () => (await LoadAsync(requestId)).Status == RequestStatus.Routed, TimeSpan.FromSeconds(30));
        return workOrderId;
    }

    private Task<RequestResponse> RecordRepairAsync(Guid estateId, Guid unitId) =>
        RecordAsync(reception.CreateClient(TestCaller.Clerk(estateId)), estateId, unitId, "repair");

    private static async Task<RequestResponse> RecordAsync(HttpClient client, Guid estateId, Guid unitId, string category)
    {
        var response = await client.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId,
            unitId,
            channel = "phone",
            category,
            description = "Kitchen tap leaking",
            requesterName = "Chen",
        }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
    }

    private async Task PublishTwiceAsync<T>(T message) where T : class
    {
        await reception.Bus.Publish(message, Ct);
        await reception.Bus.Publish(message, Ct);
    }

    private Task<CustomerRequest> LoadAsync(Guid id) => reception.InScopeAsync(sp =>
        sp.GetRequiredService<ReceptionDbContext>().Requests.AsNoTracking().SingleAsync(r => r.Id == id, Ct));

    private Task<List<Callback>> CallbacksOfAsync(Guid requestId) => reception.InScopeAsync(sp =>
        sp.GetRequiredService<ReceptionDbContext>().Callbacks.AsNoTracking().Where(c => c.RequestId == requestId).ToListAsync(Ct));
}
