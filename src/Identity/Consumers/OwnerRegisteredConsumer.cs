using Grpc.Core;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Contracts.Reception.Grpc;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Identity.Consumers;

/// <summary>
/// Reception registered an owner: open a pending owner account (user name = phone number), or add the estate and
/// units to the owner's existing account. The phone number is personal data and is never logged.
/// </summary>
/// <remarks>
/// Anything that can publish to the broker can send this message, and the units it names become claims in the owner's
/// tokens: so reception's registry (gRPC, fresh) must confirm that the owner owns every unit, in that estate, before
/// anything is granted.
/// </remarks>
public sealed class OwnerRegisteredConsumer(
    IdentityDbContext db,
    TimeProvider time,
    ILookupNormalizer normalizer,
    PropertyRegistry.PropertyRegistryClient registry,
    ILogger<OwnerRegisteredConsumer> logger)
    : IdempotentConsumer<OwnerRegistered, IdentityDbContext>(db, time)
{
    protected override async Task HandleAsync(OwnerRegistered message, CancellationToken cancellationToken)
    {
        if (!await RegistryConfirmsAsync(message, cancellationToken))
        {
            logger.LogWarning(
                "OwnerRegistered {EventId}: reception's registry does not list owner {OwnerId} for units {UnitIds} of estate {EstateId}; nothing granted",
                message.EventId, message.OwnerId, message.UnitIds, message.EstateId);
            return;
        }

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

    /// <summary>Every unit is one of the estate's and lists the owner; a registry that cannot answer fails the message (retried).</summary>
    private async Task<bool> RegistryConfirmsAsync(OwnerRegistered message, CancellationToken cancellationToken)
    {
        if (message.UnitIds.Count == 0)
        {
            return false;
        }

        var owner = message.OwnerId.ToString();
        foreach (var unitId in message.UnitIds.Distinct())
        {
            try
            {
                var unit = await registry.GetUnitOwnersAsync(new GetUnitOwnersQuery { UnitId = unitId.ToString() }, cancellationToken: cancellationToken);
                if (unit.EstateId != message.EstateId.ToString() || !unit.Owners.Any(o => o.OwnerId == owner))
                {
                    return false;
                }
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }

        return true;
    }

    private static void AddUnits(Account account, OwnerRegistered message)
    {
        account.EstateIds = [.. account.EstateIds.Append(message.EstateId).Distinct()];
        account.UnitIds = [.. account.UnitIds.Concat(message.UnitIds).Distinct()];
        account.ConcurrencyStamp = Guid.NewGuid().ToString();
    }
}
