using Microsoft.AspNetCore.Identity;
using PropertyPlatform.Identity.Domain;

namespace PropertyPlatform.Identity.Features.Owners;

/// <summary>
/// One field's error: <see cref="Code"/> names the rule (the activation page says it in the reader's language), the
/// description is the API's English text.
/// </summary>
public sealed record ActivationError(string Field, string Code, string Description);

/// <summary>
/// The owner's first activation: the phone number (their user name), the front desk's one-time code and a new password.
/// Shared by the API (<c>/api/identity/activation</c>) and the activation page, so both keep the same rules.
/// </summary>
public sealed class OwnerActivation(UserManager<Account> users, TimeProvider time)
{
    public const string UserNameField = "userName";
    public const string CodeField = "code";
    public const string NewPasswordField = "newPassword";

    public const string InvalidCode = "The activation code is not valid or was already used.";
    public const string ExpiredCode = "The activation code has expired: ask the front desk for a new one.";
    private const int MaxLength = 64;

    /// <summary>The account now active, or every failing field (nothing changed).</summary>
    public async Task<(Account? Account, IReadOnlyList<ActivationError> Errors)> ActivateAsync(string? userName, string? code, string? newPassword)
    {
        var errors = await CheckInputAsync(userName, code, newPassword);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var account = await users.FindByNameAsync(userName!.Trim());
        if (account is not { Kind: AccountKind.Owner, Status: AccountStatus.Pending }
            || account.ActivationCodeExpiresAt is not { } expiresAt
            || !ActivationCodes.Matches(code!, account.ActivationCodeHash))
        {
            // Wrong, already used (its hash is gone) or no such account: one answer, so it tells nobody who has an account.
            return (null, [new(CodeField, nameof(InvalidCode), InvalidCode)]);
        }

        if (expiresAt <= time.GetUtcNow())
        {
            // Only someone holding the code that was issued learns this, and what they need is a new one.
            return (null, [new(CodeField, nameof(ExpiredCode), ExpiredCode)]);
        }

        account.Status = AccountStatus.Active;
        account.PhoneNumberConfirmed = true;
        account.ActivationCodeHash = null;
        account.ActivationCodeExpiresAt = null;
        if (await users.HasPasswordAsync(account))
        {
            await users.RemovePasswordAsync(account);
        }

        // One save: the concurrency stamp makes a second, racing use of the same code fail.
        var saved = await users.AddPasswordAsync(account, newPassword!);
        return saved.Succeeded ? (account, []) : (null, [new(CodeField, nameof(InvalidCode), InvalidCode)]);
    }

    /// <summary>The fields' own rules (present, not too long, the password policy), before any account is looked at.</summary>
    public async Task<List<ActivationError>> CheckInputAsync(string? userName, string? code, string? newPassword)
    {
        var errors = new List<ActivationError>();
        Text(userName, UserNameField, errors);
        Text(code, CodeField, errors);
        if (string.IsNullOrEmpty(newPassword))
        {
            errors.Add(new(NewPasswordField, "Required", "Required."));
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, new Account(), newPassword);
                errors.AddRange(result.Errors.Select(e => new ActivationError(NewPasswordField, e.Code, e.Description)));
            }
        }

        return errors;
    }

    private static void Text(string? value, string field, List<ActivationError> errors)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors.Add(new(field, "Required", "Required."));
        }
        else if (trimmed.Length > MaxLength)
        {
            errors.Add(new(field, "TooLong", $"Must be between 1 and {MaxLength} characters."));
        }
    }
}
