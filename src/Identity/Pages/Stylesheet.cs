using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PropertyPlatform.Identity.Pages;

/// <summary>
/// The pages' one stylesheet (sign-in.css, embedded in the assembly so it is there wherever identity runs), served under
/// /account so the gateway routes it to identity, with its content hash in the URL so browsers may keep it for good.
/// </summary>
public sealed class Stylesheet
{
    public const string Path = "/sign-in.css";

    private readonly byte[] _content;

    public Stylesheet()
    {
        using var resource = typeof(Stylesheet).Assembly.GetManifestResourceStream(typeof(Stylesheet).Namespace + ".sign-in.css")
            ?? throw new InvalidOperationException("sign-in.css is not embedded.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        _content = copy.ToArray();
        Url = $"/account{Path}?v={Convert.ToHexStringLower(SHA256.HashData(_content))[..16]}";
    }

    public string Url { get; }

    public static FileContentHttpResult Serve(Stylesheet stylesheet, HttpResponse response)
    {
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.File(stylesheet._content, "text/css; charset=utf-8");
    }
}
