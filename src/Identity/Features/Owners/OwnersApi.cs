using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.Identity.Hosting;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Identity.Features.Owners;

/// <summary>The code is shown once, to be handed to the owner; only its hash is kept.</summary>
public sealed record ActivationCodeResponse(Guid OwnerId, string Code, DateTimeOffset ExpiresAt);

/// <summary>The owner's phone number (their user name), the code from the front desk and the password they choose.</summary>
public sealed record ActivateCommand(string? UserName, string? Code, string? NewPassword);

/// <summary>
/// Owner accounts open as pending when reception registers an owner; the front desk issues a one-time code, the owner
/// activates the account with it and chooses a password.
/// </summary>
public static class OwnersApi
{
    public static RouteGroupBuilder MapOwnersApi(this RouteGroupBuilder api)
    {
        api.MapPost("/owners/{ownerId:guid}/activation-code", IssueActivationCode)
            .WithTags("Owner accounts")
            .RequireAuthorization(IdentityPolicies.ActivationIssuers);
        api.MapPost("/activation", Activate)
            .WithTags("Owner accounts")
            .AllowAnonymous()
            .RequireRateLimiting(IdentityPolicies.ActivationAttempts);
        return api;
    }

    /// <summary>A fresh code replaces any earlier one; staff issue codes only for owners in their estates.</summary>
    public static async Task<Results<Ok<ActivationCodeResponse>, ProblemHttpResult>> IssueActivationCode(
        Guid ownerId, ClaimsPrincipal user, IdentityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.OwnerId == ownerId, cancellationToken)
            ?? throw new NotFoundException("Owner account", ownerId);
        if (!caller.SharesAnEstateWith(account))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: "The owner has no unit in your estates.");
        }

        if (account.Status != AccountStatus.Pending)
        {
            throw new ConflictException("The owner account is not waiting for activation.");
        }

        var code = ActivationCodes.NewCode();
        var expiresAt = time.GetUtcNow() + ActivationCodes.Lifetime;
        account.ActivationCodeHash = ActivationCodes.Hash(code);
        account.ActivationCodeExpiresAt = expiresAt;
        account.ConcurrencyStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ActivationCodeResponse(ownerId, code, expiresAt));
    }

    /// <summary>A wrong or used code gets the same answer whether or not the account exists (<see cref="OwnerActivation"/>).</summary>
    public static async Task<NoContent> Activate(ActivateCommand command, OwnerActivation activation)
    {
        var (_, errors) = await activation.ActivateAsync(command.UserName, command.Code, command.NewPassword);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        return TypedResults.NoContent();
    }
}
