using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.SecurityGate.Features.Posts;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Staffing;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.SecurityGate.Tests.Posts;

public sealed class PostsApiTests(SecurityGateService gate)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly object[] TwoItemsChecked = [new { item = "Radio", ok = true }, new { item = "Torch", ok = false, note = "Battery flat" }];

    private async Task<PostResponse> OpenPostAsync(Guid estate, string certification = "gate") =>
        await (await gate.Supervisor(estate).PostAsJsonAsync("/api/security-gate/posts", new { estateId = estate, name = "North gate", certification }, Ct))
            .ReadAsync<PostResponse>(HttpStatusCode.Created);

    private Task<HttpResponseMessage> SignOnAsync(Guid estate, Guid guardId, Guid postId) =>
        gate.GuardAccount(guardId, estate).PostAsync($"/api/security-gate/posts/{postId}/sign-on", null, Ct);

    private async Task<PostResponse> PostAsync(Guid estate, Guid postId) =>
        (await gate.Supervisor(estate).GetFromJsonAsync<PostResponse>($"/api/security-gate/posts/{postId}", ApiJson.Options, Ct))!;

    [Fact]
    public async Task Only_a_guard_with_a_valid_certification_for_the_post_can_sign_on()
    {
        var estate = await gate.NewEstateAsync();
        var post = await OpenPostAsync(estate, certification: "gate");
        var uncertified = Guid.NewGuid();
        var patrolOnly = Guid.NewGuid();
        var certified = Guid.NewGuid();
        await gate.CertifyAsync(estate, patrolOnly, "patrol");
        await gate.CertifyAsync(estate, certified, "gate");
        var lapsedGrant = await gate.CertifyAsync(estate, Guid.NewGuid(), "gate", validDays: -1);

        var refusedUncertified = await SignOnAsync(estate, uncertified, post.Id);
        var refusedOtherPost = await SignOnAsync(estate, patrolOnly, post.Id);
        var refusedPastValidity = await SignOnAsync(estate, lapsedGrant.StaffId, post.Id);
        var signedOn = await (await SignOnAsync(estate, certified, post.Id)).ReadAsync<PostResponse>(HttpStatusCode.OK);

        refusedUncertified.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refusedOtherPost.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refusedPastValidity.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        signedOn.GuardId.Should().Be(certified);
        signedOn.Uncovered.Should().BeFalse();
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("revoked")]
    public async Task A_lapsed_certification_takes_the_guard_off_the_post_at_once_and_flags_it_uncovered(string how)
    {
        var estate = await gate.NewEstateAsync();
        var post = await OpenPostAsync(estate);
        var guard = Guid.NewGuid();
        var granted = await gate.CertifyAsync(estate, guard, "gate");
        (await SignOnAsync(estate, guard, post.Id)).StatusCode.Should().Be(HttpStatusCode.OK);

        object lapse = how == "expired"
            ? new CertificationExpired(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), granted.CertificationId, guard, null, "gate", granted.ValidUntil)
            : new CertificationRevoked(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), granted.CertificationId, guard, null, "gate", granted.ValidUntil, "Failed drill");
        await gate.Bus.Publish(lapse, Ct);
        await gate.CertificationIsAsync(granted.CertificationId, how == "expired" ? CertificationState.Expired : CertificationState.Revoked);

        var after = await PostAsync(estate, post.Id);
        after.GuardId.Should().BeNull();
        after.Uncovered.Should().BeTrue();
        after.UncoveredSince.Should().NotBeNull();
        after.UncoveredReason.Should().Contain(how);
        (await SignOnAsync(estate, guard, post.Id)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an expired or revoked certification no longer qualifies");
    }

    [Fact]
    public async Task A_late_copy_of_the_grant_does_not_put_a_revoked_guard_back_on_duty()
    {
        var estate = await gate.NewEstateAsync();
        var post = await OpenPostAsync(estate);
        var guard = Guid.NewGuid();
        var granted = await gate.CertifyAsync(estate, guard, "gate");
        await gate.Bus.Publish(new CertificationRevoked(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), granted.CertificationId, guard, null, "gate",
            granted.ValidUntil, "Disciplinary"), Ct);
        await gate.CertificationIsAsync(granted.CertificationId, CertificationState.Revoked);

        // The grant again, as a redelivery would bring it after the revocation.
        await gate.Bus.Publish(granted with { EventId = Guid.NewGuid() }, Ct);
        var sentinel = await gate.CertifyAsync(estate, Guid.NewGuid(), "gate");

        sentinel.Should().NotBeNull();
        (await SignOnAsync(estate, guard, post.Id)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_end_of_employment_takes_the_guard_off_the_post()
    {
        var estate = await gate.NewEstateAsync();
        var post = await OpenPostAsync(estate);
        var hired = await gate.HireAsync(estate);
        await gate.CertifyAsync(estate, hired.StaffId, "gate");
        (await SignOnAsync(estate, hired.StaffId, post.Id)).StatusCode.Should().Be(HttpStatusCode.OK);

        await gate.Bus.Publish(new EmploymentEnded(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), hired.StaffId,
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), "Resigned"), Ct);

        await Eventually.Async(async () => (await PostAsync(estate, post.Id)).Uncovered, TimeSpan.FromSeconds(30), "the guard leaves the post");
        (await PostAsync(estate, post.Id)).UncoveredReason.Should().Contain("employment ended");
        (await SignOnAsync(estate, hired.StaffId, post.Id)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_handover_carries_the_open_items_over_and_records_the_equipment_check()
    {
        var estate = await gate.NewEstateAsync();
        var post = await OpenPostAsync(estate);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await gate.CertifyAsync(estate, first, "gate");
        await gate.CertifyAsync(estate, second, "gate");
        (await SignOnAsync(estate, first, post.Id)).StatusCode.Should().Be(HttpStatusCode.OK);

        string[] morningItems = ["Barrier arm sticks", "Courier van still inside"];
        string[] eveningItems = ["Lamp out at bay 3"];
        var morning = await (await gate.GuardAccount(first, estate).PostAsJsonAsync($"/api/security-gate/posts/{post.Id}/handovers",
            new { toGuardId = second, equipment = TwoItemsChecked, newItems = morningItems }, Ct))
            .ReadAsync<HandoverResponse>(HttpStatusCode.Created);
        var sticking = morning.OpenItems.Single(i => i.Text == "Barrier arm sticks");
        Guid[] courierLeft = [morning.OpenItems.Single(i => i.Text.StartsWith("Courier", StringComparison.Ordinal)).Id];
        var evening = await (await gate.GuardAccount(second, estate).PostAsJsonAsync($"/api/security-gate/posts/{post.Id}/handovers",
            new { toGuardId = first, equipment = TwoItemsChecked, closedItemIds = courierLeft, newItems = eveningItems }, Ct))
            .ReadAsync<HandoverResponse>(HttpStatusCode.Created);

        morning.FromGuardId.Should().Be(first);
        morning.Equipment.Should().HaveCount(2).And.Contain(e => e.Item == "Torch" && !e.Ok && e.Note == "Battery flat");
        evening.FromGuardId.Should().Be(second);
        evening.OpenItems.Select(i => i.Text).Should().BeEquivalentTo("Barrier arm sticks", "Lamp out at bay 3");
        evening.OpenItems.Single(i => i.Id == sticking.Id).OpenedAt.Should().BeCloseTo(sticking.OpenedAt, TimeSpan.FromMilliseconds(1), "a carried item keeps its identity and age");
        evening.ClosedItems.Select(i => i.Text).Should().Equal("Courier van still inside");
        (await PostAsync(estate, post.Id)).GuardId.Should().Be(first);
    }

    [Fact]
    public async Task A_handover_without_an_equipment_check_to_an_uncertified_guard_names_every_field_and_stores_nothing()
    {
        var estate = await gate.NewEstateAsync();
        var post = await OpenPostAsync(estate);
        var guard = Guid.NewGuid();
        await gate.CertifyAsync(estate, guard, "gate");
        (await SignOnAsync(estate, guard, post.Id)).StatusCode.Should().Be(HttpStatusCode.OK);

        string[] blank = [""];
        var missing = await gate.GuardAccount(guard, estate).PostAsJsonAsync($"/api/security-gate/posts/{post.Id}/handovers",
            new { equipment = Array.Empty<object>(), newItems = blank }, Ct);
        var uncertified = await gate.GuardAccount(guard, estate).PostAsJsonAsync($"/api/security-gate/posts/{post.Id}/handovers",
            new { toGuardId = Guid.NewGuid(), equipment = new[] { new { item = "Radio" } }, closedItemIds = new[] { Guid.NewGuid() } }, Ct);

        (await missing.ErrorFieldsAsync()).Should().BeEquivalentTo("toGuardId", "equipment", "newItems[0]");
        (await uncertified.ErrorFieldsAsync()).Should().BeEquivalentTo("equipment[0].ok", "closedItemIds", "toGuardId");
        var log = await gate.Supervisor(estate).GetFromJsonAsync<Page<HandoverResponse>>($"/api/security-gate/posts/{post.Id}/handovers", ApiJson.Options, Ct);
        log!.Items.Should().BeEmpty();
        (await PostAsync(estate, post.Id)).GuardId.Should().Be(guard);
    }

    [Fact]
    public async Task Another_estates_staff_cannot_hand_over_sign_off_or_read_the_handovers_of_a_post_and_nothing_changes()
    {
        var (estate, other) = (await gate.NewEstateAsync(), await gate.NewEstateAsync());
        var post = await OpenPostAsync(estate);
        var (guard, next) = (Guid.NewGuid(), Guid.NewGuid());
        await gate.CertifyAsync(estate, guard, "gate");
        await gate.CertifyAsync(estate, next, "gate");
        (await SignOnAsync(estate, guard, post.Id)).StatusCode.Should().Be(HttpStatusCode.OK);
        string[] items = ["Barrier arm sticks"];
        await (await gate.GuardAccount(guard, estate).PostAsJsonAsync($"/api/security-gate/posts/{post.Id}/handovers",
            new { toGuardId = next, equipment = TwoItemsChecked, newItems = items }, Ct)).ReadAsync<HandoverResponse>(HttpStatusCode.Created);
        var outsider = Guid.NewGuid();
        await gate.CertifyAsync(other, outsider, "gate");

        var handOver = await gate.Supervisor(other).PostAsJsonAsync($"/api/security-gate/posts/{post.Id}/handovers",
            new { toGuardId = outsider, equipment = TwoItemsChecked }, Ct);
        var signOff = await gate.Supervisor(other).PostAsync($"/api/security-gate/posts/{post.Id}/sign-off", null, Ct);
        var signOn = await SignOnAsync(other, outsider, post.Id);
        var log = await gate.Supervisor(other).GetAsync($"/api/security-gate/posts/{post.Id}/handovers", Ct);

        handOver.StatusCode.Should().Be(HttpStatusCode.NotFound);
        signOff.StatusCode.Should().Be(HttpStatusCode.NotFound);
        signOn.StatusCode.Should().Be(HttpStatusCode.NotFound);
        log.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await PostAsync(estate, post.Id)).GuardId.Should().Be(next, "the post is still with the guard it was handed to");
        var ours = await gate.Supervisor(estate).GetFromJsonAsync<Page<HandoverResponse>>($"/api/security-gate/posts/{post.Id}/handovers", ApiJson.Options, Ct);
        ours!.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Another_estates_post_is_not_found_and_opening_one_there_is_forbidden()
    {
        var mine = await gate.NewEstateAsync();
        var theirs = await gate.NewEstateAsync();
        var theirPost = await OpenPostAsync(theirs);

        var read = await gate.Supervisor(mine).GetAsync($"/api/security-gate/posts/{theirPost.Id}", Ct);
        var open = await gate.Supervisor(mine).PostAsJsonAsync("/api/security-gate/posts", new { estateId = theirs, name = "East gate", certification = "gate" }, Ct);
        var byGuard = await gate.Guard(mine).PostAsJsonAsync("/api/security-gate/posts", new { estateId = mine, name = "East gate", certification = "gate" }, Ct);

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        open.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        byGuard.StatusCode.Should().Be(HttpStatusCode.Forbidden, "posts are set up by the security supervisor or the estate manager");
    }
}
