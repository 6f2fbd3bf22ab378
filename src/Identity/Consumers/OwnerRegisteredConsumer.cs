using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Identity.Consumers;

/// <summary>
/// Reception registered an owner: open a pending owner account (user name = phone number), or add the estate and
/// units to the owner's existing account. The phone number is personal data and is never logged.
/// </summary>
public sealed class OwnerRegisteredConsumer(
    IdentityDbContext db, TimeProvider time, ILookupNormalizer normalizer, ILogger<OwnerRegisteredConsumer> logger)
    : IdempotentConsumer<OwnerRegistered, IdentityDbContext>(db, time)
{
    protected override async Task HandleAsync(OwnerRegistered message, CancellationToken cancellationToken)
    {
        var phone = message.PhoneNumber.Trim();
        var normalizedName = normalizer.NormalizeName(phone);
        // By owner id or by user name: a registration of the same owner committed meanwhile shows up under the latter.
        var account = await Db.Accounts
            .Where(a => a.OwnerId == message.OwnerId || a.NormalizedUserName == normalizedName)
            .OrderByDescending(a => a.OwnerId == message.OwnerId)
            .FirstOrDefaultAsync(cancellationToken);
        if (account?.OwnerId == message.OwnerId)
        {
            AddUnits(account, message);
            return;
        }

        if (account is not null)
        {
            logger.LogWarning("Owner {OwnerId}: another account already signs in with the owner's phone number; no account opened", message.OwnerId);
            return;
        }

        var now = Time.GetUtcNow();
        account = new Account
        {
            Id = Guid.CreateVersion7(now),
            UserName = phone,
            NormalizedUserName = normalizedName,
            PhoneNumber = phone,
            DisplayName = message.FullName.Trim(),
            Kind = AccountKind.Owner,
            Status = AccountStatus.Pending,
            Roles = [PlatformRoles.Owner],
            OwnerId = message.OwnerId,
            CreatedAt = now,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        AddUnits(account, message);
        Db.Accounts.Add(account);
        logger.LogInformation("Pending owner account {AccountId} opened for owner {OwnerId}", account.Id, message.OwnerId);
    }

    private static void AddUnits(Account account, OwnerRegistered message)
    {
        account.EstateIds = [.. account.EstateIds.Append(message.EstateId).Distinct()];
        account.UnitIds = [.. account.UnitIds.Concat(message.UnitIds).Distinct()];
        account.ConcurrencyStamp = Guid.NewGuid().ToString();
    }
}
