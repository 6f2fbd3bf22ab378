using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.SecurityGate.Features.Visitors;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using QRCoder;

namespace PropertyPlatform.SecurityGate.Features.Passes;

/// <summary>An owner pre-registers a visitor to their unit, for a time window (UTC instants) and a number of entries.</summary>
public sealed record IssuePassCommand(
    Guid? EstateId, Guid? UnitId, string? VisitorName, string? Purpose, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int? MaxUses);

/// <summary>The token to share (as text or as the QR code at <c>qrCode</c>), with the pass's state.</summary>
public sealed record PassResponse(
    Guid Id,
    Guid EstateId,
    Guid UnitId,
    string VisitorName,
    string? Purpose,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    int MaxUses,
    int Uses,
    DateTimeOffset? RevokedAt,
    string Token,
    string QrCode);

public sealed record CheckPassCommand(string? Token);

/// <summary>The guard's answer: admitted (and the visit recorded, the host told), or refused with the reason.</summary>
public sealed record PassCheckResponse(bool Admitted, string? Refusal, Guid? PassId, string? VisitorName, Guid? UnitId, int? UsesLeft, Guid? VisitId);

public sealed record OfflineUse(Guid? UseId, string? Token, DateTimeOffset? UsedAt);

/// <summary>Entries an offline gate let through, uploaded once it is back online; each named by the gate (<c>useId</c>).</summary>
public sealed record UploadOfflineUsesCommand(OfflineUse[]? Uses);

/// <summary><c>Recorded</c>, <c>AlreadyRecorded</c> (the same use uploaded before) or <c>Rejected</c> (<c>reason</c>: not a genuine pass, another estate).</summary>
public sealed record OfflineUseResult(Guid UseId, string Result, string? Reason, string? Irregularity);

public sealed record VerificationKeyResponse(string Algorithm, string PublicKeyPem);

/// <summary>
/// Pre-registered visitor passes. The token is signed (<see cref="PassTokens"/>): the guard's online check verifies the
/// signature, the window, revocation and uses, and records the entry; a gate that is offline verifies signature and
/// window with the public key (<c>verification-key</c>) and uploads its entries later.
/// </summary>
public static class PassesApi
{
    public const int MaxUsesLimit = 50;
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(31);

    public static RouteGroupBuilder MapPassesApi(this RouteGroupBuilder api)
    {
        var passes = api.MapGroup("/passes").WithTags("Visitor passes");
        passes.MapPost("/", Issue).RequireRoles(SecurityGateRoles.PassIssuers);
        passes.MapGet("/", List).RequireRoles(SecurityGateRoles.PassKeepers);
        passes.MapGet("/{passId:guid}", Get).RequireRoles(SecurityGateRoles.PassKeepers);
        passes.MapGet("/{passId:guid}/qr", QrCode).RequireRoles(SecurityGateRoles.PassKeepers);
        passes.MapPost("/{passId:guid}/revoke", Revoke).RequireRoles(SecurityGateRoles.PassKeepers);
        passes.MapPost("/check", Check).RequireRoles(SecurityGateRoles.Gate);
        passes.MapPost("/offline-uses", UploadOfflineUses).RequireRoles(SecurityGateRoles.Gate);
        passes.MapGet("/verification-key", VerificationKey).RequireRoles(SecurityGateRoles.Gate);
        return api;
    }

