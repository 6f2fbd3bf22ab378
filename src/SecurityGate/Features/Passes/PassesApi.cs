using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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

/// <summary>The token shown; optionally the gate (<c>gate</c>, as the device names it) and its estate (<c>estateId</c>), for the record of a refusal.</summary>
public sealed record CheckPassCommand(string? Token, Guid? EstateId = null, string? Gate = null);

/// <summary>The guard's answer: admitted (and the visit recorded, the host told), or refused with the reason.</summary>
public sealed record PassCheckResponse(bool Admitted, string? Refusal, Guid? PassId, string? VisitorName, Guid? UnitId, int? UsesLeft, Guid? VisitId);

public sealed record OfflineUse(Guid? UseId, string? Token, DateTimeOffset? UsedAt);

/// <summary>Entries an offline gate let through, uploaded once it is back online; each named by the gate (<c>useId</c>).</summary>
public sealed record UploadOfflineUsesCommand(OfflineUse[]? Uses);

/// <summary><c>Recorded</c>, <c>AlreadyRecorded</c> (the same use uploaded before) or <c>Rejected</c> (<c>reason</c>: not a genuine pass, another estate).</summary>
public sealed record OfflineUseResult(Guid UseId, string Result, string? Reason, string? Irregularity);

/// <summary>A refused pass check, for the security supervisor: <c>passId</c> when the token could be read, <c>reason</c> as the guard was told.</summary>
public sealed record PassRefusalResponse(
    Guid Id, Guid EstateId, Guid? PassId, string Reason, string? Gate, string CheckedBy, string? CheckedByName, DateTimeOffset CheckedAt);

public sealed record VerificationKeyResponse(string Algorithm, string PublicKeyPem);

