using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// axe-core, the accessibility engine, from the npm registry: the pinned version's package is fetched once per machine
/// (its integrity checked against the registry's published SHA-512, as npm does), and its <c>axe.min.js</c> is injected
/// into the page under test. No Node.js is needed: the package is a tarball.
/// </summary>
public static class AxeCore
{
    public const string Version = "4.14.1";

    /// <summary>The registry's <c>dist.integrity</c> of axe-core 4.14.1 (<c>npm view axe-core@4.14.1 dist.integrity</c>).</summary>
    private const string Integrity = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==";

    private static readonly SemaphoreSlim Fetching = new(1, 1);
    private static string? _script;

    /// <summary>One rule broken on the page: its id, how bad (minor, moderate, serious, critical), what it asks and where.</summary>
    public sealed record Violation(string Id, string? Impact, string Help, IReadOnlyList<string> Targets);

    /// <summary>Runs every axe rule on <paramref name="page"/> as it is now and returns the violations.</summary>
    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page, CancellationToken cancellationToken)
    {
        await page.EvaluateAsync(await ScriptAsync(cancellationToken));
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }))
            """);
        return violations.Deserialize<List<Violation>>(JsonSerializerOptions.Web)!;
    }

    private static async Task<string> ScriptAsync(CancellationToken cancellationToken)
    {
        if (_script is not null)
        {
            return _script;
        }

        await Fetching.WaitAsync(cancellationToken);
        try
        {
            var cached = Path.Combine(Path.GetTempPath(), "propertyplatform-npm", $"axe-core-{Version}.min.js");
            if (!File.Exists(cached))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
                var script = await DownloadAsync(cancellationToken);
                var partial = $"{cached}.{Environment.ProcessId}";
                await File.WriteAllTextAsync(partial, script, cancellationToken);
                File.Move(partial, cached, overwrite: true);
            }

            return _script = await File.ReadAllTextAsync(cached, cancellationToken);
        }
        finally
        {
            Fetching.Release();
        }
    }

    private static async Task<string> DownloadAsync(CancellationToken cancellationToken)
    {
        var registry = Environment.GetEnvironmentVariable("npm_config_registry") is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : "https://registry.npmjs.org";
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var tarball = await http.GetByteArrayAsync($"{registry}/axe-core/-/axe-core-{Version}.tgz", cancellationToken);
        var integrity = $"sha512-{Convert.ToBase64String(SHA512.HashData(tarball))}";
        if (integrity != Integrity)
        {
            throw new InvalidOperationException($"axe-core {Version} from {registry} has integrity {integrity}, not the published {Integrity}.");
        }

        await using var gzip = new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
        {
            if (entry.Name == "package/axe.min.js" && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data);
                return await reader.ReadToEndAsync(cancellationToken);
            }
        }

        throw new InvalidOperationException($"axe-core {Version}'s package has no axe.min.js.");
    }
}