    public static async Task<Created<PassResponse>> Issue(
        IssuePassCommand command, SecurityGateDbContext db, EstateScope scope, PassSigningKey key, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var unitId = errors.Id(command.UnitId, "unitId");
        var name = errors.Text(command.VisitorName, "visitorName", maxLength: 100);
        var purpose = errors.OptionalText(command.Purpose, "purpose", maxLength: 200);
        // Whole seconds: what the token carries is exactly what the pass holds.
        var validFrom = Seconds(command.ValidFrom ?? now);
        if (command.ValidUntil is not { } until)
        {
            errors.Add("validUntil", "Required: when the pass stops opening the gate.");
        }
        else if (Seconds(until) <= validFrom || Seconds(until) <= now)
        {
            errors.Add("validUntil", "Must be after validFrom and in the future.");
        }
        else if (Seconds(until) - validFrom > LongestWindow)
        {
            errors.Add("validUntil", $"A pass is valid for at most {LongestWindow.TotalDays} days.");
        }

        if (command.ValidFrom is { } from && from < now.AddDays(-1))
        {
            errors.Add("validFrom", "Cannot be more than a day back.");
        }

        var maxUses = command.MaxUses ?? 1;
        if (maxUses is < 1 or > MaxUsesLimit)
        {
            errors.Add("maxUses", $"Must be between 1 and {MaxUsesLimit}.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId, unitId);
        var pass = VisitorPass.Issue(estateId, unitId, scope.OwnerId, scope.Subject ?? "", name, purpose, validFrom, Seconds(command.ValidUntil!.Value), maxUses, now);
        db.Passes.Add(pass);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/passes/{pass.Id}", ToResponse(pass, key));
    }

    public static async Task<Ok<PassResponse>> Get(Guid passId, SecurityGateDbContext db, PassSigningKey key, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await FindAsync(db, passId, cancellationToken), key));

    /// <summary>The QR code of the pass's token, as a PNG the owner shares with the visitor.</summary>
    public static async Task<FileContentHttpResult> QrCode(Guid passId, SecurityGateDbContext db, PassSigningKey key, CancellationToken cancellationToken)
    {
        var pass = await FindAsync(db, passId, cancellationToken);
        var png = PngByteQRCodeHelper.GetQRCode(PassTokens.Sign(pass.Claims, key.Key), QRCodeGenerator.ECCLevel.M, 8);
        return TypedResults.File(png, "image/png", $"pass-{pass.Id}.png");
    }

    /// <summary>Passes the caller may see (an owner: their units'), newest first.</summary>
    public static async Task<Ok<Page<PassResponse>>> List(
        SecurityGateDbContext db, PassSigningKey key, Guid? estateId, Guid? unitId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Passes.AsNoTracking();
        query = estateId is null ? query : query.Where(p => p.EstateId == estateId);
        query = unitId is null ? query : query.Where(p => p.UnitId == unitId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(p => p.IssuedAt, p => p.Id, cursor, limit, p => ToResponse(p, key), cancellationToken));
    }

    public static async Task<Ok<PassResponse>> Revoke(
        Guid passId, SecurityGateDbContext db, EstateScope scope, PassSigningKey key, TimeProvider time, CancellationToken cancellationToken)
    {
        var pass = await FindAsync(db, passId, cancellationToken, tracked: true);
        scope.EnsureCanWrite(pass.EstateId, pass.UnitId);
        if (!pass.Revoke(time.GetUtcNow()))
        {
            throw new ConflictException("The pass is revoked already.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(pass, key));
    }

    /// <summary>
    /// The guard's online check: signature, window, revocation, uses. An admitted visitor's entry is recorded on the pass
    /// and as a visit, and the owner who issued the pass is told, all in one transaction.
    /// </summary>
    public static async Task<Ok<PassCheckResponse>> Check(
        CheckPassCommand command, SecurityGateDbContext db, EstateScope scope, PassSigningKey key, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var token = errors.Text(command.Token, "token", maxLength: 1000);
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var verification = PassTokens.VerifyOffline(token, key.Key, now);
        if (verification.Claims is not { } claims)
        {
            return Refused(PassRefusal.Tampered, null);
        }

        if (!scope.CanSeeEstate(claims.EstateId))
        {
            return Refused(PassRefusal.OtherEstate, null);
        }

        // A genuine token for a pass that is not stored cannot happen short of a lost database: no pass, no entry.
        var pass = await db.Passes.SingleOrDefaultAsync(p => p.Id == claims.PassId, cancellationToken);
        if (pass is null)
        {
            return Refused(PassRefusal.Revoked, null);
        }

        if ((verification.Refusal ?? pass.Use()) is { } refusal)
        {
            return Refused(refusal, pass);
        }

        var recordedBy = scope.Subject ?? "";
        db.PassUses.Add(PassUse.Online(pass, now, recordedBy));
        var visit = Visit.Admit(pass.EstateId, pass.UnitId, pass.VisitorName, null, null, pass.Purpose, now, recordedBy, pass.Id);
        db.Visits.Add(visit);
        await HostNotifications.NotifyArrivalAsync(db, visit, pass.OwnerId, correlation.CorrelationId, cancellationToken);
        // A concurrent check of the same pass loses on the row version (409) and, checked again, sees the use.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new PassCheckResponse(true, null, pass.Id, pass.VisitorName, pass.UnitId, pass.MaxUses - pass.Uses, visit.Id));
    }

    /// <summary>
    /// Records what offline gates let through. Only genuine passes of the guard's estates are recorded; each use once,
    /// however often it is uploaded. What the online check would have refused is recorded with the irregularity.
    /// </summary>
    public static async Task<Ok<OfflineUseResult[]>> UploadOfflineUses(
        UploadOfflineUsesCommand command, SecurityGateDbContext db, EstateScope scope, PassSigningKey key, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var uses = command.Uses ?? [];
        if (uses.Length is 0 or > 500)
        {
            errors.Add("uses", "Required: 1 to 500 uses.");
        }

        var checkedUses = uses.Select((use, i) => (
            UseId: errors.Id(use.UseId, $"uses[{i}].useId"),
            Token: errors.Text(use.Token, $"uses[{i}].token", maxLength: 1000),
            UsedAt: use.UsedAt is null ? RequiredUsedAt(errors, i) : errors.HappenedAt(use.UsedAt, $"uses[{i}].usedAt", now))).ToList();
        errors.ThrowIfAny();

        var results = new List<OfflineUseResult>();
        foreach (var use in checkedUses)
        {
            results.Add(await RecordOfflineUseAsync(db, scope, key, use.UseId, use.Token, use.UsedAt, now, cancellationToken));
        }

        return TypedResults.Ok(results.ToArray());
    }

    public static Ok<VerificationKeyResponse> VerificationKey(PassSigningKey key) => TypedResults.Ok(new VerificationKeyResponse("ES256", key.PublicKeyPem));

    private static async Task<OfflineUseResult> RecordOfflineUseAsync(
        SecurityGateDbContext db, EstateScope scope, PassSigningKey key, Guid useId, string token, DateTimeOffset usedAt, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (PassTokens.VerifySignature(token, key.Key).Claims is not { } claims)
        {
            return new(useId, "Rejected", nameof(PassRefusal.Tampered), null);
        }

        var pass = scope.CanSeeEstate(claims.EstateId) ? await db.Passes.SingleOrDefaultAsync(p => p.Id == claims.PassId, cancellationToken) : null;
        if (pass is null)
        {
            return new(useId, "Rejected", nameof(PassRefusal.OtherEstate), null);
        }

        if (await db.PassUses.IgnoreQueryFilters().AnyAsync(u => u.Id == useId, cancellationToken))
        {
            return new(useId, "AlreadyRecorded", null, null);
        }

        var irregularity = PassTokens.WindowRefusal(claims, usedAt) ?? pass.StateRefusal;
        pass.CountOfflineUse();
        db.PassUses.Add(PassUse.Uploaded(useId, pass, usedAt, irregularity, now, scope.Subject ?? ""));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same upload arriving twice at once: the other one recorded it.
            return new(useId, "AlreadyRecorded", null, null);
        }

        return new(useId, "Recorded", null, irregularity?.ToString());
    }

    private static DateTimeOffset RequiredUsedAt(InputErrors errors, int index)
    {
        errors.Add($"uses[{index}].usedAt", "Required: when the gate let the visitor in.");
        return default;
    }

    private static Ok<PassCheckResponse> Refused(PassRefusal refusal, VisitorPass? pass) =>
        TypedResults.Ok(new PassCheckResponse(false, refusal.ToString(), pass?.Id, pass?.VisitorName, pass?.UnitId, null, null));

    private static async Task<VisitorPass> FindAsync(SecurityGateDbContext db, Guid passId, CancellationToken cancellationToken, bool tracked = false) =>
        await (tracked ? db.Passes : db.Passes.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == passId, cancellationToken)
            ?? throw new NotFoundException("Visitor pass", passId);

    private static DateTimeOffset Seconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    private static PassResponse ToResponse(VisitorPass p, PassSigningKey key) => new(
        p.Id, p.EstateId, p.UnitId!.Value, p.VisitorName, p.Purpose, p.ValidFrom, p.ValidUntil, p.MaxUses, p.Uses, p.RevokedAt,
        PassTokens.Sign(p.Claims, key.Key), $"/api/security-gate/passes/{p.Id}/qr");
}