/// <summary>
/// Pre-registered visitor passes. The token is signed (<see cref="PassTokens"/>): the guard's online check verifies the
/// signature, the window, revocation and uses, and records the entry; a gate that is offline verifies signature and
/// window with the public key (<c>verification-key</c>) and uploads its entries later.
/// </summary>
public static class PassesApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

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
        passes.MapGet("/refusals", ListRefusals).RequireRoles(SecurityGateRoles.Supervisors);
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
    /// and as a visit, and the owner who issued the pass is told, all in one transaction; a refusal is recorded for the
    /// security supervisor. A device that sends an <c>Idempotency-Key</c> gets, for every retry of that key with the same
    /// body, the verdict of the first check and nothing recorded again (the same key with another body is 409): retries
    /// of one key are serialized by a transaction-scoped advisory lock, and the key's unique index is the last word.
    /// </summary>
    public static async Task<Ok<PassCheckResponse>> Check(
        CheckPassCommand command, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, SecurityGateDbContext db, EstateScope scope,
        PassSigningKey key, CorrelationContext correlation, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var token = errors.Text(command.Token, "token", maxLength: 1000);
        var checkKey = idempotencyKey is null ? null : errors.Text(idempotencyKey, IdempotencyHeader, maxLength: 100, minLength: 8);
        var gateName = errors.OptionalText(command.Gate, "gate", maxLength: 100);
        var gateEstate = errors.OptionalId(command.EstateId, "estateId", "the estate of the pass, or the guard's only one");
        errors.ThrowIfAny();
        if (gateEstate is { } stated)
        {
            scope.EnsureCanWrite(stated);
        }

        var request = new CheckRequest(token, gateEstate, gateName, checkKey, Fingerprint(token, gateEstate, gateName));
        if (checkKey is null)
        {
            return TypedResults.Ok(await CheckOnceAsync(db, scope, key, correlation, request, time.GetUtcNow(), cancellationToken));
        }

        if (await ReplayAsync(db, request, cancellationToken) is { } earlier)
        {
            return TypedResults.Ok(earlier);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return TypedResults.Ok(await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({checkKey}, 0))", ct);
                if (await ReplayAsync(db, request, ct) is { } replayed)
                {
                    return replayed;
                }

                var response = await CheckOnceAsync(db, scope, key, correlation, request, time.GetUtcNow(), ct);
                await transaction.CommitAsync(ct);
                return response;
            }, cancellationToken));
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Only a key used for a check of another estate gets here (the lock serializes the rest): that body differs.
            throw new ConflictException($"The {IdempotencyHeader} '{checkKey}' was used for another check.");
        }
    }

    /// <summary>The estate's refused pass checks, newest first: which pass (when the token could be read), why, by whom, at which gate.</summary>
    public static async Task<Ok<Page<PassRefusalResponse>>> ListRefusals(
        SecurityGateDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.PassChecks.AsNoTracking().Where(c => !c.Admitted);
        query = estateId is null ? query : query.Where(c => c.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(c => c.CheckedAt, c => c.Id, cursor, limit, c => new PassRefusalResponse(
            c.Id, c.EstateId, c.PassId, c.Refusal!.Value.ToString(), c.GateName, c.CheckedBy, c.CheckedByName, c.CheckedAt), cancellationToken));
    }

    /// <summary>One check, saved: the entry (pass use, visit, host notified) or the refusal, and the check itself when keyed or refused.</summary>
    private static async Task<PassCheckResponse> CheckOnceAsync(
        SecurityGateDbContext db, EstateScope scope, PassSigningKey key, CorrelationContext correlation, CheckRequest request, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var verification = PassTokens.VerifyOffline(request.Token, key.Key, now);
        if (verification.Claims is not { } claims)
        {
            return await RefuseAsync(db, scope, request, PassRefusal.Tampered, null, null, now, cancellationToken);
        }

        if (!scope.CanSeeEstate(claims.EstateId))
        {
            return await RefuseAsync(db, scope, request, PassRefusal.OtherEstate, claims.PassId, null, now, cancellationToken);
        }

        // A genuine token for a pass that is not stored cannot happen short of a lost database: no pass, no entry.
        var pass = await db.Passes.SingleOrDefaultAsync(p => p.Id == claims.PassId, cancellationToken);
        if (pass is null)
        {
            return await RefuseAsync(db, scope, request, PassRefusal.Revoked, claims.PassId, null, now, cancellationToken);
        }

        if ((verification.Refusal ?? pass.Use()) is { } refusal)
        {
            return await RefuseAsync(db, scope, request, refusal, pass.Id, pass, now, cancellationToken);
        }

        var recordedBy = scope.Subject ?? "";
        db.PassUses.Add(PassUse.Online(pass, now, recordedBy));
        var visit = Visit.Admit(pass.EstateId, pass.UnitId, pass.VisitorName, null, null, pass.Purpose, now, recordedBy, pass.Id);
        db.Visits.Add(visit);
        if (request.Key is { } checkKey)
        {
            db.PassChecks.Add(PassCheck.Admission(pass, checkKey, request.Fingerprint, visit.Id, request.GateName, recordedBy, scope.Name, now));
        }

        await HostNotifications.NotifyArrivalAsync(db, visit, pass.OwnerId, correlation.CorrelationId, cancellationToken);
        // A concurrent check of the same pass loses on the row version (409) and, checked again, sees the use.
        await db.SaveChangesAsync(cancellationToken);
        return new PassCheckResponse(true, null, pass.Id, pass.VisitorName, pass.UnitId, pass.MaxUses - pass.Uses, visit.Id);
    }

    /// <summary>
    /// Records a refusal against the pass's estate when it is the guard's, else the gate's estate (stated, or the guard's
    /// only one); a guard of several estates with a token that names none of them must say which gate's estate it is.
    /// </summary>
    private static async Task<PassCheckResponse> RefuseAsync(
        SecurityGateDbContext db, EstateScope scope, CheckRequest request, PassRefusal refusal, Guid? passId, VisitorPass? pass, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var estateId = pass?.EstateId ?? request.EstateId ?? (scope.EstateIds.Length == 1 ? scope.EstateIds[0] : (Guid?)null)
            ?? throw new ValidationFailedException("estateId", "Required: the estate of this gate, since the token does not name one of yours.");
        db.PassChecks.Add(PassCheck.Refused(estateId, request.Key, request.Fingerprint, passId, refusal, request.GateName, scope.Subject ?? "", scope.Name, now));
        await db.SaveChangesAsync(cancellationToken);
        return new PassCheckResponse(false, refusal.ToString(), pass?.Id, pass?.VisitorName, pass?.UnitId, null, null);
    }

    /// <summary>The verdict given earlier under the request's key; 409 when that check was asked with another body.</summary>
    private static async Task<PassCheckResponse?> ReplayAsync(SecurityGateDbContext db, CheckRequest request, CancellationToken cancellationToken)
    {
        // A check of another estate under this key is invisible here; the unique index turns it into a 409.
        var earlier = await db.PassChecks.AsNoTracking().SingleOrDefaultAsync(c => c.IdempotencyKey == request.Key, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.RequestFingerprint != request.Fingerprint)
        {
            throw new ConflictException($"The {IdempotencyHeader} '{request.Key}' was used for another check; a new check needs a new key.");
        }

        // The pass's name and unit as the first answer gave them: only for a pass of the guard's estates that was found.
        var pass = earlier.PassId is { } passId && earlier.Refusal is not (PassRefusal.OtherEstate or PassRefusal.Tampered)
            ? await db.Passes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == passId, cancellationToken)
            : null;
        return new PassCheckResponse(earlier.Admitted, earlier.Refusal?.ToString(), pass?.Id, pass?.VisitorName, pass?.UnitId, earlier.UsesLeft, earlier.VisitId);
    }

    private static string Fingerprint(string token, Guid? estateId, string? gateName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', token, estateId?.ToString() ?? "", gateName ?? ""))));

    private sealed record CheckRequest(string Token, Guid? EstateId, string? GateName, string? Key, string Fingerprint);

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

    private static async Task<VisitorPass> FindAsync(SecurityGateDbContext db, Guid passId, CancellationToken cancellationToken, bool tracked = false) =>
        await (tracked ? db.Passes : db.Passes.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == passId, cancellationToken)
            ?? throw new NotFoundException("Visitor pass", passId);

    private static DateTimeOffset Seconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    private static PassResponse ToResponse(VisitorPass p, PassSigningKey key) => new(
        p.Id, p.EstateId, p.UnitId!.Value, p.VisitorName, p.Purpose, p.ValidFrom, p.ValidUntil, p.MaxUses, p.Uses, p.RevokedAt,
        PassTokens.Sign(p.Claims, key.Key), $"/api/security-gate/passes/{p.Id}/qr");
}
