using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Contracts.HrTraining.Grpc;
using PropertyPlatform.HrTraining.Features.Attendance;
using PropertyPlatform.HrTraining.Tests.Features.Attendance;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.HrTraining.Tests.Grpc;

public sealed class StaffDirectoryServiceTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => HrTrainingService.LocalToday;

    /// <summary>A directory client calling as maintenance's dispatch would: a client-credentials token for the hr-training audience.</summary>
    private StaffDirectory.StaffDirectoryClient Client(TestCaller? caller = null)
    {
        var token = TestTokens.Create(caller ?? TestCaller.Service(PlatformAudiences.Maintenance), PlatformAudiences.HrTraining);
        var channel = GrpcChannel.ForAddress(hr.Factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = hr.Factory.Server.CreateHandler(),
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("Authorization", $"Bearer {token}");
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        return new StaffDirectory.StaffDirectoryClient(channel);
    }

    /// <summary>Puts the person on today's published roster for the whole local day (00:00 to 00:00 the next day).</summary>
    private async Task OnDutyAllDayAsync(Guid estate, Guid staffId, string? trade = "plumbing", string? post = null)
    {
        var planner = hr.Manager(estate);
        (await planner.PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId = estate, day = Staffing.Day(Today), staffId, shift = "day", startsAt = "00:00", endsAt = "00:00", trade, post,
        }, Ct)).EnsureSuccessStatusCode();
    }

    private Task<HttpResponseMessage> PublishTodayAsync(Guid estate) =>
        hr.Manager(estate).PostAsJsonAsync("/api/hr-training/rosters/publish", new { estateId = estate, day = Staffing.Day(Today) }, Ct);

    [Fact]
    public async Task The_directory_lists_the_certified_staff_on_duty_now_for_a_trade_and_drops_them_when_their_certification_is_revoked()
    {
        var estate = await hr.NewEstateAsync();
        var onDuty = await hr.HireAsync([estate], name: "On Duty");
        var otherTrade = await hr.HireAsync([estate], ["electrical"], name: "Electrician");
        var notPublished = await hr.HireAsync([estate], name: "Planned Later");
        var certification = await hr.CertifyAsync(onDuty.StaffId, estate, validUntil: Today.AddDays(40));
        await hr.CertifyAsync(otherTrade.StaffId, estate, trade: "electrical");
        await hr.CertifyAsync(notPublished.StaffId, estate);
        await OnDutyAllDayAsync(estate, onDuty.StaffId, "plumbing");
        await OnDutyAllDayAsync(estate, otherTrade.StaffId, "electrical");
        (await PublishTodayAsync(estate)).EnsureSuccessStatusCode();
        await OnDutyAllDayAsync(estate, notPublished.StaffId, "plumbing");

        var plumbers = await Client().ListOnDutyAsync(new OnDutyQuery { EstateId = estate.ToString(), Trade = "plumbing" }, cancellationToken: Ct);

        var person = plumbers.Staff.Should().ContainSingle().Which;
        person.StaffId.Should().Be(onDuty.StaffId.ToString());
        person.DisplayName.Should().Be("On Duty");
        person.CertifiedUntil.Should().Be(Staffing.Day(Today.AddDays(40)));

        (await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/certifications/{certification.Id}/revoke", new { reason = "Sanction" }, Ct))
            .EnsureSuccessStatusCode();
        (await Client().ListOnDutyAsync(new OnDutyQuery { EstateId = estate.ToString(), Trade = "plumbing" }, cancellationToken: Ct))
            .Staff.Should().BeEmpty("a revoked certification takes the person off duty at once");
    }

    [Fact]
    public async Task The_directory_drops_people_whose_employment_ended_or_who_no_longer_work_in_the_estate()
    {
        var home = await hr.NewEstateAsync();
        var estate = await hr.NewEstateAsync();
        var moved = await hr.HireAsync([home, estate], name: "Moved");
        var left = await hr.HireAsync([estate], name: "Left");
        await hr.CertifyAsync(moved.StaffId, estate, trade: null, post: "gate");
        await hr.CertifyAsync(left.StaffId, estate, trade: null, post: "gate");
        await OnDutyAllDayAsync(estate, moved.StaffId, trade: null, post: "gate");
        await OnDutyAllDayAsync(estate, left.StaffId, trade: null, post: "gate");
        (await PublishTodayAsync(estate)).EnsureSuccessStatusCode();
        var query = new OnDutyQuery { EstateId = estate.ToString(), Post = "gate" };
        (await Client().ListOnDutyAsync(query, cancellationToken: Ct)).Staff.Should().HaveCount(2);

        (await hr.Hr(home, estate).PutAsJsonAsync($"/api/hr-training/staff/{moved.StaffId}", new
        {
            displayName = "Moved", position = "gate guard", trades = Array.Empty<string>(), homeEstateId = home, estateIds = new[] { home },
        }, Ct)).EnsureSuccessStatusCode();
        (await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/staff/{left.StaffId}/end",
            new { lastDay = Staffing.Day(Today), reason = "Resigned" }, Ct)).EnsureSuccessStatusCode();

        (await Client().ListOnDutyAsync(query, cancellationToken: Ct)).Staff.Should().BeEmpty();
    }

    [Fact]
    public async Task Approved_leave_takes_the_person_off_the_published_roster_and_off_duty_now()
    {
        var estate = await hr.NewEstateAsync();
        var away = await hr.HireAsync([estate], name: "Going Away");
        var stays = await hr.HireAsync([estate], name: "Staying On");
        foreach (var plumber in new[] { away, stays })
        {
            await hr.CertifyAsync(plumber.StaffId, estate);
            await OnDutyAllDayAsync(estate, plumber.StaffId);
        }

        (await PublishTodayAsync(estate)).EnsureSuccessStatusCode();
        (await hr.Manager(estate).PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId = estate, day = Staffing.Day(Today.AddDays(3)), staffId = away.StaffId, shift = "day", startsAt = "08:00", endsAt = "17:30", trade = "plumbing",
        }, Ct)).EnsureSuccessStatusCode();
        var query = new OnDutyQuery { EstateId = estate.ToString(), Trade = "plumbing" };
        (await Client().ListOnDutyAsync(query, cancellationToken: Ct)).Staff.Should().HaveCount(2);
        var asked = await hr.As(away).PostAsJsonAsync("/api/hr-training/attendance/leave",
            new { kind = "Sick", from = Staffing.Day(Today), until = Staffing.Day(Today.AddDays(1)), reason = "Flu" }, Ct);
        var leave = (await asked.Content.ReadFromJsonAsync<LeaveResponse>(ApiJson.Options, Ct))!;

        (await hr.Supervisor(estate).PostAsJsonAsync($"/api/hr-training/attendance/leave/{leave.Id}/decide", new { approve = true }, Ct)).EnsureSuccessStatusCode();

        (await Client().ListOnDutyAsync(query, cancellationToken: Ct)).Staff.Select(p => p.StaffId).Should().Equal(stays.StaffId.ToString());
        var republished = await hr.PublishedAsync<DutyRosterPublished>(e => e.EstateId == estate && e.Assignments.Length == 1);
        (republished.Day, republished.Assignments[0].StaffId).Should().Be((Today, stays.StaffId));
        var later = (await hr.Manager(estate).GetFromJsonAsync<PropertyPlatform.HrTraining.Features.Rosters.RosterResponse>(
            $"/api/hr-training/rosters?estateId={estate}&day={Staffing.Day(Today.AddDays(3))}", ApiJson.Options, Ct))!;
        later.Shifts.Should().ContainSingle("a shift after the leave stays").Which.StaffId.Should().Be(away.StaffId);
    }

    [Fact]
    public async Task The_directory_refuses_a_query_without_exactly_one_trade_or_post()
    {
        var call = async () => await Client().ListOnDutyAsync(new OnDutyQuery { EstateId = Guid.NewGuid().ToString(), Trade = "plumbing", Post = "gate" }, cancellationToken: Ct);

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task The_directory_is_for_services_not_for_people()
    {
        var estate = await hr.NewEstateAsync();
        var call = async () => await Client(TestCaller.Staff(PlatformRoles.EstateManager, estate))
            .ListOnDutyAsync(new OnDutyQuery { EstateId = estate.ToString(), Trade = "plumbing" }, cancellationToken: Ct);

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
    }
}
