using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Identity.Consumers;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Identity.Tests;

public sealed class EmploymentEndedTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EmploymentEnded Ended(Guid staffId, Guid estate) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), staffId, new DateOnly(2026, 11, 30), "resignation");

    private Task<Account?> FindAccountAsync(Guid id) =>
        identity.InScopeAsync(sp => sp.GetRequiredService<IdentityDbContext>().Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, Ct));

    private Task<bool> ConsumedAsync(EmploymentEnded message) =>
        identity.InScopeAsync(sp => sp.GetRequiredService<IdentityDbContext>().InboxMessages
            .AnyAsync(m => m.MessageId == message.EventId && m.Consumer == nameof(EmploymentEndedConsumer), Ct));

    [Fact]
    public async Task A_staff_member_whose_employment_ended_can_no_longer_sign_in_or_refresh()
    {
        var north = Guid.NewGuid();
        var technician = await identity.CreateAccountAsync([PlatformRoles.Technician], [north], trades: ["plumbing"]);
        var tokens = await identity.SignInAsync(technician, Ct);
        var ended = Ended(technician.Id, north);

        await identity.Bus.Publish(ended, Ct);
        await identity.Bus.Publish(ended, Ct);

        await Eventually.Async(
            async () => (await FindAccountAsync(technician.Id))?.Status == AccountStatus.Disabled, TimeSpan.FromSeconds(20), "the account is disabled");
        var refresh = await AuthorizationCodeFlow.RefreshAsync(identity.CreateBrowser(), PlatformClients.WebConsole, tokens.RefreshToken!, Ct);
        refresh.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var signIn = () => identity.SignInAsync(technician, Ct);
        await signIn.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task Employment_ended_for_an_owner_or_an_unknown_id_changes_nothing()
    {
        var estate = Guid.NewGuid();
        var owner = await identity.CreateAccountAsync([PlatformRoles.Owner], [estate], units: [Guid.NewGuid()], kind: AccountKind.Owner);
        var ownerTokens = await new AuthorizationCodeFlow(
            identity.CreateBrowser(), PlatformClients.OwnerApp, IdentityService.OwnerAppRedirectUri, ["openid", "offline_access", "reception"],
            owner.UserName!, IdentityService.Password).RunAsync(Ct);
        var stampBefore = (await FindAccountAsync(owner.Id))!.SecurityStamp;
        var forOwner = Ended(owner.Id, estate);
        var unknownId = Guid.NewGuid();
        var forUnknown = Ended(unknownId, estate);

        await identity.Bus.Publish(forOwner, Ct);
        await identity.Bus.Publish(forUnknown, Ct);

        await Eventually.Async(
            async () => await ConsumedAsync(forOwner) && await ConsumedAsync(forUnknown), TimeSpan.FromSeconds(20), "both events are consumed");
        var after = (await FindAccountAsync(owner.Id))!;
        after.Status.Should().Be(AccountStatus.Active);
        after.SecurityStamp.Should().Be(stampBefore);
        var refresh = await AuthorizationCodeFlow.RefreshAsync(identity.CreateBrowser(), PlatformClients.OwnerApp, ownerTokens.RefreshToken!, Ct);
        refresh.StatusCode.Should().Be(HttpStatusCode.OK, "the owner's tokens are not revoked");
        (await FindAccountAsync(unknownId)).Should().BeNull();
    }
}
