using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Certifications;

/// <summary>Training passed: exactly one of <c>trade</c> and <c>post</c>; dates are estate-local days, both inclusive.</summary>
public sealed record GrantCertificationCommand(Guid? StaffId, Guid? EstateId, string? Trade, string? Post, string? ValidFrom, string? ValidUntil);

public sealed record RenewCertificationCommand(string? ValidUntil);

public sealed record RevokeCertificationCommand(string? Reason);

public sealed record CertificationResponse(
    Guid Id,
    Guid EstateId,
    Guid StaffId,
    string? Trade,
    string? Post,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    DateTimeOffset GrantedAt,
    string GrantedBy,
    DateTimeOffset? RenewedAt,
    DateTimeOffset? RevokedAt,
    string? RevocationReason);

/// <summary>A certification ending within the warning window, with the person's name for the list.</summary>
public sealed record ExpiringCertificationResponse(CertificationResponse Certification, string StaffName, int DaysLeft);

/// <summary>
/// Certified before duty (培训合格后方可上岗): certifications per trade or post and estate, granted, renewed and revoked
/// by HR/training; each step is published for maintenance and security-gate. The warning list shows what ends within
/// <see cref="Certification.WarningDays"/> days, in the estate's time.
/// </summary>
public static class CertificationsApi
{
    private const int MaxValidityYears = 5;

    public static RouteGroupBuilder MapCertificationsApi(this RouteGroupBuilder api)
    {
        var certifications = api.MapGroup("/certifications").WithTags("Certifications");
        certifications.MapPost("/", Grant).RequireRoles(HrTrainingRoles.Certifiers);
        certifications.MapGet("/", List).RequireRoles(HrTrainingRoles.Readers);
        certifications.MapGet("/expiring", Expiring).RequireRoles(HrTrainingRoles.Readers);
        certifications.MapGet("/{id:guid}", Get).RequireRoles(HrTrainingRoles.Readers);
        certifications.MapPost("/{id:guid}/renew", Renew).RequireRoles(HrTrainingRoles.Certifiers);
        certifications.MapPost("/{id:guid}/revoke", Revoke).RequireRoles(HrTrainingRoles.Certifiers);
        return api;
    }

    public static async Task<Created<CertificationResponse>> Grant(
        GrantCertificationCommand command, HrTrainingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var staffId = errors.Id(command.StaffId, "staffId");
        var estateId = errors.Id(command.EstateId, "estateId");
        var duty = errors.Duty(command.Trade, command.Post);
        var validFrom = errors.LocalDate(command.ValidFrom, "validFrom");
        var validUntil = errors.LocalDate(command.ValidUntil, "validUntil");
        CheckPeriod(errors, validFrom, validUntil);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new ValidationFailedException("staffId", "No employment file for this person in your estates.");
        if (!staff.IsActive)
        {
            throw new ConflictException($"The employment of {staff.DisplayName} ({staffId}) has ended; nobody is certified after leaving.");
        }

        if (!staff.WorksIn(estateId))
        {
            throw new ValidationFailedException("estateId", $"{staff.DisplayName} does not work in this estate.");
        }

        if (await db.Certifications.AnyAsync(
                c => c.StaffId == staffId && c.EstateId == estateId && c.Kind == duty.Kind && c.Name == duty.Name && c.RevokedAt == null, cancellationToken))
        {
            throw new ConflictException($"{staff.DisplayName} already holds a certification for {duty} in this estate; renew it instead.");
        }

        var certification = Granted(db, estateId, staffId, duty, validFrom, validUntil, scope.Account(), correlation.CorrelationId, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/hr-training/certifications/{certification.Id}", ToResponse(certification));
    }

    public static async Task<Ok<CertificationResponse>> Get(Guid id, HrTrainingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Certifications.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException("Certification", id)));

