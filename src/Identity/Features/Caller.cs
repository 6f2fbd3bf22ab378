using System.Security.Claims;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Identity.Features;

/// <summary>Who is calling, from the access token: roles and the estates they work in.</summary>
public sealed record Caller(string? Subject, IReadOnlySet<string> Roles, IReadOnlySet<Guid> Estates)
{
    public bool IsGroupAdmin => Roles.Contains(PlatformRoles.GroupAdmin);

    /// <summary>Only group admins see phone numbers unmasked; everyone else needs no more than the masked form.</summary>
    public bool SeesPersonalDataInFull => IsGroupAdmin;

    public static Caller From(ClaimsPrincipal user)
    {
        // The subject and estates are read from the token exactly as every service's estate scope reads them.
        var scope = EstateScope.For(user);
        return new(scope.Subject, user.FindAll(PlatformClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal), scope.EstateIds.ToHashSet());
    }

    /// <summary>Group admins see everyone; others see accounts whose estates all lie within their own.</summary>
    public bool CanSee(Account account) =>
        IsGroupAdmin || (account.EstateIds.Count > 0 && account.EstateIds.All(Estates.Contains));

    /// <summary>Works in at least one of the account's estates (or is group-wide).</summary>
    public bool SharesAnEstateWith(Account account) => IsGroupAdmin || account.EstateIds.Any(Estates.Contains);
}
