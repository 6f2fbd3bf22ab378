using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;

namespace PropertyPlatform.Reception.Features.Registry;

/// <summary>
/// The registry's input rules and announcements, shared by the single-record endpoints and the bulk import so that a
/// unit or an owner is the same whichever way it enters.
/// </summary>
internal static class RegistryRules
{
    public static (string Number, int Floor, decimal FloorArea, UnitUsage Usage, UnitStatus Status) Unit(
        InputErrors errors, string? number, int? floor, decimal? floorArea, string? usage, string? status)
    {
        var checkedNumber = errors.Text(number, "number", maxLength: 32);
        if (floor is null or < -10 or > 200)
        {
            errors.Add("floor", "Required, between -10 and 200.");
        }

        if (floorArea is not { } area || area <= 0 || area > 100_000 || decimal.Round(area, 2) != area)
        {
            errors.Add("floorArea", "Required: square metres above 0, at most two decimals.");
        }

        var checkedUsage = errors.Enum<UnitUsage>(usage, "usage");
        var checkedStatus = string.IsNullOrWhiteSpace(status) ? UnitStatus.Vacant : errors.Enum<UnitStatus>(status.Trim(), "status");
        return (checkedNumber, floor ?? 0, floorArea ?? 0, checkedUsage, checkedStatus);
    }

    public static (string FullName, string Phone, string IdNumber) Owner(
        InputErrors errors, string? fullName, string? phone, string? idNumber,
        string fullNameField = "fullName", string phoneField = "phone", string idNumberField = "idNumber") =>
        (errors.Text(fullName, fullNameField, maxLength: 200),
         errors.Phone(phone, phoneField),
         errors.Text(idNumber, idNumberField, maxLength: 32, minLength: 8));

    public static UnitRegistered Registered(Domain.Unit unit, DateTimeOffset now, Guid correlationId) => new(
        Guid.CreateVersion7(now), now, unit.EstateId, correlationId, unit.Id, unit.BuildingId, unit.Number, unit.FloorArea,
        unit.Usage.ToString(), unit.Status.ToString());

    public static OwnerRegistered Registered(Domain.Owner owner, DateTimeOffset now, Guid correlationId) => new(
        Guid.CreateVersion7(now), now, owner.EstateId, correlationId, owner.Id, owner.FullName, owner.Phone, owner.UnitIds);

    /// <summary>An estate's calendar as entered: time zone, opening hours (HH:mm, local) and working days.</summary>
    public static (string TimeZoneId, TimeOnly OpensAt, TimeOnly ClosesAt, List<DayOfWeek> WorkingDays) Calendar(
        InputErrors errors, string? timeZoneId, string? opensAt, string? closesAt, string[]? workingDays)
    {
        var checkedTimeZoneId = timeZoneId?.Trim() ?? "";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(checkedTimeZoneId, out _))
        {
            errors.Add("timeZoneId", "Must be an IANA time zone id, e.g. Asia/Shanghai.");
        }

        var opens = errors.TimeOfDay(opensAt, "opensAt");
        var closes = errors.TimeOfDay(closesAt, "closesAt");
        if (opens is not null && closes is not null && closes <= opens)
        {
            errors.Add("closesAt", "Must be after opensAt.");
        }

        var days = new List<DayOfWeek>();
        foreach (var day in workingDays ?? [])
        {
            days.Add(errors.Enum<DayOfWeek>(day, "workingDays"));
        }

        if (days.Count == 0)
        {
            errors.Add("workingDays", "At least one working day is required.");
        }

        return (checkedTimeZoneId, opens ?? default, closes ?? default, days);
    }

    public static EstateRegistered Registered(Estate estate, DateTimeOffset now, Guid correlationId) => new(
        Guid.CreateVersion7(now), now, estate.Id, correlationId, estate.Name, estate.TimeZoneId, estate.Currency, WorkingDays(estate));

    public static EstateCalendarChanged CalendarChanged(Estate estate, DateTimeOffset now, Guid correlationId) => new(
        Guid.CreateVersion7(now), now, estate.Id, correlationId, estate.Name, estate.TimeZoneId, estate.Currency, WorkingDays(estate));

    private static EstateWorkingDay[] WorkingDays(Estate estate) =>
        [.. estate.WorkingDays.Select(day => new EstateWorkingDay(day, estate.OpensAt, estate.ClosesAt))];
}
