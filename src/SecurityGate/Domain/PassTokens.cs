using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PropertyPlatform.SecurityGate.Domain;

/// <summary>What a pass token states; the signature makes it unforgeable, so an offline gate can trust it.</summary>
public sealed record PassClaims(Guid PassId, Guid EstateId, Guid UnitId, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil);

public sealed record PassVerification(PassClaims? Claims, PassRefusal? Refusal)
{
    public bool IsValid => Refusal is null;
}

/// <summary>
/// Pass tokens: <c>GP1.&lt;claims&gt;.&lt;signature&gt;</c>, base64url, signed with ECDSA P-256 (SHA-256). The claims are a fixed
/// binary layout (kept short so the QR code stays easy to scan). An asymmetric key lets a gate verify passes offline
/// with the public key alone: a stolen gate device cannot mint passes.
/// </summary>
public static class PassTokens
{
    private const string Prefix = "GP1";
    private const int ClaimsLength = 16 * 3 + 8 * 2;

    public static string Sign(PassClaims claims, ECDsa privateKey)
    {
        var body = Base64Url(Encode(claims));
        var signature = privateKey.SignData(Encoding.ASCII.GetBytes($"{Prefix}.{body}"), HashAlgorithmName.SHA256);
        return $"{Prefix}.{body}.{Base64Url(signature)}";
    }

    /// <summary>The claims of a genuine token, or <see cref="PassRefusal.Tampered"/>; says nothing about time or use.</summary>
    public static PassVerification VerifySignature(string? token, ECDsa publicKey)
    {
        var tampered = new PassVerification(null, PassRefusal.Tampered);
        var parts = (token ?? "").Trim().Split('.');
        if (parts.Length != 3 || parts[0] != Prefix
            || FromBase64Url(parts[1]) is not { Length: ClaimsLength } claims
            || FromBase64Url(parts[2]) is not { } signature
            || !publicKey.VerifyData(Encoding.ASCII.GetBytes($"{Prefix}.{parts[1]}"), signature, HashAlgorithmName.SHA256))
        {
            return tampered;
        }

        return new PassVerification(Decode(claims), null);
    }

    /// <summary>
    /// What a gate can check without the server: the signature and the time window. Revocation and uses are the
    /// server's, checked online or when the gate uploads its uses.
    /// </summary>
    public static PassVerification VerifyOffline(string? token, ECDsa publicKey, DateTimeOffset now)
    {
        var verification = VerifySignature(token, publicKey);
        return verification.Claims is { } claims && WindowRefusal(claims, now) is { } refusal ? verification with { Refusal = refusal } : verification;
    }

    public static PassRefusal? WindowRefusal(PassClaims claims, DateTimeOffset at) =>
        at < claims.ValidFrom ? PassRefusal.NotYetValid : at > claims.ValidUntil ? PassRefusal.Expired : null;

    private static byte[] Encode(PassClaims claims)
    {
        var bytes = new byte[ClaimsLength];
        claims.PassId.TryWriteBytes(bytes.AsSpan(0, 16));
        claims.EstateId.TryWriteBytes(bytes.AsSpan(16, 16));
        claims.UnitId.TryWriteBytes(bytes.AsSpan(32, 16));
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(48, 8), claims.ValidFrom.ToUnixTimeSeconds());
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(56, 8), claims.ValidUntil.ToUnixTimeSeconds());
        return bytes;
    }

    private static PassClaims Decode(byte[] bytes) => new(
        new Guid(bytes.AsSpan(0, 16)),
        new Guid(bytes.AsSpan(16, 16)),
        new Guid(bytes.AsSpan(32, 16)),
        DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(48, 8))),
        DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(56, 8))));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        if (text.Length == 0 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
