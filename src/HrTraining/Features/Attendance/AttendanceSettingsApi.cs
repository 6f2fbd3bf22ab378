using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Attendance;

/// <summary>The estate's times, each <c>HH:mm</c> estate-local, in the day's order; <c>summerMonths</c> 1-12.</summary>
public sealed record AttendanceSettingsCommand(
    string? SignInBy, string? MeetingFrom, string? MeetingUntil, string? HandoverFrom, string? HandoverUntil,
    string? WinterSignOutAfter, string? SummerSignOutAfter, int[]? SummerMonths);

public sealed record AttendanceSettingsResponse(
    Guid EstateId, string SignInBy, string MeetingFrom, string MeetingUntil, string HandoverFrom, string HandoverUntil,
    string WinterSignOutAfter, string SummerSignOutAfter, int[] SummerMonths, bool IsDefault);

/// <summary>Per-estate attendance times (sign-in 08:20, meeting, handover, winter/summer sign-out) with the group's defaults.</summary>
public static class AttendanceSettingsApi
{
    public static RouteGroupBuilder MapAttendanceSettingsApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/attendance/settings").WithTags("Attendance");
        settings.MapGet("/{estateId:guid}", Get).RequireRoles(HrTrainingRoles.Staff);
        settings.MapPut("/{estateId:guid}", Change).RequireRoles(PlatformRoles.EstateManager);
        return api;
    }

    public static async Task<Ok<AttendanceSettingsResponse>> Get(Guid estateId, HrTrainingDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Scope.CanSeeEstate(estateId))
        {
            throw new NotFoundException("Estate", estateId);
        }

        var stored = await db.AttendanceSettings.AsNoTracking().SingleOrDefaultAsync(s => s.EstateId == estateId, cancellationToken);
        return TypedResults.Ok(ToResponse(stored ?? AttendanceSettings.Defaults(estateId), stored is null));
    }

    public static async Task<Ok<AttendanceSettingsResponse>> Change(
        Guid estateId, AttendanceSettingsCommand command, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var signInBy = errors.TimeOfDay(command.SignInBy, "signInBy");
        var meetingFrom = errors.TimeOfDay(command.MeetingFrom, "meetingFrom");
        var meetingUntil = errors.TimeOfDay(command.MeetingUntil, "meetingUntil");
        var handoverFrom = errors.TimeOfDay(command.HandoverFrom, "handoverFrom");
        var handoverUntil = errors.TimeOfDay(command.HandoverUntil, "handoverUntil");
        var winter = errors.TimeOfDay(command.WinterSignOutAfter, "winterSignOutAfter");
        var summer = errors.TimeOfDay(command.SummerSignOutAfter, "summerSignOutAfter");
        var months = (command.SummerMonths ?? []).Distinct().Order().ToArray();
        if (months.Any(m => m is < 1 or > 12))
        {
            errors.Add("summerMonths", "Months are 1 to 12.");
        }

        // The day runs sign-in, meeting, handover, then sign-out: each time no earlier than the one before.
        InOrder(errors, (signInBy, "signInBy"), (meetingFrom, "meetingFrom"));
        InOrder(errors, (meetingFrom, "meetingFrom"), (meetingUntil, "meetingUntil"), strictly: true);
        InOrder(errors, (meetingUntil, "meetingUntil"), (handoverFrom, "handoverFrom"));
        InOrder(errors, (handoverFrom, "handoverFrom"), (handoverUntil, "handoverUntil"), strictly: true);
        InOrder(errors, (handoverUntil, "handoverUntil"), (winter, "winterSignOutAfter"), strictly: true);
        InOrder(errors, (handoverUntil, "handoverUntil"), (summer, "summerSignOutAfter"), strictly: true);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var settings = await db.AttendanceSettings.SingleOrDefaultAsync(s => s.EstateId == estateId, cancellationToken);
        if (settings is null)
        {
            settings = AttendanceSettings.Defaults(estateId);
            db.AttendanceSettings.Add(settings);
        }

        settings.Change(signInBy!.Value, meetingFrom!.Value, meetingUntil!.Value, handoverFrom!.Value, handoverUntil!.Value, winter!.Value, summer!.Value,
            months, scope.Account(), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(settings, isDefault: false));
    }

    private static void InOrder(InputErrors errors, (TimeOnly? Time, string Field) earlier, (TimeOnly? Time, string Field) later, bool strictly = false)
    {
        if (earlier.Time is { } first && later.Time is { } second && (second < first || (strictly && second == first)))
        {
            errors.Add(later.Field, $"Must be {(strictly ? "after" : "at or after")} {earlier.Field} ({first:HH\\:mm}).");
        }
    }

    private static string Hm(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static AttendanceSettingsResponse ToResponse(AttendanceSettings s, bool isDefault) => new(
        s.EstateId, Hm(s.SignInBy), Hm(s.MeetingFrom), Hm(s.MeetingUntil), Hm(s.HandoverFrom), Hm(s.HandoverUntil), Hm(s.WinterSignOutAfter),
        Hm(s.SummerSignOutAfter), s.SummerMonths, isDefault);
}
