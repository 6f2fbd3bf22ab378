using System.Security.Cryptography;
using System.Text;

namespace PropertyPlatform.Identity.Features.Owners;

/// <summary>One-time activation codes: random, easy to read out at the front desk, stored only as a hash.</summary>
public static class ActivationCodes
{
    public const int Length = 10;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    // No 0/O, 1/I/L: the code is read aloud or copied from paper.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, Length);

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));

    public static bool Matches(string code, string? storedHash) =>
        storedHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(code)), Encoding.ASCII.GetBytes(storedHash));
}
