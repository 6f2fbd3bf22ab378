namespace PropertyPlatform.ServiceDefaults.Security;

/// <summary>Personal data as lists show it to roles that do not need it in full.</summary>
public static class PersonalData
{
    /// <summary>
    /// <c>13812341234</c> → <c>138****1234</c>: the first three and the last four characters stay; anything too short to
    /// keep both is masked entirely.
    /// </summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return phone;
        }

        var trimmed = phone.Trim();
        return trimmed.Length < 8 ? "****" : $"{trimmed[..3]}****{trimmed[^4..]}";
    }

    /// <summary>An identity-card number: the first three and last four characters stay (<c>110***********1234</c>).</summary>
    public static string? MaskIdNumber(string? idNumber)
    {
        if (string.IsNullOrWhiteSpace(idNumber))
        {
            return idNumber;
        }

        var trimmed = idNumber.Trim();
        return trimmed.Length < 8 ? "****" : $"{trimmed[..3]}{new string('*', trimmed.Length - 7)}{trimmed[^4..]}";
    }

    /// <summary><c>zhang.wei@example.com</c> → <c>z***@example.com</c>: the first character and the domain stay.</summary>
    public static string? MaskEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return email;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "****" : $"{email[0]}***{email[at..]}";
    }
}
