using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.SecurityGate.Features.Passes;
using PropertyPlatform.SecurityGate.Features.Visitors;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.SecurityGate.Tests.Features;

public sealed class PassesApiTests(SecurityGateService gate)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Household(Guid Estate, Guid Unit, Guid OwnerId, HttpClient Owner);

    private async Task<Household> HouseholdAsync()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();
        var owner = await gate.RegisterOwnerAsync(estate, unit);
        return new(estate, unit, owner.OwnerId, gate.Owner(owner.OwnerId, estate, unit));
    }

    private static async Task<PassResponse> IssueAsync(Household home, int maxUses = 1, DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null) =>
        await (await home.Owner.PostAsJsonAsync("/api/security-gate/passes", new
        {
            estateId = home.Estate, unitId = home.Unit, visitorName = "Zhao Lei", purpose = "Dinner", maxUses,
            validFrom = validFrom ?? DateTimeOffset.UtcNow.AddMinutes(-1), validUntil = validUntil ?? DateTimeOffset.UtcNow.AddHours(4),
        }, Ct)).ReadAsync<PassResponse>(HttpStatusCode.Created);

    private async Task<PassCheckResponse> CheckAsync(Guid estate, string token) =>
        await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/passes/check", new { token }, Ct)).ReadAsync<PassCheckResponse>(HttpStatusCode.OK);

    [Fact]
    public async Task An_owner_pre_registers_a_visitor_the_guard_admits_them_and_the_owner_is_notified()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home);

        var check = await CheckAsync(home.Estate, pass.Token);

        check.Admitted.Should().BeTrue();
        check.PassId.Should().Be(pass.Id);
        check.VisitorName.Should().Be("Zhao Lei");
        check.UsesLeft.Should().Be(0);
        var notification = await gate.PublishedAsync<NotificationRequested>(n => n.Data.TryGetValue("visitId", out var id) && id == check.VisitId.ToString());
        notification.RecipientId.Should().Be(home.OwnerId);
        notification.TemplateKey.Should().Be(HostNotifications.VisitorArrived);
        var visit = await gate.Guard(home.Estate).GetFromJsonAsync<VisitResponse>($"/api/security-gate/visits/{check.VisitId}", ApiJson.Options, Ct);
        visit!.PassId.Should().Be(pass.Id);
        visit.UnitId.Should().Be(home.Unit);
    }

    [Fact]
    public async Task The_pass_is_shared_as_a_QR_code_png()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home);

        var response = await home.Owner.GetAsync(pass.QrCode, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        var png = await response.Content.ReadAsByteArrayAsync(Ct);
        png.Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
    }

    [Fact]
    public async Task The_token_is_signed_not_a_guessable_id()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home);

        pass.Token.Should().NotContain(pass.Id.ToString());
        (await CheckAsync(home.Estate, pass.Id.ToString())).Refusal.Should().Be(nameof(PassRefusal.Tampered));
    }

    [Fact]
    public async Task A_tampered_pass_is_refused_with_the_reason_and_records_nothing()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home);
        var parts = pass.Token.Split('.');
        var forged = $"{parts[0]}.{parts[1][..^2]}{(parts[1][^2] == 'A' ? 'B' : 'A')}{parts[1][^1]}.{parts[2]}";

        var check = await (await gate.Guard(home.Estate).PostAsJsonAsync("/api/security-gate/passes/check", new { token = forged, gate = "North gate" }, Ct))
            .ReadAsync<PassCheckResponse>(HttpStatusCode.OK);

        check.Admitted.Should().BeFalse();
        check.Refusal.Should().Be(nameof(PassRefusal.Tampered));
        (await UsesAsync(pass.Id)).Should().BeEmpty();
        (await VisitsAsync(pass.Id)).Should().BeEmpty();
        var refusals = await RefusalsAsync(gate.Supervisor(home.Estate), home.Estate);
        refusals.Should().ContainSingle().Which.Should().Match<PassRefusalResponse>(r =>
            r.Reason == nameof(PassRefusal.Tampered) && r.PassId == null && r.Gate == "North gate" && r.EstateId == home.Estate && r.CheckedBy != "");
    }

    [Fact]
    public async Task Each_refused_check_is_recorded_with_the_pass_and_the_reason_for_the_estates_supervisor_only()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home, maxUses: 1);
        var other = await gate.NewEstateAsync();

        (await CheckAsync(home.Estate, pass.Token)).Admitted.Should().BeTrue();
        (await CheckAsync(home.Estate, pass.Token)).Refusal.Should().Be(nameof(PassRefusal.UsedUp));
        (await CheckAsync(other, pass.Token)).Refusal.Should().Be(nameof(PassRefusal.OtherEstate));
        var byGuard = await gate.Guard(home.Estate).GetAsync($"/api/security-gate/passes/refusals?estateId={home.Estate}", Ct);

        var refusals = await RefusalsAsync(gate.Supervisor(home.Estate), home.Estate);
        refusals.Should().ContainSingle("the admission is no refusal, and the other estate's gate refused it there")
            .Which.Should().Match<PassRefusalResponse>(r => r.Reason == nameof(PassRefusal.UsedUp) && r.PassId == pass.Id);
        var atOtherEstate = await RefusalsAsync(gate.Supervisor(other), other);
        atOtherEstate.Should().ContainSingle().Which.Should().Match<PassRefusalResponse>(r =>
            r.Reason == nameof(PassRefusal.OtherEstate) && r.PassId == pass.Id && r.EstateId == other);
        (await RefusalsAsync(gate.Supervisor(other), home.Estate)).Should().BeEmpty("another estate's supervisor does not see this estate's refusals");
        byGuard.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await UsesAsync(pass.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Refusals_are_paged_newest_first()
    {
        var home = await HouseholdAsync();
        for (var i = 0; i < 3; i++)
        {
            await CheckAsync(home.Estate, $"not-a-pass-{i}");
        }

        var supervisor = gate.Supervisor(home.Estate);
        var first = await supervisor.GetFromJsonAsync<Page<PassRefusalResponse>>(
            $"/api/security-gate/passes/refusals?estateId={home.Estate}&limit=2", ApiJson.Options, Ct);
        var second = await supervisor.GetFromJsonAsync<Page<PassRefusalResponse>>(
            $"/api/security-gate/passes/refusals?estateId={home.Estate}&limit=2&cursor={Uri.EscapeDataString(first!.NextCursor!)}", ApiJson.Options, Ct);

        first.Items.Should().HaveCount(2).And.BeInDescendingOrder(r => r.CheckedAt);
        second!.Items.Should().ContainSingle();
        second.NextCursor.Should().BeNull();
    }

    [Fact]
    public async Task An_unreadable_token_at_a_guard_of_several_estates_needs_the_gates_estate_and_records_nothing_until_named()
    {
        var (first, second) = (await gate.NewEstateAsync(), await gate.NewEstateAsync());
        var guard = gate.Guard(first, second);

        var unnamed = await guard.PostAsJsonAsync("/api/security-gate/passes/check", new { token = "forged" }, Ct);
        var named = await (await guard.PostAsJsonAsync("/api/security-gate/passes/check", new { token = "forged", estateId = second }, Ct))
            .ReadAsync<PassCheckResponse>(HttpStatusCode.OK);
        var notTheirs = await gate.Guard(first).PostAsJsonAsync("/api/security-gate/passes/check", new { token = "forged", estateId = second }, Ct);

        (await unnamed.ErrorFieldsAsync()).Should().BeEquivalentTo(["estateId"]);
        named.Refusal.Should().Be(nameof(PassRefusal.Tampered));
        notTheirs.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await RefusalsAsync(gate.Supervisor(first), first)).Should().BeEmpty();
        (await RefusalsAsync(gate.Supervisor(second), second)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_retried_check_with_one_key_is_admitted_again_with_one_use_one_visit_and_one_notification()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home, maxUses: 1);
        var key = $"check-{Guid.NewGuid():N}";

        var first = await (await KeyedCheckAsync(home.Estate, pass.Token, key)).ReadAsync<PassCheckResponse>(HttpStatusCode.OK);
        var retry = await (await KeyedCheckAsync(home.Estate, pass.Token, key)).ReadAsync<PassCheckResponse>(HttpStatusCode.OK);
        var nextVisitor = await (await KeyedCheckAsync(home.Estate, pass.Token, $"check-{Guid.NewGuid():N}")).ReadAsync<PassCheckResponse>(HttpStatusCode.OK);

        first.Admitted.Should().BeTrue();
        retry.Should().BeEquivalentTo(first, "a retry after a lost answer gets the first answer");
        nextVisitor.Refusal.Should().Be(nameof(PassRefusal.UsedUp), "a new check with a new key is a new entry");
        (await UsesAsync(pass.Id)).Should().ContainSingle();
        (await VisitsAsync(pass.Id)).Should().ContainSingle();
        (await ArrivalNotificationsAsync(first.VisitId!.Value)).Should().ContainSingle();
    }

    [Fact]
    public async Task Concurrent_retries_of_one_check_admit_once_and_all_get_the_same_answer()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home, maxUses: 1);
        var key = $"check-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => KeyedCheckAsync(home.Estate, pass.Token, key)));

        var answers = new List<PassCheckResponse>();
        foreach (var response in responses)
        {
            answers.Add(await response.ReadAsync<PassCheckResponse>(HttpStatusCode.OK));
        }

        answers.Should().OnlyContain(a => a.Admitted && a.VisitId == answers[0].VisitId);
        (await UsesAsync(pass.Id)).Should().ContainSingle();
        (await VisitsAsync(pass.Id)).Should().ContainSingle();
        (await ArrivalNotificationsAsync(answers[0].VisitId!.Value)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_key_used_for_another_check_is_a_conflict_and_records_nothing()
    {
        var home = await HouseholdAsync();
        var (pass, otherPass) = (await IssueAsync(home), await IssueAsync(home));
        var key = $"check-{Guid.NewGuid():N}";

        (await (await KeyedCheckAsync(home.Estate, pass.Token, key)).ReadAsync<PassCheckResponse>(HttpStatusCode.OK)).Admitted.Should().BeTrue();
        var reused = await KeyedCheckAsync(home.Estate, otherPass.Token, key);
        var refusedFirst = await (await KeyedCheckAsync(home.Estate, "forged", $"{key}-2")).ReadAsync<PassCheckResponse>(HttpStatusCode.OK);
        var refusedAgain = await (await KeyedCheckAsync(home.Estate, "forged", $"{key}-2")).ReadAsync<PassCheckResponse>(HttpStatusCode.OK);
        var badKey = await KeyedCheckAsync(home.Estate, pass.Token, "short");

        reused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await UsesAsync(otherPass.Id)).Should().BeEmpty();
        refusedAgain.Should().BeEquivalentTo(refusedFirst);
        (await RefusalsAsync(gate.Supervisor(home.Estate), home.Estate)).Should().ContainSingle("a retried refusal is recorded once");
        (await badKey.ErrorFieldsAsync()).Should().BeEquivalentTo([PassesApi.IdempotencyHeader]);
    }

    [Fact]
    public async Task A_single_use_pass_is_refused_as_used_up_the_second_time()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home, maxUses: 1);

        (await CheckAsync(home.Estate, pass.Token)).Admitted.Should().BeTrue();
        var second = await CheckAsync(home.Estate, pass.Token);

        second.Admitted.Should().BeFalse();
        second.Refusal.Should().Be(nameof(PassRefusal.UsedUp));
        (await UsesAsync(pass.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Two_gates_checking_one_single_use_pass_at_once_admit_the_visitor_once()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home, maxUses: 1);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            gate.Guard(home.Estate).PostAsJsonAsync("/api/security-gate/passes/check", new { token = pass.Token }, Ct)));

        var admitted = 0;
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            admitted += (await response.Content.ReadFromJsonAsync<PassCheckResponse>(ApiJson.Options, Ct))!.Admitted ? 1 : 0;
        }

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        admitted.Should().Be(1);
        (await UsesAsync(pass.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_multiple_use_pass_admits_as_often_as_it_allows()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home, maxUses: 2);

        (await CheckAsync(home.Estate, pass.Token)).UsesLeft.Should().Be(1);
        (await CheckAsync(home.Estate, pass.Token)).UsesLeft.Should().Be(0);
        (await CheckAsync(home.Estate, pass.Token)).Refusal.Should().Be(nameof(PassRefusal.UsedUp));
    }

    [Fact]
    public async Task A_revoked_pass_is_refused_as_revoked()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home, maxUses: 5);

        var revoked = await (await home.Owner.PostAsync($"/api/security-gate/passes/{pass.Id}/revoke", null, Ct)).ReadAsync<PassResponse>(HttpStatusCode.OK);
        var check = await CheckAsync(home.Estate, pass.Token);

        revoked.RevokedAt.Should().NotBeNull();
        check.Admitted.Should().BeFalse();
        check.Refusal.Should().Be(nameof(PassRefusal.Revoked));
    }

    [Fact]
    public async Task A_pass_outside_its_window_is_refused_as_expired_or_not_yet_valid()
    {
        var home = await HouseholdAsync();
        var later = await IssueAsync(home, validFrom: DateTimeOffset.UtcNow.AddHours(2), validUntil: DateTimeOffset.UtcNow.AddHours(4));
        var shortOne = await IssueAsync(home, validFrom: DateTimeOffset.UtcNow.AddMinutes(-5), validUntil: DateTimeOffset.UtcNow.AddSeconds(2));

        (await CheckAsync(home.Estate, later.Token)).Refusal.Should().Be(nameof(PassRefusal.NotYetValid));
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        (await CheckAsync(home.Estate, shortOne.Token)).Refusal.Should().Be(nameof(PassRefusal.Expired));
    }

    [Fact]
    public async Task A_guard_of_another_estate_is_told_the_pass_is_not_for_this_estate()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home);
        var elsewhere = await gate.NewEstateAsync();

        var check = await CheckAsync(elsewhere, pass.Token);

        check.Refusal.Should().Be(nameof(PassRefusal.OtherEstate));
        (await UsesAsync(pass.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_owner_can_issue_passes_only_for_their_own_unit_and_not_read_another_owners()
    {
        var home = await HouseholdAsync();
        var neighbour = await HouseholdAsync();
        var neighboursPass = await IssueAsync(neighbour);

        var issue = await home.Owner.PostAsJsonAsync("/api/security-gate/passes", new
        {
            estateId = neighbour.Estate, unitId = neighbour.Unit, visitorName = "Zhao Lei", validUntil = DateTimeOffset.UtcNow.AddHours(1),
        }, Ct);
        var read = await home.Owner.GetAsync($"/api/security-gate/passes/{neighboursPass.Id}", Ct);
        var revoke = await home.Owner.PostAsync($"/api/security-gate/passes/{neighboursPass.Id}/revoke", null, Ct);

        issue.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        revoke.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_owner_lists_only_the_passes_of_their_own_units()
    {
        var home = await HouseholdAsync();
        var nextDoor = Guid.NewGuid();
        var neighbourOwner = await gate.RegisterOwnerAsync(home.Estate, nextDoor);
        var mine = await IssueAsync(home);
        await IssueAsync(new Household(home.Estate, nextDoor, neighbourOwner.OwnerId, gate.Owner(neighbourOwner.OwnerId, home.Estate, nextDoor)));

        var page = await home.Owner.GetFromJsonAsync<ServiceDefaults.Http.Page<PassResponse>>("/api/security-gate/passes", ApiJson.Options, Ct);

        page!.Items.Should().ContainSingle().Which.Id.Should().Be(mine.Id);
    }

    [Fact]
    public async Task A_guard_cannot_issue_a_pass()
    {
        var estate = await gate.NewEstateAsync();

        var response = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/passes", new
        {
            estateId = estate, unitId = Guid.NewGuid(), visitorName = "Zhao Lei", validUntil = DateTimeOffset.UtcNow.AddHours(1),
        }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_pass_with_bad_input_names_every_field_and_stores_nothing()
    {
        var home = await HouseholdAsync();

        var response = await home.Owner.PostAsJsonAsync("/api/security-gate/passes", new
        {
            estateId = home.Estate, unitId = Guid.Empty, visitorName = "", purpose = new string('p', 201),
            validFrom = DateTimeOffset.UtcNow.AddDays(-3), validUntil = DateTimeOffset.UtcNow.AddDays(-4), maxUses = 0,
        }, Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["unitId", "visitorName", "purpose", "validFrom", "validUntil", "maxUses"]);
        (await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().Passes.AnyAsync(p => p.EstateId == home.Estate, Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task An_offline_gate_verifies_with_the_served_public_key_and_its_uploaded_uses_are_recorded_once()
    {
        var home = await HouseholdAsync();
        var pass = await IssueAsync(home, maxUses: 1);
        var key = await (await gate.Guard(home.Estate).GetAsync("/api/security-gate/passes/verification-key", Ct)).ReadAsync<VerificationKeyResponse>(HttpStatusCode.OK);
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(key.PublicKeyPem);
        using var configured = ECDsa.Create();
        configured.ImportFromPem(gate.SigningKeyPem);
        key.PublicKeyPem.Should().Be(configured.ExportSubjectPublicKeyInfoPem(), "passes are signed with the configured key");

        var offline = PassTokens.VerifyOffline(pass.Token, publicKey, DateTimeOffset.UtcNow);
        offline.IsValid.Should().BeTrue();
        offline.Claims!.PassId.Should().Be(pass.Id);

        var first = new { useId = Guid.NewGuid(), token = pass.Token, usedAt = DateTimeOffset.UtcNow.AddSeconds(-30) };
        var second = new { useId = Guid.NewGuid(), token = pass.Token, usedAt = DateTimeOffset.UtcNow.AddSeconds(-10) };
        var upload = await (await gate.Guard(home.Estate).PostAsJsonAsync("/api/security-gate/passes/offline-uses", new { uses = new[] { first, second } }, Ct))
            .ReadAsync<OfflineUseResult[]>(HttpStatusCode.OK);
        var again = await (await gate.Guard(home.Estate).PostAsJsonAsync("/api/security-gate/passes/offline-uses", new { uses = new[] { first, second } }, Ct))
            .ReadAsync<OfflineUseResult[]>(HttpStatusCode.OK);

        upload.Select(r => r.Result).Should().Equal("Recorded", "Recorded");
        upload[1].Irregularity.Should().Be(nameof(PassRefusal.UsedUp), "the offline gate could not know the single use was taken");
        again.Select(r => r.Result).Should().Equal("AlreadyRecorded", "AlreadyRecorded");
        (await UsesAsync(pass.Id)).Should().HaveCount(2).And.OnlyContain(u => u.Offline);
        (await CheckAsync(home.Estate, pass.Token)).Refusal.Should().Be(nameof(PassRefusal.UsedUp), "uploaded uses count online too");
    }

    [Fact]
    public async Task An_uploaded_use_of_a_forged_pass_is_rejected_and_bad_uploads_name_their_fields()
    {
        var home = await HouseholdAsync();
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = PassTokens.Sign(new PassClaims(Guid.NewGuid(), home.Estate, home.Unit, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)), forger);

        var upload = await (await gate.Guard(home.Estate).PostAsJsonAsync("/api/security-gate/passes/offline-uses", new
        {
            uses = new[] { new { useId = Guid.NewGuid(), token = forged, usedAt = DateTimeOffset.UtcNow } },
        }, Ct)).ReadAsync<OfflineUseResult[]>(HttpStatusCode.OK);
        var bad = await gate.Guard(home.Estate).PostAsJsonAsync("/api/security-gate/passes/offline-uses", new
        {
            uses = new object[] { new { useId = Guid.Empty, token = "", usedAt = DateTimeOffset.UtcNow.AddHours(1) } },
        }, Ct);

        upload.Should().ContainSingle().Which.Should().Match<OfflineUseResult>(r => r.Result == "Rejected" && r.Reason == nameof(PassRefusal.Tampered));
        (await bad.ErrorFieldsAsync()).Should().BeEquivalentTo(["uses[0].useId", "uses[0].token", "uses[0].usedAt"]);
    }

    private Task<HttpResponseMessage> KeyedCheckAsync(Guid estate, string token, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/security-gate/passes/check") { Content = JsonContent.Create(new { token }) };
        request.Headers.Add(PassesApi.IdempotencyHeader, key);
        return gate.Guard(estate).SendAsync(request, Ct);
    }

    private static async Task<IReadOnlyList<PassRefusalResponse>> RefusalsAsync(HttpClient supervisor, Guid estate) =>
        (await supervisor.GetFromJsonAsync<Page<PassRefusalResponse>>($"/api/security-gate/passes/refusals?estateId={estate}", ApiJson.Options, Ct))!.Items;

    private Task<List<Visit>> VisitsAsync(Guid passId) =>
        gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().Visits.AsNoTracking().Where(v => v.PassId == passId).ToListAsync(Ct));

    private async Task<List<NotificationRequested>> ArrivalNotificationsAsync(Guid visitId) =>
        [.. (await gate.OutboxAsync<NotificationRequested>()).Where(n => n.Data.TryGetValue("visitId", out var id) && id == visitId.ToString())];

    private Task<List<PassUse>> UsesAsync(Guid passId) =>
        gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().PassUses.AsNoTracking().Where(u => u.PassId == passId).ToListAsync(Ct));
}
