using Microsoft.AspNetCore.Identity;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Identity.Seed;

/// <summary>
/// One demo account per role, and one supervisor of both estates (Development only, <c>Identity:SeedDemoData</c>). Idempotent: a missing account is
/// created, an existing one gets its demo access back; passwords of existing accounts are left alone.
/// </summary>
public sealed class DemoSeeder(UserManager<Account> users, TimeProvider time, ILogger<DemoSeeder> logger)
{
    private sealed record DemoAccount(
        string UserName, string DisplayName, string Role, Guid[] Estates, AccountKind Kind = AccountKind.Staff)
    {
        public Guid[] Units { get; init; } = [];

        public string[] Trades { get; init; } = [];

        public Guid? OwnerId { get; init; }
    }

    private static readonly DemoAccount[] Accounts =
    [
        new("admin", "Group Admin", PlatformRoles.GroupAdmin, []),
        new("manager.north", "North Estate Manager", PlatformRoles.EstateManager, [DemoGroup.North]),
        new("supervisor.north", "North CS Supervisor", PlatformRoles.CustomerServiceSupervisor, [DemoGroup.North]),
        // The group's regional customer-service supervisor: one person over both estates' front desks (the header's estate switch).
        new("supervisor.region", "Region CS Supervisor", PlatformRoles.CustomerServiceSupervisor, [DemoGroup.North, DemoGroup.South]),
        new("clerk.north", "North Front Desk", PlatformRoles.FrontDeskClerk, [DemoGroup.North]),
        new("clerk.south", "South Front Desk", PlatformRoles.FrontDeskClerk, [DemoGroup.South]),
        new("cashier.north", "North Cashier", PlatformRoles.Cashier, [DemoGroup.North]),
        new("supervisor.maint", "North Maintenance Supervisor", PlatformRoles.MaintenanceSupervisor, [DemoGroup.North]),
        new("tech.north", "North Technician", PlatformRoles.Technician, [DemoGroup.North]) { Trades = ["plumbing", "electrical"] },
        new("guard.north", "North Gate Guard", PlatformRoles.GateGuard, [DemoGroup.North]),
        new("security.north", "North Security Supervisor", PlatformRoles.SecuritySupervisor, [DemoGroup.North]),
        new("trainer.north", "North Trainer", PlatformRoles.Trainer, [DemoGroup.North]),
        new("13800001234", "Li Wei", PlatformRoles.Owner, [DemoGroup.North], AccountKind.Owner)
        {
            Units = [DemoGroup.North1101], OwnerId = DemoGroup.OwnerLiWei,
        },
        new("13900005678", "Zhang Min", PlatformRoles.Owner, [DemoGroup.South], AccountKind.Owner)
        {
            Units = [DemoGroup.South1101], OwnerId = DemoGroup.OwnerZhangMin,
        },
    ];

    public static IReadOnlyList<string> UserNames => [.. Accounts.Select(a => a.UserName)];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var demo in Accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var account = await users.FindByNameAsync(demo.UserName);
            var isNew = account is null;
            account ??= new Account { Id = Guid.CreateVersion7(time.GetUtcNow()), UserName = demo.UserName, CreatedAt = time.GetUtcNow() };
            account.DisplayName = demo.DisplayName;
            account.Kind = demo.Kind;
            account.Status = AccountStatus.Active;
            account.Roles = [demo.Role];
            account.EstateIds = [.. demo.Estates];
            account.UnitIds = [.. demo.Units];
            account.Trades = [.. demo.Trades];
            account.OwnerId = demo.OwnerId;
            account.PhoneNumber = demo.Kind == AccountKind.Owner ? demo.UserName : null;
            var result = isNew ? await users.CreateAsync(account, DemoGroup.Password) : await users.UpdateAsync(account);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo account {account.Id}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }

        logger.LogInformation("Demo group seeded: {Count} accounts", Accounts.Length);
    }
}
