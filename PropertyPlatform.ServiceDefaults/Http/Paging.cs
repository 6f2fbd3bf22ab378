using System.Buffers.Text;
using System.Globalization;
using System.Text;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ServiceDefaults.Http;

/// <summary>One page of a list. <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset paging over (timestamp, id), newest first: each page continues after the last row of the previous one,
/// so deep pages cost the same as the first and rows inserted meanwhile neither repeat nor vanish.
/// </summary>
public readonly record struct KeysetCursor(DateTimeOffset At, Guid Id)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{Id:N}"));

    /// <summary>Reads a cursor from the query string; a malformed one is the caller's error, named as the field.</summary>
    public static KeysetCursor? Decode(string? cursor, string field = "cursor")
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = text.Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return new KeysetCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
        }
        catch (FormatException)
        {
        }

        throw new ValidationFailedException(field, "The cursor is not one this service returned.");
    }

    public static int ValidateLimit(int? limit, string field = "limit") => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => limit.Value,
        _ => throw new ValidationFailedException(field, $"The limit must be between 1 and {MaxLimit}."),
    };
}

/// <summary>
/// The cursor of a list in number order (<see cref="KeysetPaging.ToNumberOrderKeysetPageAsync"/>): the last row's text,
/// its length as the database counts it, and its id.
/// </summary>
public readonly record struct NumberOrderCursor(int Length, string Text, Guid Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Length.ToString(CultureInfo.InvariantCulture)}:{Id:N}:{Text}"));

    /// <summary>Reads a cursor from the query string; a malformed one is the caller's error, named as the field.</summary>
    public static NumberOrderCursor? Decode(string? cursor, string field = "cursor")
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            // The text comes last and may hold colons itself.
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(':', 3);
            if (parts.Length == 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return new NumberOrderCursor(length, parts[2], id);
            }
        }
        catch (FormatException)
        {
        }

        throw new ValidationFailedException(field, "The cursor is not one this service returned.");
    }
}
