using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Attendance;

public sealed record RegisterDeviceCommand(Guid? StaffId, string? DeviceId);

public sealed record DeviceResponse(Guid Id, Guid StaffId, string DeviceId, DateTimeOffset RegisteredAt, string RegisteredBy, DateTimeOffset? RemovedAt);

/// <summary>
/// A sign-in or sign-out from <c>deviceId</c>. The person is always the caller; <c>staffId</c>, when given, must be the
/// caller too (a clerk's app may send it), anything else is refused as a proxy sign-in.
/// </summary>
public sealed record SignCommand(string? DeviceId, Guid? StaffId = null);

public sealed record AttendanceResponse(
    Guid Id, Guid ShiftId, Guid StaffId, Guid EstateId, DateOnly Day, DateTimeOffset SignInBy, DateTimeOffset SignOutFrom,
    DateTimeOffset SignedInAt, int MinutesLate, DateTimeOffset? SignedOutAt, int MinutesEarly);

public sealed record ProxyAttemptResponse(
    Guid Id, Guid EstateId, Guid CallerId, Guid? OnBehalfOfId, string DeviceId, string Action, string Reason, DateTimeOffset AttemptedAt);

/// <summary>
/// Sign-in and sign-out against the rostered shift, by the person themself from a device registered to them (no proxy
/// sign-in, 严禁代签): naming someone else, or using someone else's or an unregistered device, is refused (403) and the
/// attempt is kept for the supervisors. Lateness and early leave are judged in the estate's time by its settings.
/// </summary>
public static class AttendanceApi
{
    public const string SignInAction = "sign-in";
    public const string SignOutAction = "sign-out";

    public static RouteGroupBuilder MapAttendanceApi(this RouteGroupBuilder api)
    {
        var attendance = api.MapGroup("/attendance").WithTags("Attendance");
        attendance.MapPost("/sign-in", SignIn).RequireRoles(HrTrainingRoles.Staff);
        attendance.MapPost("/sign-out", SignOut).RequireRoles(HrTrainingRoles.Staff);
        attendance.MapGet("/mine", Mine).RequireRoles(HrTrainingRoles.Staff);
        attendance.MapGet("/records", List).RequireRoles(HrTrainingRoles.Readers);
        attendance.MapPost("/devices", RegisterDevice).RequireRoles(HrTrainingRoles.Supervisors);
        attendance.MapGet("/devices", ListDevices).RequireRoles(HrTrainingRoles.Supervisors);
        attendance.MapDelete("/devices/{id:guid}", RemoveDevice).RequireRoles(HrTrainingRoles.Supervisors);
        attendance.MapGet("/proxy-attempts", ProxyAttempts).RequireRoles(HrTrainingRoles.Supervisors);
        return api;
    }

    /// <summary>Signs the caller into their rostered shift (published, opening <see cref="ShiftTimes.SignInOpensBefore"/> before it starts, until it ends).</summary>
    public static async Task<Ok<AttendanceResponse>> SignIn(
        SignCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var deviceId = ReadDevice(command.DeviceId);
        var now = time.GetUtcNow();
        var staffId = await EnsureSignerAsync(db, scope, command.StaffId, deviceId, SignInAction, now, cancellationToken);
        var opensBy = now + ShiftTimes.SignInOpensBefore;
        var shift = await db.Shifts.IgnoreQueryFilters()
            .Where(s => s.StaffId == staffId && s.PublishedAt != null && s.StartsAt <= opensBy && s.EndsAt > now)
            .Where(s => !db.AttendanceRecords.Any(r => r.ShiftId == s.Id))
            .OrderBy(s => s.StartsAt)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new ConflictException(
                "You have no rostered shift to sign into now (a published shift opens for sign-in three hours before it starts), or you already signed in.");

        var calendar = await calendars.GetKnownAsync(shift.EstateId, cancellationToken);
        var settings = await SettingsOfAsync(db, shift.EstateId, cancellationToken);
        var record = AttendanceRecord.SignIn(shift, ShiftTimes.Of(shift, settings, calendar), deviceId, now);
        db.AttendanceRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException("You already signed into this shift.");
        }

