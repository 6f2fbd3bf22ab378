using System.Globalization;

namespace PropertyPlatform.ServiceDefaults.Http;

/// <summary>Dates and times as the front desk gives them: estate-local wall-clock values, and instants that already happened.</summary>
public static class LocalInput
{
    /// <summary>An estate-local day, <c>yyyy-MM-dd</c>.</summary>
    public static DateOnly LocalDate(this InputErrors errors, string? value, string field)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "Required, as yyyy-MM-dd (the estate's local date).");
        return default;
    }

    /// <summary>An estate-local wall-clock time, <c>yyyy-MM-ddTHH:mm</c>, to be turned into an instant with the estate's calendar.</summary>
    public static (DateOnly Date, TimeOnly Time) LocalDateTime(this InputErrors errors, string? value, string field)
    {
        if (DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        }

        errors.Add(field, "Required, as yyyy-MM-ddTHH:mm (the estate's local time, no offset).");
        return default;
    }

    /// <summary>An estate-local time of day, <c>HH:mm</c>.</summary>
    public static TimeOnly? TimeOfDay(this InputErrors errors, string? value, string field)
    {
        if (TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        errors.Add(field, "Required, as HH:mm in the estate's local time.");
        return null;
    }

    /// <summary>When something took place: now if left out; never in the future (a minute of clock skew is allowed).</summary>
    public static DateTimeOffset HappenedAt(this InputErrors errors, DateTimeOffset? value, string field, DateTimeOffset now)
    {
        if (value is null)
        {
            return now;
        }

        if (value > now.AddMinutes(1))
        {
            errors.Add(field, "Cannot be in the future.");
        }
        else if (value < now.AddYears(-2))
        {
            errors.Add(field, "Cannot be more than two years back.");
        }

        return value.Value.ToUniversalTime();
    }

    /// <summary>Whether <paramref name="value"/> names a <typeparamref name="TEnum"/> value, so rules that depend on it can run.</summary>
    public static bool Names<TEnum>(string? value) where TEnum : struct, Enum =>
        value is not null && Enum.GetNames<TEnum>().Contains(value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Optional text: null when left out or blank, otherwise trimmed and at most <paramref name="maxLength"/> characters.</summary>
    public static string? OptionalText(this InputErrors errors, string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : errors.Text(value, field, maxLength);
}
