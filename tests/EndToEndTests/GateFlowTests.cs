using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// The gate's flows across the services, through the gateway with real tokens: an owner's pre-registered visitor is
/// admitted on the signed pass and the owner hears of it; a patrol's finding becomes a request at reception; a guard
/// whose certification expires at hr-training is taken off the post. (The parking overstay charged at billing is in
/// <see cref="BillingFlowTests"/>.)
/// </summary>
public sealed class GateFlowTests(Platform platform)
{
    private static readonly TimeSpan WaitLimit = Platform.WaitLimit;
    private static readonly string[] Guard = [PlatformRoles.GateGuard];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitor_an_owner_pre_registers_in_the_app_is_admitted_on_the_signed_pass_and_the_owner_is_notified()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var unitId = platform.UnitOf(estateId);
        var (ownerId, phone, code) = await platform.RegisterOwnerAsync(estateId, unitId, Ct);
        var address = $"owner.{Guid.NewGuid():N}@example.com";
        await Platform.OkAsync(await platform.Admin.PutAsJsonAsync($"/api/reception/owners/{ownerId}/notification-preferences", new { language = "en", email = address }, Ct));
        using var owner = await platform.ActivateOwnerAppAsync(phone, code, Ct);
        var (_, guard) = await platform.StaffAccountAsync(estateId, Guard, "E2E Guard", Ct);

        var pass = await Platform.OkAsync(await owner.PostAsJsonAsync("/api/security-gate/passes", new
        {
            estateId, unitId, visitorName = "Liu Yang", purpose = "Family dinner", validUntil = DateTimeOffset.UtcNow.AddHours(6), maxUses = 1,
        }, Ct), HttpStatusCode.Created);
        var qr = await owner.GetAsync($"/api/security-gate/passes/{pass.GetProperty("id").GetGuid()}/qr", Ct);
        qr.Content.Headers.ContentType!.MediaType.Should().Be("image/png", "the owner shares the pass as a QR code");

        var admitted = await Platform.OkAsync(await guard.PostAsJsonAsync("/api/security-gate/passes/check", new { token = pass.GetProperty("token").GetString() }, Ct));
        var again = await Platform.OkAsync(await guard.PostAsJsonAsync("/api/security-gate/passes/check", new { token = pass.GetProperty("token").GetString() }, Ct));

