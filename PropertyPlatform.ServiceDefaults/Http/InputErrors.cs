using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ServiceDefaults.Http;

/// <summary>
/// Collects field errors for a request so that all of them are reported at once, before anything changes.
/// </summary>
public sealed class InputErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public void Add(string field, string error)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(error);
    }

    /// <summary>Checks that <paramref name="value"/> has text of at most <paramref name="maxLength"/> characters; returns it trimmed.</summary>
    public string Text(string? value, string field, int maxLength, int minLength = 1)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            Add(field, "Required.");
        }
        else if (trimmed.Length < minLength || trimmed.Length > maxLength)
        {
            Add(field, $"Must be between {minLength} and {maxLength} characters.");
        }

        return trimmed;
    }

    /// <summary>A phone number: 6 to 20 digits, optionally with a leading + and spaces or dashes, which are dropped.</summary>
    public string Phone(string? value, string field)
    {
        var compact = string.Concat((value ?? "").Where(c => c is not (' ' or '-')));
        var digits = compact.StartsWith('+') ? compact[1..] : compact;
        if (digits.Length is < 6 or > 20 || !digits.All(char.IsAsciiDigit))
        {
            Add(field, "Must be a phone number of 6 to 20 digits.");
        }

        return compact;
    }

    /// <summary>
    /// A licence plate as every service compares it (<see cref="NormalizePlate"/>): 5 to 10 letters and digits once spaces,
    /// dots and dashes are dropped (京A·12345 → 京A12345).
    /// </summary>
    public string Plate(string? value, string field)
    {
        var plate = NormalizePlate(value ?? "");
        if (plate.Length is < 5 or > 10 || !plate.All(char.IsLetterOrDigit))
        {
            Add(field, "Required: a licence plate of 5 to 10 letters and digits.");
        }

        return plate;
    }

    /// <summary>A plate as compared: upper case, without spaces, dots or dashes.</summary>
    public static string NormalizePlate(string plate) =>
        string.Concat(plate.Where(c => !(char.IsWhiteSpace(c) || c is '-' or '.' or '·'))).ToUpperInvariant();

    /// <summary>An e-mail address (<c>name@domain</c>, at most 254 characters); returns it trimmed.</summary>
    public string Email(string? value, string field)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length is 0 or > 254
            || !System.Net.Mail.MailAddress.TryCreate(trimmed, out var parsed)
            || parsed.Address != trimmed
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            Add(field, "Must be an e-mail address such as name@example.com.");
        }

        return trimmed;
    }

    /// <summary>Checks that an id is present and not empty.</summary>
    public Guid Id(Guid? value, string field)
    {
        if (value is null || value == Guid.Empty)
        {
            Add(field, "Required.");
            return Guid.Empty;
        }

        return value.Value;
    }

    /// <summary>An id that may be left out (null); an empty one is refused, saying what leaving it out means.</summary>
    public Guid? OptionalId(Guid? value, string field, string leftOutMeans)
    {
        if (value == Guid.Empty)
        {
            Add(field, $"Must be an id, or left out {leftOutMeans}.");
        }

        return value;
    }

    /// <summary>
    /// Ids written comma-separated in a query string (<c>ids=a,b</c>): one to <paramref name="max"/> of them, each an id;
    /// returns them without repeats.
    /// </summary>
    public IReadOnlyList<Guid> IdList(string? value, string field, int max)
    {
        var parts = (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var ids = new List<Guid>();
        foreach (var part in parts)
        {
            if (!Guid.TryParse(part, out var id) || id == Guid.Empty)
            {
                Add(field, $"'{part}' is not an id.");
                return [];
            }

            ids.Add(id);
        }

        if (ids.Count == 0 || ids.Count > max)
        {
            Add(field, $"Must be from 1 to {max} ids, comma-separated.");
        }

        return [.. ids.Distinct()];
    }

    /// <summary>Parses a named value of <typeparamref name="TEnum"/> (case-insensitive; numbers are not accepted).</summary>
    public TEnum Enum<TEnum>(string? value, string field) where TEnum : struct, Enum
    {
        if (value is not null && !value.Any(char.IsDigit) && System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        Add(field, $"Must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return default;
    }

    /// <summary>Parses a calendar month written <c>yyyy-MM</c> (e.g. <c>2026-11</c>); returns its first day.</summary>
    public DateOnly Month(string? value, string field)
    {
        if (value is not null && DateOnly.TryParseExact($"{value}-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var first))
        {
            return first;
        }

        Add(field, "Required: a month written yyyy-MM, e.g. 2026-11.");
        return default;
    }

    /// <summary>A currency the platform accepts (<see cref="Currencies"/>), as its ISO 4217 code.</summary>
    public string Currency(string? value, string field)
    {
        var code = value?.Trim() ?? "";
        if (!Currencies.TryGetScale(code, out _))
        {
            Add(field, $"Must be one of the accepted currencies: {string.Join(", ", Currencies.Accepted)}.");
        }

        return code;
    }

    /// <summary>
    /// An amount of money in <paramref name="currency"/>, from 0 (or from -<paramref name="max"/> when
    /// <paramref name="allowNegative"/>) to <paramref name="max"/>. Never rounded: an amount with more decimals than the
    /// currency has (CNY 12.345) is refused rather than silently changed; trailing zeros (12.50, 12.500) are fine.
    /// </summary>
    public decimal Money(decimal? value, string? currency, string field, decimal max, bool allowNegative = false)
    {
        if (value is null)
        {
            Add(field, "Required: an amount.");
            return 0m;
        }

        if (!Currencies.TryGetScale(currency, out var scale))
        {
            Add(field, $"Cannot be checked: '{currency}' is not a currency the platform accepts.");
            return 0m;
        }

        var amount = value.Value;
        var min = allowNegative ? -max : 0m;
        if (decimal.Round(amount, scale) != amount)
        {
            Add(field, $"Must have at most {scale} decimals in {currency}.");
        }
        else if (amount < min || amount > max)
        {
            Add(field, $"Must be between {min} and {max} {currency}.");
        }

        return amount;
    }

    /// <summary><see cref="Money(decimal?, string?, string, decimal, bool)"/> from text (a query string): invariant digits, '.' for decimals, no thousands separators.</summary>
    public decimal Money(string? value, string? currency, string field, decimal max, bool allowNegative = false)
    {
        const System.Globalization.NumberStyles Plain =
            System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint;
        if (value is null)
        {
            return Money((decimal?)null, currency, field, max, allowNegative);
        }

        if (decimal.TryParse(value, Plain, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return Money(parsed, currency, field, max, allowNegative);
        }

        Add(field, "Must be an amount such as 12.50.");
        return 0m;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