        return TypedResults.Ok(ToResponse(record));
    }

    /// <summary>Signs the caller out of the shift they are signed into (the earliest still open).</summary>
    public static async Task<Ok<AttendanceResponse>> SignOut(
        SignCommand command, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var deviceId = ReadDevice(command.DeviceId);
        var now = time.GetUtcNow();
        var staffId = await EnsureSignerAsync(db, scope, command.StaffId, deviceId, SignOutAction, now, cancellationToken);
        var record = await db.AttendanceRecords.IgnoreQueryFilters()
            .Where(r => r.StaffId == staffId && r.SignedOutAt == null && r.SignedInAt <= now)
            .OrderBy(r => r.SignedInAt)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new ConflictException("You are not signed into a shift.");
        record.SignOut(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("You already signed out of this shift.");
        }

        return TypedResults.Ok(ToResponse(record));
    }

    /// <summary>The caller's own attendance of an estate-local month (every estate they worked in).</summary>
    public static async Task<Ok<AttendanceResponse[]>> Mine(HrTrainingDbContext db, EstateScope scope, string? month, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var firstDay = errors.Month(month, "month");
        errors.ThrowIfAny();
        var staffId = CallerStaffId(scope);
        var nextMonth = firstDay.AddMonths(1);
        var records = await db.AttendanceRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.StaffId == staffId && r.Day >= firstDay && r.Day < nextMonth)
            .OrderBy(r => r.SignedInAt)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(records.Select(ToResponse).ToArray());
    }

    /// <summary>An estate's sign-ins, newest first; by person.</summary>
    public static async Task<Ok<Page<AttendanceResponse>>> List(
        HrTrainingDbContext db, Guid? estateId, Guid? staffId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        errors.ThrowIfAny();
        if (!db.Scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        var query = db.AttendanceRecords.AsNoTracking().Where(r => r.EstateId == estate);
        query = staffId is null ? query : query.Where(r => r.StaffId == staffId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(r => r.SignedInAt, r => r.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>Registers a device to a person of the caller's estates; a device registered to someone else must be removed first.</summary>
    public static async Task<Created<DeviceResponse>> RegisterDevice(
        RegisterDeviceCommand command, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var staffId = errors.Id(command.StaffId, "staffId");
        var deviceId = errors.Text(command.DeviceId, "deviceId", maxLength: 100);
        errors.ThrowIfAny();
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new NotFoundException("Staff member", staffId);
        scope.EnsureCanWrite(staff.EstateId);
        if (!staff.IsActive)
        {
            throw new ConflictException($"The employment of {staff.DisplayName} ({staffId}) has ended.");
        }

        if (await db.Devices.IgnoreQueryFilters().AnyAsync(d => d.DeviceId == deviceId && d.RemovedAt == null, cancellationToken))
        {
            throw new ConflictException($"Device '{deviceId}' is already registered; a device belongs to one person.");
        }

        var device = RegisteredDevice.Register(staff, deviceId, scope.Account(), time.GetUtcNow());
        db.Devices.Add(device);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"Device '{deviceId}' is already registered; a device belongs to one person.");
        }

        return TypedResults.Created($"/api/hr-training/attendance/devices?staffId={staffId}", ToResponse(device));
    }

    public static async Task<Ok<DeviceResponse[]>> ListDevices(HrTrainingDbContext db, Guid? staffId, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var person = errors.Id(staffId, "staffId");
        errors.ThrowIfAny();
        var devices = await db.Devices.AsNoTracking().Where(d => d.StaffId == person).OrderBy(d => d.RegisteredAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(devices.Select(ToResponse).ToArray());
    }

    public static async Task<NoContent> RemoveDevice(Guid id, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw new NotFoundException("Device", id);
        scope.EnsureCanWrite(device.EstateId);
        device.Remove(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The refused sign-ins for someone else of an estate, newest first.</summary>
    public static async Task<Ok<Page<ProxyAttemptResponse>>> ProxyAttempts(
        HrTrainingDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        errors.ThrowIfAny();
        if (!db.Scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        var query = db.ProxySignInAttempts.AsNoTracking().Where(a => a.EstateId == estate);
        return TypedResults.Ok(await query.ToKeysetPageAsync(a => a.AttemptedAt, a => a.Id, cursor, limit,
            a => new ProxyAttemptResponse(a.Id, a.EstateId, a.CallerId, a.OnBehalfOfId, a.DeviceId, a.Action, a.Reason.ToString(), a.AttemptedAt),
            cancellationToken));
    }

    /// <summary>The caller's staff id: the token's subject, which is the identity account id the employment file is keyed by.</summary>
    internal static Guid CallerStaffId(EstateScope scope) =>
        Guid.TryParse(scope.Subject, out var staffId) ? staffId : throw new ForbiddenException("Only a person signs in, for themself.");

    internal static async Task<AttendanceSettings> SettingsOfAsync(HrTrainingDbContext db, Guid estateId, CancellationToken cancellationToken) =>
        await db.AttendanceSettings.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.EstateId == estateId, cancellationToken)
        ?? AttendanceSettings.Defaults(estateId);

    private static string ReadDevice(string? deviceId)
    {
        var errors = new InputErrors();
        var device = errors.Text(deviceId, "deviceId", maxLength: 100);
        errors.ThrowIfAny();
        return device;
    }

    /// <summary>
    /// The person signing: the caller, with an employment file, from a device registered to them. Anything else is a
    /// proxy sign-in: the attempt is saved (in the estate of the person it was for, else the caller's) and refused.
    /// </summary>
    private static async Task<Guid> EnsureSignerAsync(
        HrTrainingDbContext db, EstateScope scope, Guid? claimedStaffId, string deviceId, string action, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var callerId = CallerStaffId(scope);
        var caller = await db.Staff.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.Id == callerId, cancellationToken)
            ?? throw new ForbiddenException("Your account has no employment file; nothing to sign into.");
        var device = await db.Devices.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(d => d.DeviceId == deviceId && d.RemovedAt == null, cancellationToken);
        (ProxyAttemptReason Reason, Guid? OnBehalfOf)? refusal =
            claimedStaffId is { } claimed && claimed != callerId ? (ProxyAttemptReason.OtherPerson, claimed)
            : device is null ? (ProxyAttemptReason.UnregisteredDevice, null)
            : device.StaffId != callerId ? (ProxyAttemptReason.OtherPersonsDevice, device.StaffId)
            : null;
        if (refusal is not { } proxy)
        {
            return callerId;
        }

        var estateId = proxy.OnBehalfOf is { } other
            ? await db.Staff.IgnoreQueryFilters().Where(s => s.Id == other).Select(s => (Guid?)s.EstateId).SingleOrDefaultAsync(cancellationToken) ?? caller.EstateId
            : caller.EstateId;
        db.ChangeTracker.Clear();
        db.ProxySignInAttempts.Add(ProxySignInAttempt.Record(estateId, callerId, proxy.OnBehalfOf, deviceId, action, proxy.Reason, now));
        await db.SaveChangesAsync(cancellationToken);
        throw new ForbiddenException(proxy.Reason switch
        {
            ProxyAttemptReason.OtherPerson => "You can only sign in and out for yourself; the attempt was recorded.",
            ProxyAttemptReason.OtherPersonsDevice => "This device is registered to someone else; the attempt was recorded.",
            _ => "This device is not registered to you; ask your supervisor to register it. The attempt was recorded.",
        });
    }

    internal static AttendanceResponse ToResponse(AttendanceRecord r) => new(
        r.Id, r.ShiftId, r.StaffId, r.EstateId, r.Day, r.SignInBy, r.SignOutFrom, r.SignedInAt, r.MinutesLate, r.SignedOutAt, r.MinutesEarly);

    private static DeviceResponse ToResponse(RegisteredDevice d) => new(d.Id, d.StaffId, d.DeviceId, d.RegisteredAt, d.RegisteredBy, d.RemovedAt);
}