    /// <summary>Certifications of the caller's estates, newest grant first; by estate or person.</summary>
    public static async Task<Ok<Page<CertificationResponse>>> List(
        HrTrainingDbContext db, Guid? estateId, Guid? staffId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Certifications.AsNoTracking();
        query = estateId is null ? query : query.Where(c => c.EstateId == estateId);
        query = staffId is null ? query : query.Where(c => c.StaffId == staffId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(c => c.GrantedAt, c => c.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>
    /// The warning list: certifications of the estate valid today (estate time) that end within
    /// <see cref="Certification.WarningDays"/> days, soonest first, so re-training is booked before anyone drops off duty.
    /// </summary>
    public static async Task<Ok<ExpiringCertificationResponse[]>> Expiring(
        HrTrainingDbContext db, IEstateCalendars calendars, TimeProvider time, Guid? estateId, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        errors.ThrowIfAny();
        if (!db.Scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        var calendar = await calendars.GetKnownAsync(estate, cancellationToken);
        var today = calendar.LocalDay(time.GetUtcNow());
        var horizon = today.AddDays(Certification.WarningDays);
        var candidates = await db.Certifications.AsNoTracking()
            .Where(c => c.EstateId == estate && c.RevokedAt == null && c.ValidFrom <= today && c.ValidUntil >= today && c.ValidUntil <= horizon)
            .Join(db.Staff.IgnoreQueryFilters(), c => c.StaffId, s => s.Id, (c, s) => new { Certification = c, s.DisplayName })
            .OrderBy(x => x.Certification.ValidUntil).ThenBy(x => x.DisplayName)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(candidates
            .Where(x => x.Certification.ExpiresWithin(Certification.WarningDays, today))
            .Select(x => new ExpiringCertificationResponse(ToResponse(x.Certification), x.DisplayName, x.Certification.ValidUntil.DayNumber - today.DayNumber))
            .ToArray());
    }

    /// <summary>Extends a standing certification (re-training passed), also after it expired: the person may go back on duty.</summary>
    public static async Task<Ok<CertificationResponse>> Renew(
        Guid id, RenewCertificationCommand command, HrTrainingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var validUntil = errors.LocalDate(command.ValidUntil, "validUntil");
        errors.ThrowIfAny();
        var certification = await db.Certifications.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("Certification", id);
        scope.EnsureCanWrite(certification.EstateId);
        if (certification.IsRevoked)
        {
            throw new ConflictException($"Certification '{id}' was revoked; grant a new one after re-training.");
        }

        var now = time.GetUtcNow();
        // A renewal restarts the clock: the limit counts from today, not from the first grant years ago.
        var latest = DateOnly.FromDateTime(now.UtcDateTime).AddYears(MaxValidityYears);
        if (validUntil <= certification.ValidUntil)
        {
            throw new ValidationFailedException("validUntil", $"Must be after the current last day ({certification.ValidUntil:yyyy-MM-dd}).");
        }

        if (validUntil > latest)
        {
            throw new ValidationFailedException("validUntil", $"A certification is valid for at most {MaxValidityYears} years (until {latest:yyyy-MM-dd}).");
        }

        Renewed(db, certification, validUntil, correlation.CorrelationId, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(certification));
    }

    /// <summary>Withdraws a certification before its end (a failed re-training, a sanction): off duty at once.</summary>
    public static async Task<Ok<CertificationResponse>> Revoke(
        Guid id, RevokeCertificationCommand command, HrTrainingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var reason = errors.Text(command.Reason, "reason", maxLength: 500);
        errors.ThrowIfAny();
        var certification = await db.Certifications.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("Certification", id);
        scope.EnsureCanWrite(certification.EstateId);
        var now = time.GetUtcNow();
        if (!certification.Revoke(reason, scope.Account(), now))
        {
            throw new ConflictException($"Certification '{id}' is already revoked.");
        }

        var duty = certification.Duty;
        db.AddIntegrationEvent(new CertificationRevoked(
            Guid.CreateVersion7(now), now, certification.EstateId, correlation.CorrelationId, certification.Id, certification.StaffId,
            duty.TradeName, duty.PostName, certification.ValidUntil, reason));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(certification));
    }

    /// <summary>Grants a certification and announces it (<c>CertificationGranted</c>), to be saved by the caller: the one way a grant happens.</summary>
    internal static Certification Granted(
        HrTrainingDbContext db, Guid estateId, Guid staffId, Duty duty, DateOnly validFrom, DateOnly validUntil, string grantedBy, Guid correlationId,
        DateTimeOffset now)
    {
        var certification = Certification.Grant(estateId, staffId, duty, validFrom, validUntil, grantedBy, now);
        db.Certifications.Add(certification);
        db.AddIntegrationEvent(new CertificationGranted(
            Guid.CreateVersion7(now), now, estateId, correlationId, certification.Id, staffId, duty.TradeName, duty.PostName, validUntil));
        return certification;
    }

    /// <summary>Extends a standing certification and announces it (<c>CertificationRenewed</c>); false when it already runs that long.</summary>
    internal static bool Renewed(HrTrainingDbContext db, Certification certification, DateOnly validUntil, Guid correlationId, DateTimeOffset now)
    {
        if (certification.Renew(validUntil, now) is not { } previous)
        {
            return false;
        }

        var duty = certification.Duty;
        db.AddIntegrationEvent(new CertificationRenewed(
            Guid.CreateVersion7(now), now, certification.EstateId, correlationId, certification.Id, certification.StaffId,
            duty.TradeName, duty.PostName, previous, validUntil));
        return true;
    }

    private static void CheckPeriod(InputErrors errors, DateOnly validFrom, DateOnly validUntil)
    {
        if (validFrom == default || validUntil == default)
        {
            return;
        }

        if (validUntil < validFrom)
        {
            errors.Add("validUntil", "Cannot be before validFrom.");
        }
        else if (validUntil > validFrom.AddYears(MaxValidityYears))
        {
            errors.Add("validUntil", $"A certification is valid for at most {MaxValidityYears} years.");
        }
    }

    internal static CertificationResponse ToResponse(Certification c) => new(
        c.Id, c.EstateId, c.StaffId, c.Duty.TradeName, c.Duty.PostName, c.ValidFrom, c.ValidUntil, c.GrantedAt, c.GrantedBy, c.RenewedAt,
        c.RevokedAt, c.RevocationReason);
}
