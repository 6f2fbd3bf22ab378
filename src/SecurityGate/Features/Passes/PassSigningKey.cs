using System.Security.Cryptography;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.SecurityGate.Features.Passes;

/// <summary>
/// The ECDSA P-256 key passes are signed with, from <c>SecurityGate:PassSigningKey</c> (a PEM private key, kept in the
/// secret store; every instance shares it). Its public half is served to gate devices for offline checks.
/// </summary>
public sealed class PassSigningKey : IDisposable
{
    public const string SettingName = "SecurityGate:PassSigningKey";

    private PassSigningKey(ECDsa key)
    {
        Key = key;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
    }

    public ECDsa Key { get; }

    public string PublicKeyPem { get; }

    public static PassSigningKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException($"{SettingName} must be an ECDSA P-256 key.");
        }

        return new PassSigningKey(key);
    }

    /// <summary>
    /// The configured key; on a developer's machine without one, a fresh key per run (passes then die with the
    /// process). Elsewhere a missing key stops the service at start (see <see cref="ProductionSafety"/>).
    /// </summary>
    public static IHostApplicationBuilder AddPassSigningKey(IHostApplicationBuilder builder)
    {
        var pem = builder.Configuration[SettingName];
        builder.RefuseDevelopmentSettings("SecurityGate", string.IsNullOrWhiteSpace(pem)
            ? [$"{SettingName} is not set: passes need a signing key shared by every instance."]
            : []);
        builder.Services.AddSingleton(_ => string.IsNullOrWhiteSpace(pem)
            ? new PassSigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256))
            : FromPem(pem));
        return builder;
    }

    public void Dispose() => Key.Dispose();
}
