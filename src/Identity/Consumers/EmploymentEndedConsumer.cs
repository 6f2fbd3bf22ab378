using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.Identity.Features.Accounts;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Identity.Consumers;

/// <summary>
/// hr-training ended a staff member's employment: the staff account with that id (a staff id is the identity account id)
/// is disabled and its tokens revoked, exactly as an administrator's disable does. Only ids are logged.
/// </summary>
/// <remarks>
/// hr-training owns staff, not owners: an owner's account is never touched by this event, whatever id it carries.
/// </remarks>
public sealed class EmploymentEndedConsumer(
    IdentityDbContext db,
    TimeProvider time,
    UserManager<Account> users,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    ILogger<EmploymentEndedConsumer> logger)
    : IdempotentConsumer<EmploymentEnded, IdentityDbContext>(db, time)
{
    protected override async Task HandleAsync(EmploymentEnded message, CancellationToken cancellationToken)
    {
        var account = await Db.Accounts.FirstOrDefaultAsync(a => a.Id == message.StaffId, cancellationToken);
        if (account is not { Kind: AccountKind.Staff })
        {
            logger.LogWarning(
                "EmploymentEnded {EventId}: no staff account {StaffId}; nothing disabled", message.EventId, message.StaffId);
            return;
        }

        await AccountsApi.DisableAsync(account, users, authorizations, tokens, cancellationToken);
        logger.LogInformation(
            "EmploymentEnded {EventId}: staff account {StaffId} disabled and its tokens revoked", message.EventId, message.StaffId);
    }
}