        (admitted.GetProperty("admitted").GetBoolean(), admitted.GetProperty("visitorName").GetString(), admitted.GetProperty("unitId").GetGuid())
            .Should().Be((true, "Liu Yang", unitId));
        admitted.GetProperty("visitId").ValueKind.Should().Be(JsonValueKind.String, "the entry is recorded as a visit");
        again.GetProperty("admitted").GetBoolean().Should().BeFalse("a single-use pass opens the gate once");
        using var catcher = new MailCatcher(platform.Endpoint("mail"));
        var mail = (await catcher.WaitForMailToAsync(address, WaitLimit, Ct)).Should().ContainSingle().Which;
        mail.Subject.Should().Be("Your visitor has arrived");
        mail.Body.Should().Contain("Liu Yang").And.Contain("Family dinner");
    }

    [Fact]
    public async Task A_patrol_finding_at_the_gate_becomes_a_customer_request_at_reception()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var (_, guard) = await platform.StaffAccountAsync(estateId, Guard, "E2E Guard", Ct);

        await Platform.OkAsync(await guard.PostAsJsonAsync("/api/security-gate/patrols/findings", new
        {
            estateId, location = "Building 1, 3rd floor stairwell", description = "Stairwell light broken", needsReception = true, needsRepair = true,
        }, Ct), HttpStatusCode.Created);

        JsonElement? request = null;
        await Eventually.Async(async () =>
        {
            var page = await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/reception/requests?estateId={estateId}", ApiJson.Options, Ct);
            request = page.GetProperty("items").EnumerateArray().Select(r => (JsonElement?)r).FirstOrDefault();
            return request is not null;
        }, WaitLimit, "reception opens a request from PatrolFindingReported");
        (request!.Value.GetProperty("channel").GetString(), request.Value.GetProperty("category").GetString()).Should().Be(("Patrol", "Repair"));
        request.Value.GetProperty("description").GetString().Should().Be("Security patrol at Building 1, 3rd floor stairwell: Stairwell light broken");
        // A broken light is a repair: the request goes on to maintenance as a work order (domain.md, flow 6).
        await platform.WorkOrderOfRequestAsync(estateId, request.Value.GetProperty("id").GetGuid(), Ct);
    }

    /// <summary>
    /// Issue 14's and 16's "certification expiry → the guard can't hold a post". A certification expires at the
    /// estate-local midnight ending its last day, found by hr-training's expiry check (at its start, then every 15
    /// minutes). No test can wait for a midnight, so the estate's day moves on instead: the estate sits at UTC−11 when
    /// the guard, certified until today, takes the post; then it moves to UTC+14 with the registry's calendar change,
    /// where today is a later day and the certification's last day has ended. hr-training is restarted from the
    /// dashboard, so its check runs at once; it announces the expiry, and security-gate takes the guard off the post.
    /// The same night ends the plumber's trade certification, and maintenance's dispatch no longer offers the plumber.
    /// </summary>
    [Fact]
    public async Task Certifications_that_expire_at_hr_training_take_the_guard_off_the_post_and_the_plumber_off_dispatch()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        await MoveEstateToAsync(estateId, "Pacific/Pago_Pago");
        var pagoPago = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Pago_Pago");
        await PastTheLastMinutesOfTheDayAsync(pagoPago);
        var localToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, pagoPago).DateTime);
        var (plumberId, _, plumbersCertification) = await platform.PlumberOnDutyAsync(estateId, Ct, pagoPago, certifiedUntil: localToday);
        var requestId = await platform.PostRepairAsync(estateId, "Kitchen tap dripping", Ct)
            ?? throw new InvalidOperationException("reception accepted no repair");
        var workOrderId = (await platform.WorkOrderOfRequestAsync(estateId, requestId, Ct)).GetProperty("id").GetGuid();
        await Eventually.Async(() => platform.EligibleAsync(workOrderId, plumberId, Ct), WaitLimit,
            "maintenance offers the plumber, certified until the estate's today and on duty");
        var (guardId, guard) = await platform.StaffAccountAsync(estateId, Guard, "E2E Guard", Ct);
        await platform.HireAsync(guardId, estateId, "E2E Guard", "gate guard", [], localToday.AddDays(-30), Ct);
        var certification = await Platform.OkAsync(await platform.Admin.PostAsJsonAsync("/api/hr-training/certifications", new
        {
            staffId = guardId, estateId, post = "gate", validFrom = Platform.Day(localToday.AddDays(-30)), validUntil = Platform.Day(localToday),
        }, Ct), HttpStatusCode.Created);
        var certificationId = certification.GetProperty("id").GetGuid();
        await Eventually.Async(() => ExpiringAsync(estateId, certificationId), WaitLimit, "hr-training plans by the estate's day at UTC−11: the certification ends today");
        var post = await Platform.OkAsync(await platform.Admin.PostAsJsonAsync("/api/security-gate/posts", new { estateId, name = "Main gate", certification = "gate" }, Ct),
            HttpStatusCode.Created);
        var postId = post.GetProperty("id").GetGuid();
        await Eventually.Async(async () => (await guard.PostAsync($"/api/security-gate/posts/{postId}/sign-on", null, Ct)).IsSuccessStatusCode, WaitLimit,
            "security-gate learns the grant from CertificationGranted and lets the certified guard take the post");
        await using var bus = await new TestBus((await platform.ConnectionStringAsync("messaging"))!).Listen<CertificationExpired>().StartAsync(Ct);

        await MoveEstateToAsync(estateId, "Pacific/Kiritimati");
        await Eventually.Async(async () => !await ExpiringAsync(estateId, certificationId), WaitLimit,
            "hr-training learns the calendar change: at UTC+14 the certification's last day has ended");
        await platform.StopAsync("hr-training");
        await platform.StartAsync("hr-training");

        var expired = await bus.WaitForAsync<CertificationExpired>(e => e.CertificationId == certificationId, WaitLimit, "hr-training's expiry check announces the expiry");
        (expired.StaffId, expired.Post, expired.ValidUntil).Should().Be((guardId, "gate", localToday));
        await bus.WaitForAsync<CertificationExpired>(e => e.CertificationId == plumbersCertification, WaitLimit, "the plumber's trade certification expires the same night");
        await Eventually.Async(async () => !await platform.EligibleAsync(workOrderId, plumberId, Ct), WaitLimit,
            "maintenance no longer offers a plumber whose certification expired");
        JsonElement held = default;
        await Eventually.Async(async () =>
        {
            held = await Platform.OkAsync(await platform.Admin.GetAsync($"/api/security-gate/posts/{postId}", Ct));
            return held.GetProperty("guardId").ValueKind == JsonValueKind.Null;
        }, WaitLimit, "security-gate takes the guard off the post on CertificationExpired");
        held.GetProperty("uncovered").GetBoolean().Should().BeTrue();
        held.GetProperty("uncoveredReason").GetString().Should().Contain("expired");
        (await guard.PostAsync($"/api/security-gate/posts/{postId}/sign-on", null, Ct)).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "a guard without a valid certification cannot hold a post");
    }

    /// <summary>
    /// The plumber's shift ends with the certification's last day, and must still be running when maintenance is asked
    /// for candidates: in the day's last minutes there (once a day, for ten minutes) the test waits for the next day.
    /// </summary>
    private static async Task PastTheLastMinutesOfTheDayAsync(TimeZoneInfo zone)
    {
        var localNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var leftOfTheDay = localNow.Date.AddDays(1) - localNow.DateTime;
        if (leftOfTheDay < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(leftOfTheDay + TimeSpan.FromSeconds(5), Ct);
        }
    }

    private async Task MoveEstateToAsync(Guid estateId, string timeZoneId) =>
        await Platform.OkAsync(await platform.Admin.PutAsJsonAsync($"/api/reception/estates/{estateId}/calendar", new
        {
            timeZoneId, opensAt = "08:30", closesAt = "17:30", workingDays = Platform.EveryDay,
        }, Ct));

    /// <summary>Whether hr-training's warning list has the certification: valid on the estate's today and ending within days.</summary>
    private async Task<bool> ExpiringAsync(Guid estateId, Guid certificationId)
    {
        var expiring = await platform.Admin.GetAsync($"/api/hr-training/certifications/expiring?estateId={estateId}", Ct);
        return expiring.IsSuccessStatusCode && (await expiring.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct)).EnumerateArray()
            .Any(e => e.GetProperty("certification").GetProperty("id").GetGuid() == certificationId);
    }
}
