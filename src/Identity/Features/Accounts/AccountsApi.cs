using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.Identity.Hosting;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Identity.Features.Accounts;

/// <summary>A new staff account; it can sign in at once with the initial password.</summary>
public sealed record CreateAccountCommand(
    string? UserName,
    string? DisplayName,
    string? Password,
    string? PhoneNumber,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<Guid>? EstateIds,
    IReadOnlyList<string>? Trades);

/// <summary>Replaces what an account may do: its roles, estates and trades.</summary>
public sealed record SetAccessCommand(IReadOnlyList<string>? Roles, IReadOnlyList<Guid>? EstateIds, IReadOnlyList<string>? Trades);

public sealed record AccountResponse(
    Guid Id,
    string UserName,
    string DisplayName,
    AccountKind Kind,
    AccountStatus Status,
    string? PhoneNumber,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> EstateIds,
    IReadOnlyList<Guid> UnitIds,
    IReadOnlyList<string> Trades,
    Guid? OwnerId,
    DateTimeOffset CreatedAt);

/// <summary>
/// Account administration: group admins for everyone, estate managers for the accounts of their estates (and never
/// granting the two administrator roles).
/// </summary>
public static partial class AccountsApi
{
    private static readonly string[] AdministratorRoles = [PlatformRoles.GroupAdmin, PlatformRoles.EstateManager];

    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(IdentityPolicies.AccountAdministrators);
        group.MapPost("/", CreateAccount);
        group.MapGet("/{id:guid}", GetAccount);
        group.MapGet("/", ListAccounts);
        group.MapPost("/{id:guid}/disable", DisableAccount);
        group.MapPost("/{id:guid}/enable", EnableAccount);
        group.MapPut("/{id:guid}/access", SetAccess);
        return group;
    }

    public static async Task<Results<Created<AccountResponse>, ProblemHttpResult>> CreateAccount(
        CreateAccountCommand command, ClaimsPrincipal user, UserManager<Account> users, TimeProvider time)
    {
        var caller = Caller.From(user);
        var errors = new InputErrors();
        var userName = errors.Text(command.UserName, "userName", maxLength: 64, minLength: 3);
        if (userName.Length > 0 && !UserNamePattern().IsMatch(userName))
        {
            errors.Add("userName", "Use letters, digits and . _ - @ + only.");
        }

        var displayName = errors.Text(command.DisplayName, "displayName", maxLength: 200);
        var phone = command.PhoneNumber is null ? null : errors.Text(command.PhoneNumber, "phoneNumber", maxLength: 32, minLength: 5);
        var access = ValidateAccess(errors, command.Roles, command.EstateIds, command.Trades, PlatformRoles.Staff);
        var now = time.GetUtcNow();
        var account = new Account
        {
            Id = Guid.CreateVersion7(now),
            UserName = userName,
            DisplayName = displayName,
            PhoneNumber = phone,
            Kind = AccountKind.Staff,
            Status = AccountStatus.Active,
            CreatedAt = now,
        };
        access.ApplyTo(account);
        await ValidatePasswordAsync(errors, users, account, command.Password, "password");
        errors.ThrowIfAny();

        if (Refusal(caller, access) is { } refused)
        {
            return refused;
        }

        Check(await users.CreateAsync(account, command.Password!));
        return TypedResults.Created($"/api/identity/accounts/{account.Id}", ToResponse(account, caller));
    }

    public static async Task<Ok<AccountResponse>> GetAccount(Guid id, ClaimsPrincipal user, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var account = await FindVisibleAsync(db, caller, id, cancellationToken);
        return TypedResults.Ok(ToResponse(account, caller));
    }

    /// <summary>
    /// Accounts newest first, keyset-paged; estate managers see only their estates' accounts. Personal data as
    /// <see cref="ToResponse"/> shows it.
    /// </summary>
    public static async Task<Ok<Page<AccountResponse>>> ListAccounts(
        ClaimsPrincipal user, IdentityDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var query = db.Accounts.AsNoTracking();
        if (!caller.IsGroupAdmin)
        {
            var estates = caller.Estates.ToList();
            query = query.Where(a => a.EstateIds.Count > 0 && a.EstateIds.All(e => estates.Contains(e)));
        }

        if (estateId is { } estate)
        {
            query = query.Where(a => a.EstateIds.Contains(estate));
        }

        var page = await query.ToKeysetPageAsync(
            a => a.CreatedAt, a => a.Id, cursor, limit, a => ToResponse(a, caller), cancellationToken);
        return TypedResults.Ok(page);
    }

    /// <summary>The account can no longer sign in, and every token it holds is revoked (refresh tokens stop working).</summary>
    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> DisableAccount(
        Guid id,
        ClaimsPrincipal user,
        IdentityDbContext db,
        UserManager<Account> users,
        IOpenIddictAuthorizationManager authorizations,
        IOpenIddictTokenManager tokens,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var account = await FindVisibleAsync(db, caller, id, cancellationToken);
        if (ManagesPeer(caller, account) is { } refused)
        {
            return refused;
        }

        if (account.Id.ToString() == caller.Subject)
        {
            throw new ConflictException("An account cannot disable itself.");
        }

        await DisableAsync(account, users, authorizations, tokens, cancellationToken);
        return TypedResults.Ok(ToResponse(account, caller));
    }

    /// <summary>
    /// Disables the account and revokes every token it holds, so its refresh tokens stop working at once; shared by the
    /// API and by hr-training's <c>EmploymentEnded</c>.
    /// </summary>
    internal static async Task DisableAsync(
        Account account,
        UserManager<Account> users,
        IOpenIddictAuthorizationManager authorizations,
        IOpenIddictTokenManager tokens,
        CancellationToken cancellationToken)
    {
        account.Status = AccountStatus.Disabled;
        Check(await users.UpdateSecurityStampAsync(account));
        await authorizations.RevokeBySubjectAsync(account.Id.ToString(), cancellationToken);
        await tokens.RevokeBySubjectAsync(account.Id.ToString(), cancellationToken);
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> EnableAccount(
        Guid id, ClaimsPrincipal user, IdentityDbContext db, UserManager<Account> users, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var account = await FindVisibleAsync(db, caller, id, cancellationToken);
        if (ManagesPeer(caller, account) is { } refused)
        {
            return refused;
        }

        if (account.Status == AccountStatus.Pending)
        {
            throw new ConflictException("A pending owner account is activated with its activation code, not enabled.");
        }

        account.Status = AccountStatus.Active;
        account.LockoutEnd = null;
        Check(await users.UpdateAsync(account));
        return TypedResults.Ok(ToResponse(account, caller));
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> SetAccess(
        Guid id, SetAccessCommand command, ClaimsPrincipal user, IdentityDbContext db, UserManager<Account> users, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var account = await FindVisibleAsync(db, caller, id, cancellationToken);
        var errors = new InputErrors();
        IReadOnlyList<string> allowed = account.Kind == AccountKind.Owner ? [PlatformRoles.Owner] : PlatformRoles.Staff;
        var access = ValidateAccess(errors, command.Roles, command.EstateIds, command.Trades, allowed);
        errors.ThrowIfAny();

        if ((ManagesPeer(caller, account) ?? Refusal(caller, access)) is { } refused)
        {
            return refused;
        }

        access.ApplyTo(account);
        // A new stamp signs the account out of its login session, so the next code carries the new access.
        Check(await users.UpdateSecurityStampAsync(account));
        return TypedResults.Ok(ToResponse(account, caller));
    }

    private sealed record Access(List<string> Roles, List<Guid> EstateIds, List<string> Trades)
    {
        public void ApplyTo(Account account)
        {
            account.Roles = Roles;
            account.EstateIds = EstateIds;
            account.Trades = Trades;
        }
    }

    private static Access ValidateAccess(
        InputErrors errors, IReadOnlyList<string>? roles, IReadOnlyList<Guid>? estateIds, IReadOnlyList<string>? trades, IReadOnlyList<string> allowedRoles)
    {
        var roleList = roles?.Select(r => r?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (roleList.Count == 0)
        {
            errors.Add("roles", "At least one role.");
        }
        else if (roleList.FirstOrDefault(r => !allowedRoles.Contains(r)) is { } unknown)
        {
            errors.Add("roles", $"'{unknown}' is not one of: {string.Join(", ", allowedRoles)}.");
        }

        var estateList = estateIds?.Distinct().ToList() ?? [];
        if (estateList.Contains(Guid.Empty))
        {
            errors.Add("estateIds", "An empty id is not an estate.");
        }
        else if (estateList.Count == 0 && !roleList.Contains(PlatformRoles.GroupAdmin))
        {
            errors.Add("estateIds", "At least one estate (only group admins work without one).");
        }

        var tradeList = trades?.Select(t => t?.Trim().ToLowerInvariant() ?? "").Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (tradeList.FirstOrDefault(t => !Trades.All.Contains(t)) is { } badTrade)
        {
            errors.Add("trades", $"'{badTrade}' is not one of: {string.Join(", ", Trades.All)}.");
        }

        return new Access(roleList, estateList, tradeList);
    }

    private static async Task ValidatePasswordAsync(InputErrors errors, UserManager<Account> users, Account account, string? password, string field)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "Required.");
            return;
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, account, password);
            foreach (var error in result.Errors)
            {
                errors.Add(field, error.Description);
            }
        }
    }

    /// <summary>An estate manager grants neither administrator role, and only their own estates.</summary>
    private static ProblemHttpResult? Refusal(Caller caller, Access access)
    {
        if (caller.IsGroupAdmin)
        {
            return null;
        }

        if (access.Roles.Any(AdministratorRoles.Contains))
        {
            return Forbidden("Only a group admin grants the group-admin or estate-manager role.");
        }

        return access.EstateIds.All(caller.Estates.Contains)
            ? null
            : Forbidden("An estate manager assigns only the estates they manage.");
    }

    /// <summary>Estate managers do not change administrators (their peers or group admins).</summary>
    private static ProblemHttpResult? ManagesPeer(Caller caller, Account account) =>
        !caller.IsGroupAdmin && account.Roles.Any(AdministratorRoles.Contains)
            ? Forbidden("Only a group admin changes an administrator's account.")
            : null;

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: detail);

    /// <summary>An account the caller may not see is answered as missing: its existence is not revealed.</summary>
    private static async Task<Account> FindVisibleAsync(IdentityDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return account is not null && caller.CanSee(account) ? account : throw new NotFoundException("Account", id);
    }

    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            throw new ConflictException("That user name is taken.");
        }

        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new ConflictException("The account was changed by someone else; reload it and try again.");
        }

        throw new ValidationFailedException(result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
    }

    /// <summary>
    /// Every answer about an account, list or detail, goes through here: phone numbers (and owners' user names, which are
    /// phone numbers) are masked unless the caller sees personal data in full.
    /// </summary>
    internal static AccountResponse ToResponse(Account a, Caller caller) => new(
        a.Id,
        a.Kind == AccountKind.Owner && !caller.SeesPersonalDataInFull ? PersonalData.MaskPhone(a.UserName) ?? "" : a.UserName ?? "",
        a.DisplayName,
        a.Kind,
        a.Status,
        caller.SeesPersonalDataInFull ? a.PhoneNumber : PersonalData.MaskPhone(a.PhoneNumber),
        a.Roles,
        a.EstateIds,
        a.UnitIds,
        a.Trades,
        a.OwnerId,
        a.CreatedAt);

    [GeneratedRegex("^[A-Za-z0-9._@+-]+$")]
    private static partial Regex UserNamePattern();
}
