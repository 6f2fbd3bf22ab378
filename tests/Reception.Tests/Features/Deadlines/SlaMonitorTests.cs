using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Sla;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Deadlines;

public sealed class SlaMonitorTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_not_routed_within_5_minutes_is_recorded_published_and_escalated_to_the_supervisor_once()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var request = await RecordedAgoAsync(estateId, units[0], TimeSpan.FromMinutes(10));

        await CheckAsync();
        await CheckAsync();

        var events = await EventsOfAsync(request.Id, CustomerRequest.RoutingRule.Name);
        var breach = events.Should().ContainSingle(e => e.Kind == SlaEventKind.Breached).Which;
        breach.NotifiedRole.Should().Be("cs-supervisor");
        breach.DueAt.Should().BeCloseTo(request.Routing.DueAt, TimeSpan.FromMilliseconds(1));
        breach.OccurredAt.Should().Be(breach.DueAt, "a breach happens at the deadline, whenever the monitor notices");
        events.Should().NotContain(e => e.Kind == SlaEventKind.Escalated, "the manager hears of it only 30 minutes after the breach");
        var published = await reception.OutboxAsync<SlaBreached>();
        published.Should().ContainSingle(e => e.SubjectId == request.Id && e.Policy == "request-routing" && e.Service == "reception" && e.EstateId == estateId);
    }

    [Fact]
    public async Task A_request_still_unrouted_30_minutes_after_the_breach_escalates_to_the_estate_manager()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var request = await RecordedAgoAsync(estateId, units[0], TimeSpan.FromMinutes(40));

        await CheckAsync();

        var events = await EventsOfAsync(request.Id, CustomerRequest.RoutingRule.Name);
        events.Should().ContainSingle(e => e.Kind == SlaEventKind.Escalated && e.Level == 2 && e.NotifiedRole == "estate-manager");
        (await reception.OutboxAsync<SlaEscalated>()).Should().ContainSingle(e => e.SubjectId == request.Id && e.Level == 2);
    }

    [Fact]
    public async Task A_request_routed_in_time_never_breaches()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var request = await RecordedAgoAsync(estateId, units[0], TimeSpan.FromMinutes(10), routedAfter: TimeSpan.FromMinutes(3));

        await CheckAsync();

        (await EventsOfAsync(request.Id, CustomerRequest.RoutingRule.Name)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_breach_list_shows_an_estates_breaches_to_its_supervisor_and_the_summary_counts_them_but_not_to_another_estate()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var request = await RecordedAgoAsync(estateId, units[0], TimeSpan.FromMinutes(10));
        await CheckAsync();

        var supervisor = reception.CreateClient(TestCaller.Staff("cs-supervisor", estateId));
        var page = await supervisor.GetFromJsonAsync<Page<SlaEventResponse>>($"/api/reception/sla-events?estateId={estateId}", ApiJson.Options, Ct);
        page!.Items.Should().ContainSingle(e => e.SubjectId == request.Id && e.Policy == "request-routing" && e.Kind == SlaEventKind.Breached);

        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        var summary = await supervisor.GetFromJsonAsync<SlaSummaryResponse>($"/api/reception/sla-events/summary?estateId={estateId}&from={from}&to={to}", ApiJson.Options, Ct);
        summary!.Counts.Should().ContainSingle(c => c.Policy == "request-routing" && c.Kind == SlaEventKind.Breached).Which.Count.Should().Be(1);

        var stranger = reception.CreateClient(TestCaller.Staff("cs-supervisor", otherEstate));
        var theirs = await stranger.GetFromJsonAsync<Page<SlaEventResponse>>($"/api/reception/sla-events?estateId={estateId}", ApiJson.Options, Ct);
        theirs!.Items.Should().BeEmpty();
        (await stranger.GetAsync($"/api/reception/sla-events/summary?estateId={estateId}&from={from}&to={to}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reception.CreateClient(TestCaller.Clerk(estateId)).GetAsync("/api/reception/sla-events", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_breach_summary_needs_a_period_and_names_what_is_missing()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var supervisor = reception.CreateClient(TestCaller.Staff("cs-supervisor", estateId));

        var response = await supervisor.GetAsync($"/api/reception/sla-events/summary?estateId={estateId}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.Should().Contain("\"from\"").And.Contain("\"to\"");
    }

    [Fact]
    public async Task A_broken_clock_is_skipped_and_every_other_deadline_is_still_checked()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var broken = await RecordedAgoAsync(estateId, units[0], TimeSpan.FromMinutes(10));
        var sound = await RecordedAgoAsync(estateId, units[0], TimeSpan.FromMinutes(10));
        await reception.InScopeAsync(services => services.GetRequiredService<ReceptionDbContext>().Database
            .ExecuteSqlAsync($"UPDATE customer_requests SET routing_policy = '' WHERE id = {broken.Id}", Ct));

        await CheckAsync();

        (await EventsOfAsync(sound.Id, CustomerRequest.RoutingRule.Name)).Should().ContainSingle(e => e.Kind == SlaEventKind.Breached);
        (await EventsOfAsync(broken.Id, CustomerRequest.RoutingRule.Name)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_complaint_breach_names_the_responsible_staff_member_when_assigned_to_a_staff_id_and_nobody_for_a_name()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var guard = Guid.NewGuid();
        var toStaff = await AssignedAgoAsync(estateId, units[0], guard.ToString(), TimeSpan.FromDays(8));
        var toName = await AssignedAgoAsync(estateId, units[0], "Captain Ma", TimeSpan.FromDays(8));

        await CheckAsync();

        var breaches = (await reception.OutboxAsync<SlaBreached>()).Where(b => b.Policy == Complaint.Deadline.Name).ToList();
        breaches.Should().ContainSingle(b => b.SubjectId == toStaff.Id).Which.ResponsibleStaffId.Should().Be(guard);
        breaches.Should().ContainSingle(b => b.SubjectId == toName.Id).Which.ResponsibleStaffId.Should().BeNull();
    }

    private Task<int> CheckAsync() => reception.CheckDeadlinesAsync();

    /// <summary>A request as if recorded <paramref name="ago"/> (optionally routed some minutes after intake).</summary>
    private Task<CustomerRequest> RecordedAgoAsync(Guid estateId, Guid unitId, TimeSpan ago, TimeSpan? routedAfter = null) =>
        reception.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ReceptionDbContext>();
            var estate = await db.Estates.SingleAsync(e => e.Id == estateId, Ct);
            var receivedAt = DateTimeOffset.UtcNow - ago;
            var request = RequestIntake.Open(
                db, estate, new NewRequest(unitId, RequestChannel.Phone, RequestCategory.Inquiry, Urgency.Normal, "Where is the gym?", "Chen"),
                "clerk", receivedAt, Guid.NewGuid());
            if (routedAfter is { } after)
            {
                request.MarkRouted(Guid.NewGuid(), receivedAt + after);
            }

            await db.SaveChangesAsync(Ct);
            return request;
        });

    /// <summary>A complaint assigned <paramref name="ago"/> with one working hour to resolve it: long past due.</summary>
    private Task<Complaint> AssignedAgoAsync(Guid estateId, Guid unitId, string responsiblePerson, TimeSpan ago) =>
        reception.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ReceptionDbContext>();
            var estate = await db.Estates.SingleAsync(e => e.Id == estateId, Ct);
            var at = DateTimeOffset.UtcNow - ago;
            var request = RequestIntake.Open(
                db, estate, new NewRequest(unitId, RequestChannel.Phone, RequestCategory.Complaint, Urgency.Normal, "Guard was rude", "Chen"),
                "clerk", at, Guid.NewGuid());
            var supervisor = new Actor("supervisor", "Supervisor Wu");
            // Intake records the complaint of a complaint-category request.
            var complaint = db.ChangeTracker.Entries<Complaint>().Single(e => e.Entity.RequestId == request.Id).Entity;
            complaint.Classify(ComplaintKind.Complaint, ComplaintCategory.Security, supervisor, at);
            complaint.Assign(Department.Security, responsiblePerson, TimeSpan.FromHours(1), estate.Calendar(), supervisor, at);
            await db.SaveChangesAsync(Ct);
            return complaint;
        });

    private Task<List<SlaEvent>> EventsOfAsync(Guid subjectId, string policy) => reception.InScopeAsync(services =>
        services.GetRequiredService<ReceptionDbContext>().SlaEvents.AsNoTracking()
            .Where(e => e.SubjectId == subjectId && e.Policy == policy).ToListAsync(Ct));
}
