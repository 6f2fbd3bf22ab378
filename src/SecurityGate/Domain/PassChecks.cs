using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Domain;

/// <summary>
/// One online pass check the gate keeps: every refusal (so the security supervisor sees who was turned away, and why),
/// and every check the guard's device named with an <see cref="IdempotencyKey"/> (so a retry after a lost answer gets the
/// same verdict and records nothing twice).
/// </summary>
public sealed class PassCheck : IEstateOwned
{
    private PassCheck()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The pass's estate when the token could be read and is the guard's; otherwise the estate of the gate.</summary>
    public Guid EstateId { get; private set; }

    /// <summary>The client's <c>Idempotency-Key</c>, unique; null for a check sent without one.</summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>What was asked (a hash of the token, estate and gate), so the same key with another body is told apart.</summary>
    public string RequestFingerprint { get; private set; } = "";

    /// <summary>The pass the token named, when it could be read.</summary>
    public Guid? PassId { get; private set; }

    public bool Admitted { get; private set; }

    public PassRefusal? Refusal { get; private set; }

    public int? UsesLeft { get; private set; }

    public Guid? VisitId { get; private set; }

    /// <summary>The gate the guard stood at, as the device names it; null when it did not say.</summary>
    public string? GateName { get; private set; }

    /// <summary>The guard (token subject) and their name, as the supervisor reads them.</summary>
    public string CheckedBy { get; private set; } = "";

    public string? CheckedByName { get; private set; }

    public DateTimeOffset CheckedAt { get; private set; }

    public static PassCheck Refused(
        Guid estateId, string? key, string fingerprint, Guid? passId, PassRefusal refusal, string? gateName, string guard, string? guardName, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), EstateId = estateId, IdempotencyKey = key, RequestFingerprint = fingerprint, PassId = passId, Refusal = refusal,
        GateName = gateName, CheckedBy = guard, CheckedByName = guardName, CheckedAt = at,
    };

    public static PassCheck Admission(
        VisitorPass pass, string key, string fingerprint, Guid visitId, string? gateName, string guard, string? guardName, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), EstateId = pass.EstateId, IdempotencyKey = key, RequestFingerprint = fingerprint, PassId = pass.Id, Admitted = true,
        UsesLeft = pass.MaxUses - pass.Uses, VisitId = visitId, GateName = gateName, CheckedBy = guard, CheckedByName = guardName, CheckedAt = at,
    };
}
