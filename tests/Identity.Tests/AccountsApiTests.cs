using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.Identity.Features.Accounts;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Identity.Tests;

public sealed class AccountsApiTests(IdentityService identity)
{
    private const string Accounts = "/api/identity/accounts";

    private static readonly string[] CashierRole = ["cashier"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object NewStaff(Guid estate, string role = PlatformRoles.FrontDeskClerk, string? userName = null) => new
    {
        userName = userName ?? IdentityService.UniqueUserName("staff"),
        displayName = "Wang Fang",
        password = IdentityService.Password,
        phoneNumber = "13712345678",
        roles = new[] { role },
        estateIds = new[] { estate },
        trades = Array.Empty<string>(),
    };

    private static async Task<AccountResponse> ReadAccount(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<AccountResponse>(ApiJson.Options, Ct))!;

    [Fact]
    public async Task Anonymous_callers_get_401_and_roles_other_than_the_administrators_get_403()
    {
        (await identity.CreateBrowser().GetAsync(Accounts, Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var technician = await identity.ApiClientAsync([PlatformRoles.Technician], [Guid.NewGuid()], Ct);
        (await technician.GetAsync(Accounts, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_not_accepted()
    {
        var admin = await identity.CreateAccountAsync([PlatformRoles.GroupAdmin], []);
        var tokens = await identity.SignInAsync(admin, Ct, "openid", "reception");
        var client = identity.CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);

        (await client.GetAsync(Accounts, Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_estate_manager_cannot_see_create_or_change_accounts_of_another_estate()
    {
        var north = Guid.NewGuid();
        var south = Guid.NewGuid();
        var manager = await identity.ApiClientAsync([PlatformRoles.EstateManager], [north], Ct);
        var southClerk = await identity.CreateAccountAsync([PlatformRoles.FrontDeskClerk], [south]);

        (await manager.GetAsync($"{Accounts}/{southClerk.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await manager.PostAsJsonAsync(Accounts, NewStaff(south), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await manager.PostAsync($"{Accounts}/{southClerk.Id}/disable", null, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await manager.PutAsJsonAsync($"{Accounts}/{southClerk.Id}/access", new { roles = CashierRole, estateIds = new[] { north } }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);

        var list = (await manager.GetFromJsonAsync<Page<AccountResponse>>($"{Accounts}?estateId={south}", ApiJson.Options, Ct))!;
        list.Items.Should().BeEmpty();

        var northClerk = await identity.CreateAccountAsync([PlatformRoles.FrontDeskClerk], [north]);
        (await manager.PutAsJsonAsync($"{Accounts}/{northClerk.Id}/access", new { roles = CashierRole, estateIds = new[] { north, south } }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "a manager assigns only their own estates");
        var stored = await identity.InScopeAsync(sp => sp.GetRequiredService<IdentityDbContext>().Accounts.SingleAsync(a => a.Id == northClerk.Id, Ct));
        stored.Roles.Should().Equal(PlatformRoles.FrontDeskClerk);
    }

    [Fact]
    public async Task An_estate_manager_cannot_grant_group_admin_or_estate_manager_but_a_group_admin_can()
    {
        var north = Guid.NewGuid();
        var manager = await identity.ApiClientAsync([PlatformRoles.EstateManager], [north], Ct);
        var admin = await identity.ApiClientAsync([PlatformRoles.GroupAdmin], [], Ct);

        (await manager.PostAsJsonAsync(Accounts, NewStaff(north, PlatformRoles.GroupAdmin), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await manager.PostAsJsonAsync(Accounts, NewStaff(north, PlatformRoles.EstateManager), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var clerk = await ReadAccount(await manager.PostAsJsonAsync(Accounts, NewStaff(north), Ct));
        (await manager.PutAsJsonAsync($"{Accounts}/{clerk.Id}/access", new { roles = new[] { PlatformRoles.GroupAdmin }, estateIds = new[] { north } }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var promoted = await admin.PutAsJsonAsync($"{Accounts}/{clerk.Id}/access", new { roles = new[] { PlatformRoles.EstateManager }, estateIds = new[] { north } }, Ct);
        promoted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAccount(promoted)).Roles.Should().Equal(PlatformRoles.EstateManager);

        var created = await admin.PostAsJsonAsync(Accounts, NewStaff(Guid.NewGuid(), PlatformRoles.GroupAdmin), Ct);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_estate_manager_can_make_a_staff_member_maintenance_supervisor_and_the_token_carries_the_role()
    {
        var north = Guid.NewGuid();
        var manager = await identity.ApiClientAsync([PlatformRoles.EstateManager], [north], Ct);
        var userName = IdentityService.UniqueUserName("maint");
        var staff = await ReadAccount(await manager.PostAsJsonAsync(Accounts, NewStaff(north, PlatformRoles.Technician, userName), Ct));

        var changed = await manager.PutAsJsonAsync(
            $"{Accounts}/{staff.Id}/access", new { roles = new[] { PlatformRoles.MaintenanceSupervisor }, estateIds = new[] { north } }, Ct);

        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAccount(changed)).Roles.Should().Equal(PlatformRoles.MaintenanceSupervisor);
        var tokens = await IdentityService.Flow(identity.CreateBrowser(), userName).RunAsync(Ct);
        Jwt.Claims(tokens.AccessToken)["role"].Should().Equal(PlatformRoles.MaintenanceSupervisor);
    }

    [Fact]
    public async Task A_created_account_can_be_read_back_and_signs_in_with_its_initial_password()
    {
        var north = Guid.NewGuid();
        var manager = await identity.ApiClientAsync([PlatformRoles.EstateManager], [north], Ct);
        var command = new
        {
            userName = IdentityService.UniqueUserName("tech"),
            displayName = "Chen Jie",
            password = IdentityService.Password,
            roles = new[] { PlatformRoles.Technician },
            estateIds = new[] { north },
            trades = new[] { "plumbing", "hvac" },
        };

        var response = await manager.PostAsJsonAsync(Accounts, command, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await ReadAccount(response);
        response.Headers.Location!.ToString().Should().Be($"{Accounts}/{created.Id}");
        (await manager.GetFromJsonAsync<AccountResponse>($"{Accounts}/{created.Id}", ApiJson.Options, Ct))!.Trades.Should().Equal("plumbing", "hvac");

        var tokens = await IdentityService.Flow(identity.CreateBrowser(), command.userName).RunAsync(Ct);
        Jwt.Claims(tokens.AccessToken)["trade"].Should().BeEquivalentTo(["plumbing", "hvac"]);

        (await manager.PostAsJsonAsync(Accounts, command, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict, "user names are unique");
    }

    [Fact]
    public async Task The_list_is_keyset_paged_and_masks_phone_numbers_for_everyone_but_group_admins()
    {
        var estate = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            await identity.CreateAccountAsync([PlatformRoles.Cashier], [estate], phoneNumber: $"1381234{i:0000}");
        }

        var manager = await identity.ApiClientAsync([PlatformRoles.EstateManager], [estate], Ct);
        var admin = await identity.ApiClientAsync([PlatformRoles.GroupAdmin], [], Ct);

        var first = (await manager.GetFromJsonAsync<Page<AccountResponse>>($"{Accounts}?estateId={estate}&limit=2", ApiJson.Options, Ct))!;
        first.Items.Should().HaveCount(2);
        first.NextCursor.Should().NotBeNull();
        var second = (await manager.GetFromJsonAsync<Page<AccountResponse>>($"{Accounts}?estateId={estate}&limit=2&cursor={first.NextCursor}", ApiJson.Options, Ct))!;
        second.Items.Should().HaveCount(2, "three cashiers and the manager");
        second.NextCursor.Should().BeNull();
        var all = first.Items.Concat(second.Items).ToList();
        all.Select(a => a.Id).Should().OnlyHaveUniqueItems();
        all.Where(a => a.PhoneNumber is not null).Should().HaveCount(3)
            .And.AllSatisfy(a => a.PhoneNumber.Should().MatchRegex(@"^138\*{4}\d{4}$"));

        var unmasked = (await admin.GetFromJsonAsync<Page<AccountResponse>>($"{Accounts}?estateId={estate}", ApiJson.Options, Ct))!;
        unmasked.Items.Where(a => a.PhoneNumber is not null).Should().AllSatisfy(a => a.PhoneNumber.Should().MatchRegex(@"^1381234\d{4}$"));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_refresh_token_stops_working()
    {
        var north = Guid.NewGuid();
        var manager = await identity.ApiClientAsync([PlatformRoles.EstateManager], [north], Ct);
        var clerk = await identity.CreateAccountAsync([PlatformRoles.FrontDeskClerk], [north]);
        var tokens = await identity.SignInAsync(clerk, Ct);

        var disabled = await manager.PostAsync($"{Accounts}/{clerk.Id}/disable", null, Ct);

        disabled.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAccount(disabled)).Status.Should().Be(AccountStatus.Disabled);
        var refresh = await AuthorizationCodeFlow.RefreshAsync(identity.CreateBrowser(), PlatformClients.WebConsole, tokens.RefreshToken!, Ct);
        refresh.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var signIn = () => identity.SignInAsync(clerk, Ct);
        await signIn.Should().ThrowAsync<InvalidOperationException>();

        (await manager.PostAsync($"{Accounts}/{clerk.Id}/enable", null, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await identity.SignInAsync(clerk, Ct)).AccessToken.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_every_failing_field_and_stores_nothing()
    {
        var admin = await identity.ApiClientAsync([PlatformRoles.GroupAdmin], [], Ct);
        var userName = IdentityService.UniqueUserName("bad");
        var bad = new
        {
            userName = userName + " with spaces",
            displayName = "",
            password = "short",
            roles = new[] { "emperor" },
            estateIds = new[] { Guid.Empty },
            trades = new[] { "juggling" },
        };

        var response = await admin.PostAsJsonAsync(Accounts, bad, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
        problem.Errors.Keys.Should().BeEquivalentTo(["userName", "displayName", "password", "roles", "estateIds", "trades"]);
        var stored = await identity.InScopeAsync(sp => sp.GetRequiredService<IdentityDbContext>().Accounts.CountAsync(a => a.UserName!.StartsWith(userName), Ct));
        stored.Should().Be(0);
    }

    [Fact]
    public async Task Account_changes_are_in_the_audit_trail_without_credentials_or_phone_numbers_and_only_group_admins_read_it()
    {
        var north = Guid.NewGuid();
        var admin = await identity.ApiClientAsync([PlatformRoles.GroupAdmin], [], Ct);
        var created = await ReadAccount(await admin.PostAsJsonAsync(Accounts, NewStaff(north), Ct));
        (await admin.PostAsync($"{Accounts}/{created.Id}/disable", null, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var trail = (await admin.GetFromJsonAsync<Page<AuditEntryResponse>>(
            $"/api/identity/audit?entityType=Account&entityId={created.Id}", ApiJson.Options, Ct))!;

        trail.Items.Select(e => e.Action).Should().Contain([AuditAction.Created, AuditAction.Updated]);
        trail.Items.Should().OnlyContain(e => e.Operation!.StartsWith("POST /api/identity/accounts", StringComparison.Ordinal));
        var everything = string.Join("\n", trail.Items.Select(e => e.Changes));
        everything.Should().Contain("Disabled").And.NotContain("13712345678").And.NotContain("AQAAAA", "password hashes never enter the trail");
        using var creation = System.Text.Json.JsonDocument.Parse(trail.Items.Single(e => e.Action == AuditAction.Created).Changes);
        creation.RootElement.GetProperty("PasswordHash").GetString().Should().Be("***");

        var manager = await identity.ApiClientAsync([PlatformRoles.EstateManager], [north], Ct);
        var managerView = (await manager.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/identity/audit?entityId={created.Id}", ApiJson.Options, Ct))!;
        managerView.Items.Should().BeEmpty("accounts span estates: their trail is for group admins");
    }

    [Theory]
    [InlineData(PlatformRoles.EstateManager, true)]
    [InlineData(PlatformRoles.GroupAdmin, false)]
    public async Task GetAccount_masks_an_owners_phone_and_user_name_exactly_as_the_list_does(string role, bool masked)
    {
        var estate = Guid.NewGuid();
        var phone = "139" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        var owner = await identity.CreateAccountAsync([PlatformRoles.Owner], [estate], [Guid.NewGuid()], phoneNumber: phone, kind: AccountKind.Owner);
        var caller = await identity.ApiClientAsync([role], role == PlatformRoles.GroupAdmin ? [] : [estate], Ct);

        var detail = (await caller.GetFromJsonAsync<AccountResponse>($"{Accounts}/{owner.Id}", ApiJson.Options, Ct))!;
        var listed = (await caller.GetFromJsonAsync<Page<AccountResponse>>($"{Accounts}?estateId={estate}", ApiJson.Options, Ct))!
            .Items.Single(a => a.Id == owner.Id);

        detail.PhoneNumber.Should().Be(masked ? PersonalData.MaskPhone(phone) : phone);
        detail.Should().BeEquivalentTo(listed, "one rule per field, in the list and on the detail page");
    }

    [Fact]
    public async Task The_audit_trail_of_an_owner_account_holds_no_phone_number_not_even_as_its_normalized_user_name()
    {
        var estate = Guid.NewGuid();
        var unit = Guid.NewGuid();
        var ownerId = Guid.NewGuid();
        var phone = "139" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        identity.Registry.Register(ownerId, estate, unit);
        await identity.InScopeAsync(sp => sp.GetRequiredService<Consumers.OwnerRegisteredConsumer>().ConsumeAsync(
            new Contracts.Reception.OwnerRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), ownerId, "Li Na", phone, [unit]), Ct));

        var changes = await identity.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IdentityDbContext>();
            var accountId = (await db.Accounts.SingleAsync(a => a.OwnerId == ownerId, Ct)).Id.ToString();
            return await db.Set<AuditEntry>().Where(e => e.EntityType == nameof(Account) && e.EntityId == accountId).Select(e => e.Changes).ToListAsync(Ct);
        });

        changes.Should().NotBeEmpty();
        changes.Should().AllSatisfy(c => c.Should().NotContain(phone[3..]));
    }
}
