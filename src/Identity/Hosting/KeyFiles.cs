using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PropertyPlatform.Identity.Hosting;

/// <summary>
/// RSA keys kept as PEM files so that tokens stay valid across restarts; a missing file is created, readable by the
/// service's user only.
/// </summary>
public static class KeyFiles
{
    public static RsaSecurityKey LoadOrCreate(string directory, string fileName)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new StreamWriter(path, options);
            file.Write(rsa.ExportPkcs8PrivateKeyPem());
        }

        // A stable key id derived from the public key, so that the JWKS and the tokens agree across restarts.
        var keyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }
}
