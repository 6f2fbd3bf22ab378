using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Keys;

/// <summary>A key the office keeps: a unit's (<c>unitId</c>) or a common area's (<c>area</c>), exactly one of them.</summary>
public sealed record RegisterKeyCommand(Guid? EstateId, string? Label, Guid? UnitId, string? Area);

public sealed record IssueKeyCommand(string? IssuedTo, string? Purpose, DateTimeOffset? ExpectedReturnAt);

public sealed record ReturnKeyCommand(string? Note);

public sealed record KeyResponse(
    Guid Id, Guid EstateId, string Label, Guid? UnitId, string? Area, bool IsOut, Guid? CurrentLoanId, DateTimeOffset RegisteredAt);

public sealed record KeyLoanResponse(
    Guid Id,
    Guid KeyId,
    Guid EstateId,
    string KeyLabel,
    string IssuedTo,
    string Purpose,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpectedReturnAt,
    string IssuedBy,
    DateTimeOffset? ReturnedAt,
    string? ReturnedTo,
    string? ReturnNote,
    bool Overdue);

/// <summary>
/// Key custody at the front desk: keys are registered, issued to a named person until an expected return, and returned.
/// A key that is out cannot be issued again; every loan stays on record.
/// </summary>
public static class KeysApi
{
    public static RouteGroupBuilder MapKeysApi(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("Key custody").RequireRoles(ReceptionRoles.Desk);
        keys.MapPost("/", RegisterKey);
        keys.MapGet("/", ListKeys);
        keys.MapGet("/overdue", ListOverdueLoans);
        keys.MapGet("/out", ListLoansOut);
        keys.MapGet("/{id:guid}", GetKey);
        keys.MapPost("/{id:guid}/issue", IssueKey);
        keys.MapPost("/{id:guid}/return", ReturnKey);
        keys.MapGet("/{id:guid}/loans", ListLoans);
        return api;
    }

