using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Generated passwords kept in the state folder, and masking of secrets for display.</summary>
internal static partial class Secrets
{
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Reads the password stored for a resource, or generates and stores one (readable by root only).</summary>
    public static string GetOrCreatePassword(string stateDirectory, string resourceName)
    {
        var directory = Path.Combine(stateDirectory, "secrets");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, resourceName + ".password");
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        var password = RandomNumberGenerator.GetString(Alphabet, 24);
        File.WriteAllText(file, password);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }

    /// <summary>Hides passwords in connection strings and URLs: <c>Password=***</c>, <c>amqp://user:***@host</c>.</summary>
    public static string Mask(string value) =>
        UrlPassword().Replace(PasswordPair().Replace(value, "$1***"), "$1***$2");

    [GeneratedRegex("((?:Password|Pwd)\\s*=\\s*)[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPair();

    [GeneratedRegex("(://[^:/@\\s]+:)[^@\\s]*(@)")]
    private static partial Regex UrlPassword();
}
