namespace PropertyPlatform.ServiceDefaults.Security;

/// <summary>How owners' personal data is shown to people whose role does not need it in full.</summary>
public static class PersonalData
{
    /// <summary><c>13812341234</c> → <c>138****1234</c>: the first three and last four digits; short values are hidden entirely.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        return phone.Length < 8 ? new string('*', phone.Length) : string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4));
    }
}
