using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Consumers;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Appointments;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Appointments;

public sealed class AppointmentsApiTests(ReceptionService reception) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Guid _estateId;
    private Guid _unitId;
    private Guid _otherUnitId;
    private Guid _ownerId;

    public async ValueTask InitializeAsync()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 2);
        (_estateId, _unitId, _otherUnitId) = (estateId, units[0], units[1]);
        _ownerId = await reception.AddOwnerAsync(_estateId, _unitId);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private HttpClient Clerk => field ??= reception.CreateClient(TestCaller.Clerk(_estateId));

    private HttpClient Owner => field ??= reception.CreateClient(TestCaller.OwnerAccount(_ownerId, _estateId, _unitId));

    private async Task<RequestResponse> RepairAsync(object? agreedAppointmentAt = null)
    {
        var response = await Clerk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = _estateId, unitId = _unitId, channel = "phone", category = "repair", description = "Heating radiator cold", requesterName = "Li Na",
            agreedAppointmentAt,
        }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
    }

    private AppointmentProposed Proposal(Guid requestId, Guid workOrderId, DateTimeOffset startsAt, DateTimeOffset? occurredAt = null) =>
        new(Guid.CreateVersion7(), occurredAt ?? DateTimeOffset.UtcNow, _estateId, Guid.NewGuid(), Guid.CreateVersion7(), workOrderId, requestId, _unitId, "hvac",
            startsAt, startsAt.AddHours(2));

    private async Task<AppointmentResponse> WaitForAsync(Guid appointmentId)
    {
        AppointmentResponse? found = null;
        await Eventually.Async(async () =>
        {
            var response = await Clerk.GetAsync($"/api/reception/appointments/{appointmentId}", Ct);
            found = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<AppointmentResponse>(ApiJson.Options, Ct) : null;
            return found is not null;
        }, TimeSpan.FromSeconds(20), "reception keeps maintenance's proposal");
        return found!;
    }

    private static DateTimeOffset Tomorrow(int hour) => new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(hour), TimeSpan.Zero);

    [Fact]
    public async Task The_owner_confirms_the_proposed_visit_which_goes_to_maintenance_and_onto_the_request()
    {
        var request = await RepairAsync();
        var proposal = Proposal(request.Id, Guid.NewGuid(), Tomorrow(2));

        await reception.Bus.Publish(proposal, Ct);
        var waiting = await WaitForAsync(proposal.AppointmentId);
        var confirmed = await Owner.PostAsJsonAsync($"/api/reception/appointments/{proposal.AppointmentId}/confirm", new { }, Ct);

        waiting.Status.Should().Be(AppointmentStatus.Proposed);
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await confirmed.Content.ReadFromJsonAsync<AppointmentResponse>(ApiJson.Options, Ct))!.Status.Should().Be(AppointmentStatus.Confirmed);
        var answer = (await reception.OutboxAsync<AppointmentConfirmed>()).Should().ContainSingle(e => e.AppointmentId == proposal.AppointmentId).Which;
        answer.Should().Match<AppointmentConfirmed>(e => e.WorkOrderId == proposal.WorkOrderId && e.RequestId == request.Id
            && e.StartsAt == proposal.StartsAt && e.EndsAt == proposal.EndsAt);
        (await Clerk.GetFromJsonAsync<RequestResponse>($"/api/reception/requests/{request.Id}", ApiJson.Options, Ct))!.AgreedAppointmentAt.Should().Be(proposal.StartsAt);
        (await reception.OutboxAsync<NotificationRequested>()).Should().Contain(n =>
            n.RecipientId == _ownerId && n.TemplateKey == NotificationTemplates.AppointmentProposed && n.Data["appointmentId"] == proposal.AppointmentId.ToString());
    }

    [Fact]
    public async Task The_desk_agrees_another_time_once_and_other_estates_and_units_cannot_answer()
    {
        var request = await RepairAsync();
        var proposal = Proposal(request.Id, Guid.NewGuid(), Tomorrow(3));
        await reception.Bus.Publish(proposal, Ct);
        await WaitForAsync(proposal.AppointmentId);
        var path = $"/api/reception/appointments/{proposal.AppointmentId}/confirm";

        var byOtherEstate = await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid())).PostAsJsonAsync(path, new { }, Ct);
        var byOtherUnitsOwner = await reception.CreateClient(TestCaller.Owner(_estateId, _otherUnitId)).PostAsJsonAsync(path, new { }, Ct);
        var other = await Clerk.PostAsJsonAsync(path, new { startsAt = Tomorrow(6), endsAt = Tomorrow(8) }, Ct);
        var again = await Owner.PostAsJsonAsync(path, new { }, Ct);

        byOtherEstate.StatusCode.Should().Be(HttpStatusCode.NotFound);
        byOtherUnitsOwner.StatusCode.Should().Be(HttpStatusCode.NotFound);
        other.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await reception.OutboxAsync<AppointmentConfirmed>()).Should().ContainSingle(e => e.AppointmentId == proposal.AppointmentId)
            .Which.Should().Match<AppointmentConfirmed>(e => e.StartsAt == Tomorrow(6) && e.EndsAt == Tomorrow(8));
    }

    [Fact]
    public async Task A_newer_proposal_supersedes_the_older_whatever_order_they_arrive_in_and_only_it_can_be_confirmed()
    {
        var request = await RepairAsync();
        var workOrderId = Guid.NewGuid();
        var older = Proposal(request.Id, workOrderId, Tomorrow(2), DateTimeOffset.UtcNow.AddMinutes(-10));
        var newer = Proposal(request.Id, workOrderId, Tomorrow(5), DateTimeOffset.UtcNow);

        await reception.InScopeAsync(async sp =>
        {
            foreach (var proposal in new[] { newer, older, newer })
            {
                await new AppointmentProposedConsumer(sp.GetRequiredService<ReceptionDbContext>(), TimeProvider.System).ConsumeAsync(proposal, Ct);
            }

            return true;
        });

        (await WaitForAsync(older.AppointmentId)).Status.Should().Be(AppointmentStatus.Superseded);
        (await WaitForAsync(newer.AppointmentId)).Status.Should().Be(AppointmentStatus.Proposed);
        (await Owner.PostAsJsonAsync($"/api/reception/appointments/{older.AppointmentId}/confirm", new { }, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Owner.PostAsJsonAsync($"/api/reception/appointments/{newer.AppointmentId}/confirm", new { }, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var pending = (await Clerk.GetFromJsonAsync<Page<AppointmentResponse>>($"/api/reception/appointments?estateId={_estateId}&status=Proposed", ApiJson.Options, Ct))!;
        pending.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_times_are_refused_naming_each_field_and_change_nothing()
    {
        var request = await RepairAsync();
        var proposal = Proposal(request.Id, Guid.NewGuid(), Tomorrow(2));
        await reception.Bus.Publish(proposal, Ct);
        await WaitForAsync(proposal.AppointmentId);
        var path = $"/api/reception/appointments/{proposal.AppointmentId}/confirm";

        var past = await Clerk.PostAsJsonAsync(path, new { startsAt = DateTimeOffset.UtcNow.AddHours(-1), endsAt = DateTimeOffset.UtcNow.AddHours(-2) }, Ct);
        var halfGiven = await Clerk.PostAsJsonAsync(path, new { startsAt = Tomorrow(4) }, Ct);
        var inquiryWithVisit = await Clerk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = _estateId, unitId = _unitId, channel = "phone", category = "inquiry", description = "When is the water back?", requesterName = "Li Na",
            agreedAppointmentAt = Tomorrow(9),
        }, Ct);

        (await past.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["startsAt", "endsAt"]);
        (await halfGiven.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("endsAt");
        (await inquiryWithVisit.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("agreedAppointmentAt");
        (await WaitForAsync(proposal.AppointmentId)).Status.Should().Be(AppointmentStatus.Proposed);
        (await reception.OutboxAsync<AppointmentConfirmed>()).Should().NotContain(e => e.AppointmentId == proposal.AppointmentId);
    }

    [Fact]
    public async Task A_visit_time_agreed_at_intake_travels_with_the_repair_to_maintenance()
    {
        var visit = Tomorrow(1);

        var request = await RepairAsync(visit);

        request.AgreedAppointmentAt.Should().Be(visit);
        (await reception.OutboxAsync<RepairRequested>()).Should().ContainSingle(e => e.RequestId == request.Id).Which.AgreedAppointmentAt.Should().Be(visit);
    }
}