    public static async Task<Created<KeyResponse>> RegisterKey(
        RegisterKeyCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var label = errors.Text(command.Label, "label", maxLength: 200);
        var area = errors.OptionalText(command.Area, "area", maxLength: 200);
        if (command.UnitId == Guid.Empty || (command.UnitId is null) == (area is null))
        {
            errors.Add(command.UnitId is null && area is null ? "area" : "unitId", "A key opens either a unit (unitId) or a common area (area): give exactly one.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        if (command.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId && u.EstateId == estateId, cancellationToken))
        {
            throw new ValidationFailedException("unitId", "No such unit in this estate.");
        }

        if (await db.Keys.AnyAsync(k => k.EstateId == estateId && k.Label == label, cancellationToken))
        {
            throw new ConflictException($"A key labelled '{label}' is already kept in this estate.");
        }

        var key = CustodyKey.Register(estateId, label, command.UnitId, area, scope.Account(), time.GetUtcNow());
        db.Keys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/keys/{key.Id}", ToResponse(key));
    }

    public static async Task<Ok<KeyResponse>> GetKey(Guid id, ReceptionDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Keys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw new NotFoundException("Key", id)));

    /// <summary>The keys of the caller's estates in registration order, newest first; by estate, unit, or in/out.</summary>
    public static async Task<Ok<Page<KeyResponse>>> ListKeys(
        ReceptionDbContext db, Guid? estateId, Guid? unitId, bool? isOut, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Keys.AsNoTracking();
        query = estateId is null ? query : query.Where(k => k.EstateId == estateId);
        query = unitId is null ? query : query.Where(k => k.UnitId == unitId);
        query = isOut switch
        {
            true => query.Where(k => k.CurrentLoanId != null),
            false => query.Where(k => k.CurrentLoanId == null),
            null => query,
        };
        return TypedResults.Ok(await query.ToKeysetPageAsync(k => k.RegisteredAt, k => k.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>Hands a key in the office to a named person; a key that is out is a conflict.</summary>
    public static async Task<Ok<KeyLoanResponse>> IssueKey(
        Guid id, IssueKeyCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var issuedTo = errors.Text(command.IssuedTo, "issuedTo", maxLength: 200);
        var purpose = errors.Text(command.Purpose, "purpose", maxLength: 500);
        var expectedReturnAt = command.ExpectedReturnAt?.ToUniversalTime();
        if (expectedReturnAt is not { } expected || expected <= now)
        {
            errors.Add("expectedReturnAt", "Required, and in the future.");
        }

        errors.ThrowIfAny();
        var key = await db.Keys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken) ?? throw new NotFoundException("Key", id);
        scope.EnsureCanWrite(key.EstateId);
        var loan = key.Issue(issuedTo, purpose, expectedReturnAt!.Value, scope.Account(), now)
            ?? throw new ConflictException($"Key '{key.Label}' is out; it must be returned before it is issued again.");
        db.KeyLoans.Add(loan);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(loan, now));
    }

    /// <summary>Takes a key back; only a key that is out can be returned.</summary>
    public static async Task<Ok<KeyLoanResponse>> ReturnKey(
        Guid id, ReturnKeyCommand? command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var note = errors.OptionalText(command?.Note, "note", maxLength: 1000);
        errors.ThrowIfAny();
        var key = await db.Keys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken) ?? throw new NotFoundException("Key", id);
        scope.EnsureCanWrite(key.EstateId);
        var loan = key.CurrentLoanId is { } loanId ? await db.KeyLoans.SingleAsync(l => l.Id == loanId, cancellationToken) : null;
        var now = time.GetUtcNow();
        if (loan is null || !key.Return(loan, scope.Account(), note, now))
        {
            throw new ConflictException($"Key '{key.Label}' is in the office; only an issued key can be returned.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(loan, now));
    }

    /// <summary>A key's history: every time it went out, newest first.</summary>
    public static async Task<Ok<Page<KeyLoanResponse>>> ListLoans(
        Guid id, ReceptionDbContext db, TimeProvider time, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!await db.Keys.AnyAsync(k => k.Id == id, cancellationToken))
        {
            throw new NotFoundException("Key", id);
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok(await db.KeyLoans.AsNoTracking().Where(l => l.KeyId == id)
            .ToKeysetPageAsync(l => l.IssuedAt, l => l.Id, cursor, limit, l => ToResponse(l, now), cancellationToken));
    }

    /// <summary>Keys still out after they were expected back, the most recently due first; optionally one estate's.</summary>
    public static Task<Ok<Page<KeyLoanResponse>>> ListOverdueLoans(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken) =>
        OpenLoansAsync(db, time, estateId, overdueOnly: true, cursor, limit, cancellationToken);

    /// <summary>Every key out of the office (who has it, until when, overdue or not), the latest due first; the desk's register.</summary>
    public static Task<Ok<Page<KeyLoanResponse>>> ListLoansOut(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken) =>
        OpenLoansAsync(db, time, estateId, overdueOnly: false, cursor, limit, cancellationToken);

    private static async Task<Ok<Page<KeyLoanResponse>>> OpenLoansAsync(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, bool overdueOnly, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = db.KeyLoans.AsNoTracking().Where(l => l.ReturnedAt == null);
        query = overdueOnly ? query.Where(l => l.ExpectedReturnAt < now) : query;
        query = estateId is null ? query : query.Where(l => l.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(l => l.ExpectedReturnAt, l => l.Id, cursor, limit, l => ToResponse(l, now), cancellationToken));
    }

    private static KeyResponse ToResponse(CustodyKey k) => new(k.Id, k.EstateId, k.Label, k.UnitId, k.Area, k.IsOut, k.CurrentLoanId, k.RegisteredAt);

    private static KeyLoanResponse ToResponse(KeyLoan l, DateTimeOffset now) => new(
        l.Id, l.KeyId, l.EstateId, l.KeyLabel, l.IssuedTo, l.Purpose, l.IssuedAt, l.ExpectedReturnAt, l.IssuedBy,
        l.ReturnedAt, l.ReturnedTo, l.ReturnNote, l.IsOverdue(now));
}
